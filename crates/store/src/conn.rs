//! Connecting to SQLite or PostgreSQL, and the connection and transaction handles every query
//! takes.

use std::{str::FromStr, sync::Arc, time::Duration};

use sqlx::{
    PgConnection, Postgres, Sqlite, SqliteConnection, Transaction,
    pool::PoolConnection,
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous},
};

use crate::error::{Result, StoreError};

/// How long a server may take to answer the first connection before start-up gives up.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects once, so a server that cannot be reached says so at once and why (a pool would
/// retry until its timeout and report only that it timed out).
async fn probe(opts: &PgConnectOptions) -> Result<()> {
    use sqlx::Connection;
    let host = format!("{}:{}", opts.get_host(), opts.get_port());
    let why = match tokio::time::timeout(PROBE_TIMEOUT, PgConnection::connect_with(opts)).await {
        Ok(Ok(c)) => {
            let _ = c.close().await;
            return Ok(());
        }
        Err(_) => format!(
            "no answer within {} s (a wrong address, or a firewall in between?)",
            PROBE_TIMEOUT.as_secs()
        ),
        Ok(Err(sqlx::Error::Io(e))) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: nothing listens there (is PostgreSQL running, on that port?)".to_string()
        }
        Ok(Err(sqlx::Error::Io(e))) => e.to_string(),
        Ok(Err(sqlx::Error::Database(e))) => format!("the server refused us: {}", e.message()),
        Ok(Err(e)) => e.to_string(),
    };
    Err(StoreError::Unreachable { host, why })
}

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend's name as the logs and metrics show it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A pool of connections to one database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// SQLite's one connection for writes, apart from the readers' pool: a writer never waits
    /// for a reader to hand back a connection while it holds the write gate.
    writer: Option<SqlitePool>,
    /// SQLite takes one writer at a time: writers of this process queue here, in order, rather
    /// than in SQLite's busy handler, which sleeps in steps of up to 100 ms between tries.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// Ids drawn ahead from PostgreSQL's counters, by table (see `ids`).
    reserved: crate::ids::Reserved,
    /// The key of the audit chain (read from a file outside the database), once set.
    audit_key: Arc<std::sync::OnceLock<crate::audit::AuditKey>>,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

impl Store {
    /// Connects to `url`: `postgres://…` for PostgreSQL; `sqlite:FILE` or a plain file path for
    /// SQLite (created if missing, WAL mode, foreign keys on). `max_connections` 0 chooses by
    /// the cores of this machine: for PostgreSQL three per core (at least 4); for SQLite two
    /// readers per core besides its one writer. More only add threads and processes that take
    /// turns on the same cores (16 gave a third less under the deadline-day mix on two cores).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Store> {
        Store::connect_with(url, max_connections, false).await
    }

    /// [`Store::connect`], with SQLite's `synchronous` setting `FULL` when `full_sync` (every
    /// commit flushed to disk before it returns: a power cut loses nothing acknowledged) instead
    /// of `NORMAL` (WAL's default: a power cut may lose the last commits, never consistency).
    pub async fn connect_with(url: &str, max_connections: u32, full_sync: bool) -> Result<Store> {
        let url = url.trim();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
        if url.is_empty() {
            return Err(StoreError::Config("the database URL is empty".into()));
        }
        let (pool, writer) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::Config(format!("bad PostgreSQL URL: {e}")))?;
            probe(&opts).await?;
            let pool = PgPoolOptions::new()
                .max_connections(if max_connections == 0 {
                    (3 * cores).max(4)
                } else {
                    max_connections
                })
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            (Pool::Pg(pool), None)
        } else {
            let opts = if url.starts_with("sqlite:") {
                SqliteConnectOptions::from_str(url).map_err(|e| StoreError::Config(format!("bad SQLite URL: {e}")))?
            } else {
                SqliteConnectOptions::new().filename(url)
            };
            let opts = opts
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(if full_sync {
                    SqliteSynchronous::Full
                } else {
                    SqliteSynchronous::Normal
                })
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Room for a whole page of rows: the connection's thread hands rows over
                // without waiting for the reader after every 50 (the default).
                .row_buffer_size(1024);
            // The writer first: it creates the file and switches it to WAL. A connection to a
            // file does not go stale, so the pools hand one out without a test query first
            // (one round trip to its thread saved per request and connection).
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(opts.clone())
                .await?;
            let readers = SqlitePoolOptions::new()
                .test_before_acquire(false)
                .max_connections(if max_connections == 0 {
                    (2 * cores).max(2)
                } else {
                    max_connections
                })
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            (Pool::Sqlite(readers), Some(writer))
        };
        Ok(Store {
            pool,
            writer,
            write_gate: Arc::new(tokio::sync::Mutex::new(())),
            reserved: crate::ids::Reserved::default(),
            audit_key: Arc::default(),
        })
    }

    /// Sets the audit chain's key for every transaction of this store (and its clones); a
    /// second call keeps the first key.
    pub fn set_audit_key(&self, key: crate::audit::AuditKey) {
        let _ = self.audit_key.set(key);
    }

    /// The audit chain's key, once set.
    pub fn audit_key(&self) -> Option<&crate::audit::AuditKey> {
        self.audit_key.get()
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Pg(_) => Backend::Postgres,
        }
    }

    /// A connection for reads.
    pub async fn conn(&self) -> Result<Conn> {
        Ok(Conn(match &self.pool {
            Pool::Sqlite(p) => Inner::SqlitePool(p.acquire().await?),
            Pool::Pg(p) => Inner::PgPool(p.acquire().await?),
        }))
    }

    /// A transaction for writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so two writers queue instead of failing when a read lock cannot be upgraded.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match (&self.pool, &self.writer) {
            (Pool::Sqlite(readers), writer) => {
                let gate = self.write_gate.clone().lock_owned().await;
                let p = writer.as_ref().unwrap_or(readers);
                Tx(
                    Conn(Inner::SqliteTx(p.begin_with("BEGIN IMMEDIATE").await?)),
                    Some(gate),
                    None,
                    self.audit_key.get().cloned(),
                )
            }
            (Pool::Pg(p), _) => Tx(
                Conn(Inner::PgTx(p.begin().await?)),
                None,
                Some(self.reserved.clone()),
                self.audit_key.get().cloned(),
            ),
        })
    }

    /// Turns SQLite's foreign-key enforcement on or off on the writer's connection, for a
    /// migration step that rebuilds tables (SQLite ignores the switch inside a transaction).
    /// The writer is one connection; PostgreSQL has nothing to switch.
    pub async fn sqlite_foreign_keys(&self, on: bool) -> Result<()> {
        if let Some(w) = &self.writer {
            let _gate = self.write_gate.lock().await;
            let sql = if on {
                "PRAGMA foreign_keys = ON"
            } else {
                "PRAGMA foreign_keys = OFF"
            };
            sqlx::query(sql).execute(w).await?;
        }
        Ok(())
    }

    /// Connections open and idle, for `/metrics` (SQLite's writer counted with the readers).
    pub fn pool_stats(&self) -> (u32, usize) {
        let (wsize, widle) = self.writer.as_ref().map_or((0, 0), |w| (w.size(), w.num_idle()));
        match &self.pool {
            Pool::Sqlite(p) => (p.size() + wsize, p.num_idle() + widle),
            Pool::Pg(p) => (p.size(), p.num_idle()),
        }
    }

    /// Closes every connection (on shutdown).
    pub async fn close(&self) {
        if let Some(w) = &self.writer {
            w.close().await;
        }
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Pg(p) => p.close().await,
        }
    }
}

