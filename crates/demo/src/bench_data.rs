//! Benchmark data (`luoshi gen`): a city of ≈100 units with ten plans of 2,000 tasks in three
//! levels, monthly reports from January to the deadline day, light history and a user for every
//! unit, a thousand key projects with a year of monthly reports — or a province of fifteen such
//! cities. Reproducible from a seed; written with
//! multi-row inserts in one transaction, so a city takes seconds.

mod indicators;
mod plan;
mod projects;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_store::{
    Result, Store, Tx,
    bulk::{self, Val},
};
use plan::plan;

use crate::{
    day,
    gen_names::{CITIES, COUNTIES, DEPARTMENTS, GIVEN, LEADERS, SURNAMES, ZONES},
    rng::Rng,
};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// One city.
    City,
    /// A province of fifteen cities.
    Province,
}

/// The shape of the data: cities, and per city plans of `top` × `middle` × `leaves` tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Cities (more than one: a province above them).
    pub cities: usize,
    /// Plans per city.
    pub plans: usize,
    /// Top-level tasks per plan.
    pub top: usize,
    /// Second-level tasks under each.
    pub middle: usize,
    /// Third-level tasks under each of those.
    pub leaves: usize,
}

impl Size {
    /// A city: 10 plans of 40 × 7 × 6 (2,000 tasks each); a province: fifteen of them.
    pub fn shape(self) -> Shape {
        let city = Shape {
            cities: 1,
            plans: 10,
            top: 40,
            middle: 7,
            leaves: 6,
        };
        match self {
            Size::City => city,
            Size::Province => Shape {
                cities: CITIES.len(),
                ..city
            },
        }
    }
}

