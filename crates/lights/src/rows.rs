//! The judged rows' writes: every SQL statement that writes a stored light (`task_state`), a
//! plan's judged day and row and public revisions, or the light history (`light_snapshot`).
//! Private to this crate, so nothing else can write judged state: the rest of Luoshi reports
//! its writes as a [`crate::Change`] and this crate re-judges. Reads of these rows stay in
//! `luoshi_store::state`.

use chrono::NaiveDate;
use luoshi_store::{
    RegionId, Result, Tx,
    bulk::{self, Val},
    execute, fetch_optional,
    snapshot::Snapshot,
    state::{Place, TaskState, rows_rev},
};

const COLS: [&str; 23] = [
    "task_id",
    "region_id",
    "plan_id",
    "judged_on",
    "light",
    "rule",
    "progress",
    "time_progress",
    "reason",
    "leaf",
    "latest_period",
    "latest_progress",
    "latest_at",
    "last_accepted_at",
    "rank",
    "worst",
    "pos",
    "depth",
    "outline",
    "co_units",
    "owed",
    "checked_light",
    "checked",
];

fn row(region: RegionId, s: &TaskState) -> Vec<Val> {
    vec![
        s.task_id.into(),
        region.into(),
        s.plan_id.into(),
        s.judged_on.into(),
        s.light.code().into(),
        s.rule.as_str().into(),
        s.progress.into(),
        s.time_progress.into(),
        s.reason.as_str().into(),
        Val::Bool(s.leaf),
        s.latest_period.into(),
        s.latest_progress.into(),
        Val::OptTime(s.latest_at),
        Val::OptTime(s.last_accepted_at),
        s.rank.into(),
        s.worst.into(),
        s.pos.into(),
        s.depth.into(),
        s.outline.as_str().into(),
        s.co_units.code().into(),
        s.owed.as_str().into(),
        s.checked_light.as_str().into(),
        s.checked.as_str().into(),
    ]
}

/// Takes the plan's write lock for stored lights (a row lock on PostgreSQL; SQLite's write
/// transactions already queue), so two writers never roll a parent up from each other's
/// half-written children, and moves the plan's row revision on: every row this transaction
/// writes carries it, and because the lock is held to commit, revisions commit in order (a
/// reader that has seen revision N has seen every row written at N or before). Returns the day the plan was last judged whole, if ever.
pub(crate) async fn lock_plan(tx: &mut Tx, region: RegionId, plan_id: i64) -> Result<Option<NaiveDate>> {
    execute!(
        tx,
        "UPDATE plan SET rows_rev = rows_rev + 1 WHERE region_id = $1 AND id = $2",
        region,
        plan_id
    )?;
    let on: Option<Option<NaiveDate>> = fetch_optional!(
        tx,
        (Option<NaiveDate>,),
        "SELECT state_on FROM plan WHERE region_id = $1 AND id = $2",
        region,
        plan_id
    )?
    .map(|(d,)| d);
    Ok(on.flatten())
}

/// Replaces every stored light of a plan and marks it judged whole on `day`.
pub(crate) async fn replace_plan(
    tx: &mut Tx,
    region: RegionId,
    plan_id: i64,
    day: NaiveDate,
    states: &[TaskState],
) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM task_state WHERE region_id = $1 AND plan_id = $2",
        region,
        plan_id
    )?;
    let rev = rows_rev(tx, region, plan_id).await?.unwrap_or(0);
    let rows: Vec<Vec<Val>> = states
        .iter()
        .map(|s| {
            let mut r = row(region, s);
            r.push(rev.into());
            r
        })
        .collect();
    let mut cols = COLS.to_vec();
    cols.push("rev");
    bulk::insert(tx, "task_state", &cols, &rows).await?;
    execute!(
        tx,
        "UPDATE plan SET state_on = $3 WHERE region_id = $1 AND id = $2",
        region,
        plan_id,
        day
    )?;
    Ok(())
}

