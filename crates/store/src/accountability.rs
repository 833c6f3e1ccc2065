//! Accountability and commendation records (约谈, 通报批评, 问责; 通报表扬, 记功): kept by the
//! office or confirmed from a proposal of the escalation ladder; changed with a version check.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A record as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Accountability {
    /// Its id.
    pub id: i64,
    /// The unit.
    pub unit_id: i64,
    /// The task, if any (a record confirmed from a proposal names it).
    pub task_id: Option<i64>,
    /// The proposal it came from, if any.
    pub escalation_id: Option<i64>,
    /// `interview`, `criticism`, `accountability`, `praise` or `merit`.
    pub kind: String,
    /// Why.
    pub reason: String,
    /// The person named, if any.
    pub person: String,
    /// The document number, if any.
    pub doc_no: String,
    /// The records that justify it, `task:12,order:3`.
    pub records: String,
    /// Shown on the public site.
    pub public: bool,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_on: NaiveDate,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// Its version.
    pub version: i64,
}

/// What is written.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    /// The unit.
    pub unit_id: i64,
    /// The task, if any.
    pub task_id: Option<i64>,
    /// Its kind's code.
    pub kind: &'a str,
    /// Why.
    pub reason: &'a str,
    /// The person named.
    pub person: &'a str,
    /// The document number.
    pub doc_no: &'a str,
    /// The records, `task:12,order:3`.
    pub records: &'a str,
    /// Shown on the public site.
    pub public: bool,
    /// When decided.
    pub decided_on: NaiveDate,
}

/// The columns of [`Accountability`], for `concat!`.
macro_rules! columns {
    () => {
        "id, unit_id, task_id, escalation_id, kind, reason, person, doc_no, records, public, \
         decided_by, decided_on, created_at, version"
    };
}

/// Records `f` (from proposal `escalation_id`, if any); returns its id.
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    f: Fields<'_>,
    escalation_id: Option<i64>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "accountability").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO accountability (region_id, unit_id, task_id, escalation_id, kind, reason, person, doc_no,
            records, public, decided_by, decided_on, created_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        region,
        f.unit_id,
        f.task_id,
        escalation_id,
        f.kind,
        f.reason,
        f.person,
        f.doc_no,
        f.records,
        f.public,
        by,
        f.decided_on,
        now,
        new_id
    )?;
    Ok(id)
}

/// Changes record `id` read at `version`; false when it was changed or removed since.
pub async fn update(tx: &mut Tx, region: RegionId, id: i64, version: i64, f: Fields<'_>) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE accountability SET unit_id = $4, task_id = $5, kind = $6, reason = $7, person = $8, doc_no = $9,
            records = $10, public = $11, decided_on = $12, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.unit_id,
        f.task_id,
        f.kind,
        f.reason,
        f.person,
        f.doc_no,
        f.records,
        f.public,
        f.decided_on
    )?;
    Ok(n > 0)
}

/// Removes record `id` read at `version` (entered in error); false when changed since.
pub async fn delete(tx: &mut Tx, region: RegionId, id: i64, version: i64) -> Result<bool> {
    let n = execute!(
        tx,
        "DELETE FROM accountability WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version
    )?;
    Ok(n > 0)
}

/// Record `id`.
pub async fn get(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Accountability>> {
    Ok(fetch_optional!(
        conn,
        Accountability,
        concat!(
            "SELECT ",
            columns!(),
            " FROM accountability WHERE region_id = $1 AND id = $2"
        ),
        region,
        id
    )?)
}

/// The region's records, newest first: every one, or unit `unit`'s, or the public ones only.
pub async fn list(
    conn: &mut Conn,
    region: RegionId,
    unit: Option<i64>,
    public_only: bool,
) -> Result<Vec<Accountability>> {
    Ok(fetch_all!(
        conn,
        Accountability,
        concat!(
            "SELECT ",
            columns!(),
            " FROM accountability
             WHERE region_id = $1 AND ($2 IS NULL OR unit_id = $2) AND (public OR NOT $3)
             ORDER BY decided_on DESC, id DESC LIMIT 1000"
        ),
        region,
        unit,
        public_only
    )?)
}
