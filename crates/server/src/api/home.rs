//! The signed-in user's home through the API.

use crate::{AppState, auth::Viewer, directory::Directory, error::AppResult, views::HomeView};
use axum::{Json, extract::State};

/// `GET /api/v1/home`
#[utoipa::path(get, path = "/api/v1/home", tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = HomeView), (status = 403, body = crate::error::ErrorBody)))]
pub async fn home(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<HomeView>> {
    let reader = viewer.reader()?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut conn = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut conn, viewer.region()).await?;
    let mut v = HomeView::build(
        &reader,
        &state.boards,
        &mut conn,
        &dir,
        viewer.lang(),
        state.clock.today(),
    )
    .await?;
    v.instructions = crate::views::instruction::InstructionTally::of(&mut conn, &viewer, state.clock.today()).await?;
    Ok(Json(v))
}
