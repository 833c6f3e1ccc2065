//! The working-day calendar: weekends are off, and each year's official holidays (法定节假日)
//! and make-up working days (调休上班) are data the supervision office keeps. A report due on a
//! day off is due on the next working day instead.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::{Cycle, Period, ValidationError};

/// What an entry of the calendar makes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A day off that would otherwise be a working day (法定节假日).
    Holiday,
    /// A working day that would otherwise be a weekend (调休上班).
    Workday,
}

impl DayKind {
    /// Every kind.
    pub const ALL: [DayKind; 2] = [DayKind::Holiday, DayKind::Workday];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    /// Parses a stored code, or the Chinese marks 休 / 班.
    pub fn parse(s: &str) -> Option<DayKind> {
        match s.trim() {
            "holiday" | "休" => Some(DayKind::Holiday),
            "workday" | "班" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// The exceptions to "Monday to Friday are working days".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl WorkCalendar {
    /// A calendar with these exceptions.
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> WorkCalendar {
        WorkCalendar {
            days: days.into_iter().collect(),
        }
    }

    /// Whether `d` is a working day.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later): how
    /// long something sent on `from` has waited on `to`.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_workday(*d))
            .count() as i64
    }

    /// The first working day on or after `d` (within 60 days; no real calendar has a longer
    /// break).
    pub fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        for _ in 0..60 {
            if self.is_workday(day) {
                return day;
            }
            day = day.checked_add_days(Days::new(1)).unwrap_or(day);
        }
        d
    }

    /// The day the report for `period` is due: the cycle's day, moved to a working day.
    pub fn due(&self, cycle: Cycle, period: Period) -> NaiveDate {
        self.on_or_after(cycle.due_date(period))
    }

    /// The latest period whose report was due (on a working day) on or before `today`, for a
    /// task that started on `start`.
    pub fn latest_due(&self, cycle: Cycle, today: NaiveDate, start: NaiveDate) -> Option<Period> {
        let mut p = cycle.period_containing(today);
        // A due day moved past a month end can put the previous period's due after today too.
        for _ in 0..4 {
            if self.due(cycle, p) <= today {
                return (self.due(cycle, p) >= start).then_some(p);
            }
            p = cycle.previous(p);
        }
        None
    }

    /// Every period whose report falls due from `start` to `end`, oldest first.
    pub fn due_between(&self, cycle: Cycle, start: NaiveDate, end: NaiveDate) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = cycle.period_containing(start);
        while p.start <= end {
            let due = self.due(cycle, p);
            if due >= start && due <= end {
                out.push(p);
            }
            p = cycle.next(p);
        }
        out
    }

    /// The exceptions in one year, in date order.
    pub fn entries(&self) -> impl Iterator<Item = (NaiveDate, DayKind)> + '_ {
        self.days.iter().map(|(d, k)| (*d, *k))
    }
}

