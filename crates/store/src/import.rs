//! What table imports remember: the unit a name stands for once a user has said so, and the
//! task each imported row became (by the row's key within its plan).

use chrono::{DateTime, Utc};

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// The region's remembered names: (name as written, unit).
pub async fn aliases(conn: &mut Conn, region: RegionId) -> Result<Vec<(String, i64)>> {
    Ok(fetch_all!(
        conn,
        (String, i64),
        "SELECT name, unit_id FROM unit_alias WHERE region_id = $1 ORDER BY name",
        region
    )?)
}

/// Remembers that `name` stands for `unit` (replacing what it stood for before).
pub async fn set_alias(
    tx: &mut Tx,
    region: RegionId,
    name: &str,
    unit: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM unit_alias WHERE region_id = $1 AND name = $2",
        region,
        name
    )?;
    execute!(
        tx,
        "INSERT INTO unit_alias (region_id, name, unit_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        region,
        name,
        unit,
        by,
        now
    )?;
    Ok(())
}

/// Forgets a remembered name.
pub async fn drop_alias(tx: &mut Tx, region: RegionId, name: &str) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM unit_alias WHERE region_id = $1 AND name = $2",
        region,
        name
    )?;
    Ok(())
}

/// The rows imported into `plan` before: (key, task).
pub async fn keys(conn: &mut Conn, region: RegionId, plan: i64) -> Result<Vec<(String, i64)>> {
    Ok(fetch_all!(
        conn,
        (String, i64),
        "SELECT row_key, task_id FROM import_key WHERE region_id = $1 AND plan_id = $2 ORDER BY row_key",
        region,
        plan
    )?)
}

/// Records that the row keyed `key` of `plan` is task `task`.
pub async fn set_key(tx: &mut Tx, region: RegionId, plan: i64, key: &str, task: i64) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM import_key WHERE region_id = $1 AND plan_id = $2 AND row_key = $3",
        region,
        plan,
        key
    )?;
    execute!(
        tx,
        "INSERT INTO import_key (region_id, plan_id, row_key, task_id) VALUES ($1, $2, $3, $4)",
        region,
        plan,
        key,
        task
    )?;
    Ok(())
}

/// Every task of the region imported under a key: (task, key).
pub async fn task_keys(conn: &mut Conn, region: RegionId) -> Result<Vec<(i64, String)>> {
    Ok(fetch_all!(
        conn,
        (i64, String),
        "SELECT task_id, row_key FROM import_key WHERE region_id = $1",
        region
    )?)
}

/// Holds the region's ledger-import lock until `tx` ends, so two imports of a region's project
/// ledger run one after the other (on PostgreSQL; SQLite's writers are one at a time already).
pub async fn lock_ledger(tx: &mut Tx, region: RegionId) -> Result<()> {
    if tx.backend() == crate::Backend::Postgres {
        // 0x4C454447 is "LEDG"; the region is the lock's second key.
        execute!(
            tx,
            "SELECT pg_advisory_xact_lock($1, $2)",
            0x4C45_4447_i32,
            region as i32
        )?;
    }
    Ok(())
}
