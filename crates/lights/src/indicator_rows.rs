//! The SQL that writes indicator lights: each indicator's judged row and the month's entry of
//! its history. Private to this crate, the only writer of judged rows.

use chrono::NaiveDate;
use luoshi_store::{RegionId, Result, Tx, execute, fetch_optional, indicator_state::IndicatorState};

/// Takes indicator `id`'s row lock for judging it (so two writes judge it one after the other).
pub(crate) async fn lock(tx: &mut Tx, region: RegionId, id: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE indicator SET judged_rev = judged_rev + 1 WHERE region_id = $1 AND id = $2",
        region,
        id
    )?;
    Ok(())
}

/// The day indicator `id` was last judged for.
pub(crate) async fn judged_on(tx: &mut Tx, region: RegionId, id: i64) -> Result<Option<NaiveDate>> {
    Ok(fetch_optional!(
        tx,
        (NaiveDate,),
        "SELECT judged_on FROM indicator_state WHERE region_id = $1 AND indicator_id = $2",
        region,
        id
    )?
    .map(|(d,)| d))
}

/// Stores an indicator's judged light, and as the month's entry of its history.
pub(crate) async fn store(tx: &mut Tx, region: RegionId, s: &IndicatorState) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO indicator_state (region_id, indicator_id, judged_on, light, rule, reason, missing, rev)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
         ON CONFLICT (region_id, indicator_id) DO UPDATE SET judged_on = excluded.judged_on, light = excluded.light,
            rule = excluded.rule, reason = excluded.reason, missing = excluded.missing, rev = indicator_state.rev + 1",
        region,
        s.indicator_id,
        s.judged_on,
        &s.light,
        &s.rule,
        &s.reason,
        &s.missing
    )?;
    record(tx, region, s).await
}

/// Keeps an indicator's judged light as its month's entry in the history.
pub(crate) async fn record(tx: &mut Tx, region: RegionId, s: &IndicatorState) -> Result<()> {
    let month = luoshi_domain::project::Month::of(s.judged_on).code();
    execute!(
        tx,
        "INSERT INTO indicator_light (region_id, indicator_id, month, light, rule, reason, missing, recorded_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (region_id, indicator_id, month) DO UPDATE SET light = excluded.light, rule = excluded.rule,
            reason = excluded.reason, missing = excluded.missing, recorded_on = excluded.recorded_on",
        region,
        s.indicator_id,
        month,
        &s.light,
        &s.rule,
        &s.reason,
        &s.missing,
        s.judged_on
    )?;
    Ok(())
}
