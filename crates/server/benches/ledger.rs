//! How long the office waits for the key-project ledger: a generated city's 1,000 projects
//! (`luoshi gen`), each with its judged warning, read, filtered (the county-level ones, then a
//! stage), named, explained in words and summed by level — the server's work for
//! `GET /api/v1/projects`, without the network. On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::views::project::Filter;

mod common;

fn bench(c: &mut Criterion) {
    let rt = common::runtime();
    let today = luoshi_demo::bench_data::default_today();
    let (state, reader) = rt.block_on(async {
        let (store, url, office) = common::city("ledger").await;
        luoshi_lights::refresh_stale_projects(&store, office.region_id, today)
            .await
            .unwrap();
        common::serve(store, &url, &office)
    });
    let lang = luoshi_domain::Lang::Zh;
    let all = rt
        .block_on(luoshi_server::views::project::ledger(
            &state,
            &reader,
            &Filter::default(),
            lang,
        ))
        .unwrap();
    assert_eq!(all.rows.len(), 1_000);
    c.bench_function("the ledger of 1,000 projects, summed", |b| {
        b.iter(|| {
            rt.block_on(luoshi_server::views::project::ledger(
                &state,
                &reader,
                &Filter::default(),
                lang,
            ))
            .unwrap()
        })
    });
    let county = Filter {
        level: "county".into(),
        stage: "building".into(),
        ..Filter::default()
    };
    c.bench_function(
        "the ledger of 1,000 projects, filtered (county, building) and summed",
        |b| {
            b.iter(|| {
                rt.block_on(luoshi_server::views::project::ledger(&state, &reader, &county, lang))
                    .unwrap()
            })
        },
    );
    common::clean("ledger");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
