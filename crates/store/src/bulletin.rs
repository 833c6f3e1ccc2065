//! Supervision bulletins (督查通报). A draft has no number; publishing gives it the next number
//! of its region's series for the year through a unique `(region_id, year, seq)`, so two
//! published at once cannot share a number. A published bulletin is never changed.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::BulletinStatus;
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Bulletin {
    /// Its id.
    pub id: i64,
    /// The year of its series.
    pub year: i64,
    /// Its number in the series once published.
    pub seq: Option<i64>,
    /// First day of the period.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
    /// 标题.
    pub title: String,
    /// 正文 (bulletin markup).
    pub body: String,
    /// 抄送.
    pub cc: String,
    /// 责任编辑.
    pub editor: String,
    /// The period's facts (JSON of `BulletinFacts`).
    pub facts: String,
    /// Shown on the public site once published.
    pub public: bool,
    /// Draft or published.
    #[sqlx(try_from = "crate::code::Code<BulletinStatus>")]
    pub status: BulletinStatus,
    /// Who wrote it.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Who published it.
    pub published_by: Option<i64>,
    /// When.
    pub published_at: Option<DateTime<Utc>>,
    /// The day of publication (发布时间 and 印发日期).
    pub published_on: Option<NaiveDate>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new draft carries.
#[derive(Debug, Clone)]
pub struct NewBulletin<'a> {
    /// Year of its series.
    pub year: i64,
    /// First day.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
    /// 标题.
    pub title: &'a str,
    /// 正文.
    pub body: &'a str,
    /// 抄送.
    pub cc: &'a str,
    /// 责任编辑.
    pub editor: &'a str,
    /// Facts, JSON.
    pub facts: &'a str,
    /// Public once published.
    pub public: bool,
    /// Author.
    pub created_by: Option<i64>,
}

/// An edit of a draft's text.
#[derive(Debug, Clone)]
pub struct Edit<'a> {
    /// 标题.
    pub title: &'a str,
    /// 正文.
    pub body: &'a str,
    /// 抄送.
    pub cc: &'a str,
    /// 责任编辑.
    pub editor: &'a str,
    /// Public once published.
    pub public: bool,
}

/// A draft's facts and the text written again from them.
#[derive(Debug, Clone)]
pub struct Refreshed<'a> {
    /// Facts, JSON.
    pub facts: &'a str,
    /// 标题.
    pub title: &'a str,
    /// 正文.
    pub body: &'a str,
}

/// Who publishes a bulletin, when, and in which year's series.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The series' year.
    pub year: i64,
    /// Who.
    pub by: Option<i64>,
    /// The day.
    pub on: NaiveDate,
}

macro_rules! select_bulletin {
    () => {
        "SELECT id, year, seq, period_from, period_to, title, body, cc, editor, facts, public, status,
            created_by, created_at, updated_at, published_by, published_at, published_on, version
         FROM bulletin"
    };
}

/// Saves a new draft; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, b: &NewBulletin<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "bulletin").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO bulletin (region_id, year, period_from, period_to, title, body, cc, editor, facts, public,
            created_by, created_at, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
        region,
        b.year,
        b.period_from,
        b.period_to,
        b.title,
        b.body,
        b.cc,
        b.editor,
        b.facts,
        b.public,
        b.created_by,
        now,
        new_id
    )?;
    Ok(id)
}

/// One bulletin.
pub async fn bulletin(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Bulletin>> {
    Ok(fetch_optional!(
        conn,
        Bulletin,
        concat!(select_bulletin!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// The region's bulletins: drafts first (newest first), then published ones by number, newest
/// first.
pub async fn bulletins(conn: &mut Conn, region: RegionId) -> Result<Vec<Bulletin>> {
    Ok(fetch_all!(
        conn,
        Bulletin,
        concat!(
            select_bulletin!(),
            " WHERE region_id = $1
              ORDER BY CASE WHEN status = 'draft' THEN 0 ELSE 1 END, year DESC, seq DESC, id DESC"
        ),
        region
    )?)
}

/// The region's published public bulletins, newest first.
pub async fn public_bulletins(conn: &mut Conn, region: RegionId) -> Result<Vec<Bulletin>> {
    Ok(fetch_all!(
        conn,
        Bulletin,
        concat!(
            select_bulletin!(),
            " WHERE region_id = $1 AND status = 'published' AND public = TRUE ORDER BY year DESC, seq DESC"
        ),
        region
    )?)
}

async fn conflict(tx: &mut Tx, region: RegionId, id: i64) -> StoreError {
    let current = bulletin(tx, region, id).await.ok().flatten().map(|b| b.version);
    StoreError::Conflict {
        entity: "bulletin",
        id,
        current: current.unwrap_or(0),
    }
}

/// Changes a draft's text if it is still at `version` and still a draft.
pub async fn update(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    e: &Edit<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE bulletin SET title = $4, body = $5, cc = $6, editor = $7, public = $8, updated_at = $9,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'draft'",
        region,
        id,
        version,
        e.title,
        e.body,
        e.cc,
        e.editor,
        e.public,
        now
    )?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(())
}

/// Replaces a draft's facts (and the text written from them) if it is still at `version`.
pub async fn refresh(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    text: &Refreshed<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE bulletin SET facts = $4, title = $5, body = $6, updated_at = $7, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'draft'",
        region,
        id,
        version,
        text.facts,
        text.title,
        text.body,
        now
    )?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(())
}

/// Publishes a draft at `version` with the next number of its year; returns the number. A clash
/// with a number taken at the same moment is [`StoreError::Duplicate`]: the caller retries.
pub async fn publish(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    p: &Publication,
    now: DateTime<Utc>,
) -> Result<i64> {
    let seq = crate::sequence::next(tx, region, crate::sequence::Series::Bulletin, p.year).await?;
    let n = execute!(
        tx,
        "UPDATE bulletin SET status = 'published', year = $4, seq = $5, published_by = $6, published_at = $7,
            published_on = $8, updated_at = $7, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'draft'",
        region,
        id,
        version,
        p.year,
        seq,
        p.by,
        now,
        p.on
    )
    .map_err(|e| StoreError::from(e).duplicate_as("bulletin number"))?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(seq)
}

/// Deletes a draft at `version` (published bulletins stay).
pub async fn delete_draft(tx: &mut Tx, region: RegionId, id: i64, version: i64) -> Result<()> {
    let n = execute!(
        tx,
        "DELETE FROM bulletin WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'draft'",
        region,
        id,
        version
    )?;
    if n == 0 {
        return Err(conflict(tx, region, id).await);
    }
    Ok(())
}
