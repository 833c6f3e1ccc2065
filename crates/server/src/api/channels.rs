//! Notification channels, the delivery log and a user's preferences through the API.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_store::delivery;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    ops::channels::{self, ChannelInput},
    views::instant_text,
};

/// A channel as listed (its secret is never shown).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelOut {
    /// Its id.
    pub id: i64,
    /// The unit it carries notifications of; absent for the office.
    pub unit_id: Option<i64>,
    /// `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Webhook address.
    pub url: String,
    /// Whether it has a signing secret.
    pub signed: bool,
    /// Whether it is used.
    pub active: bool,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// `GET /api/v1/channels`
#[utoipa::path(get, path = "/api/v1/channels", tag = "supervision", security(("bearer" = [])), responses((status = 200, body = Vec<ChannelOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<ChannelOut>>> {
    let cap = viewer.supervisor()?;
    let mut c = state.store.conn().await?;
    Ok(Json(
        delivery::channels(&mut c, cap.region)
            .await?
            .into_iter()
            .map(|c| ChannelOut {
                id: c.id,
                unit_id: c.unit_id,
                kind: c.kind,
                name: c.name,
                url: c.url,
                signed: !c.secret.is_empty(),
                active: c.active,
                version: c.version,
            })
            .collect(),
    ))
}

/// A new channel.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChannelBody {
    /// The unit whose notifications it carries; absent for the office's.
    pub unit_id: Option<i64>,
    /// `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Webhook address.
    pub url: String,
    /// 钉钉 signing secret.
    #[serde(default)]
    pub secret: String,
}

/// `POST /api/v1/channels`
#[utoipa::path(post, path = "/api/v1/channels", tag = "supervision", security(("bearer" = [])), request_body = ChannelBody,
    responses((status = 201, body = crate::api::plans::Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ChannelBody>,
) -> AppResult<(StatusCode, Json<crate::api::plans::Created>)> {
    let cap = viewer.supervisor()?;
    let id = channels::add(
        &state,
        &cap,
        &ChannelInput {
            unit_id: b.unit_id,
            kind: b.kind,
            name: b.name,
            url: b.url,
            secret: b.secret,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(crate::api::plans::Created { id })))
}

/// On or off.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActiveBody {
    /// Whether the channel is used.
    pub active: bool,
    /// Its version as read.
    pub version: i64,
}

/// `POST /api/v1/channels/{id}/active`
#[utoipa::path(post, path = "/api/v1/channels/{id}/active", tag = "supervision", security(("bearer" = [])), request_body = ActiveBody,
    params(("id" = i64, Path, description = "channel id")), responses((status = 204), (status = 409, body = crate::error::ErrorBody)))]
pub async fn set_active(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ActiveBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    channels::set_active(&state, &cap, id, b.version, b.active).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A delivery in the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryOut {
    /// Its id.
    pub id: i64,
    /// The event it told of.
    pub event_key: String,
    /// `email`, `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// Address or URL.
    pub target: String,
    /// Title.
    pub title: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// The last failure.
    pub last_error: String,
    /// When it was queued, in words.
    pub created: String,
    /// When it went out, in words.
    pub sent: String,
}

/// `GET /api/v1/deliveries`: the latest 100 deliveries.
#[utoipa::path(get, path = "/api/v1/deliveries", tag = "supervision", security(("bearer" = [])), responses((status = 200, body = Vec<DeliveryOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn deliveries(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<DeliveryOut>>> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let mut c = state.store.conn().await?;
    Ok(Json(
        delivery::recent(&mut c, cap.region, 100)
            .await?
            .into_iter()
            .map(|d| DeliveryOut {
                id: d.id,
                event_key: d.event_key,
                kind: d.kind,
                target: d.target,
                title: d.title,
                status: d.status,
                attempts: d.attempts,
                last_error: d.last_error,
                created: instant_text(Some(d.created_at), lang),
                sent: instant_text(d.sent_at, lang),
            })
            .collect(),
    ))
}

/// A user's notification preferences.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Preferences {
    /// E-mail address (empty for none).
    pub email: String,
    /// Send notifications by e-mail.
    pub notify_email: bool,
    /// Post them to the unit's group channels.
    pub notify_channels: bool,
}

/// `GET /api/v1/me/preferences`
#[utoipa::path(get, path = "/api/v1/me/preferences", tag = "session", security(("bearer" = [])), responses((status = 200, body = Preferences)))]
pub async fn get_preferences(viewer: Viewer) -> Json<Preferences> {
    Json(Preferences {
        email: viewer.user.email.clone(),
        notify_email: viewer.user.notify_email,
        notify_channels: viewer.user.notify_channels,
    })
}

/// `PUT /api/v1/me/preferences`
#[utoipa::path(put, path = "/api/v1/me/preferences", tag = "session", security(("bearer" = [])), request_body = Preferences,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_preferences(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<Preferences>,
) -> AppResult<StatusCode> {
    channels::set_preferences(&state, &viewer, &b.email, b.notify_email, b.notify_channels).await?;
    Ok(StatusCode::NO_CONTENT)
}
