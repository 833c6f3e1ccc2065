//! Plans, task trees, tasks and the home summary.

use crate::forms::{Id, Q};
use axum::{Json, extract::State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{HomeView, PlanSummary, PlanTree, TaskDetail, lists::TreeFilter},
};

/// A plan with its full text.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDetail {
    /// The summary.
    pub plan: PlanSummary,
    /// The full source text.
    pub source_text: String,
}

/// `GET /api/v1/home`
#[utoipa::path(get, path = "/api/v1/home", tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = HomeView), (status = 403, body = crate::error::ErrorBody)))]
pub async fn home(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<HomeView>> {
    let reader = viewer.reader()?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut conn = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut conn, viewer.region()).await?;
    Ok(Json(
        HomeView::build(
            &reader,
            &state.boards,
            &mut conn,
            &dir,
            viewer.lang(),
            state.clock.today(),
        )
        .await?,
    ))
}

/// `GET /api/v1/plans`
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = Vec<PlanSummary>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<PlanSummary>>> {
    let reader = viewer.reader()?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut conn = state.store.conn().await?;
    Ok(Json(
        crate::views::plan::summaries(
            &reader,
            &state.boards,
            &mut conn,
            viewer.lang(),
            None,
            state.clock.today(),
        )
        .await?,
    ))
}

/// `GET /api/v1/plans/{id}`
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path, description = "plan id")),
    responses((status = 200, body = PlanDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn plan(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<PlanDetail>> {
    let reader = viewer.reader()?;
    let mut conn = state.store.conn().await?;
    let p = reader.plan(&mut conn, id).await?;
    let board = reader.board(&state.boards, &mut conn, p, state.clock.today()).await?;
    Ok(Json(PlanDetail {
        plan: PlanSummary::new(&board.plan, &board, viewer.lang()),
        source_text: board.plan.source_text.clone(),
    }))
}

/// `GET /api/v1/plans/{id}/tasks?unit=&leader=&light=&domain=&as_of=`
#[utoipa::path(get, path = "/api/v1/plans/{id}/tasks", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path, description = "plan id"), TreeFilter),
    responses((status = 200, body = PlanTree), (status = 404, body = crate::error::ErrorBody)))]
pub async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(f): Q<TreeFilter>,
) -> AppResult<Json<PlanTree>> {
    Ok(Json(crate::pages::plans::tree_of(&state, &viewer, id, &f).await?.0))
}

/// `GET /api/v1/tasks/{id}`
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path, description = "task id")),
    responses((status = 200, body = TaskDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn task(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<TaskDetail>> {
    Ok(Json(crate::pages::task::detail(&state, &viewer, id).await?))
}
