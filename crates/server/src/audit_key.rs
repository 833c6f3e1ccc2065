//! The audit chain's key and anchor file, both outside the database. The key (32 random bytes,
//! hex, in a file only the server's user may read) keys every line's hash (HMAC-SM3): someone who
//! can write to the database but not read this file cannot change a line and make the chain
//! whole again. The anchor file takes a checkpoint of each region's chain head every hour,
//! appended and flushed: kept on other storage (or made append-only with `chattr +a`), it finds
//! a rewrite by someone who has the key as well. docs/security.md says what each protects
//! against.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use chrono::{DateTime, Utc};
use luoshi_store::{
    Conn, Store,
    audit::{self, AuditKey, Rekeyed},
    region,
};
use serde::{Deserialize, Serialize};

use crate::Config;

/// Where a SQLite database's file is, if `database` names one.
fn sqlite_file(database: &str) -> Option<PathBuf> {
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        return None;
    }
    let path = database.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty() && !path.starts_with(':')).then(|| PathBuf::from(path))
}

fn beside_database(config: &Config, suffix: &str, fallback: &str) -> PathBuf {
    match sqlite_file(&config.database) {
        Some(db) => {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        }
        None => PathBuf::from(fallback),
    }
}

/// The key file: `audit_key_file`, or beside a SQLite database (`luoshi.db.audit-key`), or
/// `luoshi-audit.key` in the working directory.
pub fn key_path(config: &Config) -> PathBuf {
    match config.audit_key_file.as_str() {
        "" => beside_database(config, ".audit-key", "luoshi-audit.key"),
        p => PathBuf::from(p),
    }
}

/// The anchor file: `audit_anchor_file`, or beside the key's default place.
pub fn anchor_path(config: &Config) -> PathBuf {
    match config.audit_anchor_file.as_str() {
        "" => beside_database(config, ".audit-anchors", "luoshi-audit-anchors.jsonl"),
        p => PathBuf::from(p),
    }
}

fn parse_key(text: &str) -> Option<AuditKey> {
    let hex = text.trim();
    if hex.len() != 64 {
        return None;
    }
    let mut k = [0u8; 32];
    for (i, b) in k.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(AuditKey(k))
}

/// Reads the key file, or makes it (readable by this user only) when there is none.
pub fn load_or_create(path: &Path) -> Result<AuditKey, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_key(&text).ok_or_else(|| {
            format!(
                "the audit key file {} does not hold a key (64 hex digits)",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut k = [0u8; 32];
            getrandom::fill(&mut k).map_err(|e| format!("no randomness: {e}"))?;
            let hex = crate::ctx::hex(&k);
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            match opts.open(path) {
                Ok(mut f) => {
                    f.write_all(format!("{hex}\n").as_bytes())
                        .and_then(|()| f.sync_all())
                        .map_err(|e| format!("cannot write the audit key file {}: {e}", path.display()))?;
                    Ok(AuditKey(k))
                }
                // Another instance made it first: read theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create(path),
                Err(e) => Err(format!("cannot make the audit key file {}: {e}", path.display())),
            }
        }
        Err(e) => Err(format!("cannot read the audit key file {}: {e}", path.display())),
    }
}

/// A checkpoint of a region's chain head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The region's id.
    pub region: i64,
    /// Its code.
    pub code: String,
    /// The last line's place.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
    /// When the checkpoint was taken.
    pub at: DateTime<Utc>,
    /// `head` for a checkpoint; `keyed` when a plain chain was keyed (`hash` is then its last
    /// plain hash, kept for the record: the lines' hashes were made again with the key).
    pub kind: String,
}

/// Appends checkpoints to the anchor file and flushes them to disk.
pub fn append_anchors(path: &Path, anchors: &[Anchor]) -> Result<(), String> {
    if anchors.is_empty() {
        return Ok(());
    }
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| format!("cannot open the audit anchor file {}: {e}", path.display()))?;
    let mut text = String::new();
    for a in anchors {
        text.push_str(&serde_json::to_string(a).map_err(|e| e.to_string())?);
        text.push('\n');
    }
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_data())
        .map_err(|e| format!("cannot write the audit anchor file {}: {e}", path.display()))
}

