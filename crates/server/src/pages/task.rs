//! The task page: light and why, facts, milestones, the plan paragraph, sub-tasks, reporting
//! periods, reports with notes and files, requests, history — and the actions the viewer may
//! take on it.

use crate::forms::Id;
use askama::Template;
use axum::{extract::State, response::Response};
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
    d: TaskDetail,
    can: Can,
    parents: Vec<(i64, String, bool)>,
}

/// Loads a task page's data through the access layer (shared with the API).
pub async fn detail(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<TaskDetail> {
    Ok(detail_and_board(state, viewer, id).await?.0)
}

async fn detail_and_board(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> AppResult<(TaskDetail, crate::board::PlanBoard)> {
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
        names: luoshi_store::user::users(&mut conn, region)
            .await?
            .into_iter()
            .map(|u| (u.username, u.display_name))
            .collect(),
    };
    let dir = Directory::load(&mut conn, region).await?;
    let d =
        TaskDetail::new(&board, id, &data, &dir, viewer.lang(), today, |t| reader.sees(t)).ok_or(AppError::NotFound)?;
    Ok((d, board))
}

/// What `viewer` may do on the task `id` of `board`.
pub fn can(viewer: &Viewer, board: &crate::board::PlanBoard, id: i64) -> Can {
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
    let (d, board) = detail_and_board(&state, &viewer, id).await?;
    let can = can(&viewer, &board, id);
    // Where the task could move: any task of the plan but itself and its own sub-tasks.
    let parents = if can.structure {
        let mut below = std::collections::HashSet::from([id]);
        for t in &board.tasks {
            if t.task.parent_id.is_some_and(|p| below.contains(&p)) {
                below.insert(t.task.id);
            }
        }
        board
            .tasks
            .iter()
            .filter(|t| !below.contains(&t.task.id))
            .map(|t| {
                (
                    t.task.id,
                    format!("{} {}", t.number, t.task.title),
                    d.task.parent_id == Some(t.task.id),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let l = Layout::new(&state, &viewer, "/plans").await?;
    render(&TaskPage { l, d, can, parents })
}
