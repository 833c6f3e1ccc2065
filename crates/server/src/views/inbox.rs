//! A unit's inbox (待办): the reports it owes, overdue first, then those coming due; returned
//! reports and drafts; its requests waiting for a decision.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Lang, fmt_date, owed};
use luoshi_store::{Conn, request};
use serde::Serialize;
use utoipa::ToSchema;

use super::records::{self, RequestOut, TaskData};
use crate::{
    access::Reader,
    directory::Directory,
    error::{AppError, AppResult},
    i18n::Tr,
};
use luoshi_lights::cycle_of;

/// How far ahead the inbox looks for reports coming due.
pub const LOOK_AHEAD_DAYS: u64 = owed::LOOK_AHEAD_DAYS;

/// One report the unit owes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxItem {
    /// The task.
    pub task_id: i64,
    /// Its title.
    pub task_title: String,
    /// Its plan's title.
    pub plan_title: String,
    /// The period (first day).
    pub period: NaiveDate,
    /// The period in words.
    pub period_label: String,
    /// When the report is (or was) due.
    pub due: NaiveDate,
    /// The due day in words.
    pub due_text: String,
    /// `missing`, `returned`, `draft` or `open`.
    pub state: String,
    /// The state in words.
    pub state_name: String,
    /// Days past the due day (0 if not yet due).
    pub overdue_days: i64,
    /// Why it was returned.
    pub review_note: String,
    /// The version of the report already written (returned or a draft), which the next save
    /// names; none when nothing is written yet.
    pub version: Option<i64>,
}

/// The unit's inbox.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxView {
    /// Reports owed, overdue first (oldest first), then those coming due.
    pub items: Vec<InboxItem>,
    /// How many are overdue.
    pub overdue: usize,
    /// The unit's requests, newest first.
    pub requests: Vec<RequestOut>,
    /// Supervision orders the unit must reply to, the earliest deadline first.
    pub orders: Vec<super::supervision::OrderRow>,
    /// Leaders' instructions the unit must answer, the earliest deadline first.
    pub instructions: Vec<super::instruction::InstructionRow>,
    /// Monthly reports its key projects owe (missing first) or had returned.
    pub project_reports: Vec<super::project_queue::ProjectOwedItem>,
    /// The months the unit's indicators owe and the figures the office returned.
    pub indicator_figures: Vec<super::indicator_queue::FigureOwedItem>,
    /// Coordination issues on key projects it must answer, the earliest deadline first.
    pub project_issues: Vec<super::project_detail::IssueOut>,
}

impl InboxView {
    /// The inbox of a unit reader on `today`.
    pub async fn build(
        reader: &Reader,
        conn: &mut Conn,
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
    ) -> AppResult<InboxView> {
        let unit = reader.unit().ok_or(AppError::Forbidden)?;
        let tr = Tr::new(lang);
        // One row per task the unit reports on that owes something, with the periods it owes
        // as judged today (stored with its light) — not every report of every task.
        let rows = luoshi_store::state::owed_by_unit(conn, reader.region, unit).await?;
        let plan_titles: HashMap<i64, String> = luoshi_store::plan::plans(conn, reader.region)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        let mut items = Vec::new();
        for row in rows {
            let t = &row.task;
            let cycle = cycle_of(t);
            for o in owed::decode(&row.owed) {
                let overdue_days = if o.sent_on_time {
                    0
                } else {
                    (today - o.due).num_days().max(0)
                };
                let state_name = if o.state == "open" && o.due >= today {
                    tr.t("period.due_soon")
                } else {
                    records::state_name(&o.state, &tr, lang)
                };
                items.push(InboxItem {
                    task_id: t.id,
                    task_title: t.title.clone(),
                    plan_title: plan_titles.get(&t.plan_id).cloned().unwrap_or_default(),
                    period: o.period,
                    period_label: cycle.label(cycle.period_containing(o.period), lang),
                    due: o.due,
                    due_text: fmt_date(o.due, lang),
                    state_name,
                    state: o.state,
                    overdue_days,
                    review_note: o.review_note,
                    version: o.version,
                });
            }
        }
        items.sort_by_key(|i| (i.overdue_days == 0, i.due, i.task_id));
        let data = TaskData {
            requests: request::requests_of_unit(conn, reader.region, unit, 50).await?,
            ..Default::default()
        };
        let mut orders = Vec::new();
        for o in luoshi_store::supervision::orders_of_unit(conn, reader.region, unit, "open", 200, 0).await? {
            if o.lead_unit_id == unit {
                let co = luoshi_store::supervision::co_units(conn, reader.region, o.id).await?;
                orders.push(super::supervision::OrderRow::new(&o, &co, dir, today, lang));
            }
        }
        orders.sort_by_key(|o| (o.reply_due, o.id));
        let open = luoshi_store::instruction::Which {
            unit_id: Some(unit),
            status: Some(luoshi_domain::InstructionStatus::Open),
            ..Default::default()
        };
        let instructions = luoshi_store::instruction::instructions(conn, reader.region, open, 200, 0)
            .await?
            .iter()
            .map(|i| super::instruction::InstructionRow::new(i, dir, today, lang))
            .collect();
        let project_reports = super::project_queue::owed_by_unit(conn, reader, lang, today).await?;
        let project_issues = super::project_queue::issues_to_answer(conn, reader, dir, lang, today).await?;
        let indicator_figures = super::indicator_queue::owed_by_unit(conn, reader, lang, today).await?;
        Ok(InboxView {
            indicator_figures,
            project_reports,
            project_issues,
            instructions,
            overdue: items.iter().filter(|i| i.overdue_days > 0).count(),
            items,
            requests: records::requests(&data, dir, lang),
            orders,
        })
    }
}
