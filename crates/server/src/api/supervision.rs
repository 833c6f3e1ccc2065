//! Supervision orders through the API: list, issue, read, reply, review, close.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::{OrderInput, ReplyDecision};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{Id, Q},
    ops::{
        invalid,
        supervision::{self, Addressees},
    },
    views::supervision::{OrderDetail, OrderRow},
};

/// Which orders to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `open`, `replied` or `closed`; all when absent.
    #[serde(default)]
    pub status: String,
    /// Page, from 1 (50 a page; past 1,000,000 is a bad request).
    #[serde(default, deserialize_with = "crate::forms::page_number")]
    pub page: Option<i64>,
}

/// A page of orders.
const PAGE: i64 = 50;

/// `GET /api/v1/supervisions`
#[utoipa::path(get, path = "/api/v1/supervisions", tag = "supervision", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Vec<OrderRow>), (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody, description = "an unknown status")))]
pub async fn list(State(state): State<AppState>, viewer: Viewer, Q(q): Q<ListQuery>) -> AppResult<Json<Vec<OrderRow>>> {
    if !["", "open", "replied", "closed"].contains(&q.status.as_str()) {
        return Err(invalid(
            "status",
            luoshi_domain::codes::ORDER_STATUS_UNKNOWN,
            "状态无效",
            "Unknown status",
        ));
    }
    let page = q.page.unwrap_or(1).max(1);
    Ok(Json(
        crate::views::supervision::list(&state, &viewer, &q.status, PAGE, (page - 1) * PAGE).await?,
    ))
}

/// A new order.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderBody {
    /// `general`, `key` or `listed`.
    pub level: String,
    /// `task`, `instruction`, `meeting` or `other`.
    pub source: String,
    /// The task, for an order about one.
    pub task_id: Option<i64>,
    /// 督办事项.
    pub title: String,
    /// 督办要求.
    pub requirement: String,
    /// The quoted instruction or decision.
    #[serde(default)]
    pub source_text: String,
    /// The unit that must reply.
    pub lead_unit_id: Option<i64>,
    /// Co-units.
    #[serde(default)]
    pub co_unit_ids: Vec<i64>,
    /// Reply deadline, `YYYY-MM-DD`.
    pub reply_due: Option<String>,
    /// `once`, `weekly` or `monthly`.
    pub mode: String,
    /// The escalation proposal this order answers (marked accepted).
    pub proposal_id: Option<i64>,
}

/// What was issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct Issued {
    /// Its id.
    pub id: i64,
    /// Its number (督〔2020〕12号).
    pub doc_no: String,
}

/// `POST /api/v1/supervisions`
#[utoipa::path(post, path = "/api/v1/supervisions", tag = "supervision", security(("bearer" = [])), request_body = OrderBody,
    responses((status = 201, body = Issued), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<OrderBody>,
) -> AppResult<(StatusCode, Json<Issued>)> {
    let cap = viewer.supervisor()?;
    let reply_due = super::day("reply_due", b.reply_due.as_deref()).map_err(|e| AppError::Validation(vec![e]))?;
    let input = OrderInput {
        level: b.level,
        source: b.source,
        title: b.title,
        requirement: b.requirement,
        source_text: b.source_text,
        reply_due,
        mode: b.mode,
    };
    let to = Addressees {
        task_id: b.task_id,
        lead_unit_id: b.lead_unit_id,
        co_unit_ids: b.co_unit_ids,
        proposal: b.proposal_id,
        instruction: None,
        dispatch: None,
    };
    let (id, doc_no) = supervision::issue(&state, &cap, &input, &to).await?;
    Ok((StatusCode::CREATED, Json(Issued { id, doc_no })))
}

/// `GET /api/v1/supervisions/{id}`
#[utoipa::path(get, path = "/api/v1/supervisions/{id}", tag = "supervision", security(("bearer" = [])), params(("id" = i64, Path, description = "order id")),
    responses((status = 200, body = OrderDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<OrderDetail>> {
    Ok(Json(crate::views::supervision::detail(&state, &viewer, id).await?.1))
}

/// A reply.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyBody {
    /// What the unit did and will do.
    pub content: String,
    /// The order's version as read.
    pub version: i64,
    /// Files it carries (佐证材料), stored with the reply in one transaction.
    #[serde(default)]
    pub files: Vec<ReplyFileBody>,
}

/// A file sent with a reply.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyFileBody {
    /// Its name, e.g. `整改台账.pdf`.
    pub name: String,
    /// Its bytes, in standard base64.
    pub data: String,
}

/// `POST /api/v1/supervisions/{id}/replies`: the lead unit replies.
#[utoipa::path(post, path = "/api/v1/supervisions/{id}/replies", tag = "supervision", security(("bearer" = [])), request_body = ReplyBody,
    params(("id" = i64, Path, description = "order id")),
    responses((status = 201, body = crate::api::plans::Created), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
        (status = 413, body = crate::error::ErrorBody, description = "the body passes `max_upload_mb` (in base64)"),
        (status = 503, body = crate::error::ErrorBody, description = "too many uploads at once")))]
pub async fn reply(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ReplyBody>,
) -> AppResult<(StatusCode, Json<crate::api::plans::Created>)> {
    let files = super::project_reports::decoded(&b.files)?;
    let rid = supervision::reply(&state, &viewer, id, b.version, &b.content, &files).await?;
    Ok((StatusCode::CREATED, Json(crate::api::plans::Created { id: rid })))
}

/// The office's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderReviewBody {
    /// `close` (办结销号), `continue` (accept, supervise on) or `return` (send back).
    pub action: String,
    /// Why (needed to send back or to close without a reply).
    #[serde(default)]
    pub note: String,
    /// The order's version as read.
    pub version: i64,
}

/// `POST /api/v1/supervisions/{id}/review`: decides on the waiting reply; `close` on an order
/// with no reply waiting closes it with the note as the reason.
#[utoipa::path(post, path = "/api/v1/supervisions/{id}/review", tag = "supervision", security(("bearer" = [])), request_body = OrderReviewBody,
    params(("id" = i64, Path, description = "order id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<OrderReviewBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let decision = ReplyDecision::parse(&b.action).ok_or_else(|| {
        invalid(
            "action",
            luoshi_domain::codes::ORDER_ACTION_UNKNOWN,
            "操作无效",
            "Unknown action",
        )
    })?;
    let status = {
        let mut c = state.store.conn().await?;
        luoshi_store::supervision::order(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .status
    };
    if decision == ReplyDecision::Close && status == luoshi_domain::SupervisionStatus::Open {
        supervision::close(&state, &cap, id, b.version, &b.note).await?;
    } else {
        supervision::review(&state, &cap, id, b.version, decision, &b.note).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
