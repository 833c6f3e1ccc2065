//! Reporting cycles (报送周期): which period a day falls in and when that period's report is due.
//!
//! A report is due on a fixed day of each period (DOMAIN.md): weekly on a weekday, monthly on a
//! day of the month, quarterly on a day of the quarter's last month. Moving a due date off a
//! holiday belongs to the working-day calendar, which is applied on top of this.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::{ValidationError, lang::Lang};

/// How often a task is reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleKind {
    /// 每周
    Weekly,
    /// 每月
    Monthly,
    /// 每季度
    Quarterly,
}

impl CycleKind {
    /// Every kind.
    pub const ALL: [CycleKind; 3] = [CycleKind::Weekly, CycleKind::Monthly, CycleKind::Quarterly];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            CycleKind::Weekly => "weekly",
            CycleKind::Monthly => "monthly",
            CycleKind::Quarterly => "quarterly",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<CycleKind> {
        CycleKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            CycleKind::Weekly => ("每周", "Weekly"),
            CycleKind::Monthly => ("每月", "Monthly"),
            CycleKind::Quarterly => ("每季度", "Quarterly"),
        }
    }
}

/// A reporting cycle: its kind and the day of the period the report is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    /// Weekly, monthly or quarterly.
    pub kind: CycleKind,
    /// Weekly: 1 (Monday) to 7; monthly and quarterly: day of the month, 1 to 31,
    /// clamped to the month's last day.
    pub due_day: u8,
}

/// One reporting period: the days from `start` to `end`, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First day; also the key a report is stored under.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Cycle {
    /// Validates a cycle's due day for its kind.
    pub fn new(kind: CycleKind, due_day: i64) -> Result<Cycle, ValidationError> {
        let max = match kind {
            CycleKind::Weekly => 7,
            CycleKind::Monthly | CycleKind::Quarterly => 31,
        };
        if (1..=max).contains(&due_day) {
            Ok(Cycle {
                kind,
                due_day: due_day as u8,
            })
        } else {
            Err(ValidationError::new(
                "cycle_due_day",
                crate::codes::CYCLE_DUE_DAY_OUT_OF_RANGE,
                format!("报送日应在1到{max}之间"),
                format!("The reporting day must be between 1 and {max}"),
            ))
        }
    }

    /// The period that contains `date`.
    pub fn period_containing(self, date: NaiveDate) -> Period {
        match self.kind {
            CycleKind::Weekly => {
                let start = date - Days::new(date.weekday().num_days_from_monday() as u64);
                Period {
                    start,
                    end: start + Days::new(6),
                }
            }
            CycleKind::Monthly => month_period(date.year(), date.month(), 1),
            CycleKind::Quarterly => {
                let first_month = (date.month0() / 3) * 3 + 1;
                month_period(date.year(), first_month, 3)
            }
        }
    }

    /// The day the report for `period` is due (before any holiday adjustment).
    pub fn due_date(self, period: Period) -> NaiveDate {
        match self.kind {
            CycleKind::Weekly => period.start + Days::new(u64::from(self.due_day) - 1),
            CycleKind::Monthly | CycleKind::Quarterly => {
                let last_month_start =
                    NaiveDate::from_ymd_opt(period.end.year(), period.end.month(), 1).unwrap_or(period.start);
                let day = u32::from(self.due_day).min(period.end.day());
                last_month_start.with_day(day).unwrap_or(period.end)
            }
        }
    }

    /// The period before `period`.
    pub fn previous(self, period: Period) -> Period {
        self.period_containing(period.start.pred_opt().unwrap_or(period.start))
    }

    /// The period after `period`.
    pub fn next(self, period: Period) -> Period {
        self.period_containing(period.end.succ_opt().unwrap_or(period.end))
    }

    /// The latest period whose report was due on or before `today`, for a task that started on
    /// `start`. `None` when no report has fallen due yet.
    pub fn latest_due(self, today: NaiveDate, start: NaiveDate) -> Option<Period> {
        let mut p = self.period_containing(today);
        if self.due_date(p) > today {
            p = self.previous(p);
        }
        (self.due_date(p) >= start).then_some(p)
    }

    /// Every period whose report falls due from `start` to `end` inclusive, oldest first.
    pub fn due_between(self, start: NaiveDate, end: NaiveDate) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = self.period_containing(start);
        while p.start <= end {
            let due = self.due_date(p);
            if due >= start && due <= end {
                out.push(p);
            }
            p = self.next(p);
        }
        out
    }

    /// How a period of this cycle is named: `2020年5月`, `2020年第2季度`, `2020年第19周`.
    pub fn label(self, period: Period, lang: Lang) -> String {
        let d = period.start;
        match (self.kind, lang) {
            (CycleKind::Weekly, Lang::Zh) => {
                let w = d.iso_week();
                format!("{}年第{}周", w.year(), w.week())
            }
            (CycleKind::Weekly, Lang::En) => {
                let w = d.iso_week();
                format!("Week {}, {}", w.week(), w.year())
            }
            (CycleKind::Monthly, Lang::Zh) => format!("{}年{}月", d.year(), d.month()),
            (CycleKind::Monthly, Lang::En) => format!("{} {}", month_name(d.month()), d.year()),
            (CycleKind::Quarterly, Lang::Zh) => {
                format!("{}年第{}季度", d.year(), d.month0() / 3 + 1)
            }
            (CycleKind::Quarterly, Lang::En) => format!("Q{} {}", d.month0() / 3 + 1, d.year()),
        }
    }

    /// A description of the cycle: `每月25日报送` / `Monthly, due on day 25`.
    pub fn describe(self, lang: Lang) -> String {
        match (self.kind, lang) {
            (CycleKind::Weekly, Lang::Zh) => format!("每周{}报送", weekday_zh(self.due_day)),
            (CycleKind::Weekly, Lang::En) => {
                format!("Weekly, due on {}", weekday_en(self.due_day))
            }
            (CycleKind::Monthly, Lang::Zh) => format!("每月{}日报送", self.due_day),
            (CycleKind::Monthly, Lang::En) => format!("Monthly, due on day {}", self.due_day),
            (CycleKind::Quarterly, Lang::Zh) => {
                format!("每季度末月{}日报送", self.due_day)
            }
            (CycleKind::Quarterly, Lang::En) => {
                format!("Quarterly, due on day {} of the quarter's last month", self.due_day)
            }
        }
    }
}

