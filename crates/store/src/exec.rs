//! Macros that run one SQL text on whichever backend a connection belongs to. Exported for
//! the judged-state crate (`luoshi-lights`), the one other crate that writes SQL (its judged
//! rows): they expand to `sqlx` calls, so only a crate that depends on sqlx itself can use them.
//!
//! Every query is written once, with `$1`-style parameters that both SQLite and PostgreSQL
//! accept (see docs/decisions.md). The macro expands to a match with one arm per backend, so
//! the same text, binds and row type serve both.

/// `fetch_all!(conn, Row, "SQL", args…)` → `Result<Vec<Row>>`.
#[macro_export]
macro_rules! fetch_all {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn.ex() {
            $crate::conn::Ex::Sqlite(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_all(c).await,
            $crate::conn::Ex::Pg(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_all(c).await,
        }
    };
}

/// `fetch_optional!(conn, Row, "SQL", args…)` → `Result<Option<Row>>`.
#[macro_export]
macro_rules! fetch_optional {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn.ex() {
            $crate::conn::Ex::Sqlite(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_optional(c).await,
            $crate::conn::Ex::Pg(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_optional(c).await,
        }
    };
}

/// `fetch_one!(conn, Row, "SQL", args…)` → `Result<Row>`.
#[macro_export]
macro_rules! fetch_one {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn.ex() {
            $crate::conn::Ex::Sqlite(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_one(c).await,
            $crate::conn::Ex::Pg(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_one(c).await,
        }
    };
}

/// `scalar!(conn, T, "SQL", args…)` → `Result<T>` from the first column of the one row.
#[macro_export]
macro_rules! scalar {
    ($conn:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn.ex() {
            $crate::conn::Ex::Sqlite(c) => sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_one(c).await,
            $crate::conn::Ex::Pg(c) => sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_one(c).await,
        }
    };
}

/// `execute!(conn, "SQL", args…)` → `Result<u64>`, the number of rows affected.
#[macro_export]
macro_rules! execute {
    ($conn:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn.ex() {
            $crate::conn::Ex::Sqlite(c) => sqlx::query($sql)$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
            $crate::conn::Ex::Pg(c) => sqlx::query($sql)$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
        }
    };
}

/// `bind_vals!(query, values)` → the query with every `bulk::Val` of `values` (an iterator of
/// references) bound in order; one text for both databases (the query's type differs, so a
/// macro).
#[macro_export]
macro_rules! bind_vals {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for v in $vals {
            q = match v {
                $crate::bulk::Val::Int(x) => q.bind(*x),
                $crate::bulk::Val::OptInt(x) => q.bind(*x),
                $crate::bulk::Val::Text(x) => q.bind(x.as_str()),
                $crate::bulk::Val::OptText(x) => q.bind(x.as_deref()),
                $crate::bulk::Val::Date(x) => q.bind(*x),
                $crate::bulk::Val::OptDate(x) => q.bind(*x),
                $crate::bulk::Val::Time(x) => q.bind(*x),
                $crate::bulk::Val::OptTime(x) => q.bind(*x),
                $crate::bulk::Val::Bool(x) => q.bind(*x),
            };
        }
        q
    }};
}
