//! Key projects as the ledger and the project page show them: names for ids, money in 万元 and
//! 亿元, months in words, this year's plan beside the baseline it began with, and the sums by
//! level.

use luoshi_domain::{
    Lang,
    project::{Level, Month, Nature, Stage, Wan},
};
use luoshi_store::{
    project::{Category, Change, Node, Project, YearPlan},
    project_state::ProjectState,
};
use serde::Serialize;
use utoipa::ToSchema;

pub use super::project_sums::{LevelSum, StageCount, Summed, pipeline, sums};

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
    /// The warning's light code (`green`, `yellow`, `red`, `blue`).
    pub light: String,
    /// The light in words.
    pub light_name: String,
    /// Why, in words with the numbers.
    pub warning: String,
    /// The year's accepted investment, hundredths of 万元.
    pub done: i64,
    /// It in 万元.
    pub done_text: String,
    /// It as a share of the year's plan, `23.0%`, or empty.
    pub done_share: String,
    /// The latest month accepted, `2020-05`, or empty.
    pub done_to: String,
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

pub(crate) fn month_text(code: &str, lang: Lang) -> String {
    Month::parse(code).map(|m| m.text(lang)).unwrap_or_default()
}

/// The light, its name and the explanation of a stored warning.
pub fn warning_of(s: Option<&ProjectState>, lang: Lang) -> (String, String, String) {
    warning_words(s.map(|s| (s.light.as_str(), s.reason.as_str())), lang)
}

/// The light, its name and the explanation of a stored light code and reason.
pub fn warning_words(s: Option<(&str, &str)>, lang: Lang) -> (String, String, String) {
    let Some(v) = s.and_then(|(light, reason)| luoshi_lights::project_verdict(light, reason)) else {
        return (String::new(), String::new(), String::new());
    };
    (
        v.light.code().to_string(),
        v.light.name(lang).to_string(),
        v.explain(lang),
    )
}

/// A ledger row of `p` with this year's `plan` and its judged warning.
pub fn row(
    p: &Project,
    plan: i64,
    state: Option<&ProjectState>,
    categories: &[Category],
    dir: &Directory,
    lang: Lang,
) -> ProjectRow {
    let (light, light_name, warning) = warning_of(state, lang);
    let done = state.map(|s| s.cumulative).unwrap_or(0);
    ProjectRow {
        light,
        light_name,
        warning,
        done,
        done_text: Wan(done).wan_text(),
        done_share: Wan(done)
            .share_of(Wan(plan))
            .filter(|_| state.is_some_and(|s| !s.done_to.is_empty()))
            .map(|h| format!("{}%", luoshi_domain::project::money::percent_text(h)))
            .unwrap_or_default(),
        done_to: state.map(|s| s.done_to.clone()).unwrap_or_default(),
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
    let invested;
    let field_name = match c.field.as_str() {
        "total" => lang.pick("总投资（万元）", "Total (万元)"),
        "plan" => lang.pick("年度计划投资（万元）", "The year's plan (万元)"),
        "planned_start" => lang.pick("计划开工", "Planned start"),
        "planned_finish" => lang.pick("计划竣工", "Planned completion"),
        other => match other.strip_prefix("invested:").and_then(Month::parse) {
            Some(m) => {
                invested = format!("{}{}", m.text(lang), lang.pick("完成投资（万元）", ": invested (万元)"));
                &invested
            }
            None => lang.pick("其他", "Other"),
        },
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
    /// Whether the reader may mark it done (its unit, the service unit or the office).
    pub may_keep: bool,
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
        may_keep: false,
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
    /// Where it is built (a county or zone).
    pub place: Option<i64>,
    /// A warning light code.
    pub light: String,
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
            && self.place.is_none_or(|u| p.place_unit_id == Some(u))
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

/// The ledger `reader` may see, filtered, with this year's plans and the sums by level.
pub async fn ledger(state: &AppState, reader: &Reader, f: &Filter, lang: Lang) -> AppResult<Ledger> {
    Ok(ledger_window(state, reader, f, lang, 0, usize::MAX).await?.0)
}

/// [`ledger`] with the rows `skip..skip + take` only (the sums and the pipeline count every
/// project chosen), and how many were chosen: a page of the ledger explains only its own rows.
pub async fn ledger_window(
    state: &AppState,
    reader: &Reader,
    f: &Filter,
    lang: Lang,
    skip: usize,
    take: usize,
) -> AppResult<(Ledger, usize)> {
    let today = state.clock.today();
    let year = today.year();
    state
        .judged_days
        .ensure(&state.store, reader.region, luoshi_lights::Judged::Projects, today)
        .await?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let categories = luoshi_store::project::categories(&mut c, reader.region).await?;
    let plans: std::collections::HashMap<i64, i64> = luoshi_store::project::year_plans(&mut c, reader.region, year)
        .await?
        .into_iter()
        .collect();
    let states: std::collections::HashMap<i64, ProjectState> =
        luoshi_store::project_state::states(&mut c, reader.region)
            .await?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let chosen: Vec<Project> = reader
        .projects(&mut c)
        .await?
        .into_iter()
        .filter(|p| f.keeps(p))
        .filter(|p| f.light.is_empty() || states.get(&p.id).is_some_and(|s| s.light == f.light))
        .collect();
    let summed: Vec<Summed> = chosen
        .iter()
        .map(|p| Summed {
            level: p.level.clone(),
            stage: p.stage.clone(),
            total: p.total,
            plan: plans.get(&p.id).copied().unwrap_or(0),
            done: states.get(&p.id).map(|s| s.cumulative).unwrap_or(0),
            done_to: states.get(&p.id).map(|s| s.done_to.clone()).unwrap_or_default(),
        })
        .collect();
    let rows: Vec<ProjectRow> = chosen
        .iter()
        .skip(skip)
        .take(take)
        .map(|p| {
            let plan = plans.get(&p.id).copied().unwrap_or(0);
            row(p, plan, states.get(&p.id), &categories, &dir, lang)
        })
        .collect();
    let ledger = Ledger {
        year,
        rows,
        sums: sums(&summed, lang),
        pipeline: pipeline(&summed, lang),
    };
    Ok((ledger, chosen.len()))
}
