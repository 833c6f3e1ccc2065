//! In-app notifications: what the system tells a user (a reminder, a proposal, an order), kept
//! until read.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Notification {
    /// Its id.
    pub id: i64,
    /// The user.
    pub user_id: i64,
    /// What it is about (`report_soon`, `report_missing`, `order_proposed`…).
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// Where to go (a local path).
    pub link: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it was read.
    pub read_at: Option<DateTime<Utc>>,
}

/// Adds a notification for `user_id`; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    user_id: i64,
    kind: &str,
    title: &str,
    body: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let new_id = crate::ids::next(tx, "notification").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO notification (region_id, user_id, kind, title, body, link, created_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        region,
        user_id,
        kind,
        title,
        body,
        link,
        now,
        new_id
    )?;
    Ok(id)
}

/// A user's notifications, newest first, a page at a time.
pub async fn of_user(
    conn: &mut Conn,
    region: RegionId,
    user_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<Notification>> {
    Ok(fetch_all!(
        conn,
        Notification,
        "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notification
         WHERE region_id = $1 AND user_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4",
        region,
        user_id,
        limit,
        offset
    )?)
}

/// One of a user's notifications.
pub async fn notification(conn: &mut Conn, region: RegionId, user_id: i64, id: i64) -> Result<Option<Notification>> {
    Ok(fetch_optional!(
        conn,
        Notification,
        "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notification
         WHERE region_id = $1 AND user_id = $2 AND id = $3",
        region,
        user_id,
        id
    )?)
}

/// How many of a user's notifications are unread, counting no further than `cap` (the bell
/// shows 99+; an office with ten thousand unread proposals should not count them on every page).
pub async fn unread_upto(conn: &mut Conn, region: RegionId, user_id: i64, cap: i64) -> Result<i64> {
    Ok(scalar!(
        conn,
        i64,
        "SELECT COUNT(*) FROM (SELECT 1 FROM notification
            WHERE region_id = $1 AND user_id = $2 AND read_at IS NULL LIMIT $3) n",
        region,
        user_id,
        cap
    )?)
}

/// How many of a user's notifications are unread.
pub async fn unread(conn: &mut Conn, region: RegionId, user_id: i64) -> Result<i64> {
    Ok(scalar!(
        conn,
        i64,
        "SELECT COUNT(*) FROM notification WHERE region_id = $1 AND user_id = $2 AND read_at IS NULL",
        region,
        user_id
    )?)
}

/// Marks one (or, with `None`, every) notification of a user read.
pub async fn mark_read(
    tx: &mut Tx,
    region: RegionId,
    user_id: i64,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64> {
    Ok(execute!(
        tx,
        "UPDATE notification SET read_at = $4
         WHERE region_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3 = 0 OR id = $3)",
        region,
        user_id,
        id.unwrap_or(0),
        now
    )?)
}