/// A connection, pooled or inside a transaction; what read queries take.
#[derive(Debug)]
pub struct Conn(Inner);

#[derive(Debug)]
enum Inner {
    SqlitePool(PoolConnection<Sqlite>),
    PgPool(PoolConnection<Postgres>),
    SqliteTx(Transaction<'static, Sqlite>),
    PgTx(Transaction<'static, Postgres>),
}

/// The raw connection a macro in `exec` runs a statement on.
#[doc(hidden)]
pub enum Ex<'c> {
    Sqlite(&'c mut SqliteConnection),
    Pg(&'c mut PgConnection),
}

impl Conn {
    #[doc(hidden)]
    pub fn ex(&mut self) -> Ex<'_> {
        match &mut self.0 {
            Inner::SqlitePool(c) => Ex::Sqlite(&mut *c),
            Inner::SqliteTx(t) => Ex::Sqlite(&mut *t),
            Inner::PgPool(c) => Ex::Pg(&mut *c),
            Inner::PgTx(t) => Ex::Pg(&mut *t),
        }
    }

    /// Which database this connection is to.
    pub fn backend(&self) -> Backend {
        match self.0 {
            Inner::SqlitePool(_) | Inner::SqliteTx(_) => Backend::Sqlite,
            Inner::PgPool(_) | Inner::PgTx(_) => Backend::Postgres,
        }
    }
}

/// A transaction; what write queries take. Dropped without [`Tx::commit`], it rolls back. On
/// SQLite it holds the store's write gate until then.
#[derive(Debug)]
pub struct Tx(
    Conn,
    Option<tokio::sync::OwnedMutexGuard<()>>,
    Option<crate::ids::Reserved>,
    Option<crate::audit::AuditKey>,
);

impl Tx {
    /// The audit chain's key of the store this transaction began on.
    pub(crate) fn audit_key(&self) -> Option<&crate::audit::AuditKey> {
        self.3.as_ref()
    }

    /// The store's ids drawn ahead (PostgreSQL only).
    pub(crate) fn reserved(&self) -> Option<&crate::ids::Reserved> {
        self.2.as_ref()
    }

    /// Makes every write in the transaction permanent.
    pub async fn commit(self) -> Result<()> {
        let Tx(conn, _gate, _, _) = self;
        match conn.0 {
            Inner::SqliteTx(t) => t.commit().await?,
            Inner::PgTx(t) => t.commit().await?,
            // A Tx is only built by Store::begin, which always opens a transaction.
            Inner::SqlitePool(_) | Inner::PgPool(_) => {}
        }
        Ok(())
    }
}

impl std::ops::Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}
