//! An account's second factor (TOTP): its secret (base32), one being set up, and the last time
//! step accepted — taken in one statement, so a code is good once even when sent twice at once.

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// The account's secret in use and the one being set up (`""` when none).
pub async fn secrets(conn: &mut Conn, region: RegionId, user_id: i64) -> Result<(String, String)> {
    Ok(fetch_one!(
        conn,
        (String, String),
        "SELECT totp_secret, totp_pending FROM app_user WHERE region_id = $1 AND id = $2",
        region,
        user_id
    )?)
}

/// Keeps `secret` as the one being set up (until a code confirms it).
pub async fn set_pending(tx: &mut Tx, region: RegionId, user_id: i64, secret: &str) -> Result<()> {
    execute!(
        tx,
        "UPDATE app_user SET totp_pending = $3 WHERE region_id = $1 AND id = $2",
        region,
        user_id,
        secret
    )?;
    Ok(())
}

/// Makes the secret being set up the one in use.
pub async fn enable(tx: &mut Tx, region: RegionId, user_id: i64) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET totp_secret = totp_pending, totp_pending = '', version = version + 1
         WHERE region_id = $1 AND id = $2 AND totp_pending <> ''",
        region,
        user_id
    )? > 0)
}

/// Turns the second factor off.
pub async fn disable(tx: &mut Tx, region: RegionId, user_id: i64) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET totp_secret = '', totp_pending = '', totp_step = 0, version = version + 1
         WHERE region_id = $1 AND id = $2",
        region,
        user_id
    )? > 0)
}

/// Takes time step `step` as used, if it is later than the last one taken: true once per step.
pub async fn take_step(tx: &mut Tx, region: RegionId, user_id: i64, step: i64) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET totp_step = $3 WHERE region_id = $1 AND id = $2 AND totp_step < $3",
        region,
        user_id,
        step
    )? > 0)
}
