//! Leaders through the API: a leader's portfolio of tasks.

use super::lists::TaskGroup;
use crate::forms::{Id, Q};
use crate::{AppState, auth::Viewer, error::AppResult, views::paging::PageQuery};
use axum::{Json, extract::State};

/// `GET /api/v1/leaders/{id}/tasks`
#[utoipa::path(get, path = "/api/v1/leaders/{id}/tasks", tag = "views", security(("bearer" = [])),
    params(("id" = i64, Path, description = "leader id"), PageQuery),
    responses((status = 200, body = TaskGroup), (status = 404, body = crate::error::ErrorBody)))]
pub async fn leader_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Json<TaskGroup>> {
    Ok(Json(
        crate::views::lists::leader_tasks(&state, &viewer, id, &q).await?.into(),
    ))
}
