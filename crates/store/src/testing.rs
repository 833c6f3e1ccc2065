//! Fresh, migrated databases for tests: a SQLite file always, and a new PostgreSQL database
//! when `LUOSHI_TEST_POSTGRES_URL` is set. A set but unreachable server is an error, never a
//! silent skip.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::{Store, StoreError, error::Result, migrate};

/// The environment variable naming a PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "LUOSHI_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);
static SWEPT: AtomicBool = AtomicBool::new(false);

/// Whether a test database or file name was made by a process that has ended, read from the
/// process id `unique` puts after the prefix. Only answered where `/proc` lists processes.
fn left_by_ended_process(name: &str, prefix: &str) -> bool {
    let proc_dir = std::path::Path::new("/proc");
    if !proc_dir.join("self").exists() {
        return false;
    }
    let Some(rest) = name.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) else {
        return false;
    };
    match rest.split('_').next().and_then(|p| p.parse::<u32>().ok()) {
        Some(pid) => pid != std::process::id() && !proc_dir.join(pid.to_string()).exists(),
        None => false,
    }
}

/// Removes the SQLite files that ended test processes left in the temp directory, once per
/// process, so repeated runs do not fill the disk.
fn sweep_sqlite_files() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or_default();
        if name.starts_with("luoshi_test_") && left_by_ended_process(stem, "luoshi_test") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// A database URL for a new, empty SQLite file in the temp directory.
pub fn sqlite_url() -> String {
    if !SWEPT.swap(true, Ordering::Relaxed) {
        sweep_sqlite_files();
    }
    std::env::temp_dir()
        .join(format!("{}.db", unique("luoshi_test")))
        .to_string_lossy()
        .into_owned()
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[after_scheme..]
        .find('/')
        .map(|i| after_scheme + i)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..host_end], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Creates a new, empty PostgreSQL database on the test server and returns its URL, or `None`
/// when no test server is configured.
pub async fn postgres_url() -> Result<Option<String>> {
    let Ok(admin) = std::env::var(POSTGRES_ENV) else {
        return Ok(None);
    };
    let name = unique("luoshi_t");
    let store = Store::connect(&admin, 1)
        .await
        .map_err(|e| StoreError::Config(format!("{POSTGRES_ENV} is set but the server is unreachable: {e}")))?;
    let mut conn = store.conn().await?;
    let sql = format!("CREATE DATABASE {name}");
    match conn.ex() {
        crate::conn::Ex::Pg(c) => {
            if !PG_SWEPT.swap(true, Ordering::Relaxed) {
                drop_stale_databases(&mut *c).await?;
            }
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(c).await?;
        }
        crate::conn::Ex::Sqlite(_) => {
            return Err(StoreError::Config(format!("{POSTGRES_ENV} must be a postgres:// URL")));
        }
    }
    drop(conn);
    store.close().await;
    Ok(Some(with_database(&admin, &name)))
}

static PG_SWEPT: AtomicBool = AtomicBool::new(false);

/// Drops the test databases that ended test processes left on the server (each test makes its
/// own) where this role may, once per process: thousands of them make the server slow to start after a crash.
async fn drop_stale_databases(c: &mut sqlx::PgConnection) -> Result<()> {
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'luoshi\\_t\\_%'")
        .fetch_all(&mut *c)
        .await?;
    for name in names.iter().filter(|n| left_by_ended_process(n, "luoshi_t")) {
        // Another role's database (or one still in use) is left alone: cleaning up is a courtesy.
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *c).await;
    }
    Ok(())
}

/// The URLs of one fresh database per backend under test.
pub async fn database_urls() -> Result<Vec<String>> {
    let mut urls = vec![sqlite_url()];
    if let Some(pg) = postgres_url().await? {
        urls.push(pg);
    }
    Ok(urls)
}

/// Makes the fresh database at `url` (from [`database_urls`]) a copy of the database at
/// `template`, of the same backend and closed: a file copy on SQLite, `CREATE DATABASE …
/// TEMPLATE` on PostgreSQL. Tests build a fixture once and copy it, instead of building it per
/// test.
pub async fn copy_database(template: &str, url: &str) -> Result<()> {
    if !template.starts_with("postgres") {
        for suffix in ["", "-wal", "-shm"] {
            let from = format!("{template}{suffix}");
            if std::path::Path::new(&from).exists() {
                std::fs::copy(&from, format!("{url}{suffix}"))
                    .map_err(|e| StoreError::Config(format!("cannot copy the test fixture {from}: {e}")))?;
            }
        }
        return Ok(());
    }
    let admin = std::env::var(POSTGRES_ENV).map_err(|_| StoreError::Config(format!("{POSTGRES_ENV} is not set")))?;
    let (name, from) = (database_name(url), database_name(template));
    let store = Store::connect(&admin, 1).await?;
    let mut conn = store.conn().await?;
    if let crate::conn::Ex::Pg(c) = conn.ex() {
        // Names this module made (letters, digits and underscores), never user text.
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")))
            .execute(&mut *c)
            .await?;
        // Two copies of one template at the same instant may find it busy: try again.
        let mut tries = 0;
        loop {
            let sql = format!("CREATE DATABASE {name} TEMPLATE {from}");
            match sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *c).await {
                Ok(_) => break,
                Err(e) if tries < 50 && e.to_string().contains("being accessed by other users") => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    drop(conn);
    store.close().await;
    Ok(())
}

/// The database name in a PostgreSQL URL.
fn database_name(url: &str) -> &str {
    let base = url.split('?').next().unwrap_or(url);
    base.rsplit('/').next().unwrap_or(base)
}

/// Runs `sql` as it is: for tests that tamper with a database as an intruder with write access
/// would (never called by the server).
pub async fn tamper(conn: &mut crate::Conn, sql: &str) -> Result<u64> {
    let q = sqlx::AssertSqlSafe(sql.to_string());
    Ok(match conn.ex() {
        crate::conn::Ex::Sqlite(c) => sqlx::query(q).execute(c).await?.rows_affected(),
        crate::conn::Ex::Pg(c) => sqlx::query(q).execute(c).await?.rows_affected(),
    })
}

/// One fresh, migrated store per backend under test.
pub async fn stores() -> Result<Vec<Store>> {
    let mut out = Vec::new();
    for url in database_urls().await? {
        let store = Store::connect(&url, 4).await?;
        migrate::run(&store).await?;
        out.push(store);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_the_query_kept() {
        assert_eq!(
            with_database("postgres://u:p@localhost:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@localhost:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://localhost", "x"), "postgres://localhost/x");
    }
}
