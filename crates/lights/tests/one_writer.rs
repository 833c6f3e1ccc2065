//! The judged rows have one writer: no source file outside this crate (migrations aside)
//! carries SQL that writes them. The compiler keeps other crates from calling this crate's
//! private writers; this test keeps them from writing the same rows with SQL of their own.

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
const ALLOWED: [(&str, &str); 1] = [(
    "crates/demo/src/bench_data/plan.rs",
    "the benchmark-data generator bulk-loads synthetic light history into a fresh database",
)];

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

#[test]
fn no_other_crate_writes_judged_rows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src"), &mut files);
    assert!(
        files.len() > 100,
        "the workspace's sources were found ({} files)",
        files.len()
    );
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap_or(&f).to_string_lossy().replace('\\', "/");
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
            if !ALLOWED.iter().any(|(a, _)| *a == rel) {
                found.push(format!("{rel}: {w}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "judged rows are written only by crates/lights: {found:#?}"
    );
}
