//! The system administrator's writes to the directory through the API: units, leaders,
//! accounts, and the directory sheet (check, import, export).

use axum::{
    Json,
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use base64::Engine;
use chrono::NaiveDate;
use luoshi_domain::{
    LeaderInput, UnitInput, UserInput,
    directory::{plan::Action, sheet::SheetKind},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    ops::{
        directory::{self as ops, LeaderEdit, UnitEdit},
        directory_accounts::{self as accounts, AccountEdit},
        directory_import,
    },
};

/// A unit as the administrator saves it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UnitBody {
    /// Full name (a new one on an existing unit is a rename; the old stays on its records).
    pub name: String,
    /// Short name; the full name when empty.
    #[serde(default)]
    pub short_name: String,
    /// `department`, `county`, `zone`, `office`, `other` (or their Chinese words).
    pub category: String,
    /// Place in lists; last when absent.
    pub sort: Option<i64>,
    /// Whether in use (default true). Out of use disables its accounts.
    #[serde(default = "yes")]
    pub active: bool,
    /// For a rename: the first day of the new name (default today).
    pub renamed_on: Option<NaiveDate>,
    /// The version as read (for a change).
    #[serde(default)]
    pub version: i64,
}

fn yes() -> bool {
    true
}

fn unit_input(b: &UnitBody) -> UnitInput {
    UnitInput {
        name: b.name.clone(),
        short_name: b.short_name.clone(),
        category: b.category.clone(),
        sort: b.sort,
    }
}

/// `POST /api/v1/units`
#[utoipa::path(post, path = "/api/v1/units", tag = "admin", security(("bearer" = [])), request_body = UnitBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_unit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<UnitBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.administrator()?;
    let id = ops::add_unit(&state, cap, &viewer.actor(), &unit_input(&b)).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `PUT /api/v1/units/{id}`
