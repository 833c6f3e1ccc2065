//! Progress reports through the API: writing and submitting, evidence files, reviews and co-units' notes.

use super::{ApiJson, plans::Created, writer::Writer};
use crate::forms::{Id, Q};
use crate::{
    AppState,
    error::{AppError, AppResult},
    ops::{
        self,
        report::{ReportInput, Upload},
    },
};
use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::ReportAction;
use luoshi_store::report;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

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
    /// The likelihood of delivery on time: `likely` (很可能), `probable` (较可能), `at_risk`
    /// (存在风险) or `unlikely` (难以完成); asked for in each report.
    #[serde(default)]
    pub likelihood: String,
    /// Its reason (required for `at_risk` and `unlikely`).
    #[serde(default)]
    pub likelihood_reason: String,
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
        likelihood: b.likelihood,
        likelihood_reason: b.likelihood_reason,
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
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody),
        (status = 413, body = crate::error::ErrorBody, description = "the body passes `max_upload_mb`"),
        (status = 503, body = crate::error::ErrorBody, description = "too many uploads at once")))]
pub async fn attach(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    Q(q): Q<FileName>,
    crate::uploads::Raw(body): crate::uploads::Raw,
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
            bytes: body.into(),
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id: eid })))
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
    ops::review::review(&state, &cap, id, b.version, action, &b.note).await?;
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
