//! Logging in and out through the API, and who the caller is.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
};
use luoshi_store::region;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::{
    AppState,
    auth::{self, Viewer},
    directory::Directory,
    error::AppResult,
};

/// Credentials. Login names are unique within a region: give the region's code when the
/// server has accounts in more than one region (otherwise it may be left out).
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// The region's administrative division code, e.g. `990100`.
    #[serde(default)]
    pub region: Option<String>,
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// The six-digit code of the account's second factor, when it has one (else the answer is
    /// 401 `TOTP_REQUIRED`).
    #[serde(default)]
    pub totp: Option<String>,
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Who logged in.
    pub me: Me,
}

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Role in words.
    pub role_name: String,
    /// Region id.
    pub region_id: i64,
    /// Region name.
    pub region: String,
    /// Unit id, for unit users.
    pub unit_id: Option<i64>,
    /// Unit name, for unit users.
    pub unit: String,
    /// Leader id, for leaders.
    pub leader_id: Option<i64>,
    /// Preferred language.
    pub lang: String,
}

async fn me_of(state: &AppState, u: &luoshi_store::user::User) -> AppResult<Me> {
    let mut conn = state.store.conn().await?;
    let region = region::region(&mut conn, u.region_id)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let dir = Directory::load(&mut conn, u.region_id).await?;
    let lang = crate::ctx::current().lang;
    let role_name = Some(u.role)
        .map(|r| lang.pick(r.names().0, r.names().1).to_string())
        .unwrap_or_default();
    Ok(Me {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.code().to_string(),
        role_name,
        region_id: u.region_id,
        region,
        unit_id: u.unit_id,
        unit: dir.unit_name(u.unit_id),
        leader_id: u.leader_id,
        lang: u.lang.code().to_string(),
    })
}

/// `POST /api/v1/session`
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::error::ErrorBody, description = "LOGIN_FAILED"),
        (status = 422, body = crate::error::ErrorBody, description = "LOGIN_REGION_REQUIRED, LOGIN_REGION_UNKNOWN"),
        (status = 423, body = crate::error::ErrorBody, description = "ACCOUNT_LOCKED")))]
pub async fn create(
    State(state): State<AppState>,
    crate::client::ClientAddr(client): crate::client::ClientAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let region = auth::login_region(&state, req.region.as_deref()).await?;
    let done = auth::login(
        &state,
        region,
        &req.username,
        &req.password,
        req.totp.as_deref(),
        &client.to_string(),
        ua,
    )
    .await?;
    let me = me_of(&state, &done.user).await?;
    Ok(Json(LoginResponse { token: done.token, me }))
}

/// `DELETE /api/v1/session`
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub async fn delete(State(state): State<AppState>, viewer: Viewer, headers: HeaderMap) -> AppResult<StatusCode> {
    viewer.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    auth::logout(&state, &viewer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`
#[utoipa::path(get, path = "/api/v1/me", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Me>> {
    Ok(Json(me_of(&state, &viewer.user).await?))
}

/// A change of one's own password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    /// The current password.
    pub old_password: String,
    /// The new one: at least 8 characters with letters and digits.
    pub new_password: String,
}

/// `PUT /api/v1/me/password`: the caller's own password; their other sessions end.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "session", security(("bearer" = [])), request_body = PasswordChange,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody, description = "PASSWORD_OLD_WRONG, PASSWORD_TOO_WEAK"),
        (status = 423, body = crate::error::ErrorBody, description = "ACCOUNT_LOCKED")))]
pub async fn change_password(
    State(state): State<AppState>,
    super::writer::Writer(viewer): super::writer::Writer,
    ApiJson(b): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    crate::ops::account::change_password(&state, &viewer, &b.old_password, &b.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A calendar feed's address, just made.
#[derive(Debug, Serialize, ToSchema)]
pub struct Feed {
    /// The address to subscribe to (`…/feeds/{secret}/luoshi.ics`); shown this once.
    pub url: String,
}

/// `POST /api/v1/me/feed`: a new calendar feed address for the caller (日程订阅); the old one, if
/// any, stops working.
#[utoipa::path(post, path = "/api/v1/me/feed", tag = "session", security(("bearer" = [])),
    responses((status = 201, body = Feed), (status = 403, body = crate::error::ErrorBody, description = "the administrators have no feed")))]
pub async fn reset_feed(
    State(state): State<AppState>,
    super::writer::Writer(viewer): super::writer::Writer,
) -> AppResult<(StatusCode, Json<Feed>)> {
    let url = crate::ops::account::reset_feed(&state, &viewer).await?;
    Ok((StatusCode::CREATED, Json(Feed { url })))
}

/// `DELETE /api/v1/me/feed`: the caller's calendar feed address stops working.
#[utoipa::path(delete, path = "/api/v1/me/feed", tag = "session", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn feed_off(
    State(state): State<AppState>,
    super::writer::Writer(viewer): super::writer::Writer,
) -> AppResult<StatusCode> {
    crate::ops::account::feed_off(&state, &viewer).await?;
    Ok(StatusCode::NO_CONTENT)
}
