//! Evidence files of a report, kept in the database so that every instance sees them, backups
//! hold them and a report and its files are written in one transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// An evidence file's record (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Evidence {
    /// Its id.
    pub id: i64,
    /// The report.
    pub report_id: i64,
    /// The (cleaned) file name.
    pub file_name: String,
    /// Kind code (see `EvidenceKind`).
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
    /// SM3 of the bytes, hex.
    pub sm3: String,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// When.
    pub uploaded_at: DateTime<Utc>,
}

/// Stores a file for a report; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert_evidence(
    tx: &mut Tx,
    region: RegionId,
    report_id: i64,
    file_name: &str,
    kind: &str,
    sm3: &str,
    data: &[u8],
    by: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "evidence").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO evidence (region_id, report_id, file_name, kind, size, sm3, uploaded_by, uploaded_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        region,
        report_id,
        file_name,
        kind,
        data.len() as i64,
        sm3,
        by,
        now,
        new_id
    )?;
    execute!(
        tx,
        "INSERT INTO evidence_blob (evidence_id, region_id, data) VALUES ($1, $2, $3)",
        id,
        region,
        data
    )?;
    Ok(id)
}

/// The files of every report of a task.
pub async fn evidence_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Evidence>> {
    Ok(fetch_all!(
        conn,
        Evidence,
        "SELECT e.id, e.report_id, e.file_name, e.kind, e.size, e.sm3, e.uploaded_by, e.uploaded_at
         FROM evidence e JOIN report r ON r.region_id = e.region_id AND r.id = e.report_id
         WHERE e.region_id = $1 AND r.task_id = $2 ORDER BY e.uploaded_at, e.id",
        region,
        task_id
    )?)
}

/// One file's record and the task it belongs to.
pub async fn evidence(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<(Evidence, i64)>> {
    let row: Option<EvidenceWithTask> = fetch_optional!(
        conn,
        EvidenceWithTask,
        "SELECT e.id, e.report_id, e.file_name, e.kind, e.size, e.sm3, e.uploaded_by, e.uploaded_at, r.task_id
         FROM evidence e JOIN report r ON r.region_id = e.region_id AND r.id = e.report_id WHERE e.region_id = $1 AND e.id = $2",
        region,
        id
    )?;
    Ok(row.map(|r| {
        (
            Evidence {
                id: r.id,
                report_id: r.report_id,
                file_name: r.file_name,
                kind: r.kind,
                size: r.size,
                sm3: r.sm3,
                uploaded_by: r.uploaded_by,
                uploaded_at: r.uploaded_at,
            },
            r.task_id,
        )
    }))
}

#[derive(sqlx::FromRow)]
struct EvidenceWithTask {
    id: i64,
    report_id: i64,
    file_name: String,
    kind: String,
    size: i64,
    sm3: String,
    uploaded_by: Option<i64>,
    uploaded_at: DateTime<Utc>,
    task_id: i64,
}

/// A file's bytes.
pub async fn evidence_data(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Vec<u8>>> {
    let row: Option<(Vec<u8>,)> = fetch_optional!(
        conn,
        (Vec<u8>,),
        "SELECT data FROM evidence_blob WHERE region_id = $1 AND evidence_id = $2",
        region,
        id
    )?;
    Ok(row.map(|(d,)| d))
}

/// Removes a file (while its report is still a draft or returned).
pub async fn delete_evidence(tx: &mut Tx, region: RegionId, id: i64) -> Result<bool> {
    execute!(
        tx,
        "DELETE FROM evidence_blob WHERE region_id = $1 AND evidence_id = $2",
        region,
        id
    )?;
    Ok(execute!(tx, "DELETE FROM evidence WHERE region_id = $1 AND id = $2", region, id)? > 0)
}

/// The file names of the evidence of several reports (a review queue's page), one query:
/// `(report id, file name)` in upload order.
pub async fn names_of_reports(conn: &mut Conn, region: RegionId, report_ids: &[i64]) -> Result<Vec<(i64, String)>> {
    if report_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = report_ids.iter().map(i64::to_string).collect();
    // The ids are integers we read, never user text.
    let sql = format!(
        "SELECT e.report_id, e.file_name FROM evidence e
         WHERE e.region_id = $1 AND e.report_id IN ({}) ORDER BY e.uploaded_at, e.id",
        ids.join(", ")
    );
    Ok(fetch_all!(conn, (i64, String), sqlx::AssertSqlSafe(sql), region)?)
}
