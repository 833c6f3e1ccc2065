//! The likelihood of delivery through the API (issue 19): a task's current judgement and its
//! history for whoever may read the task; the office sets one with a reason. The lead unit's
//! judgement comes with its report (`likelihood` in the report's body).

use axum::{Json, extract::State, http::StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    views::likelihood::{self as view, TaskLikelihood},
};

/// The office's judgement.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LikelihoodBody {
    /// `likely` (很可能), `probable` (较可能), `at_risk` (存在风险) or `unlikely` (难以完成).
    pub likelihood: String,
    /// Why (required).
    pub reason: String,
}

/// `GET /api/v1/tasks/{id}/likelihood`: the current judgement, put against the light, and the
/// ones before it.
#[utoipa::path(get, path = "/api/v1/tasks/{id}/likelihood", tag = "reporting", security(("bearer" = [])),
    params(("id" = i64, Path, description = "task id")),
    responses((status = 200, body = TaskLikelihood), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<TaskLikelihood>> {
    let d = crate::views::task_detail::detail(&state, &viewer, id).await?;
    Ok(Json(
        view::of_task(&state, viewer.region(), id, &d.task.light, viewer.lang()).await?,
    ))
}

/// `POST /api/v1/tasks/{id}/likelihood` (the office): sets the judgement; the lead unit is told.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/likelihood", tag = "reporting", security(("bearer" = [])),
    request_body = LikelihoodBody, params(("id" = i64, Path, description = "task id")),
    responses((status = 204), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn set(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<LikelihoodBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    crate::ops::likelihood::set_for_task(&state, &cap, id, &b.likelihood, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/likelihood/accuracy` (the office and leaders): for closed tasks, how often each
/// judgement came true.
#[utoipa::path(get, path = "/api/v1/likelihood/accuracy", tag = "reporting", security(("bearer" = [])),
    responses((status = 200, body = view::Accuracy), (status = 403, body = crate::error::ErrorBody)))]
pub async fn accuracy(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<view::Accuracy>> {
    let reader = viewer.reader()?;
    Ok(Json(view::accuracy(&state, &reader, viewer.lang()).await?))
}
