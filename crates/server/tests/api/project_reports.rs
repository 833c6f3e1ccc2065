//! Key projects' monthly reports, warnings and coordination issues through the API (issue 16):
//! the responsible unit sends a month, the office accepts it through its review queue, the
//! warning follows the accepted figures with its numbers in words; bad input is refused on its
//! field with nothing written; a correction needs its reason and stays in the history; issues go
//! open → answered → returned → closed, each step told to whom it concerns; an overdue issue and
//! a missing month turn the warning yellow on a later day.

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn unit_of(app: &TestApp, login: &str) -> (String, i64) {
    let t = app.token(login).await;
    let (_, me) = app.api_get(&t, "/api/v1/me").await;
    (t, me["unit_id"].as_i64().unwrap())
}

/// A project of `unit` under construction with a year's plan of 10,000 万元; its id.
async fn project_of(app: &TestApp, sup: &str, unit: i64, service: i64) -> i64 {
    let (_, cats) = app.api_get(sup, "/api/v1/project-categories").await;
    let category = cats[0]["id"].as_i64().unwrap();
    let (s, b) = app
        .api_post(
            sup,
            "/api/v1/projects",
            json!({ "name": "城东污水处理厂扩建", "level": "city", "category_id": category, "nature": "expansion",
                "stage": "building", "total": "30000", "year": 2020, "annual_plan": "10000", "planned_start": "2020-02",
                "planned_finish": "2021-06", "actual_start": "2020-02", "unit_id": unit, "service_unit_id": service,
                "public": true }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
    b["id"].as_i64().unwrap()
}

fn codes(b: &Value) -> Vec<(String, String)> {
    b["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| (f["field"].as_str().unwrap().into(), f["code"].as_str().unwrap().into()))
        .collect()
}

#[tokio::test]
async fn a_month_accepted_by_the_office_puts_the_project_behind_time_progress_in_words() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let (zjj, _) = unit_of(&app, "zjj").await;
        let (_, service) = unit_of(&app, "yjj").await;
        let id = project_of(&app, &sup, unit, service).await;
        let path = format!("/api/v1/projects/{id}/reports");
        let month =
            |invested: &str| json!({ "month": "2020-06", "invested": invested, "progress": "主体结构完成六成" });

        // Bad input: each problem on its field, nothing written.
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-07", "invested": "-5", "progress": "" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}: {b}", app.backend);
        let got = codes(&b);
        for want in [
            ("month", "PROJECT_MONTH_IN_FUTURE"),
            ("invested", "PROJECT_MONEY_NEGATIVE"),
            ("progress", "PROJECT_PROGRESS_MISSING"),
        ] {
            assert!(got.contains(&(want.0.into(), want.1.into())), "{want:?} in {got:?}");
        }
        let (s, b) = app.api_post(&gxj, &path, month("两千三百")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![("invested".into(), "PROJECT_MONEY_NOT_A_NUMBER".into())]
        );
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert!(d["reports"].as_array().unwrap().is_empty(), "nothing written: {d}");
        // Only the responsible unit reports: another unit does not even see the project.
        let (s, _) = app.api_post(&zjj, &path, month("2300")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app.api_post(&sup, &path, month("2300")).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "the office does not report for the unit");

        let (s, b) = app.api_post(&gxj, &path, month("2300")).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let report = b["id"].as_i64().unwrap();
        // Sent, not yet accepted: the warning does not move on a figure the office has not seen.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["project"]["light"], "green", "{}", d["project"]);
        assert_eq!(d["reports"][0]["status"], "submitted");

        // The office's review queue carries it; returning needs a note.
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let item = q["project_reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == report)
            .unwrap_or_else(|| panic!("not in the queue: {q}"))
            .clone();
        assert_eq!(item["invested_text"], "2,300");
        let review = format!("/api/v1/project-reports/{report}/review");
        let (s, b) = app
            .api_post(&sup, &review, json!({ "action": "return", "version": item["version"] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(codes(&b), vec![("note".into(), "PROJECT_RETURN_NOTE_REQUIRED".into())]);
        let (s, _) = app
            .api_post(&gxj, &review, json!({ "action": "accept", "version": item["version"] }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "a unit does not accept its own report");
        let (s, b) = app
            .api_post(&sup, &review, json!({ "action": "accept", "version": item["version"] }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (s, _) = app
            .api_post(&sup, &review, json!({ "action": "accept", "version": item["version"] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "decided once");

        // Accepted: 2,300 of 10,000 after June is 27 points behind 序时进度 — yellow.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["project"]["light"], "yellow", "{}", d["project"]);
        assert_eq!(
            d["project"]["warning"],
            "1–6月完成投资2,300万元，年度计划的23.0%，落后序时进度27.0个百分点"
        );
        assert_eq!(d["project"]["done_share"], "23.00%");
        assert_eq!(d["history"][0]["month"], "2020-06");
        assert_eq!(d["history"][0]["light"], "yellow");
        assert_eq!(d["chart"]["points"].as_array().unwrap().len(), 1);
        let n = notice(&app, &gxj, "project_report_accepted").await;
        assert!(n["title"].as_str().unwrap().contains("城东污水处理厂扩建"), "{n}");
        // The ledger filters by warning.
        let (_, l) = app.api_get(&sup, "/api/v1/projects?light=yellow").await;
        assert!(l["rows"].as_array().unwrap().iter().any(|r| r["id"] == id));
        assert!(l["rows"].as_array().unwrap().iter().all(|r| r["light"] == "yellow"));

        // A correction of the accepted month needs its reason, which the history keeps; the
        // warning stays on the accepted figure until the office accepts the new one.
        let version = d["reports"][0]["version"].clone();
        let mut fix = month("2000");
        fix["version"] = version.clone();
        let (s, b) = app.api_post(&gxj, &path, fix.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![("correction_reason".into(), "PROJECT_CORRECTION_REASON_REQUIRED".into())]
        );
        fix["correction_reason"] = json!("财务决算核减设备款300万元");
        let (s, b) = app.api_post(&gxj, &path, fix).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["project"]["done_text"], "2,300");
        assert_eq!(d["reports"][0]["accepted_text"], "2,300");
        let change = d["changes"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(change["field"], "invested:2020-06");
        assert_eq!(change["field_name"], "2020年6月完成投资（万元）");
        assert_eq!(
            (change["old_value"].as_str(), change["new_value"].as_str()),
            (Some("2,300"), Some("2,000"))
        );
        // Saving over a version someone else moved on is a conflict.
        let mut stale = month("1900");
        stale["version"] = version;
        stale["correction_reason"] = json!("再次核减");
        let (s, _) = app.api_post(&gxj, &path, stale).await;
        assert_eq!(s, StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn the_cumulative_figure_gives_the_month_and_a_lower_one_needs_a_reason() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let id = project_of(&app, &sup, unit, unit).await;
        let path = format!("/api/v1/projects/{id}/reports");
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-05", "invested": 500, "progress": "桩基施工" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        // June given as 1–6月累计: lower than May's — a correction, refused without its reason.
        let june = json!({ "month": "2020-06", "cumulative": "400", "progress": "桩基完成" });
        let (s, b) = app.api_post(&gxj, &path, june.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let f = &b["error"]["fields"][0];
        assert_eq!(f["code"], "PROJECT_CORRECTION_REASON_REQUIRED");
        assert!(f["message"].as_str().unwrap().contains("低于1–5月的500万元"), "{f}");
        // June given as 1–6月累计 1,700: the month's 1,200 is computed, never typed twice.
        let (s, _) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "cumulative": "1700", "progress": "桩基完成" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, d) = app.api_get(&gxj, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["reports"][0]["invested_text"], "1,200");
        assert_eq!(d["reports"][0]["cumulative_text"], "1,700");
        assert!(d["may"]["report"].as_bool().unwrap());
        assert!(!d["may"]["keep"].as_bool().unwrap());
    }
}

#[tokio::test]
async fn a_coordination_issue_is_answered_returned_and_closed_and_an_overdue_one_turns_yellow() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let (yjj, handler) = unit_of(&app, "yjj").await;
        let (zjj, _) = unit_of(&app, "zjj").await;
        let id = project_of(&app, &sup, unit, unit).await;
        let path = format!("/api/v1/projects/{id}/issues");
        let issue =
            json!({ "kind": "用地", "title": "二期用地指标未落实", "unit_id": handler, "due_on": "2020-07-10" });
        // Bad input, named by field; a unit that does not answer for the project may not raise.
        let (s, b) = app
            .api_post(
                &sup,
                &path,
                json!({ "kind": "天气", "title": "", "unit_id": 999_999, "due_on": "2020-06-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let got = codes(&b);
        for want in [
            ("kind", "PROJECT_ISSUE_KIND_UNKNOWN"),
            ("title", "PROJECT_ISSUE_TITLE_INVALID"),
            ("unit_id", "PROJECT_CHOICE_UNKNOWN"),
            ("due_on", "PROJECT_ISSUE_DUE_INVALID"),
        ] {
            assert!(got.contains(&(want.0.into(), want.1.into())), "{want:?} in {got:?}");
        }
        let (s, _) = app.api_post(&zjj, &path, issue.clone()).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        // The responsible unit raises it; the handling unit is told and finds it in its inbox.
        let (s, b) = app.api_post(&gxj, &path, issue).await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let issue_id = b["id"].as_i64().unwrap();
        let n = notice(&app, &yjj, "project_issue_raised").await;
        assert!(n["title"].as_str().unwrap().contains("二期用地指标未落实"), "{n}");
        let (_, inbox) = app.api_get(&yjj, "/api/v1/inbox").await;
        let mine = &inbox["project_issues"];
        assert!(mine.as_array().unwrap().iter().any(|i| i["id"] == issue_id), "{inbox}");
        assert_eq!(mine[0]["kind_name"], "用地");

        let answer = format!("/api/v1/project-issues/{issue_id}/answer");
        let review = format!("/api/v1/project-issues/{issue_id}/review");
        let (s, _) = app
            .api_post(&gxj, &answer, json!({ "answer": "已办", "version": 1 }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "only the handling unit answers");
        let (s, _) = app
            .api_post(&yjj, &answer, json!({ "answer": "已调剂用地指标120亩", "version": 1 }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_post(&sup, &review, json!({ "action": "return", "version": 2 }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a return needs its note");
        let (s, _) = app
            .api_post(
                &sup,
                &review,
                json!({ "action": "return", "note": "请附批复文号", "version": 2 }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let n = notice(&app, &yjj, "project_issue_returned").await;
        assert_eq!(n["body"], "请附批复文号");
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["issues"][0]["status"], "open");

        // Past its deadline and still open: on 2020-07-11 the project's warning is yellow.
        let later = serve_store(
            app.store.clone(),
            &app.url,
            NaiveDate::from_ymd_opt(2020, 7, 11).unwrap(),
        )
        .await;
        let t = later.token("duchashi").await;
        let (_, d) = later.api_get(&t, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["project"]["light"], "yellow", "{}", d["project"]);
        assert_eq!(
            d["project"]["warning"],
            "协调事项“二期用地指标未落实”应于2020年7月10日办结，已逾期1天"
        );
        // Answered again and closed: the issue no longer holds the warning.
        let (s, _) = later
            .api_post(
                &later.token("yjj").await,
                &answer,
                json!({ "answer": "批复文号：市自然资〔2020〕88号", "version": 3 }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = later
            .api_post(&t, &review, json!({ "action": "close", "note": "", "version": 4 }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = later.api_get(&t, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["issues"][0]["status"], "closed");
        // June's report is now missing (due on 5 July): that is what the warning says.
        assert_eq!(d["project"]["light"], "yellow");
        assert_eq!(d["project"]["warning"], "2020年6月项目进展未报送");
        let (_, inbox) = later.api_get(&later.token("gxj").await, "/api/v1/inbox").await;
        let owed = inbox["project_reports"].as_array().unwrap();
        assert!(
            owed.iter()
                .any(|o| o["project_id"] == id && o["month"] == "2020-06" && o["state"] == "missing"),
            "{inbox}"
        );
    }
}

/// The pages: the unit sends a month with a file from its form (a bad figure comes back said on
/// its field), finds it on the project's page; the office accepts it from its review queue and
/// the page shows the warning in words, the file, the chart and the month in the history.
#[tokio::test]
async fn a_unit_sends_a_month_from_its_form_and_the_office_accepts_it_from_the_queue() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, unit) = unit_of(&app, "gxj").await;
        let id = project_of(&app, &sup, unit, unit).await;
        let gxj = app.login_page("gxj").await;
        let (s, html) = app.page(&gxj, &format!("/projects/{id}")).await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        assert!(
            html.contains(&format!("/projects/{id}/report")),
            "the unit is offered the form"
        );
        let (s, html) = app.page(&gxj, &format!("/projects/{id}/report")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("2020年6月"), "this month is offered");
        let csrf = csrf_of(&html);
        let send = |invested: &str| {
            reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("month", "2020-06")
                .text("version", "")
                .text("invested", invested.to_string())
                .text("cumulative", "")
                .text("progress", "主体结构完成六成")
                .text("problems", "")
                .text("next_steps", "7月完成封顶")
                .text("correction_reason", "")
                .part(
                    "evidence",
                    reqwest::multipart::Part::bytes(b"%PDF-1.4 test".to_vec())
                        .file_name("现场照片说明.pdf")
                        .mime_str("application/pdf")
                        .unwrap(),
                )
        };
        let url = app.url(&format!("/projects/{id}/report"));
        let r = gxj.post(&url).multipart(send("两千三")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("金额应为以万元计的数字") && page.contains("主体结构完成六成"),
            "{page}"
        );
        let r = gxj.post(&url).multipart(send("2300")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The office's queue lists it with an accept button that comes back to the queue.
        let office = app.login_page("duchashi").await;
        let (_, queue) = app.page(&office, "/reviews").await;
        assert!(queue.contains("城东污水处理厂扩建") && queue.contains("project-reports-to-review"));
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let item = q["project_reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["project_id"] == id)
            .unwrap()
            .clone();
        let r = office
            .post(app.url(&format!("/project-reports/{}/review", item["id"])))
            .form(&[
                ("csrf", csrf_of(&queue)),
                ("action", "accept".into()),
                ("version", item["version"].to_string()),
                ("next", "/reviews".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(r.headers()["location"].to_str().unwrap().starts_with("/reviews?flash="));
        let (_, html) = app.page(&office, &format!("/projects/{id}")).await;
        assert!(
            html.contains("1–6月完成投资2,300万元，年度计划的23.0%，落后序时进度27.0个百分点"),
            "{html}"
        );
        assert!(html.contains("light-yellow") && html.contains("现场照片说明.pdf"));
        assert!(
            html.contains("<polyline class=\"actual\""),
            "the chart draws the accepted figure"
        );
        // The file downloads for whoever sees the project, and nobody else.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        let file = d["reports"][0]["files"][0]["id"].as_i64().unwrap();
        let r = gxj
            .get(app.url(&format!("/project-files/{file}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF-1.4 test");
        let zjj = app.login_page("zjj").await;
        let r = zjj
            .get(app.url(&format!("/project-files/{file}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}

/// The demo city shows every warning the rules know, each month kept in the history, reports
/// waiting in the office's queue (one correcting an accepted month), one returned, and
/// coordination issues in every state.
#[tokio::test]
async fn the_demo_shows_every_warning_and_issues_in_every_state() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, l) = app.api_get(&sup, "/api/v1/projects").await;
        let rows = l["rows"].as_array().unwrap();
        let mut rules = std::collections::BTreeMap::new();
        for r in rows {
            let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{}", r["id"])).await;
            let rule = serde_json::from_value::<String>(d["history"][0]["light"].clone()).unwrap_or_default();
            let warning = d["project"]["warning"].as_str().unwrap().to_string();
            rules
                .entry(format!("{}:{}", d["project"]["light"], kind(&warning)))
                .or_insert(warning);
            assert!(!rule.is_empty(), "{}: a warning kept for June", r["name"]);
            assert!(
                d["history"].as_array().unwrap().len() >= 5,
                "{}: history from February",
                r["name"]
            );
        }
        for want in [
            "\"green\":on_track",
            "\"yellow\":behind",
            "\"red\":behind",
            "\"yellow\":not_started",
            "\"red\":not_started",
            "\"yellow\":node",
            "\"yellow\":issue",
            "\"yellow\":missing",
            "\"blue\":built",
        ] {
            assert!(rules.contains_key(want), "{}: no {want} in {rules:#?}", app.backend);
        }
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let waiting = q["project_reports"].as_array().unwrap();
        assert!(waiting.len() >= 5, "{q}");
        assert!(
            waiting
                .iter()
                .any(|r| !r["correction_reason"].as_str().unwrap().is_empty())
        );
        let (_, issues) = app.api_get(&sup, "/api/v1/project-issues").await;
        let states: std::collections::BTreeSet<String> = issues["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let returned = !i["office_note"].as_str().unwrap().is_empty();
                format!(
                    "{}{}",
                    i["status"].as_str().unwrap(),
                    if returned { "+returned" } else { "" }
                )
            })
            .collect();
        for s in ["open", "open+returned", "answered"] {
            assert!(states.contains(s), "{s} in {states:?}");
        }
        assert!(
            issues["issues"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["overdue_days"].as_i64().unwrap() > 0)
        );
    }
}

/// The kind of a warning's words, for counting them.
fn kind(w: &str) -> &'static str {
    if w.contains("落后序时进度") {
        "behind"
    } else if w.contains("尚未开工") {
        "not_started"
    } else if w.contains("审批节点") {
        "node"
    } else if w.contains("协调事项") {
        "issue"
    } else if w.contains("未报送") {
        "missing"
    } else if w.contains("已建成") {
        "built"
    } else {
        "on_track"
    }
}

#[tokio::test]
async fn the_office_sets_the_thresholds_and_every_project_is_judged_again() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let id = project_of(&app, &sup, unit, unit).await;
        let (s, b) = app
            .api_post(
                &gxj,
                &format!("/api/v1/projects/{id}/reports"),
                json!({ "month": "2020-06", "invested": "2300", "progress": "施工中" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let r = q["project_reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["project_id"] == id)
            .unwrap()
            .clone();
        let path = format!("/api/v1/project-reports/{}/review", r["id"]);
        app.api_post(&sup, &path, json!({ "action": "accept", "version": r["version"] }))
            .await;
        let light = |d: Value| d["project"]["light"].as_str().unwrap().to_string();
        let read = format!("/api/v1/projects/{id}");
        assert_eq!(light(app.api_get(&sup, &read).await.1), "yellow");
        // 27 points behind: under a yellow threshold of 30 it is green.
        let t = "/api/v1/project-thresholds";
        let (s, _) = app
            .api_put(&gxj, t, json!({ "yellow_lag": 30, "red_lag": 50, "red_months": 3 }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, b) = app
            .api_put(&sup, t, json!({ "yellow_lag": 50, "red_lag": 30, "red_months": 3 }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["error"]["fields"][0]["code"], "PROJECT_THRESHOLDS_INVALID");
        assert_eq!(app.api_get(&sup, t).await.1["yellow_lag"], 10, "nothing written");
        let (s, _) = app
            .api_put(&sup, t, json!({ "yellow_lag": 30, "red_lag": 50, "red_months": 3 }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(light(app.api_get(&sup, &read).await.1), "green");
        // 20 and 25: 27 behind is red now.
        app.api_put(&sup, t, json!({ "yellow_lag": 20, "red_lag": 25, "red_months": 3 }))
            .await;
        assert_eq!(light(app.api_get(&sup, &read).await.1), "red");
    }
}

/// An open coordination issue climbs the reminder ladder: the handling unit is reminded before
/// the deadline, the unit and the leader once it passes, the office when an order is due —
/// each once, even when two scans run at once.
#[tokio::test]
async fn an_open_issue_climbs_the_reminder_ladder_once_per_step() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let (yjj, handler) = unit_of(&app, "yjj").await;
        let id = project_of(&app, &sup, unit, unit).await;
        let (_, leaders) = app.api_get(&sup, "/api/v1/leaders").await;
        let leader = leaders
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == "陈卫国")
            .unwrap()["id"]
            .clone();
        let (s, b) = app
            .api_post(
                &gxj,
                &format!("/api/v1/projects/{id}/issues"),
                json!({ "kind": "approval", "title": "施工许可证办理", "unit_id": handler, "leader_id": leader, "due_on": "2020-07-10" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let region = app.account("duchashi").await.region_id;
        let config = state_on(&app, today()).config.clone();
        let scan = |day: NaiveDate| {
            let (store, config) = (app.store.clone(), config.clone());
            async move {
                let noon = luoshi_server::Clock::Fixed(day).now();
                luoshi_server::ops::escalation::scan(&store, region, day, noon, &config)
                    .await
                    .unwrap()
            }
        };
        let count = |token: String, kind: &'static str| {
            let app = &app;
            async move {
                let (_, n) = app.api_get(&token, "/api/v1/notifications").await;
                n["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|i| i["kind"] == kind && i["title"].as_str().unwrap().contains("施工许可证办理"))
                    .count()
            }
        };
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
        scan(d(7, 1)).await;
        assert_eq!(count(yjj.clone(), "project_issue_soon").await, 0);
        scan(d(7, 8)).await;
        scan(d(7, 9)).await;
        assert_eq!(count(yjj.clone(), "project_issue_soon").await, 1, "reminded once");
        // Two scans at once on the day after the deadline: one reminder.
        let (a, b) = tokio::join!(scan(d(7, 11)), scan(d(7, 11)));
        let _ = (a, b);
        assert_eq!(count(yjj.clone(), "project_issue_overdue").await, 1);
        let mayor = app.token("chenweiguo").await;
        assert_eq!(count(mayor, "project_issue_overdue").await, 1, "the leader is told");
        scan(d(7, 17)).await;
        scan(d(7, 18)).await;
        assert_eq!(count(sup.clone(), "project_issue_order_proposed").await, 1);
        let (_, n) = app.api_get(&sup, "/api/v1/notifications").await;
        let order = n["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| {
                i["kind"] == "project_issue_order_proposed" && i["title"].as_str().unwrap().contains("施工许可证办理")
            })
            .unwrap()
            .clone();
        assert!(
            order["body"].as_str().unwrap().contains("已逾期7天，建议下发督办单"),
            "{order}"
        );
    }
}

/// A leader's 包联 page: the projects they answer for, red first, with why; the counts add up;
/// the open issues on them; a unit may not read it.
#[tokio::test]
async fn a_leaders_liaison_page_puts_red_first_and_counts_every_project() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, leaders) = app.api_get(&sup, "/api/v1/leaders").await;
        let mut seen_red = false;
        for l in leaders.as_array().unwrap() {
            let (s, v) = app
                .api_get(&sup, &format!("/api/v1/leaders/{}/projects", l["id"]))
                .await;
            assert_eq!(s, StatusCode::OK, "{}: {v}", app.backend);
            let n: u64 = v["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["count"].as_u64().unwrap())
                .sum();
            let rows = v["attention"].as_array().unwrap().len() + v["others"].as_array().unwrap().len();
            let unjudged = v["others"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["light"] == "")
                .count();
            assert_eq!(n as usize + unjudged, rows);
            let lights: Vec<&str> = v["attention"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["light"].as_str().unwrap())
                .collect();
            let mut sorted = lights.clone();
            sorted.sort_by_key(|l| if *l == "red" { 0 } else { 1 });
            assert_eq!(lights, sorted, "red first");
            seen_red |= lights.contains(&"red");
        }
        assert!(seen_red, "some leader has a red project");
        let (s, _) = app.api_get(&app.token("zjj").await, "/api/v1/leaders/2/projects").await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app.api_get(&sup, "/api/v1/leaders/999999/projects").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let mayor = app.login_page("chenweiguo").await;
        let (s, html) = app.page(&mayor, "/projects/liaison").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("包联项目"), "{html}");
    }
}

/// The office adds an approval node from the project's page (a missing name comes back said);
/// the service unit then marks it done there.
#[tokio::test]
async fn the_office_adds_an_approval_node_from_the_page() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, unit) = unit_of(&app, "gxj").await;
        let (_, service) = unit_of(&app, "yjj").await;
        let id = project_of(&app, &sup, unit, service).await;
        let office = app.login_page("duchashi").await;
        let (_, html) = app.page(&office, &format!("/projects/{id}")).await;
        assert!(html.contains("增加审批节点"), "{}", app.backend);
        let csrf = csrf_of(&html);
        let url = app.url(&format!("/projects/{id}/nodes"));
        let r = office
            .post(&url)
            .form(&[
                ("csrf", csrf.clone()),
                ("name", String::new()),
                ("planned_on", "2020-07-31".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = office
            .post(&url)
            .form(&[
                ("csrf", csrf),
                ("name", "施工许可".into()),
                ("planned_on", "2020-07-31".into()),
                ("unit_id", String::new()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["nodes"][0]["name"], "施工许可");
        // The service unit keeps it: its page offers to mark it done.
        let yjj = app.login_page("yjj").await;
        let (_, html) = app.page(&yjj, &format!("/projects/{id}")).await;
        assert!(html.contains("标记完成") && !html.contains("增加审批节点"));
    }
}
