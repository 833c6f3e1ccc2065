//! Key projects as the ledger and the project page show them: names for ids, money in 万元 and
//! 亿元, months in words, this year's plan beside the baseline it began with, and the sums by
//! level.

use luoshi_domain::{
    Lang,
    project::{Level, Month, Nature, Stage, Wan},
};
use luoshi_store::project::{Category, Change, Node, Project, YearPlan};
use serde::Serialize;
use utoipa::ToSchema;

use chrono::Datelike;

use crate::{AppState, access::Reader, directory::Directory, error::AppResult};

/// A project as a ledger row.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `province`, `city` or `county`.
    pub level: String,
    /// 省级 / 市级 / 县级.
    pub level_name: String,
    /// Category.
    pub category: String,
    /// 新建 / 续建 / 改扩建.
    pub nature_name: String,
    /// Stage code.
    pub stage: String,
    /// Stage in words.
    pub stage_name: String,
    /// Total investment, hundredths of 万元.
    pub total: i64,
    /// Total in 万元, e.g. `140,160`.
    pub total_text: String,
    /// This year's planned investment, hundredths of 万元.
    pub plan: i64,
    /// The plan in 万元.
    pub plan_text: String,
    /// 责任单位.
    pub unit: String,
    /// 责任单位's id.
    pub unit_id: i64,
    /// 服务单位.
    pub service_unit: String,
    /// Where it is built.
    pub place: String,
    /// 包联领导.
    pub liaison: String,
    /// Planned start and completion, `2020年3月—2021年12月`.
    pub planned_text: String,
    /// Shown on the public site.
    pub public: bool,
    /// Version, for a save.
    pub version: i64,
}

fn name_of<T: Copy>(
    code: &str,
    parse: fn(&str) -> Option<T>,
    names: fn(T) -> (&'static str, &'static str),
    lang: Lang,
) -> String {
    parse(code)
        .map(|v| {
            let (zh, en) = names(v);
            lang.pick(zh, en).to_string()
        })
        .unwrap_or_else(|| code.to_string())
}

fn month_text(code: &str, lang: Lang) -> String {
    Month::parse(code).map(|m| m.text(lang)).unwrap_or_default()
}

/// A ledger row of `p` with this year's `plan`.
pub fn row(p: &Project, plan: i64, categories: &[Category], dir: &Directory, lang: Lang) -> ProjectRow {
    ProjectRow {
        id: p.id,
        name: p.name.clone(),
        level: p.level.clone(),
        level_name: name_of(&p.level, Level::parse, Level::names, lang),
        category: categories
            .iter()
            .find(|c| c.id == p.category_id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        nature_name: name_of(&p.nature, Nature::parse, Nature::names, lang),
        stage: p.stage.clone(),
        stage_name: name_of(&p.stage, Stage::parse, Stage::names, lang),
        total: p.total,
        total_text: Wan(p.total).wan_text(),
        plan,
        plan_text: Wan(plan).wan_text(),
        unit: dir.unit_name(Some(p.unit_id)),
        unit_id: p.unit_id,
        service_unit: dir.unit_name(p.service_unit_id),
        place: dir.unit_name(p.place_unit_id),
        liaison: dir.leader_name(p.liaison_id),
        planned_text: format!(
            "{}—{}",
            month_text(&p.planned_start, lang),
            month_text(&p.planned_finish, lang)
        ),
        public: p.public,
        version: p.version,
    }
}

/// The sums of one level's projects on the ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelSum {
    /// `province`, `city` or `county`.
    pub level: String,
    /// 省级 / 市级 / 县级.
    pub level_name: String,
    /// How many projects.
    pub count: usize,
    /// Their total investment in 亿元, two decimals.
    pub total_yi: String,
    /// This year's plan in 亿元, two decimals.
    pub plan_yi: String,
}

/// The sums by level of `rows`, levels with none left out.
pub fn sums(rows: &[ProjectRow], lang: Lang) -> Vec<LevelSum> {
    Level::ALL
        .iter()
        .filter_map(|l| {
            let of: Vec<&ProjectRow> = rows.iter().filter(|r| r.level == l.code()).collect();
            (!of.is_empty()).then(|| LevelSum {
                level: l.code().into(),
                level_name: l.name(lang).into(),
                count: of.len(),
                total_yi: of.iter().map(|r| Wan(r.total)).sum::<Wan>().yi_text(),
                plan_yi: of.iter().map(|r| Wan(r.plan)).sum::<Wan>().yi_text(),
            })
        })
        .collect()
}

