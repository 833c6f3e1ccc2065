//! Judging a whole task tree at once: leaves by the light rules, parents by rollup.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::{
    calendar::WorkCalendar,
    cycle::Cycle,
    light::{Basis, Light, LightInput, MilestoneState, Reason, Thresholds, Verdict, evaluate},
    rollup::{RollupChild, rollup},
};

/// The facts about one task that its light depends on.
#[derive(Debug, Clone)]
pub struct TaskFacts {
    /// The task.
    pub id: i64,
    /// Its parent in the tree.
    pub parent_id: Option<i64>,
    /// Its weight among its siblings.
    pub weight: u8,
    /// When it started.
    pub start: NaiveDate,
    /// Its deadline; `None` for 长期坚持.
    pub due: Option<NaiveDate>,
    /// When its completion was approved.
    pub done_on: Option<NaiveDate>,
    /// Its reporting cycle.
    pub cycle: Cycle,
    /// Its milestones.
    pub milestones: Vec<MilestoneState>,
    /// The period (start day) and progress of its latest submitted or accepted report.
    pub latest_sent: Option<(NaiveDate, u8)>,
    /// The period (start day) and progress of its latest accepted report.
    pub latest_accepted: Option<(NaiveDate, u8)>,
    /// The period (start day) of its latest returned report.
    pub latest_returned: Option<NaiveDate>,
}

/// The due date (moved to a working day) of the latest report that fell due on or before
/// `today` and was not sent, given the period of the latest report that was sent.
pub fn missing_report_due(
    cycle: Cycle,
    calendar: &WorkCalendar,
    today: NaiveDate,
    start: NaiveDate,
    latest_sent_period: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let due_period = calendar.latest_due(cycle, today, start)?;
    match latest_sent_period {
        Some(sent) if sent >= due_period.start => None,
        _ => Some(calendar.due(cycle, due_period)),
    }
}

/// Judges every task of a tree on `today`: leaves by the rules, parents by their children.
/// A parent whose own completion was approved is blue whatever its children say.
pub fn judge_tree(
    tasks: &[TaskFacts],
    today: NaiveDate,
    thresholds: &Thresholds,
    calendar: &WorkCalendar,
) -> HashMap<i64, Verdict> {
    let ctx = Ctx {
        tasks,
        today,
        thresholds,
        calendar,
    };
    let mut children: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, t) in tasks.iter().enumerate() {
        if let Some(p) = t.parent_id {
            children.entry(p).or_default().push(i);
        }
    }
    let index: HashMap<i64, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut out = HashMap::with_capacity(tasks.len());
    // Roots are tasks without a parent, or whose parent is not in the slice.
    let roots = tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.parent_id.is_none_or(|p| !index.contains_key(&p)))
        .map(|(i, _)| i);
    for root in roots {
        judge(root, &ctx, &children, &mut out);
    }
    out
}

struct Ctx<'a> {
    tasks: &'a [TaskFacts],
    today: NaiveDate,
    thresholds: &'a Thresholds,
    calendar: &'a WorkCalendar,
}

fn judge(i: usize, ctx: &Ctx<'_>, children: &HashMap<i64, Vec<usize>>, out: &mut HashMap<i64, Verdict>) -> Verdict {
    let t = &ctx.tasks[i];
    let kids: Option<Vec<RollupChild>> = children.get(&t.id).map(|kids| {
        kids.iter()
            .map(|&k| {
                let v = judge(k, ctx, children, out);
                RollupChild::of(&v, ctx.tasks[k].weight, ctx.tasks[k].latest_sent.is_some())
            })
            .collect()
    });
    let verdict = judge_task(t, kids.as_deref(), ctx.today, ctx.thresholds, ctx.calendar);
    out.insert(t.id, verdict.clone());
    verdict
}

/// Judges one task on `today` given its children's verdicts (`None` or empty for a task without
/// sub-tasks): a parent rolls its children up unless its own completion was approved, or none of
/// its children has reported yet (then it is judged on its own reports, as before it was broken
/// down); a leaf is judged by the rules. `judge_tree` and the stored lights (updated one task and
/// its ancestors at a time) both judge through here, so they cannot disagree.
pub fn judge_task(
    t: &TaskFacts,
    children: Option<&[RollupChild]>,
    today: NaiveDate,
    thresholds: &Thresholds,
    calendar: &WorkCalendar,
) -> Verdict {
    let own = || judge_own(t, today, thresholds, calendar);
    match children {
        Some(kids) if t.done_on.is_none() && kids.iter().any(|k| k.reported) => match rollup(kids) {
            Some(mut v) => {
                let figure = t.latest_sent.map(|(_, p)| p);
                set_own(&mut v.reason, figure);
                if let Some(c) = v.checked.as_deref_mut() {
                    set_own(&mut c.reason, figure);
                }
                v
            }
            None => own(),
        },
        Some(kids) if t.done_on.is_none() && !kids.is_empty() => {
            let mut v = own();
            let keep = |r: &mut Reason| {
                let own = std::mem::replace(r, Reason::Done { on: None });
                *r = Reason::Kept {
                    sub_tasks: kids.len(),
                    own: Box::new(own),
                };
            };
            keep(&mut v.reason);
            if let Some(c) = v.checked.as_deref_mut() {
                keep(&mut c.reason);
            }
            v
        }
        _ => own(),
    }
}

