//! Progress reports (进展报送): one per task and period, draft → submitted → accepted/returned.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Report {
    /// Its id.
    pub id: i64,
    /// The task reported on.
    pub task_id: i64,
    /// The reporting unit (the lead unit at the time).
    pub unit_id: i64,
    /// The period reported on (its first day).
    pub period: NaiveDate,
    /// Status code (see `ReportStatus`).
    pub status: String,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Who wrote it.
    pub author_id: Option<i64>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who reviewed it.
    pub reviewer_id: Option<i64>,
    /// When it was reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Why it was returned, or a note on acceptance.
    pub review_note: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new report needs.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    /// The task.
    pub task_id: i64,
    /// The reporting unit.
    pub unit_id: i64,
    /// The period (first day).
    pub period: NaiveDate,
    /// Status code.
    pub status: &'a str,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: &'a str,
    /// 存在问题.
    pub problems: &'a str,
    /// 下步计划.
    pub next_steps: &'a str,
    /// Author.
    pub author_id: Option<i64>,
    /// Submission time, for a report that is not a draft.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Reviewer, for a reviewed report.
    pub reviewer_id: Option<i64>,
    /// Review time.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Review note.
    pub review_note: &'a str,
}

macro_rules! select_report {
    () => {
        "SELECT r.id, r.task_id, r.unit_id, r.period, r.status, r.progress, r.content, r.problems,
            r.next_steps, r.author_id, r.submitted_at, r.reviewer_id, r.reviewed_at, r.review_note,
            r.version
         FROM report r"
    };
}

/// Adds a report; a second report for the same task and period is [`StoreError::Duplicate`].
pub async fn insert_report(
    tx: &mut Tx,
    region: RegionId,
    r: &NewReport<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO report (region_id, task_id, unit_id, period, status, progress, content, problems,
            next_steps, author_id, submitted_at, reviewer_id, reviewed_at, review_note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
        region,
        r.task_id,
        r.unit_id,
        r.period,
        r.status,
        r.progress,
        r.content,
        r.problems,
        r.next_steps,
        r.author_id,
        r.submitted_at,
        r.reviewer_id,
        r.reviewed_at,
        r.review_note,
        now
    )
    .map_err(|e| StoreError::from(e).duplicate_as("report for this period"))?;
    Ok(id)
}

/// One report.
pub async fn report(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Report>> {
    Ok(fetch_optional!(
        conn,
        Report,
        concat!(select_report!(), " WHERE r.region_id = $1 AND r.id = $2"),
        region,
        id
    )?)
}

/// Every report on a task, newest period first.
pub async fn reports_of_task(
    conn: &mut Conn,
    region: RegionId,
    task_id: i64,
) -> Result<Vec<Report>> {
    Ok(fetch_all!(
        conn,
        Report,
        concat!(
            select_report!(),
            " WHERE r.region_id = $1 AND r.task_id = $2 ORDER BY r.period DESC, r.id DESC"
        ),
        region,
        task_id
    )?)
}

/// For every task of a plan that has one: the period and progress of its latest submitted or
/// accepted report, and when that was submitted.
pub async fn latest_sent_of_plan(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
) -> Result<Vec<LatestSent>> {
    Ok(fetch_all!(
        conn,
        LatestSent,
        "SELECT r.task_id, r.period, r.progress, r.submitted_at FROM report r
         JOIN task t ON t.id = r.task_id
         WHERE r.region_id = $1 AND t.plan_id = $2 AND r.status IN ('submitted', 'accepted')
           AND r.period = (SELECT MAX(r2.period) FROM report r2
                           WHERE r2.task_id = r.task_id AND r2.status IN ('submitted', 'accepted'))",
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

/// Reports waiting for the supervision office, oldest first.
pub async fn reports_to_review(
    conn: &mut Conn,
    region: RegionId,
    limit: i64,
) -> Result<Vec<Report>> {
    Ok(fetch_all!(
        conn,
        Report,
        concat!(
            select_report!(),
            " WHERE r.region_id = $1 AND r.status = 'submitted' ORDER BY r.submitted_at, r.id LIMIT $2"
        ),
        region,
        limit
    )?)
}

/// Number of reports in a status.
pub async fn count_reports(conn: &mut Conn, region: RegionId, status: &str) -> Result<i64> {
    Ok(scalar!(
        conn,
        i64,
        "SELECT COUNT(*) FROM report WHERE region_id = $1 AND status = $2",
        region,
        status
    )?)
}

/// Reports of a unit in a status (e.g. returned ones waiting to be redone).
pub async fn reports_of_unit(
    conn: &mut Conn,
    region: RegionId,
    unit_id: i64,
    status: &str,
) -> Result<Vec<Report>> {
    Ok(fetch_all!(
        conn,
        Report,
        concat!(
            select_report!(),
            " WHERE r.region_id = $1 AND r.unit_id = $2 AND r.status = $3 ORDER BY r.period DESC, r.id DESC LIMIT 200"
        ),
        region,
        unit_id,
        status
    )?)
}
