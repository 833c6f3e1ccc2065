//! `/calendar`: the working-day calendar of a year (supervision office).

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Datelike;
use luoshi_store::calendar;
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FieldErrors, Posted, Q},
    ops,
};

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    l: Layout,
    year: i32,
    text: String,
    days: Vec<(String, String, String)>,
    e: FieldErrors,
}

/// Query of the calendar page.
#[derive(Debug, Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
}

async fn show(
    state: &AppState,
    viewer: &Viewer,
    year: i32,
    text: Option<String>,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let stored: Vec<calendar::CalendarDay> = {
        let mut c = state.store.conn().await?;
        calendar::calendar_days(&mut c, cap.region)
            .await?
            .into_iter()
            .filter(|d| d.day.year() == year)
            .collect()
    };
    let mark = |k: luoshi_domain::DayKind| {
        if k == luoshi_domain::DayKind::Holiday {
            "休"
        } else {
            "班"
        }
    };
    let text = text.unwrap_or_else(|| {
        stored
            .iter()
            .map(|d| format!("{} {} {}", d.day, mark(d.kind), d.name).trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    });
    let days = stored
        .iter()
        .map(|d| {
            (
                luoshi_domain::fmt_date(d.day, viewer.lang()),
                d.kind.code().to_string(),
                d.name.clone(),
            )
        })
        .collect();
    let l = Layout::new(state, viewer, "/calendar").await?;
    let mut r = render(&CalendarPage { l, year, text, days, e })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /calendar?year=`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Q(q): Q<YearQuery>) -> AppResult<Response> {
    let year = crate::forms::year_in_range(q.year.unwrap_or_else(|| state.clock.today().year()))?;
    show(&state, &viewer, year, None, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /calendar`.
pub async fn save(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    // A number past i32 is refused, never wrapped into the range.
    let year = form
        .int("year")
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(|| AppError::BadRequest("year".into()))?;
    let year = crate::forms::year_in_range(year)?;
    match ops::calendar::replace_year(&state, &cap, year, form.get("days")).await {
        Ok(_) => Ok(Redirect::to(&format!("/calendar?year={year}&flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            show(
                &state,
                &viewer,
                year,
                Some(form.get("days").to_string()),
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
