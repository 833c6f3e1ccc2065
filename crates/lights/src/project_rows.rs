//! The SQL that writes project warnings: each project's judged row and the month's entry of
//! its history. Private to this crate, the only writer of judged rows.

use chrono::NaiveDate;
use luoshi_store::{RegionId, Result, Tx, execute, fetch_optional, project_state::ProjectState};

/// Takes project `id`'s row lock for judging it (so two writes judge it one after the other).
pub(crate) async fn lock(tx: &mut Tx, region: RegionId, id: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE project SET judged_rev = judged_rev + 1 WHERE region_id = $1 AND id = $2",
        region,
        id
    )?;
    Ok(())
}

/// The day project `id` was last judged for.
pub(crate) async fn judged_on(tx: &mut Tx, region: RegionId, id: i64) -> Result<Option<NaiveDate>> {
    Ok(fetch_optional!(
        tx,
        (NaiveDate,),
        "SELECT judged_on FROM project_state WHERE region_id = $1 AND project_id = $2",
        region,
        id
    )?
    .map(|(d,)| d))
}

/// Stores a project's judged warning, and as the month's entry of its history.
pub(crate) async fn store(tx: &mut Tx, region: RegionId, s: &ProjectState) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO project_state (region_id, project_id, judged_on, light, rule, reason, year, done_to, cumulative, owed, rev)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)
         ON CONFLICT (region_id, project_id) DO UPDATE SET judged_on = excluded.judged_on, light = excluded.light,
            rule = excluded.rule, reason = excluded.reason, year = excluded.year, done_to = excluded.done_to,
            cumulative = excluded.cumulative, owed = excluded.owed, rev = project_state.rev + 1",
        region,
        s.project_id,
        s.judged_on,
        &s.light,
        &s.rule,
        &s.reason,
        s.year,
        &s.done_to,
        s.cumulative,
        &s.owed
    )?;
    record(tx, region, s).await
}

/// Keeps a project's judged warning as its month's entry in the history.
pub(crate) async fn record(tx: &mut Tx, region: RegionId, s: &ProjectState) -> Result<()> {
    let month = luoshi_domain::project::Month::of(s.judged_on).code();
    execute!(
        tx,
        "INSERT INTO project_warning (region_id, project_id, month, light, rule, reason, recorded_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (region_id, project_id, month) DO UPDATE SET light = excluded.light, rule = excluded.rule,
            reason = excluded.reason, recorded_on = excluded.recorded_on",
        region,
        s.project_id,
        month,
        &s.light,
        &s.rule,
        &s.reason,
        s.judged_on
    )?;
    Ok(())
}