/// The day the data is generated for: December's reports are due today (the deadline day).
pub fn default_today() -> NaiveDate {
    day(2020, 12, 25)
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct GenSummary {
    /// City regions.
    pub cities: usize,
    /// Units.
    pub units: usize,
    /// Users.
    pub users: usize,
    /// Plans.
    pub plans: usize,
    /// Tasks.
    pub tasks: usize,
    /// Reports.
    pub reports: usize,
    /// Light history rows.
    pub snapshots: usize,
    /// Key projects.
    pub projects: usize,
    /// Their monthly reports.
    pub project_reports: usize,
    /// Indicators.
    pub indicators: usize,
    /// Their figures.
    pub indicator_figures: usize,
    /// Logins, one per role of the first city: (role, user name).
    pub logins: Vec<(String, String)>,
}

/// Rows collected for one table.
struct Rows {
    table: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<Val>>,
}

impl Rows {
    fn new(table: &'static str, cols: &'static [&'static str]) -> Rows {
        Rows {
            table,
            cols,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<Val>) {
        self.rows.push(row);
    }

    async fn flush(&mut self, tx: &mut Tx) -> Result<usize> {
        let n = self.rows.len();
        bulk::insert(tx, self.table, self.cols, &self.rows).await?;
        self.rows.clear();
        Ok(n)
    }
}

/// Next ids of the tables whose rows others refer to.
struct Ids {
    region: i64,
    unit: i64,
    unit_name: i64,
    leader: i64,
    user: i64,
    plan: i64,
    task: i64,
    report: i64,
    project_category: i64,
    project: i64,
    project_report: i64,
    indicator: i64,
    indicator_actual: i64,
}

impl Ids {
    fn take(n: &mut i64) -> i64 {
        let v = *n;
        *n += 1;
        v
    }
}

/// Fills an empty, migrated database with benchmark data as of `today` (reports are written
/// for every monthly period up to today's); `password_hash` is every account's password.
pub async fn generate(
    store: &Store,
    password_hash: &str,
    shape: Shape,
    seed: u64,
    today: NaiveDate,
) -> Result<GenSummary> {
    let mut tx = store.begin().await?;
    let mut ids = Ids {
        region: bulk::next_id(&mut tx, "region").await?,
        unit: bulk::next_id(&mut tx, "unit").await?,
        unit_name: bulk::next_id(&mut tx, "unit_name").await?,
        leader: bulk::next_id(&mut tx, "leader").await?,
        user: bulk::next_id(&mut tx, "app_user").await?,
        plan: bulk::next_id(&mut tx, "plan").await?,
        task: bulk::next_id(&mut tx, "task").await?,
        report: bulk::next_id(&mut tx, "report").await?,
        project_category: bulk::next_id(&mut tx, "project_category").await?,
        project: bulk::next_id(&mut tx, "project").await?,
        project_report: bulk::next_id(&mut tx, "project_report").await?,
        indicator: bulk::next_id(&mut tx, "indicator").await?,
        indicator_actual: bulk::next_id(&mut tx, "indicator_actual").await?,
    };
    let now = today.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
    let mut rng = Rng::new(seed);
    let mut summary = GenSummary::default();
    let cities = shape.cities.max(1);
    let size = if cities > 1 { Size::Province } else { Size::City };
    let mut regions = Rows::new("region", &["id", "parent_id", "level", "code", "name", "created_at"]);
    let province = match size {
        Size::City => None,
        Size::Province => {
            let id = Ids::take(&mut ids.region);
            regions.push(vec![
                id.into(),
                None::<i64>.into(),
                "province".into(),
                "980000".into(),
                "河东省".into(),
                now.into(),
            ]);
            Some(id)
        }
    };
    regions.flush(&mut tx).await?;
    for c in 0..cities {
        let at = Place {
            province,
            c,
            size,
            shape,
        };
        city(&mut tx, &mut ids, &mut rng, &mut summary, at, password_hash, today, now).await?;
    }
    bulk::reset_ids(
        &mut tx,
        &[
            "region",
            "unit",
            "unit_name",
            "leader",
            "app_user",
            "plan",
            "task",
            "report",
            "project_category",
            "project",
            "project_report",
            "indicator",
            "indicator_actual",
        ],
    )
    .await?;
    tx.commit().await?;
    bulk::analyze(store).await?;
    Ok(summary)
}

/// A user name: plain in a city, prefixed by the city's number in a province.
fn login(size: Size, c: usize, name: &str) -> String {
    match size {
        Size::City => name.to_string(),
        Size::Province => format!("c{:02}_{name}", c + 1),
    }
}

/// Which city is being generated, and how big.
#[derive(Debug, Clone, Copy)]
struct Place {
    province: Option<i64>,
    c: usize,
    size: Size,
    shape: Shape,
}

#[allow(clippy::too_many_arguments)]
async fn city(
    tx: &mut Tx,
    ids: &mut Ids,
    rng: &mut Rng,
    summary: &mut GenSummary,
    at: Place,
    password_hash: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let Place {
        province,
        c,
        size,
        shape,
    } = at;
    let region = Ids::take(&mut ids.region);
    let name = CITIES.get(c).copied().unwrap_or("云州市");
    let mut regions = Rows::new("region", &["id", "parent_id", "level", "code", "name", "created_at"]);
    regions.push(vec![
        region.into(),
        province.into(),
        "city".into(),
        format!("98{:02}00", c + 1).into(),
        name.into(),
        now.into(),
    ]);
    regions.flush(tx).await?;
    summary.cities += 1;
    let days = luoshi_domain::parse_calendar(luoshi_domain::calendar::CHINA_2020).unwrap_or_default();
    luoshi_store::calendar::replace_year(tx, region, 2020, &days).await?;

    // Units: the two offices, the departments, the counties and the zones.
    let since = day(2019, 1, 1);
    let mut units = Rows::new("unit", &["id", "region_id", "category", "sort", "created_on"]);
    let mut names = Rows::new(
        "unit_name",
        &["id", "region_id", "unit_id", "name", "short_name", "valid_from"],
    );
    let mut all: Vec<(i64, &str, String)> = Vec::new();
    let mut add = |cat: &'static str, full: String, short: String| {
        let id = Ids::take(&mut ids.unit);
        units.push(vec![
            id.into(),
            region.into(),
            cat.into(),
            (all.len() as i64).into(),
            since.into(),
        ]);
        names.push(vec![
            Ids::take(&mut ids.unit_name).into(),
            region.into(),
            id.into(),
            full.clone().into(),
            short.into(),
            since.into(),
        ]);
        all.push((id, cat, full));
    };
    add("office", "市人民政府办公室".into(), "市政府办".into());
    add("office", "市政府督查室".into(), "督查室".into());
    for (full, short) in DEPARTMENTS {
        add("department", (*full).into(), (*short).into());
    }
    for county in COUNTIES {
        add("county", (*county).into(), (*county).into());
    }
    for zone in ZONES {
        add("zone", (*zone).into(), (*zone).into());
    }
    summary.units += units.flush(tx).await?;
    names.flush(tx).await?;
    let office_unit = all.get(1).map(|u| u.0).unwrap_or_default();
    // The units that lead tasks: every department, county and zone.
    let leads: Vec<i64> = all.iter().filter(|u| u.1 != "office").map(|u| u.0).collect();

    // Leaders, each overseeing a share of the units.
    let mut leaders = Rows::new("leader", &["id", "region_id", "name", "title", "portfolio", "sort"]);
    let mut leader_ids = Vec::new();
    for (i, (title, portfolio)) in LEADERS.iter().enumerate() {
        let id = Ids::take(&mut ids.leader);
        let person = format!(
            "{}{}",
            rng.pick(SURNAMES).copied().unwrap_or("王"),
            rng.pick(GIVEN).copied().unwrap_or("建国")
        );
        leaders.push(vec![
            id.into(),
            region.into(),
            person.into(),
            (*title).into(),
            (*portfolio).into(),
            (i as i64).into(),
        ]);
        leader_ids.push(id);
    }
    leaders.flush(tx).await?;
    let mut oversight = Rows::new("leader_unit", &["region_id", "leader_id", "unit_id"]);
    let vice = leader_ids.get(1..7).unwrap_or(&leader_ids).to_vec();
    let mut overseer = std::collections::HashMap::new();
    for (i, u) in leads.iter().enumerate() {
        let l = vice.get(i % vice.len().max(1)).copied().unwrap_or_default();
        overseer.insert(*u, l);
        oversight.push(vec![region.into(), l.into(), (*u).into()]);
    }
    oversight.flush(tx).await?;

    // Users: the office, every leader, one contact per unit.
    let user_cols: &'static [&'static str] = &[
        "id",
        "region_id",
        "username",
        "display_name",
        "password_hash",
        "role",
        "unit_id",
        "leader_id",
        "created_at",
        "password_changed_at",
    ];
    let mut users = Rows::new("app_user", user_cols);
    // The office's account is the first made.
    let office_user = ids.user;
    let mut user = |username: String, display: String, role: &str, unit: Option<i64>, leader: Option<i64>| {
        let id = Ids::take(&mut ids.user);
        users.push(vec![
            id.into(),
            region.into(),
            username.into(),
            display.into(),
            password_hash.into(),
            role.into(),
            unit.into(),
            leader.into(),
            now.into(),
            now.into(),
        ]);
    };
    let sup = login(size, c, "duchashi");
    user(sup.clone(), "督查室".into(), "supervisor", Some(office_unit), None);
    for (i, l) in leader_ids.iter().enumerate() {
        user(
            login(size, c, &format!("leader{}", i + 1)),
            format!("领导{}", i + 1),
            "leader",
            None,
            Some(*l),
        );
    }
    for (i, u) in all.iter().enumerate() {
        user(
            login(size, c, &format!("u{:03}", i + 1)),
            u.2.clone(),
            "unit_user",
            Some(u.0),
            None,
        );
    }
    summary.users += users.flush(tx).await?;
    if c == 0 {
        summary.logins = vec![
            ("supervisor".into(), sup),
            ("leader (mayor)".into(), login(size, c, "leader1")),
            ("unit user".into(), login(size, c, "u003")),
        ];
    }

    for p in 0..shape.plans {
        plan(tx, ids, rng, summary, (region, p, shape), &leads, &overseer, today, now).await?;
    }
    let places: Vec<i64> = all
        .iter()
        .filter(|u| u.1 == "county" || u.1 == "zone")
        .map(|u| u.0)
        .collect();
    let owners = projects::Owners {
        leads: &leads,
        places: &places,
        leaders: &vice,
        office_user,
    };
    projects::projects(tx, ids, rng, summary, region, &owners, today).await?;
    let who = (region, leads.as_slice(), vice.as_slice(), office_user);
    indicators::indicators(tx, ids, rng, summary, who, today).await?;
    Ok(())
}
