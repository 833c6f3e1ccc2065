//! Supervision orders as pages and the API show them: a row per order in lists, and an order
//! with its replies.

use crate::auth::Viewer;
use crate::{AppState, access::supervision::OrderAccess, directory::Directory, error::AppResult, views::instant_text};
use chrono::NaiveDate;
use luoshi_domain::{Lang, SupervisionStatus, fmt_date, order_light};
use luoshi_store::{supervision, supervision::Reply, supervision::Supervision, task};
use serde::Serialize;
use utoipa::ToSchema;

/// One order in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderRow {
    /// Its id.
    pub id: i64,
    /// Its number (督〔2020〕12号).
    pub doc_no: String,
    /// Level code: `general`, `key`, `listed`.
    pub level: String,
    /// The level in words.
    pub level_name: String,
    /// Source code: `task`, `instruction`, `meeting`, `other`.
    pub source: String,
    /// The source in words.
    pub source_name: String,
    /// 督办事项.
    pub title: String,
    /// The task it is about.
    pub task_id: Option<i64>,
    /// The unit that must reply.
    pub lead_unit_id: i64,
    /// Its name.
    pub lead_unit: String,
    /// Co-units.
    pub co_unit_ids: Vec<i64>,
    /// Their names, joined.
    pub co_units: String,
    /// Reply deadline.
    pub reply_due: NaiveDate,
    /// The deadline in words.
    pub reply_due_text: String,
    /// Reply mode code.
    pub mode: String,
    /// The mode in words.
    pub mode_name: String,
    /// Status code: `open`, `replied`, `closed`.
    pub status: String,
    /// The status in words.
    pub status_name: String,
    /// Whether the last reply was sent back.
    pub returned: bool,
    /// Light code.
    pub light: String,
    /// The light in words.
    pub light_name: String,
    /// Why, in words.
    pub why: String,
    /// Why, without the light's name (shown next to it).
    pub reason: String,
    /// When it was issued, in words.
    pub issued_text: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

impl OrderRow {
    /// The row of `o` on `today`.
    pub fn new(o: &Supervision, co: &[i64], dir: &Directory, today: NaiveDate, lang: Lang) -> OrderRow {
        let names = |n: (&'static str, &'static str)| lang.pick(n.0, n.1).to_string();
        let status = o.status;
        let l = order_light(status, o.reply_due, o.returned, today);
        OrderRow {
            id: o.id,
            doc_no: o.doc_no.clone(),
            level: o.level.code().to_string(),
            level_name: Some(o.level).map(|x| names(x.names())).unwrap_or_default(),
            source: o.source.code().to_string(),
            source_name: Some(o.source).map(|x| names(x.names())).unwrap_or_default(),
            title: o.title.clone(),
            task_id: o.task_id,
            lead_unit_id: o.lead_unit_id,
            lead_unit: dir.unit_name(Some(o.lead_unit_id)),
            co_unit_ids: co.to_vec(),
            co_units: dir.unit_names(co),
            reply_due: o.reply_due,
            reply_due_text: fmt_date(o.reply_due, lang),
            mode: o.mode.code().to_string(),
            mode_name: names(o.mode.names()),
            status: o.status.code().to_string(),
            status_name: if status == SupervisionStatus::Open && o.returned {
                lang.pick("已退回待重新答复", "Sent back, to reply again").to_string()
            } else {
                names(status.names())
            },
            returned: o.returned,
            light: l.light.code().to_string(),
            light_name: l.light.name(lang).to_string(),
            why: l.why(lang).to_string(),
            reason: {
                let w = l.why(lang);
                w.split_once('：')
                    .or_else(|| w.split_once(": "))
                    .map(|(_, r)| r.to_string())
                    .unwrap_or_else(|| w.to_string())
            },
            issued_text: instant_text(Some(o.issued_at), lang),
            version: o.version,
        }
    }
}

/// A reply as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReplyOut {
    /// Its id.
    pub id: i64,
    /// The unit.
    pub unit: String,
    /// The deadline it answered, in words.
    pub due_text: String,
    /// What the unit says.
    pub content: String,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// The status in words.
    pub status_name: String,
    /// When, in words.
    pub submitted_text: String,
    /// The office's note.
    pub review_note: String,
    /// When it was reviewed, in words.
    pub reviewed_text: String,
    /// Its files: id and name.
    pub files: Vec<(i64, String)>,
}

