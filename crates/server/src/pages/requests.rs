//! Filing a change request (lead unit) and deciding it (supervision office).

use axum::{extract::State, response::Response};
use luoshi_domain::{RequestInput, RequestKind};
use luoshi_store::request;

use crate::{
    AppState,
    error::{AppError, AppResult},
    forms::{FormData, Id, Posted},
    ops,
};

/// A request as posted in a form.
pub fn request_of(form: &FormData) -> AppResult<RequestInput> {
    let kind = RequestKind::parse(form.get("kind"))
        .ok_or_else(|| AppError::BadRequest("kind must be extension, completion or adjustment".into()))?;
    let opt = |k: &str| Some(form.get(k).to_string()).filter(|s| !s.trim().is_empty());
    Ok(RequestInput {
        kind,
        reason: form.get("reason").to_string(),
        new_due: form.date("new_due"),
        progress: form.int("progress"),
        new_title: opt("new_title"),
        new_description: opt("new_description"),
    })
}

/// `POST /tasks/{id}/requests`. A refused request comes back to the task page with the reason.
pub async fn file(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let r = request_of(&form)?;
    let result = ops::request::file(&state, &lead, &r).await.map(|_| ());
    super::task::act(
        &state,
        &viewer,
        id,
        format!("/tasks/{id}?flash=flash.request_filed#requests"),
        result,
    )
    .await
}

/// `POST /requests/{id}/decide`.
pub async fn decide(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let task_id = {
        let mut c = state.store.conn().await?;
        request::request(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .task_id
    };
    let approve = form.get("action") == "approve";
    let result = ops::request::decide(
        &state,
        &cap,
        id,
        form.int("version").unwrap_or(0),
        approve,
        form.get("note"),
    )
    .await;
    let flash = if approve {
        "flash.request_approved"
    } else {
        "flash.request_rejected"
    };
    super::task::act(
        &state,
        &viewer,
        task_id,
        format!("/tasks/{task_id}?flash={flash}#requests"),
        result,
    )
    .await
}
