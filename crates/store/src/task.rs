//! The task tree (任务分解): tasks with lead unit, co-units, responsible leader, dates, cycle,
//! weight and milestones; loaded a plan or a unit at a time, never a row at a time.

pub use crate::task_parts::{
    Milestone, co_units, co_units_of_plan, milestones, milestones_of_plan, set_co_units, set_milestone_done,
    set_milestones, unit_role_in_task,
};
use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::CycleKind;
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Task {
    /// Its id.
    pub id: i64,
    /// Its region.
    pub region_id: i64,
    /// Its plan.
    pub plan_id: i64,
    /// Its parent in the tree.
    pub parent_id: Option<i64>,
    /// Its place among its siblings.
    pub seq: i64,
    /// What is to be done.
    pub title: String,
    /// Detail and the measures asked for.
    pub description: String,
    /// The one accountable unit (牵头单位).
    pub lead_unit_id: Option<i64>,
    /// The responsible leader (责任领导).
    pub leader_id: Option<i64>,
    /// Start.
    pub start: NaiveDate,
    /// Deadline; `None` for 长期坚持.
    pub due: Option<NaiveDate>,
    /// Its reporting cycle.
    #[sqlx(try_from = "crate::code::Code<CycleKind>")]
    pub cycle: CycleKind,
    /// The day of the period reports are due.
    pub cycle_due_day: i64,
    /// Weight among siblings for rollup.
    pub weight: i64,
    /// Domain tag, e.g. 安全生产.
    pub domain: String,
    /// Whether it is shown on the public site.
    pub public: bool,
    /// Where in the plan's text it came from: first character (inclusive).
    pub source_start: Option<i64>,
    /// Where in the plan's text it came from: last character (exclusive).
    pub source_end: Option<i64>,
    /// When completion was approved.
    pub done_on: Option<NaiveDate>,
    /// 责任人: the person at the lead unit.
    pub owner: String,
    /// The unit that made this task by breaking down its own (层层分解), if a unit did.
    pub decomposed_by: Option<i64>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new task needs.
#[derive(Debug, Clone)]
pub struct NewTask<'a> {
    /// Its plan.
    pub plan_id: i64,
    /// Its parent.
    pub parent_id: Option<i64>,
    /// Its place among siblings.
    pub seq: i64,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Lead unit.
    pub lead_unit_id: Option<i64>,
    /// Co-units.
    pub co_unit_ids: &'a [i64],
    /// Responsible leader.
    pub leader_id: Option<i64>,
    /// Start.
    pub start: NaiveDate,
    /// Deadline.
    pub due: Option<NaiveDate>,
    /// Cycle code.
    pub cycle: &'a str,
    /// Cycle due day.
    pub cycle_due_day: i64,
    /// Weight.
    pub weight: i64,
    /// Domain tag.
    pub domain: &'a str,
    /// Public flag.
    pub public: bool,
    /// Source span in the plan text (characters).
    pub source: Option<(i64, i64)>,
    /// Milestones: title and date.
    pub milestones: &'a [(&'a str, NaiveDate)],
    /// 责任人.
    pub owner: &'a str,
    /// The unit breaking down its own task, for a unit-made sub-task.
    pub decomposed_by: Option<i64>,
}

macro_rules! select_task {
    () => {
        "SELECT t.id, t.region_id, t.plan_id, t.parent_id, t.seq, t.title, t.description,
            t.lead_unit_id, t.leader_id, t.start, t.due, t.cycle, t.cycle_due_day, t.weight,
            t.domain, t.public, t.source_start, t.source_end, t.done_on, t.owner, t.decomposed_by,
            t.created_at, t.updated_at, t.version
         FROM task t"
    };
}

/// Adds a task with its co-units and milestones; returns its id.
pub async fn insert_task(tx: &mut Tx, region: RegionId, t: &NewTask<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "task").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO task (region_id, plan_id, parent_id, seq, title, description, lead_unit_id,
            leader_id, start, due, cycle, cycle_due_day, weight, domain, public, source_start,
            source_end, owner, decomposed_by, created_at, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21)
         RETURNING id",
        region,
        t.plan_id,
        t.parent_id,
        t.seq,
        t.title,
        t.description,
        t.lead_unit_id,
        t.leader_id,
        t.start,
        t.due,
        t.cycle,
        t.cycle_due_day,
        t.weight,
        t.domain,
        t.public,
        t.source.map(|s| s.0),
        t.source.map(|s| s.1),
        t.owner,
        t.decomposed_by,
        now,
        new_id
    )?;
    for unit in t.co_unit_ids {
        execute!(
            tx,
            "INSERT INTO task_co_unit (region_id, task_id, unit_id) VALUES ($1, $2, $3)",
            region,
            id,
            unit
        )?;
    }
    for (seq, (title, due)) in t.milestones.iter().enumerate() {
        let new_id = crate::ids::next(tx, "milestone").await?;
        execute!(
            tx,
            "INSERT INTO milestone (region_id, task_id, seq, title, due, id) VALUES ($1, $2, $3, $4, $5, $6)",
            region,
            id,
            seq as i64,
            *title,
            *due,
            new_id
        )?;
    }
    Ok(id)
}

/// Records the approval of a task's completion (办结).
pub async fn set_done(tx: &mut Tx, region: RegionId, id: i64, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        "UPDATE task SET done_on = $3, updated_at = $4, version = version + 1
         WHERE region_id = $1 AND id = $2",
        region,
        id,
        on,
        now
    )?;
    Ok(())
}

