//! Change requests (延期/办结/调整申请): filed by the lead unit, decided by the supervision
//! office. Never deleted; each decision is kept with its reason.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{RequestKind, RequestStatus};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A change request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TaskRequest {
    /// Its id.
    pub id: i64,
    /// The task.
    pub task_id: i64,
    /// The requesting unit.
    pub unit_id: i64,
    /// Extension, completion or adjustment.
    #[sqlx(try_from = "crate::code::Code<RequestKind>")]
    pub kind: RequestKind,
    /// Pending, approved or rejected.
    #[sqlx(try_from = "crate::code::Code<RequestStatus>")]
    pub status: RequestStatus,
    /// Why.
    pub reason: String,
    /// The deadline when filed.
    pub old_due: Option<NaiveDate>,
    /// Extension: the deadline asked for.
    pub new_due: Option<NaiveDate>,
    /// Progress when filed, percent.
    pub progress: Option<i64>,
    /// Adjustment: new title.
    pub new_title: Option<String>,
    /// Adjustment: new requirements.
    pub new_description: Option<String>,
    /// Who filed it.
    pub requested_by: Option<i64>,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// The decision's reason.
    pub decision_note: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new request carries.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    /// The task.
    pub task_id: i64,
    /// The requesting unit.
    pub unit_id: i64,
    /// Kind code.
    pub kind: &'a str,
    /// Why.
    pub reason: &'a str,
    /// The deadline now.
    pub old_due: Option<NaiveDate>,
    /// Extension: the deadline asked for.
    pub new_due: Option<NaiveDate>,
    /// Progress so far.
    pub progress: Option<i64>,
    /// Adjustment: new title.
    pub new_title: Option<&'a str>,
    /// Adjustment: new requirements.
    pub new_description: Option<&'a str>,
    /// Who files it.
    pub requested_by: Option<i64>,
}

macro_rules! select_request {
    () => {
        "SELECT id, task_id, unit_id, kind, status, reason, old_due, new_due, progress, new_title,
            new_description, requested_by, requested_at, decided_by, decided_at, decision_note, version
         FROM task_request"
    };
}

/// Files a request; returns its id.
pub async fn insert_request(tx: &mut Tx, region: RegionId, r: &NewRequest<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "task_request").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO task_request (region_id, task_id, unit_id, kind, reason, old_due, new_due, progress,
            new_title, new_description, requested_by, requested_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        region,
        r.task_id,
        r.unit_id,
        r.kind,
        r.reason,
        r.old_due,
        r.new_due,
        r.progress,
        r.new_title,
        r.new_description,
        r.requested_by,
        now,
        new_id
    )?;
    Ok(id)
}

/// One request.
pub async fn request(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<TaskRequest>> {
    Ok(fetch_optional!(
        conn,
        TaskRequest,
        concat!(select_request!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// A task's requests, newest first.
pub async fn requests_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<TaskRequest>> {
    Ok(fetch_all!(
        conn,
        TaskRequest,
        concat!(
            select_request!(),
            " WHERE region_id = $1 AND task_id = $2 ORDER BY requested_at DESC, id DESC"
        ),
        region,
        task_id
    )?)
}

/// Requests in a status, oldest first (`pending`: the supervision office's queue).
pub async fn requests_in_status(
    conn: &mut Conn,
    region: RegionId,
    status: &str,
    limit: i64,
) -> Result<Vec<TaskRequest>> {
    Ok(fetch_all!(
        conn,
        TaskRequest,
        concat!(
            select_request!(),
            " WHERE region_id = $1 AND status = $2 ORDER BY requested_at, id LIMIT $3"
        ),
        region,
        status,
        limit
    )?)
}

/// A unit's requests, newest first.
pub async fn requests_of_unit(conn: &mut Conn, region: RegionId, unit_id: i64, limit: i64) -> Result<Vec<TaskRequest>> {
    Ok(fetch_all!(
        conn,
        TaskRequest,
        concat!(
            select_request!(),
            " WHERE region_id = $1 AND unit_id = $2 ORDER BY requested_at DESC, id DESC LIMIT $3"
        ),
        region,
        unit_id,
        limit
    )?)
}

/// Records the decision on a pending request at `version`; someone else's earlier decision is a
/// conflict.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    status: &str,
    by: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE task_request SET status = $4, decided_by = $5, decided_at = $6, decision_note = $7,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'pending'",
        region,
        id,
        version,
        status,
        by,
        now,
        note
    )?;
    if n == 0 {
        let current = request(tx, region, id).await?.map(|r| r.version).unwrap_or(0);
        return Err(StoreError::Conflict {
            entity: "task_request",
            id,
            current,
        });
    }
    Ok(())
}
