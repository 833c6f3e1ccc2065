//! What the tests that drive the `luoshi` binary share: a free port, `luoshi init` and its first
//! admin password, waiting for a server, the demo, logging in, a GET, and the directory sheet's tables.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use luoshi_office::sheet::TableOut;
use serde_json::{Value, json};

/// A port free on this machine now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `luoshi init` of the city 晋城市 into `db` (with `base_url` when given): what it printed and
/// the admin's first password.
pub fn init(db: &Path, base_url: Option<&str>) -> (String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_luoshi"));
    c.args([
        "init",
        "--region-code",
        "140500",
        "--region-name",
        "晋城市",
        "--database",
    ])
    .arg(db)
    .env_remove("LUOSHI_DATABASE");
    if let Some(b) = base_url {
        c.env("LUOSHI_BASE_URL", b);
    }
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    let pw = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("admin "))
        .unwrap()
        .trim()
        .to_string();
    (text, pw)
}

/// Waits until the server at `base` answers `/healthz`.
pub async fn up(base: &str) {
    let started = Instant::now();
    while reqwest::get(format!("{base}/healthz")).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(120), "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Logs in through the API; the bearer token.
pub async fn token(base: &str, username: &str, password: &str) -> String {
    let r = reqwest::Client::new()
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "login of {username}");
    r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string()
}

/// A table of the directory sheet from its rows, the first being the header.
pub fn table_of(name: &str, rows: Vec<Vec<String>>) -> TableOut {
    TableOut {
        name: name.into(),
        header: rows[0].clone(),
        rows: rows[1..].to_vec(),
        ..TableOut::default()
    }
}

/// [`table_of`] from string slices.
pub fn table(name: &str, rows: &[&[&str]]) -> TableOut {
    table_of(
        name,
        rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
    )
}

/// `luoshi demo` on `db` at `port`, once it answers.
pub async fn demo(db: &Path, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["demo", "--port", &port.to_string(), "--database"])
        .arg(db)
        .env_remove("LUOSHI_DATABASE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    up(&format!("http://127.0.0.1:{port}")).await;
    child
}

/// A GET with a bearer token; its JSON (Null when not JSON).
pub async fn get(base: &str, t: &str, path: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{base}{path}"))
        .bearer_auth(t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or(Value::Null)
}
