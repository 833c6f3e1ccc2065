//! Reviewing a reading before its tasks are created: the text with its proposals marked, and each row with its flags.

use crate::{
    AppState, access::SupervisorCap, auth::Viewer, directory::Directory, error::AppError, error::AppResult,
    ops::extraction::NameMatch, ops::extraction::Names, ops::extraction::Problem, ops::extraction::Row,
    ops::extraction::Target, ops::extraction::table::TableView, pages::layout::Layout, pages::render,
};
use askama::Template;
use axum::{http::StatusCode, response::Response};
use luoshi_domain::{Lang, PlanKind};
use luoshi_store::plan;

/// One piece of the source text: plain, or the words of proposed task `mark`.
pub struct Segment {
    /// The words.
    pub text: String,
    /// The row whose words these are.
    pub mark: Option<usize>,
    /// That row's kind.
    pub kind: String,
}

/// A row as the page shows it.
pub struct RowView {
    /// Its index.
    pub i: usize,
    /// The row.
    pub row: Row,
    /// Co-units, joined with 、.
    pub co_text: String,
    /// Deadline as `YYYY-MM-DD`.
    pub due: String,
    /// Its kind, in words.
    pub kind_name: String,
    /// Indent for its level.
    pub indent: usize,
    /// What is wrong with it.
    pub errors: Vec<String>,
    /// What to check: names matched nearly, names not found.
    pub flags: Vec<String>,
    /// Where a table row came from: 第5行 · 编号 一/1.
    pub source: String,
    /// The task the row will update, when its key was imported into the plan before.
    pub updates: Option<i64>,
}

#[derive(Template)]
#[template(path = "extraction_review.html")]
pub(crate) struct ReviewPage {
    l: Layout,
    target: Option<(i64, String)>,
    plan_kind: String,
    plan_title: String,
    plan_doc_no: String,
    plan_issued_on: String,
    kinds: Vec<(&'static str, String)>,
    doc_kind: String,
    doc_code: String,
    year: i32,
    text: String,
    segments: Vec<Segment>,
    rows: Vec<RowView>,
    names: Vec<NameMatch>,
    units: Vec<String>,
    cycle: String,
    cycle_due_day: i64,
    start: String,
    token: String,
    general: Vec<(Option<usize>, String)>,
    /// A table file: what it gave, its columns as shown, and the file in base64.
    table: Option<TableView>,
    table_head: String,
    columns: Vec<(usize, String, String, String)>,
    roles: Vec<(&'static str, String)>,
    data: String,
    unit_choices: Vec<(i64, String)>,
    aliases: Vec<(String, i64)>,
}

impl ReviewPage {
    fn is_kind(&self, code: &str) -> bool {
        self.plan_kind == code
    }
    fn has_errors(&self) -> bool {
        !self.general.is_empty()
    }
    fn included(&self) -> usize {
        self.rows.iter().filter(|r| r.row.include).count()
    }
    fn updating(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.row.include && r.updates.is_some())
            .count()
    }
    fn alias_chosen(&self, name: &str, id: &i64) -> bool {
        self.aliases.iter().any(|(n, u)| n == name && u == id)
    }
    fn is_sheet(&self, name: &str) -> bool {
        self.table.as_ref().is_some_and(|t| t.sheet == name)
    }
}

/// The text split at the rows' spans (overlaps are shown once, for the first row).
pub(crate) fn segments(text: &str, rows: &[Row]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.span.map(|(a, b)| (a.min(chars.len()), b.min(chars.len()), i)))
        .filter(|(a, b, _)| a < b)
        .collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b, i) in spans {
        if a < at {
            continue;
        }
        if a > at {
            out.push(Segment {
                text: chars[at..a].iter().collect(),
                mark: None,
                kind: String::new(),
            });
        }
        out.push(Segment {
            text: chars[a..b].iter().collect(),
            mark: Some(i),
            kind: rows[i].kind.clone(),
        });
        at = b;
    }
    if at < chars.len() {
        out.push(Segment {
            text: chars[at..].iter().collect(),
            mark: None,
            kind: String::new(),
        });
    }
    out
}

pub(crate) fn kind_name(code: &str, lang: Lang) -> String {
    let (zh, en) = match code {
        "task_force" => luoshi_text::ItemKind::TaskForce.names(),
        "project_call" => luoshi_text::ItemKind::ProjectCall.names(),
        "indicator" => luoshi_text::ItemKind::Indicator.names(),
        _ => luoshi_text::ItemKind::Task.names(),
    };
    lang.pick(zh, en).to_string()
}

/// Names to check in a row: written names matched only nearly, and names that match no unit.
pub(crate) fn flags(names: &Names, first: &[NameMatch], row: &Row, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for w in &row.written {
        if let Some(m) = first.iter().find(|m| &m.name == w && !m.exact && m.unit_id.is_some()) {
            out.push(match lang {
                Lang::Zh => format!("原文“{}”近似匹配为{}，请核对", m.name, m.unit_name),
                Lang::En => format!("“{}” in the text was taken to be {}: please check", m.name, m.unit_name),
            });
        }
    }
    if row.due_assumed && !row.ongoing {
        out.push(
            lang.pick(
                "原文未写完成时限，暂按年底，请核对",
                "The text gives no deadline: the year's end is proposed, please check",
            )
            .to_string(),
        );
    }
    let lead = std::iter::once(&row.lead)
        .filter(|n| !n.trim().is_empty())
        .map(|n| (n, names.resolve(n).map(|id| vec![id])));
    let co = row
        .co
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| (n, names.resolve_all(n)));
    for (n, found) in lead.chain(co) {
        if let Err(near) = found {
            let hint = near.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join("、");
            out.push(match (lang, hint.is_empty()) {
                (Lang::Zh, true) => format!("“{n}”不是本行政区的单位，请改选"),
                (Lang::Zh, false) => format!("“{n}”未找到，是否指：{hint}"),
                (Lang::En, true) => format!("“{n}” is not a unit of this region: choose another"),
                (Lang::En, false) => format!("“{n}” not found; did you mean {hint}"),
            });
        }
    }
    out
}

