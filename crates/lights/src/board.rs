//! A plan's task tree with every task's light, progress and outline number: what the tree
//! page, the task page, the home pages and the API all show. Read from the stored lights when
//! they are current, judged afresh by the domain rules otherwise (five queries per plan).

use crate::board_task::BoardTask;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Cycle, MilestoneState, TaskFacts, Verdict, WorkCalendar, judge_tree};
use luoshi_store::{
    Conn, RegionId, Result,
    plan::Plan,
    report::{self, LatestSent},
    task::{self, Milestone, Task},
};

use crate::{
    counts::{self, LightCounts},
    order::{in_tree_order, tree_order},
};

/// A plan and its tasks in tree order (parents before children, siblings by `seq`).
#[derive(Debug, Clone)]
pub struct PlanBoard {
    /// The plan.
    pub plan: Plan,
    /// Its tasks, pre-order.
    pub tasks: Vec<BoardTask>,
    /// The region's working-day calendar the lights were judged with.
    pub calendar: WorkCalendar,
}

/// The reporting cycle of a stored task (monthly on the 25th if the stored code is unknown).
pub fn cycle_of(t: &Task) -> Cycle {
    let kind = t.cycle;
    Cycle::new(kind, t.cycle_due_day).unwrap_or(Cycle { kind, due_day: 25 })
}

/// The facts a task's light depends on, from its stored rows (a completion or milestone dated
/// after `today` does not count yet).
pub fn facts_of(
    t: &Task,
    milestones: &[Milestone],
    latest: Option<&LatestSent>,
    accepted: Option<(NaiveDate, i64)>,
    returned: Option<NaiveDate>,
    today: NaiveDate,
) -> TaskFacts {
    TaskFacts {
        id: t.id,
        parent_id: t.parent_id,
        weight: t.weight.clamp(1, 100) as u8,
        start: t.start,
        due: t.due,
        done_on: t.done_on.filter(|d| *d <= today),
        cycle: cycle_of(t),
        milestones: milestones
            .iter()
            .map(|m| MilestoneState {
                title: m.title.clone(),
                due: m.due,
                done: m.done_on.is_some_and(|d| d <= today),
            })
            .collect(),
        latest_sent: latest.map(|l| (l.period, l.progress.clamp(0, 100) as u8)),
        latest_accepted: accepted.map(|(p, n)| (p, n.clamp(0, 100) as u8)),
        latest_returned: returned,
    }
}

/// What a board is built from besides its tasks.
struct Parts {
    co: HashMap<i64, Vec<i64>>,
    ms: HashMap<i64, Vec<Milestone>>,
    latest: HashMap<i64, LatestSent>,
    accepted: HashMap<i64, DateTime<Utc>>,
    verdicts: HashMap<i64, Verdict>,
}

impl PlanBoard {
    /// A plan's tasks with their lights on `today`: read from the stored lights when they were
    /// judged for `today` (kept current by every write that changes a light), judged from the
    /// reports otherwise (before the day's first refresh has run). Milestones are left out when
    /// the lights are read: only a task's own page shows them.
    pub async fn load(conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> Result<PlanBoard> {
        let (rows, n) = luoshi_store::state::plan_rows(conn, region, plan.id).await?;
        if rows.len() as i64 != n || rows.iter().any(|r| r.state.judged_on != today) {
            return Self::judge(conn, region, plan, today).await;
        }
        let calendar = luoshi_store::calendar::work_calendar(conn, region).await?;
        let mut tasks = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(bt) = BoardTask::stored(r.task, &r.state) else {
                // A row this version cannot read: judge afresh rather than show it wrong.
                return Self::judge(conn, region, plan, today).await;
            };
            tasks.push(bt);
        }
        Ok(PlanBoard {
            plan,
            tasks: in_tree_order(tasks),
            calendar,
        })
    }