/// An order with everything about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderDetail {
    /// The order's row.
    pub order: OrderRow,
    /// 督办要求.
    pub requirement: String,
    /// The quoted instruction or decision.
    pub source_text: String,
    /// The task's title, when about a task.
    pub task_title: String,
    /// Replies, oldest first.
    pub replies: Vec<ReplyOut>,
    /// When it was closed, in words.
    pub closed_text: String,
}

impl OrderDetail {
    /// The detail of `o`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        o: &Supervision,
        co: &[i64],
        replies: &[Reply],
        task_title: String,
        dir: &Directory,
        today: NaiveDate,
        lang: Lang,
    ) -> OrderDetail {
        OrderDetail {
            order: OrderRow::new(o, co, dir, today, lang),
            requirement: o.requirement.clone(),
            source_text: o.source_text.clone(),
            task_title,
            replies: replies
                .iter()
                .map(|r| ReplyOut {
                    id: r.id,
                    unit: dir.unit_name(Some(r.unit_id)),
                    due_text: fmt_date(r.due, lang),
                    content: r.content.clone(),
                    status: r.status.code().to_string(),
                    status_name: r.status.name(lang).to_string(),
                    submitted_text: instant_text(Some(r.submitted_at), lang),
                    review_note: r.review_note.clone(),
                    reviewed_text: instant_text(r.reviewed_at, lang),
                    files: Vec::new(),
                })
                .collect(),
            closed_text: o.closed_on.map(|d| fmt_date(d, lang)).unwrap_or_default(),
        }
    }
}

/// Orders the viewer may see, in a status (`""` for all), a page of `limit` of the newest, most
/// urgent first: red (overdue) before yellow (due soon, or sent back), then green, then closed;
/// within a light the nearest reply day first.
pub async fn list(
    state: &AppState,
    viewer: &Viewer,
    status: &str,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<crate::views::supervision::OrderRow>> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let orders = match reader.unit() {
        Some(u) => supervision::orders_of_unit(&mut conn, reader.region, u, status, limit, offset).await?,
        None => supervision::orders(&mut conn, reader.region, status, limit, offset).await?,
    };
    let (first, last) = (
        orders.iter().map(|o| o.id).min().unwrap_or(0),
        orders.iter().map(|o| o.id).max().unwrap_or(0),
    );
    let co = supervision::co_units_between(&mut conn, reader.region, first, last).await?;
    let dir = Directory::cached(&state.directories, &mut conn, reader.region).await?;
    let mut rows: Vec<OrderRow> = orders
        .iter()
        .map(|o| {
            let ids: Vec<i64> = co.iter().filter(|(s, _)| *s == o.id).map(|(_, u)| *u).collect();
            OrderRow::new(o, &ids, &dir, today, lang)
        })
        .collect();
    rows.sort_by_key(|r| {
        let severity = luoshi_domain::Light::parse(&r.light).map_or(0, |l| l.severity());
        (std::cmp::Reverse(severity), r.reply_due, r.id)
    });
    Ok(rows)
}

/// The orders about a task, for its page (the caller has read the task already).
pub async fn of_task(
    state: &AppState,
    region: i64,
    task_id: i64,
    lang: luoshi_domain::Lang,
) -> AppResult<Vec<crate::views::supervision::OrderRow>> {
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let orders = supervision::orders_of_task(&mut conn, region, task_id).await?;
    let dir = Directory::cached(&state.directories, &mut conn, region).await?;
    let mut out = Vec::new();
    for o in &orders {
        let co = supervision::co_units(&mut conn, region, o.id).await?;
        out.push(crate::views::supervision::OrderRow::new(o, &co, &dir, today, lang));
    }
    Ok(out)
}

/// An order with its replies, as its reader may see it.
pub async fn detail(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> AppResult<(OrderAccess, crate::views::supervision::OrderDetail)> {
    let mut conn = state.store.conn().await?;
    let access = viewer.order(&mut conn, id).await?;
    let replies = supervision::replies(&mut conn, access.region, id).await?;
    let dir = Directory::cached(&state.directories, &mut conn, access.region).await?;
    let task_title = match access.order.task_id {
        Some(t) => task::task(&mut conn, access.region, t)
            .await?
            .map(|t| t.title)
            .unwrap_or_default(),
        None => String::new(),
    };
    let mut d = crate::views::supervision::OrderDetail::new(
        &access.order,
        &access.co_units,
        &replies,
        task_title,
        &dir,
        state.clock.today(),
        viewer.lang(),
    );
    for f in luoshi_store::reply_file::of_order(&mut conn, access.region, id).await? {
        if let Some(r) = d.replies.iter_mut().find(|r| r.id == f.reply_id) {
            r.files.push((f.id, f.file_name));
        }
    }
    Ok((access, d))
}
