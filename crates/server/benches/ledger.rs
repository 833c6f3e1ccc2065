//! How long the office waits for the key-project ledger: a generated city's 1,000 projects
//! (`luoshi gen`), each with its judged warning, read, filtered (the county-level ones, then a
//! stage), named, explained in words and summed by level — the server's work for
//! `GET /api/v1/projects`, without the network; and a month's figures for every project imported
//! from a ledger (issue 18): the preview, and one import of them all. On SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::views::project::Filter;

mod common;

fn bench(c: &mut Criterion) {
    let rt = common::runtime();
    let today = luoshi_demo::bench_data::default_today();
    let (state, reader, office) = rt.block_on(async {
        let (store, url, office) = common::city("ledger").await;
        luoshi_lights::refresh_stale_projects(&store, office.region_id, today)
            .await
            .unwrap();
        let (state, reader) = common::serve(store, &url, &office);
        (state, reader, office)
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
    month_figures(c, &rt, &state, &office);
    common::clean("ledger");
}

/// A ledger giving the month's figure and progress of every project that reports: previewed
/// (criterion), then imported once (timed).
fn month_figures(
    c: &mut Criterion,
    rt: &tokio::runtime::Runtime,
    state: &luoshi_server::AppState,
    office: &luoshi_store::user::User,
) {
    use luoshi_domain::project::{Month, Stage, owed::reports_at};
    use luoshi_server::{
        access::{Actor, SupervisorCap},
        ops::ledger::{Sent, import, plan},
    };
    let month = Month::of(luoshi_demo::bench_data::default_today());
    let projects = rt.block_on(async {
        let mut conn = state.store.conn().await.unwrap();
        luoshi_store::project::projects(&mut conn, office.region_id)
            .await
            .unwrap()
    });
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(
        0,
        0,
        format!(
            "{}年重点项目台账（{}）",
            month.year,
            month.text(luoshi_domain::Lang::Zh)
        ),
    )
    .unwrap();
    for (i, h) in ["项目编号", "项目名称", "本月完成投资（万元）", "本月进展", "存在问题"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, i as u16, *h).unwrap();
    }
    let mut r = 2u32;
    for p in projects
        .iter()
        .filter(|p| Stage::parse(&p.stage).is_some_and(reports_at))
    {
        ws.write_string(r, 0, format!("P{}", p.id)).unwrap();
        ws.write_string(r, 1, &p.name).unwrap();
        ws.write_number(r, 2, (p.id % 97) as f64 * 10.5).unwrap();
        ws.write_string(r, 3, "主体施工，按计划推进").unwrap();
        ws.write_string(r, 4, if p.id % 3 == 0 { "用地指标待落实" } else { "" })
            .unwrap();
        r += 1;
    }
    let sent = Sent {
        file_name: "台账.xlsx".into(),
        bytes: book.save_to_buffer().unwrap(),
        month: month.code(),
        reason: "按月末台账统一更正".into(),
    };
    let cap = SupervisorCap {
        region: office.region_id,
        actor: Actor {
            id: office.id,
            name: office.username.clone(),
        },
    };
    let lang = luoshi_domain::Lang::Zh;
    let preview = rt.block_on(plan(state, &cap, &sent, lang)).unwrap();
    assert!(
        preview.problems.is_empty(),
        "{:?}",
        preview.problems.first().map(|p| p.error.message(lang).to_string())
    );
    eprintln!(
        "a ledger of {} rows ({} KB): {:?} (added, changed, same, reports)",
        r - 2,
        sent.bytes.len() / 1024,
        preview.counts()
    );
    c.bench_function("a month's figures for every project, previewed", |b| {
        b.iter(|| rt.block_on(plan(state, &cap, &sent, lang)).unwrap())
    });
    let t = std::time::Instant::now();
    let (_, done) = rt.block_on(import(state, &cap, &sent, lang, None)).unwrap();
    eprintln!("imported once: {} reports in {:?}", done.reports.len(), t.elapsed());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