    /// The part of a plan's board a task's page shows: the task (with its milestones), its
    /// ancestors and its children, read from the stored lights; the whole board, loaded as
    /// [`PlanBoard::load`] does, when they are not current.
    pub async fn around(
        conn: &mut Conn,
        region: RegionId,
        plan: Plan,
        task_id: i64,
        today: NaiveDate,
    ) -> Result<PlanBoard> {
        let Some(t) = task::task(conn, region, task_id).await? else {
            return Ok(PlanBoard::empty(plan));
        };
        let mut line = vec![t];
        while let Some(p) = line.last().and_then(|t| t.parent_id) {
            match task::task(conn, region, p).await? {
                Some(parent) => line.push(parent),
                None => break,
            }
        }
        line.reverse();
        let children = task::siblings(conn, region, plan.id, Some(task_id)).await?;
        let tasks: Vec<Task> = line.into_iter().chain(children).collect();
        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let states = luoshi_store::state::of_tasks(conn, region, ids.iter().copied()).await?;
        if states.len() != tasks.len() || states.iter().any(|s| s.judged_on != today) {
            return Self::load(conn, region, plan, today).await;
        }
        let mut states: HashMap<i64, luoshi_store::state::TaskState> =
            states.into_iter().map(|s| (s.task_id, s)).collect();
        let milestones = task::milestones(conn, region, task_id).await?;
        let calendar = luoshi_store::calendar::work_calendar(conn, region).await?;
        let mut out = Vec::with_capacity(tasks.len());
        for t in tasks {
            let Some(s) = states.remove(&t.id) else {
                return Self::load(conn, region, plan, today).await;
            };
            let id = t.id;
            let Some(mut bt) = BoardTask::stored(t, &s) else {
                return Self::load(conn, region, plan, today).await;
            };
            if id == task_id {
                bt.milestones = milestones.clone();
            }
            out.push(bt);
        }
        Ok(PlanBoard {
            plan,
            tasks: out,
            calendar,
        })
    }