/// Parses calendar lines such as `2020-10-01 休 国庆节` or `2020-09-27 班 国庆节调休`:
/// a date, 休/班 (or holiday/workday), and an optional name. Blank lines and `#` comments are
/// skipped. Every bad line is reported with its number; nothing is returned unless all are good.
pub fn parse_calendar(text: &str) -> Result<Vec<(NaiveDate, DayKind, String)>, Vec<ValidationError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let date = parts.next().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let kind = parts.next().and_then(DayKind::parse);
        let name = parts.collect::<Vec<_>>().join(" ");
        match (date, kind) {
            (Some(d), Some(k)) => out.push((d, k, name)),
            _ => errors.push(ValidationError::new(
                "calendar",
                crate::codes::CALENDAR_LINE_INVALID,
                format!(
                    "第{}行格式有误，应为“2020-10-01 休 国庆节”或“2020-09-27 班”：{}",
                    i + 1,
                    line
                ),
                format!(
                    "Line {} should look like “2020-10-01 休 国庆节” or “2020-09-27 班”： {}",
                    i + 1,
                    line
                ),
            )),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The official 2020 holidays and make-up working days of the State Council's notice
/// (国办发明电〔2019〕16号), with the Spring Festival extended to 2 February.
pub const CHINA_2020: &str = "\
2020-01-01 休 元旦
2020-01-19 班 春节调休
2020-01-24 休 春节
2020-01-25 休 春节
2020-01-26 休 春节
2020-01-27 休 春节
2020-01-28 休 春节
2020-01-29 休 春节
2020-01-30 休 春节
2020-01-31 休 春节(延长)
2020-02-01 休 春节(延长)
2020-02-02 休 春节(延长)
2020-04-04 休 清明节
2020-04-05 休 清明节
2020-04-06 休 清明节
2020-04-26 班 劳动节调休
2020-05-01 休 劳动节
2020-05-02 休 劳动节
2020-05-03 休 劳动节
2020-05-04 休 劳动节
2020-05-05 休 劳动节
2020-05-09 班 劳动节调休
2020-06-25 休 端午节
2020-06-26 休 端午节
2020-06-27 休 端午节
2020-06-28 班 端午节调休
2020-09-27 班 国庆节调休
2020-10-01 休 国庆节、中秋节
2020-10-02 休 国庆节
2020-10-03 休 国庆节
2020-10-04 休 国庆节
2020-10-05 休 国庆节
2020-10-06 休 国庆节
2020-10-07 休 国庆节
2020-10-08 休 国庆节
2020-10-10 班 国庆节调休
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CycleKind;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    fn china_2020() -> WorkCalendar {
        WorkCalendar::new(parse_calendar(CHINA_2020).unwrap().into_iter().map(|(d, k, _)| (d, k)))
    }

    #[test]
    fn waiting_is_counted_in_working_days() {
        let c = china_2020();
        // Sent on Friday 26 June (after the Dragon Boat holiday, a make-up working Sunday 28th).
        assert_eq!(c.workdays_between(d(6, 26), d(6, 26)), 0);
        assert_eq!(
            c.workdays_between(d(6, 26), d(6, 28)),
            1,
            "Sunday the 28th is a make-up working day"
        );
        assert_eq!(c.workdays_between(d(6, 26), d(6, 30)), 3);
        // Over the May Day holiday (1–5 May) nothing counts.
        assert_eq!(c.workdays_between(d(4, 30), d(5, 5)), 0);
        assert_eq!(c.workdays_between(d(6, 30), d(6, 1)), 0);
    }

    #[test]
    fn weekends_are_off_and_weekdays_are_working_days_by_default() {
        let c = WorkCalendar::default();
        assert!(c.is_workday(d(6, 29)), "Monday");
        assert!(!c.is_workday(d(6, 27)), "Saturday");
    }

    #[test]
    fn a_make_up_working_day_on_a_sunday_is_a_working_day() {
        let c = china_2020();
        assert!(c.is_workday(d(6, 28)), "端午调休， a Sunday");
        assert!(!c.is_workday(d(6, 25)), "端午节， a Thursday");
    }

    #[test]
    fn a_report_due_on_a_holiday_is_due_on_the_next_working_day() {
        let c = china_2020();
        let monthly = Cycle {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        let june = monthly.period_containing(d(6, 1));
        assert_eq!(
            c.due(monthly, june),
            d(6, 28),
            "25–27 June are 端午 holidays; 28 June is worked"
        );
        let may = monthly.period_containing(d(5, 1));
        assert_eq!(c.due(monthly, may), d(5, 25), "an ordinary Monday");
        let oct = monthly.period_containing(d(10, 1));
        assert_eq!(
            WorkCalendar::default().due(
                Cycle {
                    kind: CycleKind::Monthly,
                    due_day: 3
                },
                oct
            ),
            d(10, 5),
            "a Saturday moves to Monday"
        );
    }

    #[test]
    fn the_latest_due_period_uses_the_moved_due_date() {
        let c = china_2020();
        let monthly = Cycle {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        assert_eq!(
            c.latest_due(monthly, d(6, 27), d(1, 1)).unwrap().start,
            d(5, 1),
            "June's is not due until the 28th"
        );
        assert_eq!(c.latest_due(monthly, d(6, 28), d(1, 1)).unwrap().start, d(6, 1));
    }

    #[test]
    fn bad_calendar_lines_are_all_named_by_number() {
        let errs = parse_calendar("2020-10-01 休\nnot a date 休\n\n2020-10-10 上班\n# note").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message(crate::Lang::Zh).starts_with("第2行"));
        assert!(errs[1].message(crate::Lang::En).starts_with("Line 4"));
    }
}
