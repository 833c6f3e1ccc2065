//! `/reviews`: the supervision office's queue of reports to review and requests to decide.

use crate::views::reviews::queue;

use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    views::{home::ReportItem, records::RequestOut},
};

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    l: Layout,
    reports: Vec<ReportItem>,
    requests: Vec<(i64, String, RequestOut)>,
    proposals: Vec<crate::views::proposals::ProposalRow>,
    kinds: Vec<(&'static str, String)>,
}

/// `GET /reviews`.
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let (reports, requests) = queue(&state, &viewer).await?;
    let cap = viewer.supervisor()?;
    let l = Layout::new(&state, &viewer, "/reviews").await?;
    let proposals = crate::views::proposals::proposals(&state, &cap, l.lang).await?;
    let kinds = crate::ops::escalation::ACCOUNTABILITY_KINDS
        .iter()
        .map(|(c, zh, en)| (*c, l.lang.pick(zh, en).to_string()))
        .collect();
    render(&ReviewsPage {
        l,
        reports,
        requests,
        proposals,
        kinds,
    })
}

/// `POST /proposals/{id}/decide`: dismiss a proposal, or confirm an accountability record.
pub async fn decide(
    State(state): State<AppState>,
    crate::forms::Id(id): crate::forms::Id,
    crate::forms::Posted(viewer, form): crate::forms::Posted,
) -> AppResult<Response> {
    use axum::response::{IntoResponse, Redirect};
    let cap = viewer.supervisor()?;
    let confirm = form.get("action") == "confirm";
    let done = crate::ops::escalation::decide(
        &state,
        &cap,
        id,
        form.int("version").unwrap_or(0),
        confirm,
        form.get("kind"),
        form.get("note"),
    )
    .await;
    match done {
        Ok(()) => Ok(Redirect::to("/reviews?flash=flash.saved#proposals").into_response()),
        Err(crate::error::AppError::Validation(errs)) => {
            let msg = errs
                .iter()
                .map(|e| e.message(viewer.lang()).to_string())
                .collect::<Vec<_>>()
                .join("；");
            Err(crate::error::AppError::Validation(vec![
                luoshi_domain::ValidationError::new("note", luoshi_domain::codes::PROPOSAL_INVALID, msg.clone(), msg),
            ]))
        }
        Err(e) => Err(e),
    }
}
