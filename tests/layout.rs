//! The workspace's layout rules, held by a test: no non-test source file over 500 lines (the
//! message catalogue aside), and every crate under the workspace's lints.

use std::path::{Path, PathBuf};

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

#[test]
fn no_source_file_is_over_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 100);
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
