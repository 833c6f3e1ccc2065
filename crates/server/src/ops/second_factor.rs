//! The optional second factor (TOTP) of the three administrators and the supervision office:
//! set up (a new secret shown once, confirmed by its first code), and turned off with a current
//! code. The login asks for a code once it is on (`auth::login`).

use luoshi_domain::{Role, ValidationError, codes};
use luoshi_lights::Change;
use luoshi_store::totp;
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    auth::{Viewer, totp as code},
    error::{AppError, AppResult},
};

/// Whether accounts of `role` may turn the second factor on.
pub fn offered(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::SecurityOfficer | Role::Auditor | Role::Supervisor
    )
}

fn wrong_code() -> AppError {
    AppError::Validation(vec![ValidationError::of("totp", codes::TOTP_CODE_WRONG)])
}

/// The audit line of the viewer switching their second factor on or off.
async fn record_switch(
    tx: &mut luoshi_store::Tx,
    viewer: &Viewer,
    on: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let r = Record {
        actor: &viewer.actor(),
        change: Change::SecondFactorSet,
        entity: "user",
        entity_id: viewer.user.id,
        before: None,
        after: json!({ "on": on }),
    };
    record(tx, viewer.region(), r, now).await
}

/// Whether the viewer's second factor is on.
pub async fn is_on(state: &AppState, viewer: &Viewer) -> AppResult<bool> {
    let mut c = state.store.conn().await?;
    Ok(!totp::secrets(&mut c, viewer.region(), viewer.user.id)
        .await?
        .0
        .is_empty())
}

/// Begins setting the second factor up: a new secret, kept until its first code confirms it;
/// returns it and the `otpauth://` address to scan (shown this once).
pub async fn start(state: &AppState, viewer: &Viewer) -> AppResult<(String, String)> {
    if !offered(viewer.role) {
        return Err(AppError::Forbidden);
    }
    let secret = code::new_secret().map_err(AppError::Internal)?;
    let mut tx = state.store.begin().await?;
    totp::set_pending(&mut tx, viewer.region(), viewer.user.id, &secret).await?;
    tx.commit().await?;
    let uri = code::uri("落实", &viewer.user.username, &secret);
    Ok((secret, uri))
}

/// Turns the second factor on when `typed` is a current code of the secret being set up.
pub async fn confirm(state: &AppState, viewer: &Viewer, typed: &str) -> AppResult<()> {
    if !offered(viewer.role) {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let (region, id) = (viewer.region(), viewer.user.id);
    let mut tx = state.store.begin().await?;
    let (_, pending) = totp::secrets(&mut tx, region, id).await?;
    let step = code::matching_step(&pending, typed, now).ok_or_else(wrong_code)?;
    totp::enable(&mut tx, region, id).await?;
    totp::take_step(&mut tx, region, id, step).await?;
    record_switch(&mut tx, viewer, true, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns the second factor off when `typed` is a current code of it.
pub async fn turn_off(state: &AppState, viewer: &Viewer, typed: &str) -> AppResult<()> {
    let now = state.clock.now();
    let (region, id) = (viewer.region(), viewer.user.id);
    let mut tx = state.store.begin().await?;
    let (secret, _) = totp::secrets(&mut tx, region, id).await?;
    let step = code::matching_step(&secret, typed, now).ok_or_else(wrong_code)?;
    if !totp::take_step(&mut tx, region, id, step).await? {
        return Err(wrong_code());
    }
    totp::disable(&mut tx, region, id).await?;
    record_switch(&mut tx, viewer, false, now).await?;
    tx.commit().await?;
    Ok(())
}
