//! A unit's inbox (待办): the reports it owes, overdue first, then those coming due; returned
//! reports and drafts; its requests waiting for a decision.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use luoshi_domain::Lang;
use luoshi_store::{Conn, report, request};
use serde::Serialize;
use utoipa::ToSchema;

use super::records::{self, RequestOut, TaskData};
use crate::{
    access::Reader,
    board::cycle_of,
    directory::Directory,
    error::{AppError, AppResult},
    i18n::Tr,
};

/// How far ahead the inbox looks for reports coming due.
pub const LOOK_AHEAD_DAYS: u64 = 14;

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
        // Only the unit's own open tasks without sub-tasks are read — not its plans' boards,
        // which at city size hold thousands of tasks the inbox never shows.
        let tasks = luoshi_store::task::open_leaves_led_by(conn, reader.region, unit).await?;
        let plan_titles: HashMap<i64, String> = luoshi_store::plan::plans(conn, reader.region)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        let calendar = luoshi_store::calendar::work_calendar(conn, reader.region).await?;
        let mut by_task: HashMap<i64, Vec<report::Report>> = HashMap::new();
        for m in report::marks_of_open_leaves_led_by(conn, reader.region, unit).await? {
            by_task.entry(m.task_id).or_default().push(report::Report {
                id: 0,
                task_id: m.task_id,
                unit_id: unit,
                period: m.period,
                status: m.status,
                progress: 0,
                content: String::new(),
                problems: String::new(),
                next_steps: String::new(),
                author_id: None,
                submitted_at: m.submitted_at,
                reviewer_id: None,
                reviewed_at: None,
                review_note: m.review_note,
                milestones_reached: String::new(),
                version: m.version,
            });
        }
        let horizon = today.checked_add_days(Days::new(LOOK_AHEAD_DAYS)).unwrap_or(today);
        let mut items = Vec::new();
        {
            for t in &tasks {
                let reports = by_task.remove(&t.id).unwrap_or_default();
                let cycle = cycle_of(t);
                // The periods up to the one whose report comes due within the horizon.
                let mut ps = records::periods(cycle, &calendar, t.start, None, &reports, horizon, lang);
                ps.retain(|p| p.due <= horizon);
                for p in ps
                    .into_iter()
                    .filter(|p| matches!(p.state.as_str(), "missing" | "returned" | "draft" | "open"))
                {
                    let returned = reports.iter().find(|r| r.period == p.period && r.status == "returned");
                    // A report first sent on time and then returned is to be redone, not late.
                    let sent_on_time = returned
                        .and_then(|r| r.submitted_at)
                        .is_some_and(|s| s.with_timezone(&crate::clock::cst()).date_naive() <= p.due);
                    let overdue_days = if sent_on_time {
                        0
                    } else {
                        (today - p.due).num_days().max(0)
                    };
                    let review_note = returned.map(|r| r.review_note.clone()).unwrap_or_default();
                    let version = reports
                        .iter()
                        .find(|r| r.period == p.period && matches!(r.status.as_str(), "returned" | "draft"))
                        .map(|r| r.version);
                    items.push(InboxItem {
                        task_id: t.id,
                        task_title: t.title.clone(),
                        plan_title: plan_titles.get(&t.plan_id).cloned().unwrap_or_default(),
                        period: p.period,
                        period_label: p.label,
                        due: p.due,
                        due_text: p.due_text,
                        state_name: if p.state == "open" && p.due >= today {
                            tr.t("period.due_soon")
                        } else {
                            p.state_name
                        },
                        state: p.state,
                        overdue_days,
                        review_note,
                        version,
                    });
                }
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
        Ok(InboxView {
            overdue: items.iter().filter(|i| i.overdue_days > 0).count(),
            items,
            requests: records::requests(&data, dir, lang),
            orders,
        })
    }
}
