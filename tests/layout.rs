//! The workspace's layout rules, held by tests: no non-test source file over 500 lines (the
//! message catalogue aside), every crate under the workspace's lints, and the judged rows written
//! only by `crates/lights` (the compiler keeps other crates from calling its private writers;
//! this keeps them from writing the same rows with SQL of their own).

use std::path::{Path, PathBuf};

/// SQL that writes judged rows.
const WRITES: [&str; 9] = [
    "INSERT INTO task_state",
    "UPDATE task_state",
    "DELETE FROM task_state",
    "INSERT INTO light_snapshot",
    "UPDATE light_snapshot",
    "DELETE FROM light_snapshot",
    "rows_rev = ",
    "public_rev = ",
    "state_on = ",
];

/// Files allowed to, and why.
const ALLOWED_WRITERS: [(&str, &str); 1] = [(
    "crates/demo/src/bench_data/plan.rs",
    "the benchmark-data generator bulk-loads synthetic light history into a fresh database",
)];

/// Files allowed past the limit, and why.
const LONG: [(&str, &str); 1] = [("crates/server/src/i18n.rs", "the message catalogue")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every Rust source of the workspace (the crates and the binary).
fn sources(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src"), &mut files);
    assert!(
        files.len() > 100,
        "the workspace's sources were found ({} files)",
        files.len()
    );
    files
}

#[test]
fn no_source_file_is_over_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = sources(root);
    let long: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(root).unwrap_or(f).to_string_lossy().replace('\\', "/"))
        .filter(|rel| !rel.contains("/tests/") && !rel.ends_with("/tests.rs") && !rel.contains("/benches/"))
        .filter(|rel| !LONG.iter().any(|(l, _)| l == rel))
        .filter_map(|rel| {
            let n = std::fs::read_to_string(root.join(&rel)).unwrap().lines().count();
            (n > 500).then(|| format!("{rel}: {n} lines"))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:#?}");
}

#[test]
fn every_crate_takes_the_workspace_lints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut manifests = vec![root.join("Cargo.toml")];
    for e in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        manifests.push(e.path().join("Cargo.toml"));
    }
    for m in manifests {
        let text = std::fs::read_to_string(&m).unwrap();
        assert!(
            text.contains("[lints]\nworkspace = true"),
            "{} does not take the workspace's lints",
            m.display()
        );
    }
}

#[test]
fn no_other_crate_writes_judged_rows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = sources(root);
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(root).unwrap_or(&f).to_string_lossy().replace('\\', "/");
        if rel.starts_with("crates/lights/") || rel.contains("/migrate/") || rel.contains("/tests/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let bulk_history = text.contains("\"light_snapshot\"") || text.contains("\"task_state\"");
        for w in WRITES
            .iter()
            .filter(|w| text.contains(*w))
            .map(|w| w.to_string())
            .chain(bulk_history.then(|| "a bulk insert".to_string()))
        {
            if !ALLOWED_WRITERS.iter().any(|(a, _)| *a == rel) {
                found.push(format!("{rel}: {w}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "judged rows are written only by crates/lights: {found:#?}"
    );
}
