//! Benchmark data (`luoshi gen`): a city of ≈100 units with ten plans of 2,000 tasks in three
//! levels, monthly reports from January to the deadline day, light history and a user for every
//! unit — or a province of fifteen such cities. Reproducible from a seed; written with
//! multi-row inserts in one transaction, so a city takes seconds.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use luoshi_domain::{Light, Reason};
use luoshi_store::{
    Result, Store, Tx,
    bulk::{self, Val},
};

use crate::{
    day,
    gen_names::{CITIES, COUNTIES, DEPARTMENTS, DOMAINS, GIVEN, LEADERS, SURNAMES, ZONES},
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
    leader: i64,
    user: i64,
    plan: i64,
    task: i64,
    report: i64,
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
        leader: bulk::next_id(&mut tx, "leader").await?,
        user: bulk::next_id(&mut tx, "app_user").await?,
        plan: bulk::next_id(&mut tx, "plan").await?,
        task: bulk::next_id(&mut tx, "task").await?,
        report: bulk::next_id(&mut tx, "report").await?,
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
        &["region_id", "unit_id", "name", "short_name", "valid_from"],
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
    ];
    let mut users = Rows::new("app_user", user_cols);
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
    Ok(())
}

const PLAN_TITLES: &[&str] = &[
    "2020年《政府工作报告》重点工作任务分解",
    "2020年市政府常务会议议定事项",
    "2020年重点工程项目建设计划",
    "2020年民生实事",
    "2020年营商环境优化提升行动",
    "2020年生态环境保护攻坚行动",
    "2020年安全生产专项整治三年行动",
    "2020年乡村振兴重点任务",
    "2020年城市更新行动",
    "2020年领导批示事项",
];

/// Month-end of `m` in 2020.
fn month_end(m: u32) -> NaiveDate {
    if m >= 12 {
        day(2020, 12, 31)
    } else {
        day(2020, m + 1, 1) - Duration::days(1)
    }
}

