//! Upgrading a database made by the previous version: the demo city as `luoshi demo` built it
//! before the keys by region (schema version 11, with a row in every table and a second
//! region's rows), upgraded in place on SQLite and, loaded into a version-11 schema, on
//! PostgreSQL; every row of every table is the same afterwards.

use std::collections::BTreeMap;

use sqlx::{AssertSqlSafe, Row};

use super::*;
use crate::{
    conn::{Backend, Ex},
    ids, keys, migrate, testing,
};

/// `crates/store/fixtures/demo-city-v11.sqlite.gz`: `luoshi demo` at commit ff11948, plus
/// one row in each table the demo leaves empty and a county's unit and accounts.
const FIXTURE: &[u8] = include_bytes!("../../fixtures/demo-city-v11.sqlite.gz");

/// The fixture, unpacked to a new SQLite file.
fn old_city_file() -> String {
    use std::io::Read;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(FIXTURE).read_to_end(&mut bytes).unwrap();
    let path = testing::sqlite_url();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every row of every table but the schema's own, as text, sorted: table → rows.
type Rows = BTreeMap<String, Vec<Vec<Option<String>>>>;

async fn every_row(store: &Store) -> Rows {
    every_row_of(store, None).await
}

/// A table's columns, by table.
type Columns = BTreeMap<String, Vec<String>>;

/// The columns of every table, as they are now.
async fn columns(store: &Store) -> Columns {
    let mut conn = store.conn().await.unwrap();
    keys::catalogue(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.table, t.columns))
        .collect()
}

/// [`every_row`], of only the columns given where a table's are (the columns there were
/// before an upgrade, which may add some).
async fn every_row_of(store: &Store, only: Option<&Columns>) -> Rows {
    let mut conn = store.conn().await.unwrap();
    let tables = keys::catalogue(&mut conn).await.unwrap();
    let mut out = Rows::new();
    for t in tables
        .iter()
        .filter(|t| t.table != "schema_version" && !keys::SQLITE_ONLY.contains(&t.table.as_str()))
    {
        let names = only.and_then(|o| o.get(&t.table)).unwrap_or(&t.columns);
        let cols: Vec<String> = names
            .iter()
            // The day a plan's stored lights were judged (a cache of them) is reset by steps
            // that add to what is stored, so every plan is judged again on its next read.
            .filter(|c| !(t.table == "plan" && *c == "state_on"))
            .map(|c| match conn.backend() {
                // Bytes as hex, so both sides compare as text.
                Backend::Sqlite => format!("CASE WHEN typeof({c}) = 'blob' THEN hex({c}) ELSE CAST({c} AS TEXT) END"),
                Backend::Postgres => format!("CASE WHEN pg_typeof({c}) = 'bytea'::regtype THEN upper(encode({c}::text::bytea, 'hex')) ELSE {c}::text END"),
            })
            .collect();
        let sql = format!("SELECT {} FROM {}", cols.join(", "), t.table);
        let mut rows: Vec<Vec<Option<String>>> = match conn.ex() {
            Ex::Sqlite(c) => sqlx::query(AssertSqlSafe(sql))
                .fetch_all(c)
                .await
                .unwrap()
                .iter()
                .map(|r| (0..cols.len()).map(|i| r.get::<Option<String>, _>(i)).collect())
                .collect(),
            Ex::Pg(c) => sqlx::query(AssertSqlSafe(sql))
                .fetch_all(c)
                .await
                .unwrap()
                .iter()
                .map(|r| (0..cols.len()).map(|i| r.get::<Option<String>, _>(i)).collect())
                .collect(),
        };
        rows.sort();
        out.insert(t.table.clone(), rows);
    }
    out
}

/// Checks what an upgrade must keep: every row, keys by region, ids never given twice.
async fn check_upgrade(store: &Store, before: &Rows) {
    let old_columns = columns(store).await;
    let broken = keys::violations(&keys::catalogue(&mut store.conn().await.unwrap()).await.unwrap());
    assert!(
        !broken.is_empty(),
        "version 11 breaks the keys rule, and the rule sees it"
    );

    let applied = migrate::run(store).await.unwrap();
    let since: Vec<i64> = migrate::STEPS.iter().map(|s| s.version).filter(|v| *v >= 12).collect();
    assert_eq!(applied, since, "{:?}", store.backend());

    let broken = keys::violations(&keys::catalogue(&mut store.conn().await.unwrap()).await.unwrap());
    assert!(broken.is_empty(), "{:?}: {broken:#?}", store.backend());
    let after = every_row_of(store, Some(&old_columns)).await;
    // Tables added by later steps start empty; every table there was is still there.
    assert!(before.keys().all(|t| after.contains_key(t)));
    assert!(
        after
            .iter()
            .filter(|(t, _)| !before.contains_key(*t))
            .all(|(_, rows)| rows.is_empty())
    );
    for (table, rows) in before {
        assert_eq!(rows.len(), after[table].len(), "{:?}: rows of {table}", store.backend());
        assert!(rows == &after[table], "{:?}: a row of {table} changed", store.backend());
    }
    assert!(before["report"].len() > 400 && before["user_session"].len() == 2);

    // The next ids continue after the largest ever given (the counters moved with the rows).
    let mut tx = store.begin().await.unwrap();
    assert_eq!(ids::next(&mut tx, "unit").await.unwrap(), 42);
    assert_eq!(ids::next(&mut tx, "notification").await.unwrap(), 191);
    assert_eq!(ids::next(&mut tx, "delivery_attempt").await.unwrap(), 2);
    drop(tx);
}

