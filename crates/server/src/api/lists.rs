//! The task lists (overdue, lagging, missing reports, …) through the API.

use crate::forms::Q;
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    views::{
        TaskRow,
        lists::ListKind,
        paging::{PageQuery, Pager},
    },
};
use axum::{
    Json,
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use luoshi_lights::LightCounts;
use serde::Serialize;
use utoipa::ToSchema;

/// `GET /api/v1/lists/{kind}`: `overdue`, `lagging` or `missing`, worst first, a page at a time
/// (`?page=&per_page=`); the number of tasks on the list is in `X-Total-Count`.
#[utoipa::path(get, path = "/api/v1/lists/{kind}", tag = "views", security(("bearer" = [])),
    params(("kind" = String, Path, description = "overdue, lagging or missing"), PageQuery),
    responses((status = 200, body = Vec<TaskRow>, headers(("X-Total-Count" = i64, description = "tasks on the list, on every page"))),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    let kind = ListKind::parse(&kind).ok_or(AppError::NotFound)?;
    let list = crate::views::lists::list_rows(&state, &viewer, kind, &q).await?;
    Ok(([("x-total-count", list.pager.total.to_string())], Json(list.rows)).into_response())
}

/// `GET /api/v1/lists/tasks?light=&of=`: the tasks without sub-tasks a home page's tile counts —
/// of one light (`red`, `yellow`, `green`, `blue`) or needing attention (`attention`: red and
/// yellow, worst first); the reader's own (a unit's, a leader's portfolio) or, with `of=all`, the
/// region's (office and leaders).
#[utoipa::path(get, path = "/api/v1/lists/tasks", tag = "views", security(("bearer" = [])),
    params(crate::views::lists::LightQuery, PageQuery),
    responses((status = 200, body = TaskGroup), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(lq): Q<crate::views::lists::LightQuery>,
    Q(q): Q<PageQuery>,
) -> AppResult<Json<TaskGroup>> {
    let list = crate::views::lists::light_rows(&state, &viewer, &lq, &q).await?;
    Ok(Json(list.into()))
}

/// A page of a unit's or a leader's tasks.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskGroup {
    /// The unit's or leader's name.
    pub name: String,
    /// Lights of all their tasks without sub-tasks (on every page).
    pub counts: LightCounts,
    /// The tasks of this page, in tree order.
    pub tasks: Vec<TaskRow>,
    /// Where this page is (`?page=&per_page=`).
    pub pager: Pager,
}

impl From<crate::views::lists::TaskList> for TaskGroup {
    fn from(l: crate::views::lists::TaskList) -> TaskGroup {
        TaskGroup {
            name: l.name,
            counts: l.counts,
            tasks: l.rows,
            pager: l.pager,
        }
    }
}
