//! The escalation's proposals to the supervision office through the API, and its decisions on them.

use super::{ApiJson, writer::Writer};
use crate::{AppState, auth::Viewer, error::AppResult, forms::Id, ops, views::proposals::ProposalRow};
use axum::{Json, extract::State, http::StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

/// `GET /api/v1/proposals`: the ladder's proposals waiting for the office.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "supervision", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProposalRow>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn proposals(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<ProposalRow>>> {
    let cap = viewer.supervisor()?;
    Ok(Json(
        crate::views::proposals::proposals(&state, &cap, viewer.lang()).await?,
    ))
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
