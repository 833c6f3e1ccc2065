//! What a lead unit still owes on a task — its inbox: the reporting periods, up to a look-ahead,
//! whose report is missing, returned, a draft, or coming due. Judged on a day with the task's
//! light and stored beside it, so an inbox reads one row per task, not every report ever sent.

use crate::ReportStatus;
use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::{Cycle, WorkCalendar};

/// Days ahead an inbox looks for reports coming due.
pub const LOOK_AHEAD_DAYS: u64 = 14;

/// A report already written, as the owed periods need it.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    /// Its period (first day).
    pub period: NaiveDate,
    /// Its status.
    pub status: ReportStatus,
    /// When it was (last) submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Its version, which the next save names.
    pub version: i64,
    /// Why it was returned.
    pub review_note: &'a str,
}

/// One period whose report the lead unit owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owed {
    /// The period (first day).
    #[serde(rename = "p")]
    pub period: NaiveDate,
    /// When its report is due.
    #[serde(rename = "d")]
    pub due: NaiveDate,
    /// `missing`, `returned`, `draft` or `open`.
    #[serde(rename = "s")]
    pub state: String,
    /// The version of the report written (returned or a draft).
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// Why it was returned.
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub review_note: String,
    /// A returned report first sent by its due day: to be redone, not late.
    #[serde(rename = "t", default, skip_serializing_if = "std::ops::Not::not")]
    pub sent_on_time: bool,
}

/// Whether a period whose report falls due on `due` is one of the periods of a task begun on
/// `start`: not when its report fell due before the task began, unless one was written anyway.
pub fn is_period_of(due: NaiveDate, start: NaiveDate, written: bool) -> bool {
    written || due >= start
}

/// Where a period stands on `today`: the status of its report, or without one `missing` once
/// its due day has passed and `open` before.
pub fn period_state(report_status: Option<ReportStatus>, due: NaiveDate, today: NaiveDate) -> &'static str {
    match report_status {
        Some(s) => s.code(),
        None if due < today => "missing",
        None => "open",
    }
}

/// The periods of a task (reporting on `cycle` from `start`) whose report its lead unit owes on
/// `today`: up to the period whose report falls due within [`LOOK_AHEAD_DAYS`], those without a
/// report (`missing` — not yet sent, even if the due day is still ahead — or `open` when due on
/// the last day looked at) and those returned or saved as a draft. Oldest first. A period
/// whose report fell due before the task began is not one of its periods.
pub fn owed(cycle: Cycle, cal: &WorkCalendar, start: NaiveDate, reports: &[Written], today: NaiveDate) -> Vec<Owed> {
    let horizon = today.checked_add_days(Days::new(LOOK_AHEAD_DAYS)).unwrap_or(today);
    let mut out = Vec::new();
    let mut p = cycle.period_containing(start);
    let last = cycle.period_containing(horizon);
    while p.start <= last.start {
        let due = cal.due(cycle, p);
        let report = reports.iter().find(|r| r.period == p.start);
        let next = cycle.next(p);
        if !is_period_of(due, start, report.is_some()) || due > horizon {
            p = next;
            continue;
        }
        let state = period_state(report.map(|r| r.status), due, horizon);
        if matches!(state, "missing" | "returned" | "draft" | "open") {
            let written = report.filter(|_| matches!(state, "returned" | "draft"));
            out.push(Owed {
                period: p.start,
                due,
                state: state.to_string(),
                version: written.map(|r| r.version),
                review_note: written
                    .filter(|_| state == "returned")
                    .map(|r| r.review_note.to_string())
                    .unwrap_or_default(),
                sent_on_time: state == "returned"
                    && report.and_then(|r| r.submitted_at).is_some_and(|s| china_day(s) <= due),
            });
        }
        p = next;
    }
    out
}

/// The day in China (UTC+8) of an instant.
pub fn china_day(at: DateTime<Utc>) -> NaiveDate {
    (at + TimeDelta::hours(8)).date_naive()
}

/// The owed periods as stored: JSON, or empty when nothing is owed.
pub fn encode(owed: &[Owed]) -> String {
    if owed.is_empty() {
        return String::new();
    }
    serde_json::to_string(owed).unwrap_or_default()
}

/// The owed periods from their stored form (nothing for an empty or unreadable one).
pub fn decode(stored: &str) -> Vec<Owed> {
    if stored.is_empty() {
        return Vec::new();
    }
    serde_json::from_str(stored).unwrap_or_default()
}

#[cfg(test)]
mod tests;
