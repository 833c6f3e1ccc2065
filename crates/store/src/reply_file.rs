//! Files attached to a unit's reply to a supervision order, kept in the database so a reply and
//! its files are written in one transaction and every instance and backup holds them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A reply file's record (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ReplyFile {
    /// Its id.
    pub id: i64,
    /// The reply.
    pub reply_id: i64,
    /// The (cleaned) file name.
    pub file_name: String,
    /// Kind code (see `EvidenceKind`).
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
    /// SM3 of the bytes, hex.
    pub sm3: String,
    /// When it was uploaded.
    pub uploaded_at: DateTime<Utc>,
}

/// What a new reply file needs.
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    /// The (cleaned) file name.
    pub name: &'a str,
    /// Kind code.
    pub kind: &'a str,
    /// SM3 of the bytes, hex.
    pub sm3: &'a str,
    /// The bytes.
    pub data: &'a [u8],
}

/// Stores a file of reply `reply_id`; returns its id.
pub async fn insert(
    tx: &mut Tx,
    region: RegionId,
    reply_id: i64,
    f: NewFile<'_>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "reply_file").await?;
    execute!(
        tx,
        "INSERT INTO reply_file (region_id, id, reply_id, file_name, kind, size, sm3, uploaded_by, uploaded_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        region,
        id,
        reply_id,
        f.name,
        f.kind,
        f.data.len() as i64,
        f.sm3,
        by,
        now,
        f.data
    )?;
    Ok(id)
}

/// The files of every reply to order `order_id`, oldest first (names, not bytes).
pub async fn of_order(conn: &mut Conn, region: RegionId, order_id: i64) -> Result<Vec<ReplyFile>> {
    Ok(fetch_all!(
        conn,
        ReplyFile,
        "SELECT f.id, f.reply_id, f.file_name, f.kind, f.size, f.sm3, f.uploaded_at
         FROM reply_file f JOIN supervision_reply r ON r.region_id = f.region_id AND r.id = f.reply_id
         WHERE f.region_id = $1 AND r.supervision_id = $2 ORDER BY f.id",
        region,
        order_id
    )?)
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    reply_id: i64,
    file_name: String,
    kind: String,
    size: i64,
    sm3: String,
    uploaded_at: DateTime<Utc>,
    supervision_id: i64,
    data: Vec<u8>,
}

/// One file: its record, the order it belongs to and its bytes.
pub async fn file(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<(ReplyFile, i64, Vec<u8>)>> {
    let row: Option<FileRow> = fetch_optional!(
        conn,
        FileRow,
        "SELECT f.id, f.reply_id, f.file_name, f.kind, f.size, f.sm3, f.uploaded_at, r.supervision_id, f.data
         FROM reply_file f JOIN supervision_reply r ON r.region_id = f.region_id AND r.id = f.reply_id
         WHERE f.region_id = $1 AND f.id = $2",
        region,
        id
    )?;
    Ok(row.map(|r| {
        let file = ReplyFile {
            id: r.id,
            reply_id: r.reply_id,
            file_name: r.file_name,
            kind: r.kind,
            size: r.size,
            sm3: r.sm3,
            uploaded_at: r.uploaded_at,
        };
        (file, r.supervision_id, r.data)
    }))
}
