//! The task tree (任务分解): tasks with lead unit, co-units, responsible leader, dates, cycle,
//! weight and milestones; loaded a plan or a unit at a time, never a row at a time.

use chrono::{DateTime, NaiveDate, Utc};
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
    /// Reporting cycle code.
    pub cycle: String,
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
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// A dated intermediate target (节点目标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Milestone {
    /// Its id.
    pub id: i64,
    /// Its task.
    pub task_id: i64,
    /// Its place in the task's list.
    pub seq: i64,
    /// What is to be reached.
    pub title: String,
    /// By when.
    pub due: NaiveDate,
    /// When it was reached.
    pub done_on: Option<NaiveDate>,
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
}

macro_rules! select_task {
    () => {
        "SELECT t.id, t.region_id, t.plan_id, t.parent_id, t.seq, t.title, t.description,
            t.lead_unit_id, t.leader_id, t.start, t.due, t.cycle, t.cycle_due_day, t.weight,
            t.domain, t.public, t.source_start, t.source_end, t.done_on, t.created_at,
            t.updated_at, t.version
         FROM task t"
    };
}

/// Adds a task with its co-units and milestones; returns its id.
pub async fn insert_task(
    tx: &mut Tx,
    region: RegionId,
    t: &NewTask<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO task (region_id, plan_id, parent_id, seq, title, description, lead_unit_id,
            leader_id, start, due, cycle, cycle_due_day, weight, domain, public, source_start,
            source_end, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
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
        now
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
        execute!(
            tx,
            "INSERT INTO milestone (region_id, task_id, seq, title, due) VALUES ($1, $2, $3, $4, $5)",
            region,
            id,
            seq as i64,
            *title,
            *due
        )?;
    }
    Ok(id)
}

/// Records the approval of a task's completion (办结).
pub async fn set_done(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
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

/// Marks a milestone reached.
pub async fn set_milestone_done(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    on: NaiveDate,
) -> Result<()> {
    execute!(
        tx,
        "UPDATE milestone SET done_on = $3 WHERE region_id = $1 AND id = $2",
        region,
        id,
        on
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

/// The (task, co-unit) pairs of a plan.
pub async fn co_units_of_plan(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT c.task_id, c.unit_id FROM task_co_unit c JOIN task t ON t.id = c.task_id
         WHERE c.region_id = $1 AND t.plan_id = $2 ORDER BY c.task_id, c.unit_id",
        region,
        plan_id
    )?)
}

/// The milestones of every task of a plan.
pub async fn milestones_of_plan(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
) -> Result<Vec<Milestone>> {
    Ok(fetch_all!(
        conn,
        Milestone,
        "SELECT m.id, m.task_id, m.seq, m.title, m.due, m.done_on FROM milestone m
         JOIN task t ON t.id = m.task_id
         WHERE m.region_id = $1 AND t.plan_id = $2 ORDER BY m.task_id, m.seq",
        region,
        plan_id
    )?)
}

/// The co-units of one task.
pub async fn co_units(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        conn,
        (i64,),
        "SELECT unit_id FROM task_co_unit WHERE region_id = $1 AND task_id = $2 ORDER BY unit_id",
        region,
        task_id
    )?
    .into_iter()
    .map(|(u,)| u)
    .collect())
}

/// The milestones of one task.
pub async fn milestones(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Milestone>> {
    Ok(fetch_all!(
        conn,
        Milestone,
        "SELECT id, task_id, seq, title, due, done_on FROM milestone
         WHERE region_id = $1 AND task_id = $2 ORDER BY seq, id",
        region,
        task_id
    )?)
}

/// The ids of the plans in which a unit leads or helps with tasks, and those tasks' ids.
pub async fn task_ids_of_unit(
    conn: &mut Conn,
    region: RegionId,
    unit_id: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT t.plan_id, t.id FROM task t WHERE t.region_id = $1 AND (t.lead_unit_id = $2
            OR t.id IN (SELECT c.task_id FROM task_co_unit c WHERE c.region_id = $1 AND c.unit_id = $2))
         ORDER BY t.plan_id, t.id",
        region,
        unit_id
    )?)
}

/// Whether `unit_id` is the lead unit or a co-unit of the task.
pub async fn unit_role_in_task(
    conn: &mut Conn,
    region: RegionId,
    task_id: i64,
    unit_id: i64,
) -> Result<Option<bool>> {
    // Some(true): lead; Some(false): co-unit; None: neither.
    let lead: Option<(i64,)> = fetch_optional!(
        conn,
        (i64,),
        "SELECT id FROM task WHERE region_id = $1 AND id = $2 AND lead_unit_id = $3",
        region,
        task_id,
        unit_id
    )?;
    if lead.is_some() {
        return Ok(Some(true));
    }
    let co: Option<(i64,)> = fetch_optional!(
        conn,
        (i64,),
        "SELECT task_id FROM task_co_unit WHERE region_id = $1 AND task_id = $2 AND unit_id = $3",
        region,
        task_id,
        unit_id
    )?;
    Ok(co.map(|_| false))
}
