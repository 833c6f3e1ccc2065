//! Indicators' figures (指标数据): one per indicator and month, entered by the responsible unit,
//! accepted or returned by the office; the figure judged when last accepted is kept beside the
//! one entered, so a correction under review never moves the light.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A figure as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Actual {
    /// Its id.
    pub id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The month, `2020-06`.
    pub month: String,
    /// As entered: the cumulative amount, or the rate.
    pub value: i64,
    /// Last year's same period, as entered.
    pub last_year: Option<i64>,
    /// The figure judged (the amount, or the rate — computed where the indicator says so).
    pub judged: i64,
    /// The figure judged when the office last accepted it.
    pub accepted: Option<i64>,
    /// The unit's note (and why, for a correction).
    pub note: String,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// The office's note.
    pub review_note: String,
    /// Who entered it.
    pub submitted_by: i64,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// Who decided.
    pub reviewed_by: Option<i64>,
    /// When.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a unit enters.
#[derive(Debug, Clone, Copy)]
pub struct Entered<'a> {
    /// As typed.
    pub value: i64,
    /// Last year's same period.
    pub last_year: Option<i64>,
    /// The figure judged.
    pub judged: i64,
    /// The note.
    pub note: &'a str,
}

/// Stores a first figure for `indicator`'s `month`; returns its id.
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    indicator: i64,
    month: &str,
    e: Entered<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "indicator_actual").await?;
    execute!(
        tx,
        "INSERT INTO indicator_actual (region_id, id, indicator_id, month, value, last_year, judged, note, status,
            submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10)",
        region,
        id,
        indicator,
        month,
        e.value,
        e.last_year,
        e.judged,
        e.note,
        by,
        at
    )?;
    Ok(id)
}

/// Enters figure `id` again (after a return, or as a correction) if it is still at `version`;
/// false when someone saved it since.
pub async fn resend(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    e: Entered<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE indicator_actual SET value = $4, last_year = $5, judged = $6, note = $7, status = 'submitted',
            review_note = '', submitted_by = $8, submitted_at = $9, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        e.value,
        e.last_year,
        e.judged,
        e.note,
        by,
        at
    )?;
    Ok(n > 0)
}

/// Decides entered figure `id` at `version`: accepting keeps its judged figure as the accepted
/// one. False when it is not waiting at that version.
#[allow(clippy::too_many_arguments)]
pub async fn review(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    accept: bool,
    note: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = if accept {
        execute!(
            tx,
            "UPDATE indicator_actual SET status = 'accepted', accepted = judged, review_note = $4, reviewed_by = $5,
                reviewed_at = $6, version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'submitted'",
            region,
            id,
            version,
            note,
            by,
            at
        )?
    } else {
        execute!(
            tx,
            "UPDATE indicator_actual SET status = 'returned', review_note = $4, reviewed_by = $5, reviewed_at = $6,
                version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'submitted'",
            region,
            id,
            version,
            note,
            by,
            at
        )?
    };
    Ok(n > 0)
}

/// Figure `id`.
pub async fn actual(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Actual>> {
    Ok(fetch_optional!(
        conn,
        Actual,
        "SELECT id, indicator_id, month, value, last_year, judged, accepted, note, status, review_note, submitted_by,
            submitted_at, reviewed_by, reviewed_at, version
         FROM indicator_actual WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// An indicator's figures, by month.
pub async fn of_indicator(conn: &mut Conn, region: RegionId, indicator: i64) -> Result<Vec<Actual>> {
    Ok(fetch_all!(
        conn,
        Actual,
        "SELECT id, indicator_id, month, value, last_year, judged, accepted, note, status, review_note, submitted_by,
            submitted_at, reviewed_by, reviewed_at, version
         FROM indicator_actual WHERE region_id = $1 AND indicator_id = $2 ORDER BY month",
        region,
        indicator
    )?)
}

/// Every figure of the indicators of `year` (or of every year, `year = 0`), of every indicator
/// (`indicator = 0`) or of one, by indicator and month.
pub async fn of_year(conn: &mut Conn, region: RegionId, year: i32, indicator: i64) -> Result<Vec<Actual>> {
    Ok(fetch_all!(
        conn,
        Actual,
        "SELECT a.id, a.indicator_id, a.month, a.value, a.last_year, a.judged, a.accepted, a.note, a.status,
            a.review_note, a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at, a.version
         FROM indicator_actual a JOIN indicator i ON i.region_id = a.region_id AND i.id = a.indicator_id
         WHERE a.region_id = $1 AND ($2 = 0 OR i.year = $2) AND ($3 = 0 OR a.indicator_id = $3)
         ORDER BY a.indicator_id, a.month",
        region,
        year,
        indicator
    )?)
}

/// Every figure of `unit`'s indicators, by indicator and month (for its inbox).
pub async fn of_unit(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<Actual>> {
    Ok(fetch_all!(
        conn,
        Actual,
        "SELECT a.id, a.indicator_id, a.month, a.value, a.last_year, a.judged, a.accepted, a.note, a.status,
            a.review_note, a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at, a.version
         FROM indicator_actual a JOIN indicator i ON i.region_id = a.region_id AND i.id = a.indicator_id
         WHERE a.region_id = $1 AND i.unit_id = $2 AND i.active ORDER BY a.indicator_id, a.month",
        region,
        unit
    )?)
}

/// Figures waiting for the office, the earliest entered first.
pub async fn to_review(conn: &mut Conn, region: RegionId, limit: i64) -> Result<Vec<Actual>> {
    Ok(fetch_all!(
        conn,
        Actual,
        "SELECT id, indicator_id, month, value, last_year, judged, accepted, note, status, review_note, submitted_by,
            submitted_at, reviewed_by, reviewed_at, version
         FROM indicator_actual WHERE region_id = $1 AND status = 'submitted' ORDER BY submitted_at, id LIMIT $2",
        region,
        limit
    )?)
}

/// Figures of `unit`'s indicators the office returned, the oldest month first.
pub async fn returned_to(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<Actual>> {
    Ok(fetch_all!(
        conn,
        Actual,
        "SELECT a.id, a.indicator_id, a.month, a.value, a.last_year, a.judged, a.accepted, a.note, a.status,
            a.review_note, a.submitted_by, a.submitted_at, a.reviewed_by, a.reviewed_at, a.version
         FROM indicator_actual a JOIN indicator i ON i.region_id = a.region_id AND i.id = a.indicator_id
         WHERE a.region_id = $1 AND i.unit_id = $2 AND a.status = 'returned' ORDER BY a.month, a.id",
        region,
        unit
    )?)
}
