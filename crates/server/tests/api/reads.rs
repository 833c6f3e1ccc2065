//! The JSON reads: plans, trees, tasks, lights and the OpenAPI document.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn the_demo_has_four_plans_and_every_light_occurs() {
    for app in spawn_apps().await {
        let token = app.token("duchashi").await;
        let (s, plans) = app.api_get(&token, "/api/v1/plans").await;
        assert_eq!(s, StatusCode::OK);
        let plans = plans.as_array().unwrap();
        // The work report, the founding meeting, the June dispatch meeting's decisions, and the
        // industrial-cluster task force's first meeting's decisions.
        assert_eq!(plans.len(), 4);
        let work = plans.iter().find(|p| p["kind"] == "work_report").unwrap();
        for light in ["red", "yellow", "green", "blue"] {
            assert!(
                work["counts"][light].as_u64().unwrap() > 0,
                "{}: no {light} task",
                app.backend
            );
        }
    }
}

#[tokio::test]
async fn the_work_report_tree_has_three_levels_and_over_100_tasks_each_light_explained() {
    for app in spawn_apps().await {
        let token = app.token("chenweiguo").await;
        let (_, tree) = app.api_get(&token, "/api/v1/plans/1/tasks").await;
        let tasks = tree["tasks"].as_array().unwrap();
        assert!(tasks.len() >= 100, "{}", tasks.len());
        let depths: std::collections::BTreeSet<u64> = tasks.iter().map(|t| t["depth"].as_u64().unwrap()).collect();
        assert_eq!(depths.into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(tasks[0]["number"], "1");
        assert_eq!(tasks[1]["number"], "1.1");
        assert_eq!(tasks[2]["number"], "1.1.1");
        for t in tasks {
            let name = t["light_name"].as_str().unwrap();
            assert!(t["explanation"].as_str().unwrap().starts_with(name), "{t}");
        }
        // A lagging task says by how much.
        let lag = tasks
            .iter()
            .find(|t| t["light"] == "yellow" && t["explanation"].as_str().unwrap().contains("落后"))
            .expect("a lagging task");
        let e = lag["explanation"].as_str().unwrap();
        assert!(
            e.starts_with("黄灯：时间进度") && e.contains("报送进度") && e.ends_with("个百分点"),
            "{e}"
        );
        // Parents roll up: the first goal's light is the worst of its children.
        let severity = |l: &Value| ["blue", "green", "yellow", "red"].iter().position(|x| l == x).unwrap();
        let goal = &tasks[0];
        let worst = tasks
            .iter()
            .filter(|t| t["parent_id"] == goal["id"])
            .map(|t| severity(&t["light"]))
            .max()
            .unwrap();
        assert_eq!(severity(&goal["light"]), worst);
    }
}

#[tokio::test]
async fn meeting_tasks_cite_the_words_of_the_meeting() {
    for app in spawn_apps().await {
        let token = app.token("duchashi").await;
        let (_, plan) = app.api_get(&token, "/api/v1/plans/2").await;
        assert!(
            plan["source_text"]
                .as_str()
                .unwrap()
                .contains("督查只能加强\u{2c}不能削弱")
        );
        let (_, tree) = app.api_get(&token, "/api/v1/plans/2/tasks").await;
        let task = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"].as_str().unwrap().contains("数字城管全覆盖"))
            .unwrap()
            .clone();
        let (_, d) = app.api_get(&token, &format!("/api/v1/tasks/{}", task["id"])).await;
        assert_eq!(d["source"]["marked"], "数字城管全覆盖");
        assert!(d["source"]["before"].as_str().unwrap().contains("扎实开展"));
        assert_eq!(d["task"]["lead_unit"], "市城市管理局");
        assert!(!d["task"]["co_units"].as_str().unwrap().is_empty());
        assert!(!d["task"]["leader"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_read() {
    for app in spawn_apps().await {
        let r = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let doc: Value = r.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for p in [
            "/api/v1/session",
            "/api/v1/me",
            "/api/v1/home",
            "/api/v1/plans",
            "/api/v1/plans/{id}",
            "/api/v1/plans/{id}/tasks",
            "/api/v1/tasks/{id}",
            "/api/v1/units",
            "/api/v1/leaders",
            "/api/v1/users",
            "/api/v1/sessions",
            "/api/v1/audit",
            "/api/v1/supervisions",
            "/api/v1/supervisions/{id}/review",
            "/api/v1/bulletins",
            "/api/v1/bulletins/{id}/publish",
            "/api/v1/bulletins/{id}/docx",
            "/api/v1/units/{id}/activity",
            "/api/v1/proposals/{id}/decision",
        ] {
            assert!(doc["paths"][p].is_object(), "{p} missing");
        }
        // Every parameter said to be in the path is in the path, and the other way round.
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                let params = op["parameters"].as_array().cloned().unwrap_or_default();
                for p in &params {
                    if p["in"] == "path" {
                        let name = p["name"].as_str().unwrap();
                        assert!(
                            path.contains(&format!("{{{name}}}")),
                            "{method} {path}: path parameter {name}"
                        );
                    }
                }
                for seg in path.split('/').filter(|s| s.starts_with('{')) {
                    let name = seg.trim_matches(|c| c == '{' || c == '}');
                    assert!(
                        params.iter().any(|p| p["in"] == "path" && p["name"] == name),
                        "{method} {path}: {name} undeclared"
                    );
                }
            }
        }
        // Two request bodies of the same name would overwrite each other's description.
        let review = doc["components"]["schemas"]["OrderReviewBody"]["properties"]["action"]["description"]
            .as_str()
            .unwrap();
        assert!(review.contains("close"), "{review}");
        assert!(doc["components"]["schemas"]["TaskRow"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    }
}

#[tokio::test]
async fn an_unknown_api_path_and_a_bad_body_get_json_errors() {
    for app in spawn_apps().await {
        let r = reqwest::get(app.url("/api/v1/nothing")).await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "NOT_FOUND");
        let r = reqwest::Client::new()
            .post(app.url("/api/v1/session"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let e = r.json::<Value>().await.unwrap();
        assert_eq!(e["error"]["code"], "BAD_REQUEST");
        assert_eq!(e["error"]["fields"][0]["code"], "BODY_NOT_JSON", "{e}");
        // An incomplete body names the field it lacks, a wrong one the field that is wrong, in
        // the user's language.
        let sup = app.token("duchashi").await;
        let (status, e) = app
            .api_post(&sup, "/api/v1/plans", serde_json::json!({ "kind": "annual" }))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
        assert_eq!(e["error"]["fields"][0]["code"], "BODY_FIELD_MISSING", "{e}");
        assert_eq!(e["error"]["fields"][0]["field"], "title", "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("title"), "{e}");
        let (status, e) = app
            .api_post(
                &sup,
                "/api/v1/plans",
                serde_json::json!({ "title": ["a list"], "kind": "annual" }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
        assert_eq!(e["error"]["fields"][0]["code"], "BODY_FIELD_INVALID", "{e}");
        assert_eq!(e["error"]["fields"][0]["field"], "title", "{e}");
    }
}

#[tokio::test]
async fn pages_years_and_lists_out_of_range_are_refused_not_wrapped() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        for path in [
            "/api/v1/lists/overdue?page=0",
            "/api/v1/lists/overdue?page=9223372036854775807",
            "/api/v1/lists/overdue?per_page=100000",
            "/api/v1/calendar/99999",
            "/api/v1/calendar/4294969296",
            "/api/v1/calendar/abc",
        ] {
            let (s, b) = app.api_get(&sup, path).await;
            assert_eq!(s, reqwest::StatusCode::BAD_REQUEST, "{}: {path}: {b}", app.backend);
            assert_eq!(b["error"]["code"], "BAD_REQUEST", "{path}");
        }
        let auditor = app.token("auditor").await;
        let (s, _) = app.api_get(&auditor, "/api/v1/audit?page=9223372036854775807").await;
        assert_eq!(s, reqwest::StatusCode::BAD_REQUEST);
        // A list that names an item twice is a field's problem, not a server error.
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let plan = plans[0]["id"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                serde_json::json!({ "title": "重复配合单位", "lead_unit_id": 3, "co_unit_ids": [4, 4],
                    "start": "2020-06-01", "due": "2020-12-31", "cycle": "monthly" }),
            )
            .await;
        assert_eq!(s, reqwest::StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(b.to_string().contains("LIST_REPEATED"), "{b}");
    }
}
