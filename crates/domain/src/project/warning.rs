//! Project warnings (项目预警), the rules of issue 16 in the order they are tried — the first
//! that matches decides, and the verdict carries the rule and the numbers that decided it:
//! built → blue; not started in its planned month → yellow, three months late → red; the year's
//! investment behind time progress (序时进度) by 10 to 30 points → yellow, by more → red; an
//! approval node overdue → yellow; a coordination issue past its deadline → yellow; the month's
//! report missing → yellow; otherwise green.

use chrono::NaiveDate;

use super::{Month, Stage, Wan, money::percent_text};
use crate::{Lang, Light, fmt_date};

/// A region's thresholds for project warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectThresholds {
    /// Points behind time progress from which the light is yellow.
    pub yellow_lag: i64,
    /// Points behind time progress past which it is red.
    pub red_lag: i64,
    /// Months past the planned start, not started, from which it is red.
    pub red_months_late: i64,
}

impl Default for ProjectThresholds {
    fn default() -> Self {
        ProjectThresholds {
            yellow_lag: 10,
            red_lag: 30,
            red_months_late: 3,
        }
    }
}

/// What the rules read of a project, as of a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFacts {
    /// Its stage.
    pub stage: Option<Stage>,
    /// The month it was planned to start.
    pub planned_start: Option<Month>,
    /// This year's planned investment.
    pub annual_plan: Wan,
    /// The latest month reported this year and the year's investment up to it.
    pub done_to: Option<(Month, Wan)>,
    /// The earliest approval node past its planned date and not done: its name and date.
    pub node_overdue: Option<(String, NaiveDate)>,
    /// The earliest open coordination issue past its deadline: its title and deadline.
    pub issue_overdue: Option<(String, NaiveDate)>,
    /// The month whose report is owed and missing.
    pub report_missing: Option<Month>,
}

/// Which rule decided (stored with the warning, as JSON).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum WarningRule {
    /// Built (竣工 or 投产).
    Finished,
    /// Not started `months` after its planned start month.
    NotStarted { planned: Month, months: i64 },
    /// The year's investment `lag` hundredths of a point behind time progress.
    Behind { to: Month, done: Wan, share: i64, lag: i64 },
    /// An approval node overdue.
    NodeOverdue { name: String, due: NaiveDate, days: i64 },
    /// A coordination issue past its deadline.
    IssueOverdue { title: String, due: NaiveDate, days: i64 },
    /// The month's report is missing.
    ReportMissing { month: Month },
    /// None of the above; the investment so far, when there is any.
    OnTrack { to: Option<(Month, Wan, i64)> },
}

/// A project's warning: its light and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectVerdict {
    /// The light.
    pub light: Light,
    /// The rule and its numbers.
    pub rule: WarningRule,
}

/// Judges a project as of `today`.
pub fn judge_project(f: &ProjectFacts, th: ProjectThresholds, today: NaiveDate) -> ProjectVerdict {
    let now = Month::of(today);
    let verdict = |light, rule| ProjectVerdict { light, rule };
    let stage = f.stage.unwrap_or(Stage::Preliminary);
    if stage.finished() {
        return verdict(Light::Blue, WarningRule::Finished);
    }
    if let Some(planned) = f.planned_start
        && !stage.started()
        && planned < now
    {
        let months = planned.months_to(now);
        let light = if months >= th.red_months_late {
            Light::Red
        } else {
            Light::Yellow
        };
        return verdict(light, WarningRule::NotStarted { planned, months });
    }
    let behind = f.done_to.and_then(|(to, done)| {
        let share = done.share_of(f.annual_plan)?;
        Some((to, done, share, to.time_progress() - share))
    });
    if let Some((to, done, share, lag)) = behind
        && lag >= th.yellow_lag * 100
    {
        let light = if lag > th.red_lag * 100 {
            Light::Red
        } else {
            Light::Yellow
        };
        return verdict(light, WarningRule::Behind { to, done, share, lag });
    }
    if let Some((name, due)) = f.node_overdue.clone().filter(|(_, d)| *d < today) {
        let days = (today - due).num_days();
        return verdict(Light::Yellow, WarningRule::NodeOverdue { name, due, days });
    }
    if let Some((title, due)) = f.issue_overdue.clone().filter(|(_, d)| *d < today) {
        let days = (today - due).num_days();
        return verdict(Light::Yellow, WarningRule::IssueOverdue { title, due, days });
    }
    if let Some(month) = f.report_missing {
        return verdict(Light::Yellow, WarningRule::ReportMissing { month });
    }
    let to = behind.map(|(to, done, share, _)| (to, done, share));
    verdict(Light::Green, WarningRule::OnTrack { to })
}

