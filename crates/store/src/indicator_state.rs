//! Reading indicators' judged lights (指标亮灯): each indicator's light as judged on a day, its
//! history by month, and the region's thresholds. The rows are written by `luoshi-lights`,
//! their only writer.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// An indicator's light as judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct IndicatorState {
    /// The indicator.
    pub indicator_id: i64,
    /// The day it was judged for.
    pub judged_on: NaiveDate,
    /// Light code.
    pub light: String,
    /// Rule code.
    pub rule: String,
    /// The rule and its numbers, JSON (`luoshi_domain::indicator::IndicatorRule`).
    pub reason: String,
    /// The earliest month owed and missing, `2020-05`, or empty.
    pub missing: String,
}

/// Every indicator's judged light in the region.
pub async fn states(conn: &mut Conn, region: RegionId) -> Result<Vec<IndicatorState>> {
    Ok(fetch_all!(
        conn,
        IndicatorState,
        "SELECT indicator_id, judged_on, light, rule, reason, missing FROM indicator_state WHERE region_id = $1",
        region
    )?)
}

/// Indicator `indicator`'s judged light.
pub async fn state(conn: &mut Conn, region: RegionId, indicator: i64) -> Result<Option<IndicatorState>> {
    Ok(fetch_optional!(
        conn,
        IndicatorState,
        "SELECT indicator_id, judged_on, light, rule, reason, missing FROM indicator_state
         WHERE region_id = $1 AND indicator_id = $2",
        region,
        indicator
    )?)
}

/// The region's indicators in use not judged for `today`.
pub async fn stale(conn: &mut Conn, region: RegionId, today: NaiveDate) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        conn,
        (i64,),
        "SELECT i.id FROM indicator i
         LEFT JOIN indicator_state s ON s.region_id = i.region_id AND s.indicator_id = i.id
         WHERE i.region_id = $1 AND i.active AND (s.judged_on IS NULL OR s.judged_on < $2)",
        region,
        today
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// A month of an indicator's light history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LightMonth {
    /// The month, `2020-06`.
    pub month: String,
    /// Light code.
    pub light: String,
    /// Rule code.
    pub rule: String,
    /// The rule and its numbers, JSON.
    pub reason: String,
    /// The month owed and missing then, or empty.
    pub missing: String,
    /// The last day it was recorded in that month.
    pub recorded_on: NaiveDate,
}

/// An indicator's lights by month, the latest first.
pub async fn history(conn: &mut Conn, region: RegionId, indicator: i64) -> Result<Vec<LightMonth>> {
    Ok(fetch_all!(
        conn,
        LightMonth,
        "SELECT month, light, rule, reason, missing, recorded_on FROM indicator_light
         WHERE region_id = $1 AND indicator_id = $2 ORDER BY month DESC",
        region,
        indicator
    )?)
}

/// The region's indicator thresholds, in tenths of a point behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Thresholds {
    /// Yellow when behind by more than this.
    pub indicator_yellow: i64,
    /// Red when behind by more than this.
    pub indicator_red: i64,
}

/// The region's thresholds.
pub async fn thresholds(conn: &mut Conn, region: RegionId) -> Result<Thresholds> {
    Ok(fetch_one!(
        conn,
        Thresholds,
        "SELECT indicator_yellow, indicator_red FROM region WHERE id = $1",
        region
    )?)
}

/// Sets the region's thresholds.
pub async fn set_thresholds(tx: &mut Tx, region: RegionId, t: Thresholds) -> Result<()> {
    execute!(
        tx,
        "UPDATE region SET indicator_yellow = $2, indicator_red = $3 WHERE id = $1",
        region,
        t.indicator_yellow,
        t.indicator_red
    )?;
    Ok(())
}
