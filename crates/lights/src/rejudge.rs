//! Re-judging: keeping the stored lights current. Every write that changes an input of a light re-judges,
//! inside its own transaction, the task it changed and each of its ancestors (a few small
//! queries); a change that touches a whole plan or region (thresholds, the calendar, a new day)
//! re-judges the plan whole. Both go through `judge_task`, the rule `judge_tree` uses.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use luoshi_domain::{Light, Reason, RollupChild, Verdict, WorkCalendar, judge_task, owed};
use luoshi_store::{
    RegionId, Result, Tx, plan,
    plan::Plan,
    report,
    state::{self, Place, TaskState},
    task::{self, Task},
};

use crate::{
    board::{PlanBoard, cycle_of, facts_of},
    board_task::BoardTask,
    order::tree_order,
    rows,
};

/// A task's place on the lists, worst first (see `TaskState::rank`).
fn rank_of(reason: &Reason) -> i64 {
    match reason.decisive() {
        Reason::Overdue { days, .. } => -*days,
        Reason::Lagging { gap, .. } => -i64::from(*gap),
        Reason::ReportMissing { due, .. } => i64::from(due.num_days_from_ce()),
        _ => 0,
    }
}

/// A task's place on the attention list (see `TaskState::worst`).
pub fn worst_of(light: Light, due: Option<NaiveDate>) -> i64 {
    let severity = match light {
        Light::Red => 0,
        Light::Yellow => 1,
        Light::Green => 2,
        Light::Blue => 3,
    };
    severity * 10_000_000 + due.map(|d| i64::from(d.num_days_from_ce())).unwrap_or(0)
}

/// Whether a task's lead unit reports on it: a task without sub-tasks, not done, with a lead
/// unit.
fn reports_on(t: &Task, leaf: bool) -> bool {
    leaf && t.done_on.is_none() && t.lead_unit_id.is_some()
}

/// What a task's lead unit owes on `today` (its inbox's periods), stored: nothing for a task
/// with sub-tasks, a task done or a task no unit leads.
pub fn owed_of(t: &Task, leaf: bool, calendar: &WorkCalendar, marks: &[report::Mark], today: NaiveDate) -> String {
    if !reports_on(t, leaf) {
        return String::new();
    }
    let written: Vec<owed::Written> = marks
        .iter()
        .map(|m| owed::Written {
            period: m.period,
            status: m.status,
            submitted_at: m.submitted_at,
            version: m.version,
            review_note: &m.review_note,
        })
        .collect();
    owed::encode(&owed::owed(cycle_of(t), calendar, t.start, &written, today))
}

/// The stored row for a verdict and the report facts shown beside it; `place` is the task's
/// place in the tree (kept as stored when the row exists).
#[allow(clippy::too_many_arguments)]
fn row(
    t: &Task,
    plan_id: i64,
    today: NaiveDate,
    v: &Verdict,
    leaf: bool,
    latest: Option<&report::LatestSent>,
    last_accepted: Option<chrono::DateTime<chrono::Utc>>,
    place: (i64, i64, String),
    co_units: &[i64],
    owed: String,
) -> TaskState {
    let reason = serde_json::to_value(&v.reason).unwrap_or_default();
    TaskState {
        task_id: t.id,
        plan_id,
        judged_on: today,
        light: v.light,
        rule: v.reason.code().to_string(),
        progress: i64::from(v.progress),
        time_progress: v.time_progress.map(i64::from),
        reason: reason.to_string(),
        leaf,
        latest_period: latest.map(|l| l.period),
        latest_progress: latest.map(|l| l.progress),
        latest_at: latest.and_then(|l| l.submitted_at),
        last_accepted_at: last_accepted,
        rank: rank_of(&v.reason),
        worst: worst_of(v.light, t.due),
        pos: place.0,
        depth: place.1,
        outline: place.2,
        co_units: luoshi_domain::Ids(co_units.to_vec()),
        owed,
        checked_light: v
            .checked
            .as_deref()
            .map(|c| c.light.code().to_string())
            .unwrap_or_default(),
        checked: v
            .checked
            .as_deref()
            .and_then(|c| serde_json::to_string(c).ok())
            .unwrap_or_default(),
    }
}

