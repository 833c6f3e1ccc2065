//! Light history: each task's light and progress per reporting period, so the tree can be
//! shown as of a past date and a task's lights drawn over time.

use chrono::NaiveDate;
use luoshi_domain::Light;
use serde::Serialize;

use crate::{RegionId, conn::Conn, error::Result};

/// A task's light in one period, as last recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Snapshot {
    /// The task.
    pub task_id: i64,
    /// The period's first day.
    pub period: NaiveDate,
    /// Its light.
    #[sqlx(try_from = "crate::code::Code<Light>")]
    pub light: Light,
    /// Progress, percent.
    pub progress: i64,
    /// Time progress, percent.
    pub time_progress: Option<i64>,
    /// The rule and numbers, as JSON (`Reason`).
    pub reason: String,
    /// The day it was recorded.
    pub recorded_on: NaiveDate,
}

/// A task's history, oldest period first.
pub async fn snapshots_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Snapshot>> {
    Ok(fetch_all!(
        conn,
        Snapshot,
        "SELECT task_id, period, light, progress, time_progress, reason, recorded_on FROM light_snapshot
         WHERE region_id = $1 AND task_id = $2 ORDER BY period",
        region,
        task_id
    )?)
}

/// For every task of a plan, its latest record on or before `day`.
pub async fn plan_as_of(conn: &mut Conn, region: RegionId, plan_id: i64, day: NaiveDate) -> Result<Vec<Snapshot>> {
    Ok(fetch_all!(
        conn,
        Snapshot,
        "SELECT s.task_id, s.period, s.light, s.progress, s.time_progress, s.reason, s.recorded_on
         FROM light_snapshot s JOIN task t ON t.region_id = s.region_id AND t.id = s.task_id
         WHERE s.region_id = $1 AND t.plan_id = $2 AND s.recorded_on <= $3
           AND s.period = (SELECT MAX(s2.period) FROM light_snapshot s2
                           WHERE s2.region_id = s.region_id AND s2.task_id = s.task_id AND s2.recorded_on <= $3)",
        region,
        plan_id,
        day
    )?)
}
