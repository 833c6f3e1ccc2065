//! What a light says about reports not yet checked (待审核, and the plan's setting to read
//! accepted reports only), and a task broken down keeping its own figure until a sub-task
//! reports.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn task_row(app: &TestApp, token: &str, task: i64) -> Value {
    let (s, d) = app.api_get(token, &format!("/api/v1/tasks/{task}")).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    d["task"].clone()
}

/// The plan's fields as the API takes them, with `basis`.
async fn plan_body(app: &TestApp, plan_id: i64, basis: &str) -> Value {
    let region = app.account("duchashi").await.region_id;
    let mut c = app.store.conn().await.unwrap();
    let p = luoshi_store::plan::plan(&mut c, region, plan_id)
        .await
        .unwrap()
        .unwrap();
    json!({
        "kind": p.kind.code(), "title": p.title, "doc_no": p.doc_no, "issued_on": p.issued_on,
        "summary": p.summary, "source_text": p.source_text, "yellow_lag": p.yellow_lag,
        "red_lag": p.red_lag, "milestone_red_days": p.milestone_red_days, "basis": basis,
        "version": p.version,
    })
}

#[tokio::test]
async fn a_light_on_a_report_not_yet_accepted_is_marked_until_the_office_accepts_it() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let waiting = q["reports"][0].clone();
        let task = waiting["task_id"].as_i64().unwrap();
        let row = task_row(&app, &sup, task).await;
        assert_eq!(row["pending"], true, "{}: {row}", app.backend);
        let checked = row["checked_text"].as_str().unwrap();
        assert!(checked.starts_with("待审核：按已采纳的报送为"), "{checked}");

        // The task page says it in words; the plan page counts both ways.
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, &format!("/tasks/{task}")).await;
        assert!(html.contains(r#"<span class="pending">待审核</span>"#));
        assert!(html.contains(r#"id="light-checked""#) && html.contains(checked));
        let plan = row["plan_id"].as_i64().unwrap();
        let (_, html) = app.page(&browser, &format!("/plans/{plan}")).await;
        assert!(html.contains(r#"id="pending-note""#), "{}", app.backend);
        assert!(html.contains("只按已采纳的报送计：红灯"));
        assert!(html.contains("灯色依据：按最新报送判灯"));

        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/reports/{}/review", waiting["report_id"]),
                json!({ "action": "accept", "version": waiting["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let row = task_row(&app, &sup, task).await;
        assert_eq!(
            (row["pending"].as_bool(), row["checked_text"].as_str()),
            (Some(false), Some(""))
        );
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_plan_may_judge_on_accepted_reports_only_and_then_agrees_with_the_public_site() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, q) = app.api_get(&sup, "/api/v1/reviews").await;
        let task = q["reports"][0]["task_id"].as_i64().unwrap();
        let before = task_row(&app, &sup, task).await;
        let plan = before["plan_id"].as_i64().unwrap();

        let mut bad = plan_body(&app, plan, "checked").await;
        let (s, b) = app.api_put(&sup, &format!("/api/v1/plans/{plan}"), bad.take()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["error"]["fields"][0]["field"], "basis");
        assert_eq!(b["error"]["fields"][0]["code"], "PLAN_BASIS_UNKNOWN");

        let body = plan_body(&app, plan, "accepted").await;
        let (s, b) = app.api_put(&sup, &format!("/api/v1/plans/{plan}"), body).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{}: {b}", app.backend);
        let after = task_row(&app, &sup, task).await;
        assert_eq!(after["pending"], false);
        // The light is what the mark said it would be on accepted reports.
        let said = before["checked_text"].as_str().unwrap();
        assert!(
            said.contains(&format!("为{}", after["light_name"].as_str().unwrap())),
            "{said} vs {}",
            after["explanation"]
        );
        assert_lights_stored(&app).await;

        // Every light of the plan's public tasks is now the public site's.
        let region = app.account("duchashi").await.region_id;
        let mut c = app.store.conn().await.unwrap();
        let p = luoshi_store::plan::plan(&mut c, region, plan).await.unwrap().unwrap();
        let inside = luoshi_lights::PlanBoard::load(&mut c, region, p.clone(), today())
            .await
            .unwrap();
        let public = luoshi_lights::PlanBoard::load_public(&mut c, region, p, today())
            .await
            .unwrap();
        let mut compared = 0;
        for t in public.tasks.iter().filter(|t| !t.has_children) {
            let i = inside.task(t.task.id).unwrap();
            if !i.has_children {
                assert_eq!(i.verdict.light, t.verdict.light, "{}: task {}", app.backend, t.task.id);
                assert_eq!(
                    i.verdict.progress, t.verdict.progress,
                    "{}: task {}",
                    app.backend, t.task.id
                );
                compared += 1;
            }
        }
        assert!(compared > 5, "{}: {compared} compared", app.backend);
    }
}

#[tokio::test]
async fn a_task_broken_down_keeps_its_reported_figure_until_a_sub_task_reports() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (unit, task, period) = owing(&app).await;
        let (s, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "submit", "progress": 57, "content": "完成年度目标的57%" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let parent = task_row(&app, &sup, task).await;
        assert_eq!(parent["progress"], 57);

        let sub = |n: u8| {
            json!({
                "title": format!("分项任务{n}"), "lead_unit_id": parent["lead_unit_id"],
                "start": "2020-01-01", "due": "2020-12-31", "cycle": "monthly", "cycle_due_day": 25,
                "parent_id": task,
            })
        };
        let plan = parent["plan_id"].as_i64().unwrap();
        let mut subs = Vec::new();
        for n in 1..=2 {
            let (s, b) = app.api_post(&sup, &format!("/api/v1/plans/{plan}/tasks"), sub(n)).await;
            assert_eq!(s, StatusCode::CREATED, "{b}");
            subs.push(b["id"].as_i64().unwrap());
        }
        let kept = task_row(&app, &sup, task).await;
        assert_eq!(kept["progress"], 57, "{}: {}", app.backend, kept["explanation"]);
        let why = kept["explanation"].as_str().unwrap();
        assert!(
            why.contains("已分解为2项下级任务，下级任务尚未报送，仍按本任务的报送判定"),
            "{why}"
        );
        assert_lights_stored(&app).await;

        // A sub-task reports: the parent rolls its sub-tasks up and shows its own figure beside.
        let (_, inbox) = app.api_get(&unit, "/api/v1/inbox").await;
        let owed = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["task_id"] == subs[0])
            .unwrap_or_else(|| panic!("{}: the sub-task owes a report: {inbox}", app.backend))
            .clone();
        let (s, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{}/reports/{}", subs[0], owed["period"].as_str().unwrap()),
                json!({ "action": "submit", "progress": 80, "content": "分项一完成80%" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let rolled = task_row(&app, &sup, task).await;
        assert_eq!(rolled["progress"], 40, "{}", rolled["explanation"]);
        assert!(
            rolled["explanation"]
                .as_str()
                .unwrap()
                .ends_with("进度按权重加权平均为40%（本任务分解前最近报送进度57%）"),
            "{}",
            rolled["explanation"]
        );
        assert_lights_stored(&app).await;
    }
}
