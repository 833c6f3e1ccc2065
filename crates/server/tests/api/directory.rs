//! Setting up a region: the system administrator's units, leaders and accounts through the API
//! and the pages, and the directory sheet imported whole or not at all.

use base64::Engine;
use luoshi_office::sheet::{TableOut, read_book, write_book};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Logs in with a password given by the administrator; returns the token.
async fn login_with(app: &TestApp, username: &str, password: &str) -> String {
    let r = Client::new()
        .post(app.url("/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}: login of {username}", app.backend);
    r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string()
}

fn codes(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| format!("{}:{}", x["field"].as_str().unwrap(), x["code"].as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

async fn unit_named(app: &TestApp, token: &str, name: &str) -> Value {
    let (_, units) = app.api_get(token, "/api/v1/units").await;
    units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
        .clone()
}

#[tokio::test]
async fn the_administrator_sets_up_units_leaders_and_accounts_and_a_first_password_must_be_changed() {
    for app in spawn_apps().await {
        let admin = app.token("admin").await;
        // Bad input changes nothing and names each field.
        let (s, body) = app
            .api_post(&admin, "/api/v1/units", json!({ "name": " ", "category": "局" }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(codes(&body), ["name:UNIT_NAME_EMPTY", "category:UNIT_CATEGORY_UNKNOWN"]);
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/units",
                json!({ "name": "市应急管理局", "category": "市直部门" }),
            )
            .await;
        assert_eq!(
            (s, codes(&body)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["name:UNIT_NAME_TAKEN".to_string()]
            )
        );

        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/units",
                json!({ "name": "晋城市数据局", "short_name": "市数据局", "category": "department" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let unit = body["id"].as_i64().unwrap();
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/leaders",
                json!({ "name": "周测试", "title": "副市长", "portfolio": "数字政府", "unit_ids": [unit] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let leader = body["id"].as_i64().unwrap();
        let (_, leaders) = app.api_get(&admin, "/api/v1/leaders").await;
        let l = leaders.as_array().unwrap().iter().find(|l| l["id"] == leader).unwrap();
        assert_eq!(l["unit_ids"], json!([unit]));

        // The three administrators' roles are not given here.
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/users",
                json!({ "username": "aud2", "display_name": "x", "role": "auditor" }),
            )
            .await;
        assert_eq!(
            (s, codes(&body)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["role:USER_ROLE_NOT_ASSIGNABLE".to_string()]
            )
        );
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/users",
                json!({ "username": "sjju", "display_name": "王数据", "role": "unit_user" }),
            )
            .await;
        assert_eq!(
            (s, codes(&body)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["unit:USER_UNIT_MISSING".to_string()]
            )
        );
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/users",
                json!({ "username": "SJJU", "display_name": "王数据", "role": "unit_user", "unit_id": unit }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let user = body["id"].as_i64().unwrap();
        let first = body["password"].as_str().unwrap().to_string();

        // The first password opens only the password form.
        let token = login_with(&app, "sjju", &first).await;
        let (s, body) = app.api_get(&token, "/api/v1/home").await;
        assert_eq!(
            (s, body["error"]["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("PASSWORD_CHANGE_REQUIRED"))
        );
        let (s, _) = app
            .api_put(
                &token,
                "/api/v1/me/password",
                json!({ "old_password": first, "new_password": "Shuju2020x" }),
            )
            .await;
        assert!(s.is_success(), "{}: {s}", app.backend);
        let (s, me) = app.api_get(&token, "/api/v1/me").await;
        assert_eq!((s, me["unit_id"].as_i64()), (StatusCode::OK, Some(unit)));
        assert_eq!(app.api_get(&token, "/api/v1/home").await.0, StatusCode::OK);

        // A rename keeps the old name; a stale version is a conflict.
        let u = unit_named(&app, &admin, "晋城市数据局").await;
        let version = u["version"].as_i64().unwrap();
        let rename = json!({ "name": "晋城市数据和政务服务局", "short_name": "市数据局", "category": "department",
            "version": version, "renamed_on": "2020-06-01" });
        assert_eq!(
            app.api_put(&admin, &format!("/api/v1/units/{unit}"), rename.clone())
                .await
                .0,
            StatusCode::NO_CONTENT
        );
        let (s, body) = app.api_put(&admin, &format!("/api/v1/units/{unit}"), rename).await;
        assert_eq!(
            (s, body["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("CONFLICT"))
        );
        let u = unit_named(&app, &admin, "晋城市数据和政务服务局").await;
        assert!(u["former_names"].as_str().unwrap().contains("晋城市数据局"), "{u}");

        // Disabling the account ends its sessions at once.
        let (_, users) = app.api_get(&admin, "/api/v1/users").await;
        let acc = users
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == user)
            .unwrap()
            .clone();
        let (s, _) = app
            .api_put(
                &admin,
                &format!("/api/v1/users/{user}"),
                json!({ "username": "sjju", "display_name": "王数据", "role": "unit_user", "unit_id": unit,
                    "active": false, "version": acc["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(app.api_get(&token, "/api/v1/me").await.0, StatusCode::UNAUTHORIZED);

        // Merging a unit into another takes it out of use and tells the office.
        let target = unit_named(&app, &admin, "市应急管理局").await["id"].as_i64().unwrap();
        let u = unit_named(&app, &admin, "晋城市数据和政务服务局").await;
        let (s, body) = app
            .api_post(
                &admin,
                &format!("/api/v1/units/{unit}/merge"),
                json!({ "into": target, "version": u["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{body}");
        let u = unit_named(&app, &admin, "晋城市数据和政务服务局").await;
        assert_eq!(
            (u["active"].as_bool(), u["merged_into"].as_str()),
            (Some(false), Some("市应急管理局"))
        );
        let office = app.token("duchashi").await;
        let n = notice(&app, &office, "unit_retired").await;
        assert!(n["title"].as_str().unwrap().contains("已并入市应急管理局"), "{n}");

        // Nobody else writes the directory.
        for who in ["security", "auditor", "duchashi", "chenweiguo", "yjj"] {
            let t = app.token(who).await;
            let (s, _) = app
                .api_post(
                    &t,
                    "/api/v1/units",
                    json!({ "name": "晋城市某局", "category": "department" }),
                )
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{}: {who}", app.backend);
        }
    }
}

fn sheet(name: &str, rows: &[&[&str]]) -> TableOut {
    TableOut {
        name: name.into(),
        header: rows[0].iter().map(|s| s.to_string()).collect(),
        rows: rows[1..]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
        ..TableOut::default()
    }
}

fn workbook(users_unit: &str) -> Vec<u8> {
    let units = sheet(
        "单位",
        &[
            &["单位全称", "简称", "类别"],
            &["晋城市数据局", "市数据局", "市直部门"],
            &["晋城市高平经济开发区", "高平开发区", "开发区"],
        ],
    );
    let leaders = sheet(
        "领导",
        &[
            &["姓名", "职务", "分管单位"],
            &["周测试", "副市长", "市数据局、高平开发区、市应急局"],
        ],
    );
    let users = sheet(
        "用户",
        &[
            &["登录名", "姓名", "角色", "所属单位", "对应领导"],
            &["sjju", "王数据", "单位联络员", users_unit, ""],
            &["zhouceshi", "周测试", "领导", "", "周测试"],
        ],
    );
    write_book(&[units, leaders, users], "填写说明", &[]).unwrap()
}

async fn counts(app: &TestApp, admin: &str) -> (usize, usize, usize) {
    let n = |v: Value| v.as_array().unwrap().len();
    (
        n(app.api_get(admin, "/api/v1/units").await.1),
        n(app.api_get(admin, "/api/v1/leaders").await.1),
        n(app.api_get(admin, "/api/v1/users").await.1),
    )
}

#[tokio::test]
async fn the_directory_sheet_imports_whole_or_not_at_all_and_an_export_imports_as_no_change() {
    for app in spawn_apps().await {
        let admin = app.token("admin").await;
        let before = counts(&app, &admin).await;
        // A problem in the last table: nothing of the first two is written either.
        let bad = workbook("市不存在局");
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "d.xlsx", "data": b64(&bad) }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            codes(&body),
            ["users!D2:USER_UNIT_UNKNOWN", "users!D2:USER_UNIT_MISSING"]
        );
        assert!(
            body["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("用户表第2行D列（所属单位）")
        );
        assert_eq!(
            counts(&app, &admin).await,
            before,
            "{}: a failed import wrote",
            app.backend
        );

        let good = workbook("市数据局");
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "d.xlsx", "data": b64(&good), "dry_run": true }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        assert_eq!(
            body["counts"][0],
            json!({ "table": "units", "added": 2, "changed": 0, "same": 0 })
        );
        assert_eq!(counts(&app, &admin).await, before, "{}: a dry run wrote", app.backend);

        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "d.xlsx", "data": b64(&good) }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        assert_eq!(counts(&app, &admin).await, (before.0 + 2, before.1 + 1, before.2 + 2));
        let given = body["passwords"].as_array().unwrap();
        assert_eq!(given.len(), 2);
        let pw = given.iter().find(|g| g["username"] == "zhouceshi").unwrap()["password"]
            .as_str()
            .unwrap();
        let token = login_with(&app, "zhouceshi", pw).await;
        let (_, me) = app.api_get(&token, "/api/v1/me").await;
        assert_eq!(me["role"], "leader", "{me}");

        // The region's directory exported and imported again changes nothing.
        let r = Client::new()
            .get(app.url("/api/v1/directory.xlsx"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["cache-control"], "private, no-store");
        let export = r.bytes().await.unwrap().to_vec();
        let sheets = read_book(&export, "x.xlsx").unwrap();
        assert_eq!(
            sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["单位", "领导", "用户", "填写说明"]
        );
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "export.xlsx", "data": b64(&export), "dry_run": true }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        for c in body["counts"].as_array().unwrap() {
            assert_eq!(
                (c["added"].as_i64(), c["changed"].as_i64()),
                (Some(0), Some(0)),
                "{}: {c}",
                app.backend
            );
        }

        // A CSV saved by Excel on a Chinese Windows (GBK) is one table, known by its header.
        let (gbk, _, _) =
            encoding_rs::GB18030.encode("登录名,姓名,角色,所属单位\r\nsjju2,李数据,单位联络员,市数据局\r\n");
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "用户.csv", "data": b64(&gbk) }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        assert_eq!(body["counts"][2]["added"], 1);

        // Not a sheet at all.
        let (s, body) = app
            .api_post(
                &admin,
                "/api/v1/directory/import",
                json!({ "file_name": "x.xlsx", "data": b64(b"PK\x03\x04junk") }),
            )
            .await;
        assert_eq!(
            (s, codes(&body)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["file:IMPORT_FILE_UNREADABLE".to_string()]
            )
        );

        // The auditor sees the import as one line, with a line per record.
        let auditor = app.token("auditor").await;
        let (_, audit) = app.api_get(&auditor, "/api/v1/audit").await;
        let actions: Vec<&str> = audit["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l["action"].as_str())
            .collect();
        assert!(
            actions.contains(&"directory.imported") && actions.contains(&"user.added"),
            "{actions:?}"
        );
    }
}

#[tokio::test]
async fn the_pages_check_a_sheet_then_import_it_on_confirmation_and_show_the_passwords_once() {
    for app in spawn_apps().await {
        let c = app.login_page("admin").await;
        let (s, html) = app.page(&c, "/admin/import").await;
        assert_eq!(s, StatusCode::OK);
        let csrf = csrf_of(&html);
        let file = reqwest::multipart::Part::bytes(workbook("市数据局")).file_name("组织机构.xlsx");
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part("file", file);
        let r = c.post(app.url("/admin/import")).multipart(form).send().await.unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("检查通过，尚未导入") && html.contains("新增 晋城市数据局"),
            "{html}"
        );
        assert!(
            !app.page(&c, "/admin/units").await.1.contains("晋城市数据局"),
            "a check wrote"
        );
        let data = html
            .split("name=\"data\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("confirm", "1")
            .text("file_name", "组织机构.xlsx")
            .text(
                "data",
                data.replace("&#43;", "+").replace("&#47;", "/").replace("&#61;", "="),
            );
        let r = c.post(app.url("/admin/import")).multipart(form).send().await.unwrap();
        let html = r.text().await.unwrap();
        assert!(html.contains("已导入") && html.contains("初始密码"), "{html}");
        assert!(app.page(&c, "/admin/units").await.1.contains("晋城市数据局"));

        // One unit by its form; a bad one is sent back with the field's message.
        let r = c
            .post(app.url("/admin/units"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", ""),
                ("category", "department"),
                ("active", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert!(r.text().await.unwrap().contains("请填写单位全称"));
        let r = c
            .post(app.url("/admin/users"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", "newone"),
                ("display_name", "新同志"),
                ("role", "supervisor"),
                ("active", "1"),
            ])
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("初始密码（只显示这一次）") && html.contains("newone"),
            "{html}"
        );
        // The blank template downloads with its notes.
        let r = c.get(app.url("/admin/directory.xlsx?blank=1")).send().await.unwrap();
        let sheets = read_book(&r.bytes().await.unwrap(), "t.xlsx").unwrap();
        assert_eq!(sheets[0].rows[0][1], "单位全称");
        assert!(sheets[3].rows.len() > 10, "the notes explain each column");
    }
}

#[tokio::test]
async fn hostile_names_in_the_directory_are_shown_as_text_and_exported_as_text() {
    for app in spawn_apps().await {
        let admin = app.token("admin").await;
        let script = "<script>alert(1)</script>局";
        let img = "\"><img src=x onerror=alert(1)>";
        let formula = "=1+1*cmd|'/c calc'";
        let (s, u) = app
            .api_post(
                &admin,
                "/api/v1/units",
                json!({ "name": script, "short_name": formula, "category": "other" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{u}");
        let unit = u["id"].as_i64().unwrap();
        let (s, _) = app
            .api_post(
                &admin,
                "/api/v1/leaders",
                json!({ "name": "韩测试", "title": img, "portfolio": img, "unit_ids": [unit] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, _) = app
            .api_post(
                &admin,
                "/api/v1/users",
                json!({ "username": "xss1", "display_name": img, "role": "unit_user", "unit_id": unit }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let c = app.login_page("admin").await;
        for path in [
            "/admin/units",
            &format!("/admin/units/{unit}"),
            "/admin/leaders",
            "/admin/users",
            "/home",
        ] {
            let (_, html) = app.page(&c, path).await;
            assert!(
                !html.contains("<script>alert") && !html.contains("<img src=x"),
                "{}: {path} renders markup",
                app.backend
            );
        }
        let sup = app.login_page("duchashi").await;
        for path in ["/units", &format!("/units/{unit}")] {
            let (_, html) = app.page(&sup, path).await;
            assert!(
                !html.contains("<script>alert") && !html.contains("<img src=x"),
                "{path}"
            );
        }
        // Exported, a formula is text, not a formula (CSV guarded; .xlsx cells are strings).
        let r = c.get(app.url("/admin/directory/units.csv")).send().await.unwrap();
        let csv = String::from_utf8(r.bytes().await.unwrap().to_vec()).unwrap();
        assert!(csv.contains("'=1+1*cmd"), "{csv}");
        // Control and direction characters are refused in a name, with the field named.
        let (s, b) = app
            .api_post(
                &admin,
                "/api/v1/units",
                json!({ "name": "市\u{202E}局", "category": "other" }),
            )
            .await;
        assert_eq!(
            (s, codes(&b)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec!["name:TEXT_HIDDEN_CHARS".to_string()]
            )
        );
    }
}
