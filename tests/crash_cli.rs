//! kill -9 in the middle of an import: after a restart the import is there whole or not at all,
//! and the audit chain is intact. Through the binary, on SQLite.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

mod common;

use base64::Engine;
use common::{demo, free_port, get, init, table, table_of, token, up};
use luoshi_office::sheet::write_book;
use serde_json::{Value, json};

/// `luoshi serve` on `db` (on the demo's day when `today` is given).
fn serve(db: &std::path::Path, port: u16, today: Option<&str>) -> Child {
    let mut c = Command::new(env!("CARGO_BIN_EXE_luoshi"));
    c.args(["serve", "--port", &port.to_string()]);
    if let Some(t) = today {
        c.args(["--today", t]);
    }
    c.arg("--database")
        .arg(db)
        .env_remove("LUOSHI_DATABASE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Asserts that `luoshi audit` finds every chain of `db` intact.
fn audit_intact(db: &std::path::Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["audit", "--database"])
        .arg(db)
        .env_remove("LUOSHI_DATABASE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

async fn users(base: &str, t: &str) -> usize {
    let r = reqwest::Client::new()
        .get(format!("{base}/api/v1/users"))
        .bearer_auth(t)
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap().as_array().unwrap().len()
}

#[tokio::test]
async fn an_import_killed_midway_is_there_whole_or_not_at_all() {
    luoshi_server::install_tls();
    let dir = std::env::temp_dir().join(format!("luoshi-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("city.db");
    let (_, first) = init(&db, None);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(&db, port, None);
    up(&base).await;
    let t = token(&base, "admin", &first).await;
    reqwest::Client::new()
        .put(format!("{base}/api/v1/me/password"))
        .bearer_auth(&t)
        .json(&json!({ "old_password": first, "new_password": "Guanli2020admin" }))
        .send()
        .await
        .unwrap();
    let before = users(&base, &t).await;

    // A sheet of many accounts: their first passwords take seconds to hash.
    let n = 300;
    let mut rows = vec![vec![
        "登录名".to_string(),
        "姓名".into(),
        "角色".into(),
        "所属单位".into(),
    ]];
    for i in 0..n {
        rows.push(vec![
            format!("u{i:04}"),
            format!("联络员{i}"),
            "单位联络员".into(),
            "市数据局".into(),
        ]);
    }
    let book = write_book(
        &[
            table("单位", &[&["单位全称", "类别"], &["市数据局", "市直部门"]]),
            table_of("用户", rows),
        ],
        "填写说明",
        &[],
    )
    .unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(&book);
    let (b, tk) = (base.clone(), t.clone());
    let import = tokio::spawn(async move {
        reqwest::Client::new()
            .post(format!("{b}/api/v1/directory/import"))
            .bearer_auth(&tk)
            .json(&json!({ "file_name": "d.xlsx", "data": data }))
            .send()
            .await
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.wait().unwrap();
    let acknowledged = matches!(import.await.unwrap(), Ok(r) if r.status() == 200);

    let mut server = serve(&db, port, None);
    up(&base).await;
    let t = token(&base, "admin", "Guanli2020admin").await;
    let after = users(&base, &t).await;
    assert!(
        after == before || after == before + n,
        "a partial import: {before} accounts before, {after} after"
    );
    if acknowledged {
        assert_eq!(after, before + n, "an acknowledged import was lost");
    }
    eprintln!(
        "killed with the import {}: {before} accounts before, {after} after",
        if acknowledged { "acknowledged" } else { "in flight" }
    );
    server.kill().unwrap();
    server.wait().unwrap();
    audit_intact(&db);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_server_killed_during_a_report_storm_loses_no_acknowledged_report() {
    luoshi_server::install_tls();
    let dir = std::env::temp_dir().join(format!("luoshi-storm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("demo.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut demo = demo(&db, port).await;
    // Every report the units owe, sent at once.
    let mut owed = Vec::new();
    for (_, _, _, _, _, login) in luoshi_demo::UNITS.iter().filter(|u| u.0 != "lfw") {
        let t = token(&base, login, luoshi_demo::DEMO_PASSWORD).await;
        for item in get(&base, &t, "/api/v1/inbox").await["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            owed.push((
                t.clone(),
                item["task_id"].as_i64().unwrap(),
                item["period"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert!(owed.len() >= 10, "{} reports owed", owed.len());
    let mut sends = tokio::task::JoinSet::new();
    for (t, task, period) in owed.clone() {
        let b = base.clone();
        sends.spawn(async move {
            let r = reqwest::Client::new()
                .put(format!("{b}/api/v1/tasks/{task}/reports/{period}"))
                .bearer_auth(&t)
                .json(&json!({ "action": "submit", "progress": 55, "content": "完成年度目标过半" }))
                .send()
                .await;
            (task, period, matches!(r, Ok(r) if r.status() == 200))
        });
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    demo.kill().unwrap(); // SIGKILL in the middle of the storm
    demo.wait().unwrap();
    let mut acknowledged = Vec::new();
    while let Some(r) = sends.join_next().await {
        let (task, period, ok) = r.unwrap();
        if ok {
            acknowledged.push((task, period));
        }
    }
    let today = luoshi_demo::default_today().to_string();
    let mut server = serve(&db, port, Some(&today));
    up(&base).await;
    let sup = token(&base, "duchashi", luoshi_demo::DEMO_PASSWORD).await;
    for (task, period) in &acknowledged {
        let d = get(&base, &sup, &format!("/api/v1/tasks/{task}")).await;
        let r = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["period"] == period.as_str())
            .cloned();
        assert_eq!(
            r.as_ref().map(|r| r["status"].clone()),
            Some(json!("submitted")),
            "an acknowledged report of task {task} ({period}) was lost"
        );
    }
    eprintln!(
        "{} reports sent, {} acknowledged before the kill, all there after the restart",
        owed.len(),
        acknowledged.len()
    );
    server.kill().unwrap();
    server.wait().unwrap();
    audit_intact(&db);
    let _ = std::fs::remove_dir_all(&dir);
}
