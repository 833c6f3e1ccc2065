//! Key projects' monthly reports (项目月报): one per project and month, submitted by the
//! responsible unit, accepted or returned by the office; the figure it had when last accepted
//! is kept beside the one submitted, so a correction under review never moves the warnings.
//! Their files (佐证材料) are kept with them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A monthly report as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MonthlyReport {
    /// Its id.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// The month, `2020-06`.
    pub month: String,
    /// The unit that reported.
    pub unit_id: i64,
    /// 本月完成投资 as submitted, hundredths of 万元.
    pub invested: i64,
    /// The month's figure when the office last accepted it.
    pub accepted: Option<i64>,
    /// 形象进度.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Why a figure was corrected.
    pub correction_reason: String,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// The office's note when it returned it (or accepted with one).
    pub review_note: String,
    /// Who sent it.
    pub submitted_by: i64,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// Who decided.
    pub reviewed_by: Option<i64>,
    /// When.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a unit sends.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    /// The month's investment, hundredths of 万元.
    pub invested: i64,
    /// 形象进度.
    pub progress: &'a str,
    /// 存在问题.
    pub problems: &'a str,
    /// 下步计划.
    pub next_steps: &'a str,
    /// Why it corrects (empty when it does not).
    pub correction_reason: &'a str,
}

/// Stores a first report on `month` of `project`; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    project: i64,
    month: &str,
    unit: i64,
    r: Sent<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "project_report").await?;
    execute!(
        tx,
        "INSERT INTO project_report (region_id, id, project_id, month, unit_id, invested, progress, problems,
            next_steps, correction_reason, status, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11, $12)",
        region,
        id,
        project,
        month,
        unit,
        r.invested,
        r.progress,
        r.problems,
        r.next_steps,
        r.correction_reason,
        by,
        at
    )?;
    Ok(id)
}

/// Sends report `id` again (after a return, or as a correction) if it is still at `version`;
/// false when someone saved it since. The last decision's time stays: the figure accepted then
/// still stands until the office decides again.
pub async fn resend(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    r: Sent<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE project_report SET invested = $4, progress = $5, problems = $6, next_steps = $7,
            correction_reason = $8, status = 'submitted', review_note = '', submitted_by = $9, submitted_at = $10,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        r.invested,
        r.progress,
        r.problems,
        r.next_steps,
        r.correction_reason,
        by,
        at
    )?;
    Ok(n > 0)
}

/// Decides submitted report `id` at `version`: accepting keeps its figure as the accepted one.
/// False when it is not waiting at that version.
#[allow(clippy::too_many_arguments)]
pub async fn review(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    accept: bool,
    note: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = if accept {
        execute!(
            tx,
            "UPDATE project_report SET status = 'accepted', accepted = invested, review_note = $4, reviewed_by = $5,
                reviewed_at = $6, version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'submitted'",
            region,
            id,
            version,
            note,
            by,
            at
        )?
    } else {
        execute!(
            tx,
            "UPDATE project_report SET status = 'returned', review_note = $4, reviewed_by = $5, reviewed_at = $6,
                version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'submitted'",
            region,
            id,
            version,
            note,
            by,
            at
        )?
    };
    Ok(n > 0)
}

