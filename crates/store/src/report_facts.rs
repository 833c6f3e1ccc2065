//! What the judging of lights reads of reports: each task's latest sent, accepted and returned report, the public's accepted progress, and the periods written (for what a unit owes).

use crate::{RegionId, conn::Conn, error::Result};
use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::ReportStatus;
use serde::Serialize;

/// For every task of a plan that has one: the period and progress of its latest submitted or
/// accepted report, and when that was submitted.
pub async fn latest_sent_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<LatestSent>> {
    Ok(fetch_all!(
        conn,
        LatestSent,
        "SELECT r.task_id, r.period, r.progress, r.submitted_at FROM report r
         JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.status IN ('submitted', 'accepted')
           AND r.period = (SELECT MAX(r2.period) FROM report r2
                           WHERE r2.region_id = r.region_id AND r2.task_id = r.task_id AND r2.status IN ('submitted', 'accepted'))",
        region,
        plan_id
    )?)
}

/// The latest sent report of a task, as the light rules need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LatestSent {
    /// The task.
    pub task_id: i64,
    /// Its period.
    pub period: NaiveDate,
    /// Percent complete.
    pub progress: i64,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Like [`latest_sent_of_plan`], but as things stood at `at`: reports submitted by then that
/// were submitted or accepted, or returned only later.
pub async fn latest_sent_of_plan_as_of(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
    at: DateTime<Utc>,
) -> Result<Vec<LatestSent>> {
    Ok(fetch_all!(
        conn,
        LatestSent,
        "SELECT r.task_id, r.period, r.progress, r.submitted_at FROM report r
         JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.submitted_at <= $3
           AND (r.status IN ('submitted', 'accepted') OR (r.status = 'returned' AND r.reviewed_at > $3))
           AND r.period = (SELECT MAX(r2.period) FROM report r2
                           WHERE r2.region_id = r.region_id AND r2.task_id = r.task_id AND r2.submitted_at <= $3
                             AND (r2.status IN ('submitted', 'accepted') OR (r2.status = 'returned' AND r2.reviewed_at > $3)))",
        region,
        plan_id,
        at
    )?)
}

/// For every task of a plan with an accepted report: the period and progress of its latest
/// accepted report (what a light reads on accepted reports only); as things stood at `at` when
/// given.
pub async fn latest_accepted_of_plan(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<Vec<(i64, NaiveDate, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, NaiveDate, i64),
        "SELECT r.task_id, r.period, r.progress FROM report r
         JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.status = 'accepted' AND ($3 IS NULL OR r.reviewed_at <= $3)
           AND r.period = (SELECT MAX(r2.period) FROM report r2
                           WHERE r2.region_id = r.region_id AND r2.task_id = r.task_id AND r2.status = 'accepted'
                             AND ($3 IS NULL OR r2.reviewed_at <= $3))",
        region,
        plan_id,
        at
    )?)
}

/// The period and progress of a task's latest accepted report.
pub async fn latest_accepted_of_task(
    conn: &mut Conn,
    region: RegionId,
    task_id: i64,
) -> Result<Option<(NaiveDate, i64)>> {
    Ok(fetch_optional!(
        conn,
        (NaiveDate, i64),
        "SELECT period, progress FROM report WHERE region_id = $1 AND task_id = $2 AND status = 'accepted'
         ORDER BY period DESC LIMIT 1",
        region,
        task_id
    )?)
}

/// For every task of a plan with an accepted report: when its latest accepted report was
/// accepted (data freshness).
pub async fn last_accepted_of_plan(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
) -> Result<Vec<(i64, DateTime<Utc>)>> {
    let rows: Vec<(i64, Option<DateTime<Utc>>)> = fetch_all!(
        conn,
        (i64, Option<DateTime<Utc>>),
        "SELECT r.task_id, MAX(r.reviewed_at) FROM report r JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.status = 'accepted'
         GROUP BY r.task_id",
        region,
        plan_id
    )?;
    Ok(rows.into_iter().filter_map(|(t, at)| at.map(|a| (t, a))).collect())
}

/// For every task of a plan with a returned report: the period of its latest returned report.
pub async fn returned_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<(i64, NaiveDate)>> {
    let rows: Vec<(i64, Option<NaiveDate>)> = fetch_all!(
        conn,
        (i64, Option<NaiveDate>),
        "SELECT r.task_id, MAX(r.period) FROM report r JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.status = 'returned'
         GROUP BY r.task_id",
        region,
        plan_id
    )?;
    Ok(rows.into_iter().filter_map(|(t, p)| p.map(|p| (t, p))).collect())
}

