use super::*;
use crate::{Store, keys, migrate, testing};

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
    let cols: Vec<_> = cols
        .into_iter()
        .filter(|(t, _)| !keys::SQLITE_ONLY.contains(&t.as_str()))
        .collect();
    assert_eq!(cols, pg_cols);
}

#[tokio::test]
async fn every_business_table_is_keyed_by_region_on_both_databases() {
    for store in stores().await {
        let tables = keys::catalogue(&mut store.conn().await.unwrap()).await.unwrap();
        let names: Vec<&str> = tables.iter().map(|t| t.table.as_str()).collect();
        for t in [
            "task",
            "report",
            "app_user",
            "user_session",
            "task_state",
            "region",
            "job",
        ] {
            assert!(
                names.contains(&t),
                "{:?}: catalogue lacks {t}: {names:?}",
                store.backend()
            );
        }
        let broken = keys::violations(&tables);
        assert!(broken.is_empty(), "{:?}:\n{}", store.backend(), broken.join("\n"));
        // The rule reads what is there: the login name is unique per region, the task points
        // at its plan within the region.
        let user = tables.iter().find(|t| t.table == "app_user").unwrap();
        assert!(
            user.uniques.iter().any(|(_, c)| c == &["region_id", "username"]),
            "{user:?}"
        );
        let task = tables.iter().find(|t| t.table == "task").unwrap();
        assert!(
            task.foreign
                .iter()
                .any(|f| f.target == "plan" && f.from == ["region_id", "plan_id"] && f.to == ["region_id", "id"]),
            "{task:?}"
        );
    }
}

#[tokio::test]
async fn the_keys_rule_names_the_table_and_the_constraint_it_breaks() {
    // A table as it was before step 12, and one that points into another region.
    let old = keys::TableKeys {
        table: "report".into(),
        columns: vec!["id".into(), "region_id".into(), "task_id".into()],
        primary: vec!["id".into()],
        uniques: vec![(
            "report_task_id_period_key".into(),
            vec!["task_id".into(), "period".into()],
        )],
        foreign: vec![keys::Foreign {
            name: "report_task_id_fkey".into(),
            from: vec!["task_id".into()],
            target: "task".into(),
            to: vec!["id".into()],
        }],
    };
    let broken = keys::violations(&[old]);
    assert_eq!(
        broken,
        [
            "report: primary key (id) does not begin with region_id",
            "report: unique report_task_id_period_key (task_id, period) does not begin with region_id",
            "report: foreign key report_task_id_fkey (task_id) → task (id) does not carry region_id",
        ]
    );
    let no_region = keys::TableKeys {
        table: "project".into(),
        columns: vec!["id".into()],
        primary: vec!["id".into()],
        ..Default::default()
    };
    let broken = keys::violations(&[no_region]);
    assert_eq!(broken[0], "project: has no region_id column");
}
