//! Key projects (重点项目) through the API: the ledger with its sums by level, a project with
//! its year's plan beside the baseline, its history of changed figures and its approval nodes;
//! the office adds and changes projects, categories and nodes; a node's unit marks it done.

use axum::{Json, extract::State, http::StatusCode};
use chrono::{Datelike, NaiveDate};
use luoshi_domain::project::ProjectInput;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::{Id, Q},
    ops::project::{self as ops, ProjectForm},
    views::{
        project::{self as view, Ledger},
        project_detail::ProjectDetail,
    },
};

/// Money as JSON gives it: a number or a string, in 万元.
pub(crate) fn money<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    })
}

/// A project as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProjectBody {
    /// 项目名称.
    pub name: String,
    /// `province`, `city`, `county` (or 省级, 市级, 县级).
    pub level: String,
    /// Category id (`GET /api/v1/project-categories`).
    pub category_id: i64,
    /// `new`, `continued`, `expansion` (or 新建, 续建, 改扩建).
    pub nature: String,
    /// `planning`, `reserve`, `preliminary`, `new_start`, `building`, `completed`, `operating`.
    pub stage: String,
    /// 建设内容.
    #[serde(default)]
    pub content: String,
    /// 总投资, 万元 (a number or a string such as `"140160.5"`).
    #[serde(deserialize_with = "money")]
    #[schema(value_type = String, example = "140160")]
    pub total: String,
    /// The year of `annual_plan` (default: this year).
    pub year: Option<i32>,
    /// 年度计划投资, 万元.
    #[serde(deserialize_with = "money")]
    #[schema(value_type = String, example = "19000")]
    pub annual_plan: String,
    /// 计划开工, `2020-03`.
    pub planned_start: String,
    /// 计划竣工.
    pub planned_finish: String,
    /// 实际开工 (absent: not yet).
    #[serde(default)]
    pub actual_start: String,
    /// 实际竣工.
    #[serde(default)]
    pub actual_finish: String,
    /// 责任单位.
    pub unit_id: i64,
    /// 服务单位.
    pub service_unit_id: Option<i64>,
    /// Where it is built (a county or a zone).
    pub place_unit_id: Option<i64>,
    /// 包联领导.
    pub liaison_id: Option<i64>,
    /// The plan task it belongs to.
    pub task_id: Option<i64>,
    /// Shown on the public site.
    #[serde(default)]
    pub public: bool,
    /// For a change: the version read.
    pub version: Option<i64>,
    /// For a change of the total, the year's plan or the planned months: why.
    #[serde(default)]
    pub reason: String,
}

impl ProjectBody {
    fn form(&self, this_year: i32) -> ProjectForm {
        ProjectForm {
            input: ProjectInput {
                name: self.name.clone(),
                level: self.level.clone(),
                nature: self.nature.clone(),
                stage: self.stage.clone(),
                total: self.total.clone(),
                year: self.year.unwrap_or(this_year),
                annual_plan: self.annual_plan.clone(),
                planned_start: self.planned_start.clone(),
                planned_finish: self.planned_finish.clone(),
                actual_start: self.actual_start.clone(),
                actual_finish: self.actual_finish.clone(),
                content: self.content.clone(),
            },
            category_id: self.category_id,
            unit_id: self.unit_id,
            service_unit_id: self.service_unit_id,
            place_unit_id: self.place_unit_id,
            liaison_id: self.liaison_id,
            task_id: self.task_id,
            public: self.public,
        }
    }
}

/// Which projects the ledger lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// `province`, `city` or `county`.
    #[serde(default)]
    pub level: String,
    /// A stage code.
    #[serde(default)]
    pub stage: String,
    /// A category id.
    pub category: Option<i64>,
    /// A unit: the projects it answers for, serves or hosts.
    pub unit: Option<i64>,
    /// A leader: the projects they are liaison for.
    pub leader: Option<i64>,
    /// A county or zone: the projects built there.
    pub place: Option<i64>,
    /// A warning light: `red`, `yellow`, `green` or `blue`.
    #[serde(default)]
    pub light: String,
}

impl LedgerQuery {
    fn filter(&self) -> view::Filter {
        view::Filter {
            level: self.level.clone(),
            stage: self.stage.clone(),
            category: self.category,
            unit: self.unit,
            leader: self.leader,
            place: self.place,
            light: self.light.clone(),
        }
    }
}

/// `GET /api/v1/projects`: the ledger (台账) the reader may see, filtered, with sums by level.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), params(LedgerQuery),
    responses((status = 200, body = Ledger), (status = 403, body = crate::error::ErrorBody)))]
