//! Reading key projects' judged warnings (项目预警): each project's warning as judged on a day
//! with the year's accepted investment and the months it owes, its history by month, and the
//! region's thresholds. The rows are written by `luoshi-lights`, their only writer.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A project's warning as judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ProjectState {
    /// The project.
    pub project_id: i64,
    /// The day it was judged for.
    pub judged_on: NaiveDate,
    /// Light code.
    pub light: String,
    /// Rule code.
    pub rule: String,
    /// The rule and its numbers, JSON (`luoshi_domain::project::WarningRule`).
    pub reason: String,
    /// The year judged.
    pub year: i32,
    /// The latest month with an accepted figure, `2020-06`, or empty.
    pub done_to: String,
    /// The year's accepted investment up to it, hundredths of 万元.
    pub cumulative: i64,
    /// The months owed without a report: `2020-05:m,2020-06:o` (`m` missing, `o` not yet due).
    pub owed: String,
}

/// Every project's judged warning in the region.
pub async fn states(conn: &mut Conn, region: RegionId) -> Result<Vec<ProjectState>> {
    Ok(fetch_all!(
        conn,
        ProjectState,
        "SELECT project_id, judged_on, light, rule, reason, year, done_to, cumulative, owed FROM project_state
         WHERE region_id = $1",
        region
    )?)
}

/// Project `project`'s judged warning.
pub async fn state(conn: &mut Conn, region: RegionId, project: i64) -> Result<Option<ProjectState>> {
    Ok(fetch_optional!(
        conn,
        ProjectState,
        "SELECT project_id, judged_on, light, rule, reason, year, done_to, cumulative, owed FROM project_state
         WHERE region_id = $1 AND project_id = $2",
        region,
        project
    )?)
}

/// The region's projects in use not judged for `today` (never judged, or on an earlier day).
pub async fn stale(conn: &mut Conn, region: RegionId, today: NaiveDate) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        conn,
        (i64,),
        "SELECT p.id FROM project p
         LEFT JOIN project_state s ON s.region_id = p.region_id AND s.project_id = p.id
         WHERE p.region_id = $1 AND p.active AND (s.judged_on IS NULL OR s.judged_on < $2)",
        region,
        today
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// A month of a project's warning history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Warning {
    /// The month, `2020-06`.
    pub month: String,
    /// Light code.
    pub light: String,
    /// Rule code.
    pub rule: String,
    /// The rule and its numbers, JSON.
    pub reason: String,
    /// The last day it was recorded in that month.
    pub recorded_on: NaiveDate,
}

/// A project's warnings by month, the latest first.
pub async fn history(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<Warning>> {
    Ok(fetch_all!(
        conn,
        Warning,
        "SELECT month, light, rule, reason, recorded_on FROM project_warning
         WHERE region_id = $1 AND project_id = $2 ORDER BY month DESC",
        region,
        project
    )?)
}

/// What `unit` owes on its projects, for its inbox, in one query: each project that owes months
/// (`owed` set: `2020-05:m,…`) and each report the office returned (`month` and `note` set),
/// with the project's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UnitOwes {
    /// The project.
    pub project_id: i64,
    /// Its name.
    pub name: String,
    /// The months owed, coded, or empty for a returned report.
    pub owed: String,
    /// The returned report's month, or empty.
    pub month: String,
    /// The office's note on it.
    pub note: String,
}

/// What `unit` owes on its projects (see [`UnitOwes`]).
pub async fn owed_by_unit(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<UnitOwes>> {
    Ok(fetch_all!(
        conn,
        UnitOwes,
        "SELECT s.project_id, p.name, s.owed, '' AS month, '' AS note FROM project_state s
         JOIN project p ON p.region_id = s.region_id AND p.id = s.project_id
         WHERE s.region_id = $1 AND p.unit_id = $2 AND p.active AND s.owed <> ''
         UNION ALL
         SELECT r.project_id, p.name, '' AS owed, r.month, r.review_note AS note FROM project_report r
         JOIN project p ON p.region_id = r.region_id AND p.id = r.project_id
         WHERE r.region_id = $1 AND r.unit_id = $2 AND r.status = 'returned'",
        region,
        unit
    )?)
}

/// The region's warning thresholds: points behind time progress for yellow and past which it
/// is red, and months late to start for red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Thresholds {
    /// Yellow from this many points behind.
    pub project_yellow_lag: i64,
    /// Red past this many points behind.
    pub project_red_lag: i64,
    /// Red from this many months late to start.
    pub project_red_months: i64,
}

/// The region's thresholds.
pub async fn thresholds(conn: &mut Conn, region: RegionId) -> Result<Thresholds> {
    Ok(fetch_one!(
        conn,
        Thresholds,
        "SELECT project_yellow_lag, project_red_lag, project_red_months FROM region WHERE id = $1",
        region
    )?)
}

/// Sets the region's thresholds.
pub async fn set_thresholds(tx: &mut Tx, region: RegionId, t: Thresholds) -> Result<()> {
    execute!(
        tx,
        "UPDATE region SET project_yellow_lag = $2, project_red_lag = $3, project_red_months = $4 WHERE id = $1",
        region,
        t.project_yellow_lag,
        t.project_red_lag,
        t.project_red_months
    )?;
    Ok(())
}
