//! How long a half-year's scores take for a generated city (issue 19, item 10): every record of
//! the period read (`luoshi gen`'s city: 10 plans of about 20,000 tasks, their reports, orders,
//! projects and indicators), turned into facts, scored under the defaults, ranked and stored —
//! `luoshi_lights::judge_scheme`, in a transaction rolled back each time. On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_domain::assessment::{
    DEFAULT_GRADING, default_groups, default_rules,
    scheme::{grading_code, groups_code},
};
use luoshi_store::assessment::{SchemeFields, insert_scheme};

mod common;

fn bench(c: &mut Criterion) {
    let rt = common::runtime();
    let today = luoshi_demo::bench_data::default_today();
    let (store, region, id) = rt.block_on(async {
        let (store, _, office) = common::city("assessment").await;
        let groups = groups_code(&default_groups());
        let grading = grading_code(DEFAULT_GRADING);
        let rules: Vec<(String, i64, Option<i64>)> = default_rules()
            .iter()
            .map(|r| (r.kind.code().to_string(), r.points, r.cap))
            .collect();
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
        let f = SchemeFields {
            name: "2020年下半年绩效考核",
            kind: "half_year",
            from: day(7, 1),
            to: day(12, 31),
            base: 10_000,
            floor: 6_000,
            evaluation_share: 0,
            groups: &groups,
            grading: &grading,
            visibility: "office",
        };
        let mut tx = store.begin().await.unwrap();
        let id = insert_scheme(
            &mut tx,
            office.region_id,
            f,
            &rules,
            None,
            office.id,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        (store, office.region_id, id)
    });
    let (records, scored) = rt.block_on(async {
        let mut conn = store.conn().await.unwrap();
        let from = chrono::NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
        let r = luoshi_store::assessment_records::records(&mut conn, region, from, today)
            .await
            .unwrap();
        drop(conn);
        let mut tx = store.begin().await.unwrap();
        assert!(
            luoshi_lights::judge_scheme(&mut tx, region, id, today, chrono::Utc::now())
                .await
                .unwrap()
        );
        let n = luoshi_store::assessment::scores(&mut tx, region, id)
            .await
            .unwrap()
            .len();
        (r, n)
    });
    eprintln!(
        "records of the half-year: {} tasks, {} reports, {} returns, {} orders, {} months behind; {} units scored",
        records.tasks.len(),
        records.reports.len(),
        records.returns.len(),
        records.orders.len(),
        records.behind.len(),
        scored
    );
    // The reading alone, to tell where the time goes.
    let from = chrono::NaiveDate::from_ymd_opt(2020, 7, 1).unwrap();
    c.bench_function("reading a half-year's records of the generated city", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut conn = store.conn().await.unwrap();
                luoshi_store::assessment_records::records(&mut conn, region, from, today)
                    .await
                    .unwrap()
            })
        })
    });
    c.bench_function("a half-year's scores for the generated city", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut tx = store.begin().await.unwrap();
                luoshi_lights::judge_scheme(&mut tx, region, id, today, chrono::Utc::now())
                    .await
                    .unwrap();
                // Dropped: rolled back, so every run judges the same records.
            })
        })
    });
    common::clean("assessment");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
