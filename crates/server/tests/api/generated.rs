//! Generated requests against the OpenAPI document (our own schemathesis): for every operation,
//! requests built from its parameters and body schema — plausible ones, hostile ones (the
//! catalogue below: markup, SQL, path traversal, hidden characters, formulas, bad dates, extreme
//! numbers), ones missing a field or with a field of the wrong type, bodies that are not JSON or
//! not UTF-8 — sent as every role and as no one. What must hold: no answer is a 5xx; every
//! status answered is declared for its operation in the document; a refused write leaves every
//! table as it was; and nothing hostile comes back unescaped on the pages that show it.
//!
//! Re-run with other requests: `LUOSHI_FUZZ_SEED=7 LUOSHI_FUZZ_ROUNDS=40 cargo test -p
//! luoshi-server --test api generated -- --nocapture`.

use std::collections::BTreeMap;

use reqwest::{Client, Method, StatusCode};
use serde_json::{Map, Value, json};

use crate::helpers::*;

/// Hostile text: every string field gets some of these.
pub const HOSTILE: &[&str] = &[
    "<script>alert(\"luoshi-xss\")</script>",
    "\"><img src=x onerror=alert('luoshi-xss')>",
    "javascript:alert('luoshi-xss')",
    "' OR '1'='1",
    "'; DROP TABLE task; --",
    "%' OR 1=1 --",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "报告\u{202E}fdp.exe",
    "a\u{0000}b",
    "=cmd|' /C calc'!A0",
    "",
    "   ",
    "2020-02-30",
    "😀🚀 \u{200B}",
    "\\u0000\\",
];

/// A small deterministic generator (xorshift), so a run can be repeated from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// How a request is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Values a user might send: known enums, small ids, real dates.
    Plausible,
    /// The hostile catalogue and extreme numbers.
    Hostile,
    /// A required field left out, or one of the wrong type.
    Broken,
    /// Plausible, but every free text is markup: what is stored must come back as text.
    Marked,
}

/// The markup [`Mode::Marked`] writes into every free text.
const MARKUP: &str = "<script>alert(\"luoshi-xss\")</script>";

fn hostile_number(rng: &mut Rng) -> Value {
    rng.pick(&[
        json!(-1),
        json!(0),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(4_294_967_296u64),
        json!(1e308),
        json!(101),
        json!(-2_147_483_649i64),
    ])
    .clone()
}

/// The schema `s` with `$ref`s resolved against the document.
fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => s,
    }
}

