//! The demo city (云州市): built by code, not a SQL dump, so later capabilities can extend it.
//! `luoshi demo` calls [`build`] on a fresh database.

/// The demo city's administrative division code (its accounts' region).
pub const CITY_CODE: &str = "990100";

mod assessment;
pub mod bench_data;
mod city;
mod dispatch;
mod gen_names;
mod indicators;
mod instructions;
mod likelihood;
mod meeting;
mod orders;
mod project_reports;
mod projects;
mod prose;
mod reports;
mod rng;
mod task_forces;
mod work_report;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_store::{
    Result, Store,
    audit::{AuditEntry, append},
};

pub use city::{DEMO_PASSWORD, LEADERS, UNITS};

/// The day the demo is set on by default: the half-way day of 2020.
pub fn default_today() -> NaiveDate {
    day(2020, 6, 30)
}

/// What was built.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The city region's id.
    pub region: i64,
    /// Units created.
    pub units: usize,
    /// Tasks created, all plans.
    pub tasks: usize,
    /// Reports created.
    pub reports: usize,
    /// One login per role: (role, user name, password).
    pub logins: Vec<(String, String, String)>,
}

/// Builds the demo city in one transaction on a migrated, empty store, as of `today`:
/// reports due later and completions approved later are not written.
/// `password_hash` is the argon2 hash of [`DEMO_PASSWORD`], given by the caller so this crate
/// needs no hashing of its own.
pub async fn build(store: &Store, password_hash: &str, today: NaiveDate, now: DateTime<Utc>) -> Result<Summary> {
    let mut tx = store.begin().await?;
    let city = city::build(&mut tx, password_hash, now).await?;
    // The official 2020 holidays: a report due on a holiday is due on the next working day.
    let days = luoshi_domain::parse_calendar(luoshi_domain::calendar::CHINA_2020).unwrap_or_default();
    luoshi_store::calendar::replace_year(&mut tx, city.region, 2020, &days).await?;
    let (mut tasks, mut reports) = (0, 0);
    let (t, r) = work_report::build(&mut tx, &city, today, now).await?;
    tasks += t;
    reports += r;
    let (t, r) = meeting::build(&mut tx, &city, today, now).await?;
    tasks += t;
    reports += r;
    let office = luoshi_store::user::user_by_username(&mut tx, city.region, "duchashi")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let orders = orders::build(&mut tx, &city, office).await?;
    let instructions = instructions::build(&mut tx, &city, office).await?;
    let built = projects::build(&mut tx, &city, office, now).await?;
    let projects = built.len();
    let project_reports = project_reports::build(&mut tx, &city, office, &built, today).await?;
    tasks += dispatch::build(&mut tx, &city, office, &built).await?;
    let indicators = indicators::build(&mut tx, &city, office).await?;
    tasks += task_forces::build(&mut tx, &city, office, &built, &indicators).await?;
    likelihood::build(&mut tx, &city, office, today, now).await?;
    assessment::records(&mut tx, &city, office, now).await?;
    assessment::build(&mut tx, &city, office, now).await?;
    append(
        &mut tx,
        city.region,
        &AuditEntry {
            actor_id: None,
            actor: "演示数据",
            action: "demo.seed",
            entity: "region",
            entity_id: Some(city.region),
            before: None,
            after: Some(
                serde_json::json!({ "units": city.units.len(), "tasks": tasks, "reports": reports, "orders": orders, "instructions": instructions, "projects": projects, "project_reports": project_reports, "indicators": indicators.len() })
                    .to_string(),
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Summary {
        region: city.region,
        units: city.units.len(),
        tasks,
        reports,
        logins: city.logins,
    })
}

/// A calendar day; the demo only uses days that exist.
pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// `hour` o'clock China time on day `d`, as an instant.
pub(crate) fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    use chrono::{Offset, TimeZone};
    let cst = chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix());
    cst.from_local_datetime(&d.and_hms_opt(hour, 0, 0).unwrap_or_default())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}
