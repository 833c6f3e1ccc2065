//! Notifications sent outside the app: the region's webhook channels, and every delivery
//! (one message to one target) with each attempt to send it — the delivery log. A delivery is
//! unique per event, kind and target, so an event never goes out twice to the same place.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A webhook channel: a 企业微信 group bot, a 钉钉 robot, or a plain JSON endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Channel {
    /// Its id.
    pub id: i64,
    /// The unit whose notifications it carries; `None` for the supervision office's.
    pub unit_id: Option<i64>,
    /// `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// A name to know it by.
    pub name: String,
    /// The webhook address.
    pub url: String,
    /// The 钉钉 signing secret (加签), if any.
    #[serde(skip)]
    pub secret: String,
    /// Whether it is used.
    pub active: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new channel carries.
#[derive(Debug, Clone)]
pub struct NewChannel<'a> {
    /// The unit, or `None` for the office.
    pub unit_id: Option<i64>,
    /// Kind code.
    pub kind: &'a str,
    /// Name.
    pub name: &'a str,
    /// Webhook address.
    pub url: &'a str,
    /// Signing secret.
    pub secret: &'a str,
}

/// Adds a channel; returns its id.
pub async fn insert_channel(tx: &mut Tx, region: RegionId, c: &NewChannel<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "channel").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO channel (region_id, unit_id, kind, name, url, secret, created_at, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        region,
        c.unit_id,
        c.kind,
        c.name,
        c.url,
        c.secret,
        now,
        new_id
    )?;
    Ok(id)
}

/// The region's channels.
pub async fn channels(conn: &mut Conn, region: RegionId) -> Result<Vec<Channel>> {
    Ok(fetch_all!(
        conn,
        Channel,
        "SELECT id, unit_id, kind, name, url, secret, active, created_at, version FROM channel WHERE region_id = $1 ORDER BY id",
        region
    )?)
}

/// Switches a channel on or off at `version`.
pub async fn set_channel_active(tx: &mut Tx, region: RegionId, id: i64, version: i64, active: bool) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE channel SET active = $4, version = version + 1 WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        active
    )?;
    if n == 0 {
        return Err(StoreError::Conflict {
            entity: "channel",
            id,
            current: 0,
        });
    }
    Ok(())
}

/// One message to one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Delivery {
    /// Its id.
    pub id: i64,
    /// The event it tells of (`escalation:12`, `supervision:3`).
    pub event_key: String,
    /// `email`, `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// The channel, for a webhook.
    pub channel_id: Option<i64>,
    /// The user, for an e-mail.
    pub user_id: Option<i64>,
    /// The address or URL.
    pub target: String,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Where it points, as a local path.
    pub link: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// The last failure.
    pub last_error: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it went out.
    pub sent_at: Option<DateTime<Utc>>,
}

/// What a new delivery carries.
#[derive(Debug, Clone)]
pub struct NewDelivery<'a> {
    /// The event.
    pub event_key: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Channel.
    pub channel_id: Option<i64>,
    /// User.
    pub user_id: Option<i64>,
    /// Address or URL.
    pub target: &'a str,
    /// Title.
    pub title: &'a str,
    /// Text.
    pub body: &'a str,
    /// Local path.
    pub link: &'a str,
}

macro_rules! select_delivery {
    () => {
        "SELECT id, event_key, kind, channel_id, user_id, target, title, body, link, status, attempts, last_error,
            created_at, sent_at
         FROM delivery"
    };
}

/// Queues a delivery; `None` when this event already went (or goes) to this target.
pub async fn enqueue(tx: &mut Tx, region: RegionId, d: &NewDelivery<'_>, now: DateTime<Utc>) -> Result<Option<i64>> {
    let new_id = crate::ids::next(tx, "delivery").await?;
    let row: Option<(i64,)> = fetch_optional!(
        tx,
        (i64,),
        "INSERT INTO delivery (region_id, event_key, kind, channel_id, user_id, target, title, body, link, created_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (region_id, event_key, kind, target) DO NOTHING RETURNING id",
        region,
        d.event_key,
        d.kind,
        d.channel_id,
        d.user_id,
        d.target,
        d.title,
        d.body,
        d.link,
        now, new_id
    )?;
    Ok(row.map(|(id,)| id))
}

/// One delivery.
pub async fn delivery(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Delivery>> {
    Ok(fetch_optional!(
        conn,
        Delivery,
        concat!(select_delivery!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// The region's latest deliveries, newest first (the delivery log).
pub async fn recent(conn: &mut Conn, region: RegionId, limit: i64) -> Result<Vec<Delivery>> {
    Ok(fetch_all!(
        conn,
        Delivery,
        concat!(
            select_delivery!(),
            " WHERE region_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        ),
        region,
        limit
    )?)
}

/// Records one attempt: the delivery is `sent`, or stays `pending` (to be retried) until
/// `give_up`, when it is `failed`.
pub async fn record_attempt(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    ok: bool,
    detail: &str,
    give_up: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let new_id = crate::ids::next(tx, "delivery_attempt").await?;
    execute!(
        tx,
        "INSERT INTO delivery_attempt (region_id, delivery_id, at, ok, detail, id) VALUES ($1, $2, $3, $4, $5, $6)",
        region,
        id,
        now,
        ok,
        detail,
        new_id
    )?;
    let status = if ok {
        "sent"
    } else if give_up {
        "failed"
    } else {
        "pending"
    };
    execute!(
        tx,
        "UPDATE delivery SET status = $3, attempts = attempts + 1, last_error = $4,
            sent_at = CASE WHEN $5 THEN $6 ELSE sent_at END
         WHERE region_id = $1 AND id = $2",
        region,
        id,
        status,
        if ok { "" } else { detail },
        ok,
        now
    )?;
    Ok(())
}

/// A delivery's attempts, oldest first: (when, ok, detail).
pub async fn attempts(conn: &mut Conn, region: RegionId, id: i64) -> Result<Vec<(DateTime<Utc>, bool, String)>> {
    Ok(fetch_all!(
        conn,
        (DateTime<Utc>, bool, String),
        "SELECT at, ok, detail FROM delivery_attempt WHERE region_id = $1 AND delivery_id = $2 ORDER BY at, id",
        region,
        id
    )?)
}
