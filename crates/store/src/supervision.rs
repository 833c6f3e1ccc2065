//! Supervision orders (督办单), their co-units and the units' replies. Orders are numbered per
//! region and year by a unique `(region_id, year, seq)`: two issued at once cannot share a
//! number.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{ReplyMode, ReplyStatus, SupervisionLevel, SupervisionSource, SupervisionStatus};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A supervision order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Supervision {
    /// Its id.
    pub id: i64,
    /// The year of its number.
    pub year: i64,
    /// Its number within the year.
    pub seq: i64,
    /// Its number as written (督〔2020〕12号).
    pub doc_no: String,
    /// Its level.
    #[sqlx(try_from = "crate::code::Code<SupervisionLevel>")]
    pub level: SupervisionLevel,
    /// Where it came from.
    #[sqlx(try_from = "crate::code::Code<SupervisionSource>")]
    pub source: SupervisionSource,
    /// The task it is about, if any.
    pub task_id: Option<i64>,
    /// 督办事项.
    pub title: String,
    /// 督办要求.
    pub requirement: String,
    /// The quoted instruction or decision.
    pub source_text: String,
    /// The unit that must reply.
    pub lead_unit_id: i64,
    /// The current reply deadline.
    pub reply_due: NaiveDate,
    /// How the unit replies.
    #[sqlx(try_from = "crate::code::Code<ReplyMode>")]
    pub mode: ReplyMode,
    /// Its status.
    #[sqlx(try_from = "crate::code::Code<SupervisionStatus>")]
    pub status: SupervisionStatus,
    /// Whether the last reply was sent back.
    pub returned: bool,
    /// Who issued it.
    pub issued_by: Option<i64>,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// When it was closed.
    pub closed_on: Option<NaiveDate>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// A unit's reply to an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Reply {
    /// Its id.
    pub id: i64,
    /// The order.
    pub supervision_id: i64,
    /// The replying unit.
    pub unit_id: i64,
    /// The deadline it answered.
    pub due: NaiveDate,
    /// What the unit says.
    pub content: String,
    /// Its status.
    #[sqlx(try_from = "crate::code::Code<ReplyStatus>")]
    pub status: ReplyStatus,
    /// Who sent it.
    pub submitted_by: Option<i64>,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// Who reviewed it.
    pub reviewed_by: Option<i64>,
    /// When.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The office's note.
    pub review_note: String,
}

/// What a new order carries.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    /// Year of its number.
    pub year: i64,
    /// Prefix of its number (督).
    pub prefix: &'a str,
    /// Level code.
    pub level: &'a str,
    /// Source code.
    pub source: &'a str,
    /// The task.
    pub task_id: Option<i64>,
    /// 督办事项.
    pub title: &'a str,
    /// 督办要求.
    pub requirement: &'a str,
    /// Quoted source.
    pub source_text: &'a str,
    /// Lead unit.
    pub lead_unit_id: i64,
    /// Co-units.
    pub co_unit_ids: &'a [i64],
    /// Reply deadline.
    pub reply_due: NaiveDate,
    /// Reply mode code.
    pub mode: &'a str,
    /// Who issues it.
    pub issued_by: Option<i64>,
}

macro_rules! select_order {
    () => {
        "SELECT id, year, seq, doc_no, level, source, task_id, title, requirement, source_text,
            lead_unit_id, reply_due, mode, status, returned, issued_by, issued_at, closed_on,
            updated_at, version
         FROM supervision"
    };
}

macro_rules! select_reply {
    () => {
        "SELECT id, supervision_id, unit_id, due, content, status, submitted_by, submitted_at,
            reviewed_by, reviewed_at, review_note
         FROM supervision_reply"
    };
}

/// Issues an order with the next number of its year; returns its id and number.
pub async fn insert(tx: &mut Tx, region: RegionId, o: &NewOrder<'_>, now: DateTime<Utc>) -> Result<(i64, String)> {
    let seq = crate::sequence::next(tx, region, crate::sequence::Series::Supervision, o.year).await?;
    let doc_no = format!("{}〔{}〕{}号", o.prefix, o.year, seq);
    let new_id = crate::ids::next(tx, "supervision").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO supervision (region_id, year, seq, doc_no, level, source, task_id, title, requirement,
            source_text, lead_unit_id, reply_due, mode, issued_by, issued_at, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
        region,
        o.year,
        seq,
        &doc_no,
        o.level,
        o.source,
        o.task_id,
        o.title,
        o.requirement,
        o.source_text,
        o.lead_unit_id,
        o.reply_due,
        o.mode,
        o.issued_by,
        now,
        new_id
    )
    .map_err(|e| StoreError::from(e).duplicate_as("supervision number"))?;
    for u in o.co_unit_ids {
        execute!(
            tx,
            "INSERT INTO supervision_unit (supervision_id, unit_id, region_id) VALUES ($1, $2, $3)",
            id,
            u,
            region
        )?;
    }
    Ok((id, doc_no))
}

