//! The login guard: failed attempts counted by login name and source address, and by login
//! name for all sources together (`source` = [`ALL_SOURCES`]), each count and its lock decision
//! one statement. A name need not be an account's: an unknown name is counted and locked as a
//! real one is, so the answers cannot tell them apart.

use chrono::{DateTime, Utc};

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// The `source` of the count kept for a login name over every address.
pub const ALL_SOURCES: &str = "*";

/// What counting an attempt found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// The attempt is number `n` of the window; `lock` is the lock it set, if it reached the
    /// limit.
    Attempt {
        /// Its number.
        n: i64,
        /// The lock it set.
        lock: Option<DateTime<Utc>>,
    },
    /// The name is locked (for this source, or for all) until then: the attempt is not counted
    /// and its password must not be checked.
    Locked(DateTime<Utc>),
}

/// The limits of one count.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Attempts that lock.
    pub max: i64,
    /// When a lock set now ends.
    pub until: DateTime<Utc>,
    /// Attempts last made before this start a new count (the window).
    pub since: DateTime<Utc>,
}

/// Counts an attempt at `username` from `source`, in one statement: the count goes up (or
/// starts again after a lock ran out or the window passed) and a lock is set when it reaches
/// the limit; a locked name is not counted.
pub async fn count(
    tx: &mut Tx,
    region: RegionId,
    username: &str,
    source: &str,
    now: DateTime<Utc>,
    limit: Limit,
) -> Result<Counted> {
    let row: Option<(i64, Option<DateTime<Utc>>)> = fetch_optional!(
        tx,
        (i64, Option<DateTime<Utc>>),
        "INSERT INTO login_attempt (region_id, username, source, failures, locked_until, last_at)
         VALUES ($1, $2, $3, 1, CASE WHEN 1 >= $5 THEN $6 ELSE NULL END, $4)
         ON CONFLICT (region_id, username, source) DO UPDATE SET
            failures = CASE WHEN login_attempt.locked_until IS NOT NULL OR login_attempt.last_at < $7
                THEN 1 ELSE login_attempt.failures + 1 END,
            locked_until = CASE WHEN (CASE WHEN login_attempt.locked_until IS NOT NULL OR login_attempt.last_at < $7
                THEN 1 ELSE login_attempt.failures + 1 END) >= $5 THEN $6 ELSE NULL END,
            last_at = $4
         WHERE login_attempt.locked_until IS NULL OR login_attempt.locked_until <= $4
         RETURNING failures, locked_until",
        region,
        username,
        source,
        now,
        limit.max,
        limit.until,
        limit.since
    )?;
    match row {
        Some((n, lock)) => Ok(Counted::Attempt { n, lock }),
        None => {
            let (until,): (Option<DateTime<Utc>>,) = fetch_one!(
                tx,
                (Option<DateTime<Utc>>,),
                "SELECT locked_until FROM login_attempt WHERE region_id = $1 AND username = $2 AND source = $3",
                region,
                username,
                source
            )?;
            Ok(Counted::Locked(until.unwrap_or(now)))
        }
    }
}

/// After a successful login: the attempts counted before it and with it are forgiven, those
/// counted since (guesses in flight beside it) still count; a lock stays until it ends.
pub async fn forgive(tx: &mut Tx, region: RegionId, username: &str, source: &str, upto: i64) -> Result<()> {
    execute!(
        tx,
        "UPDATE login_attempt SET failures = CASE WHEN failures > $4 THEN failures - $4 ELSE 0 END
         WHERE region_id = $1 AND username = $2 AND source = $3",
        region,
        username,
        source,
        upto
    )?;
    Ok(())
}

/// Lifts every lock and count of `username` (the security officer's unlock, `luoshi user unlock`);
/// whether there was one.
pub async fn unlock(tx: &mut Tx, region: RegionId, username: &str) -> Result<bool> {
    Ok(execute!(
        tx,
        "DELETE FROM login_attempt WHERE region_id = $1 AND username = $2",
        region,
        username
    )? > 0)
}

/// A lock in force.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Lock {
    /// The login name.
    pub username: String,
    /// The source address, or [`ALL_SOURCES`].
    pub source: String,
    /// Attempts counted.
    pub failures: i64,
    /// Until when.
    pub locked_until: Option<DateTime<Utc>>,
}

/// The locks in force at `now`, newest first.
pub async fn locks(conn: &mut Conn, region: RegionId, now: DateTime<Utc>) -> Result<Vec<Lock>> {
    Ok(fetch_all!(
        conn,
        Lock,
        "SELECT username, source, failures, locked_until FROM login_attempt
         WHERE region_id = $1 AND locked_until > $2 ORDER BY locked_until DESC, username",
        region,
        now
    )?)
}

/// Forgets counts whose last attempt was before `before` and that hold no lock in force.
pub async fn purge(tx: &mut Tx, region: RegionId, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64> {
    Ok(execute!(
        tx,
        "DELETE FROM login_attempt WHERE region_id = $1 AND last_at < $2 AND (locked_until IS NULL OR locked_until <= $3)",
        region,
        before,
        now
    )?)
}
