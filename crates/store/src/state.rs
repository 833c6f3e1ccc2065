//! Stored lights (`task_state`): each task's current light, progress and the report facts shown
//! beside it, written by the server whenever an input of a light changes, and read by every page
//! and list instead of judging whole plans per request.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Ids, Light};
use serde::Serialize;

mod filter;

pub use filter::{By, Filter, Order, Page, Tally, of_tasks, outline, portfolio, tally, tasks};

use crate::{RegionId, conn::Conn, error::Result};

/// One task's stored light.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TaskState {
    /// The task.
    pub task_id: i64,
    /// Its plan.
    pub plan_id: i64,
    /// The day it was judged for.
    pub judged_on: NaiveDate,
    /// Its light.
    #[sqlx(try_from = "crate::code::Code<Light>")]
    pub light: Light,
    /// The rule that decided it (`overdue`, `lagging`, `report_missing`, …).
    pub rule: String,
    /// Progress, percent.
    pub progress: i64,
    /// Time progress, percent.
    pub time_progress: Option<i64>,
    /// The rule and its numbers, as JSON (`Reason`).
    pub reason: String,
    /// Whether it has no sub-tasks.
    pub leaf: bool,
    /// The period of its latest submitted or accepted report.
    pub latest_period: Option<NaiveDate>,
    /// That report's progress.
    pub latest_progress: Option<i64>,
    /// When that report was submitted.
    pub latest_at: Option<DateTime<Utc>>,
    /// When its latest accepted report was accepted (data freshness).
    pub last_accepted_at: Option<DateTime<Utc>>,
    /// Its place on its list, worst first: minus the days overdue, minus the points behind,
    /// or the day the missing report was due; 0 otherwise.
    pub rank: i64,
    /// Its place on the attention list: red first, then yellow, green, done; within a light by
    /// deadline, none first (severity × 10,000,000 + the deadline's day number, 0 for none).
    pub worst: i64,
    /// Its place in its plan's tree, parents before children (pre-order).
    pub pos: i64,
    /// Its depth, 0 for top-level tasks.
    pub depth: i64,
    /// Its outline number, e.g. `2.1.3`.
    pub outline: String,
    /// Its co-units' ids, ascending.
    #[sqlx(try_from = "crate::code::Code<Ids>")]
    pub co_units: Ids,
    /// The periods its lead unit still owes a report for, as judged (`luoshi_domain::owed`,
    /// JSON; empty when none). Read only by the inbox: other reads leave it empty.
    #[sqlx(default)]
    pub owed: String,
    /// The light on accepted reports only, when this one rests on a report the office has not
    /// yet accepted (待审核); empty otherwise.
    pub checked_light: String,
    /// That verdict whole (`luoshi_domain::Verdict`, JSON); empty when `checked_light` is.
    pub checked: String,
}

/// A task and its stored light, read together.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Stored {
    /// The task.
    #[sqlx(flatten)]
    pub task: crate::task::Task,
    /// Its stored light.
    #[sqlx(flatten)]
    pub state: TaskState,
}

/// A child as its parent's rollup needs it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChildState {
    /// The child.
    pub task_id: i64,
    /// Its weight.
    pub weight: i64,
    /// Its stored light, if it has one yet.
    pub light: Option<String>,
    /// Its stored progress.
    pub progress: Option<i64>,
    /// The day that light was judged for.
    pub judged_on: Option<NaiveDate>,
    /// The rule that decided it.
    pub rule: Option<String>,
    /// The period of its own latest sent report.
    pub latest_period: Option<NaiveDate>,
    /// Its light on accepted reports only, when it rests on one not yet accepted (JSON).
    pub checked: Option<String>,
}

/// A task's place in its plan's tree.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Place {
    /// The task.
    pub task_id: i64,
    /// Pre-order position.
    pub pos: i64,
    /// Depth.
    pub depth: i64,
    /// Outline number.
    pub outline: String,
}

