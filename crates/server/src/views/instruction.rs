//! Leaders' instructions (批示) as pages and the API show them: a row per instruction, with what
//! it is on, who must answer, by when, and the answer.

use chrono::NaiveDate;
use luoshi_domain::{InstructionStatus, Lang, fmt_date, instruction::days_overdue};
use luoshi_store::instruction::{self, Instruction, Which};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{instant_text, paging::PageQuery},
};

/// One instruction.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstructionRow {
    /// Its id.
    pub id: i64,
    /// What it is written on: `task`, `report` or `supervision`.
    pub target: String,
    /// That in words.
    pub target_name: String,
    /// The task it concerns.
    pub task_id: Option<i64>,
    /// The task's title.
    pub task_title: String,
    /// The report it is on.
    pub report_id: Option<i64>,
    /// The order it is on.
    pub supervision_id: Option<i64>,
    /// That order's number.
    pub on_doc_no: String,
    /// What it is about, in a line (the order's number, or the task's title).
    pub about: String,
    /// The local page of what it is on.
    pub about_link: String,
    /// The unit that must answer.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// The leader's account.
    pub written_by: i64,
    /// The leader: title and name (副市长 李明).
    pub leader: String,
    /// The instruction.
    pub content: String,
    /// When it was written, in words.
    pub written_text: String,
    /// The answer deadline.
    pub answer_due: NaiveDate,
    /// That in words.
    pub answer_due_text: String,
    /// Status code: `open`, `answered`, `ordered`.
    pub status: String,
    /// The status in words (逾期 N 天 when late).
    pub status_name: String,
    /// Days past the deadline without an answer (0 when none).
    pub overdue_days: i64,
    /// The unit's answer (落实情况).
    pub answer: String,
    /// When it was answered, in words.
    pub answered_text: String,
    /// The order made of it.
    pub order_id: Option<i64>,
    /// Its number.
    pub order_doc_no: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

impl InstructionRow {
    /// The row of `i` on `today` in `lang`.
    pub fn new(i: &Instruction, dir: &Directory, today: NaiveDate, lang: Lang) -> InstructionRow {
        let names = |n: (&'static str, &'static str)| lang.pick(n.0, n.1).to_string();
        let late = days_overdue(i.status, i.answer_due, today);
        let status_name = if late > 0 {
            lang.pick(&format!("逾期{late}天未反馈"), &format!("{late} days late"))
                .to_string()
        } else {
            names(i.status.names())
        };
        let about_link = match (i.target, i.supervision_id, i.task_id, i.report_id) {
            (luoshi_domain::InstructionTarget::Order, Some(o), ..) => format!("/supervisions/{o}"),
            (_, _, Some(t), Some(r)) => format!("/tasks/{t}#report-{r}"),
            (_, _, Some(t), None) => format!("/tasks/{t}"),
            _ => String::new(),
        };
        let leader = match &i.writer_title {
            Some(t) if !t.is_empty() => format!("{t} {}", i.writer_name),
            _ => i.writer_name.clone(),
        };
        InstructionRow {
            id: i.id,
            target: i.target.code().to_string(),
            target_name: names(i.target.names()),
            task_id: i.task_id,
            task_title: i.task_title.clone().unwrap_or_default(),
            report_id: i.report_id,
            supervision_id: i.supervision_id,
            on_doc_no: i.on_doc_no.clone().unwrap_or_default(),
            about: crate::ops::instruction::subject_title(i),
            about_link,
            unit_id: i.unit_id,
            unit: dir.unit_name(Some(i.unit_id)),
            written_by: i.written_by,
            leader,
            content: i.content.clone(),
            written_text: instant_text(Some(i.written_at), lang),
            answer_due: i.answer_due,
            answer_due_text: fmt_date(i.answer_due, lang),
            status: i.status.code().to_string(),
            status_name,
            overdue_days: late,
            answer: i.answer.clone(),
            answered_text: instant_text(i.answered_at, lang),
            order_id: i.order_id,
            order_doc_no: i.order_doc_no.clone().unwrap_or_default(),
            version: i.version,
        }
    }

