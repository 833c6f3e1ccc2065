//! Progress reports (进展报送): one per task and period, draft → submitted → accepted/returned.

pub use crate::report_facts::{
    LatestSent, Mark, PublicProgress, accepted_and_returned_of_task, last_accepted_of_plan, latest_accepted_of_plan,
    latest_accepted_of_task, latest_sent_of_plan, latest_sent_of_plan_as_of, latest_sent_of_task, marks_of_plan,
    marks_of_task, public_progress_of_plan, returned_of_plan,
};
use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Ids, ReportStatus};
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
    /// Its status.
    #[sqlx(try_from = "crate::code::Code<ReportStatus>")]
    pub status: ReportStatus,
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
    /// The milestones the unit says this report reaches.
    #[sqlx(try_from = "crate::code::Code<Ids>")]
    pub milestones_reached: Ids,
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
            r.milestones_reached, r.version
         FROM report r"
    };
}

/// Adds a report; a second report for the same task and period is [`StoreError::Duplicate`].
pub async fn insert_report(tx: &mut Tx, region: RegionId, r: &NewReport<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "report").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO report (region_id, task_id, unit_id, period, status, progress, content, problems,
            next_steps, author_id, submitted_at, reviewer_id, reviewed_at, review_note, created_at, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
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
        now,
        new_id
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
pub async fn reports_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Report>> {
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

/// Reports waiting for the supervision office, oldest first.
pub async fn reports_to_review(conn: &mut Conn, region: RegionId, limit: i64) -> Result<Vec<Report>> {
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
pub async fn reports_of_unit(conn: &mut Conn, region: RegionId, unit_id: i64, status: &str) -> Result<Vec<Report>> {
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

/// What a unit writes in a report.
#[derive(Debug, Clone)]
pub struct ReportFields<'a> {
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: &'a str,
    /// 存在问题.
    pub problems: &'a str,
    /// 下步计划.
    pub next_steps: &'a str,
    /// The milestones reached.
    pub milestones_reached: &'a [i64],
}

/// The report of a task for a period, if written.
pub async fn report_for_period(
    conn: &mut Conn,
    region: RegionId,
    task_id: i64,
    period: NaiveDate,
) -> Result<Option<Report>> {
    Ok(fetch_optional!(
        conn,
        Report,
        concat!(
            select_report!(),
            " WHERE r.region_id = $1 AND r.task_id = $2 AND r.period = $3"
        ),
        region,
        task_id,
        period
    )?)
}

/// Writes a unit's report for a period: a new row, or the draft or returned row at `version`.
/// `status` is `draft` or `submitted`. A report changed by someone else since it was read, or
/// created at the same moment by someone else, is a conflict.
#[allow(clippy::too_many_arguments)]
pub async fn write_report(
    tx: &mut Tx,
    region: RegionId,
    task_id: i64,
    unit_id: i64,
    period: NaiveDate,
    version: Option<i64>,
    status: &str,
    f: &ReportFields<'_>,
    author: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let submitted_at = (status == "submitted").then_some(now);
    match version {
        None => {
            // ON CONFLICT keeps the transaction usable when another one wrote the same period
            // first (PostgreSQL aborts a transaction on a unique violation), so the current
            // report can be read and returned as the conflict.
            let new_id = crate::ids::next(tx, "report").await?;
            let row: Option<(i64,)> = fetch_optional!(
                tx,
                (i64,),
                "INSERT INTO report (region_id, task_id, unit_id, period, status, progress, content, problems,
                    next_steps, milestones_reached, author_id, submitted_at, created_at, updated_at, id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
                 ON CONFLICT (region_id, task_id, period) DO NOTHING RETURNING id",
                region,
                task_id,
                unit_id,
                period,
                status,
                f.progress,
                f.content,
                f.problems,
                f.next_steps,
                Ids(f.milestones_reached.to_vec()).code(),
                author,
                submitted_at,
                now,
                new_id
            )?;
            match row {
                Some((id,)) => Ok(id),
                None => {
                    let current = report_for_period(tx, region, task_id, period).await?;
                    Err(StoreError::Conflict {
                        entity: "report",
                        id: current.as_ref().map(|r| r.id).unwrap_or(0),
                        current: current.map(|r| r.version).unwrap_or(0),
                    })
                }
            }
        }
        Some(v) => {
            let row: Option<(i64,)> = fetch_optional!(
                tx,
                (i64,),
                "UPDATE report SET status = $5, progress = $6, content = $7, problems = $8, next_steps = $9,
                    milestones_reached = $10, author_id = $11, unit_id = $12,
                    submitted_at = COALESCE(submitted_at, $13),
                    review_note = CASE WHEN $5 = 'submitted' THEN '' ELSE review_note END,
                    updated_at = $14, version = version + 1
                 WHERE region_id = $1 AND task_id = $2 AND period = $3 AND version = $4
                   AND status IN ('draft', 'returned')
                 RETURNING id",
                region,
                task_id,
                period,
                v,
                status,
                f.progress,
                f.content,
                f.problems,
                f.next_steps,
                Ids(f.milestones_reached.to_vec()).code(),
                author,
                unit_id,
                submitted_at,
                now
            )?;
            match row {
                Some((id,)) => Ok(id),
                None => {
                    let current = report_for_period(tx, region, task_id, period).await?;
                    Err(StoreError::Conflict {
                        entity: "report",
                        id: current.as_ref().map(|r| r.id).unwrap_or(0),
                        current: current.map(|r| r.version).unwrap_or(0),
                    })
                }
            }
        }
    }
}

/// Records the supervision office's decision on a submitted report at `version`.
#[allow(clippy::too_many_arguments)]
pub async fn review_report(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    status: &str,
    reviewer: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE report SET status = $4, reviewer_id = $5, reviewed_at = $6, review_note = $7,
            updated_at = $6, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'submitted'",
        region,
        id,
        version,
        status,
        reviewer,
        now,
        note
    )?;
    if n == 0 {
        let current = report(tx, region, id).await?.map(|r| r.version).unwrap_or(0);
        return Err(StoreError::Conflict {
            entity: "report",
            id,
            current,
        });
    }
    Ok(())
}

/// A co-unit's note on a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ReportNote {
    /// Its id.
    pub id: i64,
    /// The report.
    pub report_id: i64,
    /// The co-unit.
    pub unit_id: i64,
    /// Who wrote it.
    pub author_id: Option<i64>,
    /// The note.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Adds a co-unit's note to a report.
pub async fn add_note(
    tx: &mut Tx,
    region: RegionId,
    report_id: i64,
    unit_id: i64,
    author: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "report_note").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO report_note (region_id, report_id, unit_id, author_id, body, created_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        region,
        report_id,
        unit_id,
        author,
        body,
        now,
        new_id
    )?;
    Ok(id)
}

/// The notes on every report of a task, oldest first.
pub async fn notes_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<ReportNote>> {
    Ok(fetch_all!(
        conn,
        ReportNote,
        "SELECT n.id, n.report_id, n.unit_id, n.author_id, n.body, n.created_at FROM report_note n
         JOIN report r ON r.region_id = n.region_id AND r.id = n.report_id
         WHERE n.region_id = $1 AND r.task_id = $2 ORDER BY n.created_at, n.id",
        region,
        task_id
    )?)
}
