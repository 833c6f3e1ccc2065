//! The history of a task (任务动态): every report step, request, decision and edit, written in
//! the same transaction as the change it records.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// One entry of a task's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TaskEvent {
    /// Its id.
    pub id: i64,
    /// The task.
    pub task_id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (user id).
    pub actor_id: Option<i64>,
    /// Who, by name.
    pub actor: String,
    /// What happened, e.g. `report.returned`.
    pub kind: String,
    /// Its details, as JSON.
    pub detail: String,
}

/// Records an entry.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &mut Tx,
    region: RegionId,
    task_id: i64,
    actor_id: Option<i64>,
    actor: &str,
    kind: &str,
    detail: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<()> {
    let new_id = crate::ids::next(tx, "task_event").await?;
    execute!(
        tx,
        "INSERT INTO task_event (region_id, task_id, at, actor_id, actor, kind, detail, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        region,
        task_id,
        at,
        actor_id,
        actor,
        kind,
        detail.to_string(),
        new_id
    )?;
    Ok(())
}

/// A task's history, newest first.
pub async fn events_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<TaskEvent>> {
    Ok(fetch_all!(
        conn,
        TaskEvent,
        "SELECT id, task_id, at, actor_id, actor, kind, detail FROM task_event
         WHERE region_id = $1 AND task_id = $2 ORDER BY at DESC, id DESC LIMIT 500",
        region,
        task_id
    )?)
}
