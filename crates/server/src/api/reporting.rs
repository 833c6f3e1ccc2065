//! Reporting through the API: reports, files, reviews, notes, requests and decisions.

use crate::forms::{Id, Q};
use axum::{Json, body::Bytes, extract::State, http::StatusCode, response::Response};
use chrono::NaiveDate;
use luoshi_domain::{ReportAction, RequestInput, RequestKind};
use luoshi_store::report;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, decompose::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    ops::{
        self,
        report::{ReportInput, Upload},
    },
};

/// A report's fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportBody {
    /// `draft` to save, `submit` to send.
    pub action: String,
    /// The version read, for a report already written.
    pub version: Option<i64>,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    #[serde(default)]
    pub content: String,
    /// 存在问题.
    #[serde(default)]
    pub problems: String,
    /// 下步计划.
    #[serde(default)]
    pub next_steps: String,
    /// Milestones reached this period.
    #[serde(default)]
    pub milestones_reached: Vec<i64>,
}

/// `PUT /api/v1/tasks/{id}/reports/{period}`: save or submit the lead unit's report for a
/// period (its first day, e.g. `2020-06-01`).
#[utoipa::path(put, path = "/api/v1/tasks/{id}/reports/{period}", tag = "reporting", security(("bearer" = [])), request_body = ReportBody,
    params(("id" = i64, Path, description = "task id"), ("period" = String, Path, description = "the period's first day")),
    responses((status = 200, body = Created), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn write(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    axum::extract::Path((id, period)): axum::extract::Path<(String, String)>,
    ApiJson(b): ApiJson<ReportBody>,
) -> AppResult<Json<Created>> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let period = crate::forms::parse_date(&period)
        .ok_or_else(|| AppError::BadRequest("the period must be a date like 2020-06-01".into()))?;
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let action = match b.action.as_str() {
        "draft" => ReportAction::SaveDraft,
        "submit" => ReportAction::Submit,
        _ => return Err(AppError::BadRequest("action must be draft or submit".into())),
    };
    let input = ReportInput {
        period,
        version: b.version,
        action,
        progress: b.progress,
        content: b.content,
        problems: b.problems,
        next_steps: b.next_steps,
        milestones_reached: b.milestones_reached,
    };
    let rid = ops::report::write(&state, &lead, &input, &[]).await?;
    Ok(Json(Created { id: rid }))
}

/// The file's name.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileName {
    /// e.g. `方案.pdf`.
    pub name: String,
}

/// `POST /api/v1/reports/{id}/evidence?name=`: attach a file (the raw bytes as the body) to a
/// draft or returned report.
#[utoipa::path(post, path = "/api/v1/reports/{id}/evidence", tag = "reporting", security(("bearer" = [])), params(("id" = i64, Path, description = "report id"), FileName),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn attach(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    Q(q): Q<FileName>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<Created>)> {
    let mut c = state.store.conn().await?;
    let r = report::report(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lead = viewer.lead(&mut c, r.task_id).await?;
    drop(c);
    let eid = ops::report::attach(
        &state,
        &lead,
        id,
        &Upload {
            name: q.name,
            bytes: body.to_vec(),
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: eid })))
}

/// `GET /api/v1/evidence/{id}`: a file, to anyone who may read its task.
#[utoipa::path(get, path = "/api/v1/evidence/{id}", tag = "reporting", security(("bearer" = [])), params(("id" = i64, Path, description = "file id")),
    responses((status = 200, description = "the file"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn download(state: State<AppState>, viewer: Viewer, id: Id) -> AppResult<Response> {
    crate::pages::report::download(state, viewer, id).await
}

/// A review.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewBody {
    /// `accept` or `return`.
    pub action: String,
    /// The version read.
    pub version: i64,
    /// Why it is returned (required to return).
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/reports/{id}/review`
#[utoipa::path(post, path = "/api/v1/reports/{id}/review", tag = "reporting", security(("bearer" = [])), request_body = ReviewBody,
    params(("id" = i64, Path, description = "report id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ReviewBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let action = match b.action.as_str() {
        "accept" => ReportAction::Accept,
        "return" => ReportAction::Return,
        _ => return Err(AppError::BadRequest("action must be accept or return".into())),
    };
    ops::report::review(&state, &cap, id, b.version, action, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A co-unit's note.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteBody {
    /// The note.
    pub body: String,
}

/// `POST /api/v1/reports/{id}/notes`
#[utoipa::path(post, path = "/api/v1/reports/{id}/notes", tag = "reporting", security(("bearer" = [])), request_body = NoteBody,
    params(("id" = i64, Path, description = "report id")), responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody)))]
pub async fn note(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<NoteBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let mut c = state.store.conn().await?;
    let r = report::report(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let co = viewer.co_unit(&mut c, r.task_id).await?;
    drop(c);
    let nid = ops::report::add_note(&state, &co, id, &b.body).await?;
    Ok((StatusCode::CREATED, Json(Created { id: nid })))
}

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
