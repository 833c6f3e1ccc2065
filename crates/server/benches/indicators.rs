//! How long a reader waits for the indicator pages: a generated city's forty indicators
//! (`luoshi gen`), each with its judged light, read with a year of figures, explained in the
//! published words and drawn as sparklines — the server's work for `GET /api/v1/indicators` —
//! and the mid-year half-way table (`GET /api/v1/indicators/half-way`), without the network.
//! On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::views::indicator;

mod common;

fn bench(c: &mut Criterion) {
    let rt = common::runtime();
    let today = luoshi_demo::bench_data::default_today();
    let (state, reader) = rt.block_on(async {
        let (store, url, office) = common::city("indicators").await;
        luoshi_lights::refresh_stale_indicators(&store, office.region_id, today)
            .await
            .unwrap();
        common::serve(store, &url, &office)
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
    common::clean("indicators");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
