//! A unit's inbox (待办) through the API.

use crate::{AppState, auth::Viewer, directory::Directory, error::AppResult, views::inbox::InboxView};
use axum::{Json, extract::State};

/// `GET /api/v1/inbox` (unit users)
#[utoipa::path(get, path = "/api/v1/inbox", tag = "reporting", security(("bearer" = [])), responses((status = 200, body = InboxView), (status = 403, body = crate::error::ErrorBody)))]
pub async fn inbox(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<InboxView>> {
    let reader = viewer.reader()?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(Json(
        InboxView::build(&reader, &mut c, &dir, viewer.lang(), state.clock.today()).await?,
    ))
}
