//! Key projects' monthly reports, coordination issues and warning thresholds through the API:
//! the responsible unit sends a month (with files); the office accepts or returns it; issues are
//! raised, answered, closed or returned; the office sets the region's thresholds.

use axum::{Json, extract::State, http::StatusCode, response::Response};
use chrono::NaiveDate;
use luoshi_domain::project::MonthlyInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    ops::{
        project_issue::{self as issues, IssueForm},
        project_report::{self as ops, MonthlyForm},
        report::Upload,
    },
    views::project_detail::IssueOut,
};

/// A month's report.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MonthlyBody {
    /// The month, `2020-06`.
    pub month: String,
    /// 本月完成投资, 万元 (or give `cumulative`).
    #[serde(default, deserialize_with = "super::projects::money")]
    pub invested: String,
    /// 1–M月累计完成投资, 万元: the month's figure is computed from it.
    #[serde(default, deserialize_with = "super::projects::money")]
    pub cumulative: String,
    /// 形象进度.
    #[serde(default)]
    pub progress: String,
    /// 存在问题.
    #[serde(default)]
    pub problems: String,
    /// 下步计划.
    #[serde(default)]
    pub next_steps: String,
    /// Why a figure already sent or accepted is corrected.
    #[serde(default)]
    pub correction_reason: String,
    /// The version of the month's report as read, when it was sent before.
    pub version: Option<i64>,
    /// Files (佐证材料), stored with the report in one transaction.
    #[serde(default)]
    pub files: Vec<super::supervision::ReplyFileBody>,
}

/// Decodes files sent in base64.
pub fn decoded(files: &[super::supervision::ReplyFileBody]) -> AppResult<Vec<Upload>> {
    use base64::Engine;
    let mut out = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(f.data.trim())
            .map_err(|_| {
                AppError::Validation(vec![luoshi_domain::ValidationError::new(
                    "files",
                    luoshi_domain::codes::EVIDENCE_NOT_BASE64,
                    format!("第{}个文件“{}”的内容不是有效的 base64 编码", i + 1, f.name),
                    format!("File {} (“{}”) is not valid base64", i + 1, f.name),
                )])
            })?;
        out.push(Upload {
            name: f.name.clone(),
            bytes,
        });
    }
    Ok(out)
}

/// `POST /api/v1/projects/{id}/reports`: the responsible unit sends a month's report (a month
/// sent before is sent again with its version; an accepted figure changed needs
/// `correction_reason`).
#[utoipa::path(post, path = "/api/v1/projects/{id}/reports", tag = "projects", security(("bearer" = [])), request_body = MonthlyBody,
    params(("id" = i64, Path, description = "project id")),
    responses((status = 201, body = Created), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody),
        (status = 413, body = crate::error::ErrorBody, description = "the body passes `max_upload_mb` (in base64)"),
        (status = 503, body = crate::error::ErrorBody, description = "too many uploads at once")))]
pub async fn submit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<MonthlyBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let files = decoded(&b.files)?;
    let f = MonthlyForm {
        input: MonthlyInput {
            month: b.month,
            invested: b.invested,
            cumulative: b.cumulative,
            progress: b.progress,
            problems: b.problems,
            next_steps: b.next_steps,
            correction_reason: b.correction_reason,
        },
        version: b.version,
    };
    let rid = ops::submit(&state, &viewer, id, &f, &files).await?;
    Ok((StatusCode::CREATED, Json(Created { id: rid })))
}

/// The office's decision on a monthly report or a coordination issue's answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// A report: `accept` or `return`; an issue: `close` or `return`.
    pub action: String,
    /// Why (needed to return).
    #[serde(default)]
    pub note: String,
    /// The version read.
    pub version: i64,
}

fn action_error() -> AppError {
    AppError::Validation(vec![luoshi_domain::ValidationError::of(
        "action",
        luoshi_domain::codes::PROJECT_CHOICE_UNKNOWN,
    )])
}

