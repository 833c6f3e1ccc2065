//! Rollup of lights and progress up the task tree (DOMAIN.md, Rules): a parent is blue when all
//! its children are; otherwise it takes the worst child's light; its progress is the weighted
//! mean of theirs.

use crate::light::{Light, Reason, Verdict};

/// What a parent needs to know of one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RollupChild {
    /// The child's light.
    pub light: Light,
    /// The child's progress, percent.
    pub progress: u8,
    /// The child's weight among its siblings.
    pub weight: u8,
    /// Whether the child (or a task below it) has sent a report or is done: until one child
    /// has, its parent keeps its own figure (DOMAIN.md, Rules).
    pub reported: bool,
    /// The child's light and progress on accepted reports only, when its verdict rests on a
    /// report not yet accepted.
    pub checked: Option<(Light, u8)>,
}

impl RollupChild {
    /// A child as its verdict says; `own_sent`: whether the child itself has sent a report.
    pub fn of(v: &Verdict, weight: u8, own_sent: bool) -> RollupChild {
        RollupChild {
            light: v.light,
            progress: v.progress,
            weight,
            reported: own_sent || v.light == Light::Blue || matches!(v.reason, Reason::Rollup { .. }),
            checked: v.checked.as_deref().map(|c| (c.light, c.progress)),
        }
    }
}

/// A parent's rolled-up light (with its counts) and progress.
pub type Rolled = Verdict;

/// Rolls children up into their parent's verdict; `None` when there are no children. When a
/// child's light rests on a report not yet accepted, so does the parent's, and the parent carries
/// the rollup of the children's lights on accepted reports beside it.
pub fn rollup(children: &[RollupChild]) -> Option<Rolled> {
    let mut v = rollup_of(children)?;
    if children.iter().any(|c| c.checked.is_some()) {
        let checked: Vec<RollupChild> = children
            .iter()
            .map(|c| {
                let (light, progress) = c.checked.unwrap_or((c.light, c.progress));
                RollupChild {
                    light,
                    progress,
                    checked: None,
                    ..*c
                }
            })
            .collect();
        v.checked = rollup_of(&checked).map(Box::new);
    }
    Some(v)
}

fn rollup_of(children: &[RollupChild]) -> Option<Rolled> {
    if children.is_empty() {
        return None;
    }
    let count = |l: Light| children.iter().filter(|c| c.light == l).count();
    let (red, yellow, green, blue) = (
        count(Light::Red),
        count(Light::Yellow),
        count(Light::Green),
        count(Light::Blue),
    );
    let light = children
        .iter()
        .map(|c| c.light)
        .max_by_key(|l| l.severity())
        .unwrap_or(Light::Green);
    let progress = weighted_progress(children.iter().map(|c| (u64::from(c.weight), c.progress)));
    Some(Verdict {
        light,
        reason: Reason::Rollup {
            total: children.len(),
            red,
            yellow,
            green,
            blue,
            progress,
            own: None,
        },
        time_progress: None,
        progress,
        checked: None,
    })
}

/// The weighted mean of progresses, rounded: each `(weight, progress)` counts its weight (at
/// least 1) times its progress (at most 100); 0 when there are none. The one roll-up of
/// progress: a parent's over its children, a plan's over its top-level tasks.
pub fn weighted_progress(items: impl IntoIterator<Item = (u64, u8)>) -> u8 {
    let (mut weighted, mut total) = (0u64, 0u64);
    for (w, p) in items {
        let w = w.max(1);
        weighted += w * u64::from(p.min(100));
        total += w;
    }
    if total == 0 {
        return 0;
    }
    ((weighted + total / 2) / total) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn c(light: Light, progress: u8, weight: u8) -> RollupChild {
        RollupChild {
            light,
            progress,
            weight,
            reported: true,
            checked: None,
        }
    }

    #[test]
    fn a_parent_is_blue_only_when_every_child_is_blue() {
        let all_done = [c(Light::Blue, 100, 1), c(Light::Blue, 100, 3)];
        assert_eq!(rollup(&all_done).unwrap().light, Light::Blue);
        let one_open = [c(Light::Blue, 100, 1), c(Light::Green, 40, 1)];
        assert_eq!(rollup(&one_open).unwrap().light, Light::Green);
    }

    #[test]
    fn a_parent_takes_its_worst_childs_light() {
        let kids = [c(Light::Green, 50, 1), c(Light::Red, 10, 1), c(Light::Yellow, 30, 1)];
        let v = rollup(&kids).unwrap();
        assert_eq!(v.light, Light::Red);
        assert_eq!(
            v.explain(Lang::Zh),
            "红灯：由3项下级任务汇总：红灯1项、黄灯1项、绿灯1项、已办结0项；取最差者，进度按权重加权平均为30%"
        );
    }

    #[test]
    fn progress_is_the_weighted_mean_of_the_children() {
        let kids = [c(Light::Green, 100, 3), c(Light::Green, 0, 1)];
        assert_eq!(rollup(&kids).unwrap().progress, 75);
    }

    #[test]
    fn a_weighted_mean_of_nothing_is_zero_and_weights_count_at_least_one() {
        assert_eq!(weighted_progress([]), 0);
        assert_eq!(weighted_progress([(0, 100), (1, 0)]), 50);
        assert_eq!(weighted_progress([(1, 33), (1, 34)]), 34);
    }

    #[test]
    fn a_parent_over_an_unchecked_child_carries_the_rollup_on_accepted_reports() {
        let kids = [
            RollupChild {
                checked: Some((Light::Yellow, 30)),
                ..c(Light::Green, 60, 1)
            },
            c(Light::Green, 80, 1),
        ];
        let v = rollup(&kids).unwrap();
        assert_eq!((v.light, v.progress), (Light::Green, 70));
        let checked = v.checked.as_deref().unwrap();
        assert_eq!((checked.light, checked.progress), (Light::Yellow, 55));
        assert!(checked.checked.is_none());
        assert_eq!(rollup(&[c(Light::Green, 60, 1)]).unwrap().checked, None);
    }

    #[test]
    fn no_children_means_no_rollup() {
        assert_eq!(rollup(&[]), None);
    }
}