/// The checkpoints of an anchor file (none when it does not exist); lines that are not
/// checkpoints are skipped.
pub fn read_anchors(path: &Path) -> Vec<Anchor> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The first checkpoint of `region` that the database no longer agrees with: its line gone or
/// its hash different.
pub async fn disagreeing(conn: &mut Conn, region: i64, anchors: &[Anchor]) -> luoshi_store::Result<Option<Anchor>> {
    for a in anchors
        .iter()
        .filter(|a| a.region == region && a.kind == "head" && a.seq > 0)
    {
        if audit::hash_at(conn, region, a.seq).await?.as_deref() != Some(a.hash.as_str()) {
            return Ok(Some(a.clone()));
        }
    }
    Ok(None)
}

/// The current head of every region's chain, as checkpoints.
pub async fn heads(conn: &mut Conn, now: DateTime<Utc>) -> luoshi_store::Result<Vec<Anchor>> {
    let mut out = Vec::new();
    for r in region::regions(conn).await? {
        let (seq, hash) = audit::head(conn, r.id).await?;
        if seq > 0 {
            out.push(Anchor {
                region: r.id,
                code: r.code,
                seq,
                hash,
                at: now,
                kind: "head".into(),
            });
        }
    }
    Ok(out)
}

/// Makes the store write keyed audit lines: reads (or makes) the key, gives it to the store, and
/// keys every region's chain that is still plain — verified first; a broken plain chain stays
/// as it is for the auditor to see. Every process that writes to the database calls this
/// before its first write.
pub async fn prepare(store: &Store, config: &Config) -> Result<(), String> {
    let key = load_or_create(&key_path(config))?;
    store.set_audit_key(key.clone());
    let regions = {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        region::regions(&mut c).await.map_err(|e| e.to_string())?
    };
    let now = Utc::now();
    for r in regions {
        let mut tx = store.begin().await.map_err(|e| e.to_string())?;
        match audit::rekey(&mut tx, r.id, &key).await.map_err(|e| e.to_string())? {
            Rekeyed::Already => {}
            Rekeyed::Keyed { lines, plain_head } => {
                tx.commit().await.map_err(|e| e.to_string())?;
                tracing::warn!(region = %r.code, lines, "the audit chain was keyed");
                append_anchors(
                    &anchor_path(config),
                    &[Anchor {
                        region: r.id,
                        code: r.code.clone(),
                        seq: lines,
                        hash: plain_head,
                        at: now,
                        kind: "keyed".into(),
                    }],
                )?;
            }
            Rekeyed::Broken(v) => {
                tracing::error!(region = %r.code, broken = ?v.broken, "the plain audit chain is broken: it stays unkeyed; run `luoshi audit`");
            }
        }
    }
    Ok(())
}

/// Checks a region's whole chain — every line with the key, then the checkpoints of the anchor
/// file — and records the outcome for the auditor's page.
pub async fn verify_and_record(
    store: &Store,
    config: &Config,
    region: i64,
    now: DateTime<Utc>,
) -> Result<audit::Verification, String> {
    let mut c = store.conn().await.map_err(|e| e.to_string())?;
    let mut v = audit::verify(&mut c, region, store.audit_key())
        .await
        .map_err(|e| e.to_string())?;
    if v.broken.is_none()
        && let Some(a) = disagreeing(&mut c, region, &read_anchors(&anchor_path(config)))
            .await
            .map_err(|e| e.to_string())?
    {
        v.broken = Some((a.seq, audit::Break::Anchor));
    }
    drop(c);
    let mut tx = store.begin().await.map_err(|e| e.to_string())?;
    audit::record_check(&mut tx, region, &v, now)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_made_once_readable_by_its_owner_only_and_read_back() {
        let dir = std::env::temp_dir().join(format!("luoshi-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("k");
        let _ = std::fs::remove_file(&path);
        let a = load_or_create(&path).unwrap();
        assert_eq!(load_or_create(&path).unwrap(), a);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o077, 0);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(load_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_files_sit_beside_a_sqlite_database() {
        let mut c = crate::Layers::defaults().build().unwrap();
        c.database = "sqlite:/var/lib/luoshi/luoshi.db?mode=rwc".into();
        assert_eq!(key_path(&c), PathBuf::from("/var/lib/luoshi/luoshi.db.audit-key"));
        assert_eq!(
            anchor_path(&c),
            PathBuf::from("/var/lib/luoshi/luoshi.db.audit-anchors")
        );
        c.database = "postgres://u:p@db/luoshi".into();
        assert_eq!(key_path(&c), PathBuf::from("luoshi-audit.key"));
    }
}
