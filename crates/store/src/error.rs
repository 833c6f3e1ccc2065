//! The storage layer's errors.

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused the statement.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Someone else saved the record since it was read (optimistic concurrency).
    #[error("{entity} {id} was changed by someone else (now at version {current})")]
    Conflict {
        /// What kind of record.
        entity: &'static str,
        /// Which one.
        id: i64,
        /// The version now stored.
        current: i64,
    },
    /// A unique constraint refused a duplicate.
    #[error("duplicate {0}")]
    Duplicate(&'static str),
    /// A migration failed.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        /// The step's number.
        version: i64,
        /// The step's name.
        name: &'static str,
        /// Why.
        source: sqlx::Error,
    },
    /// The database URL or options are not usable.
    #[error("{0}")]
    Config(String),
    /// The database server could not be reached, or refused us.
    #[error("cannot reach PostgreSQL at {host}: {why}")]
    Unreachable {
        /// Its host and port.
        host: String,
        /// Why, in words.
        why: String,
    },
    /// Stored data broke an invariant (e.g. an unknown code in a column).
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Turns a unique-constraint violation into [`StoreError::Duplicate`] for `what`.
    pub fn duplicate_as(self, what: &'static str) -> StoreError {
        match &self {
            StoreError::Db(sqlx::Error::Database(e)) if e.is_unique_violation() => StoreError::Duplicate(what),
            _ => self,
        }
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
