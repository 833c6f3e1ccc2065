//! New ids. A row's key is `(region_id, id)`, and ids are still unique across regions (pages
//! and the audit log name a row by its id alone): on PostgreSQL each table's identity counter
//! gives them, on SQLite the table's row of `id_counter`, bumped in the writer's transaction
//! (SQLite has one writer at a time, so two writes never take the same number). An id given
//! once is never given again, even when its row is deleted.
//!
//! PostgreSQL's counters are drawn [`AHEAD`] at a time and kept by the store: one round trip
//! per that many new rows instead of one per row (measured: docs/benchmarks.md). The counters
//! are outside transactions anyway, so ids drawn and not used leave gaps, as a rolled-back
//! insert always did; ids stay unique across instances, not ordered by time between them.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use sqlx::AssertSqlSafe;

use crate::{
    conn::{Backend, Tx},
    error::Result,
};

/// How many ids a PostgreSQL store draws from a table's counter at once.
pub const AHEAD: i64 = 32;

/// Ids drawn ahead, by table, newest last; shared by a store's transactions.
pub type Reserved = Arc<Mutex<HashMap<&'static str, Vec<i64>>>>;

/// The next id of `table` (one of ours, never user input).
pub async fn next(tx: &mut Tx, table: &'static str) -> Result<i64> {
    if tx.backend() == Backend::Sqlite {
        return Ok(scalar!(
            tx,
            i64,
            "INSERT INTO id_counter (name, last) VALUES ($1, 1)
             ON CONFLICT (name) DO UPDATE SET last = id_counter.last + 1 RETURNING last",
            table
        )?);
    }
    let reserved = tx.reserved().cloned().unwrap_or_default();
    if let Some(id) = take(&reserved, table) {
        return Ok(id);
    }
    let drawn: Vec<i64> = fetch_all!(
        tx,
        (i64,),
        "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2::bigint)",
        table,
        AHEAD
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let first = *drawn
        .iter()
        .min()
        .ok_or(crate::StoreError::Config(format!("no id drawn for {table}")))?;
    if let Ok(mut r) = reserved.lock() {
        // Kept in descending order, so the smallest comes out first.
        let kept = r.entry(table).or_default();
        kept.extend(drawn.into_iter().filter(|&id| id != first));
        kept.sort_unstable_by(|a, b| b.cmp(a));
    }
    Ok(first)
}

fn take(reserved: &Reserved, table: &'static str) -> Option<i64> {
    reserved.lock().ok()?.get_mut(table)?.pop()
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
            // Never backwards: ids drawn ahead by a running instance stay its own.
            Backend::Postgres => format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM {t}),
                    (SELECT last_value FROM {t}_id_seq), 1))"
            ),
        };
        execute!(tx, AssertSqlSafe(sql))?;
    }
    Ok(())
}
