//! `luoshi extract` from the command line: a table, JSON, and scores against gold files.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::process::Command;

fn luoshi(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_luoshi")).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seed/meeting-2020-05-07.txt");
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seed/meeting-2020-05-07.gold.json");

#[test]
fn the_seed_is_scored_by_its_gold_rule() {
    let (ok, out, err) = luoshi(&["extract", "--eval", GOLD, SEED, "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["precision"].as_f64().unwrap() >= 0.8, "{out}");
    assert!(v["recall"].as_f64().unwrap() >= 0.9, "{out}");
    let (ok, out, _) = luoshi(&["extract", "--eval", GOLD, SEED]);
    assert!(
        ok && out.contains("精确率 Precision") && out.contains("召回率 Recall"),
        "{out}"
    );
}

#[test]
fn a_division_document_prints_its_owners_in_a_table_and_as_json() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/text/testdata/division-lines.txt");
    let (ok, out, err) = luoshi(&["extract", file]);
    assert!(ok, "{err}");
    assert!(out.contains("任务分工方案"), "{out}");
    assert!(out.contains("牵头 Lead"), "{out}");
    let (ok, out, _) = luoshi(&["extract", "--json", file]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["doc_kind"], "division");
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| !i["lead_units"].as_array().unwrap().is_empty())
    );
    let gold = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/text/testdata/division-lines.gold.json"
    );
    let (ok, out, _) = luoshi(&["extract", "--eval", gold, file]);
    assert!(ok && out.contains("完全正确 exact"), "{out}");
}

#[test]
fn a_missing_or_binary_file_is_a_clear_error() {
    let (ok, _, err) = luoshi(&["extract", "/nonexistent/plan.txt"]);
    assert!(!ok);
    assert!(err.contains("/nonexistent/plan.txt"), "{err}");
    let png = std::env::temp_dir().join("luoshi-extract-test.png");
    std::fs::write(&png, [0x89, b'P', b'N', b'G', 0, 0, 0xFF, 0xFE]).unwrap();
    let (ok, _, err) = luoshi(&["extract", png.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("not text"), "{err}");
}

#[test]
fn a_spreadsheet_prints_its_columns_and_tasks() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/office/tests/fixtures/task-division.xlsx"
    );
    let (ok, out, err) = luoshi(&["extract", file]);
    assert!(ok, "{err}");
    assert!(out.contains("责任单位/牵头单位 → 牵头单位"), "{out}");
    assert!(out.contains("推行“一件事一次办”"), "{out}");
    assert!(out.contains("2020-09-30"), "the year the title names: {out}");
    let (ok, out, _) = luoshi(&["extract", "--json", file]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["table"]["facts"][2]["row"], 6);
}
