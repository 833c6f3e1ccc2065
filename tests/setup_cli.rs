//! A new city from nothing, as the README's "running it for real" says: `luoshi init`, `luoshi
//! serve`, the administrator's first login and password, the directory sheet imported, and a
//! unit's liaison logging in with the first password they were handed.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

mod common;

use base64::Engine;
use common::{free_port, init, table, token};
use luoshi_office::sheet::write_book;
use serde_json::{Value, json};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn call(method: reqwest::Method, url: String, token: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = reqwest::Client::new().request(method, url).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_new_city_is_set_up_from_init_to_a_liaison_logging_in() {
    luoshi_server::install_tls();
    let dir = std::env::temp_dir().join(format!("luoshi-setup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("city.db");
    let _ = std::fs::remove_file(&db);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let (text, admin_pw) = init(&db, Some(&base));
    assert!(
        text.contains(&format!("{base}/admin/import")),
        "init leads to the import page: {text}"
    );

    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_luoshi"))
            .args(["serve", "--port", &port.to_string(), "--database"])
            .arg(&db)
            .env_remove("LUOSHI_DATABASE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while reqwest::get(format!("{base}/healthz")).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The first password opens only the password form.
    let admin = token(&base, "admin", &admin_pw).await;
    let (s, body) = call(reqwest::Method::GET, format!("{base}/api/v1/users"), &admin, None).await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (403, Some("PASSWORD_CHANGE_REQUIRED"))
    );
    let (s, _) = call(
        reqwest::Method::PUT,
        format!("{base}/api/v1/me/password"),
        &admin,
        Some(json!({ "old_password": admin_pw, "new_password": "Guanli2020admin" })),
    )
    .await;
    assert!((200..300).contains(&s), "{s}");

    // The template filled in and imported.
    let book = write_book(
        &[
            table(
                "单位",
                &[
                    &["单位全称", "简称", "类别"],
                    &["晋城市人民政府督查室", "督查室", "政府办公室"],
                    &["晋城市发展和改革委员会", "市发改委", "市直部门"],
                    &["泽州县人民政府", "泽州县", "县（市、区）"],
                ],
            ),
            table(
                "领导",
                &[&["姓名", "职务", "分管单位"], &["张市长", "市长", "市发改委、泽州县"]],
            ),
            table(
                "用户",
                &[
                    &["登录名", "姓名", "角色", "所属单位", "对应领导"],
                    &["fgw", "李联络", "单位联络员", "市发改委", ""],
                    &["zhangshizhang", "张市长", "领导", "", "张市长"],
                ],
            ),
        ],
        "填写说明",
        &[],
    )
    .unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(&book);
    let (s, body) = call(
        reqwest::Method::POST,
        format!("{base}/api/v1/directory/import"),
        &admin,
        Some(json!({ "file_name": "晋城市.xlsx", "data": data })),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let pw = body["passwords"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["username"] == "fgw")
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_string();

    // The liaison logs in with what they were handed, sets their own password, and works.
    let fgw = token(&base, "fgw", &pw).await;
    let (s, _) = call(
        reqwest::Method::PUT,
        format!("{base}/api/v1/me/password"),
        &fgw,
        Some(json!({ "old_password": pw, "new_password": "Fagai2020x" })),
    )
    .await;
    assert!((200..300).contains(&s), "{s}");
    let (s, home) = call(reqwest::Method::GET, format!("{base}/api/v1/home"), &fgw, None).await;
    assert_eq!(s, 200, "{home}");
    let (_, me) = call(reqwest::Method::GET, format!("{base}/api/v1/me"), &fgw, None).await;
    assert_eq!(me["role"], "unit_user");
    let _ = std::fs::remove_dir_all(&dir);
}
