//! Deadlines as government texts and tables write them: `2022年10月底前`, `6月底前`,
//! `2020年12月31日前`, `2020.10.31`, `2020/10/31`, `2020.10`, `2020年10月`, `年底前`, `全年`,
//! `上半年`, `第三季度`, `2021—2023年`, `年内持续推进`, `长期坚持`; and a spreadsheet's date
//! number ([`from_serial`]).

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A deadline found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The words as written.
    pub text: String,
    /// The last day, when the words name one.
    pub date: Option<NaiveDate>,
    /// 长期坚持 / 持续推进: no end date.
    pub ongoing: bool,
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    first_next.and_then(|d| d.pred_opt())
}

/// A month written in digits or Chinese numerals (一 … 十二).
pub fn month_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    let n = match cs.as_slice() {
        ['十'] => Some(10),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [d] => digit(*d),
        _ => None,
    };
    n.filter(|n| (1..=12).contains(n))
}

const M: &str = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])";

fn patterns() -> &'static [(Regex, Kind)] {
    static P: OnceLock<Vec<(Regex, Kind)>> = OnceLock::new();
    P.get_or_init(|| {
        let y = r"(?:(\d{4})年)?";
        let before = r"(?:前|之前|以前)?";
        let mut v = Vec::new();
        let mut add = |re: String, k: Kind| {
            if let Ok(r) = Regex::new(&re) {
                v.push((r, k));
            }
        };
        add(r"(\d{4})\s*[-—–－~～至到]\s*(\d{4})年".into(), Kind::YearRange);
        add(format!(r"{y}{M}月(\d{{1,2}})[日号]{before}"), Kind::Day);
        // A table's date cell: 2020.10.31, 2020/10/31, 2020-10-31, 2020．10．31.
        add(
            format!(r"(\d{{4}})[.．/\-－](\d{{1,2}})[.．/\-－](\d{{1,2}})(?:日)?{before}"),
            Kind::Day,
        );
        add(format!(r"{y}{M}月(?:底|末|份){before}"), Kind::MonthEnd);
        // A month with its year, as a table writes it: 2020年10月, 2020.10, 2020/10.
        add(format!(r"(\d{{4}})年{M}月{before}"), Kind::MonthEnd);
        // (the dotted month only as a whole cell: 2020.5 in a sentence is a number.)
        add(
            format!(r"^\s*(\d{{4}})[.．/](\d{{1,2}})\s*{before}\s*$"),
            Kind::MonthEnd,
        );
        add(format!(r"{y}{M}月(上旬|中旬|下旬){before}"), Kind::Dekad);
        add(format!(r"{y}第?([一二三四1-4])季度(?:末)?{before}"), Kind::Quarter);
        add(format!(r"{y}(上半年|下半年)"), Kind::Half);
        add(r"(\d{4})年(?:底|末)?(?:前|之前|以前|内|完成)".into(), Kind::YearEnd);
        add(r"(?:年底|年末)(?:前|之前)?".into(), Kind::ThisYearEnd);
        add(r"^\s*全年\s*$".into(), Kind::ThisYearEnd);
        add(r"年内(?:持续推进|完成|实现)?".into(), Kind::ThisYearEnd);
        add(
            r"长期坚持|长期推进|持续推进|常态化推进|持续开展|长期开展".into(),
            Kind::Ongoing,
        );
        v
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    YearRange,
    Day,
    MonthEnd,
    Dekad,
    Quarter,
    Half,
    YearEnd,
    ThisYearEnd,
    Ongoing,
}

/// Every deadline in `s`, with its byte range, in text order; relative dates belong to `year`.
pub fn find_all(s: &str, year: i32) -> Vec<(Deadline, usize, usize)> {
    let mut found: Vec<(Deadline, usize, usize)> = Vec::new();
    for (re, kind) in patterns() {
        for c in re.captures_iter(s) {
            let Some(m) = c.get(0) else { continue };
            if found.iter().any(|(_, a, b)| m.start() < *b && *a < m.end()) {
                continue; // an earlier, more specific pattern already took these words
            }
            let g = |i: usize| c.get(i).map(|x| x.as_str());
            let yr = |i: usize| g(i).and_then(|y| y.parse::<i32>().ok()).unwrap_or(year);
            let (date, ongoing) = match kind {
                Kind::YearRange => (
                    g(2).and_then(|y| y.parse().ok())
                        .and_then(|y: i32| NaiveDate::from_ymd_opt(y, 12, 31)),
                    false,
                ),
                Kind::Day => (
                    g(2).and_then(month_number)
                        .zip(g(3).and_then(|d| d.parse::<u32>().ok()))
                        .and_then(|(m, d)| NaiveDate::from_ymd_opt(yr(1), m, d)),
                    false,
                ),
                Kind::MonthEnd => (g(2).and_then(month_number).and_then(|m| last_day(yr(1), m)), false),
                Kind::Dekad => {
                    let m = g(2).and_then(month_number);
                    let date = match (m, g(3)) {
                        (Some(m), Some("上旬")) => NaiveDate::from_ymd_opt(yr(1), m, 10),
                        (Some(m), Some("中旬")) => NaiveDate::from_ymd_opt(yr(1), m, 20),
                        (Some(m), _) => last_day(yr(1), m),
                        _ => None,
                    };
                    (date, false)
                }
                Kind::Quarter => {
                    let q = g(2).and_then(|q| "一二三四".find(q).map(|i| i / 3 + 1).or_else(|| q.parse().ok()));
                    (q.and_then(|q| last_day(yr(1), (q as u32) * 3)), false)
                }
                Kind::Half => (
                    NaiveDate::from_ymd_opt(
                        yr(1),
                        if g(2) == Some("上半年") { 6 } else { 12 },
                        if g(2) == Some("上半年") { 30 } else { 31 },
                    ),
                    false,
                ),
                Kind::YearEnd => (NaiveDate::from_ymd_opt(yr(1), 12, 31), false),
                Kind::ThisYearEnd => (NaiveDate::from_ymd_opt(year, 12, 31), false),
                Kind::Ongoing => (None, true),
            };
            if date.is_none() && !ongoing {
                continue;
            }
            found.push((
                Deadline {
                    text: m.as_str().to_string(),
                    date,
                    ongoing,
                },
                m.start(),
                m.end(),
            ));
        }
    }
    found.sort_by_key(|f| f.1);
    found
}

/// The day a spreadsheet's date number stands for (days since 30 December 1899, the 1900
/// date system Excel and LibreOffice write), when it is a day between 1990 and 2100.
pub fn from_serial(n: f64) -> Option<NaiveDate> {
    if !n.is_finite() || n < 1.0 {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_days(chrono::Days::new(n.floor() as u64))?;
    (1990..=2100).contains(&d.year()).then_some(d)
}

/// The deadline of an item: the last one written in it (an item's time limit comes last).
pub fn find(s: &str, year: i32) -> Option<(Deadline, usize, usize)> {
    find_all(s, year).into_iter().last()
}

/// A day as a deadline (for labels and the gold files): `2022-10-31` or `ongoing`.
pub fn label(d: &Deadline) -> String {
    match (d.date, d.ongoing) {
        (Some(date), _) => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        (None, true) => "ongoing".into(),
        (None, false) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> String {
        find(s, 2020).map(|(d, _, _)| label(&d)).unwrap_or_default()
    }

    #[test]
    fn the_forms_a_city_writes_its_deadlines_in() {
        let cases = [
            ("2022年10月底前完成", "2022-10-31", "year and month end"),
            ("6月底前", "2020-06-30", "month end of the plan's year"),
            ("2020年12月31日前", "2020-12-31", "a day"),
            ("十月底前", "2020-10-31", "a month in Chinese numerals"),
            ("年底前完成", "2020-12-31", "year end"),
            ("2021年底前", "2021-12-31", "a year's end"),
            ("上半年", "2020-06-30", "first half"),
            ("第三季度末", "2020-09-30", "a quarter"),
            ("9月中旬前", "2020-09-20", "a dekad"),
            ("2021—2023年", "2023-12-31", "a span of years"),
            ("年内持续推进", "2020-12-31", "within the year"),
            ("长期坚持", "ongoing", "ongoing"),
            ("持续推进", "ongoing", "ongoing"),
        ];
        for (s, want, why) in cases {
            assert_eq!(one(s), want, "{why}: {s}");
        }
    }

    #[test]
    fn the_forms_a_tables_deadline_column_holds() {
        let cases = [
            ("2020.10.31", "2020-10-31", "a dotted day"),
            ("2020/10/31", "2020-10-31", "a slashed day"),
            ("2020-10-31", "2020-10-31", "an ISO day"),
            ("2020.10", "2020-10-31", "a dotted month"),
            ("2020年10月", "2020-10-31", "a month with its year"),
            ("9月底", "2020-09-30", "a month's end without 前"),
            ("三季度", "2020-09-30", "a quarter without 第"),
            ("全年", "2020-12-31", "the whole year"),
            ("年内", "2020-12-31", "within the year"),
            ("2021年6月底前", "2021-06-30", "another year's month end"),
        ];
        for (s, want, why) in cases {
            assert_eq!(one(s), want, "{why}: {s}");
        }
        // A spreadsheet's date number: 44135 is 2020-10-31; 0 and a count are not days.
        assert_eq!(from_serial(44135.0), NaiveDate::from_ymd_opt(2020, 10, 31));
        assert_eq!(from_serial(44135.75), NaiveDate::from_ymd_opt(2020, 10, 31));
        assert_eq!(from_serial(0.0), None);
        assert_eq!(from_serial(12.0), None);
    }

    #[test]
    fn the_last_deadline_of_an_item_is_its_own() {
        assert_eq!(one("6月底前完成方案编制,10月底前全面完成"), "2020-10-31");
    }

    #[test]
    fn numbers_that_are_not_dates_are_not_deadlines() {
        assert_eq!(one("引进亿元以上项目60个"), "");
        assert_eq!(one("2020年政府工作报告"), "");
        assert_eq!(
            one("全年完成投资100亿元"),
            "",
            "全年 inside a sentence is a scope, not a deadline"
        );
        assert_eq!(
            one("增长6.5%，达到2020.5万人"),
            "",
            "a number with a decimal point is not a month"
        );
    }
}
