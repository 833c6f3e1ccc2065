//! A ledger's cells read as what they hold: a month as governments write it (2020-03,
//! 2020.3, 2020年3月, a date, an Excel date number), money without a float's noise
//! (2300.4999999 → 2300.5), and the month a ledger reports on from its title rows.

use chrono::Datelike;

use crate::deadline::from_serial;

/// The year and month a cell names: `2020-03`, `2020-3-15`, `2020.3`, `2020/03/15`, `2020年3月`,
/// `2020年3月15日`, `2020年3月底`, or an Excel date number.
pub fn month_cell(s: &str) -> Option<(i32, u32)> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<f64>()
        && n > 1000.0
    {
        // 2020.03 is a month, 43891 a date number.
        if !(1990.0..=2100.99).contains(&n) {
            return from_serial(n).map(|d| (d.year(), d.month()));
        }
    }
    // 2020.10 typed in a number cell is kept as 2020.1: January or October cannot be told.
    if let Some((y, m)) = t.split_once('.')
        && y.len() == 4
        && m == "1"
    {
        return None;
    }
    let t = t
        .trim_end_matches(['日', '号'])
        .trim_end_matches("底前")
        .trim_end_matches(['底', '初', '中']);
    let parts: Vec<&str> = t
        .split(['-', '.', '/', '年', '月'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    ((1990..=2100).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

/// Money as a cell gives it, with a float's noise rounded away (`2300.4999999999` →
/// `2300.5`); anything else as written.
pub fn money_cell(s: &str) -> String {
    let t = s.trim();
    let decimals = t.split_once('.').map_or(0, |(_, f)| f.len());
    match t.parse::<f64>() {
        Ok(f) if decimals > 2 && f.is_finite() && ((f * 100.0).round() - f * 100.0).abs() < 1e-6 => {
            let v = format!("{:.2}", (f * 100.0).round() / 100.0);
            v.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => t.to_string(),
    }
}

/// The month a ledger's title rows name (2020年重点项目台账（2020年5月）, 2020年5月项目台账,
/// 2020年重点项目台账（5月）).
pub fn ledger_month(above: &[String]) -> Option<(i32, u32)> {
    let text = above.join(" ");
    let chars: Vec<char> = text.chars().collect();
    let number = |from: usize| -> (String, usize) {
        let mut n = String::new();
        let mut i = from;
        while i < chars.len() && chars[i].is_ascii_digit() {
            n.push(chars[i]);
            i += 1;
        }
        (n, i)
    };
    let mut year = None;
    let mut i = 0;
    while i < chars.len() {
        let (n, end) = number(i);
        if n.is_empty() {
            i += 1;
            continue;
        }
        match chars.get(end) {
            Some('年') if n.len() == 4 => year = n.parse::<i32>().ok(),
            Some('月') if n.len() <= 2 => {
                if let (Some(y), Ok(m)) = (year, n.parse::<u32>())
                    && (1..=12).contains(&m)
                {
                    return Some((y, m));
                }
            }
            _ => {}
        }
        i = end.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_as_ledgers_write_them() {
        for (s, want) in [
            ("2020-03", Some((2020, 3))),
            ("2020-3", Some((2020, 3))),
            ("2020-03-15", Some((2020, 3))),
            ("2020.3", Some((2020, 3))),
            ("2020.1", None),
            ("2020.01", Some((2020, 1))),
            ("2020.10", Some((2020, 10))),
            ("2020/03/15", Some((2020, 3))),
            ("2020年3月", Some((2020, 3))),
            ("2020年3月15日", Some((2020, 3))),
            ("2020年3月底", Some((2020, 3))),
            ("43891", Some((2020, 3))),
            ("2020", None),
            ("2020-13", None),
            ("三月", None),
            ("", None),
        ] {
            assert_eq!(month_cell(s), want, "{s}");
        }
    }

    #[test]
    fn money_loses_a_floats_noise_only() {
        assert_eq!(money_cell("2300.4999999999"), "2300.5");
        assert_eq!(money_cell("0.30000000000000004"), "0.3");
        assert_eq!(money_cell("140160"), "140160");
        assert_eq!(money_cell("2,300.5"), "2,300.5");
        assert_eq!(money_cell("1.234"), "1.234", "three decimals typed stay wrong");
    }

    #[test]
    fn the_month_a_title_names() {
        let t = |s: &str| ledger_month(&[s.to_string()]);
        assert_eq!(t("2020年重点项目台账（2020年5月）"), Some((2020, 5)));
        assert_eq!(t("2020年重点项目台账（5月）"), Some((2020, 5)));
        assert_eq!(t("2020年5月份重点项目推进情况表"), Some((2020, 5)));
        assert_eq!(t("重点项目台账"), None);
    }
}
