//! A figure as statistics publish it: a fixed-point number in ten-thousandths, so sums and
//! shares are exact, typed with at most four decimals and shown with the indicator's own number
//! of decimals; shares and points in tenths of a percent, rounded half away from zero as
//! published (52.14 → 52.1, 52.15 → 52.2).

use crate::project::money::grouped;

/// A number in ten-thousandths (`Figure(453_000)` is 45.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Figure(pub i64);

/// A share or a number of points in tenths of a percent (`Tenths(521)` is 52.1%).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Tenths(pub i64);

/// Why a typed figure is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureError {
    /// Not a number (or more than four decimals).
    NotANumber,
    /// Larger than any indicator (a hundred million million).
    TooLarge,
}

/// The scale: ten-thousandths.
pub const SCALE: i64 = 10_000;

impl Figure {
    /// Reads a number as typed: `45.3`, `-1.2`, `1,234.5`, `6.3%`; at most four decimals.
    pub fn parse(s: &str) -> Result<Figure, FigureError> {
        let t = s.trim().trim_end_matches(['%', '％']).trim().replace([',', '，'], "");
        let (neg, t) = match t.strip_prefix(['-', '－']) {
            Some(rest) => (true, rest.to_string()),
            None => (false, t.trim_start_matches('+').to_string()),
        };
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || frac.len() > 4 || !digits(frac) {
            return Err(FigureError::NotANumber);
        }
        if whole.len() > 14 {
            return Err(FigureError::TooLarge);
        }
        let whole: i64 = whole.parse().map_err(|_| FigureError::NotANumber)?;
        let frac: i64 = format!("{frac:0<4}").parse().map_err(|_| FigureError::NotANumber)?;
        let v = whole * SCALE + frac;
        Ok(Figure(if neg { -v } else { v }))
    }

    /// `n` whole units.
    pub fn whole(n: i64) -> Figure {
        Figure(n * SCALE)
    }

    /// With `decimals` decimals (0 to 4), rounded half away from zero: `45.3`, `1,234`.
    pub fn text(self, decimals: u32) -> String {
        let d = decimals.min(4);
        let step = 10_i64.pow(4 - d);
        let rounded = div_round(self.0 as i128, step as i128) as i64;
        let sign = if rounded < 0 { "-" } else { "" };
        let a = rounded.unsigned_abs();
        let unit = 10_u64.pow(d);
        let whole = grouped(a / unit);
        if d == 0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{:0w$}", a % unit, w = d as usize)
        }
    }

    /// As typed back into a form: every decimal there is, no separators (`45.3`, `-1.25`).
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let frac = format!("{:04}", a % SCALE as u64);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{sign}{}", a / SCALE as u64)
        } else {
            format!("{sign}{}.{frac}", a / SCALE as u64)
        }
    }

    /// `self` as a share of `whole`, in tenths of a percent (`None` when `whole` is zero).
    pub fn share_of(self, whole: Figure) -> Option<Tenths> {
        (whole.0 != 0).then(|| Tenths(div_round(self.0 as i128 * 1000, whole.0 as i128) as i64))
    }

    /// The growth of `self` over `last_year`, in percent as a figure (`(self / last − 1) × 100`);
    /// `None` when last year's figure is not above zero.
    pub fn growth_over(self, last_year: Figure) -> Option<Figure> {
        (last_year.0 > 0).then(|| {
            let diff = self.0 as i128 - last_year.0 as i128;
            Figure(div_round(diff * 100 * SCALE as i128, last_year.0 as i128) as i64)
        })
    }

    /// Rounded to tenths (a rate as published: 6.25 → 6.3).
    pub fn tenths(self) -> Tenths {
        Tenths(div_round(self.0 as i128, (SCALE / 10) as i128) as i64)
    }
}

impl Tenths {
    /// With one decimal: `52.1`, `-1.2`.
    pub fn text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{}", self.0.abs() / 10, self.0.abs() % 10)
    }

    /// Without its sign, with one decimal.
    pub fn abs_text(self) -> String {
        Tenths(self.0.abs()).text()
    }
}

/// `n / d` rounded half away from zero.
pub(crate) fn div_round(n: i128, d: i128) -> i128 {
    let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
    if n >= 0 {
        (2 * n + d) / (2 * d)
    } else {
        -((-2 * n + d) / (2 * d))
    }
}
