//! "A query without `region_id` is a bug", made checkable: every SQL text in the sources that
//! reads or writes a per-region table names that table's region. A `SELECT`, `UPDATE` or
//! `DELETE` constrains each per-region table it names with `<alias>.region_id = …` (or `IN`),
//! in its `WHERE` or its join's `ON`; a table alone in its query block may say `region_id`
//! bare. An `INSERT` lists `region_id` among its columns. Joins carry the region too, which is
//! what lets a distributed engine run them on one node (docs/scaling.md).
//!
//! The SQL is read from the sources: string literals, `concat!` of literals and fragment
//! macros, and `format!` texts that splice a `const` fragment. Tables not per region (the
//! region list, the job queue, the schema's own) are exempt by `luoshi_store::keys`; so are the
//! few files that work on every table by name (the migrations, bulk loading, the id counters,
//! the catalogue and the test databases), which hold no business query.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::{
    collections::{BTreeSet, HashMap},
    path::{Path, PathBuf},
    sync::LazyLock,
};

use regex::Regex;

/// An `INSERT`'s column list.
static INSERT_COLUMNS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\(([^)]*)\)").unwrap());
/// A bare `region_id` compared.
static BARE_REGION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\w.])region_id\s*(=|in\b)|=\s*region_id\b").unwrap());
/// A statement that reads or writes rows.
static DML: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*(select|insert|update|delete|with)\b").unwrap());
/// Runs of white space.
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").unwrap());

/// Files that name tables by variable and work on all of them at once.
const TOOLS: [(&str, &str); 5] = [
    (
        "crates/store/src/bulk.rs",
        "bulk loading of benchmark data into empty tables",
    ),
    (
        "crates/store/src/ids.rs",
        "the id counters, global by design (ids are unique across regions)",
    ),
    ("crates/store/src/keys.rs", "reads the catalogue"),
    ("crates/store/src/migrate.rs", "runs the migrations"),
    ("crates/store/src/testing.rs", "makes and copies test databases"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "tests" && name != "migrate" {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(p);
        }
    }
}

/// Each string literal of `src` (plain or raw): where it starts and ends, and its text.
/// Comments and character literals are skipped.
fn literals(src: &str) -> Vec<(usize, usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if b[i] == b'r' && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) && {
            let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
            b.get(i + 1 + hashes) == Some(&b'"')
        } {
            let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
            let start = i + 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = src[start..].find(&close).map_or(b.len(), |n| start + n);
            out.push((i, end + close.len(), src[start..end].to_string()));
            i = end + close.len();
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let text = src[i + 1..j.min(b.len())].replace("\\n", "\n").replace("\\\"", "\"");
            out.push((i, j + 1, text));
            i = j + 1;
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            i += src[i + 1..].find('\'').map_or(b.len(), |n| i + n + 2);
        } else {
            i += 1;
        }
    }
    out
}

