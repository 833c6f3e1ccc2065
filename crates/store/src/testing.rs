//! Fresh, migrated databases for tests: a SQLite file always, and a new PostgreSQL database
//! when `LUOSHI_TEST_POSTGRES_URL` is set. A set but unreachable server is an error, never a
//! silent skip.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Store, StoreError, error::Result, migrate};

/// The environment variable naming a PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "LUOSHI_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

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

/// The URLs of one fresh database per backend under test.
pub async fn database_urls() -> Result<Vec<String>> {
    let mut urls = vec![sqlite_url()];
    if let Some(pg) = postgres_url().await? {
        urls.push(pg);
    }
    Ok(urls)
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