/// `POST /api/v1/project-reports/{id}/review`: the office accepts or returns a monthly report;
/// the responsible unit is told.
#[utoipa::path(post, path = "/api/v1/project-reports/{id}/review", tag = "projects", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "monthly report id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let accept = match b.action.as_str() {
        "accept" => true,
        "return" => false,
        _ => return Err(action_error()),
    };
    ops::review(&state, &cap, id, b.version, accept, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/project-files/{id}`: a monthly report's file, to whoever may see the project.
#[utoipa::path(get, path = "/api/v1/project-files/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path, description = "file id")),
    responses((status = 200, description = "the file"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn file(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    crate::files::project_file(&state, &viewer, id).await
}

/// A coordination issue raised.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IssueBody {
    /// `land`, `planning`, `funding`, `demolition`, `approval`, `utilities` or `other` (or its
    /// Chinese name).
    pub kind: String,
    /// What needs coordinating, in a line.
    pub title: String,
    /// More.
    #[serde(default)]
    pub detail: String,
    /// The handling unit.
    pub unit_id: i64,
    /// The coordinating leader (default: the project's liaison leader).
    pub leader_id: Option<i64>,
    /// Deadline.
    pub due_on: Option<NaiveDate>,
}

/// `POST /api/v1/projects/{id}/issues`: the responsible unit or the office raises a coordination
/// issue; the handling unit and the leader are told.
#[utoipa::path(post, path = "/api/v1/projects/{id}/issues", tag = "projects", security(("bearer" = [])), request_body = IssueBody,
    params(("id" = i64, Path, description = "project id")),
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn raise(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<IssueBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let f = IssueForm {
        kind: b.kind,
        title: b.title,
        detail: b.detail,
        unit_id: b.unit_id,
        leader_id: b.leader_id,
        due_on: b.due_on,
    };
    let iid = issues::raise(&state, &viewer, id, &f).await?;
    Ok((StatusCode::CREATED, Json(Created { id: iid })))
}

/// The region's coordination issues not closed (the office and leaders), or those the unit
/// handles or whose projects it answers for (a unit).
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueList {
    /// The issues, the earliest deadline first.
    pub issues: Vec<IssueOut>,
}

/// `GET /api/v1/project-issues`: coordination issues not closed that the reader may see.
#[utoipa::path(get, path = "/api/v1/project-issues", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = IssueList), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<IssueList>> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let dir = crate::directory::Directory::cached(&state.directories, &mut c, reader.region).await?;
    let visible: std::collections::HashSet<i64> = reader.projects(&mut c).await?.iter().map(|p| p.id).collect();
    let issues = luoshi_store::project_issue::unclosed(&mut c, reader.region)
        .await?
        .iter()
        .filter(|i| visible.contains(&i.project_id) || reader.unit() == Some(i.unit_id))
        .map(|i| crate::views::project_detail::issue_out(i, &dir, &reader, today, viewer.lang()))
        .collect();
    Ok(Json(IssueList { issues }))
}

/// An answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// What was done.
    pub answer: String,
    /// The version read.
    pub version: i64,
}

/// `POST /api/v1/project-issues/{id}/answer`: the handling unit answers; the office is told.
#[utoipa::path(post, path = "/api/v1/project-issues/{id}/answer", tag = "projects", security(("bearer" = [])), request_body = AnswerBody,
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<AnswerBody>,
) -> AppResult<StatusCode> {
    issues::answer(&state, &viewer, id, b.version, &b.answer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/project-issues/{id}/review`: the office closes an issue (`close`) or returns
/// its answer (`return`); the handling unit is told.
#[utoipa::path(post, path = "/api/v1/project-issues/{id}/review", tag = "projects", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let close = match b.action.as_str() {
        "close" => true,
        "return" => false,
        _ => return Err(action_error()),
    };
    issues::decide(&state, &cap, id, b.version, close, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The region's project-warning thresholds.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThresholdsBody {
    /// Yellow from this many points behind time progress (序时进度), 1–100.
    pub yellow_lag: i64,
    /// Red past this many points behind, above `yellow_lag`, up to 100.
    pub red_lag: i64,
    /// Red from this many months late to start, 1–24.
    pub red_months: i64,
}

/// `GET /api/v1/project-thresholds`
#[utoipa::path(get, path = "/api/v1/project-thresholds", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = ThresholdsBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn thresholds(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<ThresholdsBody>> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let t = luoshi_store::project_state::thresholds(&mut c, reader.region).await?;
    Ok(Json(ThresholdsBody {
        yellow_lag: t.project_yellow_lag,
        red_lag: t.project_red_lag,
        red_months: t.project_red_months,
    }))
}

/// `PUT /api/v1/project-thresholds`: the office sets them; every project is judged again.
#[utoipa::path(put, path = "/api/v1/project-thresholds", tag = "projects", security(("bearer" = [])), request_body = ThresholdsBody,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn set_thresholds(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ThresholdsBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::set_thresholds(&state, &cap, b.yellow_lag, b.red_lag, b.red_months).await?;
    Ok(StatusCode::NO_CONTENT)
}
