//! Excel downloads (issue 18), for the pages and the API alike: a plan's tasks, a unit's tasks
//! and the cross-plan lists in the layout they import in; and the blank 任务分解表 template
//! with its instructions, from the “tasks from text” page.

use axum::{extract::State, response::Response};

use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{Id, Q},
    views::{export, lists::ListKind, lists::TreeFilter},
};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook as a download named `name`.
pub fn xlsx(bytes: Vec<u8>, name: &str) -> Response {
    crate::files::attachment(bytes, XLSX, "export.xlsx", name)
}

/// `GET /plans/{id}/tasks.xlsx` (and `/api/v1/plans/{id}/tasks.xlsx`): the plan's tasks as the
/// tree page shows them, with its filters.
pub async fn plan_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(f): Q<TreeFilter>,
) -> AppResult<Response> {
    let (name, bytes) = export::plan_tasks(&state, &viewer, id, &f).await?;
    Ok(xlsx(bytes, &name))
}

/// `GET /units/{id}/tasks.xlsx` (and the API's): the tasks a unit leads or helps with.
pub async fn unit_tasks(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let (name, bytes) = export::unit_list(&state, &viewer, id).await?;
    Ok(xlsx(bytes, &name))
}

/// `GET /lists/{kind}.xlsx`: a cross-plan list; `None` when `file` is not such a name.
pub async fn list(state: &AppState, viewer: &Viewer, file: &str) -> Option<AppResult<Response>> {
    let kind = ListKind::parse(file.strip_suffix(".xlsx")?)?;
    Some(
        export::kind_list(state, viewer, kind)
            .await
            .map(|(name, bytes)| xlsx(bytes, &name)),
    )
}

/// `GET /plans/extract/template.xlsx`: the blank 任务分解表 with an example and instructions.
pub async fn template(viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let bytes = export::write(&export::template()).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(xlsx(bytes, "任务分解表模板.xlsx"))
}

/// `GET /projects.xlsx?month=2020-05` (and the API's): the project ledger the viewer may see,
/// with the ledger page's filters and a month's figures (default: last month).
pub async fn projects(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<super::project::LedgerForm>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let month = q.month(state.clock.today());
    let (name, bytes) =
        crate::views::export_projects::project_ledger(&state, &viewer, &q.filter(&reader), month).await?;
    Ok(xlsx(bytes, &name))
}

/// The span of `/reports.xlsx`: `from` and `to` as `2020-06-01` (default: this month to today).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct Span {
    /// The first day (default: the first of this month).
    #[serde(default)]
    pub from: String,
    /// The last day (default: today).
    #[serde(default)]
    pub to: String,
}

impl Span {
    /// The two days, read; a day that is not one is a field problem.
    pub fn days(&self, today: chrono::NaiveDate) -> AppResult<(chrono::NaiveDate, chrono::NaiveDate)> {
        use chrono::Datelike;
        let day = |field: &'static str, s: &str, or: chrono::NaiveDate| {
            if s.trim().is_empty() {
                return Ok(or);
            }
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::Validation(vec![luoshi_domain::ValidationError::of(
                    field,
                    luoshi_domain::codes::DATE_INVALID,
                )])
            })
        };
        let first = today.with_day(1).unwrap_or(today);
        Ok((day("from", &self.from, first)?, day("to", &self.to, today)?))
    }
}

/// `GET /reports.xlsx?from=&to=` (and `/api/v1/reports.xlsx`): the progress reports sent on the
/// periods of a span — the region's for the office and leaders, a unit's own for a unit.
pub async fn period_reports(State(state): State<AppState>, viewer: Viewer, Q(q): Q<Span>) -> AppResult<Response> {
    let (from, to) = q.days(state.clock.today())?;
    let (name, bytes) = crate::views::export_reports::period_reports(&state, &viewer, from, to).await?;
    Ok(xlsx(bytes, &name))
}