/// The stored places of a plan's tasks.
pub async fn places(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<Place>> {
    Ok(fetch_all!(
        conn,
        Place,
        "SELECT task_id, pos, depth, outline FROM task_state WHERE region_id = $1 AND plan_id = $2",
        region,
        plan_id
    )?)
}

/// A plan's row revision: it moves on with every write of the plan's stored rows.
pub async fn rows_rev(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Option<i64>> {
    Ok(fetch_optional!(
        conn,
        (i64,),
        "SELECT rows_rev FROM plan WHERE region_id = $1 AND id = $2",
        region,
        plan_id
    )?
    .map(|(r,)| r))
}

const SELECT: &str = "SELECT s.task_id, s.plan_id, s.judged_on, s.light, s.rule, s.progress, s.time_progress,
    s.reason, s.leaf, s.latest_period, s.latest_progress, s.latest_at, s.last_accepted_at, s.rank, s.worst,
    s.pos, s.depth, s.outline, s.co_units, s.checked_light, s.checked FROM task_state s";

/// The stored lights of a plan's tasks.
pub async fn of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<TaskState>> {
    let sql = format!("{SELECT} WHERE s.region_id = $1 AND s.plan_id = $2");
    Ok(fetch_all!(conn, TaskState, sqlx::AssertSqlSafe(sql), region, plan_id)?)
}

/// The columns of a task and its stored light, read together (`Stored`).
const ROWS: &str = "SELECT t.id, t.region_id, t.plan_id, t.parent_id, t.seq, t.title, t.description,
    t.lead_unit_id, t.leader_id, t.start, t.due, t.cycle, t.cycle_due_day, t.weight,
    t.domain, t.public, t.source_start, t.source_end, t.done_on, t.owner, t.decomposed_by,
    t.created_at, t.updated_at, t.version,
    s.task_id, s.judged_on, s.light, s.rule, s.progress, s.time_progress, s.reason, s.leaf,
    s.latest_period, s.latest_progress, s.latest_at, s.last_accepted_at, s.rank, s.worst,
    s.pos, s.depth, s.outline, s.co_units, s.checked_light, s.checked
 FROM task t JOIN task_state s ON s.region_id = t.region_id AND s.task_id = t.id";

/// Every task of a plan with its stored light, in `seq` order, and how many tasks the plan has
/// (more than the rows when some task has no stored light yet).
pub async fn plan_rows(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<(Vec<Stored>, i64)> {
    let sql = format!("{ROWS} WHERE t.region_id = $1 AND t.plan_id = $2 ORDER BY t.seq, t.id");
    let rows = fetch_all!(conn, Stored, sqlx::AssertSqlSafe(sql), region, plan_id)?;
    Ok((rows, task_count(conn, region, plan_id).await?))
}

/// The tasks of a plan whose stored rows were written after row revision `rev`, with their
/// stored lights.
pub async fn plan_rows_since(conn: &mut Conn, region: RegionId, plan_id: i64, rev: i64) -> Result<Vec<Stored>> {
    let sql = format!("{ROWS} WHERE s.plan_id = $2 AND s.rev > $3 AND t.region_id = $1 ORDER BY t.seq, t.id");
    Ok(fetch_all!(
        conn,
        Stored,
        sqlx::AssertSqlSafe(sql),
        region,
        plan_id,
        rev
    )?)
}

/// A task a unit reports on and the periods it owes, as stored with its light.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwedRow {
    /// The task.
    #[sqlx(flatten)]
    pub task: crate::task::Task,
    /// Its owed periods (`luoshi_domain::owed`, JSON).
    pub owed: String,
}

/// The open tasks without sub-tasks a unit leads that owe a report, with the periods they owe
/// as last judged (call after making sure the region's lights are judged for today). One row
/// per such task, in plan order — not a row per report.
pub async fn owed_by_unit(conn: &mut Conn, region: RegionId, unit_id: i64) -> Result<Vec<OwedRow>> {
    Ok(fetch_all!(
        conn,
        OwedRow,
        "SELECT t.id, t.region_id, t.plan_id, t.parent_id, t.seq, t.title, t.description,
            t.lead_unit_id, t.leader_id, t.start, t.due, t.cycle, t.cycle_due_day, t.weight,
            t.domain, t.public, t.source_start, t.source_end, t.done_on, t.owner, t.decomposed_by,
            t.created_at, t.updated_at, t.version, s.owed
         FROM task t CROSS JOIN task_state s
         WHERE t.region_id = $1 AND t.lead_unit_id = $2 AND t.done_on IS NULL
           AND s.region_id = t.region_id AND s.task_id = t.id AND s.leaf = $3 AND s.owed <> ''
         ORDER BY t.plan_id, t.seq, t.id",
        region,
        unit_id,
        true
    )?)
}

/// The stored owed periods of each of a plan's tasks (`task id`, JSON).
pub async fn owed_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(fetch_all!(
        conn,
        (i64, String),
        "SELECT task_id, owed FROM task_state WHERE region_id = $1 AND plan_id = $2 ORDER BY task_id",
        region,
        plan_id
    )?)
}

/// How many tasks a plan has.
pub async fn task_count(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<i64> {
    let (n,): (i64,) = fetch_one!(
        conn,
        (i64,),
        "SELECT COUNT(*) FROM task WHERE region_id = $1 AND plan_id = $2",
        region,
        plan_id
    )?;
    Ok(n)
}

/// The stored light of one task.
pub async fn of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Option<TaskState>> {
    let sql = format!("{SELECT} WHERE s.region_id = $1 AND s.task_id = $2");
    Ok(fetch_optional!(
        conn,
        TaskState,
        sqlx::AssertSqlSafe(sql),
        region,
        task_id
    )?)
}

/// A task's children with their weights and stored lights, in order.
pub async fn children(conn: &mut Conn, region: RegionId, parent_id: i64) -> Result<Vec<ChildState>> {
    Ok(fetch_all!(
        conn,
        ChildState,
        "SELECT t.id AS task_id, t.weight, s.light, s.progress, s.judged_on, s.rule, s.latest_period, s.checked FROM task t
         LEFT JOIN task_state s ON s.region_id = t.region_id AND s.task_id = t.id
         WHERE t.region_id = $1 AND t.parent_id = $2 ORDER BY t.seq, t.id",
        region,
        parent_id
    )?)
}

/// The plans of a region whose lights were not judged whole on `day` (so must be, before they
/// are read).
pub async fn plans_not_judged_on(conn: &mut Conn, region: RegionId, day: NaiveDate) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        conn,
        (i64,),
        "SELECT id FROM plan WHERE region_id = $1 AND (state_on IS NULL OR state_on <> $2) ORDER BY id",
        region,
        day
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// How many changes the public site of a plan has seen.
pub async fn public_rev(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Option<i64>> {
    Ok(fetch_optional!(
        conn,
        (i64,),
        "SELECT public_rev FROM plan WHERE region_id = $1 AND id = $2",
        region,
        plan_id
    )?
    .map(|(r,)| r))
}

/// Lets SQLite refresh its query planner's statistics where they have drifted (`PRAGMA
/// optimize`, cheap, run daily); PostgreSQL's autovacuum does this by itself.
pub async fn optimize(store: &crate::Store) -> Result<()> {
    if store.backend() == crate::Backend::Sqlite {
        let mut c = store.conn().await?;
        execute!(c, "PRAGMA optimize")?;
    }
    Ok(())
}
