//! Dispatch meetings as the API and the pages show them: the list, a meeting with its agenda and
//! each item's decision and what it became, and the minutes (调度会纪要) as blocks for the
//! official .docx. The office and the leaders read them; units see the decisions that reach
//! them as tasks and orders.

use std::collections::HashMap;

use chrono::Datelike;
use luoshi_domain::{Block, Lang, fmt_date, project::Outcome};
use luoshi_store::dispatch::{self as store, Item, Meeting};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    access::{Reader, Scope},
    directory::Directory,
    error::{AppError, AppResult},
};

/// A meeting in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingRow {
    /// Id.
    pub id: i64,
    /// 标题.
    pub title: String,
    /// The chair, `市长 陈卫国`.
    pub leader: String,
    /// The chair's id.
    pub leader_id: i64,
    /// The day, in words.
    pub held_on_text: String,
    /// `planned` or `held`.
    pub status: String,
    /// In words.
    pub status_name: String,
}

/// An agenda item as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemOut {
    /// Id.
    pub id: i64,
    /// Its words.
    pub topic: String,
    /// The project it is about.
    pub project_id: Option<i64>,
    /// The coordination issue it is about.
    pub issue_id: Option<i64>,
    /// 议定事项.
    pub decision: String,
    /// `` (undecided), `task`, `order`, `resolved`, `noted`.
    pub outcome: String,
    /// In words.
    pub outcome_name: String,
    /// The unit charged.
    pub unit: String,
    /// By when, in words.
    pub due_text: String,
    /// The task it became.
    pub task_id: Option<i64>,
    /// The order it became.
    pub order_id: Option<i64>,
    /// The order's number.
    pub order_no: String,
    /// Version, for deciding or editing.
    pub version: i64,
}

/// A meeting whole.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingDetail {
    /// The row.
    #[serde(flatten)]
    pub row: MeetingRow,
    /// Whether it covers the whole region's projects.
    pub whole: bool,
    /// Where.
    pub place: String,
    /// The plan its tasks went to.
    pub plan_id: Option<i64>,
    /// The agenda, in order.
    pub items: Vec<ItemOut>,
    /// How many items are decided.
    pub decided: usize,
    /// Version, for holding it.
    pub version: i64,
}

fn status_name(s: &str, lang: Lang) -> String {
    match s {
        "held" => lang.pick("已召开", "Held"),
        _ => lang.pick("筹备中", "Planned"),
    }
    .to_string()
}

fn row(m: &Meeting, dir: &Directory, lang: Lang) -> MeetingRow {
    MeetingRow {
        id: m.id,
        title: m.title.clone(),
        leader: dir
            .leader(m.leader_id)
            .map(|l| format!("{} {}", l.title, l.name))
            .unwrap_or_default(),
        leader_id: m.leader_id,
        held_on_text: fmt_date(m.held_on, lang),
        status: m.status.clone(),
        status_name: status_name(&m.status, lang),
    }
}

/// Whether `reader` may read meetings: the office and the leaders.
fn may_read(reader: &Reader) -> AppResult<()> {
    match reader.scope {
        Scope::Region => Ok(()),
        Scope::Unit(_) => Err(AppError::Forbidden),
    }
}

/// The region's meetings, the latest first.
pub async fn list(state: &AppState, reader: &Reader, lang: Lang) -> AppResult<Vec<MeetingRow>> {
    may_read(reader)?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(store::meetings(&mut c, reader.region)
        .await?
        .iter()
        .map(|m| row(m, &dir, lang))
        .collect())
}

fn item_out(i: &Item, dir: &Directory, orders: &HashMap<i64, String>, lang: Lang) -> ItemOut {
    ItemOut {
        id: i.id,
        topic: i.topic.clone(),
        project_id: i.project_id,
        issue_id: i.issue_id,
        decision: i.decision.clone(),
        outcome: i.outcome.clone(),
        outcome_name: Outcome::parse(&i.outcome)
            .map(|o| o.name(lang).to_string())
            .unwrap_or_else(|| lang.pick("待议", "To decide").to_string()),
        unit: dir.unit_name(i.unit_id),
        due_text: i.due_on.map(|d| fmt_date(d, lang)).unwrap_or_default(),
        task_id: i.task_id,
        order_id: i.order_id,
        order_no: i.order_id.and_then(|o| orders.get(&o).cloned()).unwrap_or_default(),
        version: i.version,
    }
}

