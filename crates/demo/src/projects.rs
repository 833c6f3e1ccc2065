//! The demo's key projects (重点项目) at three levels, each with its category, responsible and
//! service units, place, liaison leader and approval nodes. The six provincial projects sum to
//! the published figures of the founding meeting's city (概算总投资140.16亿元, 当年计划投资19亿元);
//! the rest are spread over the city's units and counties. Their monthly reports and
//! coordination issues are `project_reports`'.

use chrono::{DateTime, Utc};
use luoshi_store::{
    Result, Tx,
    project::{ProjectFields, insert_category, insert_node, insert_project},
};

use crate::{city::City, day};

const CATEGORIES: &[&str] = &["产业", "基础设施", "社会民生", "生态环保"];

/// (name, level, category, nature, stage, total 万元, plan 万元, start, finish, actual start,
/// unit, place, liaison).
type Row = (
    &'static str,
    &'static str,
    usize,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
);

/// A row with its months and name made.
type Built = (
    String,
    &'static str,
    usize,
    &'static str,
    &'static str,
    i64,
    i64,
    String,
    String,
    Option<String>,
    &'static str,
    &'static str,
    &'static str,
);

const PROVINCIAL: &[Row] = &[
    (
        "晋城至济源高速公路太行段",
        "province",
        1,
        "continued",
        "building",
        300_000,
        40_000,
        "2019-03",
        "2021-12",
        Some("2019-04"),
        "jtj",
        "hyx",
        "changwu",
    ),
    (
        "光机电产业园一期",
        "province",
        0,
        "continued",
        "building",
        251_600,
        30_000,
        "2019-06",
        "2021-06",
        Some("2019-07"),
        "gxj",
        "dcq",
        "gongye",
    ),
    (
        "城区集中供热管网改造",
        "province",
        1,
        "new",
        "new_start",
        220_000,
        35_000,
        "2020-03",
        "2022-10",
        Some("2020-04"),
        "zjj",
        "xsq",
        "changwu",
    ),
    (
        "抽水蓄能电站前期工程",
        "province",
        0,
        "new",
        "preliminary",
        280_000,
        25_000,
        "2020-04",
        "2025-12",
        None,
        "nyuj",
        "qqx",
        "gongye",
    ),
    (
        "沁河流域生态修复",
        "province",
        3,
        "continued",
        "building",
        150_000,
        30_000,
        "2019-09",
        "2021-09",
        Some("2019-10"),
        "sthjj",
        "smx",
        "zhengfa",
    ),
    (
        "市人民医院新院区",
        "province",
        2,
        "continued",
        "building",
        200_000,
        30_000,
        "2019-05",
        "2021-12",
        Some("2019-05"),
        "wjw",
        "dcq",
        "wenjiao",
    ),
];

const CITY_PROJECTS: &[(&str, usize, &str, &str)] = &[
    ("老旧小区改造", 2, "zjj", "changwu"),
    ("城市污水处理厂提标改造", 3, "swj", "zhengfa"),
    ("智慧城市运营中心", 0, "gxj", "gongye"),
    ("职业教育园区", 2, "jyj", "wenjiao"),
    ("冷链物流园", 0, "swuj", "gongye"),
    ("太行山旅游公路", 1, "jtj", "changwu"),
    ("新材料产业园标准化厂房", 0, "gxj", "gongye"),
    ("城市防洪排涝工程", 1, "swj", "zhengfa"),
];

const COUNTIES: &[&str] = &["dcq", "xsq", "hyx", "qqx", "smx", "lqs"];
const STAGES: &[&str] = &[
    "preliminary",
    "new_start",
    "building",
    "building",
    "building",
    "completed",
];

/// A demo project, as its monthly reports and issues need it.
#[derive(Debug, Clone)]
pub struct Built1 {
    /// Its id.
    pub id: i64,
    /// Its place in the list.
    pub n: usize,
    /// Stage code.
    pub stage: &'static str,
    /// This year's plan, hundredths of 万元.
    pub plan: i64,
    /// The responsible unit.
    pub unit: i64,
    /// The unit's key.
    pub unit_key: &'static str,
    /// Its approval nodes' ids.
    pub nodes: Vec<i64>,
}

