//! Indicator lights (指标亮灯) as judged state: each indicator judged by
//! `luoshi_domain::indicator::judge_indicator` from its records — the target and profile, the
//! latest figure the office accepted, the months owed, the region's thresholds — stored with
//! its reason, and kept by month as its history (the last judgement of a month stands for the
//! month). Written after every write that touches an indicator, in that write's transaction,
//! and for every indicator on a new day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::indicator::{
    Direction, Figure, Frequency, IndicatorFacts, IndicatorRule, IndicatorThresholds, IndicatorVerdict, Kind, Latest,
    Profile, Tenths, judge_indicator, owed,
};
use luoshi_domain::project::Month;
use luoshi_store::{
    Conn, RegionId, Result, Store, Tx, indicator, indicator_actual,
    indicator_state::{self, IndicatorState},
};

use crate::indicator_rows;

/// An indicator's stored record, read as the rules need it.
pub struct Read {
    /// Amount or rate.
    pub kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// How often.
    pub frequency: Frequency,
    /// The annual target.
    pub target: Figure,
    /// Time progress.
    pub profile: Profile,
}

/// Reads an indicator's codes and profile (stored by the server from checked input).
pub fn read(i: &indicator::Indicator) -> Read {
    Read {
        kind: Kind::parse(&i.kind).unwrap_or(Kind::Amount),
        direction: Direction::parse(&i.direction).unwrap_or(Direction::Higher),
        frequency: Frequency::parse(&i.frequency).unwrap_or(Frequency::Monthly),
        target: Figure(i.target),
        profile: serde_json::from_str(&i.profile).unwrap_or_default(),
    }
}

/// Reads the facts of `only` (or of every indicator in use, with `only = 0`) as of `today` —
/// and, with `at`, as things stood at that instant — and judges each.
pub(crate) async fn judge(
    conn: &mut Conn,
    region: RegionId,
    only: i64,
    today: NaiveDate,
    at: Option<DateTime<Utc>>,
) -> Result<Vec<IndicatorState>> {
    let by = |t: DateTime<Utc>| at.is_none_or(|at| t <= at);
    let indicators = if only == 0 {
        indicator::indicators(conn, region, 0).await?
    } else {
        indicator::indicator(conn, region, only).await?.into_iter().collect()
    };
    let mut entered: HashMap<i64, Vec<Month>> = HashMap::new();
    let mut latest: HashMap<i64, Latest> = HashMap::new();
    for a in indicator_actual::of_year(conn, region, 0, only).await? {
        let Some(month) = Month::parse(&a.month) else { continue };
        let counts = match at {
            None => a.status != "returned",
            Some(_) => by(a.submitted_at),
        };
        if counts {
            entered.entry(a.indicator_id).or_default().push(month);
        }
        if let Some(value) = a.accepted
            && a.reviewed_at.is_some_and(by)
        {
            // Rows come by month: the last accepted one is the latest.
            latest.insert(
                a.indicator_id,
                Latest {
                    month,
                    value: Figure(value),
                },
            );
        }
    }
    let t = indicator_state::thresholds(conn, region).await?;
    let th = IndicatorThresholds {
        yellow: Tenths(t.indicator_yellow),
        red: Tenths(t.indicator_red),
    };
    let mut out = Vec::with_capacity(indicators.len());
    for i in indicators.iter().filter(|i| i.active && by(i.created_at)) {
        let r = read(i);
        let sent = entered.get(&i.id).map(Vec::as_slice).unwrap_or(&[]);
        let missing = owed::first_missing(&owed::owed_months(i.year, r.frequency, sent, today));
        let facts = IndicatorFacts {
            kind: r.kind,
            direction: r.direction,
            target: r.target,
            profile: r.profile,
            latest: latest.get(&i.id).copied(),
            missing,
        };
        let v = judge_indicator(&facts, th);
        out.push(IndicatorState {
            indicator_id: i.id,
            judged_on: today,
            light: v.light.code().to_string(),
            rule: v.rule_code().to_string(),
            reason: serde_json::to_string(&v.rule).unwrap_or_default(),
            missing: v.missing.map(Month::code).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Records the region's indicator lights as things stood at `at`, on `day`, in their history.
pub(crate) async fn record_as_of(store: &Store, region: RegionId, day: NaiveDate, at: DateTime<Utc>) -> Result<usize> {
    let judged = {
        let mut conn = store.conn().await?;
        judge(&mut conn, region, 0, day, Some(at)).await?
    };
    let mut tx = store.begin().await?;
    for s in &judged {
        indicator_rows::record(&mut tx, region, s).await?;
    }
    tx.commit().await?;
    Ok(judged.len())
}

/// Judges indicator `id` again inside `tx` (after a write that touched it).
pub(crate) async fn refresh_indicator(tx: &mut Tx, region: RegionId, id: i64, today: NaiveDate) -> Result<()> {
    // Lock first, then read: a write committed while this one waited is seen.
    indicator_rows::lock(tx, region, id).await?;
    for j in judge(tx, region, id, today, None).await? {
        indicator_rows::store(tx, region, &j).await?;
    }
    Ok(())
}

/// Judges every indicator of the region again inside `tx` (the thresholds changed).
pub(crate) async fn refresh_all(tx: &mut Tx, region: RegionId, today: NaiveDate) -> Result<()> {
    for j in judge(tx, region, 0, today, None).await? {
        indicator_rows::store(tx, region, &j).await?;
    }
    Ok(())
}

/// Judges the region's indicators not yet judged for `today`; returns how many.
pub async fn refresh_stale_indicators(store: &Store, region: RegionId, today: NaiveDate) -> Result<usize> {
    let stale = {
        let mut conn = store.conn().await?;
        indicator_state::stale(&mut conn, region, today).await?
    };
    if stale.is_empty() {
        return Ok(0);
    }
    let judged = {
        let mut conn = store.conn().await?;
        judge(&mut conn, region, 0, today, None).await?
    };
    let mut tx = store.begin().await?;
    let mut n = 0;
    for j in judged.iter().filter(|j| stale.contains(&j.indicator_id)) {
        // A write since the read judged it afresh already: keep that.
        if indicator_rows::judged_on(&mut tx, region, j.indicator_id).await? < Some(today) {
            indicator_rows::store(&mut tx, region, j).await?;
            n += 1;
        }
    }
    tx.commit().await?;
    Ok(n)
}

/// A stored light's rule and numbers, to explain it in words.
pub fn indicator_verdict(light: &str, reason: &str, missing: &str) -> Option<IndicatorVerdict> {
    let rule: IndicatorRule = serde_json::from_str(reason).ok()?;
    Some(IndicatorVerdict {
        light: luoshi_domain::Light::parse(light)?,
        rule,
        missing: Month::parse(missing),
    })
}
