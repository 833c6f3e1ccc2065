//! Indicators (指标): each with its annual target, kind, direction, frequency, source, the
//! profile of its time progress, its responsible unit, leader, plan task and task force.
//! Figures are in ten-thousandths (`luoshi_domain::indicator::Figure`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// An indicator as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Indicator {
    /// Its id.
    pub id: i64,
    /// 指标名称.
    pub name: String,
    /// 计量单位.
    pub measure: String,
    /// `amount` or `rate`.
    pub kind: String,
    /// `higher` or `lower`.
    pub direction: String,
    /// `monthly` or `quarterly`.
    pub frequency: String,
    /// `statistics` or `unit`.
    pub source: String,
    /// The year.
    pub year: i32,
    /// 年度目标, ten-thousandths.
    pub target: i64,
    /// Time progress profile, JSON (`luoshi_domain::indicator::Profile`).
    pub profile: String,
    /// Decimals shown.
    pub decimals: i32,
    /// A rate computed from this year's and last year's amounts.
    pub computed: bool,
    /// 责任单位.
    pub unit_id: i64,
    /// 分管领导.
    pub leader_id: Option<i64>,
    /// The plan task that drives it.
    pub task_id: Option<i64>,
    /// The task force that owns it.
    pub task_force_id: Option<i64>,
    /// Shown on the public site.
    pub public: bool,
    /// In use.
    pub active: bool,
    /// Place in lists.
    pub sort: i64,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What an indicator's record says (new or changed).
#[derive(Debug, Clone, Copy)]
pub struct IndicatorFields<'a> {
    /// 指标名称.
    pub name: &'a str,
    /// 计量单位.
    pub measure: &'a str,
    /// Kind code.
    pub kind: &'a str,
    /// Direction code.
    pub direction: &'a str,
    /// Frequency code.
    pub frequency: &'a str,
    /// Source code.
    pub source: &'a str,
    /// The year.
    pub year: i32,
    /// 年度目标.
    pub target: i64,
    /// Profile, JSON.
    pub profile: &'a str,
    /// Decimals shown.
    pub decimals: i32,
    /// A computed rate.
    pub computed: bool,
    /// 责任单位.
    pub unit_id: i64,
    /// 分管领导.
    pub leader_id: Option<i64>,
    /// Plan task.
    pub task_id: Option<i64>,
    /// Task force.
    pub task_force_id: Option<i64>,
    /// Public.
    pub public: bool,
    /// Place in lists.
    pub sort: i64,
}

/// Adds an indicator; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, f: IndicatorFields<'_>, by: i64, at: DateTime<Utc>) -> Result<i64> {
    let id = crate::ids::next(tx, "indicator").await?;
    execute!(
        tx,
        "INSERT INTO indicator (region_id, id, name, measure, kind, direction, frequency, source, year, target, profile,
            decimals, computed, unit_id, leader_id, task_id, task_force_id, public, sort, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
        region,
        id,
        f.name,
        f.measure,
        f.kind,
        f.direction,
        f.frequency,
        f.source,
        f.year,
        f.target,
        f.profile,
        f.decimals,
        f.computed,
        f.unit_id,
        f.leader_id,
        f.task_id,
        f.task_force_id,
        f.public,
        f.sort,
        by,
        at
    )?;
    Ok(id)
}

/// Changes indicator `id` if it is still at `version`; false when someone saved it since.
pub async fn update(tx: &mut Tx, region: RegionId, id: i64, version: i64, f: IndicatorFields<'_>) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE indicator SET name = $4, measure = $5, kind = $6, direction = $7, frequency = $8, source = $9,
            year = $10, target = $11, profile = $12, decimals = $13, computed = $14, unit_id = $15, leader_id = $16,
            task_id = $17, task_force_id = $18, public = $19, sort = $20, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.name,
        f.measure,
        f.kind,
        f.direction,
        f.frequency,
        f.source,
        f.year,
        f.target,
        f.profile,
        f.decimals,
        f.computed,
        f.unit_id,
        f.leader_id,
        f.task_id,
        f.task_force_id,
        f.public,
        f.sort
    )?;
    Ok(n > 0)
}

/// Indicator `id`.
pub async fn indicator(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Indicator>> {
    Ok(fetch_optional!(
        conn,
        Indicator,
        "SELECT id, name, measure, kind, direction, frequency, source, year, target, profile, decimals, computed,
            unit_id, leader_id, task_id, task_force_id, public, active, sort, created_at, version
         FROM indicator WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// The region's indicators in use, in their order (`year = 0`: of every year).
pub async fn indicators(conn: &mut Conn, region: RegionId, year: i32) -> Result<Vec<Indicator>> {
    Ok(fetch_all!(
        conn,
        Indicator,
        "SELECT id, name, measure, kind, direction, frequency, source, year, target, profile, decimals, computed,
            unit_id, leader_id, task_id, task_force_id, public, active, sort, created_at, version
         FROM indicator WHERE region_id = $1 AND active AND ($2 = 0 OR year = $2) ORDER BY year DESC, sort, id",
        region,
        year
    )?)
}

/// The indicators in use `unit` reports, of every year.
pub async fn of_unit(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<Indicator>> {
    Ok(fetch_all!(
        conn,
        Indicator,
        "SELECT id, name, measure, kind, direction, frequency, source, year, target, profile, decimals, computed,
            unit_id, leader_id, task_id, task_force_id, public, active, sort, created_at, version
         FROM indicator WHERE region_id = $1 AND unit_id = $2 AND active ORDER BY year DESC, sort, id",
        region,
        unit
    )?)
}

/// The years the region has indicators for, newest first.
pub async fn years(conn: &mut Conn, region: RegionId) -> Result<Vec<i32>> {
    Ok(fetch_all!(
        conn,
        (i32,),
        "SELECT DISTINCT year FROM indicator WHERE region_id = $1 AND active ORDER BY year DESC",
        region
    )?
    .into_iter()
    .map(|(y,)| y)
    .collect())
}
