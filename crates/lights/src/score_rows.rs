//! The SQL that writes judged scores: every unit's score under a scheme and its lines, replaced
//! whole. Private to this crate, the only writer of judged rows.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_store::{
    RegionId, Result, Tx,
    assessment::{StoredLine, StoredScore},
    execute, fetch_all, scalar,
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

/// The region's latest audit line: every write records one, so scores judged up to it are current.
pub(crate) async fn latest_seq(conn: &mut luoshi_store::Conn, region: RegionId) -> Result<i64> {
    Ok(scalar!(
        conn,
        i64,
        "SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE region_id = $1",
        region
    )?)
}

/// Notes that open scheme `scheme` was judged on `day` up to audit line `seq`.
pub(crate) async fn judged(tx: &mut Tx, region: RegionId, scheme: i64, seq: i64, day: NaiveDate) -> Result<()> {
    execute!(
        tx,
        "UPDATE scheme SET judged_seq = $3, judged_on = $4 WHERE region_id = $1 AND id = $2",
        region,
        scheme,
        seq,
        day
    )?;
    Ok(())
}

/// The open schemes judged before audit line `seq` or before `day`.
pub(crate) async fn stale(
    conn: &mut luoshi_store::Conn,
    region: RegionId,
    seq: i64,
    day: NaiveDate,
) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        conn,
        (i64,),
        "SELECT id FROM scheme WHERE region_id = $1 AND status = 'open'
           AND (judged_seq < $2 OR judged_on IS NULL OR judged_on < $3) ORDER BY id",
        region,
        seq,
        day
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// Takes scheme `scheme`'s row lock for judging it, so two readers that find it stale judge it
/// one after the other (the second replaces what the first wrote, instead of colliding with it).
pub(crate) async fn lock(tx: &mut Tx, region: RegionId, scheme: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE scheme SET judged_seq = judged_seq WHERE region_id = $1 AND id = $2",
        region,
        scheme
    )?;
    Ok(())
}
