//! Time progress (序时进度) of an indicator's year at the end of a month: linear — each month a
//! twelfth, the convention of the published reports (6月末 50.0%) —, by calendar days (leap
//! years counted: 1–2月 is 60/366 of 2020 and 59/365 of 2021), or by a monthly profile the
//! office sets, e.g. investment back-loaded (1–6月 45%).

use chrono::{Datelike, NaiveDate};

use super::Tenths;
use super::figure::div_round;
use crate::project::Month;

/// How time progress runs through the year.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "profile", content = "shares", rename_all = "snake_case")]
pub enum Profile {
    /// Each month a twelfth.
    #[default]
    Linear,
    /// Each month its share of the year's days.
    Days,
    /// The share of the year expected by the end of each month, January to December, in
    /// tenths of a percent, rising to 1000 in December.
    Monthly(Vec<i64>),
}

/// Why a typed profile is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileError {
    /// Not twelve numbers.
    NotTwelve,
    /// A number is not a percent with at most one decimal, or falls below the month before.
    NotRising,
    /// December is not 100.
    NotWhole,
}

impl Profile {
    /// Time progress at the end of `month`, in tenths of a percent, rounded as published.
    pub fn at(&self, month: Month) -> Tenths {
        let m = month.month.clamp(1, 12);
        match self {
            Profile::Linear => Tenths(div_round(m as i128 * 1000, 12) as i64),
            Profile::Days => {
                let gone = month.next().first_day() - Month::new(month.year, 1).unwrap_or(month).first_day();
                Tenths(div_round(gone.num_days() as i128 * 1000, days_in_year(month.year) as i128) as i64)
            }
            Profile::Monthly(shares) => Tenths(shares.get(m as usize - 1).copied().unwrap_or(1000)),
        }
    }

    /// Time progress on day `d` of its year (the share of the year's days gone by the end of
    /// `d`), for the dashboard's marker: leap years counted.
    pub fn on_day(d: NaiveDate) -> Tenths {
        Tenths(div_round(d.ordinal() as i128 * 1000, days_in_year(d.year()) as i128) as i64)
    }

    /// Reads a profile as the office types it: empty or `linear` (按月平均), `days` (按天数), or
    /// twelve cumulative percents `5,10,18,…,100`.
    pub fn parse(s: &str) -> Result<Profile, ProfileError> {
        let t = s.trim();
        match t {
            "" | "linear" | "按月平均" => return Ok(Profile::Linear),
            "days" | "按天数" => return Ok(Profile::Days),
            _ => {}
        }
        let parts: Vec<&str> = t.split([',', '，', ' ', '、']).filter(|p| !p.is_empty()).collect();
        if parts.len() != 12 {
            return Err(ProfileError::NotTwelve);
        }
        let mut shares = Vec::with_capacity(12);
        for p in parts {
            let f = super::Figure::parse(p).map_err(|_| ProfileError::NotRising)?;
            if f.0 % 1000 != 0 || f.0 < 0 || f.0 > 100 * super::figure::SCALE {
                return Err(ProfileError::NotRising);
            }
            let tenths = f.0 / 1000;
            if shares.last().is_some_and(|&last| tenths < last) {
                return Err(ProfileError::NotRising);
            }
            shares.push(tenths);
        }
        if shares.last() != Some(&1000) {
            return Err(ProfileError::NotWhole);
        }
        Ok(Profile::Monthly(shares))
    }

    /// As the form shows it back: `linear`, `days`, or the twelve percents.
    pub fn code(&self) -> String {
        match self {
            Profile::Linear => "linear".into(),
            Profile::Days => "days".into(),
            Profile::Monthly(shares) => shares
                .iter()
                .map(|t| Tenths(*t).text().trim_end_matches(".0").to_string())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Its name: `按月平均` / `linear`.
    pub fn name(&self, lang: crate::Lang) -> &'static str {
        match self {
            Profile::Linear => lang.pick("按月平均", "Linear by month"),
            Profile::Days => lang.pick("按天数", "By days"),
            Profile::Monthly(_) => lang.pick("按月度分解", "By monthly profile"),
        }
    }
}

/// 366 in a leap year, else 365.
pub fn days_in_year(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}
