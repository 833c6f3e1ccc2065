//! Accountability and commendation records through the API (issue 19): the office and leaders
//! list the region's (a unit its own), the office enters, changes and removes them.

use axum::{Json, extract::State, http::StatusCode};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::{Id, Q, empty_as_none},
    ops::accountability::{self as ops, Input},
    views::accountability::{self as view, AccountabilityOut},
};

/// A record as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountabilityBody {
    /// The unit.
    pub unit_id: i64,
    /// `interview` (约谈), `criticism` (通报批评), `accountability` (问责), `praise` (通报表扬)
    /// or `merit` (记功).
    pub kind: String,
    /// The person named, if any.
    #[serde(default)]
    pub person: String,
    /// Why.
    pub reason: String,
    /// The document number, if any.
    #[serde(default)]
    pub doc_no: String,
    /// The day decided.
    pub decided_on: NaiveDate,
    /// The records that justify it: `task:12, order:3`.
    #[serde(default)]
    pub records: String,
    /// Shown on the public site (default no).
    #[serde(default)]
    pub public: bool,
}

impl AccountabilityBody {
    fn input(&self) -> Input {
        Input {
            unit_id: self.unit_id,
            kind: self.kind.clone(),
            person: self.person.clone(),
            reason: self.reason.clone(),
            doc_no: self.doc_no.clone(),
            decided_on: self.decided_on,
            records: self.records.clone(),
            public: self.public,
        }
    }
}

/// A change, with the version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountabilityChange {
    /// The version read.
    pub version: i64,
    /// The record.
    #[serde(flatten)]
    pub record: AccountabilityBody,
}

/// A removal, with the version read and why.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RemoveBody {
    /// The version read.
    pub version: i64,
    /// Why it is removed.
    pub why: String,
}

/// `?unit_id=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitFilter {
    /// One unit's records only.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub unit_id: Option<i64>,
}

/// `GET /api/v1/accountability`: the records the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/accountability", tag = "assessment", security(("bearer" = [])), params(UnitFilter),
    responses((status = 200, body = [AccountabilityOut])))]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<UnitFilter>,
) -> AppResult<Json<Vec<AccountabilityOut>>> {
    let reader = viewer.reader()?;
    Ok(Json(view::list(&state, &reader, q.unit_id, viewer.lang()).await?))
}

/// `POST /api/v1/accountability`: enters a record; the unit is told.
#[utoipa::path(post, path = "/api/v1/accountability", tag = "assessment", security(("bearer" = [])),
    request_body = AccountabilityBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn enter(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<AccountabilityBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::enter(&state, &cap, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `GET /api/v1/accountability/{id}`
#[utoipa::path(get, path = "/api/v1/accountability/{id}", tag = "assessment", security(("bearer" = [])),
    params(("id" = i64, Path, description = "record id")),
    responses((status = 200, body = AccountabilityOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<AccountabilityOut>> {
    let reader = viewer.reader()?;
    Ok(Json(view::one(&state, &reader, id, viewer.lang()).await?))
}

/// `PUT /api/v1/accountability/{id}`: changes a record read at `version`.
#[utoipa::path(put, path = "/api/v1/accountability/{id}", tag = "assessment", security(("bearer" = [])),
    request_body = AccountabilityChange, params(("id" = i64, Path, description = "record id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<AccountabilityChange>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::change(&state, &cap, id, b.version, &b.record.input()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/accountability/{id}/remove`: removes a record entered in error.
#[utoipa::path(post, path = "/api/v1/accountability/{id}/remove", tag = "assessment", security(("bearer" = [])),
    request_body = RemoveBody, params(("id" = i64, Path, description = "record id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<RemoveBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::remove(&state, &cap, id, b.version, &b.why).await?;
    Ok(StatusCode::NO_CONTENT)
}
