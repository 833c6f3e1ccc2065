//! Which figures an indicator owes: each month (or quarter's last month) of its year from
//! January to last month with no figure entered (a returned one does not count), due by the
//! [`DUE_DAY`] of the month after — when the statistics bureau has published; a month past its
//! due day is missing, which the light names.

use chrono::NaiveDate;

use super::Frequency;
use crate::project::Month;

/// The day of the next month by which a month's figure is due (次月15日前).
pub const DUE_DAY: u32 = 15;

/// The day the figure for `month` is due.
pub fn due_of(month: Month) -> NaiveDate {
    let next = month.next();
    NaiveDate::from_ymd_opt(next.year, next.month, DUE_DAY).unwrap_or_default()
}

/// The months of `year` owed on `today`, oldest first, each with whether it is missing.
pub fn owed_months(year: i32, frequency: Frequency, entered: &[Month], today: NaiveDate) -> Vec<(Month, bool)> {
    let now = Month::of(today);
    (1..=12)
        .filter_map(|m| Month::new(year, m))
        .filter(|m| *m < now && frequency.reports_in(m.month) && !entered.contains(m))
        .map(|m| (m, due_of(m) < today))
        .collect()
}

/// The earliest missing month.
pub fn first_missing(owed: &[(Month, bool)]) -> Option<Month> {
    owed.iter().find(|(_, missing)| *missing).map(|(m, _)| *m)
}
