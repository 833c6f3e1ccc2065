//! Units (单位) and their name history: a rename or a merge never rewrites the past, so old
//! records still name the unit as it was called then.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A unit with the name it has now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Unit {
    /// Its id.
    pub id: i64,
    /// Its region.
    pub region_id: i64,
    /// Its category code (see `UnitCategory`).
    pub category: String,
    /// Its place in lists.
    pub sort: i64,
    /// Its current full name.
    pub name: String,
    /// Its current short name (简称).
    pub short_name: String,
    /// When it was set up.
    pub created_on: NaiveDate,
    /// The unit it was merged into, if it was.
    pub merged_into: Option<i64>,
    /// When it was merged.
    pub merged_on: Option<NaiveDate>,
    /// Whether it is in use (a unit taken out of use, or merged, is not offered for new work).
    pub active: bool,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// One name a unit had over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UnitName {
    /// The unit.
    pub unit_id: i64,
    /// Its full name then.
    pub name: String,
    /// Its short name then.
    pub short_name: String,
    /// First day of the name.
    pub valid_from: NaiveDate,
    /// Day the next name took over; `None` for the current name.
    pub valid_to: Option<NaiveDate>,
}

/// What a new unit needs.
#[derive(Debug, Clone)]
pub struct NewUnit<'a> {
    /// Category code.
    pub category: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Short name.
    pub short_name: &'a str,
    /// Place in lists.
    pub sort: i64,
    /// When it was set up.
    pub created_on: NaiveDate,
}

/// The columns of [`Unit`], with the current name.
macro_rules! select_unit {
    () => {
        "SELECT u.id, u.region_id, u.category, u.sort, n.name, n.short_name,
        u.created_on, u.merged_into, u.merged_on, u.active, u.version
    FROM unit u JOIN unit_name n ON n.region_id = u.region_id AND n.unit_id = u.id AND n.valid_to IS NULL"
    };
}

/// Adds a unit with its first name; returns its id.
pub async fn insert_unit(tx: &mut Tx, region: RegionId, u: &NewUnit<'_>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "unit").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO unit (region_id, category, sort, created_on, id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        region,
        u.category,
        u.sort,
        u.created_on,
        new_id
    )?;
    let new_id = crate::ids::next(tx, "unit_name").await?;
    execute!(
        tx,
        "INSERT INTO unit_name (region_id, unit_id, name, short_name, valid_from, id)
         VALUES ($1, $2, $3, $4, $5, $6)",
        region,
        id,
        u.name,
        u.short_name,
        u.created_on,
        new_id
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(id)
}

/// Renames a unit from `on`; the old name stays on record for the days before.
pub async fn rename_unit(
    tx: &mut Tx,
    region: RegionId,
    unit_id: i64,
    name: &str,
    short_name: &str,
    on: NaiveDate,
) -> Result<()> {
    execute!(
        tx,
        "UPDATE unit_name SET valid_to = $3 WHERE region_id = $1 AND unit_id = $2 AND valid_to IS NULL",
        region,
        unit_id,
        on
    )?;
    let new_id = crate::ids::next(tx, "unit_name").await?;
    execute!(
        tx,
        "INSERT INTO unit_name (region_id, unit_id, name, short_name, valid_from, id)
         VALUES ($1, $2, $3, $4, $5, $6)",
        region,
        unit_id,
        name,
        short_name,
        on,
        new_id
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(())
}

/// Records that `unit_id` was merged into `into` on `on`, which takes it out of use. Its records
/// keep its name.
pub async fn merge_unit(tx: &mut Tx, region: RegionId, unit_id: i64, into: i64, on: NaiveDate) -> Result<()> {
    execute!(
        tx,
        "UPDATE unit SET merged_into = $3, merged_on = $4, active = FALSE, version = version + 1
         WHERE region_id = $1 AND id = $2",
        region,
        unit_id,
        into,
        on
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(())
}

/// Changes a unit's category, place in lists and whether it is in use, if it is still at
/// `version`; false when someone saved it since (or there is no such unit). Its name changes
/// only by [`rename_unit`], which keeps the old one.
pub async fn update_unit(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    category: &str,
    sort: i64,
    active: bool,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE unit SET category = $4, sort = $5, active = $6, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND merged_into IS NULL",
        region,
        id,
        version,
        category,
        sort,
        active
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(n > 0)
}

/// Changes a unit's current short name only (the full name stays, so no new name is recorded).
pub async fn set_short_name(tx: &mut Tx, region: RegionId, unit_id: i64, short_name: &str) -> Result<()> {
    execute!(
        tx,
        "UPDATE unit_name SET short_name = $3 WHERE region_id = $1 AND unit_id = $2 AND valid_to IS NULL",
        region,
        unit_id,
        short_name
    )?;
    crate::region::bump_directory(tx, region).await?;
    Ok(())
}

/// One unit with its current name.
pub async fn unit(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Unit>> {
    Ok(fetch_optional!(
        conn,
        Unit,
        concat!(select_unit!(), " WHERE u.region_id = $1 AND u.id = $2"),
        region,
        id
    )?)
}

/// Every unit of the region (merged ones too), in list order.
pub async fn units(conn: &mut Conn, region: RegionId) -> Result<Vec<Unit>> {
    Ok(fetch_all!(
        conn,
        Unit,
        concat!(select_unit!(), " WHERE u.region_id = $1 ORDER BY u.sort, u.id"),
        region
    )?)
}

/// Every name every unit of the region has had.
pub async fn unit_names(conn: &mut Conn, region: RegionId) -> Result<Vec<UnitName>> {
    Ok(fetch_all!(
        conn,
        UnitName,
        "SELECT unit_id, name, short_name, valid_from, valid_to FROM unit_name
         WHERE region_id = $1 ORDER BY unit_id, valid_from",
        region
    )?)
}
