//! Bulletins as pages and the API show them: a row per bulletin, and the document itself laid
//! out like the printed official document (masthead, number, title, body, colophon).

use luoshi_domain::{Block, BulletinFacts, Lang, blocks, fmt_date};
use luoshi_store::bulletin::Bulletin;
use serde::Serialize;
use utoipa::ToSchema;

use crate::ops::{
    bulletin::{MASTHEAD, number_of},
    bulletin_facts::facts_of,
};

/// One bulletin in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulletinRow {
    /// Its id.
    pub id: i64,
    /// Its number in words (`2020年第3期`, or `（草稿）`).
    pub number: String,
    /// 标题.
    pub title: String,
    /// `draft` or `published`.
    pub status: String,
    /// The status in words.
    pub status_name: String,
    /// Shown on the public site once published.
    pub public: bool,
    /// The period in words.
    pub period: String,
    /// The day it was published, in words; empty for a draft.
    pub published_text: String,
    /// 责任编辑.
    pub editor: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

impl BulletinRow {
    /// The row of `b`.
    pub fn new(b: &Bulletin, lang: Lang) -> BulletinRow {
        BulletinRow {
            id: b.id,
            number: number_of(b),
            title: b.title.clone(),
            status: b.status.code().to_string(),
            status_name: if b.status == luoshi_domain::BulletinStatus::Published {
                lang.pick("已发布", "Published")
            } else {
                lang.pick("草稿", "Draft")
            }
            .to_string(),
            public: b.public,
            period: period_text(b, lang),
            published_text: b.published_on.map(|d| fmt_date(d, lang)).unwrap_or_default(),
            editor: b.editor.clone(),
            version: b.version,
        }
    }
}

fn period_text(b: &Bulletin, lang: Lang) -> String {
    match lang {
        Lang::Zh => luoshi_domain::period_name(b.period_from, b.period_to),
        Lang::En => format!("{} – {}", fmt_date(b.period_from, lang), fmt_date(b.period_to, lang)),
    }
}

/// A block of the body as a template shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockView {
    /// `heading`, `subheading`, `paragraph`, `salutation` or `table`.
    pub kind: String,
    /// Its text (empty for a table).
    pub text: String,
    /// A table's header row.
    pub head: Vec<String>,
    /// A table's other rows.
    pub rows: Vec<Vec<String>>,
}

/// A bulletin laid out as the document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulletinDoc {
    /// The list row.
    pub row: BulletinRow,
    /// 发文机关标志.
    pub masthead: String,
    /// The issuing office.
    pub issuer: String,
    /// The date on the document (published, or today for a draft), in Chinese.
    pub date: String,
    /// The body.
    pub blocks: Vec<BlockView>,
    /// 抄送.
    pub cc: String,
    /// The body as stored, for the edit form.
    pub body: String,
    /// The facts the draft was written from.
    #[schema(value_type = Object)]
    pub facts: Option<BulletinFacts>,
}

impl BulletinDoc {
    /// The document of `b`, issued by `issuer`, dated `date` when it has no date of its own.
    pub fn new(b: &Bulletin, issuer: &str, today: chrono::NaiveDate, lang: Lang) -> BulletinDoc {
        let blocks = block_views(blocks(&b.body));
        BulletinDoc {
            row: BulletinRow::new(b, lang),
            masthead: MASTHEAD.into(),
            issuer: issuer.to_string(),
            date: fmt_date(b.published_on.unwrap_or(today), Lang::Zh),
            blocks,
            cc: b.cc.clone(),
            body: b.body.clone(),
            facts: facts_of(b),
        }
    }
}

/// An official document's body as templates show it: the first paragraph addressed to units
/// (ending in `：`) is the salutation, flush left.
pub fn block_views(blocks: Vec<Block>) -> Vec<BlockView> {
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, bl)| match bl {
            Block::Heading(t) => text_block("heading", t),
            Block::Subheading(t) => text_block("subheading", t),
            Block::Paragraph(t) if i == 0 && t.ends_with('：') => text_block("salutation", t),
            Block::Paragraph(t) => text_block("paragraph", t),
            Block::Table(mut rows) => {
                let head = if rows.is_empty() { vec![] } else { rows.remove(0) };
                BlockView {
                    kind: "table".into(),
                    text: String::new(),
                    head,
                    rows,
                }
            }
        })
        .collect()
}

fn text_block(kind: &str, text: String) -> BlockView {
    BlockView {
        kind: kind.into(),
        text,
        head: vec![],
        rows: vec![],
    }
}
