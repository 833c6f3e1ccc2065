//! The SQL that writes judged scores: every unit's score under a scheme and its lines, replaced
//! whole. Private to this crate, the only writer of judged rows.

use chrono::{DateTime, Utc};
use luoshi_store::{
    RegionId, Result, Tx,
    assessment::{StoredLine, StoredScore},
    execute,
};

/// Replaces every score of `scheme` with `scores` and their lines.
pub(crate) async fn replace_scores(
    tx: &mut Tx,
    region: RegionId,
    scheme: i64,
    scores: &[(StoredScore, Vec<StoredLine>)],
    at: DateTime<Utc>,
) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM score_line WHERE region_id = $1 AND scheme_id = $2",
        region,
        scheme
    )?;
    execute!(
        tx,
        "DELETE FROM score WHERE region_id = $1 AND scheme_id = $2",
        region,
        scheme
    )?;
    for (s, lines) in scores {
        execute!(
            tx,
            "INSERT INTO score (region_id, scheme_id, unit_id, group_index, performance, total, evaluation_pending,
                place, ranked, grade, place_change, judged_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            region,
            scheme,
            s.unit_id,
            s.group_index,
            s.performance,
            s.total,
            s.evaluation_pending,
            s.place,
            s.ranked,
            &s.grade,
            s.place_change,
            at
        )?;
        for l in lines {
            execute!(
                tx,
                "INSERT INTO score_line (region_id, scheme_id, unit_id, seq, kind, rule, points, uncapped, record_kind,
                    record_id, label, times)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                region,
                scheme,
                s.unit_id,
                l.seq,
                &l.kind,
                &l.rule,
                l.points,
                l.uncapped,
                &l.record_kind,
                l.record_id,
                &l.label,
                l.times
            )?;
        }
    }
    Ok(())
}
