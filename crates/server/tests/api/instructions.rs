//! Leaders' instructions (批示): a leader writes on what they oversee; the unit answers by a
//! deadline the office may move; the office may make an order of one; every step tells the
//! people it concerns; a unit sees only its own.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

/// The logins of a leader who oversees `task` (not the mayor) and of one who does not.
async fn leaders_of(app: &TestApp, task: i64) -> (String, String) {
    let sup = app.account("duchashi").await;
    let region = sup.region_id;
    let mut c = app.store.conn().await.unwrap();
    let t = luoshi_store::task::task(&mut c, region, task).await.unwrap().unwrap();
    let oversight = luoshi_store::leader::oversight(&mut c, region).await.unwrap();
    let users = luoshi_store::user::users(&mut c, region).await.unwrap();
    let leaders = luoshi_store::leader::leaders(&mut c, region).await.unwrap();
    let mayor = leaders.iter().min_by_key(|l| l.sort).unwrap().id;
    let login = |leader: i64| {
        users
            .iter()
            .find(|u| u.leader_id == Some(leader))
            .unwrap()
            .username
            .clone()
    };
    let oversees = |l: i64| t.leader_id == Some(l) || oversight.contains(&(l, t.lead_unit_id.unwrap()));
    let yes = leaders.iter().find(|l| l.id != mayor && oversees(l.id)).unwrap().id;
    let no = leaders.iter().find(|l| l.id != mayor && !oversees(l.id)).unwrap().id;
    (login(yes), login(no))
}

