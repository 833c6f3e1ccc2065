//! Status lights (红黄绿灯): the rules of DOMAIN.md, in the order they are tried.
//!
//! blue — done; red — past the deadline, a milestone more than 15 days late, or time progress
//! ahead of reported progress by more than 40 points; yellow — a milestone late, a lag of more
//! than 20 points, or the latest due report missing; green — otherwise. Every verdict carries
//! the rule and the numbers that decided it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A task's status light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// 蓝灯: done.
    Blue,
    /// 红灯: overdue or seriously lagging.
    Red,
    /// 黄灯: lagging.
    Yellow,
    /// 绿灯: on track.
    Green,
}

impl Light {
    /// Every light, in the order lists show them.
    pub const ALL: [Light; 4] = [Light::Red, Light::Yellow, Light::Green, Light::Blue];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Light::Blue => "blue",
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Light> {
        Light::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The light's name in the given language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Light::Blue => lang.pick("蓝灯", "Blue"),
            Light::Red => lang.pick("红灯", "Red"),
            Light::Yellow => lang.pick("黄灯", "Yellow"),
            Light::Green => lang.pick("绿灯", "Green"),
        }
    }

    /// How bad the light is for rollup: red is worst, blue (done) is best.
    pub fn severity(self) -> u8 {
        match self {
            Light::Red => 3,
            Light::Yellow => 2,
            Light::Green => 1,
            Light::Blue => 0,
        }
    }
}

/// Which reports a plan's lights take their progress from (a plan's setting, DOMAIN.md Rules).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The latest report sent, accepted or not; a light resting on one the office has not yet
    /// accepted is marked 待审核 and carries the light on accepted reports beside it.
    #[default]
    Sent,
    /// Accepted reports only (what the public site always uses).
    Accepted,
}

impl Basis {
    /// Both, in the order forms offer them.
    pub const ALL: [Basis; 2] = [Basis::Sent, Basis::Accepted];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Basis::Sent => "sent",
            Basis::Accepted => "accepted",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == code)
    }

    /// Its name in the given language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Basis::Sent => lang.pick(
                "按最新报送判灯（未审核的标注“待审核”）",
                "the latest report sent (marked “awaiting review” until accepted)",
            ),
            Basis::Accepted => lang.pick("只按已采纳的报送判灯", "accepted reports only"),
        }
    }
}

/// The thresholds of the rules and the reports they read; each plan may set its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Points of lag (time progress minus reported progress) above which a task is yellow.
    pub yellow_lag: u8,
    /// Points of lag above which a task is red.
    pub red_lag: u8,
    /// Days a milestone may be overdue before the task is red.
    pub milestone_red_days: u16,
    /// Which reports the progress is taken from.
    #[serde(default)]
    pub basis: Basis,
}

impl Default for Thresholds {
    /// The defaults of DOMAIN.md, Rules.
    fn default() -> Self {
        Thresholds {
            yellow_lag: 20,
            red_lag: 40,
            milestone_red_days: 15,
            basis: Basis::Sent,
        }
    }
}

/// A milestone (节点目标) as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneState {
    /// What should be reached.
    pub title: String,
    /// By when.
    pub due: NaiveDate,
    /// Whether it has been reached.
    pub done: bool,
}

/// Everything the light of one task depends on.
#[derive(Debug, Clone)]
pub struct LightInput<'a> {
    /// The day being judged.
    pub today: NaiveDate,
    /// When the task started.
    pub start: NaiveDate,
    /// The deadline; `None` for 长期坚持.
    pub due: Option<NaiveDate>,
    /// When completion (办结) was approved, if it was.
    pub done_on: Option<NaiveDate>,
    /// The task's milestones.
    pub milestones: &'a [MilestoneState],
    /// Percent complete in the latest submitted or accepted report.
    pub reported: Option<u8>,
    /// Whether that missing report was in fact sent and returned.
    pub missing_report_returned: bool,
    /// Due date of the latest report that fell due and was not sent, if any.
    pub missing_report_due: Option<NaiveDate>,
}

/// The rule that decided a light, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// Completion approved.
    Done {
        /// When.
        on: Option<NaiveDate>,
    },
    /// Past the deadline and not done.
    Overdue {
        /// The deadline.
        due: NaiveDate,
        /// Days past it.
        days: i64,
    },
    /// A milestone is overdue (`serious`: by more than the red threshold).
    MilestoneLate {
        /// The milestone.
        title: String,
        /// Its date.
        due: NaiveDate,
        /// Days past it.
        days: i64,
        /// Whether this made the task red rather than yellow.
        serious: bool,
    },
    /// Time progress is ahead of reported progress (`serious`: past the red threshold).
    Lagging {
        /// Time progress, percent.
        time: u8,
        /// Reported progress, percent.
        reported: u8,
        /// The difference in points.
        gap: u8,
        /// Whether this made the task red rather than yellow.
        serious: bool,
    },
    /// The latest due report was not sent (or was returned and not yet sent again).
    ReportMissing {
        /// When it was due.
        due: NaiveDate,
        /// It was sent but returned by the supervision office.
        #[serde(default)]
        returned: bool,
    },
    /// Nothing is wrong.
    OnTrack {
        /// Time progress, percent; `None` for 长期坚持.
        time: Option<u8>,
        /// Reported progress, percent.
        reported: Option<u8>,
    },
    /// A parent task's light, taken from its children.
    Rollup {
        /// Number of children.
        total: usize,
        /// Children that are red.
        red: usize,
        /// Children that are yellow.
        yellow: usize,
        /// Children that are green.
        green: usize,
        /// Children that are done.
        blue: usize,
        /// The weighted mean of the children's progress, percent.
        #[serde(default)]
        progress: u8,
        /// The parent's own latest reported progress (from before it was broken down), shown
        /// beside the children's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        own: Option<u8>,
    },
    /// A task broken down into sub-tasks none of which has reported yet: judged, as before it
    /// was broken down, on its own reports.
    Kept {
        /// Number of sub-tasks.
        sub_tasks: usize,
        /// The rule that decided on its own reports.
        own: Box<Reason>,
    },
}

