//! Keeping the working-day calendar (supervision office).

use chrono::Datelike;
use luoshi_domain::{ValidationError, parse_calendar};
use luoshi_lights::Change;
use luoshi_store::calendar;
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

/// Replaces the holidays and make-up working days of `year` with those in `text` (one per line,
/// `2020-10-01 休 国庆节`); returns how many were saved. Nothing is saved if a line is bad.
pub async fn replace_year(state: &AppState, cap: &SupervisorCap, year: i32, text: &str) -> AppResult<usize> {
    let days = parse_calendar(text).map_err(AppError::Validation)?;
    let wrong: Vec<ValidationError> = days
        .iter()
        .filter(|(d, _, _)| d.year() != year)
        .map(|(d, _, _)| {
            ValidationError::new(
                "calendar",
                luoshi_domain::codes::CALENDAR_WRONG_YEAR,
                format!("{d} 不属于{year}年"),
                format!("{d} is not in {year}"),
            )
        })
        .collect();
    super::fail_if(wrong)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let n = calendar::replace_year(&mut tx, cap.region, year, &days).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::CalendarReplaced,
            entity: "region",
            entity_id: cap.region,
            before: None,
            after: json!({ "year": year, "days": n }),
        },
        now,
    )
    .await?;
    // Due dates move with the calendar: every light of the region is judged again.
    tx.commit().await?;
    Ok(n)
}