#[tokio::test]
async fn a_leader_instructs_the_unit_answers_and_each_step_tells_the_people_it_concerns() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (unit, task, _) = owing(&app).await;
        let (overseer, other) = leaders_of(&app, task).await;
        let leader = app.token(&overseer).await;

        // Only a leader writes, and only on what they oversee.
        let body = json!({ "task_id": task, "content": "请加快进度，月底前拿出整改方案。" });
        let (s, _) = app.api_post(&unit, "/api/v1/instructions", body.clone()).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{}", app.backend);
        let (s, _) = app.api_post(&sup, "/api/v1/instructions", body.clone()).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let other = app.token(&other).await;
        let (s, b) = app.api_post(&other, "/api/v1/instructions", body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_NOT_OVERSEEN");
        let (s, b) = app
            .api_post(
                &leader,
                "/api/v1/instructions",
                json!({ "task_id": task, "content": "  " }),
            )
            .await;
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_EMPTY", "{s}");
        let (s, b) = app
            .api_post(&leader, "/api/v1/instructions", json!({ "content": "无对象" }))
            .await;
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_TARGET_UNKNOWN", "{s}");
        let (s, b) = app.api_post(&leader, "/api/v1/instructions", body).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let id = b["id"].as_i64().unwrap();

        // The unit and the office hear of it, with a link to it.
        let told = notice(&app, &unit, "instruction_written").await;
        assert_eq!(told["link"], format!("/instructions/{id}"));
        assert!(told["body"].as_str().unwrap().contains("月底前拿出整改方案"), "{told}");
        notice(&app, &sup, "instruction_written").await;

        // The unit sees it to answer; a unit it does not concern cannot read it.
        let (_, list) = app.api_get(&unit, "/api/v1/instructions?status=open").await;
        let row = list["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone();
        assert_eq!(row["status"], "open");
        assert_eq!(row["answer_due"], "2020-07-07", "seven days from the demo's today");
        let stranger = outsider(&app, task).await;
        let (s, _) = app.api_get(&stranger, &format!("/api/v1/instructions/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, theirs) = app.api_get(&stranger, "/api/v1/instructions").await;
        assert!(theirs["rows"].as_array().unwrap().iter().all(|r| r["id"] != id));

        // The office moves the deadline (not into the past); the unit hears of it.
        let due = format!("/api/v1/instructions/{id}/due");
        let (_, b) = app
            .api_put(
                &sup,
                &due,
                json!({ "answer_due": "2020-06-01", "version": row["version"] }),
            )
            .await;
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_DUE_PAST");
        let (s, _) = app
            .api_put(
                &unit,
                &due,
                json!({ "answer_due": "2020-07-15", "version": row["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, b) = app
            .api_put(
                &sup,
                &due,
                json!({ "answer_due": "2020-07-15", "version": row["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let told = notice(&app, &unit, "instruction_due_set").await;
        assert!(told["body"].as_str().unwrap().contains("2020年7月15日"), "{told}");

        // The unit answers at the version it read: a stale one is a conflict.
        let answer = format!("/api/v1/instructions/{id}/answer");
        let (s, _) = app
            .api_post(
                &unit,
                &answer,
                json!({ "content": "已制定整改方案", "version": row["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (_, now) = app.api_get(&unit, &format!("/api/v1/instructions/{id}")).await;
        let (s, b) = app
            .api_post(
                &leader,
                &answer,
                json!({ "content": "领导代答", "version": now["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
        let (s, b) = app
            .api_post(
                &unit,
                &answer,
                json!({ "content": "已制定整改方案，6月28日报市政府。", "version": now["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let told = notice(&app, &leader, "instruction_answered").await;
        assert_eq!(told["body"], "已制定整改方案，6月28日报市政府。");
        notice(&app, &sup, "instruction_answered").await;

        // The leader sees what they wrote and how it was answered.
        let (_, mine) = app.api_get(&leader, "/api/v1/instructions?mine=true").await;
        let row = mine["rows"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(
            (row["id"].as_i64(), row["status"].as_str()),
            (Some(id), Some("answered"))
        );
        assert_eq!(row["answer"], "已制定整改方案，6月28日报市政府。");
        let me = app.account(&overseer).await.id;
        assert!(
            mine["rows"].as_array().unwrap().iter().all(|r| r["written_by"] == me),
            "{mine}"
        );
        // An answered instruction is not answered again.
        let (_, b) = app
            .api_post(&unit, &answer, json!({ "content": "再答", "version": row["version"] }))
            .await;
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_NOT_OPEN");

        // The task's history shows both steps.
        let (_, detail) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let actions: Vec<&str> = detail["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["kind"].as_str())
            .collect();
        assert!(
            actions.contains(&"instruction.written") && actions.contains(&"instruction.answered"),
            "{actions:?}"
        );
    }
}

#[tokio::test]
async fn the_office_makes_an_order_of_an_instruction_quoting_it_and_lagging_ones_are_counted() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (unit, task, _) = owing(&app).await;
        let mayor = app.token("chenweiguo").await;
        let (s, b) = app
            .api_post(
                &mayor,
                "/api/v1/instructions",
                json!({ "task_id": task, "content": "此事群众反映强烈，要一抓到底。" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{} {b}", app.backend);
        let id = b["id"].as_i64().unwrap();
        let (_, row) = app.api_get(&sup, &format!("/api/v1/instructions/{id}")).await;

        let order = format!("/api/v1/instructions/{id}/order");
        let (s, b) = app
            .api_post(&unit, &order, json!({ "level": "key", "requirement": "x", "reply_due": "2020-07-10", "mode": "once", "version": row["version"] }))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
        let (s, b) = app
            .api_post(&sup, &order, json!({ "level": "key", "requirement": "", "reply_due": "2020-07-10", "mode": "once", "version": row["version"] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["error"]["fields"][0]["code"], "ORDER_REQUIREMENT_EMPTY");
        let (s, b) = app
            .api_post(&sup, &order, json!({ "level": "key", "requirement": "7月10日前报送整改结果。", "reply_due": "2020-07-10", "mode": "once", "version": row["version"] }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let order_id = b["id"].as_i64().unwrap();
        let doc_no = b["doc_no"].as_str().unwrap().to_string();

        // The order quotes the instruction as its source and goes to the unit that was to answer.
        let (_, o) = app.api_get(&sup, &format!("/api/v1/supervisions/{order_id}")).await;
        assert_eq!(o["order"]["source"], "instruction", "{o}");
        assert!(
            o["source_text"]
                .as_str()
                .unwrap()
                .contains("此事群众反映强烈，要一抓到底。"),
            "{o}"
        );
        assert!(o["source_text"].as_str().unwrap().contains("陈卫国"), "{o}");
        assert_eq!(o["order"]["lead_unit_id"], row["unit_id"]);
        let (_, after) = app.api_get(&sup, &format!("/api/v1/instructions/{id}")).await;
        assert_eq!(
            (after["status"].as_str(), after["order_doc_no"].as_str()),
            (Some("ordered"), Some(doc_no.as_str()))
        );
        let told = notice(&app, &mayor, "instruction_ordered").await;
        assert_eq!(told["link"], format!("/supervisions/{order_id}"));
        // Made once: the second try at the old version changes nothing.
        let (s, _) = app
            .api_post(&sup, &order, json!({ "level": "key", "requirement": "再次", "reply_due": "2020-07-10", "mode": "once", "version": row["version"] }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

        // The unit replies to the order: the office hears of it.
        let (s, b) = app
            .api_post(
                &unit,
                &format!("/api/v1/supervisions/{order_id}/replies"),
                json!({ "content": "已整改到位。", "version": o["order"]["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let told = notice(&app, &sup, "supervision_replied").await;
        assert_eq!(told["link"], format!("/supervisions/{order_id}"));

        // Lagging: open past the deadline, counted by the store on the day it is asked.
        let (s, b) = app
            .api_post(
                &mayor,
                "/api/v1/instructions",
                json!({ "task_id": task, "content": "请尽快反馈。" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let region = app.account("duchashi").await.region_id;
        let mut c = app.store.conn().await.unwrap();
        let lagging = |day: &str| luoshi_store::instruction::Which {
            overdue_on: Some(day.parse().unwrap()),
            ..Default::default()
        };
        let before = luoshi_store::instruction::count(&mut c, region, lagging("2020-07-07"))
            .await
            .unwrap();
        let after = luoshi_store::instruction::count(&mut c, region, lagging("2020-07-08"))
            .await
            .unwrap();
        assert_eq!(after - before, 1, "the open one lags from the day after its deadline");
        let (_, late) = app.api_get(&sup, "/api/v1/instructions?overdue=true").await;
        assert!(
            late["rows"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["overdue_days"].as_i64() > Some(0)),
            "{late}"
        );
        let (_, b) = app.api_get(&sup, "/api/v1/instructions?status=late").await;
        assert_eq!(b["error"]["fields"][0]["code"], "INSTRUCTION_STATUS_UNKNOWN");
    }
}

/// The value of the first hidden `version` field of a page.
fn version_of(html: &str) -> String {
    html.split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn through_the_pages_a_leader_writes_the_unit_answers_and_the_leader_sees_it() {
    for app in spawn_apps().await {
        let (_, task, _) = owing(&app).await;
        let (overseer, _) = leaders_of(&app, task).await;
        let leader = app.login_page(&overseer).await;
        let (_, html) = app.page(&leader, &format!("/tasks/{task}")).await;
        assert!(
            html.contains("id=\"instruct-link\""),
            "{}: a leader who oversees the task may instruct",
            app.backend
        );
        let (s, html) = app.page(&leader, &format!("/instructions/new?task={task}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("id=\"instruction-form\"") && !html.contains('⟦'));
        let csrf = csrf_of(&html);
        // Empty: the form comes back naming the field, nothing written.
        let r = leader
            .post(app.url("/instructions/new"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("task_id", &task.to_string()),
                ("content", " "),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("请填写批示内容"));
        let r = leader
            .post(app.url("/instructions/new"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("task_id", &task.to_string()),
                ("content", "<b>请抓紧</b>推进，月底前见成效。"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let id: i64 = to
            .trim_start_matches("/instructions/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let (_, html) = app.page(&leader, &to).await;
        assert!(html.contains("请抓紧") && !html.contains("<b>请抓紧"), "escaped");

        // The unit finds it in its inbox and answers from the instruction's page.
        let sup = app.token("duchashi").await;
        let (_, row) = app.api_get(&sup, &format!("/api/v1/instructions/{id}")).await;
        let unit_login = luoshi_demo::UNITS
            .iter()
            .find(|u| u.1 == row["unit"].as_str().unwrap())
            .unwrap()
            .5;
        let unit = app.login_page(unit_login).await;
        let (_, html) = app.page(&unit, "/inbox").await;
        assert!(html.contains("id=\"my-instructions\"") && html.contains(&format!("/instructions/{id}")));
        let (s, _) = app.page(&unit, &format!("/instructions/new?task={task}")).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "a unit does not write instructions");
        let (_, html) = app.page(&unit, &format!("/instructions/{id}")).await;
        assert!(html.contains("id=\"answer-form\"") && !html.contains("id=\"due-form\""));
        let r = unit
            .post(app.url(&format!("/instructions/{id}/answer")))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("version", &version_of(&html)),
                ("content", "已召开专题会部署，6月底前完成。"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // The leader's own list shows the answer; the task page shows both.
        let (_, html) = app.page(&leader, "/instructions").await;
        assert!(html.contains("我的批示") && html.contains("已召开专题会部署，6月底前完成。"));
        assert!(!html.contains('⟦'));
        let (_, html) = app.page(&leader, &format!("/tasks/{task}")).await;
        assert!(html.contains("id=\"instructions\"") && html.contains("已召开专题会部署"));
        let (_, html) = app.page(&leader, "/home").await;
        assert!(
            html.contains("id=\"instruction-tiles\""),
            "the leader's home counts their instructions"
        );
    }
}

#[tokio::test]
async fn the_office_makes_an_order_from_the_instruction_page() {
    for app in spawn_apps().await {
        let (_, task, _) = owing(&app).await;
        let mayor = app.token("chenweiguo").await;
        let (_, b) = app
            .api_post(
                &mayor,
                "/api/v1/instructions",
                json!({ "task_id": task, "content": "要一抓到底。" }),
            )
            .await;
        let id = b["id"].as_i64().unwrap();
        let sup = app.login_page("duchashi").await;
        let (_, html) = app.page(&sup, &format!("/instructions/{id}")).await;
        assert!(
            html.contains("id=\"due-form\"") && html.contains("id=\"order-form\""),
            "{}",
            app.backend
        );
        let csrf = csrf_of(&html);
        let version = version_of(&html);
        let order = |due: &'static str| {
            sup.post(app.url(&format!("/instructions/{id}/order")))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("version", &version),
                    ("level", "key"),
                    ("mode", "once"),
                    ("requirement", "限期落实"),
                    ("reply_due", due),
                ])
                .send()
        };
        // A bad deadline: the page comes back with the reason, the form open.
        let r = order("2020-01-01").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = order("2020-07-08").await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert!(to.starts_with("/supervisions/"), "{to}");
        let (_, html) = app.page(&sup, &to).await;
        assert!(
            html.contains("要一抓到底。") && html.contains("领导批示"),
            "the order quotes it"
        );
        let (_, html) = app.page(&sup, &format!("/instructions/{id}")).await;
        assert!(html.contains("已转督办") && !html.contains("id=\"order-form\""));
    }
}
