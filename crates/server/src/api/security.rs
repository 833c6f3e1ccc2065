//! Logins through the API: the security officer's locks and sessions, and a user's own sessions.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};

use super::writer::Writer;
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    ops::account,
    views::admin::{self, LockOut, SessionOut},
};

/// `GET /api/v1/locks` (security officer): the locks in force, by login name and address.
#[utoipa::path(get, path = "/api/v1/locks", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<LockOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn locks(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<LockOut>>> {
    let cap = viewer.security_officer()?;
    let mut c = state.store.conn().await?;
    Ok(Json(admin::locks(cap, &mut c, viewer.lang(), state.clock.now()).await?))
}

/// `DELETE /api/v1/locks/{username}` (security officer): lifts every lock on a login name.
#[utoipa::path(delete, path = "/api/v1/locks/{username}", tag = "admin", security(("bearer" = [])),
    params(("username" = String, Path, description = "the login name")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn unlock(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Path(username): Path<String>,
) -> AppResult<StatusCode> {
    let cap = viewer.security_officer()?;
    if account::unlock_name(&state, cap, &viewer.actor(), &username).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// `DELETE /api/v1/sessions/{id}` (security officer): ends anyone's session.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "the session's id, as listed")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let cap = viewer.security_officer()?;
    account::end_session(&state, cap, &viewer.actor(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me/sessions`: where the caller is logged in.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionOut>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn my_sessions(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<SessionOut>>> {
    let mut c = state.store.conn().await?;
    Ok(Json(
        admin::own_sessions(
            &mut c,
            viewer.region(),
            viewer.user.id,
            &viewer.session.id,
            viewer.lang(),
            state.clock.now(),
        )
        .await?,
    ))
}

/// `DELETE /api/v1/me/sessions`: logs the caller out everywhere else (this session stays).
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "session", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub async fn end_my_sessions(State(state): State<AppState>, Writer(viewer): Writer) -> AppResult<StatusCode> {
    account::end_my_sessions(&state, &viewer, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A check of the audit chain.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CheckOut {
    /// Lines checked.
    pub lines: i64,
    /// The first broken line, if any.
    pub broken_seq: Option<i64>,
    /// What is wrong with it, in the caller's language.
    pub broken: Option<String>,
}

/// `POST /api/v1/audit/verify` (auditor): checks the whole chain now — every line with the
/// key, then the checkpoints kept outside the database — and records the outcome.
#[utoipa::path(post, path = "/api/v1/audit/verify", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = CheckOut), (status = 403, body = crate::error::ErrorBody)))]
pub async fn verify_audit(State(state): State<AppState>, Writer(viewer): Writer) -> AppResult<Json<CheckOut>> {
    let cap = viewer.auditor()?;
    let v = crate::audit_key::verify_and_record(&state.store, &state.config, cap.region, state.clock.now())
        .await
        .map_err(AppError::Internal)?;
    Ok(Json(CheckOut {
        lines: v.lines,
        broken_seq: v.broken.map(|(s, _)| s),
        broken: v
            .broken
            .map(|(_, b)| crate::views::audit_words::broken(b, viewer.lang()).to_string()),
    }))
}

/// A second factor being set up.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TotpSetup {
    /// The key, base32 (shown this once).
    pub key: String,
    /// The `otpauth://` address an authenticator app scans.
    pub uri: String,
}

/// A code of the caller's authenticator app.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct TotpCode {
    /// Six digits.
    pub code: String,
}

/// `POST /api/v1/me/totp`: begins setting up the caller's second factor (the three
/// administrators and the office); confirm with `PUT`.
#[utoipa::path(post, path = "/api/v1/me/totp", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = TotpSetup), (status = 403, body = crate::error::ErrorBody)))]
pub async fn totp_start(State(state): State<AppState>, Writer(viewer): Writer) -> AppResult<Json<TotpSetup>> {
    let (key, uri) = crate::ops::second_factor::start(&state, &viewer).await?;
    Ok(Json(TotpSetup { key, uri }))
}

/// `PUT /api/v1/me/totp`: the first code turns the second factor on.
#[utoipa::path(put, path = "/api/v1/me/totp", tag = "session", security(("bearer" = [])), request_body = TotpCode,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody, description = "TOTP_CODE_WRONG"),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn totp_confirm(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    super::ApiJson(b): super::ApiJson<TotpCode>,
) -> AppResult<StatusCode> {
    crate::ops::second_factor::confirm(&state, &viewer, &b.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/me/totp`: a current code turns the second factor off.
#[utoipa::path(delete, path = "/api/v1/me/totp", tag = "session", security(("bearer" = [])), request_body = TotpCode,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody, description = "TOTP_CODE_WRONG")))]
pub async fn totp_off(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    super::ApiJson(b): super::ApiJson<TotpCode>,
) -> AppResult<StatusCode> {
    crate::ops::second_factor::turn_off(&state, &viewer, &b.code).await?;
    Ok(StatusCode::NO_CONTENT)
}
