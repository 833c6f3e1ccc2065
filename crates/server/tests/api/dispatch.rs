//! Dispatch meetings through the API (issue 16): the office prepares the mayor's meeting and its
//! agenda comes from the red and yellow projects and the open coordination issues; the agenda is
//! edited; each decision becomes a task (in the meeting's plan), a supervision order, an issue
//! closed, or is noted — the unit charged is told; a decided item stays decided; the minutes
//! come out as a .docx in the official layout; units may not read or write meetings.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

fn codes(b: &Value) -> Vec<String> {
    b["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{}:{}", f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_dispatch_meetings_decisions_become_tasks_orders_and_closed_issues_and_its_minutes() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let zjj = app.token("zjj").await;
        let (_, me) = app.api_get(&zjj, "/api/v1/me").await;
        let zjj_unit = me["unit_id"].as_i64().unwrap();
        let (_, leaders) = app.api_get(&sup, "/api/v1/leaders").await;
        let mayor = leaders
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == "陈卫国")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        // Bad input: each problem named, nothing written.
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/dispatch-meetings",
                json!({ "title": "", "leader_id": 999_999 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        let got = codes(&b);
        for want in [
            "title:DISPATCH_TITLE_INVALID",
            "held_on:DISPATCH_DAY_MISSING",
            "leader_id:PROJECT_CHOICE_UNKNOWN",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
        let (s, _) = app
            .api_post(
                &zjj,
                "/api/v1/dispatch-meetings",
                json!({ "title": "x", "leader_id": mayor, "held_on": "2020-07-02" }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // Nothing written: the demo's June meeting only.
        assert_eq!(
            app.api_get(&sup, "/api/v1/dispatch-meetings")
                .await
                .1
                .as_array()
                .unwrap()
                .len(),
            1
        );

        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/dispatch-meetings",
                json!({ "title": "全市重点项目7月调度会", "leader_id": mayor, "whole": true, "held_on": "2020-07-02",
                    "place": "市政府第一会议室" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let id = b["id"].as_i64().unwrap();
        let path = format!("/api/v1/dispatch-meetings/{id}");
        let (_, d) = app.api_get(&sup, &path).await;
        let items = d["items"].as_array().unwrap().clone();
        // Red first, then yellow, then the open issues.
        assert!(items[0]["topic"].as_str().unwrap().contains("（红灯："), "{}", items[0]);
        assert!(items.iter().any(|i| i["topic"].as_str().unwrap().contains("（黄灯：")));
        let issue_item = items.iter().find(|i| !i["issue_id"].is_null()).unwrap().clone();
        assert!(issue_item["topic"].as_str().unwrap().starts_with("协调事项（"));
        assert_eq!(
            app.api_get(&zjj, &path).await.0,
            StatusCode::FORBIDDEN,
            "a unit reads no meeting"
        );
        let (s, _) = app.api_get(&app.token("chenweiguo").await, &path).await;
        assert_eq!(s, StatusCode::OK, "the mayor reads it");

        // The agenda is edited: an item added, one reworded, one taken off.
        let (s, b) = app
            .api_post(
                &sup,
                &format!("{path}/items"),
                json!({ "topic": "研究老旧小区改造资金缺口" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let added = b["id"].as_i64().unwrap();
        let last = items.last().unwrap().clone();
        let (s, _) = app
            .api_put(
                &sup,
                &format!("/api/v1/dispatch-items/{}", last["id"]),
                json!({ "remove": true, "version": last["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let first = items[0].clone();
        let (s, _) = app
            .api_put(
                &sup,
                &format!("/api/v1/dispatch-items/{}", first["id"]),
                json!({ "topic": format!("{}（重点研究）", first["topic"].as_str().unwrap()), "version": first["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = app.api_get(&sup, &path).await;
        assert_eq!(d["items"].as_array().unwrap().len(), items.len());
        let version_of = |d: &Value, id: i64| {
            d["items"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()["version"].clone()
        };

        // Decisions. A task needs its unit and deadline.
        let decide = |item: i64| format!("/api/v1/dispatch-items/{item}/decision");
        let (s, b) = app
            .api_post(&sup, &decide(added), json!({ "decision": "市财政局会同市住建局筹措资金", "outcome": "task", "version": version_of(&d, added) }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec!["unit_id:DISPATCH_UNIT_MISSING", "due_on:DISPATCH_DUE_INVALID"]
        );
        let (s, b) = app
            .api_post(
                &sup,
                &decide(added),
                json!({ "decision": "市住建局牵头筹措老旧小区改造资金，7月底前拿出方案", "outcome": "task", "unit_id": zjj_unit,
                    "due_on": "2020-07-31", "version": version_of(&d, added) }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let n = notice(&app, &zjj, "dispatch_task").await;
        assert!(n["title"].as_str().unwrap().contains("筹措老旧小区改造资金"), "{n}");
        let (_, d) = app.api_get(&sup, &path).await;
        let task = d["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == added)
            .unwrap()["task_id"]
            .clone();
        let (s, t) = app.api_get(&zjj, &format!("/api/v1/tasks/{task}")).await;
        assert_eq!(s, StatusCode::OK, "the unit finds its task: {t}");
        assert_eq!(t["task"]["due"], "2020-07-31", "{t}");
        let plan = d["plan_id"].as_i64().unwrap();
        let (_, p) = app.api_get(&sup, &format!("/api/v1/plans/{plan}")).await;
        assert_eq!(p["plan"]["title"], "全市重点项目7月调度会议定事项", "{p}");
        // Decided once.
        let (s, b) = app
            .api_post(
                &sup,
                &decide(added),
                json!({ "decision": "再议", "outcome": "noted", "version": version_of(&d, added) }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(codes(&b), vec!["outcome:DISPATCH_DECIDED"]);
        // A supervision order, numbered as every order is.
        let order_item = first["id"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                &decide(order_item),
                json!({ "decision": "责成责任单位倒排工期，确保三季度追上序时进度", "outcome": "order", "unit_id": zjj_unit,
                    "due_on": "2020-07-20", "version": version_of(&d, order_item) }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        // The coordination issue resolved: closed, its unit told.
        let issue = issue_item["issue_id"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                &decide(issue_item["id"].as_i64().unwrap()),
                json!({ "decision": "由市自然资源局调剂用地指标", "outcome": "resolved", "version": version_of(&d, issue_item["id"].as_i64().unwrap()) }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (_, issues) = app.api_get(&sup, "/api/v1/project-issues").await;
        assert!(
            !issues["issues"].as_array().unwrap().iter().any(|i| i["id"] == issue),
            "closed"
        );
        // `resolved` only for an issue.
        let (_, d) = app.api_get(&sup, &path).await;
        let plain = d["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["issue_id"].is_null() && i["outcome"] == "")
            .unwrap()
            .clone();
        let (s, b) = app
            .api_post(
                &sup,
                &decide(plain["id"].as_i64().unwrap()),
                json!({ "decision": "x", "outcome": "resolved", "version": plain["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(codes(&b), vec!["outcome:DISPATCH_NO_ISSUE"]);

        let (_, d) = app.api_get(&sup, &path).await;
        let ordered = d["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == order_item)
            .unwrap()
            .clone();
        let doc_no = ordered["order_no"].as_str().unwrap().to_string();
        assert!(doc_no.starts_with("督〔2020〕"), "{ordered}");
        let (_, o) = app
            .api_get(&sup, &format!("/api/v1/supervisions/{}", ordered["order_id"]))
            .await;
        assert_eq!(o["order"]["source"], "meeting", "{o}");
        assert_eq!(d["decided"], 3);
        let (s, _) = app
            .api_post(&sup, &format!("{path}/held"), json!({ "version": d["version"] }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_post(&sup, &format!("{path}/held"), json!({ "version": d["version"] }))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "a stale version");

        // The minutes, in the official layout.
        let r = reqwest::Client::new()
            .get(app.url(&format!("{path}/minutes.docx")))
            .bearer_auth(&sup)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let text = luoshi_office::docx_text(&r.bytes().await.unwrap()).unwrap();
        for want in [
            "调度会纪要",
            "2020年第2期",
            "全市重点项目7月调度会纪要",
            "市长 陈卫国在市政府第一会议室主持召开全市重点项目7月调度会",
            "一、",
            "市住建局牵头筹措老旧小区改造资金，7月底前拿出方案（责任单位：市住房和城乡建设局；完成时限：2020年7月31日）",
            doc_no.as_str(),
            "由市自然资源局调剂用地指标",
        ] {
            assert!(text.contains(want), "{want} missing from the minutes: {text}");
        }
    }
}

/// The pages: the office prepares a meeting with the form (a missing title comes back said),
/// records a decision as a task from the meeting's page, and downloads the minutes; a leader
/// reads the meeting without the forms.
#[tokio::test]
async fn the_office_runs_a_meeting_from_its_pages() {
    for app in spawn_apps().await {
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, "/dispatch").await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        let csrf = csrf_of(&html);
        let leader = html
            .split("name=\"leader_id\">")
            .nth(1)
            .and_then(|x| x.split("<option value=\"").nth(1))
            .and_then(|x| x.split('"').next())
            .unwrap()
            .to_string();
        let mut fields = vec![
            ("csrf", csrf.clone()),
            ("title", String::new()),
            ("leader_id", leader),
            ("held_on", "2020-07-02".into()),
            ("whole", "1".into()),
        ];
        let r = office.post(app.url("/dispatch")).form(&fields).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("请填写会议名称"));
        fields[1] = ("title", "全市重点项目7月调度会".into());
        let r = office.post(app.url("/dispatch")).form(&fields).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"]
            .to_str()
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_string();
        let (_, html) = app.page(&office, &to).await;
        assert!(html.contains("（红灯：") && html.contains("记录议定事项"), "{html}");
        let item = html
            .split("action=\"/dispatch-items/")
            .nth(1)
            .and_then(|x| x.split('/').next())
            .unwrap()
            .to_string();
        let unit = html
            .split("name=\"unit_id\"><option value=\"\">—</option><option value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap()
            .to_string();
        let r = office
            .post(app.url(&format!("/dispatch-items/{item}/decision")))
            .form(&[
                ("csrf", csrf_of(&html)),
                ("version", "1".into()),
                ("decision", "倒排工期，三季度追上序时进度".into()),
                ("outcome", "task".into()),
                ("unit_id", unit),
                ("due_on", "2020-09-30".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, html) = app.page(&office, &to).await;
        assert!(html.contains("倒排工期，三季度追上序时进度") && html.contains("转为任务"));
        let r = office.get(app.url(&format!("{to}/minutes.docx"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let text = luoshi_office::docx_text(&r.bytes().await.unwrap()).unwrap();
        assert!(text.contains("倒排工期，三季度追上序时进度"), "{text}");
        let mayor = app.login_page("chenweiguo").await;
        let (s, html) = app.page(&mayor, &to).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!html.contains("记录议定事项"), "a leader reads, the office records");
    }
}

/// The demo city held the mayor's June dispatch meeting: its decisions became tasks, each led by
/// the project's unit in the meeting's plan, and the funding issue was resolved there.
#[tokio::test]
async fn the_demo_held_a_dispatch_meeting_whose_decisions_are_followed_up() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, list) = app.api_get(&sup, "/api/v1/dispatch-meetings").await;
        let held = list
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["status"] == "held")
            .unwrap()
            .clone();
        assert_eq!(held["title"], "全市重点项目6月调度会", "{}", app.backend);
        let (_, d) = app
            .api_get(&sup, &format!("/api/v1/dispatch-meetings/{}", held["id"]))
            .await;
        let items = d["items"].as_array().unwrap();
        let tasks: Vec<&Value> = items.iter().filter(|i| i["outcome"] == "task").collect();
        assert_eq!(tasks.len(), 2, "{d}");
        for t in tasks {
            let (s, task) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["task_id"])).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(task["task"]["plan_id"], d["plan_id"]);
        }
        assert!(
            items
                .iter()
                .any(|i| i["outcome"] == "resolved" && i["issue_id"].is_i64())
        );
        let r = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/dispatch-meetings/{}/minutes.docx", held["id"])))
            .bearer_auth(&sup)
            .send()
            .await
            .unwrap();
        let text = luoshi_office::docx_text(&r.bytes().await.unwrap()).unwrap();
        assert!(text.contains("市财政局7月10日前拨付到位"), "{text}");
    }
}
