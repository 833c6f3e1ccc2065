//! The likelihood of delivery as kept: a row per judgement — the lead unit's with its report
//! (one per report, rewritten while the report is a draft or returned), or the office's
//! override — never removed, so that its accuracy can be measured against outcomes. What
//! counts as a task's current judgement is the latest override or judgement of a report sent.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A judgement as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Judged {
    /// Its id.
    pub id: i64,
    /// `task` or `project`.
    pub entity: String,
    /// The task or project.
    pub entity_id: i64,
    /// `likely`, `probable`, `at_risk` or `unlikely`.
    pub judgement: String,
    /// Why.
    pub reason: String,
    /// The office's override.
    pub overridden: bool,
    /// The report it came with, if any.
    pub report_id: Option<i64>,
    /// Who judged.
    pub judged_by: i64,
    /// When.
    pub judged_at: DateTime<Utc>,
}

/// The judgement sent with report `report_id` of task `task`: rewritten in place while the
/// report is being written (empty `judgement`: none given, the row goes).
#[allow(clippy::too_many_arguments)]
pub async fn set_for_report(
    tx: &mut Tx,
    region: RegionId,
    task: i64,
    report_id: i64,
    judgement: &str,
    reason: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    if judgement.is_empty() {
        execute!(
            tx,
            "DELETE FROM likelihood WHERE region_id = $1 AND report_id = $2",
            region,
            report_id
        )?;
        return Ok(());
    }
    let n = execute!(
        tx,
        "UPDATE likelihood SET judgement = $3, reason = $4, judged_by = $5, judged_at = $6
         WHERE region_id = $1 AND report_id = $2",
        region,
        report_id,
        judgement,
        reason,
        by,
        at
    )?;
    if n == 0 {
        insert(
            tx,
            region,
            "task",
            task,
            judgement,
            reason,
            false,
            Some(report_id),
            by,
            at,
        )
        .await?;
    }
    Ok(())
}

/// Adds a judgement; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    entity: &str,
    entity_id: i64,
    judgement: &str,
    reason: &str,
    overridden: bool,
    report_id: Option<i64>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "likelihood").await?;
    execute!(
        tx,
        "INSERT INTO likelihood (region_id, id, entity, entity_id, judgement, reason, override, report_id, judged_by, judged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        region,
        new_id,
        entity,
        entity_id,
        judgement,
        reason,
        overridden,
        report_id,
        by,
        at
    )?;
    Ok(new_id)
}

macro_rules! select_judged {
    () => {
        "SELECT l.id, l.entity, l.entity_id, l.judgement, l.reason, l.override AS overridden, l.report_id,
            l.judged_by, l.judged_at
         FROM likelihood l LEFT JOIN report r ON r.region_id = l.region_id AND r.id = l.report_id"
    };
}

/// The judgement written with report `report_id`, sent or not.
pub async fn of_report(conn: &mut Conn, region: RegionId, report_id: i64) -> Result<Option<Judged>> {
    Ok(fetch_optional!(
        conn,
        Judged,
        concat!(select_judged!(), " WHERE l.region_id = $1 AND l.report_id = $2"),
        region,
        report_id
    )?)
}

/// Every counted judgement of `entity` (`task`, `project`) in the region — overrides and those
/// of reports sent — the latest of each first.
pub async fn counted(conn: &mut Conn, region: RegionId, entity: &str) -> Result<Vec<Judged>> {
    Ok(fetch_all!(
        conn,
        Judged,
        concat!(
            select_judged!(),
            " WHERE l.region_id = $1 AND l.entity = $2
               AND (l.override OR l.report_id IS NULL OR r.status IN ('submitted', 'accepted'))
             ORDER BY l.entity_id, l.judged_at DESC, l.id DESC"
        ),
        region,
        entity
    )?)
}

/// The counted judgements of one task or project, the latest first.
pub async fn history(conn: &mut Conn, region: RegionId, entity: &str, id: i64) -> Result<Vec<Judged>> {
    Ok(fetch_all!(
        conn,
        Judged,
        concat!(
            select_judged!(),
            " WHERE l.region_id = $1 AND l.entity = $2 AND l.entity_id = $3
               AND (l.override OR l.report_id IS NULL OR r.status IN ('submitted', 'accepted'))
             ORDER BY l.judged_at DESC, l.id DESC"
        ),
        region,
        entity,
        id
    )?)
}
