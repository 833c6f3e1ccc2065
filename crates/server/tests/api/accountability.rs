//! Accountability and commendation records (issue 19), both databases: the office enters one
//! against a unit with the records that justify it; the unit is told and sees it, another unit
//! does not; the open scheme's score gains its line; a public one is on the public site; a stale
//! change is a conflict, a bad one names its field; removing it takes the line away.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn the_office_keeps_records_that_units_see_and_scores_count() {
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let zjj = app.token("zjj").await;
        let gxj = app.token("gxj").await;
        let mayor = app.token("chenweiguo").await;
        let me = app.account("zjj").await.unit_id.unwrap();
        let (_, tasks) = app.api_get(&zjj, &format!("/api/v1/units/{me}/tasks")).await;
        let task = tasks["tasks"][0]["id"].as_i64().unwrap();
        let body = json!({ "unit_id": me, "kind": "praise", "reason": "老旧小区改造提前完成", "doc_no": "督查通报〔2020〕5号",
            "decided_on": "2020-06-28", "records": format!("task:{task}"), "public": true });
        // Units and leaders do not enter records.
        for t in [&zjj, &mayor] {
            let (s, _) = app.api_post(t, "/api/v1/accountability", body.clone()).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{be}");
        }
        // What is wrong is named, and nothing is kept.
        for (bad, field, code) in [
            (json!({ "records": "task:999999" }), "records", "ACCOUNTABILITY_INVALID"),
            (json!({ "records": "unit:1" }), "records", "ACCOUNTABILITY_INVALID"),
            (
                json!({ "decided_on": "2020-07-01" }),
                "decided_on",
                "ACCOUNTABILITY_INVALID",
            ),
            (json!({ "kind": "reward" }), "kind", "ACCOUNTABILITY_KIND_UNKNOWN"),
            (json!({ "reason": " " }), "reason", "REASON_EMPTY"),
        ] {
            let mut b = body.clone();
            for (k, v) in bad.as_object().unwrap() {
                b[k] = v.clone();
            }
            let (s, e) = app.api_post(&sup, "/api/v1/accountability", b).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: {e}");
            assert_eq!(
                (
                    e["error"]["fields"][0]["field"].as_str(),
                    e["error"]["fields"][0]["code"].as_str()
                ),
                (Some(field), Some(code)),
                "{be}: {e}"
            );
        }
        let (_, demo) = app.api_get(&sup, "/api/v1/accountability").await;
        let before = demo.as_array().unwrap().len();
        // The demo city's records: every kind, each resting on a task of its unit.
        let kinds: std::collections::BTreeSet<&str> = demo
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds.len(), 5, "{be}: {demo}");
        assert!(
            demo.as_array().unwrap().iter().all(|r| r["records"][0]["link"]
                .as_str()
                .is_some_and(|l| l.starts_with("/tasks/"))),
            "{be}: {demo}"
        );
        let (s, c) = app.api_post(&sup, "/api/v1/accountability", body.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{be}: {c}");
        let id = c["id"].as_i64().unwrap();
        // The unit is told, sees it with its task, and another unit does not.
        let n = notice(&app, &zjj, "accountability_recorded").await;
        assert!(n["title"].as_str().unwrap().contains("通报表扬"), "{be}: {n}");
        let (_, mine) = app.api_get(&zjj, "/api/v1/accountability").await;
        let rec = mine
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap();
        assert_eq!(rec["commendation"], true);
        assert_eq!(rec["records"][0]["link"], format!("/tasks/{task}"), "{be}: {rec}");
        let (s, _) = app.api_get(&gxj, &format!("/api/v1/accountability/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}");
        let (_, theirs) = app.api_get(&gxj, "/api/v1/accountability").await;
        assert!(theirs.as_array().unwrap().iter().all(|r| r["id"] != id), "{be}");
        let (s, _) = app.api_get(&gxj, &format!("/api/v1/accountability?unit_id={me}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}");
        let (_, all) = app.api_get(&mayor, "/api/v1/accountability").await;
        assert_eq!(all.as_array().unwrap().len(), before + 1, "{be}");
        // The open scheme's score gains a praise line linking to the record.
        let (_, schemes) = app.api_get(&sup, "/api/v1/schemes").await;
        let scheme = schemes[0]["id"].as_i64().unwrap();
        let praise = |b: &serde_json::Value| {
            b["lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["rule"] == "praise" && l["link"] == format!("/accountability/{id}"))
                .count()
        };
        let (_, score) = app.api_get(&zjj, &format!("/api/v1/schemes/{scheme}/units/{me}")).await;
        assert_eq!(praise(&score), 1, "{be}: {score}");
        // Public: on the public site, with the reason, not the task behind it.
        let (s, html) = app.page(&reqwest::Client::new(), "/public/accountability").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("老旧小区改造提前完成") && html.contains("督查通报〔2020〕5号"),
            "{be}"
        );
        let (_, index) = app.page(&reqwest::Client::new(), "/public").await;
        assert!(index.contains("/public/accountability"), "{be}");
        // A stale change is a conflict; a change made private leaves the public site.
        let mut change = body.clone();
        change["public"] = json!(false);
        change["version"] = json!(rec["version"].as_i64().unwrap() + 1);
        let (s, _) = app
            .api_put(&sup, &format!("/api/v1/accountability/{id}"), change.clone())
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{be}");
        change["version"] = rec["version"].clone();
        let (s, e) = app.api_put(&sup, &format!("/api/v1/accountability/{id}"), change).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}: {e}");
        let (_, html) = app.page(&reqwest::Client::new(), "/public/accountability").await;
        assert!(!html.contains("老旧小区改造提前完成"), "{be}");
        // Removed (with a reason): the line goes, the unit is told, the audit keeps it.
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/accountability/{id}/remove"),
                json!({ "version": 2, "why": "" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: a removal needs a reason");
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/accountability/{id}/remove"),
                json!({ "version": 2, "why": "登记有误" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}");
        let (_, score) = app.api_get(&zjj, &format!("/api/v1/schemes/{scheme}/units/{me}")).await;
        assert_eq!(praise(&score), 0, "{be}: {score}");
        let (s, _) = app.api_get(&zjj, &format!("/api/v1/accountability/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}");
    }
}

#[tokio::test]
async fn the_office_enters_a_record_on_the_page_and_the_unit_reads_it() {
    for app in spawn_apps().await {
        let be = app.backend;
        let me = app.account("zjj").await.unit_id.unwrap();
        let c = app.login_page("duchashi").await;
        let (s, html) = app.page(&c, &format!("/accountability?unit={me}")).await;
        assert_eq!(s, StatusCode::OK, "{be}");
        let csrf = csrf_of(&html);
        let unit = me.to_string();
        let mut form = vec![
            ("csrf", csrf.as_str()),
            ("unit_id", unit.as_str()),
            ("kind", "interview"),
            ("person", "张某（副局长）"),
            ("reason", "棚户区改造进度连续两月滞后"),
            ("doc_no", ""),
            ("decided_on", "2020-07-09"),
            ("records", ""),
        ];
        let r = c.post(app.url("/accountability")).form(&form).send().await.unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("accountability-errors") && html.contains("决定日期不能晚于今天"),
            "{be}: {html}"
        );
        assert!(
            html.contains("棚户区改造进度连续两月滞后"),
            "{be}: what was typed stays"
        );
        form.retain(|(k, _)| *k != "decided_on");
        form.push(("decided_on", "2020-06-29"));
        let r = c.post(app.url("/accountability")).form(&form).send().await.unwrap();
        assert!(r.status().is_redirection(), "{be}: {}", r.status());
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, page) = app.page(&c, &to).await;
        assert!(page.contains("约谈") && page.contains("张某（副局长）"), "{be}");
        // The unit reads it on its own page; the office's forms are not there.
        let zjj = app.login_page("zjj").await;
        let (s, unit_page) = app.page(&zjj, &format!("/units/{me}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(unit_page.contains("棚户区改造进度连续两月滞后"), "{be}");
        let path = to.split('?').next().unwrap();
        let (s, own) = app.page(&zjj, path).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!own.contains("change-accountability"), "{be}");
        let gxj = app.login_page("gxj").await;
        let (s, _) = app.page(&gxj, path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}");
    }
}
