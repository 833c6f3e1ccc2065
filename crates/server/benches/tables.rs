//! How long a 10,000-row 任务分解表 takes to read (issue 18): unpacking and reading the sheet
//! (merged cells included), reading its rows as tasks, and the whole proposal the page and the
//! API make — names matched to a generated city's units — on SQLite, without the network.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_server::{directory::Directory, ops::extraction::table};
use rust_xlsxwriter::{Format, Workbook};

mod common;

/// A sheet of `rows` task rows: a section every 40 rows, each task over two measure rows with
/// its unit cell merged, units by full, short and bare names, deadlines in every form.
pub fn big_sheet(rows: u32, units: &[String]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 5, "2020年重点任务分解表", &f).unwrap();
    for (c, h) in ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let deadlines = [
        "9月底前",
        "2020.10",
        "2020-11-30",
        "三季度",
        "年底前",
        "长期坚持",
        "上半年",
        "2020年12月31日",
    ];
    let mut r = 2u32;
    let mut n = 0usize;
    while r < rows + 2 {
        if n.is_multiple_of(20) {
            ws.merge_range(r, 0, r, 5, &format!("{}、第{}部分重点工作", n / 20 + 1, n / 20 + 1), &f)
                .unwrap();
            r += 1;
        }
        let lead = &units[n % units.len()];
        let co = &units[(n * 7 + 3) % units.len()];
        ws.write_string(r, 0, (n % 20 + 1).to_string()).unwrap();
        ws.merge_range(r, 1, r + 1, 1, &format!("推进第{n}项重点工作，确保按期完成"), &f)
            .unwrap();
        ws.merge_range(r, 3, r + 1, 3, lead.trim_start_matches('市'), &f)
            .unwrap();
        for k in 0..2 {
            ws.write_string(
                r + k,
                2,
                format!("第{n}项工作的第{}条措施：完成投资{}万元", k + 1, n * 10),
            )
            .unwrap();
            ws.write_string(r + k, 4, co).unwrap();
            ws.write_string(r + k, 5, deadlines[(n + k as usize) % deadlines.len()])
                .unwrap();
        }
        r += 2;
        n += 1;
    }
    book.save_to_buffer().unwrap()
}

fn bench(c: &mut Criterion) {
    let rt = common::runtime();
    let directory = rt.block_on(async {
        let (store, _, office) = common::city("tables").await;
        let mut conn = store.conn().await.unwrap();
        Directory::load(&mut conn, office.region_id).await.unwrap()
    });
    let units: Vec<String> = directory.unit_choices().into_iter().map(|(_, n)| n).collect();
    let bytes = big_sheet(10_000, &units);
    eprintln!("a sheet of 10,000 task rows: {} KB", bytes.len() / 1024);
    let found = luoshi_office::tables::read_tables(&bytes, "big.xlsx").unwrap();
    let x = luoshi_text::table::extract(&found[0].grid, 2020, &[]).unwrap();
    assert!(x.items.len() > 10_000, "{}", x.items.len());
    let mut g = c.benchmark_group("tables");
    g.sample_size(10);
    g.bench_function("read a 10,000-row sheet (unzip, cells, merges)", |b| {
        b.iter(|| luoshi_office::tables::read_tables(&bytes, "big.xlsx").unwrap())
    });
    g.bench_function("read its rows as tasks (header, outline, owners, deadlines)", |b| {
        b.iter(|| luoshi_text::table::extract(&found[0].grid, 2020, &[]).unwrap())
    });
    let choice = table::Choice::default();
    g.bench_function("the whole proposal: file to rows with names matched", |b| {
        b.iter(|| table::propose_table(&directory, &bytes, "big.xlsx", &choice, 2020, &[]).unwrap())
    });
    g.finish();
    common::clean("tables");
}

criterion_group!(benches, bench);
criterion_main!(benches);