#[utoipa::path(put, path = "/api/v1/units/{id}", tag = "admin", security(("bearer" = [])), request_body = UnitBody,
    params(("id" = i64, Path, description = "unit id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit_unit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<UnitBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.administrator()?;
    let edit = UnitEdit {
        input: unit_input(&b),
        active: b.active,
        renamed_on: b.renamed_on,
        version: b.version,
    };
    ops::edit_unit(&state, cap, &viewer.actor(), id, &edit).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A merger.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    /// The unit it merges into.
    pub into: i64,
    /// The day (default today).
    pub on: Option<NaiveDate>,
    /// The merged unit's version as read.
    pub version: i64,
}

/// `POST /api/v1/units/{id}/merge`
#[utoipa::path(post, path = "/api/v1/units/{id}/merge", tag = "admin", security(("bearer" = [])), request_body = MergeBody,
    params(("id" = i64, Path, description = "unit id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn merge_unit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<MergeBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.administrator()?;
    ops::merge_unit(&state, cap, &viewer.actor(), id, b.version, b.into, b.on).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A leader as the administrator saves them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LeaderBody {
    /// Name.
    pub name: String,
    /// Title, e.g. 副市长.
    pub title: String,
    /// Portfolio.
    #[serde(default)]
    pub portfolio: String,
    /// Place in lists; last when absent.
    pub sort: Option<i64>,
    /// Units overseen (in use).
    #[serde(default)]
    pub unit_ids: Vec<i64>,
    /// Whether in office (default true).
    #[serde(default = "yes")]
    pub active: bool,
    /// The version as read (for a change).
    #[serde(default)]
    pub version: i64,
}

fn leader_edit(b: LeaderBody) -> LeaderEdit {
    LeaderEdit {
        input: LeaderInput {
            name: b.name,
            title: b.title,
            portfolio: b.portfolio,
            sort: b.sort,
        },
        units: b.unit_ids,
        active: b.active,
        version: b.version,
    }
}

/// `POST /api/v1/leaders`
#[utoipa::path(post, path = "/api/v1/leaders", tag = "admin", security(("bearer" = [])), request_body = LeaderBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_leader(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<LeaderBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.administrator()?;
    let id = ops::save_leader(&state, cap, &viewer.actor(), None, &leader_edit(b)).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `PUT /api/v1/leaders/{id}`
#[utoipa::path(put, path = "/api/v1/leaders/{id}", tag = "admin", security(("bearer" = [])), request_body = LeaderBody,
    params(("id" = i64, Path, description = "leader id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit_leader(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<LeaderBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.administrator()?;
    ops::save_leader(&state, cap, &viewer.actor(), Some(id), &leader_edit(b)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An account as the administrator saves it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountBody {
    /// Login name (lower case).
    pub username: String,
    /// Name.
    pub display_name: String,
    /// `supervisor`, `leader` or `unit_user` (or their Chinese words).
    pub role: String,
    /// Unit (required for `unit_user`).
    pub unit_id: Option<i64>,
    /// Leader record (required for `leader`).
    pub leader_id: Option<i64>,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Whether it may log in (default true).
    #[serde(default = "yes")]
    pub active: bool,
    /// The version as read (for a change).
    #[serde(default)]
    pub version: i64,
}

fn account_edit(b: AccountBody) -> AccountEdit {
    AccountEdit {
        input: UserInput {
            username: b.username,
            display_name: b.display_name,
            role: b.role,
            email: b.email,
        },
        unit: b.unit_id,
        leader: b.leader_id,
        active: b.active,
        version: b.version,
    }
}

/// A password given once.
#[derive(Debug, Serialize, ToSchema)]
pub struct GivenOut {
    /// The account's id.
    pub id: i64,
    /// The first password: shown this once, to be changed at the first login.
    pub password: String,
}

/// `POST /api/v1/users`
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", security(("bearer" = [])), request_body = AccountBody,
    responses((status = 201, body = GivenOut), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn add_user(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<AccountBody>,
) -> AppResult<(StatusCode, Json<GivenOut>)> {
    let cap = viewer.administrator()?;
    let (id, password) = accounts::add_account(&state, cap, &viewer.actor(), &account_edit(b)).await?;
    Ok((StatusCode::CREATED, Json(GivenOut { id, password })))
}

/// `PUT /api/v1/users/{id}`
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "admin", security(("bearer" = [])), request_body = AccountBody,
    params(("id" = i64, Path, description = "user id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit_user(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<AccountBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.administrator()?;
    accounts::edit_account(&state, cap, &viewer.actor(), id, &account_edit(b)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/users/{id}/password`: a new first password, shown once.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = GivenOut), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
) -> AppResult<Json<GivenOut>> {
    let cap = viewer.administrator()?;
    let password = accounts::reset_password(&state, cap, &viewer.actor(), id).await?;
    Ok(Json(GivenOut { id, password }))
}

/// A directory sheet to check or import.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportBody {
    /// The file's name (a CSV file's table is known by its header).
    pub file_name: String,
    /// The file, base64.
    pub data: String,
    /// Check only: nothing is written (default false).
    #[serde(default)]
    pub dry_run: bool,
}

/// How many rows of a table add, change and leave records.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountsOut {
    /// `units`, `leaders` or `users`.
    pub table: String,
    /// Rows that add a record.
    pub added: usize,
    /// Rows that change one.
    pub changed: usize,
    /// Rows already as the region has them.
    pub same: usize,
}

/// A row that changes something.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowOut {
    /// `units`, `leaders` or `users`.
    pub table: String,
    /// The sheet's row.
    pub row: usize,
    /// `add` or `change`.
    pub action: String,
    /// The record's id, for a change.
    pub id: Option<i64>,
}

/// A new account's first password.
#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordOut {
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// The first password, shown this once.
    pub password: String,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Per table.
    pub counts: Vec<CountsOut>,
    /// The rows that add or change a record.
    pub rows: Vec<RowOut>,
    /// New accounts' first passwords (not on a dry run).
    pub passwords: Vec<PasswordOut>,
}

/// `POST /api/v1/directory/import`: checks the sheet (`dry_run`) or imports it whole; every
/// problem is a field of the 422 named `units!C5` (table, column, row).
#[utoipa::path(post, path = "/api/v1/directory/import", tag = "admin", security(("bearer" = [])), request_body = ImportBody,
    responses((status = 200, body = ImportOut), (status = 400, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
        (status = 413, body = crate::error::ErrorBody, description = "the sheet passes 6 MB"),
        (status = 503, body = crate::error::ErrorBody, description = "too many uploads at once")))]
pub async fn import(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<ImportBody>,
) -> AppResult<Json<ImportOut>> {
    let cap = viewer.administrator()?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b.data.trim())
        .map_err(|_| AppError::BadRequest("data is not base64".into()))?;
    let tables = directory_import::read_tables(bytes, b.file_name).await?;
    let (plan, given) = if b.dry_run {
        (directory_import::plan(&state, cap, &tables).await?.0, Vec::new())
    } else {
        directory_import::import(&state, cap, &viewer.actor(), &tables).await?
    };
    let mut rows = Vec::new();
    let mut push = |k: SheetKind, line: usize, a: Action| {
        let action = match a {
            Action::Add => "add",
            Action::Change(_) => "change",
            Action::Same(_) => return,
        };
        rows.push(RowOut {
            table: k.code().into(),
            row: line,
            action: action.into(),
            id: a.id(),
        });
    };
    plan.units.iter().for_each(|s| push(SheetKind::Units, s.line, s.action));
    plan.leaders
        .iter()
        .for_each(|s| push(SheetKind::Leaders, s.line, s.action));
    plan.users.iter().for_each(|s| push(SheetKind::Users, s.line, s.action));
    Ok(Json(ImportOut {
        dry_run: b.dry_run,
        counts: SheetKind::ALL
            .iter()
            .map(|k| {
                let c = plan.counts(*k);
                CountsOut {
                    table: k.code().into(),
                    added: c.added,
                    changed: c.changed,
                    same: c.same,
                }
            })
            .collect(),
        rows,
        passwords: given
            .into_iter()
            .map(|g| PasswordOut {
                username: g.username,
                display_name: g.display_name,
                password: g.password,
            })
            .collect(),
    }))
}

/// `?blank=true` for the empty template.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// The empty template instead of the region's directory.
    #[serde(default)]
    pub blank: bool,
}

/// `GET /api/v1/directory.xlsx`: the template, blank or with the region's directory.
#[utoipa::path(get, path = "/api/v1/directory.xlsx", tag = "admin", security(("bearer" = [])), params(ExportQuery),
    responses((status = 200, description = "an .xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
    viewer: Viewer,
) -> AppResult<Response> {
    crate::pages::admin_import::workbook(&state, &viewer, q.blank).await
}
