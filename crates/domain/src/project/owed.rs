//! Which monthly reports a project owes (项目月报): the responsible unit reports each month of the
//! year on a project under way — from 前期 until it is built — by the [`DUE_DAY`] of the month
//! after; a month past its due day with no report is missing, which the warnings and the inbox
//! mark as a missing task report is marked.

use chrono::NaiveDate;

use super::{Month, Stage};

/// The day of the next month by which a month's report is due (每月5日前报上月进展).
pub const DUE_DAY: u32 = 5;

/// The day the report on `month` is due.
pub fn due_of(month: Month) -> NaiveDate {
    let next = month.next();
    NaiveDate::from_ymd_opt(next.year, next.month, DUE_DAY).unwrap_or_default()
}

/// Whether a project at `stage` reports monthly: from 前期 on, until it is built.
pub fn reports_at(stage: Stage) -> bool {
    stage >= Stage::Preliminary && !stage.finished()
}

/// A month a project owes its report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwedMonth {
    /// The month.
    pub month: Month,
    /// Its due day.
    pub due: NaiveDate,
    /// Whether the due day has passed.
    pub missing: bool,
}

/// The months a project at `stage`, on the ledger since `since`, owes on `today` and has no
/// report for (`reported`, any state but the office's return counts as sent): every month of
/// this year from January (or `since`) to last month, oldest first; none while the project
/// does not report.
pub fn owed_months(stage: Stage, since: Month, reported: &[Month], today: NaiveDate) -> Vec<OwedMonth> {
    if !reports_at(stage) {
        return Vec::new();
    }
    let now = Month::of(today);
    let mut m = now.january().max(since);
    let mut out = Vec::new();
    while m < now {
        if !reported.contains(&m) {
            let due = due_of(m);
            out.push(OwedMonth {
                month: m,
                due,
                missing: due < today,
            });
        }
        m = m.next();
    }
    out
}

/// The earliest missing month, which the warning names.
pub fn first_missing(owed: &[OwedMonth]) -> Option<Month> {
    owed.iter().find(|o| o.missing).map(|o| o.month)
}
