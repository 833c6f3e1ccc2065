//! Supervision orders on both databases: numbering, who sees them, the reply–review loop,
//! periodic orders, conflicts, and the pages.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// A task led by `login`'s unit: (task id, unit id).
async fn task_of(app: &TestApp, login: &str) -> (i64, i64) {
    let token = app.token(login).await;
    let (_, me) = app.api_get(&token, "/api/v1/me").await;
    let unit = me["unit_id"].as_i64().unwrap();
    let (_, tasks) = app.api_get(&token, &format!("/api/v1/units/{unit}/tasks")).await;
    let t = tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["lead_unit_id"] == unit)
        .unwrap();
    (t["id"].as_i64().unwrap(), unit)
}

fn order(task: i64, unit: i64, mode: &str) -> Value {
    json!({ "level": "key", "source": "task", "task_id": task, "title": "老旧小区改造进度滞后",
        "requirement": "请于7月10日前报送整改措施和完成时间表", "lead_unit_id": unit, "co_unit_ids": [],
        "reply_due": "2020-07-10", "mode": mode })
}

#[tokio::test]
async fn an_order_is_numbered_replied_returned_and_closed_and_only_its_units_see_it() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (task, unit) = task_of(&app, "yjj").await;
        let (s, a) = app
            .api_post(&sup, "/api/v1/supervisions", order(task, unit, "once"))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {a}", app.backend);
        let first = a["doc_no"].as_str().unwrap().to_string();
        let n: i64 = first
            .trim_start_matches("督〔2020〕")
            .trim_end_matches('号')
            .parse()
            .unwrap();
        let (_, b) = app
            .api_post(&sup, "/api/v1/supervisions", order(task, unit, "once"))
            .await;
        assert_eq!(
            b["doc_no"],
            format!("督〔2020〕{}号", n + 1),
            "numbers follow each other"
        );
        let id = a["id"].as_i64().unwrap();
        let path = format!("/api/v1/supervisions/{id}");

        // The unit sees it in its list and inbox; a unit it does not name does not.
        let yjj = app.token("yjj").await;
        let (_, list) = app.api_get(&yjj, "/api/v1/supervisions").await;
        assert!(list.as_array().unwrap().iter().any(|o| o["id"] == id));
        let (_, inbox) = app.api_get(&yjj, "/api/v1/inbox").await;
        assert!(
            inbox["orders"].as_array().unwrap().iter().any(|o| o["id"] == id),
            "{inbox}"
        );
        let other = outsider(&app, task).await;
        let (s, _) = app.api_get(&other, &path).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, list) = app.api_get(&other, "/api/v1/supervisions").await;
        assert!(!list.as_array().unwrap().iter().any(|o| o["id"] == id));
        let (s, _) = app.api_get(&app.token("chenweiguo").await, &path).await;
        assert_eq!(s, StatusCode::OK, "a leader reads the region's orders");

        // Reply, sent back, reply again, close.
        let (_, d) = app.api_get(&yjj, &path).await;
        assert_eq!(d["order"]["light"], "green");
        let v = d["order"]["version"].as_i64().unwrap();
        let (s, e) = app
            .api_post(
                &yjj,
                &format!("{path}/replies"),
                json!({ "content": " ", "version": v }),
            )
            .await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("REPLY_EMPTY"))
        );
        let (s, _) = app
            .api_post(
                &yjj,
                &format!("{path}/replies"),
                json!({ "content": "已制定整改方案，7月底前完成", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, _) = app
            .api_post(
                &yjj,
                &format!("{path}/replies"),
                json!({ "content": "再次答复", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no second reply while one waits");
        let (_, d) = app.api_get(&sup, &path).await;
        assert_eq!(d["order"]["status"], "replied");
        let v = d["order"]["version"].as_i64().unwrap();
        let (s, e) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "return", "note": "", "version": v }),
            )
            .await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("REASON_EMPTY"))
        );
        let (s, e) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "continue", "note": "", "version": v }),
            )
            .await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("ORDER_ONCE_NO_CONTINUE"))
        );
        let (s, _) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "return", "note": "请补充具体完成时间", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, e) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "return", "note": "再退", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no reply waits any more: {e}");
        let (_, d) = app.api_get(&yjj, &path).await;
        assert_eq!(
            (d["order"]["status"].as_str(), d["order"]["light"].as_str()),
            (Some("open"), Some("yellow")),
            "{d}"
        );
        assert_eq!(d["replies"][0]["status"], "returned");
        let v = d["order"]["version"].as_i64().unwrap();
        let (s, _) = app
            .api_post(
                &yjj,
                &format!("{path}/replies"),
                json!({ "content": "7月25日前全部完成", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, d) = app.api_get(&sup, &path).await;
        let v = d["order"]["version"].as_i64().unwrap();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "close", "note": "", "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = app.api_get(&yjj, &path).await;
        assert_eq!(
            (d["order"]["status"].as_str(), d["order"]["light"].as_str()),
            (Some("closed"), Some("blue"))
        );
        assert_eq!(d["replies"].as_array().unwrap().len(), 2);
        // The unit heard of each decision.
        let (_, n) = app.api_get(&yjj, "/api/v1/notifications").await;
        let n = n.to_string();
        assert!(
            n.contains(&format!("督办答复被退回：{first}")) && n.contains("请补充具体完成时间"),
            "{n}"
        );
        assert!(n.contains(&format!("督办单已办结销号：{first}")), "{n}");
        // The task's history tells the story.
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let events = t["events"].to_string();
        assert!(
            events.contains(&format!("下发督办单{first}")) && events.contains("办结销号"),
            "{events}"
        );
        // A stale version is a conflict, not an overwrite.
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/supervisions/{}/review", b["id"]),
                json!({ "action": "close", "note": "已解决", "version": 0 }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn orders_issued_at_once_get_distinct_numbers() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (task, unit) = task_of(&app, "yjj").await;
        let calls = (0..12).map(|_| app.api_post(&sup, "/api/v1/supervisions", order(task, unit, "once")));
        let got = join_all(calls.collect()).await;
        let numbers: Vec<String> = got
            .iter()
            .map(|(s, b)| {
                assert_eq!(*s, StatusCode::CREATED, "{b}");
                b["doc_no"].as_str().unwrap().to_string()
            })
            .collect();
        let mut n: Vec<i64> = numbers
            .iter()
            .map(|d| {
                d.trim_start_matches("督〔2020〕")
                    .trim_end_matches('号')
                    .parse()
                    .unwrap()
            })
            .collect();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), 12, "{}: {numbers:?}", app.backend);
        assert_eq!(n[11] - n[0], 11, "consecutive, no gaps: {n:?}");
    }
}

