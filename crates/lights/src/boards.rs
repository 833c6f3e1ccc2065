//! Each server's copy of its plans' boards as read from the stored lights, kept by the plan's
//! row revision (`plan.rows_rev`, moved on by every write of the plan's stored rows) in a
//! [`Kept`]. A read of a plan that has not moved costs one small query; of one that moved, the
//! rows written since (a report re-judges its task and ancestors: a handful of rows); a plan
//! re-judged whole, or a new day, is read whole. Several servers on one database each keep their
//! own copy and see each other's writes through the revision. The copy is bounded
//! (`board_cache_tasks`): the plans read least recently are dropped first.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use luoshi_domain::WorkCalendar;
use luoshi_store::{Conn, RegionId, Result, plan::Plan, state};

use crate::{
    board::PlanBoard,
    board_task::BoardTask,
    counts::{self, LightCounts},
    kept::{DayRev, Kept},
    order::in_tree_order,
};

/// One plan's board as last read.
#[derive(Debug, Clone)]
pub struct KeptBoard {
    /// Its tasks in tree order, each shared with the copies before and after it.
    pub tasks: Arc<Vec<Arc<BoardTask>>>,
    /// The calendar they were judged with.
    pub calendar: WorkCalendar,
    /// What the plan's summary shows: tasks, light counts of the leaves, progress.
    pub summary: Summary,
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

/// The boards a server keeps, stamped with the day judged for and the plan's row revision.
#[derive(Debug)]
pub struct BoardCache(Kept<(RegionId, i64), DayRev, KeptBoard>);

impl Default for BoardCache {
    fn default() -> Self {
        BoardCache::new(50_000)
    }
}

impl BoardCache {
    /// A cache keeping at most `budget` tasks (0 keeps none).
    pub fn new(budget: usize) -> BoardCache {
        BoardCache(Kept::bounded(budget, |b| b.tasks.len()))
    }

    /// The board of `plan` as stored for `today`: [`PlanBoard::load`], from the copy when the
    /// plan has not moved since, or with only the rows written since.
    pub async fn board(&self, conn: &mut Conn, region: RegionId, plan: Plan, today: NaiveDate) -> Result<PlanBoard> {
        let c = self.current(conn, region, &plan, today).await?;
        Ok(PlanBoard {
            plan,
            tasks: c.tasks.iter().map(|t| t.as_ref().clone()).collect(),
            calendar: c.calendar.clone(),
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
    ) -> Result<(Summary, Arc<Vec<Arc<BoardTask>>>)> {
        let c = self.current(conn, region, plan, today).await?;
        Ok((c.summary, c.tasks.clone()))
    }

    /// What the summary of `plan` shows, from the current copy (nothing cloned).
    pub async fn summary(&self, conn: &mut Conn, region: RegionId, plan: &Plan, today: NaiveDate) -> Result<Summary> {
        Ok(self.current(conn, region, plan, today).await?.summary)
    }

    /// The current copy of a plan's board, caught up or read whole as needed, and kept.
    async fn current(
        &self,
        conn: &mut Conn,
        region: RegionId,
        plan: &Plan,
        today: NaiveDate,
    ) -> Result<Arc<KeptBoard>> {
        // Read before the rows: every row at or before it is committed, so the copy may take it.
        let rev = state::rows_rev(conn, region, plan.id).await?.unwrap_or(-1);
        let key = (region, plan.id);
        let kept = self.0.get(&key).filter(|((day, _), _)| *day == today);
        if let Some(((_, at), c)) = &kept
            && *at == rev
        {
            return Ok(c.clone());
        }
        let caught_up = match &kept {
            Some(((_, at), c)) => catch_up(conn, region, plan, today, *at, c).await?,
            None => None,
        };
        let (tasks, calendar) = match (caught_up, kept) {
            (Some(tasks), Some((_, c))) => (tasks, c.calendar.clone()),
            _ => {
                let b = PlanBoard::load(conn, region, plan.clone(), today).await?;
                (b.tasks.into_iter().map(Arc::new).collect(), b.calendar)
            }
        };
        let c = Arc::new(KeptBoard {
            summary: Summary {
                tasks: tasks.len(),
                counts: counts::leaf_counts(tasks.iter().map(|t| t.as_ref())),
                progress: counts::progress(tasks.iter().map(|t| t.as_ref())),
            },
            tasks: Arc::new(tasks),
            calendar,
        });
        // Kept at the revision read first: rows written since are read again next time.
        self.0.put(key, (today, rev), c.clone());
        Ok(c)
    }
}

/// The copy's tasks with the rows written after its revision `at` put in; `None` when they
/// cannot be (a row not judged for `today`, or the count does not add up: read the plan whole).
/// A row in its old place is swapped in place; a new, moved or renumbered task puts the whole
/// tree in order again.
async fn catch_up(
    conn: &mut Conn,
    region: RegionId,
    plan: &Plan,
    today: NaiveDate,
    at: i64,
    kept: &KeptBoard,
) -> Result<Option<Vec<Arc<BoardTask>>>> {
    let rows = state::plan_rows_since(conn, region, plan.id, at).await?;
    let mut tasks: Vec<Arc<BoardTask>> = kept.tasks.as_ref().clone();
    if rows.is_empty() {
        return Ok(Some(tasks));
    }
    let index: HashMap<i64, usize> = tasks.iter().enumerate().map(|(i, t)| (t.task.id, i)).collect();
    let mut reorder = false;
    for r in rows {
        if r.state.judged_on != today {
            return Ok(None);
        }
        let Some(bt) = BoardTask::stored(r.task, &r.state) else {
            return Ok(None);
        };
        match index.get(&bt.task.id) {
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