/// Hundredths of a percent as text with one decimal, rounded half up: `27.0`.
fn one_decimal(hundredths: i64) -> String {
    let tenths = (hundredths.abs() + 5) / 10 * hundredths.signum();
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

impl ProjectVerdict {
    /// Why, in words with the numbers: `1–6月完成投资2,300万元，年度计划的23.0%，落后序时进度27.0个百分点`.
    pub fn explain(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.rule {
            WarningRule::Finished => lang.pick("已建成", "Built").to_string(),
            WarningRule::NotStarted { planned, months } if zh => {
                format!("计划于{}开工，尚未开工，已推迟{months}个月", planned.text(lang))
            }
            WarningRule::NotStarted { planned, months } => format!(
                "Planned to start in {}, not started: {months} month(s) late",
                planned.text(lang)
            ),
            WarningRule::Behind { to, done, share, lag } if zh => format!(
                "{}完成投资{}万元，年度计划的{}%，落后序时进度{}个百分点",
                to.to_date_text(lang),
                done.wan_text(),
                one_decimal(*share),
                one_decimal(*lag)
            ),
            WarningRule::Behind { to, done, share, lag } => format!(
                "{}: {} 万元 invested, {}% of the year's plan, {} points behind time progress",
                to.to_date_text(lang),
                done.wan_text(),
                one_decimal(*share),
                one_decimal(*lag)
            ),
            WarningRule::NodeOverdue { name, due, days } if zh => {
                format!("审批节点“{name}”应于{}完成，已逾期{days}天", fmt_date(*due, lang))
            }
            WarningRule::NodeOverdue { name, due, days } => format!(
                "The approval step “{name}” was due on {}: {days} day(s) overdue",
                fmt_date(*due, lang)
            ),
            WarningRule::IssueOverdue { title, due, days } if zh => {
                format!("协调事项“{title}”应于{}办结，已逾期{days}天", fmt_date(*due, lang))
            }
            WarningRule::IssueOverdue { title, due, days } => format!(
                "The coordination issue “{title}” was due on {}: {days} day(s) overdue",
                fmt_date(*due, lang)
            ),
            WarningRule::ReportMissing { month } if zh => format!("{}项目进展未报送", month.text(lang)),
            WarningRule::ReportMissing { month } => format!("The report for {} is missing", month.text(lang)),
            WarningRule::OnTrack {
                to: Some((to, done, share)),
            } if zh => format!(
                "{}完成投资{}万元，年度计划的{}%，序时进度{}%",
                to.to_date_text(lang),
                done.wan_text(),
                one_decimal(*share),
                one_decimal(to.time_progress())
            ),
            WarningRule::OnTrack {
                to: Some((to, done, share)),
            } => format!(
                "{}: {} 万元 invested, {}% of the year's plan; time progress {}%",
                to.to_date_text(lang),
                done.wan_text(),
                one_decimal(*share),
                one_decimal(to.time_progress())
            ),
            WarningRule::OnTrack { to: None } => lang.pick("按计划推进", "On plan").to_string(),
        }
    }

    /// The rule's stored code.
    pub fn rule_code(&self) -> &'static str {
        match self.rule {
            WarningRule::Finished => "finished",
            WarningRule::NotStarted { .. } => "not_started",
            WarningRule::Behind { .. } => "behind",
            WarningRule::NodeOverdue { .. } => "node_overdue",
            WarningRule::IssueOverdue { .. } => "issue_overdue",
            WarningRule::ReportMissing { .. } => "report_missing",
            WarningRule::OnTrack { .. } => "on_track",
        }
    }
}

/// A share in hundredths of a percent as the published summaries write it: `151.47%`.
pub fn published_percent(hundredths: i64) -> String {
    format!("{}%", percent_text(hundredths))
}
