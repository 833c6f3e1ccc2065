//! The task page: light and why, facts, milestones, the plan paragraph, sub-tasks, reporting
//! periods, reports with notes and files, requests, history — and the actions the viewer may
//! take on it.

use crate::forms::Id;
use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::task::{Can, can},
    auth::Viewer,
    error::{AppError, AppResult},
    views::{TaskDetail, task_detail::detail_and_board},
};

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    l: Layout,
    alert: Vec<String>,
    pending: [bool; 3],
    d: TaskDetail,
    can: Can,
    parents: Vec<(i64, String, bool)>,
    orders: Vec<crate::views::supervision::OrderRow>,
    /// The escalation ladder's record for the task: (when, what, outcome).
    ladder: Vec<(String, String, String)>,
    /// Leaders' instructions about the task, as the viewer may see them.
    instructions: Vec<crate::views::instruction::InstructionRow>,
    /// Whether the viewer is a leader who oversees the task (and may write an instruction).
    can_instruct: bool,
    /// The likelihood of delivery: the current judgement and the ones before it.
    likelihood: crate::views::likelihood::TaskLikelihood,
    /// The judgements the office may choose, when the viewer is the office.
    likelihoods: Vec<(&'static str, &'static str)>,
}

/// `GET /tasks/{id}`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    page_with(&state, &viewer, id, Vec::new(), StatusCode::OK).await
}

/// The task page with problems shown at its top: what a form posted from the page (a review,
/// a note, a request, a decision) comes back to when it is refused.
pub async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    alert: Vec<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let (d, board) = detail_and_board(state, viewer, id, false).await?;
    let can = can(viewer, &board, id);
    // Where the task could move: any task of the plan but itself and its own sub-tasks.
    let parents = if can.structure {
        let outline = {
            let mut c = state.store.conn().await?;
            luoshi_store::state::outline(&mut c, viewer.region(), board.plan.id).await?
        };
        // In tree order, so a task's sub-tasks come after it.
        let mut below = std::collections::HashSet::from([id]);
        for (tid, parent, _, _) in &outline {
            if parent.is_some_and(|p| below.contains(&p)) {
                below.insert(*tid);
            }
        }
        outline
            .into_iter()
            .filter(|(tid, ..)| !below.contains(tid))
            .map(|(tid, _, title, number)| (tid, format!("{number} {title}"), d.task.parent_id == Some(tid)))
            .collect()
    } else {
        Vec::new()
    };
    let l = Layout::new(state, viewer, "/plans").await?;
    // A kind of request already waiting for a decision is not offered again.
    let pending_of = |k: &str| d.requests.iter().any(|q| q.status == "pending" && q.kind == k);
    let pending = [
        pending_of("extension"),
        pending_of("completion"),
        pending_of("adjustment"),
    ];
    // The task's supervision orders; a unit sees those that name it.
    let mut orders = crate::views::supervision::of_task(state, viewer.region(), id, l.lang).await?;
    if let Some(u) = viewer.reader()?.unit() {
        orders.retain(|o| o.lead_unit_id == u || o.co_unit_ids.contains(&u));
    }
    // What the ladder did; a unit sees its reminders, not the proposals about it.
    let unit_view = viewer.reader()?.unit().is_some();
    let ladder = {
        let mut c = state.store.conn().await?;
        luoshi_store::escalation::of_task(&mut c, viewer.region(), id).await?
    }
    .into_iter()
    .filter(|e| !(unit_view && e.status != luoshi_domain::EscalationStatus::Sent))
    .map(|e| {
        let lang = l.lang;
        let rung = l.t(&format!("rung.{}", e.rung.code()));
        let outcome = l.t(&format!("rung_status.{}", e.status.code()));
        let day = luoshi_domain::fmt_date(e.fire_key, lang);
        (
            crate::views::instant_text(Some(e.fired_at), lang),
            format!("{rung}（{day}）"),
            outcome,
        )
    })
    .collect();
    let instructions = crate::views::instruction::of_task(state, viewer, id).await?;
    let can_instruct = match viewer.leader() {
        Ok(cap) => {
            let mut c = state.store.conn().await?;
            let dir = crate::directory::Directory::cached(&state.directories, &mut c, cap.region).await?;
            let t = luoshi_store::task::task(&mut c, cap.region, id).await?;
            t.is_some_and(|t| cap.oversees(&dir, t.leader_id, t.lead_unit_id))
        }
        Err(_) => false,
    };
    let likelihood = crate::views::likelihood::of_task(state, viewer.region(), id, &d.task.light, l.lang).await?;
    let likelihoods = if viewer.supervisor().is_ok() {
        luoshi_domain::likelihood::Likelihood::ALL
            .iter()
            .map(|k| (k.code(), k.name(l.lang)))
            .collect()
    } else {
        Vec::new()
    };
    let mut r = render(&TaskPage {
        likelihood,
        likelihoods,
        instructions,
        can_instruct,
        l,
        alert,
        pending,
        d,
        can,
        parents,
        orders,
        ladder,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// Runs a form action posted from the task page: on success redirects to `to`; when refused for
/// bad input or a conflict, shows the task page again with the reasons at its top.
pub async fn act(
    state: &AppState,
    viewer: &Viewer,
    task_id: i64,
    to: String,
    result: AppResult<()>,
) -> AppResult<Response> {
    use axum::response::{IntoResponse, Redirect};
    match result {
        Ok(()) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Validation(errs)) => {
            let msgs = errs.iter().map(|e| e.message(viewer.lang()).to_string()).collect();
            page_with(state, viewer, task_id, msgs, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e @ AppError::Conflict { .. }) => {
            let msg = e.message(viewer.lang());
            page_with(state, viewer, task_id, vec![msg], StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /tasks/{id}/likelihood` (the office): sets the likelihood of delivery, with a reason.
pub async fn set_likelihood(
    axum::extract::State(state): axum::extract::State<AppState>,
    Id(id): Id,
    crate::forms::Posted(viewer, form): crate::forms::Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let done =
        crate::ops::likelihood::set_for_task(&state, &cap, id, form.get("likelihood"), form.get("likelihood_reason"))
            .await;
    act(
        &state,
        &viewer,
        id,
        format!("/tasks/{id}?flash=flash.likelihood_saved#likelihood"),
        done,
    )
    .await
}
