//! Scores (考核得分), judged state like the lights: every unit's score under an open scheme
//! judged from the records its rules count — each line with its rule and record — ranked per
//! group against the previous period's places, and stored whole; a closed scheme's scores are
//! frozen and never judged again.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{
    assessment::{
        Entry, LineKind, Place, Record, RecordKind, Scheme,
        facts::facts,
        rank,
        scheme::{PeriodKind, Rule, RuleKind, Visibility, parse_grading, parse_groups},
        score,
    },
    task::UnitCategory,
};
use luoshi_store::{
    Conn, RegionId, Result, Tx,
    assessment::{self as store, StoredLine, StoredScheme, StoredScore},
};

use crate::score_rows;

/// A stored scheme as the rules read it; `None` when what is stored is not one.
pub fn scheme_of(s: &StoredScheme, rules: &[store::StoredRule]) -> Option<Scheme> {
    Some(Scheme {
        name: s.name.clone(),
        kind: PeriodKind::parse(&s.kind)?,
        from: s.period_from,
        to: s.period_to,
        base: s.base_points,
        floor: s.floor_points,
        evaluation_share: s.evaluation_share,
        groups: parse_groups(&s.unit_groups)?,
        rules: rules
            .iter()
            .map(|(kind, points, cap)| {
                Some(Rule {
                    kind: RuleKind::parse(kind)?,
                    points: *points,
                    cap: *cap,
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(|mut r| {
                // The order the rules are listed in: the kinds' own.
                r.sort_by_key(|x| x.kind);
                r
            })?,
        grading: parse_grading(&s.grading)?,
        visibility: Visibility::parse(&s.visibility)?,
    })
}

/// The previous period's places: the latest closed scheme ending before `from`.
async fn previous_places(conn: &mut Conn, region: RegionId, from: NaiveDate) -> Result<HashMap<i64, usize>> {
    let before = store::schemes(conn, region)
        .await?
        .into_iter()
        .find(|s| s.status == "closed" && s.period_to < from);
    let Some(prev) = before else {
        return Ok(HashMap::new());
    };
    Ok(store::scores(conn, region, prev.id)
        .await?
        .into_iter()
        .map(|s| (s.unit_id, s.place as usize))
        .collect())
}

/// Judges every unit's score under open scheme `id` as of `today` inside `tx` and stores them;
/// a closed (or unknown) scheme is left as it is. Returns whether it judged.
pub async fn judge_scheme(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    score_rows::lock(tx, region, id).await?;
    let Some(stored) = store::scheme(tx, region, id).await? else {
        return Ok(false);
    };
    if stored.status != "open" {
        return Ok(false);
    }
    let rules = store::rules(tx, region, id).await?;
    // Schemes are written checked; one that does not read back is not judged.
    let Some(s) = scheme_of(&stored, &rules) else {
        return Ok(false);
    };
    let as_of = s.to.min(today);
    let records = luoshi_store::assessment_records::records(tx, region, s.from, as_of).await?;
    let cal = luoshi_store::calendar::work_calendar(tx, region).await?;
    let all = facts(&records, &cal, s.from, as_of);
    let evaluations: HashMap<i64, i64> = store::evaluations(tx, region, id).await?.into_iter().collect();
    let units = luoshi_store::unit::units(tx, region).await?;
    let mut scored = Vec::new();
    for u in units.iter().filter(|u| u.active && u.merged_into.is_none()) {
        let Some(cat) = UnitCategory::parse(&u.category) else {
            continue;
        };
        let Some(group) = s.groups.iter().position(|g| g.categories.contains(&cat)) else {
            continue;
        };
        let ev = evaluations.get(&u.id).map(|p| {
            (
                *p,
                Record {
                    kind: RecordKind::Evaluation,
                    id: u.id,
                },
            )
        });
        let sc = score(&s, all.get(&u.id).map(Vec::as_slice).unwrap_or(&[]), ev);
        scored.push((u.id, group, sc));
    }
    let entries: Vec<Entry> = scored
        .iter()
        .map(|(unit, group, sc)| Entry {
            unit: *unit,
            group: *group,
            total: sc.total,
        })
        .collect();
    let previous = previous_places(tx, region, s.from).await?;
    let places: HashMap<i64, Place> = rank(&entries, s.grading, &previous)
        .into_iter()
        .map(|p| (p.unit, p))
        .collect();
    let rows: Vec<(StoredScore, Vec<StoredLine>)> = scored
        .into_iter()
        .filter_map(|(unit, group, sc)| {
            let p = places.get(&unit)?;
            let lines = sc
                .lines
                .iter()
                .enumerate()
                .map(|(seq, l)| StoredLine {
                    seq: seq as i64,
                    kind: match l.kind {
                        LineKind::Base => "base",
                        LineKind::Rule(_) => "rule",
                        LineKind::Floor => "floor",
                        LineKind::Evaluation => "evaluation",
                    }
                    .to_string(),
                    rule: match l.kind {
                        LineKind::Rule(k) => k.code().to_string(),
                        _ => String::new(),
                    },
                    points: l.points,
                    uncapped: l.uncapped,
                    record_kind: l.record.map(|r| r.kind.code().to_string()).unwrap_or_default(),
                    record_id: l.record.map(|r| r.id),
                    label: l.label.clone(),
                    times: l.count,
                })
                .collect();
            Some((
                StoredScore {
                    unit_id: unit,
                    group_index: group as i64,
                    performance: sc.performance,
                    total: sc.total,
                    evaluation_pending: sc.evaluation_pending,
                    place: p.rank as i64,
                    ranked: p.of as i64,
                    grade: p.grade.code().to_string(),
                    place_change: p.change,
                },
                lines,
            ))
        })
        .collect();
    score_rows::replace_scores(tx, region, id, &rows, now).await?;
    let seq = score_rows::latest_seq(tx, region).await?;
    score_rows::judged(tx, region, id, seq, today).await?;
    Ok(true)
}

/// Judges again every open scheme of the region whose scores are older than the region's latest
/// write or than `today` (overdue months grow with the days), each in its own transaction;
/// returns how many. Pages call it before reading scores, as projects' warnings are kept.
pub async fn refresh_stale_schemes(store: &luoshi_store::Store, region: RegionId, today: NaiveDate) -> Result<usize> {
    let stale = {
        let mut c = store.conn().await?;
        let seq = score_rows::latest_seq(&mut c, region).await?;
        score_rows::stale(&mut c, region, seq, today).await?
    };
    let mut n = 0;
    for id in stale {
        let mut tx = store.begin().await?;
        if judge_scheme(&mut tx, region, id, today, Utc::now()).await? {
            n += 1;
        }
        tx.commit().await?;
    }
    Ok(n)
}
