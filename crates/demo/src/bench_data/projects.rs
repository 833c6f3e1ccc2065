//! A generated city's key projects: about a thousand over the three levels, spread over the
//! units, counties and vice-mayors, each with its year's plan (and baseline) and a year of
//! monthly reports accepted by the office at paces that give every warning; a few months left
//! unreported.

use super::{GenSummary, Ids, Rows};
use crate::{day, rng::Rng};

/// A number below `n`.
fn below(rng: &mut Rng, n: usize) -> usize {
    rng.below(n as u64) as usize
}
use chrono::NaiveDate;
use luoshi_store::{Result, Tx};

/// Projects per city.
pub(super) const PER_CITY: usize = 1_000;

const CATEGORIES: &[&str] = &["产业", "基础设施", "社会民生", "生态环保"];
const KINDS: &[&str] = &[
    "产业园标准化厂房",
    "道路提质改造",
    "污水处理厂扩建",
    "学校扩建",
    "医院门诊楼",
    "物流园",
    "新能源电站",
    "老旧小区改造",
    "生态修复",
    "智能制造基地",
];
const STAGES: &[&str] = &[
    "preliminary",
    "new_start",
    "building",
    "building",
    "building",
    "completed",
];
const PROGRESS: &[&str] = &[
    "主体结构施工中",
    "设备安装调试中",
    "路基工程基本完成",
    "完成征地拆迁，施工单位已进场",
];

/// Who a city's projects may go to: units leading work, counties and zones, vice-mayors, the
/// office's user.
pub(super) struct Owners<'a> {
    pub leads: &'a [i64],
    pub places: &'a [i64],
    pub leaders: &'a [i64],
    pub office_user: i64,
}

/// Writes the city's categories, projects, plans and reports up to `today`.
pub(super) async fn projects(
    tx: &mut Tx,
    ids: &mut Ids,
    rng: &mut Rng,
    summary: &mut GenSummary,
    region: i64,
    o: &Owners<'_>,
    today: NaiveDate,
) -> Result<()> {
    let mut cats = Rows::new("project_category", &["id", "region_id", "name", "sort"]);
    let mut cat_ids = Vec::new();
    for (i, name) in CATEGORIES.iter().enumerate() {
        let id = Ids::take(&mut ids.project_category);
        cats.push(vec![id.into(), region.into(), (*name).into(), (i as i64 + 1).into()]);
        cat_ids.push(id);
    }
    cats.flush(tx).await?;
    let mut projects = Rows::new(
        "project",
        &[
            "id",
            "region_id",
            "name",
            "level",
            "category_id",
            "nature",
            "stage",
            "total",
            "planned_start",
            "planned_finish",
            "actual_start",
            "unit_id",
            "place_unit_id",
            "liaison_id",
            "public",
            "created_by",
            "created_at",
        ],
    );
    let mut years = Rows::new(
        "project_year",
        &[
            "region_id",
            "project_id",
            "year",
            "plan",
            "base_plan",
            "base_total",
            "base_start",
            "base_finish",
        ],
    );
    let mut reports = Rows::new(
        "project_report",
        &[
            "id",
            "region_id",
            "project_id",
            "month",
            "unit_id",
            "invested",
            "accepted",
            "progress",
            "status",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
        ],
    );
    let since = day(2020, 1, 2).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let last = today.format("%m").to_string().parse::<u32>().unwrap_or(12);
    for n in 0..PER_CITY {
        let id = Ids::take(&mut ids.project);
        let level = match n % 20 {
            0 => "province",
            1..=7 => "city",
            _ => "county",
        };
        let stage = STAGES[below(rng, STAGES.len())];
        let unit = o.leads[below(rng, o.leads.len().max(1))];
        let place = o.places[n % o.places.len().max(1)];
        let start_m = 1 + below(rng, 9) as u32;
        let start = format!("2020-{start_m:02}");
        let finish = format!("2021-{:02}", 1 + below(rng, 12));
        let started = stage != "preliminary";
        let total = (5_000 + below(rng, 60) as i64 * 2_500) * 100;
        let plan = total / (2 + below(rng, 3) as i64);
        let name = format!(
            "{}{}（{}）",
            KINDS[n % KINDS.len()],
            n / KINDS.len() + 1,
            level_word(level)
        );
        projects.push(vec![
            id.into(),
            region.into(),
            name.into(),
            level.into(),
            cat_ids[n % cat_ids.len()].into(),
            if n % 3 == 0 { "continued" } else { "new" }.into(),
            stage.into(),
            total.into(),
            start.clone().into(),
            finish.clone().into(),
            started.then(|| start.clone()).into(),
            unit.into(),
            Some(place).into(),
            o.leaders.get(n % o.leaders.len().max(1)).copied().into(),
            (n % 4 != 3).into(),
            o.office_user.into(),
            since.into(),
        ]);
        years.push(vec![
            region.into(),
            id.into(),
            2020i64.into(),
            plan.into(),
            plan.into(),
            total.into(),
            start.into(),
            finish.into(),
        ]);
        if !matches!(stage, "new_start" | "building") {
            continue;
        }
        // A pace from a fifth of the plan's to a little over it; one project in twelve stopped
        // reporting two months ago.
        let pace = [22, 50, 70, 90, 100, 105, 120][below(rng, 7)];
        let stop = if n % 12 == 5 { last.saturating_sub(2) } else { last };
        for m in 1..stop {
            let sent = day(2020, m + 1, 3).and_hms_opt(2, 0, 0).unwrap_or_default().and_utc();
            let invested = plan * pace / 100 / 12 / 100 * 100;
            reports.push(vec![
                Ids::take(&mut ids.project_report).into(),
                region.into(),
                id.into(),
                format!("2020-{m:02}").into(),
                unit.into(),
                invested.into(),
                Some(invested).into(),
                PROGRESS[(n + m as usize) % PROGRESS.len()].into(),
                "accepted".into(),
                o.office_user.into(),
                sent.into(),
                Some(o.office_user).into(),
                Some(sent + chrono::Duration::days(1)).into(),
            ]);
        }
    }
    summary.projects += projects.flush(tx).await?;
    years.flush(tx).await?;
    summary.project_reports += reports.flush(tx).await?;
    Ok(())
}

fn level_word(level: &str) -> &'static str {
    match level {
        "province" => "省级",
        "city" => "市级",
        _ => "县级",
    }
}
