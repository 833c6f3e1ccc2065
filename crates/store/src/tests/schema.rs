use super::*;
use crate::{Store, migrate, testing};

#[tokio::test]
async fn migrating_twice_applies_each_step_once() {
    for store in stores().await {
        let again = migrate::run(&store).await.unwrap();
        assert!(again.is_empty(), "{:?}: second run applied {again:?}", store.backend());
        let mut c = store.conn().await.unwrap();
        let applied = migrate::applied(&mut c).await.unwrap();
        assert_eq!(applied.len(), migrate::STEPS.len());
    }
}

#[tokio::test]
async fn both_backends_end_with_the_same_tables_and_columns() {
    let sqlite = Store::connect(&testing::sqlite_url(), 1).await.unwrap();
    migrate::run(&sqlite).await.unwrap();
    let cols = migrate::columns(&mut sqlite.conn().await.unwrap()).await.unwrap();
    assert!(cols.contains(&("task".into(), "region_id".into())));
    assert!(cols.contains(&("report".into(), "next_steps".into())));
    let Some(url) = testing::postgres_url().await.unwrap() else {
        return; // Without a PostgreSQL server there is nothing to compare with.
    };
    let pg = Store::connect(&url, 1).await.unwrap();
    migrate::run(&pg).await.unwrap();
    let pg_cols = migrate::columns(&mut pg.conn().await.unwrap()).await.unwrap();
    assert_eq!(cols, pg_cols);
}

#[tokio::test]
async fn every_business_table_carries_the_region() {
    let sqlite = Store::connect(&testing::sqlite_url(), 1).await.unwrap();
    migrate::run(&sqlite).await.unwrap();
    let cols = migrate::columns(&mut sqlite.conn().await.unwrap()).await.unwrap();
    let tables: std::collections::BTreeSet<_> = cols.iter().map(|(t, _)| t.clone()).collect();
    // Not business rows: the region itself, the schema version and the job queue (whose jobs
    // may be region-wide or system-wide and carry a nullable region).
    for t in tables
        .iter()
        .filter(|t| !["region", "schema_version", "job"].contains(&t.as_str()))
    {
        assert!(
            cols.contains(&(t.clone(), "region_id".into())),
            "table {t} has no region_id"
        );
    }
}