/// A light and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The light.
    pub light: Light,
    /// The rule and its numbers.
    pub reason: Reason,
    /// Time progress in percent, where the task has a deadline.
    pub time_progress: Option<u8>,
    /// Progress in percent used for rollups (reported, or 100 when done).
    pub progress: u8,
    /// The verdict on accepted reports only, when this one rests on a report the office has not
    /// yet accepted (the light is then marked 待审核).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Box<Verdict>>,
}

impl Verdict {
    /// The explanation shown beside the light, e.g.
    /// `黄灯:时间进度62%,报送进度35%,落后27个百分点`.
    pub fn explain(&self, lang: Lang) -> String {
        format!(
            "{}{}{}",
            self.light.name(lang),
            lang.pick("：", ": "),
            self.reason.explain(lang)
        )
    }
}

impl Verdict {
    /// Whether the light rests on a report the office has not yet accepted (待审核).
    pub fn unchecked(&self) -> bool {
        self.checked.is_some()
    }

    /// What the 待审核 mark says: the light on accepted reports only, e.g.
    /// `待审核：按已采纳的报送为黄灯（时间进度62%，报送进度35%，落后27个百分点）`; `None` when the
    /// light rests on accepted reports.
    pub fn explain_checked(&self, lang: Lang) -> Option<String> {
        let c = self.checked.as_deref()?;
        Some(match lang {
            Lang::Zh => format!(
                "待审核：按已采纳的报送为{}（{}）",
                c.light.name(lang),
                c.reason.explain(lang)
            ),
            Lang::En => format!(
                "awaiting review: on accepted reports only, {} ({})",
                c.light.name(lang).to_lowercase(),
                c.reason.explain(lang)
            ),
        })
    }
}

/// Judges one task on `input.today` by the rules of DOMAIN.md.
pub fn evaluate(input: &LightInput<'_>, t: &Thresholds) -> Verdict {
    let today = input.today;
    let reported = input.reported.unwrap_or(0).min(100);
    let time = input.due.map(|due| TimeProgress::new(input.start, due, today));
    let time_pct = time.map(|tp| tp.percent());
    let verdict = |light, reason| Verdict {
        light,
        reason,
        time_progress: time_pct,
        progress: reported,
        checked: None,
    };

    if input.done_on.is_some() {
        return Verdict {
            progress: 100,
            ..verdict(Light::Blue, Reason::Done { on: input.done_on })
        };
    }

    if let Some(due) = input.due
        && today > due
    {
        let days = (today - due).num_days();
        return verdict(Light::Red, Reason::Overdue { due, days });
    }

    // The most overdue milestone decides; red once it is more than the threshold late.
    let late = input
        .milestones
        .iter()
        .filter(|m| !m.done && today > m.due)
        .max_by_key(|m| (today - m.due).num_days());
    let milestone_reason = |serious| {
        late.map(|m| Reason::MilestoneLate {
            title: m.title.clone(),
            due: m.due,
            days: (today - m.due).num_days(),
            serious,
        })
    };
    if let Some(m) = late
        && (today - m.due).num_days() > i64::from(t.milestone_red_days)
        && let Some(reason) = milestone_reason(true)
    {
        return verdict(Light::Red, reason);
    }

    if let Some(tp) = time
        && tp.lags_by_more_than(reported, t.red_lag)
    {
        return verdict(Light::Red, tp.lagging(reported, true));
    }

    if let Some(reason) = milestone_reason(false) {
        return verdict(Light::Yellow, reason);
    }

    if let Some(tp) = time
        && tp.lags_by_more_than(reported, t.yellow_lag)
    {
        return verdict(Light::Yellow, tp.lagging(reported, false));
    }

    if let Some(due) = input.missing_report_due {
        return verdict(
            Light::Yellow,
            Reason::ReportMissing {
                due,
                returned: input.missing_report_returned,
            },
        );
    }

    verdict(
        Light::Green,
        Reason::OnTrack {
            time: time_pct,
            reported: input.reported,
        },
    )
}

/// Time progress kept as a fraction of whole days, so thresholds are compared exactly.
#[derive(Debug, Clone, Copy)]
struct TimeProgress {
    elapsed: i64,
    total: i64,
}

impl TimeProgress {
    /// (today − start) / (due − start), clamped to [0, 1] (DOMAIN.md, Rules).
    fn new(start: NaiveDate, due: NaiveDate, today: NaiveDate) -> TimeProgress {
        let total = (due - start).num_days();
        if total <= 0 {
            // A task due the day it starts: no time has gone until that day, all of it after.
            let elapsed = i64::from(today >= due);
            return TimeProgress { elapsed, total: 1 };
        }
        let elapsed = (today - start).num_days().clamp(0, total);
        TimeProgress { elapsed, total }
    }

    fn percent(self) -> u8 {
        ((self.elapsed * 100 + self.total / 2) / self.total) as u8
    }

    /// time% − reported% > points, in whole-number arithmetic.
    fn lags_by_more_than(self, reported: u8, points: u8) -> bool {
        100 * self.elapsed - i64::from(reported) * self.total > i64::from(points) * self.total
    }

    fn lagging(self, reported: u8, serious: bool) -> Reason {
        let time = self.percent();
        Reason::Lagging {
            time,
            reported,
            gap: time.saturating_sub(reported),
            serious,
        }
    }
}

mod reason;
#[cfg(test)]
mod tests;
