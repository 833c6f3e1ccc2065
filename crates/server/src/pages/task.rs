//! The task page: light and why, facts, milestones, the plan paragraph, sub-tasks, reporting
//! periods, reports with notes and files, requests, history — and the actions the viewer may
//! take on it.

use crate::forms::Id;
use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use luoshi_domain::Role;
use luoshi_store::report;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    views::{TaskDetail, records::TaskData},
};

/// What the viewer may do on this task's page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Can {
    /// Edit the task (the supervision office, or the unit that made this sub-task).
    pub edit: bool,
    /// Add sub-tasks, move and reorder (the supervision office).
    pub structure: bool,
    /// Break the task down (its lead unit).
    pub decompose: bool,
    /// Report on it and file requests (its lead unit, while it is open).
    pub report: bool,
    /// Add notes to its reports (a co-unit).
    pub note: bool,
    /// Review reports and decide requests (the supervision office).
    pub review: bool,
}

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
}

/// Loads a task page's data through the access layer (shared with the API).
pub async fn detail(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<TaskDetail> {
    Ok(detail_and_board(state, viewer, id, true).await?.0)
}

/// The task's detail and the part of its plan's board it shows; `plan_counts` says whether the
/// plan's summary carries its light counts and progress (the API's does; the page shows only
/// the plan's title and link).
async fn detail_and_board(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    plan_counts: bool,
) -> AppResult<(TaskDetail, luoshi_lights::PlanBoard)> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let board = reader.task_board(&mut conn, id, today).await?;
    let region = viewer.region();
    let data = TaskData {
        reports: report::reports_of_task(&mut conn, region, id).await?,
        notes: report::notes_of_task(&mut conn, region, id).await?,
        evidence: luoshi_store::evidence::evidence_of_task(&mut conn, region, id).await?,
        requests: luoshi_store::request::requests_of_task(&mut conn, region, id).await?,
        events: luoshi_store::event::events_of_task(&mut conn, region, id).await?,
        snapshots: luoshi_store::snapshot::snapshots_of_task(&mut conn, region, id).await?,
        names: luoshi_store::user::names_in_history(&mut conn, region, id)
            .await?
            .into_iter()
            .collect(),
    };
    // A draft is the unit's own until it is submitted: only the lead unit sees it, its files
    // and its history lines.
    let is_lead = viewer.user.unit_id.is_some()
        && board
            .task(id)
            .is_some_and(|t| t.task.lead_unit_id == viewer.user.unit_id);
    let mut data = data;
    if !is_lead {
        data.reports.retain(|r| r.status != "draft");
        let shown: std::collections::HashSet<i64> = data.reports.iter().map(|r| r.id).collect();
        data.evidence.retain(|e| shown.contains(&e.report_id));
        data.events.retain(|e| {
            !matches!(
                e.kind.as_str(),
                "report.saved" | "evidence.attached" | "evidence.deleted"
            )
        });
    }
    let dir = Directory::cached(&state.directories, &mut conn, region).await?;
    let plan = if plan_counts {
        crate::views::plan::summaries(
            &reader,
            &state.boards,
            &mut conn,
            viewer.lang(),
            Some(&board.plan),
            state.clock.today(),
        )
        .await?
        .pop()
        .ok_or(AppError::NotFound)?
    } else {
        crate::views::PlanSummary::new(
            &board.plan,
            &luoshi_lights::PlanBoard::empty(board.plan.clone()),
            viewer.lang(),
        )
    };
    let d = TaskDetail::new(&board, plan, id, &data, &dir, viewer.lang(), today, |t| reader.sees(t))
        .ok_or(AppError::NotFound)?;
    Ok((d, board))
}

/// What `viewer` may do on the task `id` of `board`.
pub fn can(viewer: &Viewer, board: &luoshi_lights::PlanBoard, id: i64) -> Can {
    let Some(t) = board.task(id) else { return Can::default() };
    let open = t.task.done_on.is_none();
    match viewer.role {
        Role::Supervisor => Can {
            edit: true,
            structure: true,
            review: true,
            ..Can::default()
        },
        Role::UnitUser => {
            let unit = viewer.user.unit_id;
            let lead = unit.is_some() && t.task.lead_unit_id == unit;
            Can {
                edit: unit.is_some() && t.task.decomposed_by == unit,
                decompose: lead && open,
                report: lead && open,
                note: unit.is_some_and(|u| t.co_units.contains(&u)),
                ..Can::default()
            }
        }
        _ => Can::default(),
    }
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
    let mut orders = crate::ops::supervision::of_task(state, viewer.region(), id, l.lang).await?;
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
    .filter(|e| !(unit_view && e.status != "sent"))
    .map(|e| {
        let lang = l.lang;
        let rung = l.t(&format!("rung.{}", e.rung));
        let outcome = l.t(&format!("rung_status.{}", e.status));
        let day = luoshi_domain::fmt_date(e.fire_key, lang);
        (
            crate::views::instant_text(Some(e.fired_at), lang),
            format!("{rung}（{day}）"),
            outcome,
        )
    })
    .collect();
    let mut r = render(&TaskPage {
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
