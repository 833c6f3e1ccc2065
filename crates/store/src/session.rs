//! Login sessions, stored in the database so that several instances share them. The cookie
//! carries a random token; only its hash is stored.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A login session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Session {
    /// Hash of the cookie token.
    #[serde(skip)]
    pub id: String,
    /// The user's region.
    pub region_id: i64,
    /// The user.
    pub user_id: i64,
    /// The CSRF token every form of this session must carry.
    #[serde(skip)]
    pub csrf_token: String,
    /// Login time.
    pub created_at: DateTime<Utc>,
    /// Last request.
    pub last_seen_at: DateTime<Utc>,
    /// When it ends unless used again.
    pub expires_at: DateTime<Utc>,
    /// Client address at login.
    pub ip: String,
    /// Browser at login.
    pub user_agent: String,
}

macro_rules! select_session {
    () => {
        "SELECT id, region_id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent
         FROM user_session"
    };
}

/// Stores a new session.
pub async fn insert_session(tx: &mut Tx, s: &Session) -> Result<()> {
    execute!(
        tx,
        "INSERT INTO user_session (id, region_id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &s.id,
        s.region_id,
        s.user_id,
        &s.csrf_token,
        s.created_at,
        s.last_seen_at,
        s.expires_at,
        &s.ip,
        &s.user_agent
    )?;
    Ok(())
}

/// The live session of `region` with this token hash, if it has not expired at `now`.
pub async fn session(conn: &mut Conn, region: RegionId, id: &str, now: DateTime<Utc>) -> Result<Option<Session>> {
    Ok(fetch_optional!(
        conn,
        Session,
        concat!(
            select_session!(),
            " WHERE region_id = $1 AND id = $2 AND expires_at > $3"
        ),
        region,
        id,
        now
    )?)
}

/// Extends a session on use.
pub async fn touch_session(
    conn: &mut Conn,
    region: RegionId,
    id: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    execute!(
        conn,
        "UPDATE user_session SET last_seen_at = $3, expires_at = $4 WHERE region_id = $1 AND id = $2",
        region,
        id,
        now,
        expires_at
    )?;
    Ok(())
}

/// Ends a session (logout).
pub async fn delete_session(tx: &mut Tx, region: RegionId, id: &str) -> Result<bool> {
    Ok(execute!(
        tx,
        "DELETE FROM user_session WHERE region_id = $1 AND id = $2",
        region,
        id
    )? > 0)
}

/// Ends every session of a user (password change, lock).
pub async fn delete_user_sessions(tx: &mut Tx, region: RegionId, user_id: i64) -> Result<u64> {
    Ok(execute!(
        tx,
        "DELETE FROM user_session WHERE region_id = $1 AND user_id = $2",
        region,
        user_id
    )?)
}

/// Ends every session of a user but `keep` (the one that changed the password).
pub async fn delete_other_sessions(tx: &mut Tx, region: RegionId, user_id: i64, keep: &str) -> Result<u64> {
    Ok(execute!(
        tx,
        "DELETE FROM user_session WHERE region_id = $1 AND user_id = $2 AND id <> $3",
        region,
        user_id,
        keep
    )?)
}

/// The live sessions of a region, newest first (security officer).
pub async fn sessions(conn: &mut Conn, region: RegionId, now: DateTime<Utc>) -> Result<Vec<Session>> {
    Ok(fetch_all!(
        conn,
        Session,
        concat!(
            select_session!(),
            " WHERE region_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC LIMIT 500"
        ),
        region,
        now
    )?)
}

/// The live sessions of one user, newest first (their own list on /me).
pub async fn user_sessions(
    conn: &mut Conn,
    region: RegionId,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Session>> {
    Ok(fetch_all!(
        conn,
        Session,
        concat!(
            select_session!(),
            " WHERE region_id = $1 AND user_id = $2 AND expires_at > $3 ORDER BY last_seen_at DESC"
        ),
        region,
        user_id,
        now
    )?)
}

/// Deletes the expired sessions of `region`; returns how many.
pub async fn purge_sessions(tx: &mut Tx, region: RegionId, now: DateTime<Utc>) -> Result<u64> {
    Ok(execute!(
        tx,
        "DELETE FROM user_session WHERE region_id = $1 AND expires_at <= $2",
        region,
        now
    )?)
}
