//! The inbox, the review queue, the lists, unit and leader views, and the calendar.

use crate::forms::{Id, Q};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Datelike;
use luoshi_store::calendar::{self, CalendarDay};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    ops,
    views::{
        TaskRow,
        home::ReportItem,
        inbox::InboxView,
        lists::{ListKind, UnitSummary},
        paging::{PageQuery, Pager},
        records::RequestOut,
    },
};
use luoshi_lights::LightCounts;

/// `GET /api/v1/inbox` (unit users)
#[utoipa::path(get, path = "/api/v1/inbox", tag = "reporting", security(("bearer" = [])), responses((status = 200, body = InboxView), (status = 403, body = crate::error::ErrorBody)))]
pub async fn inbox(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<InboxView>> {
    let reader = viewer.reader()?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(Json(
        InboxView::build(&reader, &mut c, &dir, viewer.lang(), state.clock.today()).await?,
    ))
}

/// A request waiting for a decision, with its task.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingRequest {
    /// Task id.
    pub task_id: i64,
    /// Task title.
    pub task_title: String,
    /// The request.
    pub request: RequestOut,
}

/// The supervision office's queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueue {
    /// Reports waiting for review, oldest first.
    pub reports: Vec<ReportItem>,
    /// Requests waiting for a decision, oldest first.
    pub requests: Vec<PendingRequest>,
}

/// `GET /api/v1/reviews` (supervision office)
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reporting", security(("bearer" = [])), responses((status = 200, body = ReviewQueue), (status = 403, body = crate::error::ErrorBody)))]
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<ReviewQueue>> {
    let (reports, requests) = crate::pages::reviews::queue(&state, &viewer).await?;
    Ok(Json(ReviewQueue {
        reports,
        requests: requests
            .into_iter()
            .map(|(task_id, task_title, request)| PendingRequest {
                task_id,
                task_title,
                request,
            })
            .collect(),
    }))
}

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
    let list = crate::pages::lists::list_rows(&state, &viewer, kind, &q).await?;
    Ok(([("x-total-count", list.pager.total.to_string())], Json(list.rows)).into_response())
}

/// `GET /api/v1/units/overview`: every unit with the lights of the tasks it leads.
#[utoipa::path(get, path = "/api/v1/units/overview", tag = "views", security(("bearer" = [])), responses((status = 200, body = Vec<UnitSummary>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn units_overview(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<UnitSummary>>> {
    Ok(Json(crate::pages::lists::unit_overview(&state, &viewer).await?))
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

impl From<crate::pages::lists::TaskList> for TaskGroup {
    fn from(l: crate::pages::lists::TaskList) -> TaskGroup {
        TaskGroup {
            name: l.name,
            counts: l.counts,
            tasks: l.rows,
            pager: l.pager,
        }
    }
}

/// `GET /api/v1/units/{id}/tasks`
#[utoipa::path(get, path = "/api/v1/units/{id}/tasks", tag = "views", security(("bearer" = [])),
    params(("id" = i64, Path, description = "unit id"), PageQuery),
    responses((status = 200, body = TaskGroup), (status = 404, body = crate::error::ErrorBody)))]
pub async fn unit_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Json<TaskGroup>> {
    Ok(Json(
        crate::pages::lists::unit_tasks(&state, &viewer, id, &q).await?.into(),
    ))
}

/// `GET /api/v1/units/{id}/activity`: the unit's supervision record — orders naming it, the
/// escalation ladder's firings about its tasks, accountability records.
#[utoipa::path(get, path = "/api/v1/units/{id}/activity", tag = "views", security(("bearer" = [])), params(("id" = i64, Path, description = "unit id")),
    responses((status = 200, body = crate::views::activity::UnitActivity), (status = 404, body = crate::error::ErrorBody)))]
pub async fn unit_activity(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
) -> AppResult<Json<crate::views::activity::UnitActivity>> {
    Ok(Json(crate::views::activity::unit_activity(&state, &viewer, id).await?))
}

/// `GET /api/v1/leaders/{id}/tasks`
#[utoipa::path(get, path = "/api/v1/leaders/{id}/tasks", tag = "views", security(("bearer" = [])),
    params(("id" = i64, Path, description = "leader id"), PageQuery),
    responses((status = 200, body = TaskGroup), (status = 404, body = crate::error::ErrorBody)))]
pub async fn leader_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Json<TaskGroup>> {
    Ok(Json(
        crate::pages::lists::leader_tasks(&state, &viewer, id, &q).await?.into(),
    ))
}

/// A day of the calendar.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DayBody {
    /// The day.
    pub day: chrono::NaiveDate,
    /// `holiday` or `workday`.
    pub kind: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

/// `GET /api/v1/calendar/{year}`
#[utoipa::path(get, path = "/api/v1/calendar/{year}", tag = "views", security(("bearer" = [])), params(("year" = i32, Path, description = "year")),
    responses((status = 200, body = Vec<DayBody>)))]
pub async fn get_calendar(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(year): Path<i32>,
) -> AppResult<Json<Vec<DayBody>>> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let days: Vec<CalendarDay> = calendar::calendar_days(&mut c, reader.region).await?;
    Ok(Json(
        days.into_iter()
            .filter(|d| d.day.year() == year)
            .map(|d| DayBody {
                day: d.day,
                kind: d.kind,
                name: d.name,
            })
            .collect(),
    ))
}

/// `PUT /api/v1/calendar/{year}` (supervision office): replaces the year's holidays and make-up
/// working days.
#[utoipa::path(put, path = "/api/v1/calendar/{year}", tag = "views", security(("bearer" = [])), params(("year" = i32, Path, description = "year")),
    request_body = Vec<DayBody>, responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_calendar(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Path(year): Path<i32>,
    ApiJson(days): ApiJson<Vec<DayBody>>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let text = days
        .iter()
        .map(|d| format!("{} {} {}", d.day, d.kind, d.name))
        .collect::<Vec<_>>()
        .join("\n");
    ops::calendar::replace_year(&state, &cap, year, &text).await?;
    Ok(StatusCode::NO_CONTENT)
}
