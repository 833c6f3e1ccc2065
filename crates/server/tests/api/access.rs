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
        // A plan the unit has tasks in (a unit sees only those).
        let sup = app.token("duchashi").await;
        let plan = app.api_get(&sup, &format!("/api/v1/tasks/{own}")).await.1["task"]["plan_id"]
            .as_i64()
            .unwrap();
        assert!(plans.contains(&plan));
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
            ("/api/v1/directory.xlsx".into(), [ok, no, no, no, no, no]),
            ("/api/v1/sessions".into(), [no, ok, no, no, no, no]),
            ("/api/v1/audit".into(), [no, no, ok, no, no, no]),
            ("/api/v1/supervisions".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/proposals".into(), [no, no, no, ok, no, no]),
            ("/api/v1/notifications".into(), [ok, ok, ok, ok, ok, ok]),
            ("/api/v1/channels".into(), [no, no, no, ok, no, no]),
            ("/api/v1/deliveries".into(), [no, no, no, ok, no, no]),
            ("/api/v1/me/preferences".into(), [ok, ok, ok, ok, ok, ok]),
            // The demo's bulletins: 1 published, 2 a draft only the office sees.
            ("/api/v1/bulletins".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/bulletins/1".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/bulletins/2".into(), [no, no, no, ok, nf, nf]),
            ("/api/v1/bulletins/2/docx".into(), [no, no, no, ok, nf, nf]),
        ];
        let me = unit_of(&app, "yjj").await;
        let other_unit = if me == 3 { 4 } else { 3 };
        // An indicator of another unit (the finance bureau's) and a task force yjj is not in.
        let (_, inds) = app.api_get(&sup, "/api/v1/indicators").await;
        let ind = inds
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "一般公共预算收入")
            .unwrap()["id"]
            .clone();
        let force = app.api_get(&sup, "/api/v1/task-forces").await.1[0]["id"].clone();
        let api_more: Vec<(String, [StatusCode; 6])> = vec![
            ("/api/v1/inbox".into(), [no, no, no, no, no, ok]),
            ("/api/v1/reviews".into(), [no, no, no, ok, no, no]),
            ("/api/v1/lists/overdue".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/lists/lagging".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/lists/missing".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/units/overview".into(), [no, no, no, ok, ok, no]),
            (format!("/api/v1/units/{me}/tasks"), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/units/{other_unit}/tasks"), [no, no, no, ok, ok, nf]),
            (format!("/api/v1/units/{me}/activity"), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/units/{other_unit}/activity"), [no, no, no, ok, ok, nf]),
            ("/api/v1/leaders/2/tasks".into(), [no, no, no, ok, ok, no]),
            ("/api/v1/calendar/2020".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/indicators".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/indicators/half-way".into(), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/indicators/{ind}"), [no, no, no, ok, ok, nf]),
            ("/api/v1/indicators/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/indicator-thresholds".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/task-forces".into(), [no, no, no, ok, ok, ok]),
            (format!("/api/v1/task-forces/{force}"), [no, no, no, ok, ok, nf]),
            ("/api/v1/projects".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/schemes".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/schemes/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/schemes/1".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/accountability".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/likelihood/accuracy".into(), [no, no, no, ok, ok, no]),
            ("/api/v1/accountability/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/project-categories".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/projects/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/project-issues".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/project-files/999999".into(), [no, no, no, nf, nf, nf]),
            ("/api/v1/project-thresholds".into(), [no, no, no, ok, ok, ok]),
            ("/api/v1/dispatch-meetings".into(), [no, no, no, ok, ok, no]),
            ("/api/v1/leaders/2/projects".into(), [no, no, no, ok, ok, no]),
            ("/api/v1/dispatch-meetings/999999".into(), [no, no, no, nf, nf, no]),
            (
                format!("/api/v1/plans/{plan}/tasks?light=red"),
                [no, no, no, ok, ok, ok],
            ),
            (
                format!("/api/v1/plans/{plan}/tasks?as_of=2020-04-30"),
                [no, no, no, ok, ok, ok],
            ),
        ];
        let api: Vec<(String, [StatusCode; 6])> = api.into_iter().chain(api_more).collect();
        let pages: Vec<(String, [StatusCode; 6])> = vec![
            ("/indicators".into(), [no, no, no, ok, ok, ok]),
            ("/indicators/half-way".into(), [no, no, no, ok, ok, ok]),
            ("/indicators/new".into(), [no, no, no, ok, no, no]),
            (format!("/indicators/{ind}"), [no, no, no, ok, ok, nf]),
            (format!("/indicators/{ind}/edit"), [no, no, no, ok, no, no]),
            ("/task-forces".into(), [no, no, no, ok, ok, ok]),
            ("/task-forces/new".into(), [no, no, no, ok, no, no]),
            (format!("/task-forces/{force}"), [no, no, no, ok, ok, nf]),
            (format!("/task-forces/{force}/edit"), [no, no, no, ok, no, no]),
            ("/inbox".into(), [no, no, no, no, no, ok]),
            ("/reviews".into(), [no, no, no, ok, no, no]),
            ("/calendar".into(), [no, no, no, ok, no, no]),
            ("/lists/overdue".into(), [no, no, no, ok, ok, ok]),
            ("/projects".into(), [no, no, no, ok, ok, ok]),
            ("/projects/999999".into(), [no, no, no, nf, nf, nf]),
            ("/projects/new".into(), [no, no, no, ok, no, no]),
            ("/projects/import".into(), [no, no, no, ok, no, no]),
            ("/assessment".into(), [no, no, no, ok, ok, ok]),
            ("/assessment/999999".into(), [no, no, no, nf, nf, nf]),
            ("/assessment/1/edit".into(), [no, no, no, ok, no, no]),
            ("/accountability".into(), [no, no, no, ok, ok, ok]),
            ("/likelihood/accuracy".into(), [no, no, no, ok, ok, no]),
            ("/accountability/999999".into(), [no, no, no, nf, nf, nf]),
            ("/reports.xlsx".into(), [no, no, no, ok, ok, ok]),
            ("/projects/import/template.xlsx".into(), [no, no, no, ok, no, no]),
            ("/projects/999999/edit".into(), [no, no, no, nf, no, no]),
            ("/projects/999999/report".into(), [no, no, no, nf, nf, nf]),
            ("/dispatch".into(), [no, no, no, ok, ok, no]),
            ("/projects/liaison".into(), [no, no, no, ok, ok, no]),
            ("/dispatch/999999".into(), [no, no, no, nf, nf, no]),
            ("/units".into(), [no, no, no, ok, ok, no]),
            (format!("/units/{me}"), [no, no, no, ok, ok, ok]),
            (format!("/units/{other_unit}"), [no, no, no, ok, ok, nf]),
            ("/leaders/2".into(), [no, no, no, ok, ok, no]),
            ("/plans/new".into(), [no, no, no, ok, no, no]),
            ("/plans/extract".into(), [no, no, no, ok, no, no]),
            ("/supervisions".into(), [no, no, no, ok, ok, ok]),
            ("/notifications".into(), [ok, ok, ok, ok, ok, ok]),
            ("/me".into(), [ok, ok, ok, ok, ok, ok]),
            ("/channels".into(), [no, no, no, ok, no, no]),
            ("/bulletins".into(), [no, no, no, ok, ok, ok]),
            ("/bulletins/1".into(), [no, no, no, ok, ok, ok]),
            ("/bulletins/2".into(), [no, no, no, ok, nf, nf]),
            ("/bulletins/1/docx".into(), [no, no, no, ok, ok, ok]),
            ("/public".into(), [ok, ok, ok, ok, ok, ok]),
            ("/public/accountability".into(), [ok, ok, ok, ok, ok, ok]),
            ("/public/bulletins/1".into(), [ok, ok, ok, ok, ok, ok]),
            ("/public/bulletins/2".into(), [nf, nf, nf, nf, nf, nf]),
            ("/supervisions/new".into(), [no, no, no, ok, no, no]),
            (format!("/plans/extract?plan={plan}"), [no, no, no, ok, no, no]),
            (format!("/plans/{plan}/edit"), [no, no, no, ok, no, no]),
            (format!("/plans/{plan}/tasks/new"), [no, no, no, ok, no, no]),
            (format!("/tasks/{own}/edit"), [no, no, no, ok, no, no]),
            (format!("/tasks/{other}/edit"), [no, no, no, ok, no, nf]),
            (format!("/tasks/{own}/report"), [no, no, no, no, no, ok]),
            (format!("/tasks/{other}/report"), [no, no, no, no, no, nf]),
            (format!("/tasks/{own}/subtasks/new"), [no, no, no, no, no, ok]),
            (
                format!("/plans/{plan}?light=red&as_of=2020-04-30"),
                [no, no, no, ok, ok, ok],
            ),
            ("/home".into(), [ok, ok, ok, ok, ok, ok]),
            // The directory is the system administrator's alone (三员分立: they see no business data above).
            ("/admin/units".into(), [ok, no, no, no, no, no]),
            (format!("/admin/units/{me}"), [ok, no, no, no, no, no]),
            ("/admin/leaders".into(), [ok, no, no, no, no, no]),
            ("/admin/leaders/2".into(), [ok, no, no, no, no, no]),
            ("/admin/users".into(), [ok, no, no, no, no, no]),
            ("/admin/import".into(), [ok, no, no, no, no, no]),
            ("/admin/directory.xlsx".into(), [ok, no, no, no, no, no]),
            ("/admin/directory/users.csv".into(), [ok, no, no, no, no, no]),
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

#[tokio::test]
async fn every_role_may_write_only_what_it_owns() {
    for app in spawn_apps().await {
        let (unit, task, period) = owing(&app).await;
        let outsider_unit = outsider(&app, task).await;
        let sup = app.token("duchashi").await;
        let accepted = {
            let (_, d) = app.api_get(&sup, "/api/v1/tasks/3").await;
            d["reports"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["status"] == "accepted")
                .unwrap()
                .clone()
        };
        let ok = StatusCode::OK;
        let created = StatusCode::CREATED;
        let none = StatusCode::NO_CONTENT;
        let no = StatusCode::FORBIDDEN;
        let nf = StatusCode::NOT_FOUND;
        let bad = StatusCode::UNPROCESSABLE_ENTITY;
        let (_, days) = app.api_get(&sup, "/api/v1/calendar/2020").await;
        let project = app.api_get(&sup, "/api/v1/projects").await.1["rows"][0]["id"].clone();
        let inds = app.api_get(&sup, "/api/v1/indicators").await.1;
        let ind = inds
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "一般公共预算收入")
            .unwrap()["id"]
            .clone();
        // (who, method, path, body, expected)
        let mut cases: Vec<(&str, reqwest::Method, String, serde_json::Value, StatusCode)> = Vec::new();
        let roles = ["admin", "security", "auditor", "chenweiguo"];
        for r in roles {
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/plans".into(),
                serde_json::json!({ "kind": "meeting", "title": "x", "issued_on": "2020-06-30" }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::PUT,
                "/api/v1/calendar/2020".into(),
                days.clone(),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::PUT,
                format!("/api/v1/tasks/{task}/reports/{period}"),
                serde_json::json!({ "action": "draft", "progress": 1 }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/reports/{}/review", accepted["id"]),
                serde_json::json!({ "action": "accept", "version": accepted["version"] }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/tasks/{task}/requests"),
                serde_json::json!({ "kind": "completion", "reason": "x" }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/tasks/{task}/subtasks"),
                serde_json::json!({ "title": "x", "start": "2020-07-01", "due": "2020-07-31" }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/bulletins".into(),
                serde_json::json!({ "period_from": "2020-06-01", "period_to": "2020-06-30" }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/bulletins/2/publish".into(),
                serde_json::json!({ "version": 1 }),
                no,
            ));
            // Only the responsible unit enters an indicator's figures; only the office keeps indicators.
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/indicators/{ind}/figures"),
                serde_json::json!({ "month": "2020-06", "value": "1" }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/indicators".into(),
                serde_json::json!({ "name": "x", "measure": "亿元", "kind": "amount", "year": 2020, "target": "1", "unit_id": 1 }),
                no,
            ));
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/task-forces".into(),
                serde_json::json!({ "name": "x", "lead_unit_id": 1, "established_on": "2020-06-01" }),
                no,
            ));
            // Only the office starts assessment schemes.
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/schemes".into(),
                serde_json::json!({ "name": "x", "kind": "year", "from": "2020-01-01", "to": "2020-12-31" }),
                no,
            ));
            // Only the office keeps accountability and commendation records.
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/accountability".into(),
                serde_json::json!({ "unit_id": 1, "kind": "praise", "reason": "x", "decided_on": "2020-06-01" }),
                no,
            ));
            // Only the office overrides a task's likelihood of delivery.
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/tasks/{task}/likelihood"),
                serde_json::json!({ "likelihood": "likely", "reason": "x" }),
                no,
            ));
            // Only the office changes a scheme.
            cases.push((
                r,
                reqwest::Method::PUT,
                "/api/v1/schemes/1".into(),
                serde_json::json!({ "version": 1, "name": "x", "kind": "year", "from": "2020-01-01", "to": "2020-12-31" }),
                no,
            ));
            // Only the office imports the project ledger.
            cases.push((
                r,
                reqwest::Method::POST,
                "/api/v1/projects/import".into(),
                serde_json::json!({ "file_name": "台账.csv", "data": "6aG555uu5ZCN56ewLOaAu+aKlei1hAp4LDEK" }),
                no,
            ));
            // Only the responsible unit sends a project's monthly report.
            cases.push((
                r,
                reqwest::Method::POST,
                format!("/api/v1/projects/{project}/reports"),
                serde_json::json!({ "month": "2020-06", "invested": 1, "progress": "x" }),
                no,
            ));
        }
        // A unit may not enter another unit's figures (it does not see them), nor keep indicators.
        cases.push((
            "yjj",
            reqwest::Method::POST,
            format!("/api/v1/indicators/{ind}/figures"),
            serde_json::json!({ "month": "2020-06", "value": "1" }),
            nf,
        ));
        cases.push((
            "yjj",
            reqwest::Method::PUT,
            "/api/v1/indicator-thresholds".into(),
            serde_json::json!({ "yellow": "0", "red": "5" }),
            no,
        ));
        // A unit user may not write or publish bulletins either.
        cases.push((
            "unit",
            reqwest::Method::POST,
            "/api/v1/bulletins".into(),
            serde_json::json!({ "period_from": "2020-06-01", "period_to": "2020-06-30" }),
            no,
        ));
        cases.push((
            "unit",
            reqwest::Method::PUT,
            "/api/v1/bulletins/2".into(),
            serde_json::json!({ "title": "x", "body": "x", "editor": "x", "version": 1 }),
            no,
        ));
        let tokens = [
            ("unit", unit.clone()),
            ("yjj", app.token("yjj").await),
            ("outsider", outsider_unit.clone()),
            ("sup", sup.clone()),
        ];
        let token_of = |who: &str| -> String {
            match tokens.iter().find(|(n, _)| *n == who) {
                Some((_, t)) => t.clone(),
                None => String::new(),
            }
        };
        cases.extend([
            (
                "outsider",
                reqwest::Method::PUT,
                format!("/api/v1/tasks/{task}/reports/{period}"),
                serde_json::json!({ "action": "draft", "progress": 1 }),
                nf,
            ),
            (
                "outsider",
                reqwest::Method::POST,
                format!("/api/v1/tasks/{task}/requests"),
                serde_json::json!({ "kind": "completion", "reason": "x" }),
                nf,
            ),
            (
                "outsider",
                reqwest::Method::POST,
                "/api/v1/plans".into(),
                serde_json::json!({ "kind": "meeting", "title": "x", "issued_on": "2020-06-30" }),
                no,
            ),
            (
                "unit",
                reqwest::Method::POST,
                format!("/api/v1/reports/{}/review", accepted["id"]),
                serde_json::json!({ "action": "accept", "version": accepted["version"] }),
                no,
            ),
            (
                "unit",
                reqwest::Method::PUT,
                "/api/v1/calendar/2020".into(),
                days.clone(),
                no,
            ),
            (
                "sup",
                reqwest::Method::PUT,
                format!("/api/v1/tasks/{task}/reports/{period}"),
                serde_json::json!({ "action": "draft", "progress": 1 }),
                no,
            ),
            (
                "sup",
                reqwest::Method::POST,
                format!("/api/v1/reports/{}/review", accepted["id"]),
                serde_json::json!({ "action": "accept", "version": accepted["version"] }),
                bad,
            ),
            (
                "sup",
                reqwest::Method::PUT,
                "/api/v1/calendar/2020".into(),
                days.clone(),
                none,
            ),
            (
                "sup",
                reqwest::Method::POST,
                "/api/v1/plans".into(),
                serde_json::json!({ "kind": "meeting", "title": "常务会议", "issued_on": "2020-06-30" }),
                created,
            ),
            (
                "unit",
                reqwest::Method::PUT,
                format!("/api/v1/tasks/{task}/reports/{period}"),
                serde_json::json!({ "action": "draft", "progress": 1 }),
                ok,
            ),
        ]);
        for (who, method, path, body, expected) in cases {
            let token = if roles.contains(&who) {
                app.token(who).await
            } else {
                token_of(who)
            };
            let (s, b) = app.api_send(&token, method.clone(), &path, body).await;
            assert_eq!(s, expected, "{}: {who} {method} {path}: {b}", app.backend);
        }
    }
}