fn row_of(plan_id: i64, today: NaiveDate, pos: usize, t: &BoardTask, owed: String) -> TaskState {
    row(
        &t.task,
        plan_id,
        today,
        &t.verdict,
        !t.has_children,
        t.latest.as_ref(),
        t.last_accepted,
        (pos as i64, t.depth as i64, t.number.clone()),
        &t.co_units,
        owed,
    )
}

/// Stores the places in the tree of a plan's tasks again (after a task was added, moved or
/// reordered): only those that changed are written.
pub(crate) async fn renumber_plan(tx: &mut Tx, region: RegionId, plan_id: i64) -> Result<()> {
    let tasks = task::tasks_of_plan(tx, region, plan_id).await?;
    let stored: HashMap<i64, Place> = state::places(tx, region, plan_id)
        .await?
        .into_iter()
        .map(|p| (p.task_id, p))
        .collect();
    let changed: Vec<Place> = tree_order(&tasks)
        .into_iter()
        .enumerate()
        .map(|(pos, (i, depth, outline))| Place {
            task_id: tasks[i].id,
            pos: pos as i64,
            depth: depth as i64,
            outline,
        })
        .filter(|p| stored.get(&p.task_id) != Some(p))
        .collect();
    rows::place(tx, region, plan_id, &changed).await?;
    Ok(())
}

/// Re-judges a whole plan on `today` and stores every task's light.
pub(crate) async fn refresh_plan(tx: &mut Tx, region: RegionId, plan: &Plan, today: NaiveDate) -> Result<()> {
    rows::lock_plan(tx, region, plan.id).await?;
    let board = PlanBoard::judge(tx, region, plan.clone(), today).await?;
    let mut marks: HashMap<i64, Vec<report::Mark>> = HashMap::new();
    for m in report::marks_of_plan(tx, region, plan.id).await? {
        marks.entry(m.task_id).or_default().push(m);
    }
    let judged: Vec<TaskState> = board
        .tasks
        .iter()
        .enumerate()
        .map(|(pos, t)| {
            let written = marks.get(&t.task.id).map(Vec::as_slice).unwrap_or_default();
            let owed = owed_of(&t.task, !t.has_children, &board.calendar, written, today);
            row_of(plan.id, today, pos, t, owed)
        })
        .collect();
    rows::replace_plan(tx, region, plan.id, today, &judged).await?;
    rows::bump_public(tx, region, plan.id).await?;
    Ok(())
}

/// Re-judges every plan of a region (after its calendar changed).
pub(crate) async fn refresh_region(tx: &mut Tx, region: RegionId, today: NaiveDate) -> Result<()> {
    for p in plan::plans(tx, region).await? {
        refresh_plan(tx, region, &p, today).await?;
    }
    Ok(())
}

/// Re-judges the plans of a region not yet judged whole on `today`, each in its own transaction;
/// returns how many. Run by the daily job and at start, so the first read of a day finds the
/// lights stored.
pub async fn refresh_stale(store: &luoshi_store::Store, region: RegionId, today: NaiveDate) -> Result<usize> {
    let stale = {
        let mut conn = store.conn().await?;
        state::plans_not_judged_on(&mut conn, region, today).await?
    };
    let mut judged = 0;
    for id in &stale {
        let mut tx = store.begin().await?;
        // Another request or instance may have judged it meanwhile, or one whose clock has
        // already passed midnight judged it for a later day: never judged back to an older day
        // (a reader on the older day judges afresh until its own day moves on).
        if rows::lock_plan(&mut tx, region, *id)
            .await?
            .is_some_and(|on| on >= today)
        {
            continue;
        }
        if let Some(p) = plan::plan(&mut tx, region, *id).await? {
            refresh_plan(&mut tx, region, &p, today).await?;
            judged += 1;
        }
        tx.commit().await?;
    }
    Ok(judged)
}

/// Makes sure the stored lights of a region are judged for `today` before they are read: one
/// small query when they are (the usual case); otherwise the stale plans are judged first (the
/// first read of a new day, if the daily job has not run yet).
pub async fn ensure_current(store: &luoshi_store::Store, region: RegionId, today: NaiveDate) -> Result<()> {
    let stale = {
        let mut conn = store.conn().await?;
        state::plans_not_judged_on(&mut conn, region, today).await?
    };
    if !stale.is_empty() {
        refresh_stale(store, region, today).await?;
    }
    Ok(())
}

