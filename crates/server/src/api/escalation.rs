//! The escalation ladder through the API: a plan's ladder, the office's proposals, and each
//! user's notifications.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::Ladder;
use luoshi_store::notification;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    ops::{self, escalation::ProposalRow},
    views::instant_text,
};

/// A plan's escalation ladder.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LadderBody {
    /// Working days before a report is due to remind the unit (0: off).
    pub remind_before: u32,
    /// Remind the unit and its leader of a missed report.
    pub remind_missing: bool,
    /// Days overdue before a supervision order is proposed (0: off).
    pub order_after: u32,
    /// Red periods in a row before accountability is proposed (0: off).
    pub red_periods: u32,
    /// The plan's version as read (to save).
    #[serde(default)]
    pub version: i64,
}

/// `GET /api/v1/plans/{id}/ladder`
#[utoipa::path(get, path = "/api/v1/plans/{id}/ladder", tag = "supervision", security(("bearer" = [])), params(("id" = i64, Path, description = "plan id")),
    responses((status = 200, body = LadderBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_ladder(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<LadderBody>> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let p = reader.plan(&mut c, id).await?;
    let l = Ladder::parse(&p.ladder);
    Ok(Json(LadderBody {
        remind_before: l.remind_before,
        remind_missing: l.remind_missing,
        order_after: l.order_after,
        red_periods: l.red_periods,
        version: p.version,
    }))
}

/// `PUT /api/v1/plans/{id}/ladder`
#[utoipa::path(put, path = "/api/v1/plans/{id}/ladder", tag = "supervision", security(("bearer" = [])), request_body = LadderBody,
    params(("id" = i64, Path, description = "plan id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_ladder(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<LadderBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let ladder = Ladder {
        remind_before: b.remind_before,
        remind_missing: b.remind_missing,
        order_after: b.order_after,
        red_periods: b.red_periods,
    };
    ops::plan::set_ladder(&state, &cap, id, b.version, ladder).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/proposals`: the ladder's proposals waiting for the office.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "supervision", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProposalRow>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn proposals(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<ProposalRow>>> {
    let cap = viewer.supervisor()?;
    Ok(Json(ops::escalation::proposals(&state, &cap, viewer.lang()).await?))
}

/// The office's decision on a proposal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposalDecisionBody {
    /// `dismiss`, or `confirm` (an accountability proposal; an order proposal is accepted by
    /// issuing the order with its `proposal_id`).
    pub action: String,
    /// `interview` (约谈), `criticism` (通报批评) or `accountability` (问责), to confirm.
    #[serde(default)]
    pub kind: String,
    /// Why.
    pub note: String,
    /// The proposal's version as read.
    pub version: i64,
}

/// `POST /api/v1/proposals/{id}/decision`
#[utoipa::path(post, path = "/api/v1/proposals/{id}/decision", tag = "supervision", security(("bearer" = [])), request_body = ProposalDecisionBody,
    params(("id" = i64, Path, description = "proposal id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<ProposalDecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let confirm = match b.action.as_str() {
        "confirm" => true,
        "dismiss" => false,
        _ => {
            return Err(ops::invalid(
                "action",
                luoshi_domain::codes::PROPOSAL_ACTION_UNKNOWN,
                "操作无效",
                "Unknown action",
            ));
        }
    };
    ops::escalation::decide(&state, &cap, id, b.version, confirm, &b.kind, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeOut {
    /// Its id.
    pub id: i64,
    /// What it is about: `report_soon`, `report_missing`, `order_proposed`, `accountability_proposed`.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// Where it points.
    pub link: String,
    /// When, in words.
    pub at: String,
    /// Whether it was read.
    pub read: bool,
}

/// The viewer's notifications.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notices {
    /// How many are unread.
    pub unread: i64,
    /// The latest 200, newest first.
    pub items: Vec<NoticeOut>,
}

/// `GET /api/v1/notifications`
#[utoipa::path(get, path = "/api/v1/notifications", tag = "supervision", security(("bearer" = [])), responses((status = 200, body = Notices)))]
pub async fn notifications(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Notices>> {
    let mut c = state.store.conn().await?;
    let lang = viewer.lang();
    let unread = notification::unread(&mut c, viewer.region(), viewer.user.id).await?;
    let items = notification::of_user(&mut c, viewer.region(), viewer.user.id, 200, 0)
        .await?
        .into_iter()
        .map(|n| NoticeOut {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            at: instant_text(Some(n.created_at), lang),
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(Json(Notices { unread, items }))
}

/// Which notifications to mark read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReadBody {
    /// One notification; all when absent.
    pub id: Option<i64>,
}

/// `POST /api/v1/notifications/read`
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "supervision", security(("bearer" = [])), request_body = ReadBody, responses((status = 204)))]
pub async fn read(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ReadBody>,
) -> AppResult<StatusCode> {
    let mut tx = state.store.begin().await?;
    let n = notification::mark_read(&mut tx, viewer.region(), viewer.user.id, b.id, state.clock.now()).await?;
    tx.commit().await?;
    if b.id.is_some() && n == 0 {
        let mut c = state.store.conn().await?;
        if notification::notification(&mut c, viewer.region(), viewer.user.id, b.id.unwrap_or(0))
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
    }
    Ok(StatusCode::NO_CONTENT)
}
