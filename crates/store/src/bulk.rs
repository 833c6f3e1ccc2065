//! Many rows at once: multi-row `INSERT … VALUES (…), (…)` statements inside the caller's
//! transaction, for the benchmark-data generator and other bulk writers. Rows carry their own
//! ids where other rows refer to them; [`reset_ids`] then moves PostgreSQL's identity
//! counters past them (SQLite's follow by themselves).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;

use crate::{
    conn::{Ex, Tx},
    error::Result,
};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A 64-bit integer.
    Int(i64),
    /// An integer or NULL.
    OptInt(Option<i64>),
    /// Text.
    Text(String),
    /// Text or NULL.
    OptText(Option<String>),
    /// A day.
    Date(NaiveDate),
    /// A day or NULL.
    OptDate(Option<NaiveDate>),
    /// An instant.
    Time(DateTime<Utc>),
    /// An instant or NULL.
    OptTime(Option<DateTime<Utc>>),
    /// A flag.
    Bool(bool),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::OptInt(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        Val::OptText(v)
    }
}

impl From<NaiveDate> for Val {
    fn from(v: NaiveDate) -> Val {
        Val::Date(v)
    }
}
impl From<Option<NaiveDate>> for Val {
    fn from(v: Option<NaiveDate>) -> Val {
        Val::OptDate(v)
    }
}
impl From<DateTime<Utc>> for Val {
    fn from(v: DateTime<Utc>) -> Val {
        Val::Time(v)
    }
}
impl From<Option<DateTime<Utc>>> for Val {
    fn from(v: Option<DateTime<Utc>>) -> Val {
        Val::OptTime(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Bool(v)
    }
}

/// Parameters per statement on PostgreSQL (its limit is 65,535).
const PG_PARAMS: usize = 30_000;
/// Parameters per statement on SQLite: the driver looks each parameter up by name, in time
/// growing with the statement's parameters, so small statements are the fast ones (measured:
/// 30,000 a statement spent 90% of the time there).
const SQLITE_PARAMS: usize = 600;

/// Inserts `rows` (each with a value per column of `cols`) into `table`, a few hundred rows a
/// statement. `table` and `cols` are ours, never user input.
pub async fn insert(tx: &mut Tx, table: &str, cols: &[&str], rows: &[Vec<Val>]) -> Result<()> {
    if rows.is_empty() || cols.is_empty() {
        return Ok(());
    }
    let max = match tx.backend() {
        crate::Backend::Sqlite => SQLITE_PARAMS,
        crate::Backend::Postgres => PG_PARAMS,
    };
    let per = (max / cols.len()).clamp(1, 1000);
    for chunk in rows.chunks(per) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
        let mut n = 0;
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..cols.len() {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        match tx.ex() {
            Ex::Sqlite(c) => {
                bind_vals!(sqlx::query(AssertSqlSafe(sql.clone())), chunk.iter().flatten())
                    .execute(c)
                    .await?;
            }
            Ex::Pg(c) => {
                bind_vals!(sqlx::query(AssertSqlSafe(sql.clone())), chunk.iter().flatten())
                    .execute(c)
                    .await?;
            }
        }
    }
    Ok(())
}

/// The next free id of `table`: past its largest id and past every id its counter gave (rows
/// deleted since, ids a running instance drew ahead).
pub async fn next_id(tx: &mut Tx, table: &str) -> Result<i64> {
    let sql = match tx.backend() {
        crate::Backend::Sqlite => format!(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),
                        COALESCE((SELECT last FROM id_counter WHERE name = '{table}'), 0),
                        COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0)) + 1"
        ),
        crate::Backend::Postgres => format!(
            "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM {table}), 0),
                             (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {table}_id_seq)) + 1"
        ),
    };
    Ok(scalar!(tx, i64, AssertSqlSafe(sql))?)
}

/// After rows were inserted with their own ids: the id counters of `tables` move past the
/// largest id ([`crate::ids::reset`]).
pub async fn reset_ids(tx: &mut Tx, tables: &[&str]) -> Result<()> {
    crate::ids::reset(tx, tables).await
}

/// Refreshes the planner's statistics after a bulk load (`ANALYZE`; on PostgreSQL `VACUUM ANALYZE`), so
/// queries over the new rows take their indexes.
pub async fn analyze(store: &crate::Store) -> Result<()> {
    let mut c = store.conn().await?;
    match store.backend() {
        crate::Backend::Sqlite => execute!(c, "ANALYZE")?,
        // Vacuumed too, so its index-only scans need not visit the new rows' pages.
        crate::Backend::Postgres => execute!(c, "VACUUM ANALYZE")?,
    };
    Ok(())
}
