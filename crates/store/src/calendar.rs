//! The region's working-day calendar: holidays and make-up working days, kept per year.

use chrono::{Datelike, NaiveDate};
use luoshi_domain::{DayKind, WorkCalendar};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// One exception to the Monday-to-Friday week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CalendarDay {
    /// The day.
    pub day: NaiveDate,
    /// Holiday or workday.
    #[sqlx(try_from = "crate::code::Code<DayKind>")]
    pub kind: DayKind,
    /// The holiday's name.
    pub name: String,
}

/// Every exception of the region, in date order.
pub async fn calendar_days(conn: &mut Conn, region: RegionId) -> Result<Vec<CalendarDay>> {
    Ok(fetch_all!(
        conn,
        CalendarDay,
        "SELECT day, kind, name FROM calendar_day WHERE region_id = $1 ORDER BY day",
        region
    )?)
}

/// The region's calendar, ready for the rules.
pub async fn work_calendar(conn: &mut Conn, region: RegionId) -> Result<WorkCalendar> {
    let days = calendar_days(conn, region).await?;
    Ok(WorkCalendar::new(
        days.into_iter().map(|d| (d.day, d.kind)).collect::<Vec<_>>(),
    ))
}

/// Replaces the exceptions of `year` with `days` (all of which must fall in that year).
pub async fn replace_year(
    tx: &mut Tx,
    region: RegionId,
    year: i32,
    days: &[(NaiveDate, DayKind, String)],
) -> Result<usize> {
    let (first, last) = match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(f), Some(l)) => (f, l),
        _ => return Err(StoreError::Config(format!("year {year} is out of range"))),
    };
    execute!(
        tx,
        "DELETE FROM calendar_day WHERE region_id = $1 AND day >= $2 AND day <= $3",
        region,
        first,
        last
    )?;
    let mut n = 0;
    for (day, kind, name) in days.iter().filter(|(d, _, _)| d.year() == year) {
        execute!(
            tx,
            "INSERT INTO calendar_day (region_id, day, kind, name) VALUES ($1, $2, $3, $4)
             ON CONFLICT (region_id, day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
            region,
            *day,
            kind.code(),
            name.as_str()
        )?;
        n += 1;
    }
    Ok(n)
}