/// The byte just past the parenthesis that closes the one at `open`, literals skipped.
fn close_of(src: &str, open: usize, lits: &[(usize, usize, String)]) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < src.len() {
        if let Some(l) = lits.iter().find(|l| l.0 == i) {
            i = l.1;
            continue;
        }
        match src.as_bytes()[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    src.len()
}

/// Every SQL-looking text of one source file.
fn sql_texts(src: &str) -> Vec<String> {
    let lits = literals(src);
    let at = |pos: usize| lits.iter().find(|l| l.0 == pos);
    // Fragments: `macro_rules! x { () => { "…" }; }` and `const X: &str = "…";`, each one
    // literal; their text alone is not a query.
    let mut fragment_spans = Vec::new();
    let mut macros = HashMap::new();
    for c in Regex::new(r"macro_rules!\s*(\w+)\s*\{\s*\(\)\s*=>\s*\{\s*")
        .unwrap()
        .captures_iter(src)
    {
        if let Some(l) = at(c.get(0).map_or(0, |m| m.end())) {
            macros.insert(c[1].to_string(), l.2.clone());
            fragment_spans.push(l.0);
        }
    }
    let mut consts = HashMap::new();
    for c in Regex::new(r"const\s+(\w+)\s*:\s*&str\s*=\s*")
        .unwrap()
        .captures_iter(src)
    {
        if let Some(l) = at(c.get(0).map_or(0, |m| m.end())) {
            consts.insert(c[1].to_string(), l.2.clone());
            fragment_spans.push(l.0);
        }
    }
    let mut out = Vec::new();
    // concat!(…): literals and fragment macros, in order.
    let mut inside = Vec::new();
    let call = Regex::new(r"(\w+)!\(\)").unwrap();
    for m in Regex::new(r"concat!\(").unwrap().find_iter(src) {
        if lits.iter().any(|l| l.0 < m.start() && m.start() < l.1) {
            continue;
        }
        let end = close_of(src, m.end() - 1, &lits);
        let mut parts: Vec<(usize, String)> = lits
            .iter()
            .filter(|l| m.end() <= l.0 && l.1 <= end)
            .map(|l| (l.0, l.2.clone()))
            .collect();
        for c in call.captures_iter(&src[m.end()..end]) {
            let pos = m.end() + c.get(0).map_or(0, |x| x.start());
            if !lits.iter().any(|l| l.0 <= pos && pos < l.1) {
                parts.push((pos, macros.get(&c[1]).cloned().unwrap_or_default()));
            }
        }
        parts.sort();
        out.push(parts.into_iter().map(|(_, t)| t).collect::<String>());
        inside.push((m.start(), end));
    }
    for l in &lits {
        if fragment_spans.contains(&l.0) || inside.iter().any(|(a, z)| *a <= l.0 && l.1 <= *z) {
            continue;
        }
        out.push(l.2.clone());
    }
    let splice = Regex::new(r"\{(\w+)\}").unwrap();
    out.into_iter()
        .map(|t| {
            splice
                .replace_all(&t, |c: &regex::Captures| {
                    consts.get(&c[1]).cloned().unwrap_or_else(|| c[0].to_string())
                })
                .into_owned()
        })
        .collect()
}

/// Every table the migrations make.
fn tables() -> BTreeSet<String> {
    let re = Regex::new(r"CREATE TABLE (\w+)").unwrap();
    luoshi_store::migrate::STEPS
        .iter()
        .flat_map(|s| [s.sql, s.sqlite, s.postgres])
        .flat_map(|sql| re.captures_iter(sql).map(|c| c[1].to_string()).collect::<Vec<_>>())
        .filter(|t| !t.starts_with("luoshi_new_"))
        .collect()
}

/// What one SQL text does wrong: each per-region table it names without its region.
fn unregioned(sql: &str, tables: &BTreeSet<String>) -> Vec<String> {
    let low = Regex::new(r"\s+").unwrap().replace_all(sql.trim(), " ").to_lowercase();
    if !Regex::new(r"^(select|insert|update|delete|with)\b")
        .unwrap()
        .is_match(&low)
    {
        return Vec::new();
    }
    const KEYWORDS: [&str; 20] = [
        "where",
        "join",
        "left",
        "inner",
        "on",
        "group",
        "order",
        "limit",
        "set",
        "values",
        "select",
        "as",
        "union",
        "returning",
        "cross",
        "natural",
        "using",
        "for",
        "default",
        "select",
    ];
    let refs: Vec<(usize, String, String, String)> =
        Regex::new(r"\b(from|join|update|into)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?")
            .unwrap()
            .captures_iter(&low)
            .filter(|c| tables.contains(&c[2]) && luoshi_store::keys::per_region(&c[2]))
            .map(|c| {
                let alias = c
                    .get(3)
                    .map(|a| a.as_str())
                    .filter(|a| !KEYWORDS.contains(a))
                    .unwrap_or(&c[2]);
                (
                    c.get(0).map_or(0, |m| m.start()),
                    c[1].to_string(),
                    c[2].to_string(),
                    alias.to_string(),
                )
            })
            .collect();
    // Query blocks: the whole text and each parenthesised group.
    let mut groups = vec![(0, low.len())];
    let mut open = Vec::new();
    for (i, ch) in low.char_indices() {
        match ch {
            '(' => open.push(i),
            ')' => {
                if let Some(s) = open.pop() {
                    groups.push((s, i + 1));
                }
            }
            _ => {}
        }
    }
    let block = |pos: usize| {
        *groups
            .iter()
            .filter(|(a, b)| *a <= pos && pos < *b)
            .min_by_key(|(a, b)| b - a)
            .unwrap_or(&(0, low.len()))
    };
    let mut out = Vec::new();
    for (pos, kw, table, alias) in &refs {
        if kw == "into" {
            let after = &low[pos + 5 + table.len()..];
            let has = INSERT_COLUMNS
                .captures(after)
                .is_some_and(|c| c[1].split(',').any(|col| col.trim() == "region_id"));
            if !has {
                out.push(format!("INSERT INTO {table} does not give region_id"));
            }
            continue;
        }
        let b = block(*pos);
        let text = &low[b.0..b.1];
        let own = refs.iter().filter(|r| r.1 != "into" && block(r.0) == b).count();
        let qualified = Regex::new(&format!(r"\b{alias}\.region_id\s*(=|in\b)|=\s*{alias}\.region_id\b")).unwrap();
        let mut ok = qualified.is_match(text);
        if !ok && own == 1 {
            // Bare `region_id` in this block's own text (nested blocks blanked).
            let mut flat: Vec<u8> = text.as_bytes().to_vec();
            for (a, z) in groups.iter().filter(|g| b.0 < g.0 && g.1 <= b.1) {
                for byte in flat.iter_mut().take(z - b.0 - 1).skip(a - b.0 + 1) {
                    *byte = b' ';
                }
            }
            let flat = String::from_utf8_lossy(&flat);
            ok = BARE_REGION.is_match(&flat);
        }
        if !ok {
            out.push(format!("{table} {alias} is not constrained by {alias}.region_id"));
        }
    }
    out
}

#[test]
fn every_query_on_a_business_table_names_its_region() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tables = tables();
    assert!(
        tables.contains("task") && tables.contains("report") && tables.len() > 30,
        "{tables:?}"
    );
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src"), &mut files);
    let (mut found, mut checked) = (Vec::new(), 0);
    for f in &files {
        let rel = f.strip_prefix(root).unwrap_or(f).to_string_lossy().replace('\\', "/");
        if TOOLS.iter().any(|(t, _)| *t == rel) {
            continue;
        }
        for sql in sql_texts(&std::fs::read_to_string(f).unwrap()) {
            let problems = unregioned(&sql, &tables);
            checked += usize::from(DML.is_match(&sql));
            for p in problems {
                let one_line = SPACES
                    .replace_all(sql.trim(), " ")
                    .chars()
                    .take(160)
                    .collect::<String>();
                found.push(format!("{rel}: {p}\n    {one_line}"));
            }
        }
    }
    assert!(checked > 200, "the scan found the queries ({checked})");
    assert!(found.is_empty(), "queries without their region:\n{}", found.join("\n"));
}

