//! A plan's escalation ladder (督办升级规则) through the API.

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    ops::{self},
};
use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::Ladder;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