/// This year's plan beside the baseline the year began with.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearOut {
    /// The year.
    pub year: i32,
    /// The plan now, 万元.
    pub plan_text: String,
    /// The plan the year began with, 万元.
    pub base_plan_text: String,
    /// The total the year began with, 万元.
    pub base_total_text: String,
    /// The planned months the year began with.
    pub base_planned_text: String,
    /// Whether anything differs from the baseline (pages show both then).
    pub differs: bool,
}

/// The year's plan of `p` as shown.
pub fn year_out(p: &Project, y: &YearPlan, lang: Lang) -> YearOut {
    YearOut {
        year: y.year,
        plan_text: Wan(y.plan).wan_text(),
        base_plan_text: Wan(y.base_plan).wan_text(),
        base_total_text: Wan(y.base_total).wan_text(),
        base_planned_text: format!(
            "{}—{}",
            month_text(&y.base_start, lang),
            month_text(&y.base_finish, lang)
        ),
        differs: y.plan != y.base_plan
            || y.base_total != p.total
            || y.base_start != p.planned_start
            || y.base_finish != p.planned_finish,
    }
}

/// A change of a figure, with its reason.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChangeOut {
    /// The field (`total`, `plan`, `planned_start`, `planned_finish`).
    pub field: String,
    /// The field in words.
    pub field_name: String,
    /// As it was.
    pub old_value: String,
    /// As it is.
    pub new_value: String,
    /// Why.
    pub reason: String,
    /// When, in words.
    pub at_text: String,
}

/// `c` as shown.
pub fn change_out(c: &Change, lang: Lang) -> ChangeOut {
    let field_name = match c.field.as_str() {
        "total" => lang.pick("总投资（万元）", "Total (万元)"),
        "plan" => lang.pick("年度计划投资（万元）", "The year's plan (万元)"),
        "planned_start" => lang.pick("计划开工", "Planned start"),
        "planned_finish" => lang.pick("计划竣工", "Planned completion"),
        other => other,
    };
    let local = c.changed_at.with_timezone(&crate::clock::cst());
    ChangeOut {
        field: c.field.clone(),
        field_name: field_name.to_string(),
        old_value: c.old_value.clone(),
        new_value: c.new_value.clone(),
        reason: c.reason.clone(),
        at_text: format!(
            "{} {}",
            luoshi_domain::fmt_date(local.date_naive(), lang),
            local.format("%H:%M")
        ),
    }
}

/// An approval node as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodeOut {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Planned date.
    pub planned_on: chrono::NaiveDate,
    /// In words.
    pub planned_text: String,
    /// Who answers for it.
    pub unit: String,
    /// When done.
    pub done_on: Option<chrono::NaiveDate>,
    /// When done, in words (`2020年6月20日`).
    pub done_text: Option<String>,
    /// A note.
    pub note: String,
    /// Version, for a save.
    pub version: i64,
}

/// `n` as shown.
pub fn node_out(n: &Node, dir: &Directory, lang: Lang) -> NodeOut {
    NodeOut {
        id: n.id,
        name: n.name.clone(),
        planned_on: n.planned_on,
        planned_text: luoshi_domain::fmt_date(n.planned_on, lang),
        unit: dir.unit_name(n.unit_id),
        done_on: n.done_on,
        done_text: n.done_on.map(|d| luoshi_domain::fmt_date(d, lang)),
        note: n.note.clone(),
        version: n.version,
    }
}

/// Which projects a ledger lists (empty or `None`: any).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A level code.
    pub level: String,
    /// A stage code.
    pub stage: String,
    /// A category.
    pub category: Option<i64>,
    /// A unit: the projects it answers for, serves or hosts.
    pub unit: Option<i64>,
    /// A liaison leader.
    pub leader: Option<i64>,
}

impl Filter {
    fn keeps(&self, p: &Project) -> bool {
        (self.level.is_empty() || p.level == self.level)
            && (self.stage.is_empty() || p.stage == self.stage)
            && self.category.is_none_or(|k| p.category_id == k)
            && self
                .unit
                .is_none_or(|u| p.unit_id == u || p.service_unit_id == Some(u) || p.place_unit_id == Some(u))
            && self.leader.is_none_or(|l| p.liaison_id == Some(l))
    }
}

