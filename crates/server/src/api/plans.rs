//! Plans through the API: the list, a plan, its task tree; creating and editing plans.

use axum::{Json, extract::State, http::StatusCode};
use chrono::NaiveDate;
use luoshi_domain::PlanInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::{Id, Q},
    ops::{self},
    views::{PlanSummary, PlanTree, lists::TreeFilter},
};

/// A plan's fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanBody {
    /// `work_report`, `meeting`, `instruction` or `assignment`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Document number.
    #[serde(default)]
    pub doc_no: String,
    /// Date issued or held.
    pub issued_on: Option<NaiveDate>,
    /// Summary.
    #[serde(default)]
    pub summary: String,
    /// Full text.
    #[serde(default)]
    pub source_text: String,
    /// Yellow threshold, points (default 20).
    pub yellow_lag: Option<i64>,
    /// Red threshold, points (default 40).
    pub red_lag: Option<i64>,
    /// Days a milestone may be late before red (default 15).
    pub milestone_red_days: Option<i64>,
    /// Which reports the lights read: `sent` (the default; a light on a report not yet accepted
    /// is marked 待审核) or `accepted` (accepted reports only).
    #[serde(default)]
    pub basis: String,
    /// For updates: the version read.
    pub version: Option<i64>,
}

impl PlanBody {
    /// The plan's fields as input to the checks.
    pub fn input(&self) -> PlanInput {
        PlanInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            doc_no: self.doc_no.clone(),
            issued_on: self.issued_on,
            summary: self.summary.clone(),
            source_text: self.source_text.clone(),
            yellow_lag: self.yellow_lag.unwrap_or(20),
            red_lag: self.red_lag.unwrap_or(40),
            milestone_red_days: self.milestone_red_days.unwrap_or(15),
            basis: self.basis.clone(),
        }
    }
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Its id.
    pub id: i64,
}

/// `POST /api/v1/plans`
#[utoipa::path(post, path = "/api/v1/plans", tag = "decomposition", security(("bearer" = [])), request_body = PlanBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create_plan(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<PlanBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::plan::create(&state, &cap, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `PUT /api/v1/plans/{id}`
#[utoipa::path(put, path = "/api/v1/plans/{id}", tag = "decomposition", security(("bearer" = [])), request_body = PlanBody,
    params(("id" = i64, Path, description = "plan id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody, description = "CONFLICT: saved by someone else"), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update_plan(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<PlanBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::plan::update(&state, &cap, id, b.version.unwrap_or(0), &b.input()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A plan with its full text.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDetail {
    /// The summary.
    pub plan: PlanSummary,
    /// The full source text.
    pub source_text: String,
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
    responses((status = 200, body = PlanTree), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody, description = "a filter that is not a date, a light or a number")))]
pub async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(f): Q<TreeFilter>,
) -> AppResult<Json<PlanTree>> {
    Ok(Json(crate::views::plan::tree_of(&state, &viewer, id, &f).await?.0))
}
