//! The half-way check (双过半) as the mid-year report states it: time half gone (时间过半 — the
//! year's first six months are over) and the task half done (任务过半 — an amount at least half
//! of its annual target, or, for a ceiling, at most half; a rate at or better than its target),
//! both together; and, beside it, whether the figure keeps time progress where a monthly
//! profile sets another pace than half.

use super::{Direction, Figure, Kind, Profile, Tenths};
use crate::project::Month;

/// The half-way check of one indicator for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfWay {
    /// The month checked.
    pub month: Month,
    /// 时间过半: the month is June or later.
    pub time_half: bool,
    /// 任务过半.
    pub task_half: bool,
    /// The share of the annual target (amounts).
    pub share: Option<Tenths>,
    /// Time progress at the month by the indicator's profile (amounts).
    pub progress: Option<Tenths>,
    /// Whether the figure keeps time progress (amounts) or the target (rates).
    pub on_pace: bool,
}

impl HalfWay {
    /// 双过半: both.
    pub fn both(&self) -> bool {
        self.time_half && self.task_half
    }
}

/// Checks `actual` (the cumulative amount or the rate at `month`) against `target`.
pub fn half_way(
    kind: Kind,
    direction: Direction,
    target: Figure,
    profile: &Profile,
    month: Month,
    actual: Figure,
) -> HalfWay {
    let time_half = month.month >= 6;
    let better = |a: i64, b: i64| match direction {
        Direction::Higher => a >= b,
        Direction::Lower => a <= b,
    };
    match kind {
        Kind::Amount => {
            let share = actual.share_of(target).unwrap_or_default();
            let progress = profile.at(month);
            HalfWay {
                month,
                time_half,
                task_half: better(share.0, 500),
                share: Some(share),
                progress: Some(progress),
                on_pace: better(share.0, progress.0),
            }
        }
        Kind::Rate => {
            let ok = better(actual.tenths().0, target.tenths().0);
            HalfWay {
                month,
                time_half,
                task_half: ok,
                share: None,
                progress: None,
                on_pace: ok,
            }
        }
    }
}