/// A value for schema `s`.
fn value(doc: &Value, s: &Value, mode: Mode, rng: &mut Rng, depth: usize) -> Value {
    let s = resolve(doc, s);
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            let real: Vec<&Value> = alts.iter().filter(|a| a["type"] != "null").collect();
            if !real.is_empty() {
                return value(doc, real[rng.below(real.len())], mode, rng, depth);
            }
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if matches!(mode, Mode::Plausible | Mode::Marked) || rng.chance(2) {
            return rng.pick(e).clone();
        }
        return json!(rng.pick(HOSTILE));
    }
    let ty = match &s["type"] {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_string(),
        _ if s.get("properties").is_some() => "object".into(),
        _ => "string".into(),
    };
    if s["type"].as_array().is_some_and(|ts| ts.contains(&json!("null"))) && rng.chance(6) {
        return Value::Null;
    }
    match ty.as_str() {
        "object" if depth < 4 => {
            let mut out = Map::new();
            let required: Vec<&str> = s["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if let Some(props) = s["properties"].as_object() {
                for (k, p) in props {
                    if required.contains(&k.as_str()) || rng.chance(2) {
                        out.insert(k.clone(), value(doc, p, mode, rng, depth + 1));
                    }
                }
            }
            if mode == Mode::Broken && !out.is_empty() {
                let keys: Vec<String> = out.keys().cloned().collect();
                let k = rng.pick(&keys).clone();
                if rng.chance(2) {
                    out.remove(&k);
                } else {
                    out.insert(
                        k,
                        rng.pick(&[json!({"x": 1}), json!([1, "a"]), json!(true), json!("x")])
                            .clone(),
                    );
                }
            }
            Value::Object(out)
        }
        "array" if depth < 4 => {
            let n = rng.below(4);
            let mut items: Vec<Value> = (0..n).map(|_| value(doc, &s["items"], mode, rng, depth + 1)).collect();
            if matches!(mode, Mode::Hostile | Mode::Broken)
                && let Some(first) = items.first().cloned()
            {
                items.push(first); // the same item twice
            }
            Value::Array(items)
        }
        "integer" | "number" => match mode {
            Mode::Plausible | Mode::Marked => json!(1 + rng.below(40) as i64),
            _ => hostile_number(rng),
        },
        "boolean" => json!(rng.chance(2)),
        "string" => {
            let format = s["format"].as_str().unwrap_or_default();
            let mode = match mode {
                Mode::Marked if format.is_empty() => return json!(MARKUP),
                Mode::Marked => Mode::Plausible,
                m => m,
            };
            match (mode, format) {
                (Mode::Plausible, "date") => json!(format!("2020-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))),
                (Mode::Plausible, "date-time") => json!("2020-06-30T08:00:00Z"),
                (Mode::Plausible, _) => json!(rng.pick(&["推进重点任务落实", "已完成", "市工信局", "2020-06-30", "a"])),
                (_, "date") => json!(rng.pick(&["2020-02-30", "0000-01-01", "2020-13-01", "", "明天", "9999-12-31"])),
                _ if rng.chance(12) => json!("长".repeat(60_000)),
                _ => json!(rng.pick(HOSTILE)),
            }
        }
        _ => Value::Null,
    }
}

/// A path or query parameter's text.
fn param(doc: &Value, p: &Value, mode: Mode, rng: &mut Rng) -> String {
    let v = match mode {
        Mode::Plausible | Mode::Marked => value(doc, &p["schema"], Mode::Plausible, rng, 0),
        _ => {
            let h = json!(rng.pick(HOSTILE));
            rng.pick(&[
                json!(0),
                json!(-1),
                json!(i64::MAX),
                json!("9223372036854775808"),
                json!("x"),
                json!("%FF%FE"),
                json!("..%2F..%2Fetc"),
                json!(1.5),
                h,
            ])
            .clone()
        }
    };
    let text = match v {
        Value::String(s) if s.starts_with('%') => return s,
        Value::String(s) => s,
        other => other.to_string(),
    };
    luoshi_server::error::urlencode(&text)
}

/// One generated request of operation `op`.
fn request(doc: &Value, path: &str, op: &Value, rng: &mut Rng, mode: Mode) -> (String, Option<(String, Vec<u8>)>) {
    let mut url = path.to_string();
    let mut query = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_default();
        match p["in"].as_str() {
            Some("path") => url = url.replace(&format!("{{{name}}}"), &param(doc, p, mode, rng)),
            Some("query") if p["required"] == true || rng.chance(2) => {
                query.push(format!("{name}={}", param(doc, p, mode, rng)))
            }
            _ => {}
        }
    }
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let content = &op["requestBody"]["content"];
    let body = if let Some(schema) = content.get("application/json").map(|c| &c["schema"]) {
        Some(match (mode, rng.below(8)) {
            (Mode::Broken, 0) => ("application/json".to_string(), b"{\"not json".to_vec()),
            (Mode::Broken, 1) => ("application/json".to_string(), b"{\"x\": \"\xff\xfe\"}".to_vec()),
            (Mode::Broken, 2) => ("text/plain".to_string(), b"{}".to_vec()),
            _ => (
                "application/json".to_string(),
                serde_json::to_vec(&value(doc, schema, mode, rng, 0)).unwrap(),
            ),
        })
    } else if content.get("application/octet-stream").is_some() {
        let files: [&[u8]; 4] = [b"%PDF-1.4\n", b"MZ\x90\x00", b"", b"\xff\xfe<script>"];
        Some(("application/octet-stream".to_string(), rng.pick(&files).to_vec()))
    } else {
        None
    };
    (url, body)
}

/// Every table's row count, but the job queue's (the server's own scheduler adds its periodic
/// jobs there whatever the requests do).
async fn counts(app: &TestApp) -> Vec<(String, i64)> {
    let mut c = app.store.conn().await.unwrap();
    let mut all = luoshi_store::backup::row_counts(&mut c).await.unwrap();
    all.retain(|(table, _)| table != "job");
    all
}

/// Operations that write on purpose even when they refuse: a failed login is recorded.
fn records_refusals(method: &Method, path: &str) -> bool {
    *method == Method::POST && path == "/api/v1/session"
        || path.starts_with("/api/v1/me/totp")
        || path == "/api/v1/me/password"
}

/// Operations that end the caller's own sessions are sent last, so the rest run logged in.
fn ends_sessions(method: &Method, path: &str) -> bool {
    *method == Method::DELETE && path.starts_with("/api/v1/session") || path == "/api/v1/me/sessions"
}

