//! New ids. A row's key is `(region_id, id)`, and ids are still unique across regions (pages
//! and the audit log name a row by its id alone): on PostgreSQL each table's identity counter
//! gives them, on SQLite the table's row of `id_counter`, bumped in the writer's transaction
//! (SQLite has one writer at a time, so two writes never take the same number). An id given
//! once is never given again, even when its row is deleted.

use sqlx::AssertSqlSafe;

use crate::{
    conn::{Backend, Tx},
    error::Result,
};

/// The next id of `table` (one of ours, never user input).
pub async fn next(tx: &mut Tx, table: &'static str) -> Result<i64> {
    Ok(match tx.backend() {
        Backend::Sqlite => scalar!(
            tx,
            i64,
            "INSERT INTO id_counter (name, last) VALUES ($1, 1)
             ON CONFLICT (name) DO UPDATE SET last = id_counter.last + 1 RETURNING last",
            table
        )?,
        Backend::Postgres => scalar!(tx, i64, "SELECT nextval(pg_get_serial_sequence($1, 'id'))", table)?,
    })
}

/// After rows were written with ids of their own (a bulk load): the counters of `tables` move
/// past their largest id.
pub async fn reset(tx: &mut Tx, tables: &[&str]) -> Result<()> {
    for t in tables {
        if *t == "region" && tx.backend() == Backend::Sqlite {
            continue; // The region list keeps SQLite's own counter, which moves by itself.
        }
        let sql = match tx.backend() {
            Backend::Sqlite => format!(
                "INSERT INTO id_counter (name, last) SELECT '{t}', COALESCE(MAX(id), 0) FROM {t} WHERE true
                 ON CONFLICT (name) DO UPDATE SET last = MAX(id_counter.last, excluded.last)"
            ),
            Backend::Postgres => format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM {t}), 1))"
            ),
        };
        execute!(tx, AssertSqlSafe(sql))?;
    }
    Ok(())
}
