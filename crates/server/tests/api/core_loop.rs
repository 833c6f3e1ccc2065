//! The core loop through the API on both databases: report, return, resubmit, accept,
//! complete; conflicts; requests; sub-tasks; files; the calendar; history.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn report_of(app: &TestApp, token: &str, task: i64, period: &str) -> Value {
    let (_, d) = app.api_get(token, &format!("/api/v1/tasks/{task}")).await;
    d["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["period"] == period)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_report_is_returned_resubmitted_accepted_and_the_completed_task_turns_blue() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (unit, task, period) = owing(&app).await;
        let path = format!("/api/v1/tasks/{task}/reports/{period}");

        let (s, b) = app
            .api_put(
                &unit,
                &path,
                json!({ "action": "submit", "progress": 40, "content": "" }),
            )
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("REPORT_CONTENT_EMPTY")),
            "{}",
            app.backend
        );

        let (s, b) = app
            .api_put(
                &unit,
                &path,
                json!({ "action": "submit", "progress": 40, "content": "完成隐患排查120处" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let r = report_of(&app, &sup, task, &period).await;
        assert_eq!(r["status"], "submitted");

        // The supervisor returns it; a return needs a reason.
        let review = format!("/api/v1/reports/{}/review", r["id"]);
        let (s, _) = app
            .api_post(
                &sup,
                &review,
                json!({ "action": "return", "version": r["version"], "note": " " }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let (s, _) = app
            .api_post(
                &sup,
                &review,
                json!({ "action": "return", "version": r["version"], "note": "请补充整改数据" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);

        // It is back in the unit's inbox, with the reason.
        let (_, inbox) = app.api_get(&unit, "/api/v1/inbox").await;
        let back = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["task_id"] == task && i["period"] == period)
            .unwrap()
            .clone();
        assert_eq!(back["state"], "returned");
        assert_eq!(back["review_note"], "请补充整改数据");
        // And the unit is told, with the reason and a link to the task.
        let told = notice(&app, &unit, "report_returned").await;
        assert!(told["title"].as_str().unwrap().contains("进展被退回"), "{told}");
        assert_eq!(told["body"], "审核意见：请补充整改数据");
        assert_eq!(told["link"], format!("/tasks/{task}"));

        // Resubmitted at the version read, then accepted.
        let r = report_of(&app, &unit, task, &period).await;
        let (s, b) = app.api_put(&unit, &path, json!({ "action": "submit", "version": r["version"], "progress": 100, "content": "完成隐患整改120处，全部销号" })).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let r = report_of(&app, &sup, task, &period).await;
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/reports/{}/review", r["id"]),
                json!({ "action": "accept", "version": r["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(report_of(&app, &sup, task, &period).await["status"], "accepted");
        assert!(
            notice(&app, &unit, "report_accepted").await["title"]
                .as_str()
                .unwrap()
                .contains("进展已采纳")
        );

        // The unit asks to close the task; the supervisor approves; the light turns blue.
        let (s, b) = app
            .api_post(
                &unit,
                &format!("/api/v1/tasks/{task}/requests"),
                json!({ "kind": "completion", "reason": "各项工作已全部完成", "progress": 100 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let pending = q["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["task_id"] == task)
            .unwrap()["request"]
            .clone();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/requests/{}/decision", pending["id"]),
                json!({ "approve": true, "version": pending["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let told = notice(&app, &unit, "request_approved").await;
        assert!(told["title"].as_str().unwrap().starts_with("办结申请已批准"), "{told}");
        assert_eq!(told["body"], "任务已办结");
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        assert_eq!(d["task"]["light"], "blue", "{}", d["task"]["explanation"]);

        // Every step is in the task's history, newest first, and the audit chain holds.
        let kinds: Vec<&str> = d["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            &kinds[..6],
            [
                "request.approved",
                "request.filed",
                "report.accepted",
                "report.submitted",
                "report.returned",
                "report.submitted"
            ]
        );
        let auditor = app.token("auditor").await;
        assert_eq!(app.api_get(&auditor, "/api/v1/audit").await.1["broken"], Value::Null);
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn two_people_saving_the_same_task_get_a_conflict_not_an_overwrite() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, d) = app.api_get(&sup, "/api/v1/tasks/3").await;
        let v = d["version"].as_i64().unwrap();
        let body = |title: &str| {
            json!({ "title": title, "lead_unit_id": d["task"]["lead_unit_id"], "leader_id": d["task"]["leader_id"], "start": d["task"]["start"],
                    "due": d["task"]["due"], "cycle": "monthly", "cycle_due_day": 25, "weight": 1, "version": v })
        };
        let (s, b) = app.api_put(&sup, "/api/v1/tasks/3", body("第一个人的修改")).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (s, b) = app.api_put(&sup, "/api/v1/tasks/3", body("第二个人的修改")).await;
        assert_eq!(s, StatusCode::CONFLICT, "{}", app.backend);
        assert_eq!(b["error"]["code"], "CONFLICT");
        assert_eq!(b["error"]["current"]["title"], "第一个人的修改");
        assert_eq!(b["error"]["current"]["version"], v + 1);
        let (_, d) = app.api_get(&sup, "/api/v1/tasks/3").await;
        assert_eq!(d["task"]["title"], "第一个人的修改", "the first save stands");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn the_conflict_page_shows_both_versions() {
    for app in spawn_apps().await {
        let a = app.login_page("duchashi").await;
        let b = app.login_page("duchashi").await;
        let sup = app.token("duchashi").await;
        let lead = app.api_get(&sup, "/api/v1/tasks/3").await.1["task"]["lead_unit_id"].to_string();
        let (_, form_a) = app.page(&a, "/tasks/3/edit").await;
        let (_, form_b) = app.page(&b, "/tasks/3/edit").await;
        let field = |html: &str, name: &str| {
            let pattern = format!("name=\"{name}\" value=\"");
            let at = html.find(&pattern).unwrap() + pattern.len();
            html[at..].split('"').next().unwrap().to_string()
        };
        let post = |c: reqwest::Client, html: String, title: &'static str| {
            let url = app.url("/tasks/3/edit");
            let lead = lead.clone();
            async move {
                let form = vec![
                    ("csrf".to_string(), csrf_of(&html)),
                    ("version".into(), field(&html, "version")),
                    ("title".into(), title.into()),
                    ("lead_unit_id".into(), lead),
                    ("start".into(), field(&html, "start")),
                    ("due".into(), field(&html, "due")),
                    ("cycle".into(), "monthly".into()),
                    ("cycle_due_day".into(), "25".into()),
                    ("weight".into(), "1".into()),
                ];
                let r = c.post(url).form(&form).send().await.unwrap();
                (r.status(), r.text().await.unwrap())
            }
        };
        let (s, html) = post(a, form_a, "甲修改的名称").await;
        assert_eq!(
            s,
            StatusCode::SEE_OTHER,
            "{}",
            html.split("field-error").nth(1).unwrap_or("")
        );
        let (s, html) = post(b, form_b, "乙修改的名称").await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(html.contains("id=\"conflict\""));
        assert!(
            html.contains("乙修改的名称") && html.contains("甲修改的名称"),
            "both versions shown"
        );
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn only_the_right_roles_act_and_a_unit_never_acts_on_another_units_task() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let leader = app.token("chenweiguo").await;
        let (unit, task, period) = owing(&app).await;
        let other = outsider(&app, task).await;
        let body = json!({ "action": "submit", "progress": 50, "content": "进展" });
        let path = format!("/api/v1/tasks/{task}/reports/{period}");
        assert_eq!(
            app.api_put(&other, &path, body.clone()).await.0,
            StatusCode::NOT_FOUND,
            "another unit"
        );
        assert_eq!(
            app.api_put(&sup, &path, body.clone()).await.0,
            StatusCode::FORBIDDEN,
            "the supervisor does not report"
        );
        assert_eq!(
            app.api_put(&leader, &path, body.clone()).await.0,
            StatusCode::FORBIDDEN,
            "a leader does not report"
        );
        assert_eq!(app.api_put(&unit, &path, body).await.0, StatusCode::OK);
        let r = report_of(&app, &sup, task, &period).await;
        let review = format!("/api/v1/reports/{}/review", r["id"]);
        assert_eq!(
            app.api_post(&unit, &review, json!({ "action": "accept", "version": r["version"] }))
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.api_post(&leader, &review, json!({ "action": "accept", "version": r["version"] }))
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        // The lead unit cannot add a co-unit's note to its own report; an outsider cannot see it.
        let note = format!("/api/v1/reports/{}/notes", r["id"]);
        assert_eq!(
            app.api_post(&unit, &note, json!({ "body": "x" })).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.api_post(&other, &note, json!({ "body": "x" })).await.0,
            StatusCode::NOT_FOUND
        );
        // No plan or task edits from units, leaders or administrators.
        for who in [&unit, &leader, &app.token("admin").await] {
            assert_eq!(
                app.api_post(
                    who,
                    "/api/v1/plans",
                    json!({ "kind": "meeting", "title": "x", "issued_on": "2020-06-30" })
                )
                .await
                .0,
                StatusCode::FORBIDDEN
            );
        }
        // A stale or forged CSRF-less cookie write is refused.
        let browser = app.login_page("duchashi").await;
        let r = browser
            .put(app.url("/api/v1/plans/1"))
            .json(&json!({ "kind": "meeting", "title": "x", "version": 1 }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "cookie without X-CSRF-Token");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_co_unit_adds_its_note_to_the_lead_units_report() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, tree) = app.api_get(&sup, "/api/v1/plans/2/tasks").await;
        // 持续不断抓好安全生产: led by 市应急局, with 市住建局 among its co-units.
        let t = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"] == "持续不断抓好安全生产")
            .unwrap()
            .clone();
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["id"])).await;
        let r = d["reports"][0].clone();
        let co = app.token("zjj").await;
        let (s, b) = app
            .api_post(
                &co,
                &format!("/api/v1/reports/{}/notes", r["id"]),
                json!({ "body": "住建领域完成安全检查36次" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["id"])).await;
        assert_eq!(d["reports"][0]["notes"][0]["body"], "住建领域完成安全检查36次");
        assert_eq!(d["reports"][0]["notes"][0]["unit"], "市住房和城乡建设局");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn an_extension_must_come_before_the_deadline_and_moves_it_when_approved() {
    for app in spawn_apps().await {
        let unit = app.token("yjj").await;
        let sup = app.token("duchashi").await;
        let (_, home) = app.api_get(&unit, "/api/v1/home").await;
        let open = home["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| {
                t["lead_unit"] == "市应急管理局" && t["due"].is_string() && t["light"] != "blue" && t["light"] != "red"
            })
            .unwrap()
            .clone();
        let id = open["id"].as_i64().unwrap();
        let path = format!("/api/v1/tasks/{id}/requests");
        let (s, b) = app
            .api_post(
                &unit,
                &path,
                json!({ "kind": "extension", "reason": "资金未到位", "new_due": "2020-01-01", "progress": 40 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["error"]["fields"][0]["code"], "REQUEST_NEW_DUE_NOT_LATER");
        let (s, b) = app
            .api_post(
                &unit,
                &path,
                json!({ "kind": "extension", "reason": "资金未到位", "new_due": "2021-03-31", "progress": 40 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (s, _) = app
            .api_post(
                &unit,
                &path,
                json!({ "kind": "extension", "reason": "再次申请", "new_due": "2021-06-30", "progress": 40 }),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "one pending request of a kind at a time"
        );
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let p = q["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["task_id"] == id)
            .unwrap()["request"]
            .clone();
        let decision = format!("/api/v1/requests/{}/decision", p["id"]);
        assert_eq!(
            app.api_post(&sup, &decision, json!({ "approve": false, "version": p["version"] }))
                .await
                .0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a rejection needs a reason"
        );
        assert_eq!(
            app.api_post(&sup, &decision, json!({ "approve": true, "version": p["version"] }))
                .await
                .0,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            app.api_post(&sup, &decision, json!({ "approve": true, "version": p["version"] }))
                .await
                .0,
            StatusCode::CONFLICT,
            "decided once"
        );
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{id}")).await;
        assert_eq!(d["task"]["due"], "2021-03-31");
        let told = notice(&app, &unit, "request_approved").await;
        assert!(told["title"].as_str().unwrap().starts_with("延期申请已批准"), "{told}");
        assert_eq!(told["body"], "完成时限调整为2021年3月31日");
        // An overdue task can no longer ask for more time.
        let (_, lists) = app.api_get(&sup, "/api/v1/lists/overdue").await;
        let late = lists.as_array().unwrap()[0].clone();
        let lead_login = luoshi_demo::UNITS.iter().find(|u| u.1 == late["lead_unit"]).unwrap().5;
        let lead = app.token(lead_login).await;
        let (s, b) = app
            .api_post(
                &lead,
                &format!("/api/v1/tasks/{}/requests", late["id"]),
                json!({ "kind": "extension", "reason": "x", "new_due": "2020-12-31", "progress": 80 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["error"]["fields"][0]["code"], "REQUEST_EXTENSION_TOO_LATE");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_lead_unit_breaks_its_task_down_and_the_supervisor_sees_the_rollup() {
    for app in spawn_apps().await {
        let unit = app.token("yjj").await;
        let sup = app.token("duchashi").await;
        let (_, home) = app.api_get(&unit, "/api/v1/home").await;
        let parent = home["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["lead_unit"] == "市应急管理局" && t["due"] == "2020-12-31" && t["light"] == "green")
            .unwrap()
            .clone();
        let pid = parent["id"].as_i64().unwrap();
        let sub = json!({ "title": "完成全市危化企业专项检查", "start": "2020-07-01", "due": "2020-09-30", "owner": "李明（副局长）",
                           "milestones": [{ "title": "完成县区自查", "due": "2020-08-15" }] });
        let (s, b) = app
            .api_post(&unit, &format!("/api/v1/tasks/{pid}/subtasks"), sub.clone())
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let sid = b["id"].as_i64().unwrap();
        let too_late = json!({ "title": "超出上级时限", "start": "2020-07-01", "due": "2021-03-31" });
        let (s, b) = app
            .api_post(&unit, &format!("/api/v1/tasks/{pid}/subtasks"), too_late)
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("SUBTASK_OUTSIDE_PARENT"))
        );
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{pid}")).await;
        assert_eq!(d["children"][0]["id"], sid);
        assert!(
            d["task"]["explanation"].as_str().unwrap().contains("下级任务"),
            "the parent's light is now rolled up"
        );
        let (_, sd) = app.api_get(&sup, &format!("/api/v1/tasks/{sid}")).await;
        assert_eq!(sd["owner"], "李明（副局长）");
        assert_eq!(sd["decomposed"], true);
        assert_eq!(sd["task"]["lead_unit"], "市应急管理局");
        // The unit keeps its own sub-task, but may not edit the supervisor's.
        let edit = json!({ "title": "完成全市危化企业专项检查（含加油站）", "start": "2020-07-01", "due": "2020-09-30", "version": sd["version"] });
        assert_eq!(
            app.api_put(&unit, &format!("/api/v1/tasks/{sid}"), edit).await.0,
            StatusCode::NO_CONTENT
        );
        let edit_parent = json!({ "title": "x", "start": "2020-02-01", "due": "2020-12-31", "version": d["version"] });
        assert_eq!(
            app.api_put(&unit, &format!("/api/v1/tasks/{pid}"), edit_parent).await.0,
            StatusCode::FORBIDDEN
        );
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn evidence_files_are_checked_by_their_bytes_and_shown_only_to_those_who_see_the_task() {
    for app in spawn_apps().await {
        let (unit, task, period) = owing(&app).await;
        let (_, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "draft", "progress": 30 }),
            )
            .await;
        let rid = b["id"].as_i64().unwrap();
        let send = |name: &str, bytes: &'static [u8]| {
            let url = app.url(&format!(
                "/api/v1/reports/{rid}/evidence?name={}",
                luoshi_server::error::urlencode(name)
            ));
            let token = unit.clone();
            async move {
                let r = reqwest::Client::new()
                    .post(url)
                    .bearer_auth(token)
                    .body(bytes)
                    .send()
                    .await
                    .unwrap();
                (r.status(), r.json::<Value>().await.unwrap_or(Value::Null))
            }
        };
        let (s, b) = send("整改清单.pdf", b"%PDF-1.4\n1 0 obj\n").await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let fid = b["id"].as_i64().unwrap();
        let (s, b) = send("病毒.pdf", b"MZ\x90\x00\x03").await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("EVIDENCE_TYPE_NOT_ALLOWED"))
        );
        let sup = app.token("duchashi").await;
        let get = |token: String| {
            let url = app.url(&format!("/api/v1/evidence/{fid}"));
            async move { reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap() }
        };
        assert_eq!(
            get(sup.clone()).await.status(),
            StatusCode::NOT_FOUND,
            "a draft's files are the unit's own"
        );
        assert_eq!(get(unit.clone()).await.status(), StatusCode::OK);
        let (_, d) = app.api_get(&unit, &format!("/api/v1/tasks/{task}")).await;
        let version = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .unwrap()["version"]
            .clone();
        let body = json!({ "action": "submit", "version": version, "progress": 30, "content": "已完成整改清单" });
        let (s, b) = app
            .api_put(&unit, &format!("/api/v1/tasks/{task}/reports/{period}"), body)
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let r = get(sup.clone()).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(&r.bytes().await.unwrap()[..], b"%PDF-1.4\n1 0 obj\n");
        let other = outsider(&app, task).await;
        let r = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/evidence/{fid}")))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_holiday_moves_a_due_date_and_a_bad_calendar_line_changes_nothing() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, days) = app.api_get(&sup, "/api/v1/calendar/2020").await;
        assert!(
            days.as_array()
                .unwrap()
                .iter()
                .any(|d| d["day"] == "2020-06-25" && d["kind"] == "holiday"),
            "the demo has 2020's holidays"
        );
        let (_, d) = app.api_get(&sup, "/api/v1/tasks/4").await;
        let june = d["periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["period"] == "2020-06-01")
            .unwrap()
            .clone();
        assert_eq!(
            june["due"], "2020-06-28",
            "25–27 June is 端午； the 28th is a make-up working day"
        );
        let bad = json!([{ "day": "2020-06-25", "kind": "休假", "name": "" }]);
        let (s, _) = app.api_put(&sup, "/api/v1/calendar/2020", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, after) = app.api_get(&sup, "/api/v1/calendar/2020").await;
        assert_eq!(after, days, "nothing changed");
        let (s, _) = app.api_put(&sup, "/api/v1/calendar/2020", json!([])).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = app.api_get(&sup, "/api/v1/tasks/4").await;
        let june = d["periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["period"] == "2020-06-01")
            .unwrap()
            .clone();
        assert_eq!(june["due"], "2020-06-25", "without the holidays, the 25th itself");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn missing_reports_are_marked_and_listed() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, missing) = app.api_get(&sup, "/api/v1/lists/missing").await;
        let t = missing
            .as_array()
            .unwrap()
            .first()
            .expect("the demo has missing reports")
            .clone();
        assert!(t["explanation"].as_str().unwrap().contains("未报送"));
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["id"])).await;
        let states: Vec<&str> = d["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["state"].as_str().unwrap())
            .collect();
        assert!(
            states.contains(&"missing") || states.contains(&"returned"),
            "{states:?}"
        );
        let (_, overdue) = app.api_get(&sup, "/api/v1/lists/overdue").await;
        assert!(overdue.as_array().unwrap().iter().all(|t| t["light"] == "red"));
        let (_, lagging) = app.api_get(&sup, "/api/v1/lists/lagging").await;
        assert!(!lagging.as_array().unwrap().is_empty());
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn the_tree_can_be_filtered_and_shown_as_of_a_past_day() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, now) = app.api_get(&sup, "/api/v1/plans/1/tasks").await;
        let (_, red) = app.api_get(&sup, "/api/v1/plans/1/tasks?light=red").await;
        assert!(red["tasks"].as_array().unwrap().iter().all(|t| t["light"] == "red"));
        assert!(!red["tasks"].as_array().unwrap().is_empty());
        let (_, mine) = app.api_get(&sup, "/api/v1/plans/1/tasks?unit=21").await;
        assert!(
            mine["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["lead_unit_id"] == 21 || t["co_unit_ids"].as_array().unwrap().contains(&json!(21)))
        );
        let (_, march) = app.api_get(&sup, "/api/v1/plans/1/tasks?as_of=2020-03-31").await;
        let lights = |v: &Value| {
            v["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["light"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            march["tasks"].as_array().unwrap().len(),
            now["tasks"].as_array().unwrap().len()
        );
        assert_ne!(lights(&march), lights(&now), "the lights of 31 March are not today's");
        assert!(
            !lights(&march).contains(&"blue".to_string())
                || lights(&march).iter().filter(|l| *l == "blue").count()
                    < lights(&now).iter().filter(|l| *l == "blue").count()
        );
        // A task's lights over time.
        let (_, d) = app.api_get(&sup, "/api/v1/tasks/3").await;
        assert!(d["history"].as_array().unwrap().len() >= 5, "{}", d["history"]);
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn the_supervisor_builds_a_plan_and_its_tree() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (s, b) = app.api_post(&sup, "/api/v1/plans", json!({ "kind": "meeting", "title": "市政府第12次常务会议", "issued_on": "2020-06-29", "yellow_lag": 10, "red_lag": 30 })).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let plan = b["id"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/plans",
                json!({ "kind": "meeting", "title": "x", "issued_on": "2020-06-29", "yellow_lag": 40, "red_lag": 30 }),
            )
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("THRESHOLDS_ORDER"))
        );
        let task = |title: &str, parent: Option<i64>| json!({ "title": title, "lead_unit_id": 3, "co_unit_ids": [4, 10], "leader_id": 2, "start": "2020-07-01", "due": "2020-12-31", "parent_id": parent });
        let (_, a) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                task("加快重点项目建设", None),
            )
            .await;
        let (_, b1) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                task("甲", a["id"].as_i64()),
            )
            .await;
        let (_, b2) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                task("乙", a["id"].as_i64()),
            )
            .await;
        let (s, b) = app
            .api_post(
                &sup,
                &format!("/api/v1/plans/{plan}/tasks"),
                json!({ "title": " ", "start": "2020-07-01", "due": "2020-06-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let codes: Vec<&str> = b["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            vec![
                "TASK_LEAD_UNIT_MISSING",
                "TASK_TITLE_EMPTY",
                "TASK_DEADLINE_BEFORE_START"
            ]
        );
        let order = |v: &Value| {
            v["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["title"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        assert_eq!(order(&tree), ["加快重点项目建设", "甲", "乙"]);
        assert_eq!(
            app.api_post(
                &sup,
                &format!("/api/v1/tasks/{}/reorder", b2["id"]),
                json!({ "direction": "up" })
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        assert_eq!(order(&tree), ["加快重点项目建设", "乙", "甲"]);
        // Move 甲 under 乙; moving 乙 under 甲 then would make a loop.
        let (_, d1) = app.api_get(&sup, &format!("/api/v1/tasks/{}", b1["id"])).await;
        assert_eq!(
            app.api_post(
                &sup,
                &format!("/api/v1/tasks/{}/move", b1["id"]),
                json!({ "parent_id": b2["id"], "version": d1["version"] })
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
        let (_, d2) = app.api_get(&sup, &format!("/api/v1/tasks/{}", b2["id"])).await;
        let (s, b) = app
            .api_post(
                &sup,
                &format!("/api/v1/tasks/{}/move", b2["id"]),
                json!({ "parent_id": b1["id"], "version": d2["version"] }),
            )
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("TASK_MOVE_INTO_ITSELF"))
        );
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        let numbers: Vec<&str> = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap())
            .collect();
        assert_eq!(numbers, ["1", "1.1", "1.1.1"]);
        assert_lights_stored(&app).await;

        // Tighter thresholds on the work report turn lights across it; what is stored follows.
        let (region, wr) = {
            let mut c = app.store.conn().await.unwrap();
            let mut found = None;
            for r in luoshi_store::region::regions(&mut c).await.unwrap() {
                let plans = luoshi_store::plan::plans(&mut c, r.id).await.unwrap();
                if let Some(p) = plans
                    .into_iter()
                    .find(|p| p.kind == luoshi_domain::PlanKind::WorkReport)
                {
                    found = Some((r.id, p));
                }
            }
            found.unwrap()
        };
        let before = {
            let mut c = app.store.conn().await.unwrap();
            luoshi_store::state::of_plan(&mut c, region, wr.id).await.unwrap()
        };
        let (s, b) = app
            .api_put(
                &sup,
                &format!("/api/v1/plans/{}", wr.id),
                json!({ "kind": wr.kind, "title": wr.title, "doc_no": wr.doc_no, "issued_on": wr.issued_on,
                        "summary": wr.summary, "source_text": wr.source_text, "yellow_lag": 1, "red_lag": 2,
                        "milestone_red_days": 1, "version": wr.version }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let after = {
            let mut c = app.store.conn().await.unwrap();
            luoshi_store::state::of_plan(&mut c, region, wr.id).await.unwrap()
        };
        let reds = |rows: &[luoshi_store::state::TaskState]| {
            rows.iter().filter(|r| r.light == luoshi_domain::Light::Red).count()
        };
        assert!(
            reds(&after) > reds(&before),
            "{}: tighter thresholds, more red",
            app.backend
        );
        assert_lights_stored(&app).await;
    }
}