#[tokio::test]
async fn generated_requests_get_no_server_error_and_only_declared_statuses() {
    let seed: u64 = std::env::var("LUOSHI_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20200507);
    let rounds: usize = std::env::var("LUOSHI_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    for app in spawn_apps().await {
        let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut tokens = vec![None];
        for who in [
            "duchashi",
            "gxj",
            "chenweiguo",
            "admin",
            "security",
            "auditor",
            "zhaominghua",
        ] {
            if app.login_api(None, who).await.0 == StatusCode::OK {
                tokens.push(Some(app.token(who).await));
            }
        }
        let mut ops: Vec<(Method, String, Value)> = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (m, op) in item.as_object().unwrap() {
                if let Ok(method) = m.to_uppercase().parse::<Method>() {
                    ops.push((method, path.clone(), op.clone()));
                }
            }
        }
        ops.sort_by_key(|(m, p, _)| (ends_sessions(m, p), p.clone(), m.to_string()));
        let mut rng = Rng(seed | 1);
        let mut tally: BTreeMap<u16, usize> = BTreeMap::new();
        let mut undeclared = Vec::new();
        let mut marked = 0;
        let mut before = counts(&app).await;
        for (method, path, op) in &ops {
            for round in 0..rounds {
                let mode = [Mode::Plausible, Mode::Hostile, Mode::Broken, Mode::Marked][round % 4];
                let (url, body) = request(&doc, path, op, &mut rng, mode);
                // A read may bring judged state up to date (an open scheme's scores): what a
                // refused write must leave alone is counted just before it.
                if *method != Method::GET {
                    before = counts(&app).await;
                }
                let mut rq = Client::new().request(method.clone(), app.url(&url));
                if let Some(t) = &tokens[(round + rng.below(tokens.len())) % tokens.len()] {
                    rq = rq.bearer_auth(t);
                }
                if let Some((ty, bytes)) = body {
                    rq = rq.header("content-type", ty).body(bytes);
                }
                let r = rq.send().await.unwrap();
                let status = r.status();
                let text = r.text().await.unwrap_or_default();
                *tally.entry(status.as_u16()).or_default() += 1;
                if mode == Mode::Marked && status.is_success() && *method != Method::GET {
                    marked += 1;
                }
                assert!(
                    !status.is_server_error(),
                    "{}: {method} {url} ({mode:?}) answered {status}: {text}",
                    app.backend
                );
                if op["responses"].get(status.as_str()).is_none() {
                    undeclared.push(format!("{method} {path} → {status} ({url})"));
                }
                if *method != Method::GET {
                    let after = counts(&app).await;
                    if !status.is_success() && !records_refusals(method, path) {
                        assert_eq!(
                            before, after,
                            "{}: the refused {method} {url} ({status}: {text}) changed the tables",
                            app.backend
                        );
                    }
                    before = after;
                }
            }
        }
        undeclared.sort();
        undeclared.dedup();
        assert!(
            undeclared.is_empty(),
            "{}: statuses not declared in the document:\n{}",
            app.backend,
            undeclared.join("\n")
        );
        eprintln!(
            "{}: {} operations × {rounds} requests (seed {seed}): answers {tally:?}",
            app.backend,
            ops.len()
        );
        let shown = hostile_text_is_shown_as_text(&app).await;
        eprintln!(
            "{}: {marked} writes with markup taken, shown escaped {shown} times",
            app.backend
        );
    }
}

/// The pages that show what was written: none has the catalogue's markup unescaped; how often it
/// is shown escaped. (`hostile.rs` writes markup into every text field on purpose.)
async fn hostile_text_is_shown_as_text(app: &TestApp) -> usize {
    let mut pages = vec![
        "/home".to_string(),
        "/plans".into(),
        "/supervisions".into(),
        "/instructions".into(),
        "/bulletins".into(),
        "/notifications".into(),
        "/reviews".into(),
        "/inbox".into(),
        "/lists/tasks".into(),
        "/units".into(),
        "/calendar".into(),
    ];
    let sup = app.token("duchashi").await;
    let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
    for p in plans.as_array().into_iter().flatten() {
        pages.push(format!("/plans/{}", p["id"]));
    }
    let (_, tasks) = app.api_get(&sup, "/api/v1/lists/tasks?per_page=200").await;
    for t in tasks["items"].as_array().into_iter().flatten().take(60) {
        pages.push(format!("/tasks/{}", t["id"]));
    }
    for id in 1..=30 {
        pages.push(format!("/supervisions/{id}"));
        pages.push(format!("/instructions/{id}"));
        pages.push(format!("/bulletins/{id}"));
    }
    let mut escaped = 0;
    for who in ["duchashi", "gxj", "chenweiguo", "zhaominghua"] {
        let browser = app.login_page(who).await;
        for path in &pages {
            let r = browser.get(app.url(path)).send().await.unwrap();
            let status = r.status();
            let html = r.text().await.unwrap();
            assert!(!status.is_server_error(), "{who} {path}: {status}");
            escaped += html.matches("&#60;script&#62;alert(").count() + html.matches("&lt;script&gt;alert(").count();
            for bad in ["<script>alert(", "<img src=x onerror", "href=\"javascript:"] {
                assert!(
                    !html.contains(bad),
                    "{}: {who} {path} shows {bad} unescaped",
                    app.backend
                );
            }
        }
    }
    let admin = app.login_page("admin").await;
    for path in ["/admin/units", "/admin/leaders", "/admin/users", "/home"] {
        let html = admin.get(app.url(path)).send().await.unwrap().text().await.unwrap();
        assert!(
            !html.contains("<script>alert(") && !html.contains("<img src=x onerror"),
            "admin {path}"
        );
    }
    escaped
}