#[allow(clippy::too_many_arguments)]
async fn plan(
    tx: &mut Tx,
    ids: &mut Ids,
    rng: &mut Rng,
    summary: &mut GenSummary,
    (region, p, shape): (i64, usize, Shape),
    leads: &[i64],
    overseer: &std::collections::HashMap<i64, i64>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let plan_id = Ids::take(&mut ids.plan);
    let start = day(2020, 1, 1);
    let mut plans = Rows::new(
        "plan",
        &[
            "id",
            "region_id",
            "kind",
            "title",
            "doc_no",
            "issued_on",
            "year",
            "created_at",
            "updated_at",
        ],
    );
    plans.push(vec![
        plan_id.into(),
        region.into(),
        if p == 0 { "work_report" } else { "meeting" }.into(),
        PLAN_TITLES.get(p).copied().unwrap_or("2020年重点工作").into(),
        format!("政发〔2020〕{}号", p + 1).into(),
        start.into(),
        2020i64.into(),
        now.into(),
        now.into(),
    ]);
    summary.plans += plans.flush(tx).await?;

    let task_cols: &'static [&'static str] = &[
        "id",
        "region_id",
        "plan_id",
        "parent_id",
        "seq",
        "title",
        "lead_unit_id",
        "leader_id",
        "start",
        "due",
        "cycle",
        "cycle_due_day",
        "weight",
        "domain",
        "public",
        "done_on",
        "created_at",
        "updated_at",
    ];
    let mut tasks = Rows::new("task", task_cols);
    let mut co = Rows::new("task_co_unit", &["region_id", "task_id", "unit_id"]);
    let mut reports = Rows::new(
        "report",
        &[
            "id",
            "region_id",
            "task_id",
            "unit_id",
            "period",
            "status",
            "progress",
            "content",
            "submitted_at",
            "reviewed_at",
            "created_at",
            "updated_at",
        ],
    );
    let mut snaps = Rows::new(
        "light_snapshot",
        &[
            "region_id",
            "task_id",
            "period",
            "light",
            "progress",
            "time_progress",
            "reason",
            "recorded_on",
        ],
    );
    // A task's row: (id, parent, position), title, (lead unit, deadline, weight), (domain,
    // public, done on); every task starts on 1 January and reports monthly by the 25th.
    let task_vals = |(id, parent, seq): (i64, Option<i64>, usize),
                     title: String,
                     (unit, due, weight): (i64, NaiveDate, i64),
                     (domain, public, done_on): (&str, bool, Option<NaiveDate>)|
     -> Vec<Val> {
        vec![
            id.into(),
            region.into(),
            plan_id.into(),
            parent.into(),
            (seq as i64).into(),
            title.into(),
            Some(unit).into(),
            overseer.get(&unit).copied().into(),
            day(2020, 1, 1).into(),
            Some(due).into(),
            "monthly".into(),
            25i64.into(),
            weight.into(),
            domain.into(),
            public.into(),
            done_on.into(),
            now.into(),
            now.into(),
        ]
    };
    // Months whose period has closed (their report was due) by today, and the current one.
    let current = today.month();
    for t in 0..shape.top {
        let (domain, verbs, objects) = DOMAINS[(p + t) % DOMAINS.len()];
        let top_id = Ids::take(&mut ids.task);
        let lead = leads[rng.below(leads.len() as u64) as usize];
        let object = objects[rng.below(objects.len() as u64) as usize];
        let verb = verbs[rng.below(verbs.len() as u64) as usize];
        let top_title = format!("{verb}{object}");
        let public = rng.below(10) < 3;
        // Per month: (worst light, progress sum, count) over the leaves below.
        let mut top_months: Vec<(Light, u32, u32)> = vec![(Light::Blue, 0, 0); 12];
        let mut mids = Vec::new();
        for m in 0..shape.middle {
            let mid_id = Ids::take(&mut ids.task);
            let mut mid_months: Vec<(Light, u32, u32)> = vec![(Light::Blue, 0, 0); 12];
            for l in 0..shape.leaves {
                let id = Ids::take(&mut ids.task);
                let unit = if rng.below(3) == 0 {
                    leads[rng.below(leads.len() as u64) as usize]
                } else {
                    lead
                };
                let due = month_end(6 + rng.below(7) as u32);
                let pace = 55 + rng.below(60) as u32; // percent of the pace the deadline needs
                let months = f64::from(due.month());
                let mut done_on = None;
                for mo in 1..=12u32 {
                    let period = day(2020, mo, 1);
                    if mo > current || done_on.is_some() {
                        break;
                    }
                    let elapsed = f64::from(mo) / months;
                    let progress = ((elapsed * f64::from(pace)).min(100.0)) as i64;
                    let due_day = day(2020, mo, 25);
                    let reported = mo < current || rng.below(4) == 0;
                    if !reported {
                        continue;
                    }
                    let status = if mo == current {
                        "submitted"
                    } else if rng.below(40) == 0 {
                        "returned"
                    } else {
                        "accepted"
                    };
                    let sent = due_day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
                        - Duration::minutes(rng.below(4 * 24 * 60) as i64);
                    let reviewed = (status != "submitted").then(|| sent + Duration::hours(30));
                    reports.push(vec![
                        Ids::take(&mut ids.report).into(),
                        region.into(),
                        id.into(),
                        unit.into(),
                        period.into(),
                        status.into(),
                        progress.into(),
                        format!("按计划推进，本月完成阶段任务，累计完成年度目标的{progress}%。").into(),
                        sent.into(),
                        reviewed.into(),
                        sent.into(),
                        reviewed.unwrap_or(sent).into(),
                    ]);
                    if progress >= 100 && status == "accepted" && rng.below(2) == 0 {
                        done_on = Some(month_end(mo).min(today));
                    }
                }
                // Light history: the state at each closed month's end.
                for mo in 1..current {
                    let end = month_end(mo);
                    let elapsed = (f64::from(mo) / months).min(1.0);
                    let time = (elapsed * 100.0) as u8;
                    let reported = ((elapsed * f64::from(pace)).min(100.0)) as u8;
                    let (light, reason) = if done_on.is_some_and(|d| d <= end) {
                        (Light::Blue, Reason::Done { on: done_on })
                    } else if end > due {
                        (
                            Light::Red,
                            Reason::Overdue {
                                due,
                                days: (end - due).num_days(),
                            },
                        )
                    } else {
                        let gap = time.saturating_sub(reported);
                        let light = if gap > 40 {
                            Light::Red
                        } else if gap > 20 {
                            Light::Yellow
                        } else {
                            Light::Green
                        };
                        let reason = if gap > 20 {
                            Reason::Lagging {
                                time,
                                reported,
                                gap,
                                serious: gap > 40,
                            }
                        } else {
                            Reason::OnTrack {
                                time: Some(time),
                                reported: Some(reported),
                            }
                        };
                        (light, reason)
                    };
                    let i = (mo - 1) as usize;
                    for acc in [&mut mid_months[i], &mut top_months[i]] {
                        if light.severity() > acc.0.severity() {
                            acc.0 = light;
                        }
                        acc.1 += u32::from(reported);
                        acc.2 += 1;
                    }
                    snaps.push(vec![
                        region.into(),
                        id.into(),
                        day(2020, mo, 1).into(),
                        light.code().into(),
                        i64::from(reported).into(),
                        Some(i64::from(time)).into(),
                        serde_json::to_string(&reason).unwrap_or_default().into(),
                        end.into(),
                    ]);
                }
                let (verb, object) = (
                    verbs[rng.below(verbs.len() as u64) as usize],
                    objects[rng.below(objects.len() as u64) as usize],
                );
                let weight = 1 + rng.below(3) as i64;
                let shown = public && rng.below(10) < 8;
                tasks.push(task_vals(
                    (id, Some(mid_id), l),
                    format!("{verb}{object}（{}.{}.{}）", t + 1, m + 1, l + 1),
                    (unit, due, weight),
                    (domain, shown, done_on),
                ));
                if rng.below(2) == 0 {
                    let other = leads[rng.below(leads.len() as u64) as usize];
                    if other != unit {
                        co.push(vec![region.into(), id.into(), other.into()]);
                    }
                }
            }
            rollup_snaps(&mut snaps, region, mid_id, &mid_months, current);
            mids.push((mid_id, m));
        }
        rollup_snaps(&mut snaps, region, top_id, &top_months, current);
        let year_end = day(2020, 12, 31);
        tasks.push(task_vals(
            (top_id, None, t),
            top_title.clone(),
            (lead, year_end, 1),
            (domain, public, None),
        ));
        for (mid_id, m) in mids {
            tasks.push(task_vals(
                (mid_id, Some(top_id), m),
                format!("{top_title}：第{}项措施", m + 1),
                (lead, year_end, 1),
                (domain, public, None),
            ));
        }
    }
    // Parents before children: the rows of a top-level task were pushed after its leaves, so
    // insert in id order.
    tasks.rows.sort_by_key(|r| match r.first() {
        Some(Val::Int(id)) => *id,
        _ => 0,
    });
    summary.tasks += tasks.flush(tx).await?;
    co.flush(tx).await?;
    summary.reports += reports.flush(tx).await?;
    summary.snapshots += snaps.flush(tx).await?;
    Ok(())
}

/// A parent's light history: its worst child and their mean progress, per closed month.
fn rollup_snaps(snaps: &mut Rows, region: i64, id: i64, months: &[(Light, u32, u32)], current: u32) {
    for mo in 1..current {
        let Some((light, sum, n)) = months.get((mo - 1) as usize) else {
            continue;
        };
        if *n == 0 {
            continue;
        }
        let progress = (sum / n) as u8;
        let reason = Reason::Rollup {
            total: *n as usize,
            red: 0,
            yellow: 0,
            green: 0,
            blue: 0,
            progress,
        };
        snaps.push(vec![
            region.into(),
            id.into(),
            day(2020, mo, 1).into(),
            light.code().into(),
            i64::from(progress).into(),
            None::<i64>.into(),
            serde_json::to_string(&reason).unwrap_or_default().into(),
            month_end(mo).into(),
        ]);
    }
}