    /// Judges a plan's tasks on `today` from their reports, ignoring the stored lights (what the
    /// stored lights are refreshed from).
    pub async fn judge(conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> Result<PlanBoard> {
        let tasks = task::tasks_of_plan(conn, region, plan.id).await?;
        Self::judge_with(conn, region, plan, today, None, false, tasks).await
    }

    /// Loads what the public may see of a plan: only its tasks marked public (a public task
    /// under a hidden one hangs from its nearest public ancestor, and parents roll up only what
    /// is shown), judged on the reports the office accepted — not on those merely submitted.
    pub async fn load_public(conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> Result<PlanBoard> {
        let tasks = task::tasks_of_plan(conn, region, plan.id).await?;
        Self::judge_with(conn, region, plan, today, None, true, tasks).await
    }

    /// Loads a plan's tasks and judges them as things stood at `at` (the end of `today`): only
    /// reports submitted by then count, and completions and milestones reached by `today`.
    /// Used to rebuild light history.
    pub async fn load_as_of(
        conn: &mut Conn,
        region: RegionId,
        plan: Plan,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<PlanBoard> {
        let tasks = task::tasks_of_plan(conn, region, plan.id).await?;
        Self::judge_with(conn, region, plan, today, Some(at), false, tasks).await
    }

    async fn judge_with(
        conn: &mut Conn,
        region: RegionId,
        plan: Plan,
        today: NaiveDate,
        at: Option<DateTime<Utc>>,
        public: bool,
        mut tasks: Vec<Task>,
    ) -> Result<PlanBoard> {
        let calendar = luoshi_store::calendar::work_calendar(conn, region).await?;
        if public {
            let up: HashMap<i64, (Option<i64>, bool)> = tasks.iter().map(|t| (t.id, (t.parent_id, t.public))).collect();
            tasks.retain(|t| t.public);
            for t in &mut tasks {
                let mut p = t.parent_id;
                while let Some(id) = p {
                    match up.get(&id) {
                        Some((_, true)) => break,
                        Some((above, false)) => p = *above,
                        None => p = None,
                    }
                }
                t.parent_id = p;
            }
        }
        let co = co_units_by_task(conn, region, plan.id).await?;
        let ms = milestones_by_task(conn, region, plan.id).await?;
        let accepted: HashMap<i64, DateTime<Utc>> = report::last_accepted_of_plan(conn, region, plan.id)
            .await?
            .into_iter()
            .filter(|(_, a)| at.is_none_or(|at| *a <= at))
            .collect();
        let returned: HashMap<i64, NaiveDate> = if public {
            HashMap::new()
        } else {
            report::returned_of_plan(conn, region, plan.id)
                .await?
                .into_iter()
                .collect()
        };
        let sent_rows = match at {
            Some(at) => report::latest_sent_of_plan_as_of(conn, region, plan.id, at).await?,
            None => report::latest_sent_of_plan(conn, region, plan.id).await?,
        };
        let sent: HashMap<i64, LatestSent> = sent_rows.into_iter().map(|l| (l.task_id, l)).collect();
        let figures: HashMap<i64, (NaiveDate, i64)> = report::latest_accepted_of_plan(conn, region, plan.id, at)
            .await?
            .into_iter()
            .map(|(t, period, progress)| (t, (period, progress)))
            .collect();
        let facts: Vec<TaskFacts> = tasks
            .iter()
            .map(|t| {
                facts_of(
                    t,
                    ms.get(&t.id).map(Vec::as_slice).unwrap_or_default(),
                    sent.get(&t.id),
                    figures.get(&t.id).copied(),
                    returned.get(&t.id).copied(),
                    today,
                )
            })
            .collect();
        // The public site reads accepted reports only, whatever the plan's setting; it shows
        // the latest accepted report beside each task (a unit's sent report never shows there).
        let mut thresholds = plan.thresholds();
        let latest: HashMap<i64, LatestSent> = if public {
            thresholds.basis = luoshi_domain::Basis::Accepted;
            report::public_progress_of_plan(conn, region, plan.id)
                .await?
                .into_iter()
                .map(|r| {
                    let l = LatestSent {
                        task_id: r.task_id,
                        period: r.period,
                        progress: r.progress,
                        submitted_at: r.reviewed_at,
                    };
                    (l.task_id, l)
                })
                .collect()
        } else {
            sent
        };
        let verdicts = judge_tree(&facts, today, &thresholds, &calendar);
        let parts = Parts {
            co,
            ms,
            latest,
            accepted,
            verdicts,
        };
        Ok(assemble(plan, tasks, parts, calendar))
    }

    /// A board of a plan without tasks.
    pub fn empty(plan: Plan) -> PlanBoard {
        PlanBoard {
            plan,
            tasks: Vec::new(),
            calendar: WorkCalendar::default(),
        }
    }

    /// Light counts over the tasks that have no sub-tasks (so nothing is counted twice).
    pub fn leaf_counts(&self) -> LightCounts {
        counts::leaf_counts(&self.tasks)
    }

    /// Overall progress: the weighted mean of the topmost tasks on the board (the top-level
    /// tasks, or for a filtered board the tasks whose parent is not on it).
    pub fn progress(&self) -> u8 {
        counts::progress(&self.tasks)
    }

    /// Keeps only the tasks `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&BoardTask) -> bool) {
        self.tasks.retain(|t| keep(t));
    }

    /// A task of the board.
    pub fn task(&self, id: i64) -> Option<&BoardTask> {
        self.tasks.iter().find(|t| t.task.id == id)
    }
}

async fn co_units_by_task(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
    let mut co: HashMap<i64, Vec<i64>> = HashMap::new();
    for (t, u) in task::co_units_of_plan(conn, region, plan_id).await? {
        co.entry(t).or_default().push(u);
    }
    Ok(co)
}

async fn milestones_by_task(conn: &mut Conn, region: RegionId, plan_id: i64) -> Result<HashMap<i64, Vec<Milestone>>> {
    let mut ms: HashMap<i64, Vec<Milestone>> = HashMap::new();
    for m in task::milestones_of_plan(conn, region, plan_id).await? {
        ms.entry(m.task_id).or_default().push(m);
    }
    Ok(ms)
}

/// Puts a plan's tasks in tree order (parents before children, siblings by `seq`) with their
/// outline numbers, depths and verdicts.
fn assemble(plan: Plan, tasks: Vec<Task>, mut parts: Parts, calendar: WorkCalendar) -> PlanBoard {
    let order = tree_order(&tasks);
    let parents: std::collections::HashSet<i64> = tasks.iter().filter_map(|t| t.parent_id).collect();
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    let board_tasks = order
        .into_iter()
        .filter_map(|(i, depth, number)| {
            let t = slots[i].take()?;
            let verdict = parts.verdicts.remove(&t.id)?;
            Some(BoardTask {
                co_units: parts.co.remove(&t.id).unwrap_or_default(),
                milestones: parts.ms.remove(&t.id).unwrap_or_default(),
                latest: parts.latest.remove(&t.id),
                last_accepted: parts.accepted.remove(&t.id),
                has_children: parents.contains(&t.id),
                verdict,
                number,
                depth,
                task: t,
            })
        })
        .collect();
    PlanBoard {
        plan,
        tasks: board_tasks,
        calendar,
    }
}
