//! The escalation ladder's record: every rung that fired for a task, once per key (a unique
//! index decides, so a restart or a second instance cannot fire twice); proposals to the
//! office and their outcome (the records they lead to are in `accountability`).

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{EscalationStatus, Rung};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A rung that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Escalation {
    /// Its id.
    pub id: i64,
    /// The task.
    pub task_id: i64,
    /// The task's lead unit then.
    pub unit_id: Option<i64>,
    /// Its rung.
    #[sqlx(try_from = "crate::code::Code<Rung>")]
    pub rung: Rung,
    /// Its key: the report's due date, the deadline, or the last red period.
    pub fire_key: NaiveDate,
    /// Sent (a reminder), proposed, accepted or dismissed (a proposal).
    #[sqlx(try_from = "crate::code::Code<EscalationStatus>")]
    pub status: EscalationStatus,
    /// What it said, as JSON.
    pub detail: String,
    /// When.
    pub fired_at: DateTime<Utc>,
    /// Who decided on a proposal.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// The decision's note.
    pub decision_note: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

macro_rules! select_escalation {
    () => {
        "SELECT id, task_id, unit_id, rung, fire_key, status, detail, fired_at, decided_by, decided_at,
            decision_note, version
         FROM escalation"
    };
}

/// Records that a rung fired; `None` when it had fired before for this task and key.
#[allow(clippy::too_many_arguments)]
pub async fn fire(
    tx: &mut Tx,
    region: RegionId,
    task_id: i64,
    unit_id: Option<i64>,
    rung: &str,
    key: NaiveDate,
    status: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let new_id = crate::ids::next(tx, "escalation").await?;
    let row: Option<(i64,)> = fetch_optional!(
        tx,
        (i64,),
        "INSERT INTO escalation (region_id, task_id, unit_id, rung, fire_key, status, detail, fired_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (region_id, task_id, rung, fire_key) DO NOTHING RETURNING id",
        region,
        task_id,
        unit_id,
        rung,
        key,
        status,
        detail,
        now,
        new_id
    )?;
    Ok(row.map(|(id,)| id))
}

/// One firing.
pub async fn escalation(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Escalation>> {
    Ok(fetch_optional!(
        conn,
        Escalation,
        concat!(select_escalation!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// A task's firings, newest first.
pub async fn of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Escalation>> {
    Ok(fetch_all!(
        conn,
        Escalation,
        concat!(
            select_escalation!(),
            " WHERE region_id = $1 AND task_id = $2 ORDER BY fired_at DESC, id DESC"
        ),
        region,
        task_id
    )?)
}

/// A unit's firings (as lead unit), newest first.
pub async fn of_unit(conn: &mut Conn, region: RegionId, unit_id: i64, limit: i64) -> Result<Vec<Escalation>> {
    Ok(fetch_all!(
        conn,
        Escalation,
        concat!(
            select_escalation!(),
            " WHERE region_id = $1 AND unit_id = $2 ORDER BY fired_at DESC, id DESC LIMIT $3"
        ),
        region,
        unit_id,
        limit
    )?)
}

/// Firings in a status (`proposed`: the office's queue), oldest first.
pub async fn in_status(conn: &mut Conn, region: RegionId, status: &str, limit: i64) -> Result<Vec<Escalation>> {
    Ok(fetch_all!(
        conn,
        Escalation,
        concat!(
            select_escalation!(),
            " WHERE region_id = $1 AND status = $2 ORDER BY fired_at, id LIMIT $3"
        ),
        region,
        status,
        limit
    )?)
}

/// Every firing of the region, for the tests' and the operators' eyes, oldest first.
pub async fn all(conn: &mut Conn, region: RegionId) -> Result<Vec<Escalation>> {
    Ok(fetch_all!(
        conn,
        Escalation,
        concat!(select_escalation!(), " WHERE region_id = $1 ORDER BY fired_at, id"),
        region
    )?)
}

/// Decides a proposal read at `version`: `accepted` or `dismissed`.
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
        "UPDATE escalation SET status = $4, decided_by = $5, decided_at = $6, decision_note = $7, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'proposed'",
        region,
        id,
        version,
        status,
        by,
        now,
        note
    )?;
    if n == 0 {
        let current = escalation(tx, region, id).await?.map(|e| e.version).unwrap_or(0);
        return Err(StoreError::Conflict {
            entity: "escalation",
            id,
            current,
        });
    }
    Ok(())
}

/// Marks a proposal accepted if it still waits (the office acted on it, e.g. issued the order
/// it proposed); returns whether it did.
pub async fn accept_if_proposed(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    by: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE escalation SET status = 'accepted', decided_by = $3, decided_at = $4, decision_note = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND status = 'proposed'",
        region,
        id,
        by,
        now,
        note
    )?;
    Ok(n > 0)
}