/// The latest accepted report of a public task: what the public site shows as its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PublicProgress {
    /// The task.
    pub task_id: i64,
    /// The report's period.
    pub period: NaiveDate,
    /// Percent complete.
    pub progress: i64,
    /// What was done.
    pub content: String,
    /// When the office accepted it.
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// For every task of a plan marked public: its latest accepted report. Reports of tasks not
/// marked public, and reports not accepted by the office, are never read here.
pub async fn public_progress_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<PublicProgress>> {
    Ok(fetch_all!(
        conn,
        PublicProgress,
        // From the plan's public tasks to their reports (CROSS JOIN keeps SQLite to that order;
        // from the reports it would read every accepted report of the region).
        "SELECT r.task_id, r.period, r.progress, r.content, r.reviewed_at
         FROM task t CROSS JOIN report r
         WHERE t.region_id = $1 AND t.plan_id = $2 AND t.public = TRUE
           AND r.task_id = t.id AND r.region_id = t.region_id AND r.status = 'accepted'
           AND r.period = (SELECT MAX(r2.period) FROM report r2
                           WHERE r2.task_id = r.task_id AND r2.region_id = r.region_id AND r2.status = 'accepted')
         ORDER BY r.task_id",
        region,
        plan_id
    )?)
}

/// A task's latest submitted or accepted report, as the light rules need it.
pub async fn latest_sent_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Option<LatestSent>> {
    Ok(fetch_optional!(
        conn,
        LatestSent,
        "SELECT r.task_id, r.period, r.progress, r.submitted_at FROM report r
         WHERE r.region_id = $1 AND r.task_id = $2 AND r.status IN ('submitted', 'accepted')
         ORDER BY r.period DESC LIMIT 1",
        region,
        task_id
    )?)
}

/// When a task's latest accepted report was accepted, and the period of its latest returned
/// report.
pub async fn accepted_and_returned_of_task(
    conn: &mut Conn,
    region: RegionId,
    task_id: i64,
) -> Result<(Option<DateTime<Utc>>, Option<NaiveDate>)> {
    let (accepted, returned): (Option<DateTime<Utc>>, Option<NaiveDate>) = fetch_one!(
        conn,
        (Option<DateTime<Utc>>, Option<NaiveDate>),
        "SELECT (SELECT MAX(reviewed_at) FROM report WHERE region_id = $1 AND task_id = $2 AND status = 'accepted'),
                (SELECT MAX(period) FROM report WHERE region_id = $1 AND task_id = $2 AND status = 'returned')",
        region,
        task_id
    )?;
    Ok((accepted, returned))
}

/// Where a report stands, as an inbox needs it: which period of which task, its status, when
/// it was submitted, (when returned) why, and its version, which the next save must name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Mark {
    /// The task.
    pub task_id: i64,
    /// The period (its first day).
    pub period: NaiveDate,
    /// Its status.
    #[sqlx(try_from = "crate::code::Code<ReportStatus>")]
    pub status: ReportStatus,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Why it was returned (empty otherwise).
    pub review_note: String,
    /// Its version.
    pub version: i64,
}

/// Where each report of a task stands, oldest period first (what its owed periods are judged
/// from).
pub async fn marks_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Mark>> {
    Ok(fetch_all!(
        conn,
        Mark,
        "SELECT task_id, period, status, submitted_at,
            CASE WHEN status = 'returned' THEN review_note ELSE '' END AS review_note, version
         FROM report WHERE region_id = $1 AND task_id = $2 ORDER BY period",
        region,
        task_id
    )?)
}

/// Where each report of a plan's tasks stands, by task and period.
pub async fn marks_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<Mark>> {
    // From the plan's tasks to their reports (CROSS JOIN keeps SQLite to that order).
    Ok(fetch_all!(
        conn,
        Mark,
        "SELECT r.task_id, r.period, r.status, r.submitted_at,
            CASE WHEN r.status = 'returned' THEN r.review_note ELSE '' END AS review_note, r.version
         FROM task t CROSS JOIN report r
         WHERE t.region_id = $1 AND t.plan_id = $2 AND r.region_id = t.region_id AND r.task_id = t.id
         ORDER BY r.task_id, r.period",
        region,
        plan_id
    )?)
}