/// Writes one task's stored light, at the plan's row revision (call [`lock_plan`] first). A
/// task already stored keeps its place in the tree (set by [`replace_plan`] and [`place`]); a
/// new one takes the place given.
pub(crate) async fn upsert(tx: &mut Tx, region: RegionId, s: &TaskState) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO task_state (task_id, region_id, plan_id, judged_on, light, rule, progress, time_progress,
            reason, leaf, latest_period, latest_progress, latest_at, last_accepted_at, rank, worst, pos, depth, outline,
            co_units, owed, checked_light, checked, rev)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
            (SELECT rows_rev FROM plan WHERE region_id = $2 AND id = $3))
         ON CONFLICT (region_id, task_id) DO UPDATE SET plan_id = excluded.plan_id, judged_on = excluded.judged_on, rev = excluded.rev,
            light = excluded.light, rule = excluded.rule, progress = excluded.progress,
            time_progress = excluded.time_progress, reason = excluded.reason, leaf = excluded.leaf,
            latest_period = excluded.latest_period, latest_progress = excluded.latest_progress,
            latest_at = excluded.latest_at, last_accepted_at = excluded.last_accepted_at, rank = excluded.rank,
            worst = excluded.worst, co_units = excluded.co_units, owed = excluded.owed,
            checked_light = excluded.checked_light, checked = excluded.checked",
        s.task_id,
        region,
        s.plan_id,
        s.judged_on,
        s.light.code(),
        &s.rule,
        s.progress,
        s.time_progress,
        &s.reason,
        s.leaf,
        s.latest_period,
        s.latest_progress,
        s.latest_at,
        s.last_accepted_at,
        s.rank,
        s.worst,
        s.pos,
        s.depth,
        &s.outline,
        s.co_units.code(),
        &s.owed,
        &s.checked_light,
        &s.checked
    )?;
    Ok(())
}

/// Moves tasks of a plan to new places in the tree (after a task was added, moved or
/// reordered), at a new row revision of the plan.
pub(crate) async fn place(tx: &mut Tx, region: RegionId, plan_id: i64, places: &[Place]) -> Result<()> {
    if places.is_empty() {
        return Ok(());
    }
    lock_plan(tx, region, plan_id).await?;
    for p in places {
        execute!(
            tx,
            "UPDATE task_state SET pos = $3, depth = $4, outline = $5,
                rev = (SELECT rows_rev FROM plan WHERE region_id = $1 AND id = $6)
             WHERE region_id = $1 AND task_id = $2",
            region,
            p.task_id,
            p.pos,
            p.depth,
            &p.outline,
            plan_id
        )?;
    }
    Ok(())
}

/// Marks tasks' stored rows as written at a new row revision of their plan, for a change to
/// their tasks that re-judged nothing (their order among siblings), so kept copies of the plan
/// read them again.
pub(crate) async fn touch(tx: &mut Tx, region: RegionId, plan_id: i64, task_ids: &[i64]) -> Result<()> {
    if task_ids.is_empty() {
        return Ok(());
    }
    lock_plan(tx, region, plan_id).await?;
    for id in task_ids {
        execute!(
            tx,
            "UPDATE task_state SET rev = (SELECT rows_rev FROM plan WHERE region_id = $1 AND id = $3)
             WHERE region_id = $1 AND task_id = $2",
            region,
            id,
            plan_id
        )?;
    }
    Ok(())
}

/// Counts a change to what the public site shows of a plan (so cached public pages of it are
/// built again).
pub(crate) async fn bump_public(tx: &mut Tx, region: RegionId, plan_id: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE plan SET public_rev = public_rev + 1 WHERE region_id = $1 AND id = $2",
        region,
        plan_id
    )?;
    Ok(())
}

/// Records (or updates, within the same period) a task's light.
pub(crate) async fn record(tx: &mut Tx, region: RegionId, s: &Snapshot) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO light_snapshot (region_id, task_id, period, light, progress, time_progress, reason, recorded_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (region_id, task_id, period) DO UPDATE SET light = excluded.light, progress = excluded.progress,
            time_progress = excluded.time_progress, reason = excluded.reason, recorded_on = excluded.recorded_on",
        region,
        s.task_id,
        s.period,
        s.light.code(),
        s.progress,
        s.time_progress,
        &s.reason,
        s.recorded_on
    )?;
    Ok(())
}
