//! `/reviews`: the supervision office's queue of reports to review and requests to decide.

use crate::views::reviews::queue;

use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render};
use crate::{AppState, auth::Viewer, error::AppResult, views::records::RequestOut};

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    l: Layout,
    alert: Vec<String>,
    flagged: usize,
    reports: Vec<crate::views::reviews::ReviewItem>,
    requests: Vec<(i64, String, RequestOut)>,
    proposals: Vec<crate::views::proposals::ProposalRow>,
    kinds: Vec<(&'static str, String)>,
    /// Key projects' monthly reports waiting.
    project_reports: Vec<crate::views::project_queue::ProjectReviewItem>,
    indicator_figures: Vec<crate::views::indicator_queue::FigureReviewItem>,
}

/// `GET /reviews`.
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    reviews_with(&state, &viewer, Vec::new(), axum::http::StatusCode::OK).await
}

/// The queue with problems shown at its top (a refused batch).
async fn reviews_with(
    state: &AppState,
    viewer: &Viewer,
    alert: Vec<String>,
    status: axum::http::StatusCode,
) -> AppResult<Response> {
    let (state, viewer) = (state.clone(), viewer.clone());
    let (reports, requests) = queue(&state, &viewer).await?;
    let cap = viewer.supervisor()?;
    let l = Layout::new(&state, &viewer, "/reviews").await?;
    let proposals = crate::views::proposals::proposals(&state, &cap, l.lang).await?;
    let kinds = crate::ops::escalation::proposal_kinds()
        .map(|k| (k.code(), k.name(l.lang).to_string()))
        .collect();
    let flagged = reports.iter().filter(|r| r.flagged).count();
    let (project_reports, indicator_figures) = {
        let mut c = state.store.conn().await?;
        let dir = crate::directory::Directory::cached(&state.directories, &mut c, cap.region).await?;
        (
            crate::views::project_queue::waiting(&mut c, cap.region, &dir, l.lang).await?,
            crate::views::indicator_queue::waiting(&mut c, cap.region, &dir, l.lang).await?,
        )
    };
    let mut r = render(&ReviewsPage {
        indicator_figures,
        project_reports,
        l,
        alert,
        flagged,
        reports,
        requests,
        proposals,
        kinds,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// The chosen reports of a batch form: `report=ID:VERSION`, each once.
fn chosen(form: &crate::forms::FormData) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for v in form.all("report") {
        if let Some((id, version)) = v.split_once(':')
            && let (Ok(id), Ok(version)) = (id.trim().parse(), version.trim().parse())
            && !out.iter().any(|(x, _)| *x == id)
        {
            out.push((id, version));
        }
    }
    out
}

/// `POST /reviews/accept`: accepts the chosen reports, all or none.
pub async fn accept_chosen(
    State(state): State<AppState>,
    crate::forms::Posted(viewer, form): crate::forms::Posted,
) -> AppResult<Response> {
    use axum::response::{IntoResponse, Redirect};
    let cap = viewer.supervisor()?;
    match crate::ops::review::accept_many(&state, &cap, &chosen(&form)).await {
        Ok(n) => Ok(Redirect::to(&format!("/reviews?flash=flash.reports_accepted&n={n}")).into_response()),
        Err(crate::error::AppError::Validation(errs)) => {
            let msgs = errs.iter().map(|e| e.message(viewer.lang()).to_string()).collect();
            reviews_with(&state, &viewer, msgs, axum::http::StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(crate::error::AppError::Conflict { .. }) => {
            let msg = viewer
                .lang()
                .pick(
                    "所选报送中有的已被他人处理或修改，本次均未采纳；请查看最新内容后再操作。",
                    "One of the chosen reports was changed meanwhile; none was accepted. Check them and try again.",
                )
                .to_string();
            reviews_with(&state, &viewer, vec![msg], axum::http::StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
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