    /// Whether it waits for its answer.
    pub fn is_open(&self) -> bool {
        self.status == InstructionStatus::Open.code()
    }
}

/// Which instructions a viewer's list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListOf {
    /// Only one status.
    pub status: Option<InstructionStatus>,
    /// Only the lagging ones (open past their deadline).
    pub overdue: bool,
    /// A leader's own (a leader's list is their own unless they ask for all).
    pub mine: bool,
}

/// A page of the instructions the viewer may see: a unit's to answer, a leader's own (or all),
/// the office's all; with their total.
pub async fn list(
    state: &AppState,
    viewer: &Viewer,
    of: ListOf,
    page: &PageQuery,
) -> AppResult<(Vec<InstructionRow>, i64)> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let which = Which {
        written_by: (of.mine && viewer.leader().is_ok()).then_some(viewer.user.id),
        unit_id: reader.unit(),
        status: of.status,
        overdue_on: of.overdue.then_some(today),
    };
    let mut conn = state.store.conn().await?;
    let total = instruction::count(&mut conn, reader.region, which).await?;
    let found = instruction::instructions(&mut conn, reader.region, which, page.per_page(), page.offset()).await?;
    let dir = Directory::cached(&state.directories, &mut conn, reader.region).await?;
    let rows = found
        .iter()
        .map(|i| InstructionRow::new(i, &dir, today, viewer.lang()))
        .collect();
    Ok((rows, total))
}

/// The instructions about a task as `viewer` may see them (a unit: those it must answer).
pub async fn of_task(state: &AppState, viewer: &Viewer, task_id: i64) -> AppResult<Vec<InstructionRow>> {
    let reader = viewer.reader()?;
    let mut conn = state.store.conn().await?;
    let mut found = instruction::of_task(&mut conn, reader.region, task_id).await?;
    if let Some(u) = reader.unit() {
        found.retain(|i| i.unit_id == u);
    }
    rows(state, &mut conn, reader.region, &found, viewer.lang()).await
}

/// The instructions on an order as `viewer` may see them.
pub async fn of_order(state: &AppState, viewer: &Viewer, order_id: i64) -> AppResult<Vec<InstructionRow>> {
    let reader = viewer.reader()?;
    let mut conn = state.store.conn().await?;
    let mut found = instruction::of_order(&mut conn, reader.region, order_id).await?;
    if let Some(u) = reader.unit() {
        found.retain(|i| i.unit_id == u);
    }
    rows(state, &mut conn, reader.region, &found, viewer.lang()).await
}

async fn rows(
    state: &AppState,
    conn: &mut luoshi_store::Conn,
    region: i64,
    found: &[Instruction],
    lang: Lang,
) -> AppResult<Vec<InstructionRow>> {
    let dir = Directory::cached(&state.directories, conn, region).await?;
    let today = state.clock.today();
    Ok(found
        .iter()
        .map(|i| InstructionRow::new(i, &dir, today, lang))
        .collect())
}

/// How the instructions a viewer's home counts stand (a leader's own, a unit's, the office's
/// all), each linking to its list.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct InstructionTally {
    /// Waiting for an answer.
    pub open: i64,
    /// Of those, past their deadline.
    pub late: i64,
    /// Answered.
    pub answered: i64,
}

impl InstructionTally {
    /// The tally for `viewer` on `today`.
    pub async fn of(conn: &mut luoshi_store::Conn, viewer: &Viewer, today: NaiveDate) -> AppResult<InstructionTally> {
        let reader = viewer.reader()?;
        let base = Which {
            written_by: viewer.leader().is_ok().then_some(viewer.user.id),
            unit_id: reader.unit(),
            ..Which::default()
        };
        let open = instruction::count(
            conn,
            reader.region,
            Which {
                status: Some(InstructionStatus::Open),
                ..base
            },
        )
        .await?;
        let late = instruction::count(
            conn,
            reader.region,
            Which {
                overdue_on: Some(today),
                ..base
            },
        )
        .await?;
        let answered = instruction::count(
            conn,
            reader.region,
            Which {
                status: Some(InstructionStatus::Answered),
                ..base
            },
        )
        .await?;
        Ok(InstructionTally { open, late, answered })
    }
}
