//! How long the office waits for the key-project ledger: a generated city's 1,000 projects
//! (`luoshi gen`), each with its judged warning, read, filtered (the county-level ones, then a
//! stage), named, explained in words and summed by level — the server's work for
//! `GET /api/v1/projects`, without the network. On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::{AppState, Layers, access::Reader, views::project::Filter};
use luoshi_store::{Store, migrate};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("luoshi-bench-ledger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = dir.join("bench.db").display().to_string();
    let today = luoshi_demo::bench_data::default_today();
    let (state, reader) = rt.block_on(async {
        let store = Store::connect(&url, 4).await.unwrap();
        migrate::run(&store).await.unwrap();
        let shape = luoshi_demo::bench_data::Size::City.shape();
        luoshi_demo::bench_data::generate(&store, "x", shape, 7, today)
            .await
            .unwrap();
        let mut conn = store.conn().await.unwrap();
        let office = luoshi_store::user::users(&mut conn, 1)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.username == "duchashi")
            .unwrap();
        drop(conn);
        luoshi_lights::refresh_stale_projects(&store, office.region_id, today)
            .await
            .unwrap();
        let mut config = Layers::defaults()
            .flags(vec![("database", url.clone())])
            .unwrap()
            .build()
            .unwrap();
        config.today = Some(today);
        (AppState::new(store, config), Reader::of_user(&office).unwrap())
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
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
