//! The directory (units, leaders) and the administrators' reads.

use crate::forms::Q;
use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::admin::{self, AuditOut, SessionOut, UnitOut, UserOut},
};

/// A leader.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderOut {
    /// Leader id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Portfolio.
    pub portfolio: String,
    /// Units overseen.
    pub unit_ids: Vec<i64>,
    /// Place in lists.
    pub sort: i64,
    /// Whether in office.
    pub active: bool,
    /// Optimistic-concurrency version (send it back to change the leader).
    pub version: i64,
}

/// `GET /api/v1/units`: every logged-in user of the region may read the directory.
#[utoipa::path(get, path = "/api/v1/units", tag = "directory", security(("bearer" = [])),
    responses((status = 200, body = Vec<UnitOut>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn units(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<UnitOut>>> {
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, viewer.region()).await?;
    Ok(Json(admin::unit_list(&dir, viewer.lang())))
}

/// `GET /api/v1/leaders`
#[utoipa::path(get, path = "/api/v1/leaders", tag = "directory", security(("bearer" = [])),
    responses((status = 200, body = Vec<LeaderOut>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn leaders(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<LeaderOut>>> {
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, viewer.region()).await?;
    Ok(Json(
        dir.leader_order
            .iter()
            .filter_map(|id| dir.leader(*id))
            .map(|l| LeaderOut {
                id: l.id,
                name: l.name.clone(),
                title: l.title.clone(),
                portfolio: l.portfolio.clone(),
                unit_ids: dir.overseen_by(l.id),
                sort: l.sort,
                active: l.active,
                version: l.version,
            })
            .collect(),
    ))
}

/// `GET /api/v1/users` (system administrator)
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<UserOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn users(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<UserOut>>> {
    let cap = viewer.administrator()?;
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, cap.region).await?;
    Ok(Json(
        admin::users(cap, &mut conn, &dir, viewer.lang(), state.clock.now()).await?,
    ))
}

/// `GET /api/v1/sessions` (security officer)
#[utoipa::path(get, path = "/api/v1/sessions", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionOut>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn sessions(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<SessionOut>>> {
    let cap = viewer.security_officer()?;
    let mut conn = state.store.conn().await?;
    Ok(Json(
        admin::sessions(cap, &mut conn, viewer.lang(), state.clock.now()).await?,
    ))
}

/// A page of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    /// Lines, newest first.
    pub lines: Vec<AuditOut>,
    /// Whether older lines exist.
    pub more: bool,
    /// The chain check: `None` when intact, else where and why it breaks.
    pub broken: Option<String>,
}

/// Paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number from 0 (to 999,999).
    #[serde(default, deserialize_with = "crate::forms::page_from_zero")]
    pub page: i64,
}

/// `GET /api/v1/audit` (auditor)
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = crate::error::ErrorBody)))]
pub async fn audit(State(state): State<AppState>, viewer: Viewer, Q(q): Q<PageQuery>) -> AppResult<Json<AuditPage>> {
    let cap = viewer.auditor()?;
    let mut conn = state.store.conn().await?;
    let (lines, more) = admin::audit_page(cap, &mut conn, viewer.lang(), q.page, 100).await?;
    let (_, broken) = admin::verification(cap, &mut conn, viewer.lang()).await?;
    // `broken` is the last check's (daily, or `POST /api/v1/audit/verify`).
    Ok(Json(AuditPage { lines, more, broken }))
}
