//! The words of a ledger's cells: levels, natures and stages as offices write them, money as
//! the form takes it, and the column each form field is read from.

use luoshi_domain::project::{Level, Nature, Stage, Wan};
use luoshi_text::table::ledger::LedgerRole;

/// The level a section row or a level cell names (省级重点项目, 市重点, 县级).
pub(super) fn level_in(s: &str) -> Option<Level> {
    let has = |w: &[&str]| w.iter().any(|x| s.contains(x));
    Level::parse_words(s).or(if has(&["省级", "省重点"]) {
        Some(Level::Province)
    } else if has(&["市级", "市重点"]) {
        Some(Level::City)
    } else if has(&["县级", "县重点", "区级"]) {
        Some(Level::County)
    } else {
        None
    })
}

pub(super) fn nature_in(s: &str) -> Option<Nature> {
    Nature::parse_words(s).or(if s.contains("续建") {
        Some(Nature::Continued)
    } else if s.contains("扩建") || s.contains("改建") {
        Some(Nature::Expansion)
    } else if s.contains("新建") {
        Some(Nature::New)
    } else {
        None
    })
}

pub(super) fn stage_in(s: &str) -> Option<Stage> {
    Stage::parse_words(s).or_else(|| {
        // 已竣工, 前期工作, 建成投产: the last stage the words name.
        Stage::ALL.iter().rev().copied().find(|st| s.contains(st.names().0))
    })
}

/// Money as a cell gives it, for the form's checks.
pub(super) fn plain(v: i64) -> String {
    Wan(v).wan_text().replace(',', "")
}

/// The ledger column a form field is read from.
pub(super) fn role_of_field(field: &str) -> Option<LedgerRole> {
    use LedgerRole::*;
    Some(match field {
        "name" => Name,
        "level" => Level,
        "nature" => Nature,
        "stage" => Stage,
        "content" => Content,
        "total" => Total,
        "annual_plan" => AnnualPlan,
        "planned_start" => PlannedStart,
        "planned_finish" => PlannedFinish,
        "actual_start" => ActualStart,
        "actual_finish" => ActualFinish,
        "invested" => MonthInvested,
        "cumulative" => Cumulative,
        "progress" => Progress,
        "problems" => Problems,
        "next_steps" => NextSteps,
        _ => return None,
    })
}
