//! An indicator's light (指标亮灯), judged from its latest accepted figure — the first rule that
//! matches decides, and the verdict carries the rule and the numbers: a cumulative target
//! already reached → blue; behind time progress (an amount) or the annual target (a rate) by
//! more than the red threshold → red, by more than the yellow one → yellow; a figure owed and
//! missing → yellow; otherwise green. Points are taken from the published (rounded) shares, so
//! the sentence adds up as printed: 52.1% − 50.0% = 2.1 points.

use super::{Direction, Figure, Kind, Profile, Tenths};
use crate::Light;
use crate::project::Month;

/// A region's thresholds for indicator lights, in tenths of a point behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorThresholds {
    /// Behind by more than this → yellow (0: any shortfall).
    pub yellow: Tenths,
    /// Behind by more than this → red.
    pub red: Tenths,
}

impl Default for IndicatorThresholds {
    fn default() -> Self {
        IndicatorThresholds {
            yellow: Tenths(0),
            red: Tenths(50),
        }
    }
}

/// The latest accepted figure of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latest {
    /// The month it is for.
    pub month: Month,
    /// The cumulative amount, or the growth rate in percent.
    pub value: Figure,
}

/// What the rules read of an indicator, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorFacts {
    /// Amount or rate.
    pub kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// The annual target (an amount, or a rate in percent).
    pub target: Figure,
    /// How time progress runs.
    pub profile: Profile,
    /// The latest accepted figure this year.
    pub latest: Option<Latest>,
    /// The earliest month whose figure is owed and past its due day.
    pub missing: Option<Month>,
}

/// Which rule decided (stored with the light, as JSON).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum IndicatorRule {
    /// The annual target reached (a cumulative amount, more is better).
    Met { to: Month, actual: Figure, share: Tenths },
    /// An amount against time progress: `ahead` points (below zero: behind).
    Amount {
        to: Month,
        actual: Figure,
        share: Tenths,
        progress: Tenths,
        ahead: Tenths,
    },
    /// A rate against the annual target: `ahead` points (below zero: behind).
    Rate {
        to: Month,
        rate: Tenths,
        target: Tenths,
        ahead: Tenths,
    },
    /// A figure owed and missing.
    Missing { month: Month },
    /// Nothing accepted this year yet, nothing owed.
    NoFigure,
}

/// An indicator's light and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorVerdict {
    /// The light.
    pub light: Light,
    /// The rule and its numbers.
    pub rule: IndicatorRule,
    /// The earliest month owed and missing, named beside the figure compared.
    pub missing: Option<Month>,
}

/// The comparison of a figure, without deciding a light: an amount against time progress at
/// its month, a rate against the target.
pub fn compare(kind: Kind, direction: Direction, target: Figure, profile: &Profile, latest: Latest) -> IndicatorRule {
    let sign = match direction {
        Direction::Higher => 1,
        Direction::Lower => -1,
    };
    match kind {
        Kind::Amount => {
            let share = latest.value.share_of(target).unwrap_or_default();
            let progress = profile.at(latest.month);
            if direction == Direction::Higher && latest.value >= target && target.0 > 0 {
                return IndicatorRule::Met {
                    to: latest.month,
                    actual: latest.value,
                    share,
                };
            }
            IndicatorRule::Amount {
                to: latest.month,
                actual: latest.value,
                share,
                progress,
                ahead: Tenths(sign * (share.0 - progress.0)),
            }
        }
        Kind::Rate => {
            let (rate, target) = (latest.value.tenths(), target.tenths());
            IndicatorRule::Rate {
                to: latest.month,
                rate,
                target,
                ahead: Tenths(sign * (rate.0 - target.0)),
            }
        }
    }
}

/// Judges an indicator.
pub fn judge_indicator(f: &IndicatorFacts, th: IndicatorThresholds) -> IndicatorVerdict {
    let verdict = |light, rule| IndicatorVerdict {
        light,
        rule,
        missing: f.missing,
    };
    let Some(latest) = f.latest else {
        return match f.missing {
            Some(month) => verdict(Light::Yellow, IndicatorRule::Missing { month }),
            None => verdict(Light::Green, IndicatorRule::NoFigure),
        };
    };
    let rule = compare(f.kind, f.direction, f.target, &f.profile, latest);
    let behind = match &rule {
        IndicatorRule::Met { .. } => return verdict(Light::Blue, rule),
        IndicatorRule::Amount { ahead, .. } | IndicatorRule::Rate { ahead, .. } => -ahead.0,
        IndicatorRule::Missing { .. } | IndicatorRule::NoFigure => 0,
    };
    if behind > th.red.0 {
        return verdict(Light::Red, rule);
    }
    if behind > th.yellow.0 || f.missing.is_some() {
        return verdict(Light::Yellow, rule);
    }
    verdict(Light::Green, rule)
}

impl IndicatorVerdict {
    /// The rule's stored code.
    pub fn rule_code(&self) -> &'static str {
        match self.rule {
            IndicatorRule::Met { .. } => "met",
            IndicatorRule::Amount { .. } => "amount",
            IndicatorRule::Rate { .. } => "rate",
            IndicatorRule::Missing { .. } => "missing",
            IndicatorRule::NoFigure => "no_figure",
        }
    }

    /// Points behind, when a figure was compared.
    pub fn behind(&self) -> Option<i64> {
        match self.rule {
            IndicatorRule::Amount { ahead, .. } | IndicatorRule::Rate { ahead, .. } => Some(-ahead.0),
            _ => None,
        }
    }
}
