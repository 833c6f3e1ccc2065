//! Money as the government counts it: in 万元 with two decimals, stored as a whole number of
//! hundredths of 万元 (百元) so sums are exact; shown in 万元 or in 亿元 with two decimals.

use std::fmt::Write;

/// An amount in hundredths of 万元 (百元).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Wan(pub i64);

/// Why a typed amount is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a number (or more than two decimals).
    NotANumber,
    /// Below zero.
    Negative,
    /// Larger than any project (a thousand 亿元).
    TooLarge,
}

/// The largest amount accepted: 1,000 亿元.
pub const MAX: Wan = Wan(1_000 * 10_000 * 100);

impl Wan {
    /// `n` whole 万元.
    pub fn whole(n: i64) -> Wan {
        Wan(n * 100)
    }

    /// `n` 亿元 given in hundredths (`yi_cents(2878)` is 28.78 亿元).
    pub fn yi_cents(n: i64) -> Wan {
        Wan(n * 10_000)
    }

    /// Reads an amount in 万元 as typed: `2300`, `2,300.5`, `2300.55万元`; no sign, at most two
    /// decimals.
    pub fn parse(s: &str) -> Result<Wan, MoneyError> {
        let t = s
            .trim()
            .trim_end_matches("万元")
            .trim_end_matches('万')
            .trim()
            .replace([',', '，'], "");
        if t.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber);
        }
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let whole: i64 = whole.parse().map_err(|_| MoneyError::NotANumber)?;
        let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| MoneyError::NotANumber)?;
        let v = Wan(whole * 100 + cents);
        if v > MAX {
            return Err(MoneyError::TooLarge);
        }
        Ok(v)
    }

    /// In 万元 with thousands separated and decimals only where there are any: `2,300`,
    /// `2,300.5`, `0.25`.
    pub fn wan_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let mut out = format!("{sign}{}", grouped(a / 100));
        match a % 100 {
            0 => {}
            c if c.is_multiple_of(10) => {
                let _ = write!(out, ".{}", c / 10);
            }
            c => {
                let _ = write!(out, ".{c:02}");
            }
        }
        out
    }

    /// In 亿元 with two decimals, rounded half up: `28.78`.
    pub fn yi_text(self) -> String {
        let cents = (self.0 as i128 * 100 + if self.0 >= 0 { 500_000 } else { -500_000 }) / 1_000_000;
        let sign = if cents < 0 { "-" } else { "" };
        let a = cents.unsigned_abs();
        format!("{sign}{}.{:02}", grouped((a / 100) as u64), a % 100)
    }

    /// The share `self` is of `of`, in hundredths of a percent, rounded half up (`15147` is
    /// 151.47%); `None` when `of` is zero.
    pub fn share_of(self, of: Wan) -> Option<i64> {
        if of.0 == 0 {
            return None;
        }
        let num = self.0 as i128 * 10_000;
        let den = of.0 as i128;
        Some(((2 * num + den) / (2 * den)) as i64)
    }
}

impl std::ops::Add for Wan {
    type Output = Wan;
    fn add(self, o: Wan) -> Wan {
        Wan(self.0 + o.0)
    }
}

impl std::ops::Sub for Wan {
    type Output = Wan;
    fn sub(self, o: Wan) -> Wan {
        Wan(self.0 - o.0)
    }
}

impl std::iter::Sum for Wan {
    fn sum<I: Iterator<Item = Wan>>(iter: I) -> Wan {
        Wan(iter.map(|w| w.0).sum())
    }
}

/// Hundredths of a percent as text with two decimals: `151.47`.
pub fn percent_text(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// `n` with its thousands separated by commas.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
