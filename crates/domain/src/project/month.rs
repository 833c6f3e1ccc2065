//! A calendar month (`2020-06`), the unit in which projects plan, start and report.

use chrono::{Datelike, NaiveDate};

use crate::Lang;

/// A year and a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
}

impl Month {
    /// `year`-`month`, if `month` is 1 to 12.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month of `d`.
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// Reads `2020-06` (or `2020-6`, `2020年6月`).
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        let (y, m) = s
            .split_once('-')
            .or_else(|| s.strip_suffix('月').and_then(|r| r.split_once('年')))?;
        let year: i32 = y.trim().parse().ok()?;
        (1990..=2100).contains(&year).then_some(())?;
        Month::new(year, m.trim().parse().ok()?)
    }

    /// The stored code, `2020-06`.
    pub fn code(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }

    /// `2020年6月` / `June 2020`.
    pub fn text(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}年{}月", self.year, self.month),
            Lang::En => format!("{} {}", crate::cycle::month_name(self.month), self.year),
        }
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_to(self, later: Month) -> i64 {
        (later.year as i64 - self.year as i64) * 12 + later.month as i64 - self.month as i64
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// January of its year.
    pub fn january(self) -> Month {
        Month {
            year: self.year,
            month: 1,
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The month before.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The year's time progress (序时进度) once this month is over, in hundredths of a percent
    /// (`5000` after June), rounded half up: months are equal shares.
    pub fn time_progress(self) -> i64 {
        (self.month as i64 * 10_000 + 6) / 12
    }

    /// `1–6月` / `January–June`: the months of its year up to this one.
    pub fn to_date_text(self, lang: Lang) -> String {
        match (lang, self.month) {
            (Lang::Zh, 1) => "1月".into(),
            (Lang::Zh, m) => format!("1–{m}月"),
            (Lang::En, 1) => crate::cycle::month_name(1).to_string(),
            (Lang::En, m) => format!("January–{}", crate::cycle::month_name(m)),
        }
    }
}
