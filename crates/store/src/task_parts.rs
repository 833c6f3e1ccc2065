//! A task's parts kept in rows of their own: its co-units (and a unit's role in a task) and its milestones.

use crate::{RegionId, conn::Conn, conn::Tx, error::Result};
use chrono::NaiveDate;
use serde::Serialize;

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

/// Marks a milestone reached.
pub async fn set_milestone_done(tx: &mut Tx, region: RegionId, id: i64, on: NaiveDate) -> Result<()> {
    execute!(
        tx,
        "UPDATE milestone SET done_on = $3 WHERE region_id = $1 AND id = $2",
        region,
        id,
        on
    )?;
    Ok(())
}

/// The (task, co-unit) pairs of a plan.
pub async fn co_units_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT c.task_id, c.unit_id FROM task_co_unit c JOIN task t ON t.region_id = c.region_id AND t.id = c.task_id
         WHERE c.region_id = $1 AND t.plan_id = $2 ORDER BY c.task_id, c.unit_id",
        region,
        plan_id
    )?)
}

/// The milestones of every task of a plan.
pub async fn milestones_of_plan(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<Vec<Milestone>> {
    Ok(fetch_all!(
        conn,
        Milestone,
        "SELECT m.id, m.task_id, m.seq, m.title, m.due, m.done_on FROM milestone m
         JOIN task t ON t.region_id = m.region_id AND t.id = m.task_id
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

/// Whether `unit_id` is the lead unit or a co-unit of the task.
pub async fn unit_role_in_task(conn: &mut Conn, region: RegionId, task_id: i64, unit_id: i64) -> Result<Option<bool>> {
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

/// Replaces a task's co-units.
pub async fn set_co_units(tx: &mut Tx, region: RegionId, task_id: i64, units: &[i64]) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM task_co_unit WHERE region_id = $1 AND task_id = $2",
        region,
        task_id
    )?;
    let mut seen = std::collections::HashSet::new();
    for u in units.iter().filter(|u| seen.insert(**u)) {
        execute!(
            tx,
            "INSERT INTO task_co_unit (region_id, task_id, unit_id) VALUES ($1, $2, $3)",
            region,
            task_id,
            *u
        )?;
    }
    Ok(())
}

/// Replaces a task's milestones, keeping the reached date of a milestone whose title stays.
pub async fn set_milestones(tx: &mut Tx, region: RegionId, task_id: i64, items: &[(String, NaiveDate)]) -> Result<()> {
    let old = milestones(tx, region, task_id).await?;
    execute!(
        tx,
        "DELETE FROM milestone WHERE region_id = $1 AND task_id = $2",
        region,
        task_id
    )?;
    for (seq, (title, due)) in items.iter().enumerate() {
        let done_on = old.iter().find(|m| &m.title == title).and_then(|m| m.done_on);
        let new_id = crate::ids::next(tx, "milestone").await?;
        execute!(
            tx,
            "INSERT INTO milestone (region_id, task_id, seq, title, due, done_on, id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            region,
            task_id,
            seq as i64,
            title.as_str(),
            *due,
            done_on,
            new_id
        )?;
    }
    Ok(())
}
