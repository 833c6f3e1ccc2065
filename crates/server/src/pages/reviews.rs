//! `/reviews`: the supervision office's queue of reports to review and requests to decide.

use std::collections::HashMap;

use askama::Template;
use axum::{extract::State, response::Response};
use luoshi_store::{report, request};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{
        home::ReportItem,
        instant_text,
        records::{self, RequestOut, TaskData},
    },
};
use luoshi_lights::cycle_of;

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    l: Layout,
    reports: Vec<ReportItem>,
    requests: Vec<(i64, String, RequestOut)>,
    proposals: Vec<crate::ops::escalation::ProposalRow>,
    kinds: Vec<(&'static str, String)>,
}

/// The review queue (shared with the API).
pub async fn queue(state: &AppState, viewer: &Viewer) -> AppResult<(Vec<ReportItem>, Vec<(i64, String, RequestOut)>)> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
    let reports = report::reports_to_review(&mut c, cap.region, 500).await?;
    let pending = request::requests_in_status(&mut c, cap.region, "pending", 500).await?;
    let ids: Vec<i64> = reports
        .iter()
        .map(|r| r.task_id)
        .chain(pending.iter().map(|q| q.task_id))
        .collect();
    let tasks: HashMap<i64, luoshi_store::task::Task> = luoshi_store::task::tasks_by_ids(&mut c, cap.region, &ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let reports = reports
        .into_iter()
        .map(|r| {
            let t = tasks.get(&r.task_id);
            let cycle = t.map(cycle_of).unwrap_or(luoshi_domain::Cycle {
                kind: luoshi_domain::CycleKind::Monthly,
                due_day: 25,
            });
            ReportItem {
                report_id: r.id,
                task_id: r.task_id,
                task_title: t.map(|t| t.title.clone()).unwrap_or_default(),
                unit: dir.unit_name_on(r.unit_id, r.period),
                period_label: cycle.label(cycle.period_containing(r.period), lang),
                progress: r.progress,
                submitted_at_text: instant_text(r.submitted_at, lang),
                review_note: String::new(),
            }
        })
        .collect();
    let titles: Vec<(i64, String)> = pending
        .iter()
        .map(|q| {
            (
                q.task_id,
                tasks.get(&q.task_id).map(|t| t.title.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let outs = records::requests(
        &TaskData {
            requests: pending,
            ..Default::default()
        },
        &dir,
        lang,
    );
    let requests = titles
        .into_iter()
        .zip(outs)
        .map(|((id, title), q)| (id, title, q))
        .collect();
    Ok((reports, requests))
}

/// `GET /reviews`.
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let (reports, requests) = queue(&state, &viewer).await?;
    let cap = viewer.supervisor()?;
    let l = Layout::new(&state, &viewer, "/reviews").await?;
    let proposals = crate::ops::escalation::proposals(&state, &cap, l.lang).await?;
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