#[tokio::test]
async fn each_administrator_writes_only_their_own_and_nobody_else_writes_the_directory() {
    for app in spawn_apps().await {
        let no = StatusCode::FORBIDDEN;
        // Bodies a permitted role would be refused for on their content (422/400/404), so the
        // matrix tells "may" from "may not" without changing anything.
        let writes: Vec<(reqwest::Method, &str, Value, &str)> = vec![
            (
                reqwest::Method::POST,
                "/api/v1/units",
                serde_json::json!({ "name": "", "category": "x" }),
                "admin",
            ),
            (
                reqwest::Method::PUT,
                "/api/v1/units/999999",
                serde_json::json!({ "name": "x", "category": "department" }),
                "admin",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/units/999999/merge",
                serde_json::json!({ "into": 1, "version": 1 }),
                "admin",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/leaders",
                serde_json::json!({ "name": "", "title": "" }),
                "admin",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/users",
                serde_json::json!({ "username": "", "display_name": "", "role": "x" }),
                "admin",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/users/999999/password",
                serde_json::json!({}),
                "admin",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/directory/import",
                serde_json::json!({ "file_name": "x.csv", "data": "", "dry_run": true }),
                "admin",
            ),
            (
                reqwest::Method::DELETE,
                "/api/v1/sessions/nosuchsession",
                serde_json::json!({}),
                "security",
            ),
            (
                reqwest::Method::DELETE,
                "/api/v1/locks/nosuchname",
                serde_json::json!({}),
                "security",
            ),
            (
                reqwest::Method::POST,
                "/api/v1/audit/verify",
                serde_json::json!({}),
                "auditor",
            ),
        ];
        for who in ROLES {
            let token = app.token(who).await;
            for (method, path, body, owner) in &writes {
                let (s, b) = app.api_send(&token, method.clone(), path, body.clone()).await;
                if who == *owner {
                    assert_ne!(s, no, "{}: {who} {method} {path}: {b}", app.backend);
                    assert!(s.as_u16() < 500, "{who} {method} {path}: {s} {b}");
                } else {
                    assert_eq!(s, no, "{}: {who} {method} {path}: {b}", app.backend);
                }
            }
        }
    }
}
