//! Judged state: everything computed by a domain rule from records and stored so that pages
//! read it fast — today the task lights (with the report facts and owed periods stored beside
//! them), the key projects' warnings, the indicators' lights and the assessment's scores.
//!
//! One home, one write path: the server reports each write as a typed [`Change`] through
//! [`after`], inside the write's own transaction, and this crate judges again what the change
//! touched (a task and its ancestors, a plan, a region). It is the only writer of judged rows
//! (their SQL is private, in `rows`), keeps each server's copies by revision ([`Kept`],
//! [`BoardCache`]), records the light history, and counts the public site's revision.

mod board;
mod board_task;
mod boards;
mod change;
mod counts;
mod history;
mod indicator;
mod indicator_rows;
mod judged_days;
mod kept;
mod order;
mod project;
mod project_rows;
mod rejudge;
mod rows;
mod score;
mod score_rows;

use chrono::NaiveDate;
use luoshi_store::{RegionId, Result, Tx, plan};

pub use board::{PlanBoard, cycle_of, facts_of};
pub use board_task::{BoardTask, verdict_of};
pub use boards::{BoardCache, KeptBoard, Summary};
pub use change::Change;
pub use counts::{LightCounts, Segment, checked_counts, leaf_counts, progress, segments_of};
pub use history::{backfill, record_region};
pub use indicator::{Read as IndicatorRead, indicator_verdict, read as read_indicator, refresh_stale_indicators};
pub use judged_days::{Judged, JudgedDays};
pub use kept::{DayRev, Kept};
pub use order::{in_tree_order, tree_order};
pub use project::{decode_owed, project_verdict, refresh_stale_projects};
pub use rejudge::{ensure_current, owed_of, refresh_stale, worst_of};
pub use score::{judge_scheme, refresh_stale_schemes, scheme_of};

use change::Effect;

/// Judges again, inside `tx`, whatever `change` touched, as of `today`: call it after the write
/// it reports, in the same transaction (the server's `ops::record` does, for every write).
pub async fn after(tx: &mut Tx, region: RegionId, change: &Change, today: NaiveDate) -> Result<()> {
    match change.effect() {
        Effect::None => Ok(()),
        Effect::Task { task, public } => rejudge::refresh_task(tx, region, task, today, public).await,
        Effect::Moved { task, left } => {
            rejudge::refresh_task(tx, region, task, today, true).await?;
            // The parent it left rolls up one child fewer; outline numbers shift.
            if let Some(old) = left {
                rejudge::refresh_task(tx, region, old, today, true).await?;
            }
            renumber_plan_of(tx, region, task).await
        }
        Effect::Reordered { task, renumbered } => {
            rejudge::refresh_task(tx, region, task, today, true).await?;
            let Some(plan_id) = luoshi_store::task::task(tx, region, task).await?.map(|t| t.plan_id) else {
                return Ok(());
            };
            rejudge::renumber_plan(tx, region, plan_id).await?;
            // Every sibling whose place number changed is marked at a new revision, so no
            // server's copy of the plan keeps an old number for it.
            rows::touch(tx, region, plan_id, &renumbered).await
        }
        Effect::Plan(id) => match plan::plan(tx, region, id).await? {
            Some(p) => rejudge::refresh_plan(tx, region, &p, today).await,
            None => Ok(()),
        },
        Effect::Region => {
            rejudge::refresh_region(tx, region, today).await?;
            project::refresh_all(tx, region, today).await
        }
        Effect::Project(id) => project::refresh_project(tx, region, id, today).await,
        Effect::Projects => project::refresh_all(tx, region, today).await,
        Effect::Indicator(id) => indicator::refresh_indicator(tx, region, id, today).await,
        Effect::Indicators => indicator::refresh_all(tx, region, today).await,
    }
}

async fn renumber_plan_of(tx: &mut Tx, region: RegionId, task: i64) -> Result<()> {
    match luoshi_store::task::task(tx, region, task).await? {
        Some(t) => rejudge::renumber_plan(tx, region, t.plan_id).await,
        None => Ok(()),
    }
}
