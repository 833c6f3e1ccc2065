//! Units through the API: the overview of every unit, a unit's tasks and its activity.

use super::lists::TaskGroup;
use crate::forms::{Id, Q};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    views::{lists::UnitSummary, paging::PageQuery},
};
use axum::{Json, extract::State};

/// `GET /api/v1/units/overview`: every unit with the lights of the tasks it leads.
#[utoipa::path(get, path = "/api/v1/units/overview", tag = "views", security(("bearer" = [])), responses((status = 200, body = Vec<UnitSummary>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn units_overview(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<UnitSummary>>> {
    Ok(Json(crate::views::lists::unit_overview(&state, &viewer).await?))
}

/// `GET /api/v1/units/{id}/tasks`
#[utoipa::path(get, path = "/api/v1/units/{id}/tasks", tag = "views", security(("bearer" = [])),
    params(("id" = i64, Path, description = "unit id"), PageQuery),
    responses((status = 200, body = TaskGroup), (status = 404, body = crate::error::ErrorBody)))]
pub async fn unit_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Json<TaskGroup>> {
    Ok(Json(
        crate::views::lists::unit_tasks(&state, &viewer, id, &q).await?.into(),
    ))
}

/// `GET /api/v1/units/{id}/activity`: the unit's supervision record — orders naming it, the
/// escalation ladder's firings about its tasks, accountability records.
#[utoipa::path(get, path = "/api/v1/units/{id}/activity", tag = "views", security(("bearer" = [])), params(("id" = i64, Path, description = "unit id")),
    responses((status = 200, body = crate::views::activity::UnitActivity), (status = 404, body = crate::error::ErrorBody)))]
pub async fn unit_activity(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
) -> AppResult<Json<crate::views::activity::UnitActivity>> {
    Ok(Json(crate::views::activity::unit_activity(&state, &viewer, id).await?))
}
