//! Each server's copy of its plans' boards as read from the stored lights, kept by the plan's
//! row revision (`plan.rows_rev`, moved on by every write of the plan's stored rows). A read of
//! a plan that has not moved costs one small query; of one that moved, the rows written since
//! (a report re-judges its task and ancestors: a handful of rows); a plan re-judged whole, or a
//! new day, is read whole. Several servers on one database each keep their own copy and see
//! each other's writes through the revision. The copy is bounded (`board_cache_tasks`): the
//! plans read least recently are dropped first.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use chrono::NaiveDate;
use luoshi_domain::WorkCalendar;
use luoshi_store::{Conn, RegionId, plan::Plan, state};

use crate::{
    board::{BoardTask, PlanBoard, in_tree_order},
    error::AppResult,
};

/// One plan's board as last read.
#[derive(Debug)]
struct Copy {
    /// The plan's row revision it was read at (every row written at or before it is in).
    rev: i64,
    /// The day its lights were judged for.
    day: NaiveDate,
    /// Its tasks in tree order.
    tasks: Arc<Vec<BoardTask>>,
    /// The calendar they were judged with.
    calendar: WorkCalendar,
    /// When it was last read (a counter), to drop the least recently read first.
    used: u64,
}

type Copies = HashMap<(RegionId, i64), Copy>;

/// The boards a server keeps; see the module.
#[derive(Debug)]
pub struct BoardCache {
    copies: Mutex<(Copies, u64)>,
    /// At most this many tasks are kept, over all plans.
    budget: usize,
}

impl Default for BoardCache {
    fn default() -> Self {
        BoardCache::new(50_000)
    }
}

impl BoardCache {
    /// A cache keeping at most `budget` tasks (0 keeps none).
    pub fn new(budget: usize) -> BoardCache {
        BoardCache {
            copies: Mutex::new((HashMap::new(), 0)),
            budget,
        }
    }

    /// How many tasks are kept now.
    pub fn tasks_kept(&self) -> usize {
        self.copies
            .lock()
            .map(|c| c.0.values().map(|p| p.tasks.len()).sum())
            .unwrap_or(0)
    }

    /// The board of `plan` as stored for `today`: [`PlanBoard::load`], from the copy when the
    /// plan has not moved since, or with only the rows written since.
    pub async fn board(&self, conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> AppResult<PlanBoard> {
        let (tasks, calendar) = self.tasks(conn, region, &plan, today).await?;
        Ok(PlanBoard {
            plan,
            tasks: tasks.as_ref().clone(),
            calendar,
        })
    }

    /// The tasks of [`BoardCache::board`], shared with the copy (nothing cloned), and their
    /// calendar.
    pub async fn tasks(
        &self,
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
    ) -> AppResult<(Arc<Vec<BoardTask>>, WorkCalendar)> {
        // Read before the rows: every row at or before it is committed, so the copy may take it.
        let Some(rev) = state::rows_rev(conn, region, plan.id).await? else {
            let b = PlanBoard::load(conn, region, plan.clone(), today).await?;
            return Ok((Arc::new(b.tasks), b.calendar));
        };
        let kept = self.get(region, plan.id, today);
        if let Some((r, tasks, calendar)) = &kept
            && *r == rev
        {
            return Ok((tasks.clone(), calendar.clone()));
        }
        let (tasks, calendar) = match kept {
            Some((r, tasks, calendar)) => match Self::catch_up(conn, region, plan, today, r, &tasks).await? {
                Some(tasks) => (tasks, calendar),
                None => Self::whole(conn, region, plan, today).await?,
            },
            None => Self::whole(conn, region, plan, today).await?,
        };
        let tasks = Arc::new(tasks);
        // Kept at the revision read first: rows written since are read again next time.
        self.put(region, plan.id, &tasks, &calendar, rev, today);
        Ok((tasks, calendar))
    }

    async fn whole(
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
    ) -> AppResult<(Vec<BoardTask>, WorkCalendar)> {
        let b = PlanBoard::load(conn, region, plan.clone(), today).await?;
        Ok((b.tasks, b.calendar))
    }

    /// The copy's tasks with the rows written after `rev` put in; `None` when they cannot be
    /// (a row not judged for `today`, or the count does not add up: read the plan whole).
    async fn catch_up(
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
        rev: i64,
        kept: &[BoardTask],
    ) -> AppResult<Option<Vec<BoardTask>>> {
        let rows = state::plan_rows_since(conn, region, plan.id, rev).await?;
        let mut changed: HashMap<i64, BoardTask> = HashMap::with_capacity(rows.len());
        for r in rows {
            if r.state.judged_on != today {
                return Ok(None);
            }
            let Some(bt) = BoardTask::stored(r.task, &r.state) else {
                return Ok(None);
            };
            changed.insert(bt.task.id, bt);
        }
        let mut tasks: Vec<BoardTask> = kept
            .iter()
            .map(|t| changed.remove(&t.task.id).unwrap_or_else(|| t.clone()))
            .collect();
        tasks.extend(changed.into_values());
        if tasks.len() as i64 != state::task_count(conn, region, plan.id).await? {
            return Ok(None);
        }
        Ok(Some(in_tree_order(tasks)))
    }

    fn get(&self, region: RegionId, plan: i64, today: NaiveDate) -> Option<(i64, Arc<Vec<BoardTask>>, WorkCalendar)> {
        let mut guard = self.copies.lock().ok()?;
        let (copies, clock) = &mut *guard;
        *clock += 1;
        let c = copies.get_mut(&(region, plan))?;
        if c.day != today {
            return None;
        }
        c.used = *clock;
        Some((c.rev, c.tasks.clone(), c.calendar.clone()))
    }

    fn put(
        &self,
        region: RegionId,
        plan: i64,
        tasks: &Arc<Vec<BoardTask>>,
        calendar: &WorkCalendar,
        rev: i64,
        today: NaiveDate,
    ) {
        if tasks.len() > self.budget {
            return;
        }
        let Ok(mut guard) = self.copies.lock() else {
            return;
        };
        let (copies, clock) = &mut *guard;
        *clock += 1;
        // A slower reader must not put back an older copy than one already kept.
        if let Some(c) = copies.get(&(region, plan))
            && c.day == today
            && c.rev > rev
        {
            return;
        }
        copies.insert(
            (region, plan),
            Copy {
                rev,
                day: today,
                tasks: tasks.clone(),
                calendar: calendar.clone(),
                used: *clock,
            },
        );
        let mut kept: usize = copies.values().map(|c| c.tasks.len()).sum();
        while kept > self.budget {
            let Some((&key, _)) = copies.iter().min_by_key(|(_, c)| c.used) else {
                break;
            };
            if let Some(c) = copies.remove(&key) {
                kept -= c.tasks.len();
            }
        }
    }
}
