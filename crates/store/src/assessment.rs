//! Assessment schemes (考核方案) with their rules, the leaders' evaluation of each unit under a
//! scheme, and the judged scores (read here; written only by `luoshi_lights`): each unit's total,
//! place and grade, and its lines with the rule and record each came from. Points are hundredths; groups and grading are stored as
//! `luoshi_domain::assessment::scheme` writes them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A scheme as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StoredScheme {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `quarter`, `half_year` or `year`.
    pub kind: String,
    /// First day.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
    /// Base score.
    pub base_points: i64,
    /// Floor.
    pub floor_points: i64,
    /// The evaluation's share, percent.
    pub evaluation_share: i64,
    /// Groups ranked apart (JSON).
    pub unit_groups: String,
    /// Grading (`cut_offs:…` or `shares:…`).
    pub grading: String,
    /// Who sees the ranking.
    pub visibility: String,
    /// `open` or `closed`.
    pub status: String,
    /// The scheme it was copied from.
    pub copied_from: Option<i64>,
    /// When it was closed (its scores frozen).
    pub closed_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// A scheme's fields as written.
#[derive(Debug, Clone, Copy)]
pub struct SchemeFields<'a> {
    /// Name.
    pub name: &'a str,
    /// Kind code.
    pub kind: &'a str,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Base.
    pub base: i64,
    /// Floor.
    pub floor: i64,
    /// Evaluation share.
    pub evaluation_share: i64,
    /// Groups (JSON).
    pub groups: &'a str,
    /// Grading.
    pub grading: &'a str,
    /// Visibility code.
    pub visibility: &'a str,
}

/// A rule as stored: kind code, points, cap.
pub type StoredRule = (String, i64, Option<i64>);

macro_rules! select_scheme {
    () => {
        "SELECT id, name, kind, period_from, period_to, base_points, floor_points, evaluation_share, unit_groups,
            grading, visibility, status, copied_from, closed_at, version FROM scheme"
    };
}

/// Adds an open scheme with its rules; returns its id.
pub async fn insert_scheme(
    tx: &mut Tx,
    region: RegionId,
    f: SchemeFields<'_>,
    rules: &[StoredRule],
    copied_from: Option<i64>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "scheme").await?;
    execute!(
        tx,
        "INSERT INTO scheme (region_id, id, name, kind, period_from, period_to, base_points, floor_points,
            evaluation_share, unit_groups, grading, visibility, status, copied_from, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15)",
        region,
        id,
        f.name,
        f.kind,
        f.from,
        f.to,
        f.base,
        f.floor,
        f.evaluation_share,
        f.groups,
        f.grading,
        f.visibility,
        copied_from,
        by,
        at
    )?;
    set_rules(tx, region, id, rules).await?;
    Ok(id)
}

async fn set_rules(tx: &mut Tx, region: RegionId, scheme: i64, rules: &[StoredRule]) -> Result<()> {
    execute!(
        tx,
        "DELETE FROM scheme_rule WHERE region_id = $1 AND scheme_id = $2",
        region,
        scheme
    )?;
    for (kind, points, cap) in rules {
        execute!(
            tx,
            "INSERT INTO scheme_rule (region_id, scheme_id, kind, points, cap) VALUES ($1, $2, $3, $4, $5)",
            region,
            scheme,
            kind,
            points,
            cap
        )?;
    }
    Ok(())
}

/// Changes open scheme `id` read at `version`; false when it was saved since or is closed.
pub async fn update_scheme(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    f: SchemeFields<'_>,
    rules: &[StoredRule],
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE scheme SET name = $4, kind = $5, period_from = $6, period_to = $7, base_points = $8,
            floor_points = $9, evaluation_share = $10, unit_groups = $11, grading = $12, visibility = $13,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        f.name,
        f.kind,
        f.from,
        f.to,
        f.base,
        f.floor,
        f.evaluation_share,
        f.groups,
        f.grading,
        f.visibility
    )?;
    if n == 0 {
        return Ok(false);
    }
    set_rules(tx, region, id, rules).await?;
    Ok(true)
}

