//! The server's clock: the system clock, or a fixed day for demos and tests (`--today`).
//! Rules never read it directly; handlers pass `today` to them.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};

/// China Standard Time: the day a user in the city sees on the wall.
pub fn cst() -> FixedOffset {
    // Eight hours east is always in range; UTC is only an unreachable fallback.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The machine's clock.
    System,
    /// A fixed day; the time of day still moves, so sessions and logs keep their order.
    Fixed(NaiveDate),
}

impl Clock {
    /// Today in China Standard Time.
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Utc::now().with_timezone(&cst()).date_naive(),
            Clock::Fixed(d) => *d,
        }
    }

    /// Now: the real instant, or the fixed day at the real time of day.
    pub fn now(&self) -> DateTime<Utc> {
        let real = Utc::now();
        match self {
            Clock::System => real,
            Clock::Fixed(d) => {
                let local_time = real.with_timezone(&cst()).time();
                cst()
                    .from_local_datetime(&d.and_time(local_time))
                    .single()
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or(real)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_reports_its_day_in_china_time() {
        let d = NaiveDate::from_ymd_opt(2020, 6, 30).unwrap();
        let c = Clock::Fixed(d);
        assert_eq!(c.today(), d);
        assert_eq!(c.now().with_timezone(&cst()).date_naive(), d);
    }
}
