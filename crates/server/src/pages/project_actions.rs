//! What is done on a project's page without a form of its own: the office accepts or returns a
//! monthly report (also from the review queue); a coordination issue is raised, answered,
//! closed or returned; an approval node is marked done. Each redirects back with a flash; a
//! problem sends the project's page back with it said in words, nothing written.

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::safe_next;
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops::{
        project::set_node,
        project_issue::{self as issues, IssueForm},
        project_report,
    },
};

/// Where to go after: the form's `next` (a local path), else the project's page.
fn back(form: &FormData, project: i64, flash: &str) -> Response {
    let to = if form.get("next").is_empty() {
        format!("/projects/{project}")
    } else {
        safe_next(form.get("next")).to_string()
    };
    let sep = if to.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{to}{sep}flash={flash}")).into_response()
}

/// The project's page again with the problems of `e`, or the error itself.
async fn refused(state: &AppState, viewer: &Viewer, project: i64, e: AppError) -> AppResult<Response> {
    let (msg, status) = match e {
        AppError::Validation(errs) => (
            FieldErrors::new(&errs, viewer.lang(), &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        AppError::Conflict { .. } => (
            FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("project.conflict").to_string()),
            StatusCode::CONFLICT,
        ),
        other => return Err(other),
    };
    super::project::page_with(state, viewer, project, msg, status).await
}

/// `POST /project-reports/{id}/review`: `action` is `accept` or `return` (with `note`).
pub async fn review(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let project = {
        let mut c = state.store.conn().await?;
        luoshi_store::project_report::report(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .project_id
    };
    let accept = form.get("action") == "accept";
    let version = form.int("version").unwrap_or(0);
    match project_report::review(&state, &cap, id, version, accept, form.get("note")).await {
        Ok(()) => Ok(back(
            &form,
            project,
            if accept {
                "flash.project_report_accepted"
            } else {
                "flash.project_report_returned"
            },
        )),
        Err(e) => refused(&state, &viewer, project, e).await,
    }
}

/// `POST /projects/{id}/issues`: raises a coordination issue.
pub async fn raise(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let f = IssueForm {
        kind: form.get("kind").to_string(),
        title: form.get("title").to_string(),
        detail: form.get("detail").to_string(),
        unit_id: form.int("unit_id").unwrap_or(0),
        leader_id: form.int("leader_id"),
        due_on: form.date("due_on"),
    };
    match issues::raise(&state, &viewer, id, &f).await {
        Ok(_) => Ok(back(&form, id, "flash.issue_raised")),
        Err(e) => refused(&state, &viewer, id, e).await,
    }
}

async fn project_of_issue(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<i64> {
    let mut c = state.store.conn().await?;
    Ok(luoshi_store::project_issue::issue(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?
        .project_id)
}

/// `POST /project-issues/{id}/answer`: the handling unit answers.
pub async fn answer(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let project = project_of_issue(&state, &viewer, id).await?;
    let version = form.int("version").unwrap_or(0);
    match issues::answer(&state, &viewer, id, version, form.get("answer")).await {
        Ok(()) => Ok(back(&form, project, "flash.issue_answered")),
        Err(e @ (AppError::Validation(_) | AppError::Conflict { .. })) => refused(&state, &viewer, project, e).await,
        Err(e) => Err(e),
    }
}

/// `POST /project-issues/{id}/review`: the office closes it (`close`) or returns it.
pub async fn decide(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let project = project_of_issue(&state, &viewer, id).await?;
    let close = form.get("action") == "close";
    let version = form.int("version").unwrap_or(0);
    match issues::decide(&state, &cap, id, version, close, form.get("note")).await {
        Ok(()) => Ok(back(&form, project, "flash.issue_decided")),
        Err(e) => refused(&state, &viewer, project, e).await,
    }
}

/// `POST /project-nodes/{id}`: marks an approval node done on `done_on` (empty: not done).
pub async fn node(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let project = form.int("project_id").unwrap_or(0);
    let version = form.int("version").unwrap_or(0);
    let done_on = form.date("done_on");
    match set_node(
        &state,
        &reader,
        &viewer.actor(),
        project,
        id,
        version,
        done_on,
        form.get("note"),
    )
    .await
    {
        Ok(()) => Ok(back(&form, project, "flash.node_saved")),
        Err(e @ (AppError::Validation(_) | AppError::Conflict { .. })) => refused(&state, &viewer, project, e).await,
        Err(e) => Err(e),
    }
}

/// `GET /project-files/{id}`: a monthly report's file.
pub async fn file(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    crate::files::project_file(&state, &viewer, id).await
}

/// `POST /projects/thresholds`: the office sets the region's warning thresholds.
pub async fn thresholds(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let n = |k: &str| form.int(k).unwrap_or(0);
    project_report::set_thresholds(&state, &cap, n("yellow_lag"), n("red_lag"), n("red_months")).await?;
    Ok(Redirect::to("/projects?flash=flash.saved").into_response())
}

/// `POST /projects/{id}/nodes`: the office adds an approval node.
pub async fn add_node(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let added = crate::ops::project::add_node(
        &state,
        &cap,
        id,
        form.get("name"),
        form.date("planned_on"),
        form.int("unit_id"),
    )
    .await;
    match added {
        Ok(_) => Ok(back(&form, id, "flash.node_saved")),
        Err(e) => refused(&state, &viewer, id, e).await,
    }
}
