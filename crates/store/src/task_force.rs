//! Task forces (专班): each with its purpose, lead leader, leading and member units, term and
//! status; the tasks it owns (and leads, its leading unit acting for it), and the key projects
//! and indicators it owns (their `task_force_id`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A task force as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TaskForce {
    /// Its id.
    pub id: i64,
    /// 专班名称.
    pub name: String,
    /// 工作职责.
    pub purpose: String,
    /// 牵头领导.
    pub leader_id: Option<i64>,
    /// 牵头单位.
    pub lead_unit_id: i64,
    /// 成立日期.
    pub established_on: NaiveDate,
    /// The end of its term, when it has one.
    pub term_end: Option<NaiveDate>,
    /// `active` or `ended`.
    pub status: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a task force's record says (new or changed).
#[derive(Debug, Clone, Copy)]
pub struct ForceFields<'a> {
    /// 专班名称.
    pub name: &'a str,
    /// 工作职责.
    pub purpose: &'a str,
    /// 牵头领导.
    pub leader_id: Option<i64>,
    /// 牵头单位.
    pub lead_unit_id: i64,
    /// 成立日期.
    pub established_on: NaiveDate,
    /// End of term.
    pub term_end: Option<NaiveDate>,
    /// Status code.
    pub status: &'a str,
}

/// Adds a task force; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, f: ForceFields<'_>, by: i64, at: DateTime<Utc>) -> Result<i64> {
    let id = crate::ids::next(tx, "task_force").await?;
    execute!(
        tx,
        "INSERT INTO task_force (region_id, id, name, purpose, leader_id, lead_unit_id, established_on, term_end,
            status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        region,
        id,
        f.name,
        f.purpose,
        f.leader_id,
        f.lead_unit_id,
        f.established_on,
        f.term_end,
        f.status,
        by,
        at
    )?;
    Ok(id)
}

/// Changes task force `id` if it is still at `version`; false when someone saved it since.
pub async fn update(tx: &mut Tx, region: RegionId, id: i64, version: i64, f: ForceFields<'_>) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE task_force SET name = $4, purpose = $5, leader_id = $6, lead_unit_id = $7, established_on = $8,
            term_end = $9, status = $10, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.name,
        f.purpose,
        f.leader_id,
        f.lead_unit_id,
        f.established_on,
        f.term_end,
        f.status
    )?;
    Ok(n > 0)
}

/// Task force `id`.
pub async fn force(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<TaskForce>> {
    Ok(fetch_optional!(
        conn,
        TaskForce,
        "SELECT id, name, purpose, leader_id, lead_unit_id, established_on, term_end, status, created_at, version
         FROM task_force WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// The region's task forces, the active first, then by name.
pub async fn forces(conn: &mut Conn, region: RegionId) -> Result<Vec<TaskForce>> {
    Ok(fetch_all!(
        conn,
        TaskForce,
        "SELECT id, name, purpose, leader_id, lead_unit_id, established_on, term_end, status, created_at, version
         FROM task_force WHERE region_id = $1 ORDER BY status, id",
        region
    )?)
}

/// Replaces task force `force`'s member units.
pub async fn set_members(tx: &mut Tx, region: RegionId, force: i64, units: &[i64]) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM task_force_unit WHERE region_id = $1 AND force_id = $2",
        region,
        force
    )?;
    for u in units {
        execute!(
            tx,
            "INSERT INTO task_force_unit (region_id, force_id, unit_id) VALUES ($1, $2, $3)",
            region,
            force,
            u
        )?;
    }
    Ok(())
}

/// Every membership in the region: `(force, unit)`.
pub async fn members(conn: &mut Conn, region: RegionId) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT force_id, unit_id FROM task_force_unit WHERE region_id = $1 ORDER BY force_id, unit_id",
        region
    )?)
}

/// Makes `force` the owner of `task` (and, with `leads`, its lead); `None` frees the task.
pub async fn set_task(tx: &mut Tx, region: RegionId, task: i64, force: Option<i64>, leads: bool) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM task_force_task WHERE region_id = $1 AND task_id = $2",
        region,
        task
    )?;
    if let Some(f) = force {
        execute!(
            tx,
            "INSERT INTO task_force_task (region_id, task_id, force_id, leads) VALUES ($1, $2, $3, $4)",
            region,
            task,
            f,
            leads
        )?;
    }
    Ok(())
}

/// Every task owned by a task force in the region: `(task, force, leads)`.
pub async fn owned_tasks(conn: &mut Conn, region: RegionId) -> Result<Vec<(i64, i64, bool)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64, bool),
        "SELECT task_id, force_id, leads FROM task_force_task WHERE region_id = $1 ORDER BY force_id, task_id",
        region
    )?)
}

/// Makes `force` the owner of project `project` (`None`: no task force).
pub async fn set_project(tx: &mut Tx, region: RegionId, project: i64, force: Option<i64>) -> Result<()> {
    execute!(
        tx,
        "UPDATE project SET task_force_id = $3 WHERE region_id = $1 AND id = $2",
        region,
        project,
        force
    )?;
    Ok(())
}

/// Makes `force` the owner of indicator `indicator` (`None`: no task force).
pub async fn set_indicator(tx: &mut Tx, region: RegionId, indicator: i64, force: Option<i64>) -> Result<()> {
    execute!(
        tx,
        "UPDATE indicator SET task_force_id = $3, version = version + 1 WHERE region_id = $1 AND id = $2",
        region,
        indicator,
        force
    )?;
    Ok(())
}

/// The projects each task force owns: `(project, force)`.
pub async fn owned_projects(conn: &mut Conn, region: RegionId) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT id, task_force_id FROM project WHERE region_id = $1 AND active AND task_force_id IS NOT NULL",
        region
    )?)
}