/// Re-judges one task and each of its ancestors after a write that changed it (a report, a
/// review, a decision, an edit, a move), inside the write's transaction. A plan not yet judged
/// whole today is judged whole instead.
/// `public` says whether the change may show on the public site (anything but a unit's own
/// reporting and the office's correspondence with it).
pub(crate) async fn refresh_task(
    tx: &mut Tx,
    region: RegionId,
    task_id: i64,
    today: NaiveDate,
    public: bool,
) -> Result<()> {
    let Some(plan_id) = task::task(tx, region, task_id).await?.map(|t| t.plan_id) else {
        return Ok(());
    };
    // Lock first, then read the plan and the task: a plan edit or a move committed while this
    // transaction waited for the lock is then seen (thresholds, the parent chain).
    let judged_on = rows::lock_plan(tx, region, plan_id).await?;
    let (Some(plan), Some(first)) = (
        plan::plan(tx, region, plan_id).await?,
        task::task(tx, region, task_id).await?,
    ) else {
        return Ok(());
    };
    if judged_on != Some(today) {
        return refresh_plan(tx, region, &plan, today).await;
    }
    if public {
        rows::bump_public(tx, region, plan.id).await?;
    }
    let calendar = luoshi_store::calendar::work_calendar(tx, region).await?;
    let thresholds = plan.thresholds();
    let new_task = state::of_task(tx, region, first.id).await?.is_none();
    let mut current = Some(first);
    while let Some(t) = current {
        let kids = state::children(tx, region, t.id).await?;
        let mut rolled = Vec::with_capacity(kids.len());
        for k in &kids {
            let light = k.light.as_deref().and_then(luoshi_domain::Light::parse);
            let checked: Option<Verdict> = match k.checked.as_deref() {
                None | Some("") => None,
                Some(json) => match serde_json::from_str(json) {
                    Ok(v) => Some(v),
                    Err(_) => return refresh_plan(tx, region, &plan, today).await,
                },
            };
            match (light, k.progress, k.judged_on) {
                (Some(light), Some(progress), Some(on)) if on == today => rolled.push(RollupChild {
                    light,
                    progress: progress.clamp(0, 100) as u8,
                    weight: k.weight.clamp(1, 100) as u8,
                    // As `RollupChild::of` reads a verdict: it sent a report, is done, or rolls up
                    // a child that did.
                    reported: k.latest_period.is_some() || light == Light::Blue || k.rule.as_deref() == Some("rollup"),
                    checked: checked.map(|c| (c.light, c.progress)),
                }),
                // A child without a current light: judge the plan whole.
                _ => return refresh_plan(tx, region, &plan, today).await,
            }
        }
        let milestones = task::milestones(tx, region, t.id).await?;
        let co_units = task::co_units(tx, region, t.id).await?;
        let latest = report::latest_sent_of_task(tx, region, t.id).await?;
        let (accepted, returned) = report::accepted_and_returned_of_task(tx, region, t.id).await?;
        let figure = report::latest_accepted_of_task(tx, region, t.id).await?;
        let facts = facts_of(&t, &milestones, latest.as_ref(), figure, returned, today);
        let leaf = rolled.is_empty();
        let owed = if reports_on(&t, leaf) {
            let marks = report::marks_of_task(tx, region, t.id).await?;
            owed_of(&t, leaf, &calendar, &marks, today)
        } else {
            String::new()
        };
        let kids_arg = (!rolled.is_empty()).then_some(rolled.as_slice());
        let verdict = judge_task(&facts, kids_arg, today, &thresholds, &calendar);
        rows::upsert(
            tx,
            region,
            &row(
                &t,
                plan.id,
                today,
                &verdict,
                rolled.is_empty(),
                latest.as_ref(),
                accepted,
                // Kept as stored; a new task is placed below.
                (0, 0, String::new()),
                &co_units,
                owed,
            ),
        )
        .await?;
        current = match t.parent_id {
            Some(p) => task::task(tx, region, p).await?,
            None => None,
        };
    }
    if new_task {
        renumber_plan(tx, region, plan.id).await?;
    }
    Ok(())
}
