//! The progress reports of a period (报送情况), for the export: every report sent on a period
//! between two days, with its task and plan, in period, plan and task order; a unit's only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{RegionId, conn::Conn, error::Result};

/// A sent report with the task and plan it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PeriodReport {
    /// The report.
    pub id: i64,
    /// Its task.
    pub task_id: i64,
    /// The task's title.
    pub task_title: String,
    /// The task's plan.
    pub plan_id: i64,
    /// The plan's title.
    pub plan_title: String,
    /// The reporting unit.
    pub unit_id: i64,
    /// The period's first day.
    pub period: NaiveDate,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// When it was sent.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The office's note.
    pub review_note: String,
}

/// The most reports one export holds.
pub const MAX_ROWS: i64 = 50_000;

/// The reports sent on periods from `from` to `to` (their first days), of `unit` only when
/// given; drafts are not sent and not listed.
pub async fn of_period(
    conn: &mut Conn,
    region: RegionId,
    from: NaiveDate,
    to: NaiveDate,
    unit: Option<i64>,
) -> Result<Vec<PeriodReport>> {
    Ok(fetch_all!(
        conn,
        PeriodReport,
        "SELECT r.id, r.task_id, t.title AS task_title, t.plan_id, p.title AS plan_title, r.unit_id, r.period,
            r.status, r.progress, r.content, r.problems, r.next_steps, r.submitted_at, r.review_note
         FROM report r
         JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         JOIN plan p ON p.region_id = r.region_id AND p.id = t.plan_id
         WHERE r.region_id = $1 AND r.period >= $2 AND r.period <= $3 AND r.status <> 'draft'
           AND ($4 = 0 OR r.unit_id = $4)
         ORDER BY r.period, p.id, t.seq, t.id, r.id
         LIMIT $5",
        region,
        from,
        to,
        unit.unwrap_or(0),
        MAX_ROWS
    )?)
}
