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
    board::{BoardTask, LightCounts, PlanBoard, in_tree_order},
    error::AppResult,
};

/// One plan's board as last read.
#[derive(Debug, Clone)]
struct Kept {
    /// The plan's row revision it was read at (every row written at or before it is in).
    rev: i64,
    /// The day its lights were judged for.
    day: NaiveDate,
    /// Its tasks in tree order, each shared with the copies before and after it.
    tasks: Arc<Vec<Arc<BoardTask>>>,
    /// The calendar they were judged with.
    calendar: WorkCalendar,
    /// What the plan's summary shows: tasks, light counts of the leaves, progress.
    summary: Summary,
    /// When it was last read (a counter), to drop the least recently read first.
    used: u64,
}

/// A plan's size, light counts over its leaves and overall progress, as its board counts them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Tasks.
    pub tasks: usize,
    /// Light counts of the tasks without sub-tasks.
    pub counts: LightCounts,
    /// Overall progress, percent.
    pub progress: u8,
}

type Copies = HashMap<(RegionId, i64), Kept>;

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

    /// The board of `plan` as stored for `today`: [`PlanBoard::load`], from the copy when the
    /// plan has not moved since, or with only the rows written since.
    pub async fn board(&self, conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> AppResult<PlanBoard> {
        let c = self.current(conn, region, &plan, today).await?;
        Ok(PlanBoard {
            plan,
            tasks: c.tasks.iter().map(|t| t.as_ref().clone()).collect(),
            calendar: c.calendar,
        })
    }

    /// The summary of `plan` and its tasks in tree order, from the current copy (shared,
    /// nothing cloned).
    pub async fn kept(
        &self,
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
    ) -> AppResult<(Summary, Arc<Vec<Arc<BoardTask>>>)> {
        let c = self.current(conn, region, plan, today).await?;
        Ok((c.summary, c.tasks))
    }

    /// What the summary of `plan` shows, from the current copy (nothing cloned).
    pub async fn summary(
        &self,
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
    ) -> AppResult<Summary> {
        Ok(self.current(conn, region, plan, today).await?.summary)
    }

    /// The current copy of a plan's board, caught up or read whole as needed, and kept.
    async fn current(&self, conn: &mut Conn, region: RegionId, plan: &Plan, today: NaiveDate) -> AppResult<Kept> {
        // Read before the rows: every row at or before it is committed, so the copy may take it.
        let rev = state::rows_rev(conn, region, plan.id).await?.unwrap_or(-1);
        let kept = self.get(region, plan.id, today);
        if let Some(c) = &kept
            && c.rev == rev
        {
            return Ok(c.clone());
        }
        let caught_up = match &kept {
            Some(c) => Self::catch_up(conn, region, plan, today, c).await?,
            None => None,
        };
        let (tasks, calendar) = match caught_up {
            Some(tasks) => (tasks, kept.map(|c| c.calendar).unwrap_or_default()),
            None => {
                let b = PlanBoard::load(conn, region, plan.clone(), today).await?;
                (b.tasks.into_iter().map(Arc::new).collect(), b.calendar)
            }
        };
        let c = Kept {
            rev,
            day: today,
            summary: Summary {
                tasks: tasks.len(),
                counts: crate::board::leaf_counts(tasks.iter().map(|t| t.as_ref())),
                progress: crate::board::progress(tasks.iter().map(|t| t.as_ref())),
            },
            tasks: Arc::new(tasks),
            calendar,
            used: 0,
        };
        // Kept at the revision read first: rows written since are read again next time.
        self.put(region, plan.id, &c);
        Ok(c)
    }

    /// The copy's tasks with the rows written after its revision put in; `None` when they
    /// cannot be (a row not judged for `today`, or the count does not add up: read the plan
    /// whole). A row in its old place is swapped in place; a new, moved or renumbered task
    /// puts the whole tree in order again.
    async fn catch_up(
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
        kept: &Kept,
    ) -> AppResult<Option<Vec<Arc<BoardTask>>>> {
        let rows = state::plan_rows_since(conn, region, plan.id, kept.rev).await?;
        let mut tasks: Vec<Arc<BoardTask>> = kept.tasks.as_ref().clone();
        if rows.is_empty() {
            return Ok(Some(tasks));
        }
        let at: HashMap<i64, usize> = tasks.iter().enumerate().map(|(i, t)| (t.task.id, i)).collect();
        let mut reorder = false;
        for r in rows {
            if r.state.judged_on != today {
                return Ok(None);
            }
            let Some(bt) = BoardTask::stored(r.task, &r.state) else {
                return Ok(None);
            };
            match at.get(&bt.task.id) {
                Some(&i) => {
                    let old = &tasks[i];
                    reorder |= (old.task.parent_id, old.task.seq, old.depth, &old.number)
                        != (bt.task.parent_id, bt.task.seq, bt.depth, &bt.number);
                    tasks[i] = Arc::new(bt);
                }
                None => {
                    reorder = true;
                    tasks.push(Arc::new(bt));
                }
            }
        }
        if tasks.len() as i64 != state::task_count(conn, region, plan.id).await? {
            return Ok(None);
        }
        if reorder {
            let owned = tasks.into_iter().map(Arc::unwrap_or_clone).collect();
            tasks = in_tree_order(owned).into_iter().map(Arc::new).collect();
        }
        Ok(Some(tasks))
    }

    fn get(&self, region: RegionId, plan: i64, today: NaiveDate) -> Option<Kept> {
        let mut guard = self.copies.lock().ok()?;
        let (copies, clock) = &mut *guard;
        *clock += 1;
        let c = copies.get_mut(&(region, plan))?;
        if c.day != today {
            return None;
        }
        c.used = *clock;
        Some(c.clone())
    }

    fn put(&self, region: RegionId, plan: i64, c: &Kept) {
        if c.tasks.len() > self.budget {
            return;
        }
        let Ok(mut guard) = self.copies.lock() else {
            return;
        };
        let (copies, clock) = &mut *guard;
        *clock += 1;
        // A slower reader must not put back an older copy than one already kept.
        if let Some(k) = copies.get(&(region, plan))
            && k.day == c.day
            && k.rev > c.rev
        {
            return;
        }
        copies.insert(
            (region, plan),
            Kept {
                used: *clock,
                ..c.clone()
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