/// The ledger.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ledger {
    /// The year whose plans are shown.
    pub year: i32,
    /// The projects.
    pub rows: Vec<ProjectRow>,
    /// Their sums by level.
    pub sums: Vec<LevelSum>,
    /// How many are at each stage, in the pipeline's order (谋划 → 投产).
    pub pipeline: Vec<StageCount>,
}

/// How many projects are at one stage.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageCount {
    /// Stage code.
    pub stage: String,
    /// In words.
    pub stage_name: String,
    /// How many.
    pub count: usize,
    /// Their total investment in 亿元.
    pub total_yi: String,
}

/// The pipeline of `rows`: every stage, in order, with how many are at it.
pub fn pipeline(rows: &[ProjectRow], lang: Lang) -> Vec<StageCount> {
    Stage::ALL
        .iter()
        .map(|s| {
            let of: Vec<&ProjectRow> = rows.iter().filter(|r| r.stage == s.code()).collect();
            StageCount {
                stage: s.code().into(),
                stage_name: s.name(lang).into(),
                count: of.len(),
                total_yi: of.iter().map(|r| Wan(r.total)).sum::<Wan>().yi_text(),
            }
        })
        .collect()
}

/// The ledger `reader` may see, filtered, with this year's plans and the sums by level.
pub async fn ledger(state: &AppState, reader: &Reader, f: &Filter, lang: Lang) -> AppResult<Ledger> {
    let year = state.clock.today().year();
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let categories = luoshi_store::project::categories(&mut c, reader.region).await?;
    let plans: std::collections::HashMap<i64, i64> = luoshi_store::project::year_plans(&mut c, reader.region, year)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<ProjectRow> = reader
        .projects(&mut c)
        .await?
        .into_iter()
        .filter(|p| f.keeps(p))
        .map(|p| row(&p, plans.get(&p.id).copied().unwrap_or(0), &categories, &dir, lang))
        .collect();
    let sums = sums(&rows, lang);
    let pipeline = pipeline(&rows, lang);
    Ok(Ledger {
        year,
        rows,
        sums,
        pipeline,
    })
}

/// A project whole.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDetail {
    /// The ledger row.
    pub project: ProjectRow,
    /// 建设内容.
    pub content: String,
    /// Planned start (`2020-03`).
    pub planned_start: String,
    /// Planned completion.
    pub planned_finish: String,
    /// Actual start, in words (`2019年4月`).
    pub actual_start: Option<String>,
    /// Actual completion, in words.
    pub actual_finish: Option<String>,
    /// This year's plan beside its baseline.
    pub year: Option<YearOut>,
    /// Figures changed, with their reasons, oldest first.
    pub changes: Vec<ChangeOut>,
    /// Approval nodes.
    pub nodes: Vec<NodeOut>,
}

/// Project `id` whole, if `reader` may see it.
pub async fn detail(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<ProjectDetail> {
    let year = state.clock.today().year();
    let mut c = state.store.conn().await?;
    let p = reader.project(&mut c, id).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let categories = luoshi_store::project::categories(&mut c, reader.region).await?;
    let y = luoshi_store::project::year_plan(&mut c, reader.region, id, year).await?;
    let changes = luoshi_store::project::changes(&mut c, reader.region, id).await?;
    let nodes = luoshi_store::project::nodes(&mut c, reader.region, id).await?;
    Ok(ProjectDetail {
        project: row(&p, y.as_ref().map(|y| y.plan).unwrap_or(0), &categories, &dir, lang),
        content: p.content.clone(),
        planned_start: p.planned_start.clone(),
        planned_finish: p.planned_finish.clone(),
        actual_start: p.actual_start.as_deref().map(|m| month_text(m, lang)),
        actual_finish: p.actual_finish.as_deref().map(|m| month_text(m, lang)),
        year: y.as_ref().map(|y| year_out(&p, y, lang)),
        changes: changes.iter().map(|c| change_out(c, lang)).collect(),
        nodes: nodes.iter().map(|n| node_out(n, &dir, lang)).collect(),
    })
}
