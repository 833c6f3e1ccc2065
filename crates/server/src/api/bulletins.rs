//! Bulletins (督查通报) through the API: list, write a draft from a period's data, read, edit,
//! write again from the latest data, publish, discard, and download as .docx.

use axum::{Json, extract::State, http::StatusCode, response::Response};
use luoshi_domain::BulletinInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::Id,
    ops::bulletin,
    views::bulletin::{BulletinDoc, BulletinRow},
};

/// `GET /api/v1/bulletins`: drafts and published bulletins for the office; published ones for
/// everyone else in the region.
#[utoipa::path(get, path = "/api/v1/bulletins", tag = "bulletins", security(("bearer" = [])),
    responses((status = 200, body = Vec<BulletinRow>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<BulletinRow>>> {
    let lang = viewer.lang();
    Ok(Json(
        bulletin::list(&state, &viewer)
            .await?
            .iter()
            .map(|b| BulletinRow::new(b, lang))
            .collect(),
    ))
}

/// A new draft.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewBody {
    /// First day of the period, `YYYY-MM-DD`.
    pub period_from: Option<String>,
    /// Last day (today at the latest), `YYYY-MM-DD`.
    pub period_to: Option<String>,
    /// Show on the public site once published.
    #[serde(default)]
    pub public: bool,
}

/// What was written.
#[derive(Debug, Serialize, ToSchema)]
pub struct Drafted {
    /// The draft's id.
    pub id: i64,
}

/// `POST /api/v1/bulletins`: a draft written from the period's facts.
#[utoipa::path(post, path = "/api/v1/bulletins", tag = "bulletins", security(("bearer" = [])), request_body = NewBody,
    responses((status = 201, body = Drafted), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<NewBody>,
) -> AppResult<(StatusCode, Json<Drafted>)> {
    let cap = viewer.supervisor()?;
    let from = super::day("period_from", b.period_from.as_deref());
    let to = super::day("period_to", b.period_to.as_deref());
    let errs: Vec<_> = [&from, &to].iter().filter_map(|r| r.as_ref().err().cloned()).collect();
    if !errs.is_empty() {
        return Err(crate::error::AppError::Validation(errs));
    }
    let id = bulletin::create(&state, &cap, from.ok().flatten(), to.ok().flatten(), b.public).await?;
    Ok((StatusCode::CREATED, Json(Drafted { id })))
}

/// `GET /api/v1/bulletins/{id}`: the bulletin laid out as the document, with its facts for
/// the office.
#[utoipa::path(get, path = "/api/v1/bulletins/{id}", tag = "bulletins", security(("bearer" = [])), params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 200, body = BulletinDoc), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<BulletinDoc>> {
    let b = crate::access::bulletin::read(&state, &viewer, id).await?;
    let issuer = {
        let mut conn = state.store.conn().await?;
        bulletin::office_name(&mut conn, viewer.region()).await?
    };
    let mut d = BulletinDoc::new(&b, &issuer, state.clock.today(), viewer.lang());
    // The facts behind the text are the office's working data; everyone else reads the text
    // the office published.
    if viewer.supervisor().is_err() {
        d.facts = None;
    }
    Ok(Json(d))
}

/// An edit of a draft.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EditBody {
    /// 标题.
    pub title: String,
    /// 正文 in the bulletin markup (`一、` headings, `（一）` sub-headings, `|` table rows).
    pub body: String,
    /// 抄送.
    #[serde(default)]
    pub cc: String,
    /// 责任编辑.
    pub editor: String,
    /// Show on the public site once published.
    #[serde(default)]
    pub public: bool,
    /// The version as read.
    pub version: i64,
}

/// `PUT /api/v1/bulletins/{id}`: saves a draft's text.
#[utoipa::path(put, path = "/api/v1/bulletins/{id}", tag = "bulletins", security(("bearer" = [])), request_body = EditBody,
    params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<EditBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let input = BulletinInput {
        title: b.title,
        body: b.body,
        cc: b.cc,
        editor: b.editor,
    };
    bulletin::edit(&state, &cap, id, b.version, &input, b.public).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The version an action applies to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VersionBody {
    /// The version as read.
    pub version: i64,
}

/// What was published.
#[derive(Debug, Serialize, ToSchema)]
pub struct Published {
    /// Its number in words: `2020年第3期`.
    pub number: String,
}

/// `POST /api/v1/bulletins/{id}/publish`: publishes a draft with the next number of the year.
#[utoipa::path(post, path = "/api/v1/bulletins/{id}/publish", tag = "bulletins", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 200, body = Published), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<VersionBody>,
) -> AppResult<Json<Published>> {
    let cap = viewer.supervisor()?;
    let number = bulletin::publish(&state, &cap, id, b.version).await?;
    Ok(Json(Published { number }))
}

/// `POST /api/v1/bulletins/{id}/refresh`: gathers the period's facts again and rewrites the
/// draft's body from them.
#[utoipa::path(post, path = "/api/v1/bulletins/{id}/refresh", tag = "bulletins", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn refresh(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<VersionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    bulletin::refresh(&state, &cap, id, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/bulletins/{id}/discard`: deletes a draft.
#[utoipa::path(post, path = "/api/v1/bulletins/{id}/discard", tag = "bulletins", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn discard(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<VersionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    bulletin::discard(&state, &cap, id, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/bulletins/{id}/docx`: the bulletin as a Word document in the official layout.
#[utoipa::path(get, path = "/api/v1/bulletins/{id}/docx", tag = "bulletins", security(("bearer" = [])), params(("id" = i64, Path, description = "bulletin id")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn docx(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let b = crate::access::bulletin::read(&state, &viewer, id).await?;
    crate::files::bulletin_docx(&state, viewer.region(), &b).await
}
