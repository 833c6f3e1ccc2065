//! The access matrix: every role against every endpoint, pages and API; and proof that no
//! unit can read another unit's tasks.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

const ROLES: [&str; 6] = ["admin", "security", "auditor", "duchashi", "chenweiguo", "yjj"];

/// All tasks of all plans, as the supervisor sees them: (task id, lead unit, co-units).
async fn all_tasks(app: &TestApp) -> (Vec<i64>, Vec<(i64, Option<i64>, Vec<i64>)>) {
    let sup = app.token("duchashi").await;
    let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
    let plan_ids: Vec<i64> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    let mut tasks = Vec::new();
    for p in &plan_ids {
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{p}/tasks")).await;
        for t in tree["tasks"].as_array().unwrap() {
            let co = t["co_unit_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_i64().unwrap())
                .collect();
            tasks.push((t["id"].as_i64().unwrap(), t["lead_unit_id"].as_i64(), co));
        }
    }
    (plan_ids, tasks)
}

fn involves(t: &(i64, Option<i64>, Vec<i64>), unit: i64) -> bool {
    t.1 == Some(unit) || t.2.contains(&unit)
}

async fn unit_of(app: &TestApp, user: &str) -> i64 {
    let token = app.token(user).await;
    app.api_get(&token, "/api/v1/me").await.1["unit_id"].as_i64().unwrap()
}

#[tokio::test]
async fn every_role_gets_exactly_what_domain_md_allows_on_every_endpoint() {
    for app in spawn_apps().await {
        let (plans, tasks) = all_tasks(&app).await;
        let yjj = unit_of(&app, "yjj").await;
        let own = tasks.iter().find(|t| t.1 == Some(yjj)).unwrap().0;
        let other = tasks.iter().find(|t| !involves(t, yjj)).unwrap().0;
        let plan = plans[0];
        // (path, expected status per role in ROLES order)
        let ok = StatusCode::OK;
        let no = StatusCode::FORBIDDEN;
        let nf = StatusCode::NOT_FOUND;
        let api: Vec<(String, [StatusCode; 6])> = vec![
            ("/api/v1/me".into(), [ok, ok, ok, ok, ok, ok]),
            ("/api/v1/home".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/plans".into(), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/plans/{plan}"), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/plans/{plan}/tasks"), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/tasks/{own}"), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/tasks/{other}"), [no, no, no, ok, ok, nf]),
            ("/api/v1/tasks/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/units".into(), [ok, ok, ok, ok, ok, ok]),
            ("/api/v1/leaders".into(), [ok, ok, ok, ok, ok, ok]),
            ("/api/v1/users".into(), [ok, no, no, no, no, no]),
            ("/api/v1/sessions".into(), [no, ok, no, no, no, no]),
            ("/api/v1/audit".into(), [no, no, ok, no, no, no]),
        ];
        let pages: Vec<(String, [StatusCode; 6])> = vec![
            ("/home".into(), [ok, ok, ok, ok, ok, ok]),
            ("/plans".into(), [no, no, no, ok, ok, ok]),
            (format!("/plans/{plan}"), [no, no, no, ok, ok, ok]),
            (format!("/plans/{plan}/text"), [no, no, no, ok, ok, ok]),
            (format!("/tasks/{own}"), [no, no, no, ok, ok, ok]),
            (format!("/tasks/{other}"), [no, no, no, ok, ok, nf]),
        ];
        for (i, role) in ROLES.iter().enumerate() {
            let token = app.token(role).await;
            for (path, expect) in &api {
                let (s, body) = app.api_get(&token, path).await;
                assert_eq!(s, expect[i], "{}: {role} GET {path}", app.backend);
                if !s.is_success() {
                    assert!(body["error"]["code"].is_string(), "{role} {path}: JSON error");
                }
            }
            let browser = app.login_page(role).await;
            for (path, expect) in &pages {
                let (s, _) = app.page(&browser, path).await;
                assert_eq!(s, expect[i], "{}: {role} page {path}", app.backend);
            }
        }
    }
}

#[tokio::test]
async fn no_unit_can_read_another_units_tasks() {
    for app in spawn_apps().await {
        let (plans, tasks) = all_tasks(&app).await;
        for (key, _, _, _, _, login) in luoshi_demo::UNITS {
            if *key == "lfw" {
                continue; // merged unit: no account
            }
            let token = app.token(login).await;
            let (_, me) = app.api_get(&token, "/api/v1/me").await;
            let unit = me["unit_id"].as_i64().unwrap();
            let (_, home) = app.api_get(&token, "/api/v1/home").await;
            for list in ["tasks", "attention", "due_reports"] {
                for t in home[list].as_array().unwrap() {
                    let id = t["id"].as_i64().unwrap();
                    let full = tasks.iter().find(|x| x.0 == id).unwrap();
                    assert!(involves(full, unit), "{login} sees task {id} in its home {list}");
                }
            }
            for p in &plans {
                let (s, tree) = app.api_get(&token, &format!("/api/v1/plans/{p}/tasks")).await;
                if s == StatusCode::NOT_FOUND {
                    continue; // no task of this unit in the plan
                }
                for t in tree["tasks"].as_array().unwrap() {
                    let id = t["id"].as_i64().unwrap();
                    let full = tasks.iter().find(|x| x.0 == id).unwrap();
                    assert!(involves(full, unit), "{login} sees task {id} of plan {p}");
                }
            }
            // Every task of another unit is not found, by id.
            let foreign: Vec<i64> = tasks
                .iter()
                .filter(|t| !involves(t, unit))
                .map(|t| t.0)
                .take(5)
                .collect();
            for id in foreign {
                let (s, body) = app.api_get(&token, &format!("/api/v1/tasks/{id}")).await;
                assert_eq!(s, StatusCode::NOT_FOUND, "{login} reads foreign task {id}");
                assert_eq!(body["error"]["code"], "NOT_FOUND");
            }
            // A task page shows no sub-task or ancestor of another unit.
            if let Some(mine) = tasks.iter().find(|t| involves(t, unit)) {
                let (_, d): (StatusCode, Value) = app.api_get(&token, &format!("/api/v1/tasks/{}", mine.0)).await;
                for c in d["children"].as_array().unwrap() {
                    let full = tasks.iter().find(|x| x.0 == c["id"].as_i64().unwrap()).unwrap();
                    assert!(involves(full, unit));
                }
                for a in d["ancestors"].as_array().unwrap() {
                    let full = tasks.iter().find(|x| x.0 == a["id"].as_i64().unwrap()).unwrap();
                    assert!(involves(full, unit));
                }
            }
        }
    }
}
