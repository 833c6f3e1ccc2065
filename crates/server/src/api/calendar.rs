//! The region's working-day calendar through the API.

use super::{ApiJson, writer::Writer};
use crate::{AppState, auth::Viewer, error::AppResult, ops};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::Datelike;
use luoshi_store::calendar::{self, CalendarDay};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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

/// The year of the path: a number in `forms::YEARS`, else 400 (never a wrapped number).
fn year_of(text: &str) -> AppResult<i32> {
    let y = text
        .parse::<i32>()
        .map_err(|_| crate::error::AppError::BadRequest("the year must be a number".into()))?;
    crate::forms::year_in_range(y)
}

/// `GET /api/v1/calendar/{year}`
#[utoipa::path(get, path = "/api/v1/calendar/{year}", tag = "views", security(("bearer" = [])), params(("year" = i32, Path, description = "year")),
    responses((status = 200, body = Vec<DayBody>)))]
pub async fn get_calendar(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(year): Path<String>,
) -> AppResult<Json<Vec<DayBody>>> {
    let reader = viewer.reader()?;
    let year = year_of(&year)?;
    let mut c = state.store.conn().await?;
    let days: Vec<CalendarDay> = calendar::calendar_days(&mut c, reader.region).await?;
    Ok(Json(
        days.into_iter()
            .filter(|d| d.day.year() == year)
            .map(|d| DayBody {
                day: d.day,
                kind: d.kind.code().to_string(),
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
    Path(year): Path<String>,
    ApiJson(days): ApiJson<Vec<DayBody>>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let year = year_of(&year)?;
    let text = days
        .iter()
        .map(|d| format!("{} {} {}", d.day, d.kind, d.name))
        .collect::<Vec<_>>()
        .join("\n");
    ops::calendar::replace_year(&state, &cap, year, &text).await?;
    Ok(StatusCode::NO_CONTENT)
}
