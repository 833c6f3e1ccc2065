//! The chain's upkeep: keying a plain chain once, and the outcome of its last verification.

use chrono::{DateTime, Utc};

use super::{AuditKey, AuditLine, Break, GENESIS, Verification, hash_of, head, keyed, verify};
use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// What keying a chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rekeyed {
    /// The chain was keyed already, or has no line.
    Already,
    /// Its plain chain was intact and is keyed now: the plain head it had (kept in the anchor
    /// file, so the history before the key stays checkable).
    Keyed {
        /// Lines keyed.
        lines: i64,
        /// The plain chain's last hash.
        plain_head: String,
    },
    /// Its plain chain is broken: it stays plain, for the auditor to see where.
    Broken(Verification),
}

/// Keys a region's plain chain with `key` in one transaction: verified first as it is, then
/// every line's hash made again with the key, in order. Run once, at the first start with a key.
pub async fn rekey(tx: &mut Tx, region: RegionId, key: &AuditKey) -> Result<Rekeyed> {
    if keyed(tx, region).await? != Some(false) {
        return Ok(Rekeyed::Already);
    }
    let v = verify(tx, region, None).await?;
    if v.broken.is_some() {
        return Ok(Rekeyed::Broken(v));
    }
    let (_, plain_head) = head(tx, region).await?;
    let mut prev = GENESIS.to_string();
    let mut next = 1;
    loop {
        let page: Vec<AuditLine> = fetch_all!(
            tx,
            AuditLine,
            "SELECT id, region_id, seq, at, actor_id, actor, action, entity, entity_id, before_json,
                after_json, prev_hash, hash
             FROM audit_log WHERE region_id = $1 AND seq >= $2 ORDER BY seq LIMIT 1000",
            region,
            next
        )?;
        if page.is_empty() {
            break;
        }
        for mut l in page {
            l.prev_hash = prev;
            let h = hash_of(Some(key), &l);
            execute!(
                tx,
                "UPDATE audit_log SET prev_hash = $3, hash = $4 WHERE region_id = $1 AND seq = $2",
                region,
                l.seq,
                &l.prev_hash,
                &h
            )?;
            prev = h;
            next = l.seq + 1;
        }
    }
    execute!(
        tx,
        "UPDATE audit_chain SET keyed = TRUE, last_hash = $2 WHERE region_id = $1",
        region,
        &prev
    )?;
    Ok(Rekeyed::Keyed {
        lines: next - 1,
        plain_head,
    })
}

/// The last verification of a region's chain, as the job recorded it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Checked {
    /// When it ran.
    pub verified_at: Option<DateTime<Utc>>,
    /// Lines it checked.
    pub verified_lines: i64,
    /// The first broken line, if any.
    pub broken_seq: Option<i64>,
    /// What was wrong with it (`Break` in snake case).
    pub broken_why: Option<String>,
}

impl Break {
    /// Parses the stored snake-case name.
    pub fn parse(name: &str) -> Option<Break> {
        [
            Break::Missing,
            Break::Link,
            Break::Hash,
            Break::Tail,
            Break::Anchor,
            Break::Unkeyed,
        ]
        .into_iter()
        .find(|b| serde_json::to_value(b).ok().and_then(|v| v.as_str().map(|s| s == name)) == Some(true))
    }
}

/// Records a verification's outcome.
pub async fn record_check(tx: &mut Tx, region: RegionId, v: &Verification, at: DateTime<Utc>) -> Result<()> {
    let why = v.broken.map(|(_, b)| {
        serde_json::to_value(b)
            .ok()
            .and_then(|x| x.as_str().map(str::to_string))
            .unwrap_or_default()
    });
    execute!(
        tx,
        "UPDATE audit_chain SET verified_at = $2, verified_lines = $3, broken_seq = $4, broken_why = $5
         WHERE region_id = $1",
        region,
        at,
        v.lines,
        v.broken.map(|(s, _)| s),
        why
    )?;
    Ok(())
}

/// The last recorded verification, if one ran.
pub async fn last_check(conn: &mut Conn, region: RegionId) -> Result<Option<Checked>> {
    Ok(fetch_optional!(
        conn,
        Checked,
        "SELECT verified_at, verified_lines, broken_seq, broken_why FROM audit_chain WHERE region_id = $1",
        region
    )?)
}
