//! Leaders (领导): the mayor, vice-mayors and secretary-general, their portfolios and the
//! units each oversees.

use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A leader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Leader {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Title, e.g. 副市长.
    pub title: String,
    /// Portfolio (分管领域).
    pub portfolio: String,
    /// Place in lists (the mayor first).
    pub sort: i64,
    /// Whether in office (a leader who left stays on the records of their time).
    pub active: bool,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// Adds a leader; returns the id.
pub async fn insert_leader(
    tx: &mut Tx,
    region: RegionId,
    name: &str,
    title: &str,
    portfolio: &str,
    sort: i64,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "leader").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO leader (region_id, name, title, portfolio, sort, id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        region,
        name,
        title,
        portfolio,
        sort,
        new_id
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(id)
}

/// Records that `leader_id` oversees `unit_id`.
pub async fn oversee(tx: &mut Tx, region: RegionId, leader_id: i64, unit_id: i64) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO leader_unit (region_id, leader_id, unit_id) VALUES ($1, $2, $3)",
        region,
        leader_id,
        unit_id
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(())
}

/// What a leader's record says.
#[derive(Debug, Clone, Copy)]
pub struct LeaderFields<'a> {
    /// Name.
    pub name: &'a str,
    /// Title.
    pub title: &'a str,
    /// Portfolio.
    pub portfolio: &'a str,
    /// Place in lists.
    pub sort: i64,
    /// Whether in office.
    pub active: bool,
}

/// Changes a leader's record if it is still at `version`; false when someone saved it since.
pub async fn update_leader(tx: &mut Tx, region: RegionId, id: i64, version: i64, f: LeaderFields<'_>) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE leader SET name = $4, title = $5, portfolio = $6, sort = $7, active = $8, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.name,
        f.title,
        f.portfolio,
        f.sort,
        f.active
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(n > 0)
}

/// Makes `units` the units `leader_id` oversees, in place of those before.
pub async fn set_oversight(tx: &mut Tx, region: RegionId, leader_id: i64, units: &[i64]) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM leader_unit WHERE region_id = $1 AND leader_id = $2",
        region,
        leader_id
    )?;
    for u in units {
        oversee(tx, region, leader_id, *u).await?;
    }
    crate::region::bump_directory(tx, region).await?;
    Ok(())
}

/// One leader.
pub async fn leader(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Leader>> {
    Ok(fetch_optional!(
        conn,
        Leader,
        "SELECT id, name, title, portfolio, sort, active, version FROM leader WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// Every leader of the region, in order of rank.
pub async fn leaders(conn: &mut Conn, region: RegionId) -> Result<Vec<Leader>> {
    Ok(fetch_all!(
        conn,
        Leader,
        "SELECT id, name, title, portfolio, sort, active, version FROM leader WHERE region_id = $1 ORDER BY sort, id",
        region
    )?)
}

/// Every (leader, unit) oversight pair of the region.
pub async fn oversight(conn: &mut Conn, region: RegionId) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT leader_id, unit_id FROM leader_unit WHERE region_id = $1 ORDER BY leader_id, unit_id",
        region
    )?)
}