/// One task.
pub async fn task(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Task>> {
    Ok(fetch_optional!(
        conn,
        Task,
        concat!(select_task!(), " WHERE t.region_id = $1 AND t.id = $2"),
        region,
        id
    )?)
}

/// Every task of a plan, in tree order of siblings.
pub async fn tasks_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<Task>> {
    Ok(fetch_all!(
        conn,
        Task,
        concat!(
            select_task!(),
            " WHERE t.region_id = $1 AND t.plan_id = $2 ORDER BY t.seq, t.id"
        ),
        region,
        plan_id
    )?)
}

/// The editable fields of a task.
#[derive(Debug, Clone)]
pub struct TaskUpdate<'a> {
    /// Title.
    pub title: &'a str,
    /// Requirements.
    pub description: &'a str,
    /// Lead unit.
    pub lead_unit_id: Option<i64>,
    /// Responsible leader.
    pub leader_id: Option<i64>,
    /// Start.
    pub start: NaiveDate,
    /// Deadline.
    pub due: Option<NaiveDate>,
    /// Cycle code.
    pub cycle: &'a str,
    /// Cycle due day.
    pub cycle_due_day: i64,
    /// Weight.
    pub weight: i64,
    /// Domain tag.
    pub domain: &'a str,
    /// Public flag.
    pub public: bool,
    /// 责任人.
    pub owner: &'a str,
}

async fn conflict(tx: &mut Tx, region: RegionId, id: i64) -> crate::StoreError {
    let current = match task(tx, region, id).await {
        Ok(t) => t.map(|t| t.version).unwrap_or(0),
        Err(e) => return e,
    };
    crate::StoreError::Conflict {
        entity: "task",
        id,
        current,
    }
}

/// Saves a task's fields if it is still at `version`; otherwise a conflict naming the version
/// now stored.
pub async fn update_task(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    u: &TaskUpdate<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE task SET title = $4, description = $5, lead_unit_id = $6, leader_id = $7, start = $8,
            due = $9, cycle = $10, cycle_due_day = $11, weight = $12, domain = $13, public = $14,
            owner = $15, updated_at = $16, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        u.title,
        u.description,
        u.lead_unit_id,
        u.leader_id,
        u.start,
        u.due,
        u.cycle,
        u.cycle_due_day,
        u.weight,
        u.domain,
        u.public,
        u.owner,
        now
    )?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(())
}

/// Moves a task under another parent (or to the top) at position `seq`, if still at `version`.
pub async fn move_task(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    parent: Option<i64>,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE task SET parent_id = $4, seq = $5, updated_at = $6, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        parent,
        seq,
        now
    )?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(())
}

/// Sets a task's place among its siblings (reordering does not count as an edit of the task).
pub async fn set_seq(tx: &mut Tx, region: RegionId, id: i64, seq: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE task SET seq = $3 WHERE region_id = $1 AND id = $2",
        region,
        id,
        seq
    )?;
    Ok(())
}

/// The children of a parent (or the top-level tasks of a plan), in order.
pub async fn siblings(conn: &mut Conn, region: RegionId, plan_id: i64, parent: Option<i64>) -> Result<Vec<Task>> {
    Ok(match parent {
        Some(p) => fetch_all!(
            conn,
            Task,
            concat!(
                select_task!(),
                " WHERE t.region_id = $1 AND t.plan_id = $2 AND t.parent_id = $3 ORDER BY t.seq, t.id"
            ),
            region,
            plan_id,
            p
        )?,
        None => fetch_all!(
            conn,
            Task,
            concat!(
                select_task!(),
                " WHERE t.region_id = $1 AND t.plan_id = $2 AND t.parent_id IS NULL ORDER BY t.seq, t.id"
            ),
            region,
            plan_id
        )?,
    })
}

/// Sets a task's deadline (an approved extension).
pub async fn set_due(tx: &mut Tx, region: RegionId, id: i64, due: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        "UPDATE task SET due = $3, updated_at = $4, version = version + 1 WHERE region_id = $1 AND id = $2",
        region,
        id,
        due,
        now
    )?;
    Ok(())
}

/// Sets a task's title and requirements (an approved adjustment).
pub async fn set_text(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    title: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(
        tx,
        "UPDATE task SET title = $3, description = $4, updated_at = $5, version = version + 1 WHERE region_id = $1 AND id = $2",
        region,
        id,
        title,
        description,
        now
    )?;
    Ok(())
}

/// Every task of the region where `unit_id` leads or helps, with plan ids (for the inbox and
/// unit pages).
pub async fn tasks_of_unit(conn: &mut Conn, region: RegionId, unit_id: i64) -> Result<Vec<Task>> {
    Ok(fetch_all!(
        conn,
        Task,
        concat!(
            select_task!(),
            " WHERE t.region_id = $1 AND (t.lead_unit_id = $2
                OR t.id IN (SELECT c.task_id FROM task_co_unit c WHERE c.region_id = $1 AND c.unit_id = $2))
              ORDER BY t.plan_id, t.seq, t.id"
        ),
        region,
        unit_id
    )?)
}

/// Some tasks by id (those missing or of another region left out).
pub async fn tasks_by_ids(conn: &mut Conn, region: RegionId, ids: &[i64]) -> Result<Vec<Task>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    // The ids are integers we read, never user text.
    let sql = format!(
        "{} WHERE t.region_id = $1 AND t.id IN ({})",
        select_task!(),
        ids.join(", ")
    );
    Ok(fetch_all!(conn, Task, sqlx::AssertSqlSafe(sql), region)?)
}