/// One order.
pub async fn order(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Supervision>> {
    Ok(fetch_optional!(
        conn,
        Supervision,
        concat!(select_order!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// The region's orders in a status (`""` for all), newest first, a page at a time.
pub async fn orders(
    conn: &mut Conn,
    region: RegionId,
    status: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Supervision>> {
    Ok(fetch_all!(
        conn,
        Supervision,
        concat!(
            select_order!(),
            " WHERE region_id = $1 AND ($2 = '' OR status = $2) ORDER BY issued_at DESC, id DESC LIMIT $3 OFFSET $4"
        ),
        region,
        status,
        limit,
        offset
    )?)
}

/// The orders a unit leads or helps with, in a status (`""` for all), newest first.
pub async fn orders_of_unit(
    conn: &mut Conn,
    region: RegionId,
    unit_id: i64,
    status: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Supervision>> {
    Ok(fetch_all!(
        conn,
        Supervision,
        concat!(
            select_order!(),
            " WHERE region_id = $1 AND ($3 = '' OR status = $3)
               AND (lead_unit_id = $2 OR id IN (SELECT supervision_id FROM supervision_unit WHERE region_id = $1 AND unit_id = $2))
             ORDER BY issued_at DESC, id DESC LIMIT $4 OFFSET $5"
        ),
        region,
        unit_id,
        status,
        limit,
        offset
    )?)
}

/// The orders about a task, newest first.
pub async fn orders_of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Supervision>> {
    Ok(fetch_all!(
        conn,
        Supervision,
        concat!(
            select_order!(),
            " WHERE region_id = $1 AND task_id = $2 ORDER BY issued_at DESC, id DESC"
        ),
        region,
        task_id
    )?)
}

/// Co-units of an order.
pub async fn co_units(conn: &mut Conn, region: RegionId, id: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        conn,
        (i64,),
        "SELECT unit_id FROM supervision_unit WHERE region_id = $1 AND supervision_id = $2 ORDER BY unit_id",
        region,
        id
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Co-units of every order with an id from `first` to `last` (a page of a list): one query.
pub async fn co_units_between(conn: &mut Conn, region: RegionId, first: i64, last: i64) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT supervision_id, unit_id FROM supervision_unit
         WHERE region_id = $1 AND supervision_id BETWEEN $2 AND $3 ORDER BY supervision_id, unit_id",
        region,
        first,
        last
    )?)
}

/// An order's replies, oldest first.
pub async fn replies(conn: &mut Conn, region: RegionId, id: i64) -> Result<Vec<Reply>> {
    Ok(fetch_all!(
        conn,
        Reply,
        concat!(
            select_reply!(),
            " WHERE region_id = $1 AND supervision_id = $2 ORDER BY submitted_at, id"
        ),
        region,
        id
    )?)
}

/// Records a reply to an open order at `version`; the order waits for review. A reply to an
/// order changed meanwhile (replied, closed) is a conflict.
#[allow(clippy::too_many_arguments)]
pub async fn insert_reply(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    unit_id: i64,
    content: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let n = execute!(
        tx,
        "UPDATE supervision SET status = 'replied', returned = FALSE, updated_at = $4, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        now
    )?;
    let o = order(tx, region, id).await?;
    if n == 0 {
        return Err(StoreError::Conflict {
            entity: "supervision",
            id,
            current: o.map(|o| o.version).unwrap_or(0),
        });
    }
    let due = o.map(|o| o.reply_due).unwrap_or_default();
    let new_id = crate::ids::next(tx, "supervision_reply").await?;
    let (rid,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO supervision_reply (region_id, supervision_id, unit_id, due, content, submitted_by, submitted_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        region,
        id,
        unit_id,
        due,
        content,
        by,
        now, new_id
    )?;
    Ok(rid)
}

/// What the office's review changes on the order.
#[derive(Debug, Clone, Copy)]
pub struct Review<'a> {
    /// `closed` or `open`.
    pub status: &'a str,
    /// Whether the reply was sent back.
    pub returned: bool,
    /// The reply's new status: `accepted` or `returned`.
    pub reply_status: &'a str,
    /// The next reply deadline.
    pub reply_due: NaiveDate,
    /// The day it was closed.
    pub closed_on: Option<NaiveDate>,
    /// The office's note.
    pub note: &'a str,
}

/// Reviews the waiting reply of an order at `version`; a review of an order changed meanwhile
/// is a conflict.
pub async fn review(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    r: &Review<'_>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE supervision SET status = $4, returned = $5, reply_due = $6, closed_on = $7, updated_at = $8,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'replied'",
        region,
        id,
        version,
        r.status,
        r.returned,
        r.reply_due,
        r.closed_on,
        now
    )?;
    if n == 0 {
        let current = order(tx, region, id).await?.map(|o| o.version).unwrap_or(0);
        return Err(StoreError::Conflict {
            entity: "supervision",
            id,
            current,
        });
    }
    execute!(
        tx,
        "UPDATE supervision_reply SET status = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6
         WHERE region_id = $1 AND supervision_id = $2 AND status = 'submitted'",
        region,
        id,
        r.reply_status,
        by,
        now,
        r.note
    )?;
    Ok(())
}

/// Closes an order without a waiting reply (the matter was settled otherwise) at `version`.
pub async fn close(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE supervision SET status = 'closed', closed_on = $4, updated_at = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status <> 'closed'",
        region,
        id,
        version,
        on,
        now
    )?;
    if n == 0 {
        let current = order(tx, region, id).await?.map(|o| o.version).unwrap_or(0);
        return Err(StoreError::Conflict {
            entity: "supervision",
            id,
            current,
        });
    }
    Ok(())
}
