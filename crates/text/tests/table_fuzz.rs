//! The table reader fuzzed on stable Rust (issue 18): arbitrary pasted text and arbitrary
//! grids — cells drawn from header words, unit names, deadlines, outline numbers and noise,
//! some merged — never panic, and what they give holds together: parents come before their
//! children, spans lie in the text they cite, every item has its facts and a key of its own.
//! `PROPTEST_CASES` sets how many inputs (CI runs the default; docs/benchmarks.md records a
//! longer run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use luoshi_text::{
    grid::{Cell, Grid},
    table,
};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "序号",
    "重点任务",
    "具体措施",
    "工作目标",
    "工作要求",
    "牵头单位",
    "配合单位",
    "责任单位",
    "责任领导",
    "完成时限",
    "时间节点",
    "备注",
    "任务编号",
    "类别",
    "市发改委",
    "市财政局、市住建局",
    "各县（市、区）",
    "分别牵头",
    "一",
    "（二）",
    "3",
    "(4)",
    "①",
    "一、稳定增长",
    "9月底前",
    "2020.10",
    "44135",
    "长期坚持",
    "年底前",
    "注：说明",
    "填表人：张三",
    "",
    "",
    "",
    "\t",
    "|",
    "\"",
    "\n",
    "开工建设重大项目50个",
    "项目名称",
    "总投资（万元）",
    "本月完成投资",
    "P12",
    "增长6%",
    "2020年10月31日",
];

fn cell() -> impl Strategy<Value = Cell> {
    (
        prop_oneof![
            3 => proptest::sample::select(WORDS).prop_map(str::to_string),
            1 => ".{0,12}",
        ],
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(text, merged)| Cell {
            across: merged && text.len() % 2 == 0,
            text: if merged { String::new() } else { text },
            merged,
        })
}

fn grid() -> impl Strategy<Value = Grid> {
    proptest::collection::vec(proptest::collection::vec(cell(), 0..9), 0..30).prop_map(|rows| Grid { rows })
}

fn holds_together(x: &luoshi_text::Extraction) {
    let text = x.text.as_deref().unwrap_or("");
    let n = text.chars().count();
    for (i, p) in x.items.iter().enumerate() {
        assert!(p.parent.is_none_or(|q| q < i), "a parent comes first");
        assert!(p.span.0 <= p.span.1 && p.span.1 <= n, "a span lies in its text");
        assert!(!p.title.is_empty(), "an item has a title");
    }
    if let Some(t) = &x.table {
        assert_eq!(t.facts.len(), x.items.len());
        let mut keys: Vec<&str> = t.facts.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "keys are unique");
    }
}

proptest! {
    #[test]
    fn any_grid_reads_without_panic_and_holds_together(g in grid(), year in 1990i32..2100) {
        if let Some(x) = table::extract(&g, year, &[]) {
            holds_together(&x);
        }
    }

    #[test]
    fn any_pasted_text_reads_without_panic(s in proptest::collection::vec(proptest::sample::select(WORDS), 0..60), noise in ".{0,40}") {
        let text = s.join("") + &noise;
        let x = luoshi_text::extract(&text, 2020);
        if x.table.is_some() {
            holds_together(&x);
        }
        let _ = luoshi_text::grid::from_pasted(&text);
    }

    #[test]
    fn any_grid_reads_as_a_ledger_without_panic(g in grid()) {
        if let Some(l) = table::ledger::read_ledger(&g) {
            for r in &l.rows {
                assert!(!r.get(table::ledger::LedgerRole::Name).is_empty(), "a project row has a name");
            }
        }
    }

    #[test]
    fn any_roles_chosen_read_without_panic(g in grid(), roles in proptest::collection::vec((0usize..12, 0usize..14), 0..8)) {
        let changes: Vec<(usize, table::Role)> = roles.iter().map(|(c, r)| (*c, table::Role::ALL[*r])).collect();
        if let Some(x) = table::extract(&g, 2020, &changes) {
            holds_together(&x);
        }
    }
}