/// Report `id`.
pub async fn report(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<MonthlyReport>> {
    Ok(fetch_optional!(
        conn,
        MonthlyReport,
        "SELECT id, project_id, month, unit_id, invested, accepted, progress, problems, next_steps, correction_reason, status, review_note, submitted_by, submitted_at, reviewed_by, reviewed_at, version FROM project_report WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// A project's reports, newest month first.
pub async fn of_project(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<MonthlyReport>> {
    Ok(fetch_all!(
        conn,
        MonthlyReport,
        "SELECT id, project_id, month, unit_id, invested, accepted, progress, problems, next_steps, correction_reason, status, review_note, submitted_by, submitted_at, reviewed_by, reviewed_at, version FROM project_report WHERE region_id = $1 AND project_id = $2 ORDER BY month DESC",
        region,
        project
    )?)
}

/// Every report of the region on `month` (`2020-06`).
pub async fn of_month(conn: &mut Conn, region: RegionId, month: &str) -> Result<Vec<MonthlyReport>> {
    Ok(fetch_all!(
        conn,
        MonthlyReport,
        "SELECT id, project_id, month, unit_id, invested, accepted, progress, problems, next_steps, correction_reason, status, review_note, submitted_by, submitted_at, reviewed_by, reviewed_at, version FROM project_report WHERE region_id = $1 AND month = $2 ORDER BY project_id",
        region,
        month
    )?)
}

/// Each project's accepted investment of a year from January through `month` (`2020-06`).
pub async fn accepted_through(conn: &mut Conn, region: RegionId, month: &str) -> Result<Vec<(i64, i64)>> {
    let first = format!("{}-01", month.get(..4).unwrap_or("0000"));
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT project_id, CAST(SUM(accepted) AS BIGINT) FROM project_report WHERE region_id = $1 AND month >= $2 AND month <= $3 AND accepted IS NOT NULL GROUP BY project_id",
        region,
        first,
        month
    )?)
}

/// Reports waiting for the office, the earliest sent first.
pub async fn to_review(conn: &mut Conn, region: RegionId, limit: i64) -> Result<Vec<MonthlyReport>> {
    Ok(fetch_all!(
        conn,
        MonthlyReport,
        "SELECT id, project_id, month, unit_id, invested, accepted, progress, problems, next_steps, correction_reason, status, review_note, submitted_by, submitted_at, reviewed_by, reviewed_at, version FROM project_report WHERE region_id = $1 AND status = 'submitted'
         ORDER BY submitted_at, id LIMIT $2", region, limit)?)
}

/// Reports of `unit`'s projects the office returned, the oldest month first.
pub async fn returned_to(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<MonthlyReport>> {
    Ok(fetch_all!(
        conn,
        MonthlyReport,
        "SELECT id, project_id, month, unit_id, invested, accepted, progress, problems, next_steps, correction_reason, status, review_note, submitted_by, submitted_at, reviewed_by, reviewed_at, version FROM project_report WHERE region_id = $1 AND unit_id = $2 AND status = 'returned'
         ORDER BY month, id", region, unit)?)
}

/// A report of the year, as the warnings read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct YearRow {
    /// The project.
    pub project_id: i64,
    /// The month, `2020-06`.
    pub month: String,
    /// The figure last accepted.
    pub accepted: Option<i64>,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// When it was (last) sent.
    pub submitted_at: DateTime<Utc>,
    /// When it was (last) decided.
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// The reports on the months of `year`, of `project` or of every project with `project = 0`.
pub async fn year_rows(conn: &mut Conn, region: RegionId, year: i32, project: i64) -> Result<Vec<YearRow>> {
    let from = format!("{year}-01");
    let to = format!("{year}-12");
    Ok(fetch_all!(
        conn,
        YearRow,
        "SELECT project_id, month, accepted, status, submitted_at, reviewed_at FROM project_report
         WHERE region_id = $1 AND month >= $2 AND month <= $3 AND ($4 = 0 OR project_id = $4)
         ORDER BY project_id, month",
        region,
        from,
        to,
        project
    )?)
}

/// A file of a monthly report, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ReportFile {
    /// Its id.
    pub id: i64,
    /// The report.
    pub report_id: i64,
    /// Its name.
    pub file_name: String,
    /// Kind code.
    pub kind: String,
    /// Bytes.
    pub size: i64,
    /// SM3, hex.
    pub sm3: String,
}

/// Stores a file of report `report`; returns its id.
pub async fn insert_file(
    tx: &mut Tx,
    region: RegionId,
    report: i64,
    f: crate::reply_file::NewFile<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "project_report_file").await?;
    execute!(
        tx,
        "INSERT INTO project_report_file (region_id, id, report_id, file_name, kind, size, sm3, uploaded_by, uploaded_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        region,
        id,
        report,
        f.name,
        f.kind,
        f.data.len() as i64,
        f.sm3,
        by,
        at,
        f.data
    )?;
    Ok(id)
}

/// The files of a project's reports.
pub async fn files_of_project(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<ReportFile>> {
    Ok(fetch_all!(
        conn,
        ReportFile,
        "SELECT f.id, f.report_id, f.file_name, f.kind, f.size, f.sm3 FROM project_report_file f
         JOIN project_report r ON r.region_id = f.region_id AND r.id = f.report_id
         WHERE f.region_id = $1 AND r.project_id = $2 ORDER BY f.id",
        region,
        project
    )?)
}

/// A file with its project and bytes, as read.
#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    report_id: i64,
    file_name: String,
    kind: String,
    size: i64,
    sm3: String,
    project_id: i64,
    data: Vec<u8>,
}

/// File `id`, the project it belongs to and its bytes.
pub async fn file(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<(ReportFile, i64, Vec<u8>)>> {
    let row = fetch_optional!(
        conn,
        FileRow,
        "SELECT f.id, f.report_id, f.file_name, f.kind, f.size, f.sm3, r.project_id, f.data FROM project_report_file f
         JOIN project_report r ON r.region_id = f.region_id AND r.id = f.report_id
         WHERE f.region_id = $1 AND f.id = $2",
        region,
        id
    )?;
    Ok(row.map(|r| {
        (
            ReportFile {
                id: r.id,
                report_id: r.report_id,
                file_name: r.file_name,
                kind: r.kind,
                size: r.size,
                sm3: r.sm3,
            },
            r.project_id,
            r.data,
        )
    }))
}

/// The 形象进度 of every accepted report on the months of `year`: `(project, month, progress)`,
/// the latest month last.
pub async fn accepted_progress(conn: &mut Conn, region: RegionId, year: i32) -> Result<Vec<(i64, String, String)>> {
    let from = format!("{year}-01");
    let to = format!("{year}-12");
    Ok(fetch_all!(
        conn,
        (i64, String, String),
        "SELECT project_id, month, progress FROM project_report
         WHERE region_id = $1 AND month >= $2 AND month <= $3 AND accepted IS NOT NULL
         ORDER BY project_id, month",
        region,
        from,
        to
    )?)
}