pub async fn ledger(State(state): State<AppState>, viewer: Viewer, Q(q): Q<LedgerQuery>) -> AppResult<Json<Ledger>> {
    let reader = viewer.reader()?;
    Ok(Json(view::ledger(&state, &reader, &q.filter(), viewer.lang()).await?))
}

/// `GET /api/v1/projects/{id}`
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path, description = "project id")),
    responses((status = 200, body = ProjectDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<ProjectDetail>> {
    let reader = viewer.reader()?;
    Ok(Json(
        crate::views::project_detail::detail(&state, &reader, id, viewer.lang()).await?,
    ))
}

/// `POST /api/v1/projects`: the office puts a project on the ledger.
#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), request_body = ProjectBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ProjectBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::create(&state, &cap, &b.form(state.clock.today().year())).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `PUT /api/v1/projects/{id}`: the office changes a project (`version` required; `reason` when
/// the total, the year's plan or the planned months change).
#[utoipa::path(put, path = "/api/v1/projects/{id}", tag = "projects", security(("bearer" = [])), request_body = ProjectBody,
    params(("id" = i64, Path, description = "project id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ProjectBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let Some(version) = b.version else {
        return Err(crate::error::AppError::Validation(vec![
            luoshi_domain::ValidationError::of("version", luoshi_domain::codes::VERSION_MISSING),
        ]));
    };
    ops::edit(
        &state,
        &cap,
        id,
        version,
        &b.form(state.clock.today().year()),
        &b.reason,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A category.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// `GET /api/v1/project-categories`
#[utoipa::path(get, path = "/api/v1/project-categories", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = Vec<CategoryOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn categories(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<CategoryOut>>> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let out = luoshi_store::project::categories(&mut c, reader.region)
        .await?
        .into_iter()
        .filter(|k| k.active)
        .map(|k| CategoryOut { id: k.id, name: k.name })
        .collect();
    Ok(Json(out))
}

/// A new category.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CategoryBody {
    /// Its name, e.g. `生态环保`.
    pub name: String,
}

/// `POST /api/v1/project-categories`: the office adds a category.
#[utoipa::path(post, path = "/api/v1/project-categories", tag = "projects", security(("bearer" = [])), request_body = CategoryBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_category(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<CategoryBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::add_category(&state, &cap, &b.name).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A new approval node.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NodeBody {
    /// 立项, 用地, 规划, 环评, 施工许可, …
    pub name: String,
    /// When it should be done.
    pub planned_on: Option<NaiveDate>,
    /// Who answers for it (default: the project's service unit).
    pub unit_id: Option<i64>,
}

/// `POST /api/v1/projects/{id}/nodes`: the office adds an approval node.
#[utoipa::path(post, path = "/api/v1/projects/{id}/nodes", tag = "projects", security(("bearer" = [])), request_body = NodeBody,
    params(("id" = i64, Path, description = "project id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_node(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<NodeBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let node = ops::add_node(&state, &cap, id, &b.name, b.planned_on, b.unit_id).await?;
    Ok((StatusCode::CREATED, Json(Created { id: node })))
}

/// A node marked done or not.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NodeDoneBody {
    /// The project.
    pub project_id: i64,
    /// The version read.
    pub version: i64,
    /// When it was done (absent: not done).
    pub done_on: Option<NaiveDate>,
    /// A note (e.g. the approval's number).
    #[serde(default)]
    pub note: String,
}

/// `PUT /api/v1/project-nodes/{id}`: the office, the node's unit or the project's service unit
/// marks a node done.
#[utoipa::path(put, path = "/api/v1/project-nodes/{id}", tag = "projects", security(("bearer" = [])), request_body = NodeDoneBody,
    params(("id" = i64, Path, description = "node id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn set_node(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<NodeDoneBody>,
) -> AppResult<StatusCode> {
    let reader = viewer.reader()?;
    ops::set_node(
        &state,
        &reader,
        &viewer.actor(),
        b.project_id,
        id,
        b.version,
        b.done_on,
        &b.note,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/leaders/{id}/projects`: a leader's 包联 page — the projects they answer for,
/// their sums and warnings, open issues and the meetings they chair (office, leaders).
#[utoipa::path(get, path = "/api/v1/leaders/{id}/projects", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path, description = "leader id")),
    responses((status = 200, body = crate::views::project_liaison::Liaison), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn liaison(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
) -> AppResult<Json<crate::views::project_liaison::Liaison>> {
    let reader = viewer.reader()?;
    Ok(Json(
        crate::views::project_liaison::liaison(&state, &reader, id, viewer.lang()).await?,
    ))
}
