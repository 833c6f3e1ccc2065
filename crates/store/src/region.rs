//! Regions (行政区): province → city → county; every record belongs to one.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A province, city or county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Region {
    /// Its id; also the tenant key of everything in it.
    pub id: i64,
    /// The region above it.
    pub parent_id: Option<i64>,
    /// `province`, `city` or `county`.
    pub level: String,
    /// The administrative division code (行政区划代码).
    pub code: String,
    /// Its name.
    pub name: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// Adds a region; returns its id.
pub async fn insert_region(
    tx: &mut Tx,
    parent_id: Option<i64>,
    level: &str,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO region (parent_id, level, code, name, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        parent_id,
        level,
        code,
        name,
        now
    )
    .map_err(|e| crate::StoreError::from(e).duplicate_as("region code"))?;
    Ok(id)
}

/// One region.
pub async fn region(conn: &mut Conn, id: i64) -> Result<Option<Region>> {
    Ok(fetch_optional!(
        conn,
        Region,
        "SELECT id, parent_id, level, code, name, created_at FROM region WHERE id = $1",
        id
    )?)
}

/// The region with this administrative division code.
pub async fn region_by_code(conn: &mut Conn, code: &str) -> Result<Option<Region>> {
    Ok(fetch_optional!(
        conn,
        Region,
        "SELECT id, parent_id, level, code, name, created_at FROM region WHERE code = $1",
        code
    )?)
}

/// Every region, parents before children.
pub async fn regions(conn: &mut Conn) -> Result<Vec<Region>> {
    Ok(fetch_all!(
        conn,
        Region,
        "SELECT id, parent_id, level, code, name, created_at FROM region ORDER BY code"
    )?)
}

/// Counts a change to a region's units, their names, its leaders or whom they oversee (so
/// servers load its directory again).
pub async fn bump_directory(tx: &mut Tx, region: RegionId) -> Result<()> {
    execute!(
        tx,
        "UPDATE region SET directory_rev = directory_rev + 1 WHERE id = $1",
        region
    )?;
    Ok(())
}

/// How many changes a region's directory has seen.
pub async fn directory_rev(conn: &mut Conn, region: RegionId) -> Result<i64> {
    Ok(
        fetch_optional!(conn, (i64,), "SELECT directory_rev FROM region WHERE id = $1", region)?
            .map(|(r,)| r)
            .unwrap_or(0),
    )
}
