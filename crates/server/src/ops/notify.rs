//! Telling people: an in-app notification always; an e-mail to those who gave an address and
//! want one; a message to their units' group channels (企业微信, 钉钉, JSON) — each queued as a
//! delivery with a job that sends it, retrying with backoff. An event reaches each place once.

use chrono::{DateTime, Utc};
use luoshi_store::{
    RegionId, Tx,
    delivery::{self, Channel, NewDelivery},
    job, notification,
    user::User,
};

use crate::error::AppResult;

/// What to tell.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// The event, unique in the region (`escalation:12`, `supervision:3`).
    pub event_key: &'a str,
    /// Its kind, for the in-app list and the JSON channel.
    pub kind: &'a str,
    /// Title.
    pub title: &'a str,
    /// Text.
    pub body: &'a str,
    /// Where it points, as a local path.
    pub link: &'a str,
}

/// Where messages may go besides the app.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// The region's channels.
    pub channels: Vec<Channel>,
    /// Whether e-mail is set up.
    pub email: bool,
    /// Attempts per delivery.
    pub attempts: i64,
}

/// Tells `to` about `m` inside `tx`; returns how many in-app notifications were written.
pub async fn notify(
    tx: &mut Tx,
    region: RegionId,
    to: &[&User],
    m: Message<'_>,
    reach: &Reach,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut channels: Vec<&Channel> = Vec::new();
    for u in to {
        notification::insert(tx, region, u.id, m.kind, m.title, m.body, m.link, now).await?;
        if reach.email && u.notify_email && !u.email.trim().is_empty() {
            queue(
                tx,
                region,
                m,
                "email",
                None,
                Some(u.id),
                u.email.trim(),
                reach.attempts,
                now,
            )
            .await?;
        }
        if u.notify_channels {
            for c in reach.channels.iter().filter(|c| c.active) {
                let mine = match c.unit_id {
                    Some(unit) => u.unit_id == Some(unit),
                    None => u.role == luoshi_domain::Role::Supervisor,
                };
                if mine && !channels.iter().any(|x| x.id == c.id) {
                    channels.push(c);
                }
            }
        }
    }
    for c in channels {
        queue(tx, region, m, &c.kind, Some(c.id), None, &c.url, reach.attempts, now).await?;
    }
    Ok(to.len())
}

#[allow(clippy::too_many_arguments)]
async fn queue(
    tx: &mut Tx,
    region: RegionId,
    m: Message<'_>,
    kind: &str,
    channel_id: Option<i64>,
    user_id: Option<i64>,
    target: &str,
    attempts: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let d = NewDelivery {
        event_key: m.event_key,
        kind,
        channel_id,
        user_id,
        target,
        title: m.title,
        body: m.body,
        link: m.link,
    };
    if let Some(id) = delivery::enqueue(tx, region, &d, now).await? {
        let payload = serde_json::json!({ "delivery": id }).to_string();
        let key = format!("notify.deliver:{id}");
        if let Some(job_id) = job::enqueue(tx, Some(region), "notify.deliver", &payload, Some(&key), now, now).await? {
            job::set_max_attempts(tx, job_id, attempts).await?;
        }
    }
    Ok(())
}

/// The reach of region `region` under `config`.
pub async fn reach(conn: &mut luoshi_store::Conn, region: RegionId, config: &crate::Config) -> AppResult<Reach> {
    Ok(Reach {
        channels: delivery::channels(conn, region).await?,
        email: config.smtp.is_some(),
        attempts: config.delivery_attempts,
    })
}

/// Tells the active users of unit `unit` about `m`: a decision on their unit's work reaches
/// them (in the app, and by e-mail and channels as each prefers).
pub async fn tell_unit(
    tx: &mut Tx,
    config: &crate::Config,
    region: RegionId,
    unit: i64,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    tell_where(tx, config, region, m, now, |u| {
        u.role == luoshi_domain::Role::UnitUser && u.unit_id == Some(unit)
    })
    .await
}

/// Tells the supervision office's active users about `m`: work sent to them (a reply, an
/// answer, an instruction to follow) reaches them as a decision reaches a unit.
pub async fn tell_office(
    tx: &mut Tx,
    config: &crate::Config,
    region: RegionId,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    tell_where(tx, config, region, m, now, |u| {
        u.role == luoshi_domain::Role::Supervisor
    })
    .await
}

/// Tells one user (a leader whose instruction was answered) about `m`, if the account is active.
pub async fn tell_user(
    tx: &mut Tx,
    config: &crate::Config,
    region: RegionId,
    user_id: i64,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    tell_where(tx, config, region, m, now, |u| u.id == user_id).await
}

/// Tells the accounts of leader `leader` about `m` (an issue routed to them, a meeting).
pub async fn tell_leader(
    tx: &mut Tx,
    config: &crate::Config,
    region: RegionId,
    leader: i64,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    tell_where(tx, config, region, m, now, |u| {
        u.role == luoshi_domain::Role::Leader && u.leader_id == Some(leader)
    })
    .await
}

async fn tell_where(
    tx: &mut Tx,
    config: &crate::Config,
    region: RegionId,
    m: Message<'_>,
    now: DateTime<Utc>,
    chosen: impl Fn(&User) -> bool,
) -> AppResult<usize> {
    let users = luoshi_store::user::users(tx, region).await?;
    let named: Vec<&User> = users.iter().filter(|u| u.active && chosen(u)).collect();
    let reach = reach(tx, region, config).await?;
    notify(tx, region, &named, m, &reach, now).await
}
