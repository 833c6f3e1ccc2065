//! Light history: each task's light for the reporting period of the day, so the tree
//! can be shown as of a past date and a task's lights drawn over time. Recorded daily by the job
//! worker; the demo rebuilds the past from its reports.

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use luoshi_store::{RegionId, Result, Store, plan, snapshot::Snapshot};

use crate::{
    board::{PlanBoard, cycle_of},
    rows,
};

/// Records every task's light in `region` as of `today` (or, with `at`, as things stood then);
/// returns how many were recorded.
pub async fn record_region(
    store: &Store,
    region: RegionId,
    today: NaiveDate,
    at: Option<DateTime<Utc>>,
) -> Result<usize> {
    let mut conn = store.conn().await?;
    let plans = plan::plans(&mut conn, region).await?;
    let mut boards = Vec::with_capacity(plans.len());
    for p in plans {
        boards.push(match at {
            Some(at) => PlanBoard::load_as_of(&mut conn, region, p, today, at).await?,
            None => PlanBoard::load(&mut conn, region, p, today).await?,
        });
    }
    drop(conn);
    let mut tx = store.begin().await?;
    let mut n = 0;
    for b in &boards {
        for t in b.tasks.iter().filter(|t| t.task.start <= today) {
            let period = cycle_of(&t.task).period_containing(today).start;
            rows::record(
                &mut tx,
                region,
                &Snapshot {
                    task_id: t.task.id,
                    period,
                    light: t.verdict.light,
                    progress: i64::from(t.verdict.progress),
                    time_progress: t.verdict.time_progress.map(i64::from),
                    reason: serde_json::to_string(&t.verdict.reason).unwrap_or_default(),
                    recorded_on: today,
                },
            )
            .await?;
            n += 1;
        }
    }
    tx.commit().await?;
    Ok(n)
}

/// Rebuilds a region's light history from its reports: one record at the end of each month
/// from `from` to `today`, and one for `today`, each as things stood then; then stores today's
/// lights.
pub async fn backfill(store: &Store, region: RegionId, from: NaiveDate, today: NaiveDate) -> Result<usize> {
    let mut days = Vec::new();
    let mut d = from;
    while d < today {
        let next_month = d.checked_add_months(chrono::Months::new(1)).unwrap_or(today);
        let month_end = chrono::NaiveDate::from_ymd_opt(next_month.year(), next_month.month(), 1)
            .and_then(|first| first.pred_opt())
            .unwrap_or(today);
        if month_end < today {
            days.push(month_end);
        }
        d = next_month;
    }
    days.push(today);
    let mut n = 0;
    for day in days {
        // End of that day, China time.
        let at = china_time()
            .from_local_datetime(&day.and_hms_opt(23, 59, 59).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(Utc::now);
        n += record_region(store, region, day, Some(at)).await?;
        // The key projects' warnings too, month by month (the last day of each).
        crate::project::record_as_of(store, region, day, at).await?;
        crate::indicator::record_as_of(store, region, day, at).await?;
    }
    crate::rejudge::refresh_stale(store, region, today).await?;
    crate::project::refresh_stale_projects(store, region, today).await?;
    crate::indicator::refresh_stale_indicators(store, region, today).await?;
    Ok(n)
}

/// China Standard Time, whose days the history is kept in.
fn china_time() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}
