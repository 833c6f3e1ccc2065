//! The hostile-input catalogue where the generated requests (generated.rs) do not reach: page
//! forms that are not UTF-8 or too large, a JSON body too large for its route, file names that
//! climb out of their folder, a path that is not UTF-8. Each is refused or made harmless, with
//! nothing half-written.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

async fn plans(app: &TestApp, token: &str) -> usize {
    app.api_get(token, "/api/v1/plans").await.1.as_array().unwrap().len()
}

#[tokio::test]
async fn hostile_forms_bodies_names_and_paths_are_refused_or_made_harmless() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let before = plans(&app, &sup).await;
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, "/plans/new").await;
        let csrf = csrf_of(&html);

        // A page form whose title is not UTF-8: 400, nothing written.
        let r = browser
            .post(app.url("/plans/new"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf={csrf}&kind=work_report&year=2020&title=%FF%FE%E4"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{}", app.backend);
        // A page form larger than any form: 413 with the message in Chinese.
        let r = browser
            .post(app.url("/plans/new"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "csrf={csrf}&kind=work_report&year=2020&title={}",
                "a".repeat(3 << 20)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(r.text().await.unwrap().contains("提交的内容超过大小上限"));
        assert_eq!(
            plans(&app, &sup).await,
            before,
            "{}: a refused form wrote a plan",
            app.backend
        );

        // A JSON body too large for its route: 413 in JSON, the limit named.
        let r = Client::new()
            .post(app.url("/api/v1/plans"))
            .bearer_auth(&sup)
            .json(&json!({ "kind": "work_report", "year": 2020, "title": "长".repeat(1 << 20) }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let b: Value = r.json().await.unwrap();
        assert_eq!(b["error"]["code"], "BODY_TOO_LARGE", "{b}");
        assert_eq!(plans(&app, &sup).await, before);

        // A path that is not UTF-8, or not a number: never a server error.
        for path in [
            "/api/v1/tasks/%FF%FE",
            "/api/v1/tasks/1%00",
            "/api/v1/tasks/..%2F..%2Fetc%2Fpasswd",
            "/tasks/%FF",
        ] {
            let r = Client::new().get(app.url(path)).bearer_auth(&sup).send().await.unwrap();
            assert!(r.status().is_client_error(), "{path}: {}", r.status());
        }

        // A file name that climbs out of its folder is kept as its last part, and downloaded
        // under that name only.
        let (unit, task, period) = owing(&app).await;
        let (_, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "draft", "progress": 10 }),
            )
            .await;
        let rid = b["id"].as_i64().unwrap();
        for (name, kept) in [
            ("../../etc/passwd.pdf", "passwd.pdf"),
            ("..\\..\\windows\\system.ini.pdf", "system.ini.pdf"),
            ("<img src=x onerror=alert(1)>.pdf", "img src=x onerror=alert(1).pdf"),
        ] {
            let r = Client::new()
                .post(app.url(&format!(
                    "/api/v1/reports/{rid}/evidence?name={}",
                    luoshi_server::error::urlencode(name)
                )))
                .bearer_auth(&unit)
                .body(b"%PDF-1.4\n".to_vec())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::CREATED, "{name}");
            let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
            let d = Client::new()
                .get(app.url(&format!("/api/v1/evidence/{id}")))
                .bearer_auth(&unit)
                .send()
                .await
                .unwrap();
            let disposition = d.headers()["content-disposition"].to_str().unwrap().to_string();
            assert!(
                !disposition.contains("..") && !disposition.contains("%2F") && !disposition.contains('/'),
                "{name}: {disposition}"
            );
            let (_, t) = app.api_get(&unit, &format!("/api/v1/tasks/{task}")).await;
            let names: Vec<&str> = t["reports"][0]["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e["name"].as_str())
                .collect();
            assert!(names.contains(&kept), "{name} kept as {names:?}");
        }
    }
}

/// Markup in every free text of the records people write — a plan, a task and its milestone, a
/// report, a change request, an instruction, a supervision order — comes back as text on every
/// page that shows it, for everyone who sees it.
#[tokio::test]
async fn markup_in_every_text_field_comes_back_as_text() {
    const M: &str = "<script>alert(1)</script>";
    const IMG: &str = "<img src=x onerror=alert(1)>";
    let escaped =
        |html: &str| html.matches("&#60;script&#62;alert(").count() + html.matches("&lt;script&gt;alert(").count();
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (s, p) = app
            .api_post(
                &sup,
                "/api/v1/plans",
                json!({ "kind": "meeting", "title": M, "doc_no": IMG, "summary": IMG, "source_text": M, "issued_on": "2020-06-30" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {p}", app.backend);
        let plan = p["id"].as_i64().unwrap();
        let (unit, task, period) = owing(&app).await;
        let (_, t) = app.api_get(&unit, &format!("/api/v1/tasks/{task}")).await;
        let lead = t["task"]["lead_unit_id"].as_i64().unwrap();
        let (s, n) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                json!({ "title": M, "description": M, "lead_unit_id": lead, "start": "2020-07-01", "due": "2020-09-30",
                    "domain": M, "owner": M, "milestones": [{ "title": M, "due": "2020-08-31" }] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {n}", app.backend);
        let new_task = n["id"].as_i64().unwrap();
        let (s, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "submit", "progress": 45, "content": M, "problems": IMG, "next_steps": M }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{}: {b}", app.backend);
        let (s, b) = app
            .api_post(
                &unit,
                &format!("/api/v1/tasks/{task}/requests"),
                json!({ "kind": "completion", "reason": M }),
            )
            .await;
        assert!(s.is_success(), "{}: {b}", app.backend);
        let leader = app.token("chenweiguo").await;
        let (s, i) = app
            .api_post(
                &leader,
                "/api/v1/instructions",
                json!({ "task_id": task, "content": M }),
            )
            .await;
        let instruction = (s == StatusCode::CREATED).then(|| i["id"].as_i64().unwrap());
        let (s, o) = app
            .api_post(
                &sup,
                "/api/v1/supervisions",
                json!({ "level": "key", "source": "task", "task_id": task, "title": M, "requirement": M,
                    "lead_unit_id": lead, "co_unit_ids": [], "reply_due": "2020-07-10", "mode": "once" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {o}", app.backend);
        let order = o["id"].as_i64().unwrap();

        let mut pages = vec![
            ("duchashi", format!("/plans/{plan}")),
            ("duchashi", format!("/tasks/{new_task}")),
            ("duchashi", format!("/tasks/{task}")),
            ("duchashi", "/reviews".to_string()),
            ("duchashi", format!("/supervisions/{order}")),
            ("duchashi", "/supervisions".to_string()),
            ("duchashi", "/plans".to_string()),
        ];
        let (_, me) = app.api_get(&unit, "/api/v1/me").await;
        let unit_login = me["username"].as_str().unwrap().to_string();
        pages.push((unit_login.as_str(), format!("/tasks/{task}")));
        pages.push((unit_login.as_str(), format!("/supervisions/{order}")));
        if let Some(id) = instruction {
            pages.push(("chenweiguo", format!("/instructions/{id}")));
            pages.push(("duchashi", format!("/instructions/{id}")));
            pages.push((unit_login.as_str(), format!("/instructions/{id}")));
        }
        for (who, path) in pages {
            let browser = app.login_page(who).await;
            let (status, html) = app.page(&browser, &path).await;
            assert_eq!(status, StatusCode::OK, "{}: {who} {path}", app.backend);
            assert!(
                !html.contains("<script>alert(") && !html.contains("<img src=x onerror"),
                "{}: {who} {path} shows the markup unescaped",
                app.backend
            );
            assert!(
                escaped(&html) > 0,
                "{}: {who} {path} does not show what was written",
                app.backend
            );
        }
    }
}
