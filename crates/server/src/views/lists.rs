//! Cross-plan lists: overdue, lagging and missing-report tasks; units with their lights; a
//! unit's and a leader's tasks; and the tree filters.

use chrono::NaiveDate;
use luoshi_domain::{Lang, Light, Reason, UnitCategory};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::TaskRow;
use crate::{
    board::{BoardTask, LightCounts, PlanBoard},
    directory::Directory,
    i18n::Tr,
};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Past the deadline and not done (超期).
    Overdue,
    /// Behind time by more than the plan's yellow threshold (滞后).
    Lagging,
    /// The latest report due was not sent (未按时报送).
    Missing,
}

impl ListKind {
    /// Every list.
    pub const ALL: [ListKind; 3] = [ListKind::Overdue, ListKind::Lagging, ListKind::Missing];

    /// The code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            ListKind::Overdue => "overdue",
            ListKind::Lagging => "lagging",
            ListKind::Missing => "missing",
        }
    }

    /// Parses a URL code.
    pub fn parse(s: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether a task belongs on this list.
    pub fn holds(self, t: &BoardTask) -> bool {
        matches!(
            (self, &t.verdict.reason),
            (ListKind::Overdue, Reason::Overdue { .. })
                | (ListKind::Lagging, Reason::Lagging { .. })
                | (ListKind::Missing, Reason::ReportMissing { .. })
        )
    }
}

/// The tasks without sub-tasks on `kind`'s list, worst first.
pub fn list(boards: &[PlanBoard], kind: ListKind) -> Vec<&BoardTask> {
    let mut out: Vec<&BoardTask> = boards
        .iter()
        .flat_map(|b| b.tasks.iter())
        .filter(|t| !t.has_children && kind.holds(t))
        .collect();
    let key = |t: &&BoardTask| match &t.verdict.reason {
        Reason::Overdue { days, .. } => -*days,
        Reason::Lagging { gap, .. } => -i64::from(*gap),
        Reason::ReportMissing { due, .. } => due.to_epoch_days_i64(),
        _ => 0,
    };
    out.sort_by_key(|t| (key(t), t.task.id));
    out
}

trait EpochDays {
    fn to_epoch_days_i64(&self) -> i64;
}

impl EpochDays for NaiveDate {
    fn to_epoch_days_i64(&self) -> i64 {
        i64::from(chrono::Datelike::num_days_from_ce(self))
    }
}

/// The filters of the task tree.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreeFilter {
    /// Lead or co-unit (empty: any).
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    pub unit: Option<i64>,
    /// Responsible leader (empty: any).
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    pub leader: Option<i64>,
    /// Light code.
    pub light: Option<String>,
    /// Domain tag.
    pub domain: Option<String>,
    /// Show the lights as recorded on this day (YYYY-MM-DD).
    pub as_of: Option<String>,
}

impl TreeFilter {
    /// Whether any filter (other than the day) is set.
    pub fn narrows(&self) -> bool {
        self.unit.is_some()
            || self.leader.is_some()
            || self.light.as_deref().is_some_and(|s| !s.is_empty())
            || self.domain.as_deref().is_some_and(|s| !s.is_empty())
    }

    /// Whether a task passes the filters.
    pub fn keeps(&self, t: &BoardTask) -> bool {
        self.unit.is_none_or(|u| t.involves(u))
            && self.leader.is_none_or(|l| t.task.leader_id == Some(l))
            && self
                .light
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|l| Light::parse(l) == Some(t.verdict.light))
            && self
                .domain
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|d| t.task.domain == d)
    }
}

/// A unit in the units list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitSummary {
    /// Unit id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Category in words.
    pub category: String,
    /// Lights of the tasks it leads (without sub-tasks).
    pub counts: LightCounts,
    /// Tasks it leads whose latest report due is missing.
    pub missing: usize,
    /// Its latest report, in words.
    pub last_report: String,
}

/// Every active unit with the lights of the tasks it leads.
pub fn unit_summaries(boards: &[PlanBoard], dir: &Directory, lang: Lang) -> Vec<UnitSummary> {
    let tr = Tr::new(lang);
    dir.unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| {
            let led: Vec<&BoardTask> = boards
                .iter()
                .flat_map(|b| b.tasks.iter())
                .filter(|t| !t.has_children && t.task.lead_unit_id == Some(u.id))
                .collect();
            let mut counts = LightCounts::default();
            for t in &led {
                counts.add(t.verdict.light);
            }
            let last = led.iter().filter_map(|t| t.last_accepted_at()).max();
            UnitSummary {
                id: u.id,
                name: u.name.clone(),
                category: UnitCategory::parse(&u.category)
                    .map(|c| lang.pick(c.names().0, c.names().1).to_string())
                    .unwrap_or_default(),
                counts,
                missing: led
                    .iter()
                    .filter(|t| matches!(t.verdict.reason, Reason::ReportMissing { .. }))
                    .count(),
                last_report: last
                    .map(|t| super::instant_text(Some(t), lang))
                    .unwrap_or_else(|| tr.t("task.freshness_none")),
            }
        })
        .collect()
}

/// Rows of tasks, with light counts over those without sub-tasks.
pub fn rows(tasks: &[&BoardTask], dir: &Directory, lang: Lang, today: NaiveDate) -> (Vec<TaskRow>, LightCounts) {
    let mut counts = LightCounts::default();
    for t in tasks.iter().filter(|t| !t.has_children) {
        counts.add(t.verdict.light);
    }
    (
        tasks.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect(),
        counts,
    )
}