/// Closes open scheme `id` read at `version`: its scores are frozen from now on.
pub async fn close_scheme(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE scheme SET status = 'closed', closed_by = $4, closed_at = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        by,
        at
    )?;
    Ok(n > 0)
}

/// Scheme `id`.
pub async fn scheme(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<StoredScheme>> {
    Ok(fetch_optional!(
        conn,
        StoredScheme,
        concat!(select_scheme!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// The region's schemes, the latest period first.
pub async fn schemes(conn: &mut Conn, region: RegionId) -> Result<Vec<StoredScheme>> {
    Ok(fetch_all!(
        conn,
        StoredScheme,
        concat!(
            select_scheme!(),
            " WHERE region_id = $1 ORDER BY period_to DESC, id DESC"
        ),
        region
    )?)
}

/// Scheme `id`'s rules.
pub async fn rules(conn: &mut Conn, region: RegionId, id: i64) -> Result<Vec<StoredRule>> {
    Ok(fetch_all!(
        conn,
        StoredRule,
        "SELECT kind, points, cap FROM scheme_rule WHERE region_id = $1 AND scheme_id = $2 ORDER BY kind",
        region,
        id
    )?)
}

/// Sets the leaders' evaluation of `unit` under `scheme` (0–100 points, hundredths).
#[allow(clippy::too_many_arguments)]
pub async fn set_evaluation(
    tx: &mut Tx,
    region: RegionId,
    scheme: i64,
    unit: i64,
    points: i64,
    note: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO evaluation (region_id, scheme_id, unit_id, points, note, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (region_id, scheme_id, unit_id) DO UPDATE SET points = $4, note = $5, entered_by = $6,
            entered_at = $7, version = evaluation.version + 1",
        region,
        scheme,
        unit,
        points,
        note,
        by,
        at
    )?;
    Ok(())
}

/// The evaluations entered under `scheme`: (unit, points).
pub async fn evaluations(conn: &mut Conn, region: RegionId, scheme: i64) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT unit_id, points FROM evaluation WHERE region_id = $1 AND scheme_id = $2",
        region,
        scheme
    )?)
}

/// A unit's judged score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StoredScore {
    /// The unit.
    pub unit_id: i64,
    /// Its group.
    pub group_index: i64,
    /// From the records, floor applied.
    pub performance: i64,
    /// Total.
    pub total: i64,
    /// The evaluation is weighed but not entered yet.
    pub evaluation_pending: bool,
    /// Its place in its group.
    pub place: i64,
    /// How many its group ranks.
    pub ranked: i64,
    /// Grade code.
    pub grade: String,
    /// Places gained since the previous period.
    pub place_change: Option<i64>,
}

/// A line of a judged score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StoredLine {
    /// Its place in the score.
    pub seq: i64,
    /// `base`, `rule`, `floor` or `evaluation`.
    pub kind: String,
    /// The rule's kind, for rule lines.
    pub rule: String,
    /// Points.
    pub points: i64,
    /// Points without the rule's cap.
    pub uncapped: i64,
    /// The record's kind.
    pub record_kind: String,
    /// The record.
    pub record_id: Option<i64>,
    /// In words.
    pub label: String,
    /// Times counted.
    pub times: i64,
}

/// The scores of `scheme`, group by group and by place.
pub async fn scores(conn: &mut Conn, region: RegionId, scheme: i64) -> Result<Vec<StoredScore>> {
    Ok(fetch_all!(
        conn,
        StoredScore,
        "SELECT unit_id, group_index, performance, total, evaluation_pending, place, ranked, grade, place_change
         FROM score WHERE region_id = $1 AND scheme_id = $2 ORDER BY group_index, place, unit_id",
        region,
        scheme
    )?)
}

/// The lines of `unit`'s score under `scheme`, in order.
pub async fn lines(conn: &mut Conn, region: RegionId, scheme: i64, unit: i64) -> Result<Vec<StoredLine>> {
    Ok(fetch_all!(
        conn,
        StoredLine,
        "SELECT seq, kind, rule, points, uncapped, record_kind, record_id, label, times
         FROM score_line WHERE region_id = $1 AND scheme_id = $2 AND unit_id = $3 ORDER BY seq",
        region,
        scheme,
        unit
    )?)
}
