//! How long the office waits for a bulletin: gathering a period's facts from the demo city
//! (155 tasks, 474 reports, two plans) and writing the draft, on SQLite, for a month and for
//! a half-year; and writing the .docx of the result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::{AppState, Clock, Layers};
use luoshi_store::{Store, migrate};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("luoshi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = dir.join("bench.db").display().to_string();
    let today = luoshi_demo::default_today();
    let (state, region) = rt.block_on(async {
        let store = Store::connect(&url, 4).await.unwrap();
        migrate::run(&store).await.unwrap();
        // The demo's password hash is not used here.
        let s = luoshi_demo::build(&store, "x", today, Clock::Fixed(today).now())
            .await
            .unwrap();
        let mut config = Layers::defaults()
            .flags(vec![("database", url.clone())])
            .unwrap()
            .build()
            .unwrap();
        config.today = Some(today);
        (AppState::new(store, config), s.region)
    });
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
    c.bench_function("gather the facts of June 2020", |b| {
        b.iter(|| {
            rt.block_on(luoshi_server::ops::bulletin_facts::gather(
                &state,
                region,
                day(6, 1),
                day(6, 30),
            ))
            .unwrap()
        })
    });
    c.bench_function("gather the facts of the first half of 2020 (as of 31 May)", |b| {
        b.iter(|| {
            rt.block_on(luoshi_server::ops::bulletin_facts::gather(
                &state,
                region,
                day(1, 1),
                day(5, 31),
            ))
            .unwrap()
        })
    });
    let facts = rt
        .block_on(luoshi_server::ops::bulletin_facts::gather(
            &state,
            region,
            day(6, 1),
            day(6, 30),
        ))
        .unwrap();
    let to = luoshi_domain::addressees(&["河阳县", "龙泉市", "东城区"], true);
    let draft = luoshi_domain::draft(&facts, "云州市人民政府督查室", &to, day(7, 7), Some(2));
    let blocks = luoshi_domain::blocks(&draft.body);
    c.bench_function("write the .docx of June's draft", |b| {
        b.iter(|| {
            luoshi_office::official_docx(&luoshi_office::OfficialDoc {
                masthead: "督查通报",
                number: "2020年第2期",
                issuer: "云州市人民政府督查室",
                date: "2020年6月30日",
                title: &draft.title,
                body: &blocks,
                cc: "市委办公室。",
                printed_by: "云州市人民政府督查室",
                printed_on: "2020年6月30日",
            })
            .unwrap()
        })
    });
    eprintln!(
        "June's draft: {} characters, {} blocks",
        draft.body.chars().count(),
        blocks.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
