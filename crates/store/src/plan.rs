//! Plans (来源/计划): where tasks come from, with the full source text and the light thresholds.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Basis, PlanKind, Thresholds};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Plan {
    /// Its id.
    pub id: i64,
    /// Its region.
    pub region_id: i64,
    /// Its kind.
    #[sqlx(try_from = "crate::code::Code<PlanKind>")]
    pub kind: PlanKind,
    /// Title.
    pub title: String,
    /// Document number, e.g. 晋政发〔2020〕3号.
    pub doc_no: String,
    /// Date issued or held.
    pub issued_on: NaiveDate,
    /// The year its tasks belong to.
    pub year: i64,
    /// A short summary.
    pub summary: String,
    /// The full source text the tasks cite.
    #[serde(skip)]
    pub source_text: String,
    /// Lag in points above which a task is yellow.
    pub yellow_lag: i64,
    /// Lag in points above which a task is red.
    pub red_lag: i64,
    /// Days a milestone may be late before the task is red.
    pub milestone_red_days: i64,
    /// Which reports its lights read.
    #[sqlx(try_from = "crate::code::Code<Basis>")]
    pub judge_basis: Basis,
    /// The escalation ladder as stored (JSON; empty for the default).
    pub ladder: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

impl Plan {
    /// The plan's light thresholds.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            yellow_lag: self.yellow_lag.clamp(0, 100) as u8,
            red_lag: self.red_lag.clamp(0, 100) as u8,
            milestone_red_days: self.milestone_red_days.clamp(0, 3650) as u16,
            basis: self.judge_basis,
        }
    }
}

/// What a new plan needs.
#[derive(Debug, Clone)]
pub struct NewPlan<'a> {
    /// Kind code.
    pub kind: &'a str,
    /// Title.
    pub title: &'a str,
    /// Document number.
    pub doc_no: &'a str,
    /// Date issued.
    pub issued_on: NaiveDate,
    /// Year.
    pub year: i64,
    /// Summary.
    pub summary: &'a str,
    /// Full text.
    pub source_text: &'a str,
    /// Light thresholds.
    pub thresholds: Thresholds,
}

macro_rules! select_plan {
    () => {
        "SELECT id, region_id, kind, title, doc_no, issued_on, year, summary, source_text,
            yellow_lag, red_lag, milestone_red_days, judge_basis, ladder, created_at, updated_at, version
         FROM plan"
    };
}

/// Adds a plan; returns its id.
pub async fn insert_plan(tx: &mut Tx, region: RegionId, p: &NewPlan<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "plan").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO plan (region_id, kind, title, doc_no, issued_on, year, summary, source_text,
            yellow_lag, red_lag, milestone_red_days, judge_basis, created_at, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $14, $12, $12, $13) RETURNING id",
        region,
        p.kind,
        p.title,
        p.doc_no,
        p.issued_on,
        p.year,
        p.summary,
        p.source_text,
        i64::from(p.thresholds.yellow_lag),
        i64::from(p.thresholds.red_lag),
        i64::from(p.thresholds.milestone_red_days),
        now,
        new_id,
        p.thresholds.basis.code()
    )?;
    Ok(id)
}

/// One plan.
pub async fn plan(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Plan>> {
    Ok(fetch_optional!(
        conn,
        Plan,
        concat!(select_plan!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// Every plan of the region, newest first.
pub async fn plans(conn: &mut Conn, region: RegionId) -> Result<Vec<Plan>> {
    Ok(fetch_all!(
        conn,
        Plan,
        concat!(
            select_plan!(),
            " WHERE region_id = $1 ORDER BY year DESC, issued_on DESC, id DESC"
        ),
        region
    )?)
}

/// The plans in which `unit_id` leads or helps with at least one task.
pub async fn plans_of_unit(conn: &mut Conn, region: RegionId, unit_id: i64) -> Result<Vec<Plan>> {
    Ok(fetch_all!(
        conn,
        Plan,
        concat!(
            select_plan!(),
            " WHERE region_id = $1 AND id IN (
                SELECT t.plan_id FROM task t WHERE t.region_id = $1 AND (t.lead_unit_id = $2
                    OR t.id IN (SELECT c.task_id FROM task_co_unit c WHERE c.region_id = $1 AND c.unit_id = $2)))
              ORDER BY year DESC, issued_on DESC, id DESC"
        ),
        region,
        unit_id
    )?)
}

/// Sets a plan's escalation ladder (JSON) at `version`; someone else's newer save is a
/// conflict.
pub async fn set_ladder(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    ladder: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE plan SET ladder = $4, updated_at = $5, version = version + 1 WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        ladder,
        now
    )?;
    if n == 0 {
        let current = plan(tx, region, id).await?.map(|p| p.version).unwrap_or(0);
        return Err(crate::StoreError::Conflict {
            entity: "plan",
            id,
            current,
        });
    }
    Ok(())
}

/// Replaces a plan's full text (tasks read from a document added to it), moving its version on.
pub async fn set_source_text(tx: &mut Tx, region: RegionId, id: i64, text: &str, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        "UPDATE plan SET source_text = $3, updated_at = $4, version = version + 1 WHERE region_id = $1 AND id = $2",
        region,
        id,
        text,
        now
    )?;
    Ok(())
}

/// Saves a plan's fields if it is still at `version`; otherwise a conflict.
pub async fn update_plan(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    p: &NewPlan<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE plan SET kind = $4, title = $5, doc_no = $6, issued_on = $7, year = $8, summary = $9,
            source_text = $10, yellow_lag = $11, red_lag = $12, milestone_red_days = $13,
            judge_basis = $15, updated_at = $14, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        p.kind,
        p.title,
        p.doc_no,
        p.issued_on,
        p.year,
        p.summary,
        p.source_text,
        i64::from(p.thresholds.yellow_lag),
        i64::from(p.thresholds.red_lag),
        i64::from(p.thresholds.milestone_red_days),
        now,
        p.thresholds.basis.code()
    )?;
    if n == 0 {
        let current = plan(tx, region, id).await?.map(|p| p.version).unwrap_or(0);
        return Err(crate::StoreError::Conflict {
            entity: "plan",
            id,
            current,
        });
    }
    Ok(())
}
