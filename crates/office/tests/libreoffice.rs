//! Tables as LibreOffice saves them (issue 18): the same 任务分解表 saved as .xlsx, .ods, .xls
//! and .docx (see `fixtures/README.md` for the commands) reads as the same tasks — the header
//! over two rows, the section rows, the task over two measures, the merged unit cell, the
//! owner note, the deadlines and the footnote.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use luoshi_office::tables::read_tables;

fn read(name: &str) -> luoshi_text::Extraction {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let found = read_tables(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    found
        .iter()
        .find_map(|f| luoshi_text::table::extract(&f.grid, 2020, &[]))
        .unwrap_or_else(|| panic!("{name}: no table with a header"))
}

#[test]
fn every_format_libreoffice_saves_reads_as_the_same_tasks() {
    for name in [
        "task-division.xlsx",
        "task-division.ods",
        "task-division.xls",
        "task-division.docx",
    ] {
        let x = read(name);
        let view: Vec<(u8, &str)> = x.items.iter().map(|p| (p.level, p.title.as_str())).collect();
        assert_eq!(
            view,
            [
                (1, "提升政务服务效能"),
                (2, "推行“一件事一次办”"),
                (3, "梳理高频事项100个"),
                (3, "建立事项清单动态调整机制"),
                (2, "开展涉企收费专项清理"),
                (1, "优化法治环境"),
                (2, "推行包容审慎监管"),
            ],
            "{name}"
        );
        let due = |i: usize| x.items[i].deadline.as_ref().map(luoshi_text::deadline::label);
        assert_eq!(due(2).as_deref(), Some("2020-09-30"), "{name}");
        assert_eq!(due(3).as_deref(), Some("2020-12-31"), "{name}");
        assert_eq!(due(4).as_deref(), Some("2020-09-30"), "{name}");
        assert!(x.items[6].deadline.as_ref().is_some_and(|d| d.ongoing), "{name}");
        assert_eq!(x.items[2].lead_units, ["市行政审批服务管理局"], "{name}");
        assert_eq!(x.items[2].co_units, ["市发改委", "各县（市、区）"], "{name}");
        // The unit cell over both measures (an .ods keeps no merges: an empty cell then).
        assert_eq!(
            x.items[3].lead_units,
            ["市行政审批服务管理局"],
            "{name}: the merged unit cell"
        );
        assert_eq!(x.items[3].co_units, ["市司法局"], "{name}");
        assert_eq!(
            x.items[4].lead_units,
            ["市发展和改革委员会", "市财政局"],
            "{name}: 分别牵头"
        );
        let t = x.table.as_ref().unwrap();
        assert_eq!(t.mapping.columns[3].header, "责任单位/牵头单位", "{name}");
    }
}

#[test]
fn a_messy_sheet_reads_its_headings_groups_notes_and_signature() {
    let x = read("messy.xlsx");
    let view: Vec<(u8, &str, Vec<String>)> = x
        .items
        .iter()
        .map(|p| (p.level, p.title.as_str(), p.lead_units.clone()))
        .collect();
    let none = Vec::<String>::new;
    assert_eq!(
        view,
        [
            (1, "优化审批服务", none()),
            (2, "压缩企业开办时间", none()),
            (3, "企业开办全程网办", vec!["审批局".to_string()]),
            (3, "开办时间压缩至1个工作日", vec!["审批局".to_string()]),
            (2, "开展涉企收费专项清理", vec!["营商办".to_string()]),
            (1, "强化要素保障", none()),
            (2, "建立重点项目用地保障机制", vec!["市自然资源局".to_string()]),
        ]
    );
    let due = |i: usize| x.items[i].deadline.as_ref().map(luoshi_text::deadline::label);
    assert_eq!(due(2).as_deref(), Some("2020-09-30"), "2020.9");
    assert_eq!(
        due(1).as_deref(),
        Some("2020-12-31"),
        "a task ends with its last measure"
    );
    assert_eq!(
        due(0).as_deref(),
        Some("2020-12-31"),
        "and a heading with its last task"
    );
    let t = x.table.as_ref().unwrap();
    assert_eq!(t.facts[3].description, "备注：重点");
    assert_eq!(t.notes.len(), 2, "the footnote and the signature: {:?}", t.notes);
    assert_eq!(t.mapping.above.len(), 2);
}

#[test]
fn a_ledger_libreoffice_saves_reads_as_its_projects() {
    use luoshi_text::table::{
        ledger::{LedgerRole as R, read_ledger},
        ledger_cells::{ledger_month, money_cell, month_cell},
    };
    let bytes = std::fs::read(format!("{}/tests/fixtures/ledger.xlsx", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let found = read_tables(&bytes, "ledger.xlsx").unwrap();
    let l = read_ledger(&found[0].grid).expect("a ledger");
    assert_eq!(l.header_row, 3);
    assert_eq!(ledger_month(&l.above), Some((2020, 6)), "{:?}", l.above);
    let names: Vec<(&str, &str)> = l.rows.iter().map(|r| (r.get(R::Name), r.section.as_str())).collect();
    assert_eq!(
        names,
        [
            ("光机电产业园一期", "一、省级重点项目"),
            ("云州新材料产业园", "二、市级重点项目")
        ]
    );
    assert_eq!(money_cell(l.rows[0].get(R::MonthInvested)), "1200");
    let new = &l.rows[1];
    assert_eq!(month_cell(new.get(R::PlannedStart)), Some((2020, 3)), "{:?}", new);
    assert_eq!(month_cell(new.get(R::PlannedFinish)), Some((2022, 12)), "{:?}", new);
    assert_eq!(new.get(R::Unit), "市发改委");
    assert_eq!(
        l.notes.len(),
        4,
        "two sections, the sum and the signature: {:?}",
        l.notes
    );
}
