//! How long a reader waits for the indicator pages: a generated city's forty indicators
//! (`luoshi gen`), each with its judged light, read with a year of figures, explained in the
//! published words and drawn as sparklines — the server's work for `GET /api/v1/indicators` —
//! and the mid-year half-way table (`GET /api/v1/indicators/half-way`), without the network.
//! On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::{AppState, Layers, access::Reader, views::indicator};
use luoshi_store::{Store, migrate};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("luoshi-bench-indicators-{}", std::process::id()));
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
        luoshi_lights::refresh_stale_indicators(&store, office.region_id, today)
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
    let filter = indicator::Filter {
        year: 2020,
        ..indicator::Filter::default()
    };
    let rows = rt
        .block_on(indicator::dashboard(&state, &reader, &filter, lang))
        .unwrap();
    assert_eq!(rows.len(), 40);
    c.bench_function("the dashboard of 40 indicators with a year of figures", |b| {
        b.iter(|| {
            rt.block_on(indicator::dashboard(&state, &reader, &filter, lang))
                .unwrap()
        })
    });
    let june = luoshi_domain::project::Month { year: 2020, month: 6 };
    c.bench_function("the half-way table of 40 indicators", |b| {
        b.iter(|| {
            rt.block_on(indicator::half_way_table(&state, &reader, june, lang))
                .unwrap()
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