fn month_period(year: i32, month: u32, months: u32) -> Period {
    // Month 1..=12 and day 1 always form a date; the fallbacks only keep this total.
    let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    Period { start, end }
}

/// A month's English name (`June`), 1 to 12.
pub(crate) fn month_name(m: u32) -> &'static str {
    const N: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    N[(m.clamp(1, 12) - 1) as usize]
}

fn weekday_zh(d: u8) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "日"][(d.clamp(1, 7) - 1) as usize]
}

fn weekday_en(d: u8) -> &'static str {
    let wd = Weekday::try_from(d.clamp(1, 7) - 1).unwrap_or(Weekday::Mon);
    match wd {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn monthly(day: i64) -> Cycle {
        Cycle::new(CycleKind::Monthly, day).unwrap()
    }

    #[test]
    fn a_monthly_report_is_due_on_its_day_of_the_month() {
        let c = monthly(25);
        let p = c.period_containing(d(2020, 6, 30));
        assert_eq!(
            p,
            Period {
                start: d(2020, 6, 1),
                end: d(2020, 6, 30)
            }
        );
        assert_eq!(c.due_date(p), d(2020, 6, 25));
    }

    #[test]
    fn a_due_day_past_the_month_end_falls_on_the_last_day() {
        let c = monthly(31);
        let p = c.period_containing(d(2020, 2, 10));
        assert_eq!(c.due_date(p), d(2020, 2, 29));
    }

    #[test]
    fn the_latest_due_period_is_the_previous_one_before_the_due_day() {
        let c = monthly(25);
        let start = d(2020, 1, 1);
        assert_eq!(c.latest_due(d(2020, 6, 24), start).unwrap().start, d(2020, 5, 1));
        assert_eq!(c.latest_due(d(2020, 6, 25), start).unwrap().start, d(2020, 6, 1));
    }

    #[test]
    fn no_report_is_due_before_the_first_due_day_after_the_start() {
        let c = monthly(25);
        assert_eq!(c.latest_due(d(2020, 6, 24), d(2020, 6, 1)), None);
        assert!(c.latest_due(d(2020, 6, 25), d(2020, 6, 1)).is_some());
    }

    #[test]
    fn weekly_periods_run_monday_to_sunday() {
        let c = Cycle::new(CycleKind::Weekly, 5).unwrap();
        // 2020-06-30 is a Tuesday.
        let p = c.period_containing(d(2020, 6, 30));
        assert_eq!(p.start, d(2020, 6, 29));
        assert_eq!(p.end, d(2020, 7, 5));
        assert_eq!(c.due_date(p), d(2020, 7, 3));
        assert_eq!(c.label(p, Lang::Zh), "2020年第27周");
    }

    #[test]
    fn quarterly_reports_are_due_in_the_quarters_last_month() {
        let c = Cycle::new(CycleKind::Quarterly, 20).unwrap();
        let p = c.period_containing(d(2020, 5, 3));
        assert_eq!(
            p,
            Period {
                start: d(2020, 4, 1),
                end: d(2020, 6, 30)
            }
        );
        assert_eq!(c.due_date(p), d(2020, 6, 20));
        assert_eq!(c.label(p, Lang::Zh), "2020年第2季度");
        assert_eq!(c.label(p, Lang::En), "Q2 2020");
    }

    #[test]
    fn due_between_lists_each_period_once_in_order() {
        let c = monthly(25);
        let ps = c.due_between(d(2020, 1, 1), d(2020, 6, 30));
        assert_eq!(ps.len(), 6);
        assert_eq!(ps[0].start, d(2020, 1, 1));
        assert_eq!(ps[5].start, d(2020, 6, 1));
    }

    #[test]
    fn a_due_day_outside_the_kinds_range_is_rejected() {
        assert!(Cycle::new(CycleKind::Weekly, 8).is_err());
        assert!(Cycle::new(CycleKind::Monthly, 0).is_err());
        assert!(Cycle::new(CycleKind::Monthly, 31).is_ok());
    }
}