fn set_own(reason: &mut Reason, figure: Option<u8>) {
    if let Reason::Rollup { own, .. } = reason {
        *own = figure;
    }
}

/// Judges a task on its own reports: on the plan's basis (the latest sent, or accepted only); a
/// light on the latest sent report that the office has not accepted carries the light on
/// accepted reports beside it (待审核). Whether a report is missing is judged on the reports
/// sent either way: a unit that reported on time is not late while its report waits for review.
fn judge_own(t: &TaskFacts, today: NaiveDate, thresholds: &Thresholds, calendar: &WorkCalendar) -> Verdict {
    let missing = missing_report_due(t.cycle, calendar, today, t.start, t.latest_sent.map(|(p, _)| p));
    let returned = missing.is_some()
        && calendar
            .latest_due(t.cycle, today, t.start)
            .is_some_and(|p| t.latest_returned == Some(p.start));
    let on = |figure: Option<(NaiveDate, u8)>| {
        evaluate(
            &LightInput {
                today,
                start: t.start,
                due: t.due,
                done_on: t.done_on,
                milestones: &t.milestones,
                reported: figure.map(|(_, p)| p),
                missing_report_due: missing,
                missing_report_returned: returned,
            },
            thresholds,
        )
    };
    match thresholds.basis {
        Basis::Accepted => on(t.latest_accepted),
        Basis::Sent => {
            let mut v = on(t.latest_sent);
            let unchecked = t
                .latest_sent
                .is_some_and(|(p, _)| t.latest_accepted.map(|(a, _)| a) != Some(p));
            if unchecked && v.light != Light::Blue {
                v.checked = Some(Box::new(on(t.latest_accepted)));
            }
            v
        }
    }
}

