//! The audit log: every write appends a line (who, when, what, before, after) in the same
//! transaction as the write. Lines are hash-chained per region; a chain is *keyed* (HMAC-SM3
//! with a key kept outside the database, [`AuditKey`]) so that someone who can write to the
//! database but cannot read the key file cannot change a line and compute the chain again. A
//! changed, removed, inserted or re-hashed line is found by [`verify`]; checkpoints of the chain
//! head kept elsewhere (the server's anchor file, the auditor's exports) find a rewrite by
//! someone who holds the key too.

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use sm3::{Digest, Sm3};

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// The `prev_hash` of a region's first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The audit chain's key: 32 random bytes read from a file only the server reads. Its `Debug`
/// never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey(pub [u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

/// HMAC (RFC 2104) over SM3, whose block is 64 bytes.
fn hmac_sm3(key: &AuditKey, msg: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(&key.0);
    let mut inner = Sm3::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(msg);
    let inner = inner.finalize();
    let mut outer = Sm3::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditLine {
    /// Its id.
    pub id: i64,
    /// Its region.
    pub region_id: i64,
    /// Its place in the region's chain, from 1.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (user id), if a user.
    pub actor_id: Option<i64>,
    /// Who, by name (kept even if the user is later removed).
    pub actor: String,
    /// What was done, e.g. `report.submit`.
    pub action: String,
    /// To what kind of record.
    pub entity: String,
    /// To which record.
    pub entity_id: Option<i64>,
    /// The record before, as JSON.
    pub before_json: Option<String>,
    /// The record after, as JSON.
    pub after_json: Option<String>,
    /// The previous line's hash.
    pub prev_hash: String,
    /// This line's hash.
    pub hash: String,
}

/// What a write records.
#[derive(Debug, Clone, Default)]
pub struct AuditEntry<'a> {
    /// Who (user id).
    pub actor_id: Option<i64>,
    /// Who, by name.
    pub actor: &'a str,
    /// What was done.
    pub action: &'a str,
    /// To what kind of record.
    pub entity: &'a str,
    /// To which record.
    pub entity_id: Option<i64>,
    /// The record before, as JSON.
    pub before: Option<String>,
    /// The record after, as JSON.
    pub after: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn line_hash(
    key: Option<&AuditKey>,
    prev: &str,
    seq: i64,
    region: RegionId,
    at: DateTime<Utc>,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let at = at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    // A JSON array is an unambiguous encoding of the fields: no separator can be forged.
    let canonical = serde_json::json!([
        prev, seq, region, at, actor_id, actor, action, entity, entity_id, before, after
    ])
    .to_string();
    let digest: [u8; 32] = match key {
        Some(k) => hmac_sm3(k, canonical.as_bytes()),
        None => Sm3::digest(canonical.as_bytes()).into(),
    };
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A line's hash as its fields give it (with `key`, or plain SM3 without).
pub(crate) fn hash_of(key: Option<&AuditKey>, l: &AuditLine) -> String {
    line_hash(
        key,
        &l.prev_hash,
        l.seq,
        l.region_id,
        l.at,
        l.actor_id,
        &l.actor,
        &l.action,
        &l.entity,
        l.entity_id,
        l.before_json.as_deref(),
        l.after_json.as_deref(),
    )
}

/// Appends a line to the region's chain inside `tx`; returns its sequence number.
pub async fn append(tx: &mut Tx, region: RegionId, e: &AuditEntry<'_>, now: DateTime<Utc>) -> Result<i64> {
    // Microseconds: what both databases keep, so the hash can be recomputed from what is read.
    let at = now.trunc_subsecs(6);
    let key = tx.audit_key().cloned();
    execute!(
        tx,
        "INSERT INTO audit_chain (region_id, seq, last_hash, keyed) VALUES ($1, 0, $2, $3) ON CONFLICT (region_id) DO NOTHING",
        region,
        GENESIS,
        key.is_some()
    )?;
    // The UPDATE locks the region's chain head until commit, so appends never fork the chain.
    let (seq, prev, keyed): (i64, String, bool) = fetch_one!(
        tx,
        (i64, String, bool),
        "UPDATE audit_chain SET seq = seq + 1 WHERE region_id = $1 RETURNING seq, last_hash, keyed",
        region
    )?;
    // A line is never written in the other scheme than its chain's: the write fails instead.
    if keyed != key.is_some() {
        return Err(crate::error::StoreError::Config(if keyed {
            "the audit chain is keyed but this process has no audit key (the `audit_key_file` setting)".into()
        } else {
            "the audit chain is not keyed yet: start the server once to key it".into()
        }));
    }
    let hash = line_hash(
        key.as_ref(),
        &prev,
        seq,
        region,
        at,
        e.actor_id,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.before.as_deref(),
        e.after.as_deref(),
    );
    let new_id = crate::ids::next(tx, "audit_log").await?;
    execute!(
        tx,
        "INSERT INTO audit_log (region_id, seq, at, actor_id, actor, action, entity, entity_id,
            before_json, after_json, prev_hash, hash, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        region,
        seq,
        at,
        e.actor_id,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.before.as_deref(),
        e.after.as_deref(),
        &prev,
        &hash,
        new_id
    )?;
    execute!(
        tx,
        "UPDATE audit_chain SET last_hash = $2 WHERE region_id = $1",
        region,
        &hash
    )?;
    Ok(seq)
}

/// The newest lines of a region, `limit` at a time from `offset`.
pub async fn lines(conn: &mut Conn, region: RegionId, limit: i64, offset: i64) -> Result<Vec<AuditLine>> {
    Ok(fetch_all!(
        conn,
        AuditLine,
        "SELECT id, region_id, seq, at, actor_id, actor, action, entity, entity_id, before_json,
            after_json, prev_hash, hash
         FROM audit_log WHERE region_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3",
        region,
        limit,
        offset
    )?)
}

/// What is wrong with a broken line of the chain (pages put it in the reader's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Break {
    /// A line is missing before this one.
    Missing,
    /// Its link to the previous line does not match.
    Link,
    /// Its content does not match its hash.
    Hash,
    /// Lines at the end of the chain are missing.
    Tail,
    /// The line differs from a checkpoint kept outside the database (or is gone).
    Anchor,
    /// The chain is not keyed though this installation keys its chains: its lines could have
    /// been rewritten without the key.
    Unkeyed,
}

impl Break {
    /// What is wrong, in English (the command line's words).
    pub fn english(self) -> &'static str {
        match self {
            Break::Missing => "a line is missing before this one",
            Break::Link => "the link to the previous line does not match",
            Break::Hash => "the line's content does not match its hash",
            Break::Tail => "lines at the end of the chain are missing",
            Break::Anchor => "the line differs from a checkpoint kept outside the database, or is gone",
            Break::Unkeyed => "the chain is not keyed though this installation keys its chains",
        }
    }
}