pub(crate) struct Review {
    pub(crate) target: Target,
    pub(crate) plan_fields: (String, String, String, String),
    pub(crate) doc_kind: String,
    pub(crate) year: i32,
    pub(crate) text: String,
    pub(crate) rows: Vec<Row>,
    pub(crate) names: Vec<NameMatch>,
    pub(crate) cycle: String,
    pub(crate) cycle_due_day: i64,
    pub(crate) start: String,
    pub(crate) token: String,
    pub(crate) problems: Vec<Problem>,
    /// A table file: what it gave, and the file in base64 for reading it again.
    pub(crate) table: Option<(TableView, String)>,
    /// Names mapped to units on the form before (shown chosen again after a failed submit).
    pub(crate) aliases: Vec<(String, i64)>,
}

pub(crate) async fn review_page(
    state: &AppState,
    viewer: &Viewer,
    cap: &SupervisorCap,
    r: Review,
) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/plans").await?;
    let lang = l.lang;
    let (dir, target) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::load(&mut c, cap.region).await?;
        let target = match r.target {
            Target::Existing(id) => {
                let p = plan::plan(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?;
                Some((p.id, p.title))
            }
            Target::New(_) => None,
        };
        (dir, target)
    };
    let names = Names::of(&dir);
    let segments = segments(&r.text, &r.rows);
    // Every problem in the box at the top, those of a card linking to it.
    let general: Vec<(Option<usize>, String)> = r
        .problems
        .iter()
        .map(|p| match p.row {
            None => (None, p.error.message(lang).to_string()),
            Some(i) => (
                Some(i),
                match lang {
                    Lang::Zh => format!("第{}条：{}", i + 1, p.error.message(lang)),
                    Lang::En => format!("Item {}: {}", i + 1, p.error.message(lang)),
                },
            ),
        })
        .collect();
    // After a failed submit the names are those the cards now carry.
    let names_shown = if r.names.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for row in r.rows.iter().filter(|r| r.include) {
            for n in std::iter::once(&row.lead).chain(&row.co) {
                if !n.trim().is_empty() && !seen.contains(n) {
                    seen.push(n.clone());
                }
            }
        }
        seen.iter().map(|n| names.matched(&dir, n)).collect()
    } else {
        r.names.clone()
    };
    let rows: Vec<RowView> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowView {
            i,
            co_text: row.co.join("、"),
            due: row.due.map(|d| d.to_string()).unwrap_or_default(),
            kind_name: kind_name(&row.kind, lang),
            indent: usize::from(row.level.saturating_sub(1)).min(4),
            errors: r
                .problems
                .iter()
                .filter(|p| p.row == Some(i))
                .map(|p| p.error.message(lang).to_string())
                .collect(),
            flags: flags(&names, &r.names, row, lang),
            source: match (row.sheet_row, row.key.is_empty(), lang) {
                (None, _, _) => String::new(),
                (Some(n), true, Lang::Zh) => format!("第{n}行"),
                (Some(n), false, Lang::Zh) => format!("第{n}行 · 编号 {}", row.key),
                (Some(n), true, Lang::En) => format!("row {n}"),
                (Some(n), false, Lang::En) => format!("row {n} · key {}", row.key),
            },
            updates: row.updates,
            row: row.clone(),
        })
        .collect();
    let units: Vec<String> = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| u.name.clone())
        .collect();
    let kinds = PlanKind::ALL
        .iter()
        .map(|k| (k.code(), lang.pick(k.names().0, k.names().1).to_string()))
        .collect();
    let (plan_kind, plan_title, plan_doc_no, plan_issued_on) = r.plan_fields;
    let doc_code = r.doc_kind.clone();
    let doc_kind = match r.doc_kind.as_str() {
        "division" => l.t("extract.kind_division"),
        _ => l.t("extract.kind_narrative"),
    };
    let (table, data) = match r.table {
        Some((t, d)) => (Some(t), d),
        None => (None, String::new()),
    };
    let table_head = table.as_ref().map_or(String::new(), |t| match lang {
        Lang::Zh => format!("{} · 工作表“{}” · 表头在第{}行", t.file_name, t.sheet, t.header_row),
        Lang::En => format!("{} · sheet “{}” · header in row {}", t.file_name, t.sheet, t.header_row),
    });
    let columns = table.as_ref().map_or(Vec::new(), |t| {
        t.columns
            .iter()
            .map(|c| (c.index, c.letter.clone(), c.header.clone(), c.role.clone()))
            .collect()
    });
    let roles = luoshi_text::table::Role::ALL
        .iter()
        .map(|r| (r.code(), crate::ops::extraction::table::role_name(*r, lang).to_string()))
        .collect();
    let unit_choices = dir.unit_choices();
    let status = if r.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut resp = render(&ReviewPage {
        l,
        target,
        plan_kind,
        plan_title,
        plan_doc_no,
        plan_issued_on,
        kinds,
        doc_kind,
        doc_code,
        year: r.year,
        text: r.text,
        segments,
        rows,
        names: names_shown,
        units,
        cycle: r.cycle,
        cycle_due_day: r.cycle_due_day,
        start: r.start,
        token: r.token,
        general,
        table,
        table_head,
        columns,
        roles,
        data,
        unit_choices,
        aliases: r.aliases,
    })?;
    *resp.status_mut() = status;
    Ok(resp)
}
