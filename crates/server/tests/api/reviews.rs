//! The office's review queue: each waiting report in the list with its text, files, light and
//! waiting time, oldest first; accepted or returned inline; several accepted at once, each
//! checked and recorded, all or nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn queue(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, q) = app.api_get(token, "/api/v1/reviews").await;
    assert_eq!(s, StatusCode::OK, "{q}");
    q["reports"].as_array().unwrap().clone()
}

async fn status_of(app: &TestApp, token: &str, task: i64, report: i64) -> String {
    let (_, t) = app.api_get(token, &format!("/api/v1/tasks/{task}")).await;
    t["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == report)
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_queue_shows_what_the_office_decides_on_oldest_first_and_flags_long_waits() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let q = queue(&app, &sup).await;
        assert!(q.len() > 10, "{}: the demo has reports waiting", app.backend);
        let first = &q[0];
        for key in [
            "content",
            "evidence",
            "light",
            "light_name",
            "waiting_days",
            "flagged",
            "version",
            "task_title",
            "unit",
        ] {
            assert!(!first[key].is_null(), "{key} missing: {first}");
        }
        let waits: Vec<i64> = q.iter().map(|r| r["waiting_days"].as_i64().unwrap()).collect();
        assert!(waits.windows(2).all(|w| w[0] >= w[1]), "oldest first: {waits:?}");
        assert!(
            q.iter()
                .all(|r| r["flagged"].as_bool().unwrap() == (r["waiting_days"].as_i64().unwrap() > 3))
        );
        let (unit, _, _) = owing(&app).await;
        let (s, _) = app.api_get(&unit, "/api/v1/reviews").await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn several_reports_are_accepted_at_once_all_or_nothing() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let q = queue(&app, &sup).await;
        let pick = |r: &Value| json!({ "id": r["report_id"], "version": r["version"] });
        let (a, b, c) = (&q[0], &q[1], &q[2]);

        let (s, body) = app
            .api_post(&sup, "/api/v1/reviews/accept", json!({ "reports": [] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{} {body}", app.backend);
        assert_eq!(body["error"]["fields"][0]["code"], "REVIEW_NOTHING_CHOSEN");

        // One read at an old version: a conflict, and none is accepted.
        let stale = json!({ "id": c["report_id"], "version": c["version"].as_i64().unwrap() - 1 });
        let (s, _) = app
            .api_post(
                &sup,
                "/api/v1/reviews/accept",
                json!({ "reports": [pick(a), pick(b), stale] }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        for r in [a, b, c] {
            let t = r["task_id"].as_i64().unwrap();
            assert_eq!(
                status_of(&app, &sup, t, r["report_id"].as_i64().unwrap()).await,
                "submitted"
            );
        }

        // Accepted one by one and recorded; a unit cannot.
        let (unit, _, _) = owing(&app).await;
        let (s, _) = app
            .api_post(&unit, "/api/v1/reviews/accept", json!({ "reports": [pick(a)] }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, body) = app
            .api_post(&sup, "/api/v1/reviews/accept", json!({ "reports": [pick(a), pick(b)] }))
            .await;
        assert_eq!((s, body["accepted"].as_i64()), (StatusCode::OK, Some(2)), "{body}");
        for r in [a, b] {
            let t = r["task_id"].as_i64().unwrap();
            assert_eq!(
                status_of(&app, &sup, t, r["report_id"].as_i64().unwrap()).await,
                "accepted"
            );
        }
        let (_, audit) = app.api_get(&app.token("auditor").await, "/api/v1/audit").await;
        let accepted = audit["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["action"] == "report.accepted")
            .count();
        assert!(accepted >= 2, "each acceptance has its audit line: {accepted}");

        // An already accepted one in a batch refuses the batch, naming it.
        let (s, body) = app
            .api_post(&sup, "/api/v1/reviews/accept", json!({ "reports": [pick(c), pick(a)] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["fields"][0]["code"], "REVIEW_BATCH_REFUSED");
        assert!(
            body["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains("第2条"),
            "{body}"
        );
        let t = c["task_id"].as_i64().unwrap();
        assert_eq!(
            status_of(&app, &sup, t, c["report_id"].as_i64().unwrap()).await,
            "submitted"
        );
    }
}

#[tokio::test]
async fn the_queue_page_decides_inline_and_in_a_batch() {
    for app in spawn_apps().await {
        let sup = app.login_page("duchashi").await;
        let (_, html) = app.page(&sup, "/reviews").await;
        assert!(
            html.contains("id=\"batch-form\"") && html.contains("class=\"review-inline\""),
            "{}",
            app.backend
        );
        assert!(!html.contains('⟦'));
        let token = app.token("duchashi").await;
        let q = queue(&app, &token).await;
        let (a, b, c) = (&q[0], &q[1], &q[2]);
        let csrf = csrf_of(&html);

        // Inline: return needs a note; with one, back to the queue.
        let review = format!("/reports/{}/review", a["report_id"]);
        let r = sup
            .post(app.url(&review))
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", &a["version"].to_string()),
                ("back", "reviews"),
                ("action", "return"),
                ("note", "请补充佐证材料"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(r.headers()["location"].to_str().unwrap().starts_with("/reviews"));

        // Batch: two chosen.
        let chosen = |r: &Value| format!("{}:{}", r["report_id"], r["version"]);
        let r = sup
            .post(app.url("/reviews/accept"))
            .form(&[("csrf", csrf.as_str()), ("report", &chosen(b)), ("report", &chosen(c))])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let left = queue(&app, &token).await;
        assert!(left.iter().all(|r| r["report_id"] != a["report_id"]
            && r["report_id"] != b["report_id"]
            && r["report_id"] != c["report_id"]));
        // A refused batch comes back with the reason and changes nothing.
        let d = &left[0];
        let r = sup
            .post(app.url("/reviews/accept"))
            .form(&[("csrf", csrf.as_str()), ("report", &chosen(d)), ("report", &chosen(b))])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("本次均未采纳"));
        assert!(
            queue(&app, &token)
                .await
                .iter()
                .any(|r| r["report_id"] == d["report_id"])
        );
    }
}
