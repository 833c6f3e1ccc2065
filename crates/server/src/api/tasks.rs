//! Tasks through the API: a task's page; creating, editing, breaking down, moving and reordering tasks.

use super::plans::Created;
use axum::{Json, extract::State, http::StatusCode};
use chrono::NaiveDate;
use luoshi_domain::TaskInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    ops::{self, task::TaskForm, tree::Direction},
    views::TaskDetail,
};

/// A milestone.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MilestoneBody {
    /// What is to be reached.
    pub title: String,
    /// By when.
    pub due: Option<NaiveDate>,
}

/// A task's fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskBody {
    /// Title.
    pub title: String,
    /// Requirements.
    #[serde(default)]
    pub description: String,
    /// Lead unit (ignored for a unit's own sub-task: it is the unit).
    pub lead_unit_id: Option<i64>,
    /// Co-units.
    #[serde(default)]
    pub co_unit_ids: Vec<i64>,
    /// Responsible leader (ignored for a unit's sub-task).
    pub leader_id: Option<i64>,
    /// Start.
    pub start: Option<NaiveDate>,
    /// Deadline; absent with `ongoing` for 长期坚持.
    pub due: Option<NaiveDate>,
    /// 长期坚持.
    #[serde(default)]
    pub ongoing: bool,
    /// `weekly`, `monthly` or `quarterly` (default monthly).
    pub cycle: Option<String>,
    /// Reporting day (default 25).
    pub cycle_due_day: Option<i64>,
    /// Weight (default 1).
    pub weight: Option<i64>,
    /// Domain tag.
    #[serde(default)]
    pub domain: String,
    /// 责任人.
    #[serde(default)]
    pub owner: String,
    /// Shown on the public site.
    #[serde(default)]
    pub public: bool,
    /// Milestones.
    #[serde(default)]
    pub milestones: Vec<MilestoneBody>,
    /// For a new task: its parent.
    pub parent_id: Option<i64>,
    /// For updates: the version read.
    pub version: Option<i64>,
}

impl TaskBody {
    fn form(&self) -> TaskForm {
        TaskForm {
            input: TaskInput {
                title: self.title.clone(),
                description: self.description.clone(),
                start: self.start,
                due: self.due,
                ongoing: self.ongoing,
                cycle: self.cycle.clone().unwrap_or_else(|| "monthly".into()),
                cycle_due_day: self.cycle_due_day.unwrap_or(25),
                weight: self.weight.unwrap_or(1),
                domain: self.domain.clone(),
                owner: self.owner.clone(),
                milestones: self.milestones.iter().map(|m| (m.title.clone(), m.due)).collect(),
            },
            lead_unit_id: self.lead_unit_id,
            co_unit_ids: self.co_unit_ids.clone(),
            leader_id: self.leader_id,
            public: self.public,
        }
    }
}

/// `POST /api/v1/plans/{id}/tasks`
#[utoipa::path(post, path = "/api/v1/plans/{id}/tasks", tag = "decomposition", security(("bearer" = [])), request_body = TaskBody,
    params(("id" = i64, Path, description = "plan id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_task(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(plan_id): Id,
    ApiJson(b): ApiJson<TaskBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::task::create(&state, &cap, plan_id, b.parent_id, &b.form()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `POST /api/v1/tasks/{id}/subtasks`: the lead unit breaks its task down.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/subtasks", tag = "decomposition", security(("bearer" = [])), request_body = TaskBody,
    params(("id" = i64, Path, description = "the task to break down")),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create_subtask(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<TaskBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let sub = ops::task::create_subtask(&state, &lead, &b.form()).await?;
    Ok((StatusCode::CREATED, Json(Created { id: sub })))
}

/// `PUT /api/v1/tasks/{id}`
#[utoipa::path(put, path = "/api/v1/tasks/{id}", tag = "decomposition", security(("bearer" = [])), request_body = TaskBody,
    params(("id" = i64, Path, description = "task id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody, description = "CONFLICT, with the task as now stored in `current`"), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update_task(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<TaskBody>,
) -> AppResult<StatusCode> {
    let (editor, t) = {
        let mut c = state.store.conn().await?;
        viewer.task_editor(&mut c, id).await?
    };
    ops::task::update(&state, &editor, &t, b.version.unwrap_or(0), &b.form()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where to move a task.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MoveBody {
    /// The new parent; absent for the top level.
    pub parent_id: Option<i64>,
    /// The version read.
    pub version: i64,
}

/// `POST /api/v1/tasks/{id}/move`
#[utoipa::path(post, path = "/api/v1/tasks/{id}/move", tag = "decomposition", security(("bearer" = [])), request_body = MoveBody,
    params(("id" = i64, Path, description = "task id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn move_task(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<MoveBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::tree::move_to(&state, &cap, id, b.version, b.parent_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which way to reorder.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReorderBody {
    /// `up` or `down`.
    pub direction: Direction,
}

/// `POST /api/v1/tasks/{id}/reorder`
#[utoipa::path(post, path = "/api/v1/tasks/{id}/reorder", tag = "decomposition", security(("bearer" = [])), request_body = ReorderBody,
    params(("id" = i64, Path, description = "task id")), responses((status = 204)))]
pub async fn reorder(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ReorderBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::tree::reorder(&state, &cap, id, b.direction).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/tasks/{id}`
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path, description = "task id")),
    responses((status = 200, body = TaskDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn task(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<TaskDetail>> {
    Ok(Json(crate::views::task_detail::detail(&state, &viewer, id).await?))
}
