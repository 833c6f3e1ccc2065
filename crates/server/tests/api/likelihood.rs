//! The likelihood of delivery (issue 19), both databases: the lead unit judges with its report
//! (a risk needs a reason; a draft's judgement does not count until sent); the task shows it
//! beside the light and says where they disagree; the office overrides with a reason and the
//! unit is told; another unit reads nothing of it.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn the_unit_judges_with_its_report_and_the_office_may_override() {
    for app in spawn_apps().await {
        let be = app.backend;
        let (unit, task, period) = owing(&app).await;
        let sup = app.token("duchashi").await;
        let path = format!("/api/v1/tasks/{task}/reports/{period}");
        let lk = format!("/api/v1/tasks/{task}/likelihood");
        let (_, before) = app.api_get(&sup, &lk).await;
        let report = |action: &str, l: &str, reason: &str| json!({ "action": action, "progress": 40, "content": "按计划推进", "likelihood": l, "likelihood_reason": reason });
        // A risk without a reason, or a judgement that is none, is refused.
        let (s, e) = app.api_put(&unit, &path, report("submit", "unlikely", "")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: {e}");
        assert_eq!(
            e["error"]["fields"][0]["code"], "LIKELIHOOD_REASON_MISSING",
            "{be}: {e}"
        );
        let (s, e) = app.api_put(&unit, &path, report("submit", "maybe", "")).await;
        assert_eq!(e["error"]["fields"][0]["code"], "LIKELIHOOD_INVALID", "{be}: {s} {e}");
        // A draft's judgement does not count.
        let (s, d) = app
            .api_put(&unit, &path, report("draft", "unlikely", "征地未完成"))
            .await;
        assert_eq!(s, StatusCode::OK, "{be}: {d}");
        let (_, after_draft) = app.api_get(&sup, &lk).await;
        assert_eq!(after_draft["current"], before["current"], "{be}");
        // Sent, it does: the lead unit's, with its reason.
        let mut sent = report("submit", "unlikely", "征地未完成，难以按期开工");
        sent["version"] = json!(1);
        let (s, e) = app.api_put(&unit, &path, sent).await;
        assert_eq!(s, StatusCode::OK, "{be}: {e}");
        let (_, now) = app.api_get(&sup, &lk).await;
        assert_eq!(now["current"]["judgement"], "unlikely", "{be}: {now}");
        assert_eq!(now["current"]["by_office"], false);
        assert_eq!(now["current"]["reason"], "征地未完成，难以按期开工");
        // Beside a light that is not red, the page says so.
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let light = t["task"]["light"].as_str().unwrap();
        assert_eq!(
            now["current"]["mismatch"].as_str().unwrap().is_empty(),
            !["green", "yellow"].contains(&light),
            "{be}: {light} {now}"
        );
        // The office overrides, with a reason; units may not; the unit is told.
        let (s, _) = app
            .api_post(&unit, &lk, json!({ "likelihood": "likely", "reason": "x" }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{be}");
        let (s, e) = app
            .api_post(&sup, &lk, json!({ "likelihood": "likely", "reason": " " }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: {e}");
        let (s, _) = app
            .api_post(
                &sup,
                &lk,
                json!({ "likelihood": "at_risk", "reason": "征地已启动，但进度偏慢" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}");
        let (_, over) = app.api_get(&unit, &lk).await;
        assert_eq!(over["current"]["judgement"], "at_risk", "{be}: {over}");
        assert_eq!(over["current"]["by_office"], true);
        assert!(
            over["history"].as_array().unwrap().len() >= 2,
            "{be}: the history keeps both"
        );
        let n = notice(&app, &unit, "likelihood_set").await;
        assert!(n["title"].as_str().unwrap().contains("存在风险"), "{be}: {n}");
        // Another unit reads nothing of it.
        let other = outsider(&app, task).await;
        let (s, _) = app.api_get(&other, &lk).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}");
        // The task page shows it, and the office's form.
        let c = app.login_page("duchashi").await;
        let (_, html) = app.page(&c, &format!("/tasks/{task}")).await;
        assert!(
            html.contains("id=\"likelihood-current\"") && html.contains("存在风险") && html.contains("likelihood-form"),
            "{be}"
        );
    }
}

#[tokio::test]
async fn the_demo_has_judgements_and_says_where_they_disagree() {
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let zjj = app.account("zjj").await.unit_id.unwrap();
        let (_, tasks) = app.api_get(&sup, &format!("/api/v1/units/{zjj}/tasks")).await;
        let task = tasks["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"].as_str().unwrap().contains("老旧小区"))
            .unwrap_or_else(|| panic!("{be}: {tasks}"));
        let (_, lk) = app
            .api_get(&sup, &format!("/api/v1/tasks/{}/likelihood", task["id"]))
            .await;
        assert_eq!(lk["current"]["judgement"], "unlikely", "{be}: {lk}");
        assert_eq!(task["light"], "green", "{be}");
        assert!(!lk["current"]["mismatch"].as_str().unwrap().is_empty(), "{be}: {lk}");
        // The office has set one, and most open leaf tasks carry their unit's judgement.
        let c = app.login_page("duchashi").await;
        let (_, html) = app.page(&c, &format!("/tasks/{}", task["id"])).await;
        assert!(html.contains("id=\"likelihood-mismatch\""), "{be}");
        let mut c = app.store.conn().await.unwrap();
        let region = app.account("duchashi").await.region_id;
        let all = luoshi_store::likelihood::counted(&mut c, region, "task").await.unwrap();
        assert!(all.len() > 50, "{be}: {}", all.len());
        assert_eq!(all.iter().filter(|j| j.overridden).count(), 1, "{be}");
        for k in ["likely", "probable", "at_risk", "unlikely"] {
            assert!(all.iter().any(|j| j.judgement == k), "{be}: {k}");
        }
        // The accuracy of the judgements on tasks since done, for the office and leaders.
        let (s, a) = app.api_get(&sup, "/api/v1/likelihood/accuracy").await;
        assert_eq!(s, reqwest::StatusCode::OK, "{be}: {a}");
        assert_eq!(a["rows"].as_array().unwrap().len(), 4, "{be}");
        assert!(a["tasks"].as_u64().unwrap() > 0, "{be}: {a}");
        let judged: u64 = a["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["judged"].as_u64().unwrap())
            .sum();
        assert!(judged >= a["tasks"].as_u64().unwrap(), "{be}: {a}");
        let unit = app.token("zjj").await;
        let (s, _) = app.api_get(&unit, "/api/v1/likelihood/accuracy").await;
        assert_eq!(s, reqwest::StatusCode::FORBIDDEN, "{be}");
        let c = app.login_page("chenweiguo").await;
        let (s, page) = app.page(&c, "/likelihood/accuracy").await;
        assert_eq!(s, reqwest::StatusCode::OK, "{be}");
        assert!(
            page.contains("准确率") && page.contains("id=\"accuracy\""),
            "{be}: {page}"
        );
    }
}
