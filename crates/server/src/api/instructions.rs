//! Leaders' instructions (批示) through the API: list, write, read, answer, move the deadline,
//! make an order of one.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::InstructionStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{Id, Q},
    ops::instruction::{self, On, OrderOf},
    views::{
        instruction::{InstructionRow, ListOf},
        paging::PageQuery,
    },
};

/// Which instructions to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `open`, `answered` or `ordered`; all when absent.
    #[serde(default)]
    pub status: String,
    /// `true`: only those still open past their deadline (lagging).
    #[serde(default)]
    pub overdue: bool,
    /// `true` (a leader): only the instructions I wrote.
    #[serde(default)]
    pub mine: bool,
    /// Page, from 1 (past 1,000,000 is a bad request).
    #[serde(default, deserialize_with = "crate::forms::page_number")]
    pub page: Option<i64>,
    /// Rows per page (default 50, from 1 to 500).
    #[serde(default, deserialize_with = "crate::forms::per_page")]
    pub per_page: Option<i64>,
}

/// A page of instructions.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstructionPage {
    /// How many the filter chooses in all.
    pub total: i64,
    /// This page's.
    pub rows: Vec<InstructionRow>,
}

/// Parses a list's status filter.
pub fn status_of(s: &str) -> AppResult<Option<InstructionStatus>> {
    match s {
        "" => Ok(None),
        s => InstructionStatus::parse(s)
            .map(Some)
            .ok_or_else(instruction::status_unknown),
    }
}

/// `GET /api/v1/instructions`: a unit's to answer; a leader's all (or `mine`); the office's all.
#[utoipa::path(get, path = "/api/v1/instructions", tag = "instructions", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = InstructionPage), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<ListQuery>,
) -> AppResult<Json<InstructionPage>> {
    let of = ListOf {
        status: status_of(&q.status)?,
        overdue: q.overdue,
        mine: q.mine,
    };
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    };
    let (rows, total) = crate::views::instruction::list(&state, &viewer, of, &page).await?;
    Ok(Json(InstructionPage { total, rows }))
}

/// A new instruction: on exactly one of a task, a report or an order.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InstructionBody {
    /// The task it is on.
    pub task_id: Option<i64>,
    /// The report it is on.
    pub report_id: Option<i64>,
    /// The order it is on.
    pub supervision_id: Option<i64>,
    /// The instruction.
    pub content: String,
}

/// `POST /api/v1/instructions`: a leader writes an instruction on what they oversee.
#[utoipa::path(post, path = "/api/v1/instructions", tag = "instructions", security(("bearer" = [])), request_body = InstructionBody,
    responses((status = 201, body = crate::api::plans::Created), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn write(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<InstructionBody>,
) -> AppResult<(StatusCode, Json<crate::api::plans::Created>)> {
    let cap = viewer.leader()?;
    let on = On::from_ids(b.task_id, b.report_id, b.supervision_id)?;
    let id = instruction::write(&state, &cap, on, &b.content).await?;
    Ok((StatusCode::CREATED, Json(crate::api::plans::Created { id })))
}

/// `GET /api/v1/instructions/{id}`
#[utoipa::path(get, path = "/api/v1/instructions/{id}", tag = "instructions", security(("bearer" = [])), params(("id" = i64, Path, description = "instruction id")),
    responses((status = 200, body = InstructionRow), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<InstructionRow>> {
    Ok(Json(one(&state, &viewer, id).await?))
}

/// Instruction `id` as `viewer` may read it.
pub async fn one(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<InstructionRow> {
    let mut conn = state.store.conn().await?;
    let access = viewer.instruction(&mut conn, id).await?;
    let dir = crate::directory::Directory::cached(&state.directories, &mut conn, access.region).await?;
    Ok(InstructionRow::new(
        &access.instruction,
        &dir,
        state.clock.today(),
        viewer.lang(),
    ))
}

/// The unit's answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// What was done (落实情况).
    pub content: String,
    /// The instruction's version as read.
    pub version: i64,
}

/// `POST /api/v1/instructions/{id}/answer`: the unit that must answer does.
#[utoipa::path(post, path = "/api/v1/instructions/{id}/answer", tag = "instructions", security(("bearer" = [])), request_body = AnswerBody,
    params(("id" = i64, Path, description = "instruction id")),
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<AnswerBody>,
) -> AppResult<StatusCode> {
    instruction::answer(&state, &viewer, id, b.version, &b.content).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new answer deadline.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DueBody {
    /// `YYYY-MM-DD`.
    pub answer_due: Option<String>,
    /// The instruction's version as read.
    pub version: i64,
}

/// `PUT /api/v1/instructions/{id}/due`: the office moves the answer deadline.
#[utoipa::path(put, path = "/api/v1/instructions/{id}/due", tag = "instructions", security(("bearer" = [])), request_body = DueBody,
    params(("id" = i64, Path, description = "instruction id")),
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn set_due(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<DueBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let due = super::day("answer_due", b.answer_due.as_deref()).map_err(|e| AppError::Validation(vec![e]))?;
    instruction::set_due(&state, &cap, id, b.version, due).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The order to make of an instruction.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderBody {
    /// `general`, `key` or `listed`.
    pub level: String,
    /// 督办要求.
    pub requirement: String,
    /// Reply deadline, `YYYY-MM-DD`.
    pub reply_due: Option<String>,
    /// `once`, `weekly` or `monthly`.
    pub mode: String,
    /// The instruction's version as read.
    pub version: i64,
}

/// `POST /api/v1/instructions/{id}/order`: the office makes a supervision order of an open
/// instruction; the order quotes it and goes to the unit that was to answer it.
#[utoipa::path(post, path = "/api/v1/instructions/{id}/order", tag = "instructions", security(("bearer" = [])), request_body = OrderBody,
    params(("id" = i64, Path, description = "instruction id")),
    responses((status = 201, body = crate::api::supervision::Issued), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn make_order(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<OrderBody>,
) -> AppResult<(StatusCode, Json<crate::api::supervision::Issued>)> {
    let cap = viewer.supervisor()?;
    let reply_due = super::day("reply_due", b.reply_due.as_deref()).map_err(|e| AppError::Validation(vec![e]))?;
    let o = OrderOf {
        level: b.level,
        requirement: b.requirement,
        reply_due,
        mode: b.mode,
        version: b.version,
    };
    let (id, doc_no) = instruction::make_order(&state, &cap, id, &o).await?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::supervision::Issued { id, doc_no }),
    ))
}