#[tokio::test]
async fn a_sqlite_city_of_the_previous_version_upgrades_in_place_with_every_row_kept() {
    let path = old_city_file();
    let store = Store::connect(&path, 1).await.unwrap();
    let version = migrate::applied(&mut store.conn().await.unwrap()).await.unwrap();
    assert_eq!(version.last(), Some(&11));
    let before = every_row(&store).await;
    check_upgrade(&store, &before).await;
}

#[tokio::test]
async fn a_failed_rebuild_on_sqlite_leaves_the_old_database_as_it_was() {
    let path = old_city_file();
    let store = Store::connect(&path, 1).await.unwrap();
    // A report of a task that is not there (written with foreign keys off, as an old tool
    // might have): the rebuilt keys would hold a row that points nowhere.
    store.sqlite_foreign_keys(false).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    execute!(tx, "UPDATE report SET task_id = 999999 WHERE id = 1").unwrap();
    tx.commit().await.unwrap();
    store.sqlite_foreign_keys(true).await.unwrap();
    let before = every_row(&store).await;

    let err = migrate::run(&store).await.unwrap_err().to_string();
    assert!(err.contains("report"), "{err}");
    let version = migrate::applied(&mut store.conn().await.unwrap()).await.unwrap();
    assert_eq!(version.last(), Some(&11), "the step is undone whole");
    assert!(every_row(&store).await == before, "nothing changed");
    let broken = keys::violations(&keys::catalogue(&mut store.conn().await.unwrap()).await.unwrap());
    assert!(
        broken.iter().any(|b| b.starts_with("report: primary key (id)")),
        "{broken:?}"
    );
}

#[tokio::test]
async fn a_postgresql_city_of_the_previous_version_upgrades_in_place_with_every_row_kept() {
    let Some(url) = testing::postgres_url().await.unwrap() else {
        return; // Only SQLite under test (CI runs this with PostgreSQL too).
    };
    let pg = Store::connect(&url, 2).await.unwrap();
    migrate::run_to(&pg, 11).await.unwrap();
    let old = Store::connect(&old_city_file(), 1).await.unwrap();
    load(&old, &pg).await;
    let before = every_row(&pg).await;
    // What was loaded is what the file holds (the same text but for the instants' format).
    let file = every_row(&old).await;
    for (table, rows) in &file {
        assert_eq!(rows.len(), before[table].len(), "rows of {table}");
    }
    check_upgrade(&pg, &before).await;
}

/// Copies every row of a version-11 SQLite database into a version-11 PostgreSQL one, tables
/// in the order they were made (so a row's parents come first) and rows in id order, then
/// moves the identity counters past the ids as the previous version's PostgreSQL had them.
async fn load(from: &Store, to: &Store) {
    let mut src = from.conn().await.unwrap();
    let order: Vec<(String,)> = fetch_all!(
        src,
        (String,),
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name <> 'schema_version' ORDER BY rowid"
    )
    .unwrap();
    let mut tx = to.begin().await.unwrap();
    for (table,) in &order {
        let types: Vec<(String, String)> = fetch_all!(
            tx,
            (String, String),
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            table
        )
        .unwrap();
        let select: Vec<String> = types
            .iter()
            .map(|(c, t)| match t.as_str() {
                "bytea" => format!("hex({c})"),
                _ => format!("CAST({c} AS TEXT)"),
            })
            .collect();
        let values: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(i, (_, t))| match t.as_str() {
                "bytea" => format!("decode(${}, 'hex')", i + 1),
                t => format!("CAST(${} AS {t})", i + 1),
            })
            .collect();
        let read = format!("SELECT {} FROM {table} ORDER BY rowid", select.join(", "));
        let write = format!(
            "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE VALUES ({})",
            types.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", "),
            values.join(", ")
        );
        let rows = match src.ex() {
            Ex::Sqlite(c) => sqlx::query(AssertSqlSafe(read)).fetch_all(c).await.unwrap(),
            Ex::Pg(_) => unreachable!("the source is the SQLite file"),
        };
        for r in rows {
            let mut q = sqlx::query(AssertSqlSafe(write.clone()));
            for i in 0..types.len() {
                q = q.bind(r.get::<Option<String>, _>(i));
            }
            match tx.ex() {
                Ex::Pg(c) => q.execute(c).await.unwrap(),
                Ex::Sqlite(_) => unreachable!("the target is PostgreSQL"),
            };
        }
        if types.iter().any(|(c, _)| c == "id") && table != "user_session" {
            let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
            execute!(tx, AssertSqlSafe(sql)).unwrap();
        }
    }
    tx.commit().await.unwrap();
}