/// The outcome of checking a region's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Lines checked.
    pub lines: i64,
    /// The first broken line and what is wrong with it, if any.
    pub broken: Option<(i64, Break)>,
}

/// Whether the region's chain is keyed (`None`: it has no line yet).
pub async fn keyed(conn: &mut Conn, region: RegionId) -> Result<Option<bool>> {
    Ok(fetch_optional!(
        conn,
        (bool,),
        "SELECT keyed FROM audit_chain WHERE region_id = $1",
        region
    )?
    .map(|(k,)| k))
}

/// Recomputes every hash of the region's chain — with `key` when the chain is keyed — and
/// checks the links and the chain head. A keyed chain cannot be checked without its key.
pub async fn verify(conn: &mut Conn, region: RegionId, key: Option<&AuditKey>) -> Result<Verification> {
    let given = key.is_some();
    let is_keyed = keyed(conn, region).await?;
    let key = match is_keyed {
        Some(true) => Some(key.ok_or_else(|| {
            crate::error::StoreError::Config("the audit chain is keyed: its key is needed to check it".into())
        })?),
        _ => None,
    };
    let v = verify_with(conn, region, key).await?;
    // With a key, a plain chain is a downgrade: anyone could have rewritten it.
    if given && is_keyed == Some(false) && v.broken.is_none() && v.lines > 0 {
        return Ok(Verification {
            lines: v.lines,
            broken: Some((1, Break::Unkeyed)),
        });
    }
    Ok(v)
}

async fn verify_with(conn: &mut Conn, region: RegionId, key: Option<&AuditKey>) -> Result<Verification> {
    let mut prev = GENESIS.to_string();
    let mut expect_seq = 1;
    loop {
        let page: Vec<AuditLine> = fetch_all!(
            conn,
            AuditLine,
            "SELECT id, region_id, seq, at, actor_id, actor, action, entity, entity_id, before_json,
                after_json, prev_hash, hash
             FROM audit_log WHERE region_id = $1 AND seq >= $2 ORDER BY seq LIMIT 1000",
            region,
            expect_seq
        )?;
        if page.is_empty() {
            break;
        }
        for l in page {
            let broken = |why: Break| {
                Ok(Verification {
                    lines: expect_seq - 1,
                    broken: Some((l.seq, why)),
                })
            };
            if l.seq != expect_seq {
                return broken(Break::Missing);
            }
            if l.prev_hash != prev {
                return broken(Break::Link);
            }
            if hash_of(key, &l) != l.hash {
                return broken(Break::Hash);
            }
            prev = l.hash;
            expect_seq += 1;
        }
    }
    let head: Option<(i64, String)> = fetch_optional!(
        conn,
        (i64, String),
        "SELECT seq, last_hash FROM audit_chain WHERE region_id = $1",
        region
    )?;
    let lines = expect_seq - 1;
    if let Some((seq, last)) = head
        && (seq != lines || last != prev)
    {
        return Ok(Verification {
            lines,
            broken: Some((seq, Break::Tail)),
        });
    }
    Ok(Verification { lines, broken: None })
}

/// The region's chain head: the last line's place and hash (`(0, GENESIS)` before any line).
pub async fn head(conn: &mut Conn, region: RegionId) -> Result<(i64, String)> {
    Ok(fetch_optional!(
        conn,
        (i64, String),
        "SELECT seq, last_hash FROM audit_chain WHERE region_id = $1",
        region
    )?
    .unwrap_or((0, GENESIS.to_string())))
}

/// The hash of the region's line at `seq`, if there is one.
pub async fn hash_at(conn: &mut Conn, region: RegionId, seq: i64) -> Result<Option<String>> {
    Ok(fetch_optional!(
        conn,
        (String,),
        "SELECT hash FROM audit_log WHERE region_id = $1 AND seq = $2",
        region,
        seq
    )?
    .map(|(h,)| h))
}

mod upkeep;

pub use upkeep::{Checked, Rekeyed, last_check, record_check, rekey};