#[tokio::test]
async fn a_periodic_order_moves_its_deadline_on_when_a_reply_is_accepted() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (task, unit) = task_of(&app, "yjj").await;
        let (_, a) = app
            .api_post(&sup, "/api/v1/supervisions", order(task, unit, "weekly"))
            .await;
        let path = format!("/api/v1/supervisions/{}", a["id"]);
        let yjj = app.token("yjj").await;
        let (_, d) = app.api_get(&yjj, &path).await;
        app.api_post(
            &yjj,
            &format!("{path}/replies"),
            json!({ "content": "本周完成3个小区", "version": d["order"]["version"] }),
        )
        .await;
        let (_, d) = app.api_get(&sup, &path).await;
        let (s, _) = app
            .api_post(
                &sup,
                &format!("{path}/review"),
                json!({ "action": "continue", "note": "", "version": d["order"]["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = app.api_get(&sup, &path).await;
        assert_eq!(
            (d["order"]["status"].as_str(), d["order"]["reply_due"].as_str()),
            (Some("open"), Some("2020-07-17")),
            "{d}"
        );
        assert_eq!(d["replies"][0]["status"], "accepted");
    }
}

#[tokio::test]
async fn bad_orders_are_refused_with_their_fields_and_only_the_office_issues() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (task, unit) = task_of(&app, "yjj").await;
        let bad = json!({ "level": "urgent", "source": "task", "title": "", "requirement": "", "reply_due": "2020-06-01",
            "mode": "once", "co_unit_ids": [] });
        let (s, e) = app.api_post(&sup, "/api/v1/supervisions", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let codes: Vec<&str> = e["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        for c in [
            "ORDER_LEAD_MISSING",
            "ORDER_LEVEL_UNKNOWN",
            "ORDER_TASK_MISSING",
            "ORDER_TITLE_EMPTY",
            "ORDER_REQUIREMENT_EMPTY",
            "ORDER_DUE_PAST",
        ] {
            assert!(codes.contains(&c), "{c} in {codes:?}");
        }
        for role in ["yjj", "chenweiguo", "admin", "auditor"] {
            let (s, _) = app
                .api_post(
                    &app.token(role).await,
                    "/api/v1/supervisions",
                    order(task, unit, "once"),
                )
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{role}");
        }
        // A co-unit may read but not reply.
        let (_, me) = app.api_get(&app.token("zjj").await, "/api/v1/me").await;
        let mut o = order(task, unit, "once");
        o["co_unit_ids"] = json!([me["unit_id"]]);
        let (_, a) = app.api_post(&sup, "/api/v1/supervisions", o).await;
        let zjj = app.token("zjj").await;
        let path = format!("/api/v1/supervisions/{}", a["id"]);
        let (s, d) = app.api_get(&zjj, &path).await;
        assert_eq!(s, StatusCode::OK);
        let (s, _) = app
            .api_post(
                &zjj,
                &format!("{path}/replies"),
                json!({ "content": "x", "version": d["order"]["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_pages_issue_an_order_from_a_task_and_the_unit_replies_from_its_inbox() {
    for app in spawn_apps().await {
        let (task, unit) = task_of(&app, "yjj").await;
        let sup = app.login_page("duchashi").await;
        let (s, html) = app.page(&sup, &format!("/supervisions/new?task={task}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains(&format!("name=\"task_id\" value=\"{task}\"")));
        assert!(
            html.contains(&format!("<option value=\"{unit}\" selected>")),
            "the task's lead unit is chosen"
        );
        let csrf = csrf_of(&html);
        let r = sup
            .post(app.url("/supervisions/new"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("task_id", &task.to_string()),
                ("level", "listed"),
                ("source", "task"),
                ("mode", "once"),
                ("title", "<script>alert(1)</script>整改"),
                ("requirement", "限期整改"),
                ("source_text", ""),
                ("lead_unit_id", &unit.to_string()),
                ("reply_due", "2020-07-08"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, html) = app.page(&sup, &to).await;
        let doc_no = html
            .split("<span class=\"muted\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string();
        assert!(doc_no.starts_with("督〔2020〕"), "{doc_no}");
        assert!(html.contains("挂牌督办") && !html.contains("<script>alert"));
        let (_, html) = app.page(&sup, &format!("/tasks/{task}")).await;
        assert!(
            html.contains("id=\"orders\"") && html.contains(&doc_no),
            "the task shows its order"
        );

        let unit_browser = app.login_page("yjj").await;
        let (_, html) = app.page(&unit_browser, "/inbox").await;
        assert!(html.contains("id=\"my-orders\"") && html.contains(&doc_no));
        let (_, html) = app.page(&unit_browser, &to).await;
        assert!(html.contains("id=\"reply-form\""));
        let csrf = csrf_of(&html);
        let version = html
            .split("name=\"version\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let r = unit_browser
            .post(app.url(&format!("{to}/reply").replace("?flash=flash.order_issued", "")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("content", "已完成整改"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, html) = app.page(&sup, "/supervisions?status=replied").await;
        assert!(html.contains(&doc_no));
    }
}
