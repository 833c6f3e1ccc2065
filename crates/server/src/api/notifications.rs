//! Each user's notifications through the API.

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    views::instant_text,
};
use axum::{Json, extract::State, http::StatusCode};
use luoshi_store::notification;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeOut {
    /// Its id.
    pub id: i64,
    /// What it is about: the ladder's `report_soon`, `report_missing`, `order_proposed`,
    /// `accountability_proposed`; decisions on the unit's work: `report_accepted`,
    /// `report_returned`, `request_approved`, `request_rejected`, `supervision_issued`,
    /// `supervision_closed`, `supervision_continued`, `supervision_returned`.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// Where it points.
    pub link: String,
    /// When, in words.
    pub at: String,
    /// Whether it was read.
    pub read: bool,
}

/// The viewer's notifications.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notices {
    /// How many are unread.
    pub unread: i64,
    /// The latest 200, newest first.
    pub items: Vec<NoticeOut>,
}

/// `GET /api/v1/notifications`
#[utoipa::path(get, path = "/api/v1/notifications", tag = "supervision", security(("bearer" = [])), responses((status = 200, body = Notices)))]
pub async fn notifications(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Notices>> {
    let mut c = state.store.conn().await?;
    let lang = viewer.lang();
    let unread = notification::unread(&mut c, viewer.region(), viewer.user.id).await?;
    let items = notification::of_user(&mut c, viewer.region(), viewer.user.id, 200, 0)
        .await?
        .into_iter()
        .map(|n| NoticeOut {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            at: instant_text(Some(n.created_at), lang),
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(Json(Notices { unread, items }))
}

/// Which notifications to mark read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReadBody {
    /// One notification; all when absent.
    pub id: Option<i64>,
}

/// `POST /api/v1/notifications/read`
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "supervision", security(("bearer" = [])), request_body = ReadBody,
    responses((status = 204), (status = 404, body = crate::error::ErrorBody, description = "a notification that is not the user's")))]
pub async fn read(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ReadBody>,
) -> AppResult<StatusCode> {
    let n = crate::ops::account::mark_read(&state, &viewer, b.id).await?;
    if b.id.is_some() && n == 0 {
        let mut c = state.store.conn().await?;
        if notification::notification(&mut c, viewer.region(), viewer.user.id, b.id.unwrap_or(0))
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
    }
    Ok(StatusCode::NO_CONTENT)
}
