//! Batches of tasks read from a text: claimed by the token of the form that confirmed them, so
//! the same batch is never created twice (a double click, a resubmitted page, a retried call).

use chrono::{DateTime, Utc};

use crate::{RegionId, Result, StoreError, conn::Tx};

/// Claims `token` for a batch about to be created in `tx`; `Duplicate` if it was claimed
/// before (the other transaction's insert is waited for, then refused).
pub async fn claim(tx: &mut Tx, region: RegionId, token: &str, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO extraction_batch (region_id, token, created_at) VALUES ($1, $2, $3)",
        region,
        token,
        now
    )
    .map_err(|e| StoreError::from(e).duplicate_as("extraction batch"))?;
    Ok(())
}

/// Records what the claimed batch created.
pub async fn finish(tx: &mut Tx, region: RegionId, token: &str, plan_id: i64, tasks: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE extraction_batch SET plan_id = $3, tasks = $4 WHERE region_id = $1 AND token = $2",
        region,
        token,
        plan_id,
        tasks
    )?;
    Ok(())
}

/// The plan a batch created its tasks in, once it has.
pub async fn plan_of(conn: &mut crate::conn::Conn, region: RegionId, token: &str) -> Result<Option<i64>> {
    Ok(scalar!(
        conn,
        Option<i64>,
        "SELECT MAX(plan_id) FROM extraction_batch WHERE region_id = $1 AND token = $2",
        region,
        token
    )?)
}