#[test]
fn the_rule_catches_a_query_that_forgets_the_region() {
    let tables = tables();
    let bad = |sql: &str| unregioned(sql, &tables);
    assert_eq!(
        bad("SELECT id FROM task WHERE id = $1"),
        ["task task is not constrained by task.region_id"]
    );
    assert_eq!(
        bad("SELECT r.id FROM report r JOIN task t ON t.id = r.task_id WHERE r.region_id = $1"),
        ["task t is not constrained by t.region_id"],
        "a join carries the region too"
    );
    assert_eq!(
        bad("UPDATE report SET status = $2 WHERE id = (SELECT id FROM report WHERE region_id = $1)"),
        ["report report is not constrained by report.region_id"],
        "the subquery's region does not cover the outer statement"
    );
    assert_eq!(
        bad("INSERT INTO notification (user_id, title) VALUES ($1, $2)"),
        ["INSERT INTO notification does not give region_id"]
    );
    assert_eq!(bad("DELETE FROM user_session WHERE expires_at <= $1").len(), 1);
    // Kept: the region first, a join on it, the shared region list, the job queue.
    assert!(bad("SELECT id FROM task WHERE region_id = $1 AND id = $2").is_empty());
    assert!(bad("SELECT r.id FROM report r JOIN task t ON t.region_id = r.region_id AND t.id = r.task_id WHERE r.region_id = $1").is_empty());
    assert!(bad("SELECT code FROM region WHERE id = $1").is_empty());
    assert!(bad("UPDATE job SET status = 'done' WHERE id = $1").is_empty());
    // The scan reads fragments the way the store writes them.
    let src = r#"
        macro_rules! select_x { () => { "SELECT id FROM plan" }; }
        const ROWS: &str = "SELECT t.id FROM task t";
        fn a() { fetch_all!(c, X, concat!(select_x!(), " WHERE id = $1"), id) }
        fn b() { let sql = format!("{ROWS} WHERE t.plan_id = $1"); }
    "#;
    let texts = sql_texts(src);
    assert!(
        texts.contains(&"SELECT id FROM plan WHERE id = $1".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"SELECT t.id FROM task t WHERE t.plan_id = $1".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.iter().all(|t| t != "SELECT id FROM plan"),
        "a fragment alone is not a query"
    );
}
