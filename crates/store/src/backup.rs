//! Copies of the database: a consistent online copy of a SQLite database (`VACUUM INTO`, taken
//! while the server runs), and what a database holds — each table's rows counted — so that a
//! restored copy can be compared with what was backed up. PostgreSQL's copies are `pg_dump`'s
//! (the command line runs it; docs/operations.md).

use std::path::Path;

use crate::{
    Store,
    conn::{Conn, Ex},
    error::{Result, StoreError},
};

/// Writes a consistent copy of the SQLite database to `path` (which must not exist), while
/// others keep reading and writing; the copy is compact and whole (no `-wal` file beside it).
pub async fn sqlite_copy(store: &Store, path: &Path) -> Result<()> {
    let target = path
        .to_str()
        .ok_or_else(|| StoreError::Config("the backup's path is not UTF-8".into()))?;
    if path.exists() {
        return Err(StoreError::Config(format!(
            "{target} exists already: choose a new file"
        )));
    }
    let mut conn = store.conn().await?;
    match conn.ex() {
        Ex::Sqlite(c) => {
            // A path quoted as an SQL string: its quotes doubled.
            let sql = format!("VACUUM INTO '{}'", target.replace('\'', "''"));
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(c).await?;
            Ok(())
        }
        Ex::Pg(_) => Err(StoreError::Config(
            "a PostgreSQL database is backed up with pg_dump".into(),
        )),
    }
}

/// Every table of the database with its number of rows, by table name.
pub async fn row_counts(conn: &mut Conn) -> Result<Vec<(String, i64)>> {
    let tables = crate::keys::catalogue(conn).await?;
    let mut out = Vec::new();
    for t in tables {
        // Table names from the database's own catalogue, never user text.
        let sql = format!("SELECT COUNT(*) FROM {}", t.table);
        let n: i64 = match conn.ex() {
            Ex::Sqlite(c) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(c).await?,
            Ex::Pg(c) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(c).await?,
        };
        out.push((t.table, n));
    }
    Ok(out)
}
