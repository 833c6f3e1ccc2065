//! Files over HTTP, for the pages and the API alike: as downloads a report's evidence (to whoever the
//! access layer lets download it) and a bulletin as a Word document, each named in UTF-8.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    ops::bulletin,
};

/// `bytes` as an attachment of type `mime` named `name` (with `fallback` for clients that do
/// not read UTF-8 names).
pub fn attachment(bytes: Vec<u8>, mime: &'static str, fallback: &str, name: &str) -> Response {
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        encoded.replace('+', "%20")
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // A download is the reader's alone: no browser or proxy keeps it.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    r
}

/// The evidence file `id`, to anyone the access layer lets download it; `NOT_FOUND` otherwise.
pub async fn evidence(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Response> {
    let mut c = state.store.conn().await?;
    let (e, _) = crate::access::task::evidence(viewer, &mut c, id, state.clock.today()).await?;
    let data = luoshi_store::evidence::evidence_data(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(stored_file(data, &e.kind, &format!("evidence-{id}"), &e.file_name))
}

/// A file kept in the database, downloaded under its own name.
fn stored_file(data: Vec<u8>, kind: &str, fallback: &str, name: &str) -> Response {
    let kind: Option<luoshi_domain::EvidenceKind> =
        serde_json::from_value(serde_json::Value::String(kind.to_string())).ok();
    let mime = kind.map(|k| k.mime()).unwrap_or("application/octet-stream");
    attachment(data, mime, fallback, name)
}

/// A file of a reply to a supervision order, to anyone the access layer lets read the order;
/// `NOT_FOUND` otherwise.
pub async fn reply_file(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Response> {
    let mut c = state.store.conn().await?;
    let (f, order, data) = luoshi_store::reply_file::file(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    viewer.order(&mut c, order).await?;
    Ok(stored_file(data, &f.kind, &format!("reply-file-{id}"), &f.file_name))
}

/// A bulletin's .docx as a download named after its number and title.
pub async fn bulletin_docx(state: &AppState, region: i64, b: &luoshi_store::bulletin::Bulletin) -> AppResult<Response> {
    let bytes = bulletin::docx(state, region, b).await?;
    let name = format!("督查通报{}-{}.docx", bulletin::number_of(b), b.title);
    Ok(attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("bulletin-{}.docx", b.id),
        &name,
    ))
}

/// A file of a project's monthly report, to anyone the access layer lets see the project;
/// `NOT_FOUND` otherwise.
pub async fn project_file(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let (f, project, data) = luoshi_store::project_report::file(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    reader.project(&mut c, project).await?;
    Ok(stored_file(data, &f.kind, &format!("project-file-{id}"), &f.file_name))
}
