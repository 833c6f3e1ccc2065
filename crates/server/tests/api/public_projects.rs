//! The public page 重点项目建设进展 (issue 16): public projects only, accepted figures only, the
//! sums by level in the published sentence, the chrome of every public page, CSV and JSON.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn the_public_page_shows_public_projects_with_accepted_figures_only() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, l) = app.api_get(&sup, "/api/v1/projects").await;
        let rows = l["rows"].as_array().unwrap();
        let public: Vec<&Value> = rows.iter().filter(|r| r["public"] == true).collect();
        let private: Vec<&Value> = rows.iter().filter(|r| r["public"] == false).collect();
        assert!(!public.is_empty() && !private.is_empty());
        let c = reqwest::Client::new();
        let r = c
            .get(app.url("/public/projects/2020?format=json"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.backend);
        let j: Value = r.json().await.unwrap();
        let names: Vec<&str> = j["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), public.len());
        for p in &private {
            assert!(
                !names.contains(&p["name"].as_str().unwrap()),
                "{} is not public",
                p["name"]
            );
        }
        assert!(j["sums"][0].as_str().unwrap().starts_with("省级重点工程"), "{j}");
        assert!(
            j["sums"][0].as_str().unwrap().contains("1–5月完成投资"),
            "June's figures wait for the office: {j}"
        );

        // A figure sent and not yet accepted does not show; accepted, it does.
        let (gxj, unit) = {
            let t = app.token("gxj").await;
            let (_, me) = app.api_get(&t, "/api/v1/me").await;
            (t, me["unit_id"].as_i64().unwrap())
        };
        let (_, cats) = app.api_get(&sup, "/api/v1/project-categories").await;
        let (_, b) = app
            .api_post(
                &sup,
                "/api/v1/projects",
                json!({ "name": "云州数据中心", "level": "city", "category_id": cats[0]["id"], "nature": "new",
                    "stage": "building", "total": "50000", "year": 2020, "annual_plan": "12000", "planned_start": "2020-03",
                    "planned_finish": "2021-12", "actual_start": "2020-03", "unit_id": unit, "public": true }),
            )
            .await;
        let id = b["id"].as_i64().unwrap();
        app.api_post(
            &gxj,
            &format!("/api/v1/projects/{id}/reports"),
            json!({ "month": "2020-06", "invested": "4321", "progress": "机房主体完工" }),
        )
        .await;
        let page = || async {
            c.get(app.url("/public/projects/2020"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        };
        let html = page().await;
        assert!(html.contains("云州数据中心") && !html.contains("4,321") && !html.contains("机房主体完工"));
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let r = q["project_reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["project_id"] == id)
            .unwrap()
            .clone();
        app.api_post(
            &sup,
            &format!("/api/v1/project-reports/{}/review", r["id"]),
            json!({ "action": "accept", "version": r["version"] }),
        )
        .await;
        let html = page().await;
        assert!(html.contains("4,321") && html.contains("机房主体完工"), "{html}");
        // The chrome of every public page.
        for want in [
            "2020年重点项目建设进展",
            "发布时间",
            "信息来源",
            "责任编辑",
            "<svg",
            "?format=csv",
            "?format=json",
        ] {
            assert!(html.contains(want), "{want} missing");
        }
        let csv = c
            .get(app.url("/public/projects/2020?format=csv"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("\u{feff}序号,项目名称,级别"), "{csv}");
        assert!(csv.contains("云州数据中心"));
        assert_eq!(
            c.get(app.url("/public/projects/abc")).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
}