/// A tree's tasks, given as `(id, parent)` pairs with siblings in their order, in tree order
/// (pre-order): each task's index in `tasks`, its depth and its outline number (`2.1.3`),
/// parents before children. A parent not among the tasks makes a task top-level.
pub fn outline_order(tasks: &[(i64, Option<i64>)]) -> Vec<(usize, usize, String)> {
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    let ids: std::collections::HashSet<i64> = tasks.iter().map(|t| t.0).collect();
    for (i, t) in tasks.iter().enumerate() {
        let parent = t.1.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(i);
    }
    let mut order: Vec<(usize, usize, String)> = Vec::with_capacity(tasks.len());
    let mut stack: Vec<(usize, usize, String)> = children
        .get(&None)
        .map(|roots| {
            roots
                .iter()
                .enumerate()
                .rev()
                .map(|(n, &i)| (i, 0, (n + 1).to_string()))
                .collect()
        })
        .unwrap_or_default();
    while let Some((i, depth, number)) = stack.pop() {
        if let Some(kids) = children.get(&Some(tasks[i].0)) {
            for (n, &k) in kids.iter().enumerate().rev() {
                stack.push((k, depth + 1, format!("{number}.{}", n + 1)));
            }
        }
        order.push((i, depth, number));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CycleKind, Lang};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    fn leaf(id: i64, parent: Option<i64>, reported: Option<(NaiveDate, u8)>) -> TaskFacts {
        TaskFacts {
            id,
            parent_id: parent,
            weight: 1,
            start: d(1, 1),
            due: Some(d(12, 31)),
            done_on: None,
            cycle: Cycle {
                kind: CycleKind::Monthly,
                due_day: 25,
            },
            milestones: vec![],
            latest_sent: reported,
            latest_accepted: reported,
            latest_returned: None,
        }
    }

    #[test]
    fn a_report_for_the_latest_due_period_means_nothing_is_missing() {
        let c = Cycle {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        assert_eq!(
            missing_report_due(c, &WorkCalendar::default(), d(6, 30), d(1, 1), Some(d(6, 1))),
            None
        );
        assert_eq!(
            missing_report_due(c, &WorkCalendar::default(), d(6, 30), d(1, 1), Some(d(5, 1))),
            Some(d(6, 25))
        );
        assert_eq!(
            missing_report_due(c, &WorkCalendar::default(), d(6, 30), d(1, 1), None),
            Some(d(6, 25))
        );
        assert_eq!(
            missing_report_due(c, &WorkCalendar::default(), d(6, 24), d(1, 1), Some(d(5, 1))),
            None
        );
    }

    #[test]
    fn parents_take_the_worst_of_their_children_through_every_level() {
        let tasks = vec![
            leaf(1, None, None),
            leaf(2, Some(1), None),
            leaf(3, Some(2), Some((d(6, 1), 50))),
            leaf(4, Some(2), Some((d(5, 1), 50))),
        ];
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!(v[&3].light, Light::Green);
        assert_eq!(v[&4].light, Light::Yellow, "June report missing");
        assert_eq!(v[&2].light, Light::Yellow);
        assert_eq!(v[&1].light, Light::Yellow);
        assert_eq!(v[&1].progress, 50);
    }

    #[test]
    fn an_approved_parent_is_blue_whatever_its_children_say() {
        let mut parent = leaf(1, None, None);
        parent.done_on = Some(d(6, 1));
        let tasks = vec![parent, leaf(2, Some(1), None)];
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!(v[&1].light, Light::Blue);
        assert_eq!(v[&2].light, Light::Red);
    }

    #[test]
    fn a_returned_report_is_named_as_returned_not_as_never_sent() {
        let mut t = leaf(1, None, Some((d(5, 1), 50)));
        t.latest_returned = Some(d(6, 1));
        let v = judge_tree(&[t], d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!(v[&1].light, Light::Yellow);
        assert_eq!(
            v[&1].explain(Lang::Zh),
            "黄灯：应于2020年6月25日报送的进展已被退回，尚未重新报送"
        );
    }

    #[test]
    fn a_light_on_a_report_not_yet_accepted_is_marked_and_carries_the_light_on_accepted_ones() {
        let mut t = leaf(1, None, Some((d(6, 1), 50)));
        t.latest_accepted = Some((d(5, 1), 20));
        let v = judge_tree(&[t.clone()], d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!((v[&1].light, v[&1].progress), (Light::Green, 50));
        assert!(v[&1].unchecked());
        assert_eq!(
            v[&1].explain_checked(Lang::Zh).unwrap(),
            "待审核：按已采纳的报送为黄灯（时间进度50%，报送进度20%，落后30个百分点）"
        );
        // Judged on accepted reports only, the plan's other setting: no mark, the same yellow,
        // and the June report that waits for review is not missing.
        let accepted = Thresholds {
            basis: Basis::Accepted,
            ..Thresholds::default()
        };
        let v = judge_tree(&[t.clone()], d(6, 30), &accepted, &WorkCalendar::default());
        assert_eq!(
            (v[&1].light, v[&1].progress, v[&1].unchecked()),
            (Light::Yellow, 20, false)
        );
        assert_eq!(v[&1].reason.code(), "lagging");
        // Once accepted, the mark goes.
        t.latest_accepted = t.latest_sent;
        let v = judge_tree(&[t], d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert!(!v[&1].unchecked());
    }

    #[test]
    fn a_parent_over_an_unchecked_child_is_marked_too() {
        let mut child = leaf(2, Some(1), Some((d(6, 1), 50)));
        child.latest_accepted = Some((d(5, 1), 20));
        let tasks = vec![leaf(1, None, None), child, leaf(3, Some(1), Some((d(6, 1), 60)))];
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!((v[&1].light, v[&1].progress), (Light::Green, 55));
        let c = v[&1].checked.as_deref().unwrap();
        assert_eq!((c.light, c.progress), (Light::Yellow, 40));
    }

    #[test]
    fn a_task_broken_down_keeps_its_own_figure_until_a_sub_task_reports() {
        // Reported at 57% (and a June report waiting for review), then broken down in two.
        let parent = leaf(1, None, Some((d(6, 1), 57)));
        let tasks = vec![parent, leaf(2, Some(1), None), leaf(3, Some(1), None)];
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!((v[&1].light, v[&1].progress), (Light::Green, 57));
        assert_eq!(v[&1].reason.code(), "on_track");
        assert_eq!(
            v[&1].explain(Lang::Zh),
            "绿灯：已分解为2项下级任务，下级任务尚未报送，仍按本任务的报送判定：时间进度50%，报送进度57%"
        );
        assert_eq!(v[&2].light, Light::Red, "the sub-tasks themselves are judged as ever");
        // Once one sub-task reports, the parent rolls up, and shows its own figure beside.
        let mut tasks = tasks;
        tasks[1].latest_sent = Some((d(6, 1), 40));
        tasks[1].latest_accepted = tasks[1].latest_sent;
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!(v[&1].reason.code(), "rollup");
        assert_eq!((v[&1].light, v[&1].progress), (Light::Red, 20));
        assert!(
            v[&1]
                .explain(Lang::Zh)
                .ends_with("进度按权重加权平均为20%（本任务分解前最近报送进度57%）")
        );
    }

    #[test]
    fn a_sub_task_done_counts_as_reporting() {
        let mut done = leaf(2, Some(1), None);
        done.done_on = Some(d(6, 1));
        let tasks = vec![leaf(1, None, Some((d(6, 1), 57))), done, leaf(3, Some(1), None)];
        let v = judge_tree(&tasks, d(6, 30), &Thresholds::default(), &WorkCalendar::default());
        assert_eq!(v[&1].reason.code(), "rollup");
    }
}
