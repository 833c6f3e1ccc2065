//! Task forces (专班) through the API: the list, a task force with what it owns (tasks with
//! their lights, key projects, indicators, its meetings' decisions, its units' activity); the
//! office sets one up, changes it, and gives it things to own or takes them away.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::task_force::TaskForceInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    ops::task_force::{self as ops, ForceForm, Holding},
    views::task_force::{self as view, ForceDetail, ForceRow},
};

/// A task force as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ForceBody {
    /// 专班名称.
    pub name: String,
    /// 工作职责.
    #[serde(default)]
    pub purpose: String,
    /// 牵头领导.
    pub leader_id: Option<i64>,
    /// 牵头单位.
    pub lead_unit_id: i64,
    /// 成员单位.
    #[serde(default)]
    pub members: Vec<i64>,
    /// 成立日期, `2020-05-07`.
    pub established_on: String,
    /// 工作期限 (absent: open-ended).
    #[serde(default)]
    pub term_end: String,
    /// `active` (default) or `ended`.
    #[serde(default)]
    pub status: String,
    /// For a change: the version read.
    pub version: Option<i64>,
}

impl ForceBody {
    fn form(&self) -> ForceForm {
        ForceForm {
            input: TaskForceInput {
                name: self.name.clone(),
                purpose: self.purpose.clone(),
                established_on: self.established_on.clone(),
                term_end: self.term_end.clone(),
                status: self.status.clone(),
            },
            leader_id: self.leader_id,
            lead_unit_id: self.lead_unit_id,
            members: self.members.clone(),
        }
    }
}

/// `GET /api/v1/task-forces`: the task forces this reader may see (a unit: those it is in).
#[utoipa::path(get, path = "/api/v1/task-forces", tag = "task_forces", security(("bearer" = [])),
    responses((status = 200, body = Vec<ForceRow>)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<ForceRow>>> {
    let reader = viewer.reader()?;
    Ok(Json(view::list(&state, &reader, viewer.lang()).await?))
}

/// `POST /api/v1/task-forces`: the office sets up a task force; its units are told.
#[utoipa::path(post, path = "/api/v1/task-forces", tag = "task_forces", security(("bearer" = [])), request_body = ForceBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ForceBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::create(&state, &cap, &b.form()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `GET /api/v1/task-forces/{id}`: a task force with everything it owns.
#[utoipa::path(get, path = "/api/v1/task-forces/{id}", tag = "task_forces", security(("bearer" = [])),
    params(("id" = i64, Path, description = "task force id")),
    responses((status = 200, body = ForceDetail)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<ForceDetail>> {
    let reader = viewer.reader()?;
    Ok(Json(view::detail(&state, &reader, id, viewer.lang()).await?))
}

/// `PUT /api/v1/task-forces/{id}`: the office changes a task force read at `version`.
#[utoipa::path(put, path = "/api/v1/task-forces/{id}", tag = "task_forces", security(("bearer" = [])), request_body = ForceBody,
    params(("id" = i64, Path, description = "task force id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ForceBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let version = b.version.ok_or_else(|| {
        AppError::Validation(vec![luoshi_domain::ValidationError::of(
            "version",
            luoshi_domain::codes::TASK_FORCE_CHOICE_UNKNOWN,
        )])
    })?;
    ops::update(&state, &cap, id, version, &b.form()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Something a task force owns.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HoldingBody {
    /// `task`, `project` or `indicator`.
    pub kind: String,
    /// Its id.
    pub id: i64,
    /// A task: the task force leads it (its leading unit becomes the task's lead unit).
    #[serde(default)]
    pub leads: bool,
    /// `true` to own it, `false` to take it away.
    #[serde(default = "yes")]
    pub owns: bool,
}

fn yes() -> bool {
    true
}

/// The holding a body names.
pub fn holding(kind: &str, id: i64, leads: bool) -> AppResult<Holding> {
    match kind {
        "task" => Ok(Holding::Task { id, leads }),
        "project" => Ok(Holding::Project(id)),
        "indicator" => Ok(Holding::Indicator(id)),
        _ => Err(AppError::Validation(vec![luoshi_domain::ValidationError::of(
            "kind",
            luoshi_domain::codes::TASK_FORCE_CHOICE_UNKNOWN,
        )])),
    }
}

/// `POST /api/v1/task-forces/{id}/holdings`: the office gives the task force a task, a key
/// project or an indicator to own (or, with `owns: false`, takes it away).
#[utoipa::path(post, path = "/api/v1/task-forces/{id}/holdings", tag = "task_forces", security(("bearer" = [])),
    request_body = HoldingBody, params(("id" = i64, Path, description = "task force id")),
    responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn hold(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<HoldingBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::set_holding(&state, &cap, id, holding(&b.kind, b.id, b.leads)?, b.owns).await?;
    Ok(StatusCode::NO_CONTENT)
}