/// Meeting `id` whole.
pub async fn detail(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<MeetingDetail> {
    may_read(reader)?;
    let mut c = state.store.conn().await?;
    let m = store::meeting(&mut c, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let items = store::items(&mut c, reader.region, id).await?;
    let mut orders = HashMap::new();
    for o in items.iter().filter_map(|i| i.order_id) {
        if let Some(order) = luoshi_store::supervision::order(&mut c, reader.region, o).await? {
            orders.insert(o, order.doc_no);
        }
    }
    Ok(MeetingDetail {
        row: row(&m, &dir, lang),
        whole: m.whole,
        place: m.place.clone(),
        plan_id: m.plan_id,
        decided: items.iter().filter(|i| !i.outcome.is_empty()).count(),
        items: items.iter().map(|i| item_out(i, &dir, &orders, lang)).collect(),
        version: m.version,
    })
}

/// The minutes (调度会纪要) of meeting `d`: its number in the year, and the body.
pub async fn minutes(state: &AppState, reader: &Reader, d: &MeetingDetail) -> AppResult<(String, Vec<Block>)> {
    let mut c = state.store.conn().await?;
    let all = store::meetings(&mut c, reader.region).await?;
    let me = all.iter().find(|m| m.id == d.row.id).ok_or(AppError::NotFound)?;
    let year = me.held_on.year();
    let nth = all
        .iter()
        .filter(|m| m.held_on.year() == year && (m.held_on, m.id) <= (me.held_on, me.id))
        .count();
    let number = format!("{year}年第{nth}期");
    let place = if d.place.is_empty() {
        String::new()
    } else {
        format!("在{}", d.place)
    };
    let mut body = vec![Block::Paragraph(format!(
        "{}，{}{}主持召开{}，听取重点项目建设进展情况汇报，研究解决项目推进中的困难和问题。现将会议议定事项纪要如下：",
        d.row.held_on_text, d.row.leader, place, d.row.title
    ))];
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for (k, i) in d.items.iter().filter(|i| !i.outcome.is_empty()).enumerate() {
        let n = numerals
            .get(k)
            .map(|s| s.to_string())
            .unwrap_or_else(|| (k + 1).to_string());
        body.push(Block::Heading(format!("{n}、{}", i.topic)));
        let mut text = i.decision.clone();
        if !i.unit.is_empty() {
            text.push_str(&format!("（责任单位：{}", i.unit));
            if !i.due_text.is_empty() {
                text.push_str(&format!("；完成时限：{}", i.due_text));
            }
            text.push('）');
        }
        if !i.order_no.is_empty() {
            text.push_str(&format!("已下发督办单{}。", i.order_no));
        }
        body.push(Block::Paragraph(text));
    }
    body.push(Block::Paragraph(
        "以上议定事项由市政府督查室跟踪督办，各责任单位按时限报送办理情况。".to_string(),
    ));
    Ok((number, body))
}

/// The minutes as .docx bytes, in the official layout, with the file name.
pub async fn minutes_docx(state: &AppState, reader: &Reader, id: i64) -> AppResult<(Vec<u8>, String)> {
    let d = detail(state, reader, id, Lang::Zh).await?;
    let (number, body) = minutes(state, reader, &d).await?;
    let office = {
        let mut c = state.store.conn().await?;
        crate::ops::bulletin::office_name(&mut c, reader.region).await?
    };
    let title = format!("{}纪要", d.row.title);
    let bytes = luoshi_office::official_docx(&luoshi_office::OfficialDoc {
        masthead: "调度会纪要",
        number: &number,
        issuer: &office,
        date: &d.row.held_on_text,
        title: &title,
        body: &body,
        cc: "",
        printed_by: &office,
        printed_on: &d.row.held_on_text,
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((bytes, format!("{title}.docx")))
}
