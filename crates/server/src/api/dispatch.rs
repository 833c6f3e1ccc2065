//! Dispatch meetings (调度会) through the API: the office prepares one (its agenda generated from
//! the portfolio's red and yellow projects and open coordination issues), edits the agenda,
//! records each item's decision — which becomes a task, a supervision order, an issue closed
//! or is noted — marks it held, and downloads the minutes (调度会纪要) as .docx.

use axum::{Json, extract::State, http::StatusCode, response::Response};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    ops::dispatch::{self as ops, DecisionForm, MeetingForm},
    views::dispatch::{self as view, MeetingDetail, MeetingRow},
};

/// `GET /api/v1/dispatch-meetings`: the region's meetings, the latest first (office, leaders).
#[utoipa::path(get, path = "/api/v1/dispatch-meetings", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = Vec<MeetingRow>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<MeetingRow>>> {
    let reader = viewer.reader()?;
    Ok(Json(view::list(&state, &reader, viewer.lang()).await?))
}

/// A meeting to prepare.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MeetingBody {
    /// 标题, e.g. `全市重点项目7月调度会`.
    pub title: String,
    /// The leader who chairs it.
    pub leader_id: i64,
    /// The whole region's projects (the mayor's), not only the chair's portfolio.
    #[serde(default)]
    pub whole: bool,
    /// The day.
    pub held_on: Option<NaiveDate>,
    /// Where.
    #[serde(default)]
    pub place: String,
}

/// `POST /api/v1/dispatch-meetings`: the office prepares a meeting; its agenda is generated.
#[utoipa::path(post, path = "/api/v1/dispatch-meetings", tag = "projects", security(("bearer" = [])), request_body = MeetingBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn prepare(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<MeetingBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let f = MeetingForm {
        title: b.title,
        leader_id: b.leader_id,
        whole: b.whole,
        held_on: b.held_on,
        place: b.place,
    };
    let id = ops::prepare(&state, &cap, &f).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `GET /api/v1/dispatch-meetings/{id}`
#[utoipa::path(get, path = "/api/v1/dispatch-meetings/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path, description = "meeting id")),
    responses((status = 200, body = MeetingDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<MeetingDetail>> {
    let reader = viewer.reader()?;
    Ok(Json(view::detail(&state, &reader, id, viewer.lang()).await?))
}

/// An agenda item typed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TopicBody {
    /// Its words.
    #[serde(default)]
    pub topic: String,
}

/// `POST /api/v1/dispatch-meetings/{id}/items`: the office adds an item to the agenda.
#[utoipa::path(post, path = "/api/v1/dispatch-meetings/{id}/items", tag = "projects", security(("bearer" = [])), request_body = TopicBody,
    params(("id" = i64, Path, description = "meeting id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_item(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<TopicBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let item = ops::add_item(&state, &cap, id, &b.topic).await?;
    Ok((StatusCode::CREATED, Json(Created { id: item })))
}

/// An item changed or taken off.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ItemBody {
    /// Its new words.
    #[serde(default)]
    pub topic: String,
    /// Take it off the agenda instead.
    #[serde(default)]
    pub remove: bool,
    /// The version read.
    pub version: i64,
}

/// `PUT /api/v1/dispatch-items/{id}`: the office changes an undecided item's words or takes it off.
#[utoipa::path(put, path = "/api/v1/dispatch-items/{id}", tag = "projects", security(("bearer" = [])), request_body = ItemBody,
    params(("id" = i64, Path, description = "item id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit_item(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ItemBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::edit_item(&state, &cap, id, b.version, &b.topic, b.remove).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A decision on an item.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// 议定事项.
    pub decision: String,
    /// `task` (a task with owners and a deadline), `order` (a supervision order), `resolved`
    /// (the item's coordination issue closed) or `noted`.
    pub outcome: String,
    /// The unit charged (for `task` and `order`).
    pub unit_id: Option<i64>,
    /// The deadline (for `task` and `order`).
    pub due_on: Option<NaiveDate>,
    /// The item's version as read.
    pub version: i64,
}

/// `POST /api/v1/dispatch-items/{id}/decision`: the office records the meeting's decision; what it
/// becomes is made in the same transaction and the unit charged is told.
#[utoipa::path(post, path = "/api/v1/dispatch-items/{id}/decision", tag = "projects", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "item id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let f = DecisionForm {
        decision: b.decision,
        outcome: b.outcome,
        unit_id: b.unit_id,
        due_on: b.due_on,
    };
    ops::decide(&state, &cap, id, b.version, &f).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VersionBody {
    /// The meeting's version as read.
    pub version: i64,
}

/// `POST /api/v1/dispatch-meetings/{id}/held`: the office marks the meeting held.
#[utoipa::path(post, path = "/api/v1/dispatch-meetings/{id}/held", tag = "projects", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = i64, Path, description = "meeting id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn hold(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<VersionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::hold(&state, &cap, id, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/dispatch-meetings/{id}/minutes.docx`: the minutes (调度会纪要) in the official
/// layout.
#[utoipa::path(get, path = "/api/v1/dispatch-meetings/{id}/minutes.docx", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path, description = "meeting id")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn minutes(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let (bytes, name) = view::minutes_docx(&state, &reader, id).await?;
    Ok(crate::files::attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("minutes-{id}.docx"),
        &name,
    ))
}
