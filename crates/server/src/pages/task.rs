//! The task page: light and why, facts, milestones, the plan paragraph, sub-tasks, reports.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use luoshi_store::report;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    views::TaskDetail,
};

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    l: Layout,
    d: TaskDetail,
}

/// Loads a task page's data through the access layer (shared with the API).
pub async fn detail(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<TaskDetail> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let board = reader.task_board(&mut conn, id, today).await?;
    let reports = report::reports_of_task(&mut conn, viewer.region(), id).await?;
    let dir = Directory::load(&mut conn, viewer.region()).await?;
    TaskDetail::new(&board, id, &reports, &dir, viewer.lang(), today, |t| reader.sees(t)).ok_or(AppError::NotFound)
}

/// `GET /tasks/{id}`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let d = detail(&state, &viewer, id).await?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    render(&TaskPage { l, d })
}