/// Builds the categories and about sixty projects, on the ledger since the year began.
pub async fn build(tx: &mut Tx, city: &City, office: i64, _now: DateTime<Utc>) -> Result<Vec<Built1>> {
    let since = crate::at(day(2020, 1, 2), 9);
    let mut categories = Vec::new();
    for (i, name) in CATEGORIES.iter().enumerate() {
        categories.push(insert_category(tx, city.region, name, i as i64 + 1).await?);
    }
    let spj = Some(city.unit("spj"));
    // The work report's task "推进省市县三级重点工程": the provincial projects belong to it.
    let mut three_levels = None;
    for p in luoshi_store::plan::plans(tx, city.region).await? {
        if let Some(t) = luoshi_store::task::tasks_of_plan(tx, city.region, p.id)
            .await?
            .into_iter()
            .find(|t| t.title == "推进省市县三级重点工程")
        {
            three_levels = Some(t.id);
        }
    }
    let mut rows: Vec<Built> = PROVINCIAL
        .iter()
        .map(|r| {
            (
                r.0.to_string(),
                r.1,
                r.2,
                r.3,
                r.4,
                r.5,
                r.6,
                r.7.into(),
                r.8.into(),
                r.9.map(Into::into),
                r.10,
                r.11,
                r.12,
            )
        })
        .collect();
    // City and county projects: figures and stages spread by their place in the list.
    for (i, (name, cat, unit, leader)) in CITY_PROJECTS.iter().enumerate() {
        for (j, county) in COUNTIES.iter().enumerate().take(3) {
            let n = i * 3 + j;
            let stage = STAGES[n % STAGES.len()];
            let start = format!("2020-{:02}", 1 + n % 9);
            let started = stage != "preliminary";
            rows.push((
                format!("{}（{}）", name, county_name(county)),
                "city",
                *cat,
                if n % 3 == 0 { "continued" } else { "new" },
                stage,
                20_000 + (n as i64 % 7) * 8_500,
                4_000 + (n as i64 % 5) * 1_300,
                start.clone(),
                format!("2021-{:02}", 1 + n % 12),
                // Started by now (2020-06), some ahead of plan: an actual start is never in the future.
                started.then(|| start.clone().min("2020-06".to_string())),
                unit,
                county,
                leader,
            ));
        }
    }
    for (j, county) in COUNTIES.iter().enumerate() {
        for k in 0..5 {
            let n = j * 5 + k;
            let stage = STAGES[(n + 1) % STAGES.len()];
            let start = format!("2020-{:02}", 1 + n % 8);
            rows.push((
                format!(
                    "{}{}",
                    county_name(county),
                    ["农产品加工园", "乡村振兴示范区", "县城道路提升", "学校扩建", "污水管网"][k]
                ),
                "county",
                [0, 2, 1, 2, 3][k],
                "new",
                stage,
                5_000 + (n as i64 % 6) * 2_400,
                1_500 + (n as i64 % 4) * 700,
                start.clone(),
                format!("2021-{:02}", 1 + n % 12),
                (stage != "preliminary").then(|| start.clone().min("2020-06".to_string())),
                county,
                county,
                "changwu",
            ));
        }
    }
    let mut built = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let f = ProjectFields {
            name: &r.0,
            level: r.1,
            category_id: categories[r.2],
            nature: r.3,
            stage: r.4,
            content: "",
            total: r.5 * 100,
            planned_start: &r.7,
            planned_finish: &r.8,
            actual_start: r.9.as_deref(),
            actual_finish: (r.4 == "completed").then_some("2020-06"),
            unit_id: city.unit(r.10),
            service_unit_id: spj,
            place_unit_id: Some(city.unit(r.11)),
            liaison_id: city.leaders.get(r.12).copied(),
            task_id: if r.1 == "province" { three_levels } else { None },
            public: i % 4 != 3,
        };
        let id = insert_project(tx, city.region, &f, 2020, r.6 * 100, office, since).await?;
        let mut nodes = Vec::new();
        if r.4 == "preliminary" || i % 5 == 0 {
            for (k, (node, m)) in [("立项", 3), ("用地", 5), ("施工许可", 7)].iter().enumerate() {
                nodes.push(insert_node(tx, city.region, id, node, day(2020, *m, 30), spj, k as i64 + 1).await?);
            }
        }
        built.push(Built1 {
            id,
            n: i,
            stage: r.4,
            plan: r.6 * 100,
            unit: city.unit(r.10),
            unit_key: r.10,
            nodes,
        });
    }
    Ok(built)
}

fn county_name(key: &str) -> &'static str {
    match key {
        "dcq" => "东城区",
        "xsq" => "西山区",
        "hyx" => "河阳县",
        "qqx" => "清泉县",
        "smx" => "石门县",
        _ => "龙泉市",
    }
}
