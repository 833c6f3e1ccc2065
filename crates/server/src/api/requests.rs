//! Change requests (extension, completion, …) through the API: filing one and deciding it.

use super::{ApiJson, plans::Created, writer::Writer};
use crate::forms::Id;
use crate::{
    AppState,
    error::{AppError, AppResult},
    ops::{self},
};
use axum::{Json, extract::State, http::StatusCode};
use chrono::NaiveDate;
use luoshi_domain::{RequestInput, RequestKind};
use serde::Deserialize;
use utoipa::ToSchema;

/// A change request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RequestBody {
    /// `extension`, `completion` or `adjustment`.
    pub kind: String,
    /// Why.
    pub reason: String,
    /// Extension: the new deadline.
    pub new_due: Option<NaiveDate>,
    /// Progress so far.
    pub progress: Option<i64>,
    /// Adjustment: new title.
    pub new_title: Option<String>,
    /// Adjustment: new requirements.
    pub new_description: Option<String>,
}

/// `POST /api/v1/tasks/{id}/requests`
#[utoipa::path(post, path = "/api/v1/tasks/{id}/requests", tag = "reporting", security(("bearer" = [])), request_body = RequestBody,
    params(("id" = i64, Path, description = "task id")), responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn file_request(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<RequestBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let kind = RequestKind::parse(&b.kind)
        .ok_or_else(|| AppError::BadRequest("kind must be extension, completion or adjustment".into()))?;
    let r = RequestInput {
        kind,
        reason: b.reason,
        new_due: b.new_due,
        progress: b.progress,
        new_title: b.new_title,
        new_description: b.new_description,
    };
    let rid = ops::request::file(&state, &lead, &r).await?;
    Ok((StatusCode::CREATED, Json(Created { id: rid })))
}

/// A decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// The version read.
    pub version: i64,
    /// The reason (required to reject).
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/requests/{id}/decision`
#[utoipa::path(post, path = "/api/v1/requests/{id}/decision", tag = "reporting", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "request id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::request::decide(&state, &cap, id, b.version, b.approve, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}
