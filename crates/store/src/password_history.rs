//! Each account's earlier password hashes, newest first, so that a new password cannot be one
//! of its last few (the password policy's `password_history`).

use chrono::{DateTime, Utc};

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// Keeps `hash` as a password `user_id` had from `at`.
pub async fn remember(tx: &mut Tx, region: RegionId, user_id: i64, hash: &str, at: DateTime<Utc>) -> Result<()> {
    let id = crate::ids::next(tx, "password_history").await?;
    execute!(
        tx,
        "INSERT INTO password_history (region_id, id, user_id, hash, set_at) VALUES ($1, $2, $3, $4, $5)",
        region,
        id,
        user_id,
        hash,
        at
    )?;
    Ok(())
}

/// The last `n` password hashes of `user_id`, newest first.
pub async fn recent(conn: &mut Conn, region: RegionId, user_id: i64, n: i64) -> Result<Vec<String>> {
    Ok(fetch_all!(
        conn,
        (String,),
        "SELECT hash FROM password_history WHERE region_id = $1 AND user_id = $2 ORDER BY set_at DESC, id DESC LIMIT $3",
        region,
        user_id,
        n
    )?
    .into_iter()
    .map(|(h,)| h)
    .collect())
}
