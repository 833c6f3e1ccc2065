//! Indicators against time progress and task forces through the API (issue 17): the office adds
//! an indicator and its unit is told; the unit enters a figure, bad input is refused on its
//! field with nothing written; the office accepts it and the light follows with its published
//! sentence; a correction needs its reason, a stale save is a conflict, a return is told; the
//! thresholds move the light; a computed rate needs last year's figure; the demo's half-way
//! table; task forces: members see what they own, others nothing, a task force that leads a
//! task hands it to its leading unit.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

fn codes(b: &Value) -> Vec<(String, String)> {
    b["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| (f["field"].as_str().unwrap().into(), f["code"].as_str().unwrap().into()))
        .collect()
}

async fn unit_of(app: &TestApp, login: &str) -> (String, i64) {
    let t = app.token(login).await;
    let (_, me) = app.api_get(&t, "/api/v1/me").await;
    (t, me["unit_id"].as_i64().unwrap())
}

async fn detail(app: &TestApp, token: &str, id: i64) -> Value {
    let (s, d) = app.api_get(token, &format!("/api/v1/indicators/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{}: {d}", app.backend);
    d
}

#[tokio::test]
async fn a_figure_the_office_accepts_moves_the_light_in_the_published_words() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let (zjj, _) = unit_of(&app, "zjj").await;
        let body = |target: &str| {
            json!({ "name": "规上工业营业收入", "measure": "亿元", "kind": "amount", "year": 2020,
                "target": target, "unit_id": unit })
        };
        // A cumulative target of zero is refused on its field; nothing written.
        let (s, b) = app.api_post(&sup, "/api/v1/indicators", body("0")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}: {b}", app.backend);
        assert_eq!(
            codes(&b),
            vec![("target".into(), "INDICATOR_TARGET_NOT_POSITIVE".into())]
        );
        let (s, b) = app.api_post(&sup, "/api/v1/indicators", body("100")).await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let id = b["id"].as_i64().unwrap();
        assert!(
            notice(&app, &gxj, "indicator_assigned").await["title"]
                .as_str()
                .unwrap()
                .contains("规上工业营业收入")
        );
        // The same name again in the same year: refused on the name.
        let (s, b) = app.api_post(&sup, "/api/v1/indicators", body("100")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(codes(&b)[0].0, "name");

        // Another unit neither sees it nor enters it.
        let path = format!("/api/v1/indicators/{id}/figures");
        let (s, _) = app
            .api_post(&zjj, &path, json!({ "month": "2020-06", "value": "45" }))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        // Bad input, each on its field, nothing written.
        for (month, value, field, code) in [
            ("2021-01", "45", "month", "INDICATOR_MONTH_OUTSIDE_YEAR"),
            ("2020-07", "45", "month", "INDICATOR_MONTH_IN_FUTURE"),
            ("2020-06", "四十五", "value", "INDICATOR_FIGURE_NOT_A_NUMBER"),
            ("2020-06", "-3", "value", "INDICATOR_FIGURE_NEGATIVE"),
        ] {
            let (s, b) = app
                .api_post(&gxj, &path, json!({ "month": month, "value": value }))
                .await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{month} {value}: {b}");
            assert!(codes(&b).contains(&(field.into(), code.into())), "{code} in {b}");
        }
        assert!(detail(&app, &sup, id).await["figures"].as_array().unwrap().is_empty());

        // June entered: not counted until the office accepts it; January to May are owed.
        let (s, b) = app
            .api_post(&gxj, &path, json!({ "month": "2020-06", "value": "45" }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let fid = b["id"].as_i64().unwrap();
        let d = detail(&app, &sup, id).await;
        assert_eq!(d["row"]["light"], "yellow");
        assert_eq!(d["row"]["sentence"], "2020年1月数据未报送");
        let version = d["figures"][0]["version"].as_i64().unwrap();
        let review = format!("/api/v1/indicator-figures/{fid}/review");
        let (s, _) = app
            .api_post(&sup, &review, json!({ "action": "accept", "version": version }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert!(
            notice(&app, &gxj, "indicator_figure_accepted").await["title"]
                .as_str()
                .unwrap()
                .contains("2020年6月")
        );
        // 45 / 100 = 45.0% against June's 50.0: 5.0 points behind (yellow: more than 0, not
        // more than 5), and January still missing.
        let d = detail(&app, &sup, id).await;
        assert_eq!(d["row"]["light"], "yellow");
        assert_eq!(
            d["row"]["sentence"],
            "1–6月完成45.0亿元，占年度目标的45.0%，落后序时进度5.0个百分点；2020年1月数据未报送"
        );
        assert_eq!(
            d["figures"][0]["sentence"],
            "1–6月完成45.0亿元，占年度目标的45.0%，落后序时进度5.0个百分点"
        );
        // The thresholds move it: red past 4 points.
        let (s, _) = app
            .api_put(
                &sup,
                "/api/v1/indicator-thresholds",
                json!({ "yellow": "0", "red": "4" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(detail(&app, &sup, id).await["row"]["light"], "red");
        let (s, b) = app
            .api_put(
                &sup,
                "/api/v1/indicator-thresholds",
                json!({ "yellow": "6", "red": "4" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

        // A correction: a stale version is a conflict; an accepted figure changed needs the reason.
        let (s, _) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "value": "52", "version": version, "note": "更正" }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let current = detail(&app, &gxj, id).await["figures"][0]["version"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "value": "52", "version": current }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![("note".into(), "INDICATOR_CORRECTION_REASON_REQUIRED".into())]
        );
        let (s, _) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "value": "52", "version": current, "note": "统计局终审数更正" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        // Under review the accepted 45 still counts; returned, the unit is told why.
        let d = detail(&app, &sup, id).await;
        assert!(d["row"]["sentence"].as_str().unwrap().starts_with("1–6月完成45.0亿元"));
        let v = d["figures"][0]["version"].as_i64().unwrap();
        let (s, b) = app
            .api_post(&sup, &review, json!({ "action": "return", "version": v }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let (s, _) = app
            .api_post(
                &sup,
                &review,
                json!({ "action": "return", "version": v, "note": "请附统计局文件" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(
            notice(&app, &gxj, "indicator_figure_returned").await["body"],
            "审核意见：请附统计局文件"
        );
    }
}

#[tokio::test]
async fn a_computed_rate_needs_last_years_figure_and_a_quarterly_one_a_quarters_end() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, unit) = unit_of(&app, "gxj").await;
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/indicators",
                json!({ "name": "工业用电量增速", "measure": "%", "kind": "rate", "year": 2020, "target": 5,
                    "frequency": "quarterly", "computed": true, "unit_id": unit }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let id = b["id"].as_i64().unwrap();
        let path = format!("/api/v1/indicators/{id}/figures");
        let (s, b) = app
            .api_post(&gxj, &path, json!({ "month": "2020-06", "value": "120.5" }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![("last_year".into(), "INDICATOR_LAST_YEAR_MISSING".into())]
        );
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-05", "value": "120.5", "last_year": "113.2" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![("month".into(), "INDICATOR_MONTH_NOT_QUARTER_END".into())]
        );
        let (s, _) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "value": 120.5, "last_year": 113.2 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let d = detail(&app, &sup, id).await;
        // (120.5 − 113.2) / 113.2 = 6.45% → 6.4.
        assert_eq!(d["figures"][0]["rate_text"], "6.4%");
        let fid = d["figures"][0]["id"].as_i64().unwrap();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/indicator-figures/{fid}/review"),
                json!({ "action": "accept", "version": 1 }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let d = detail(&app, &sup, id).await;
        // 6.4 against 5.0: 1.4 points above; March (the first quarter) is still missing.
        assert_eq!(
            d["row"]["sentence"],
            "1–6月增长6.4%，高于全年目标1.4个百分点；2020年3月数据未报送"
        );
    }
}

#[tokio::test]
async fn the_demo_half_way_table_says_which_indicators_are_half_way() {
    for app in spawn_apps().await {
        let leader = app.token("chenweiguo").await;
        let (s, t) = app.api_get(&leader, "/api/v1/indicators/half-way?month=2020-06").await;
        assert_eq!(s, StatusCode::OK);
        let line = |name: &str| {
            t.as_array()
                .unwrap()
                .iter()
                .find(|l| l["name"] == name)
                .unwrap()
                .clone()
        };
        let revenue = line("一般公共预算收入");
        assert_eq!(
            (
                revenue["time_half"].as_bool(),
                revenue["task_half"].as_bool(),
                revenue["both"].as_bool()
            ),
            (Some(true), Some(true), Some(true))
        );
        assert_eq!(revenue["share_text"], "52.4%");
        let trade = line("外贸进出口总额");
        assert_eq!(trade["both"], false);
        assert_eq!(
            trade["sentence"],
            "1–6月完成19.2亿元，占年度目标的42.7%，落后序时进度7.3个百分点"
        );
        // May: time is not half gone.
        let (_, may) = app.api_get(&leader, "/api/v1/indicators/half-way?month=2020-05").await;
        assert!(may.as_array().unwrap().iter().all(|l| l["both"] == false));
        let (s, b) = app.api_get(&leader, "/api/v1/indicators/half-way?month=2020-13").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        // The dashboard by leader: the vice mayor for industry's only.
        let (_, dirs) = app.api_get(&leader, "/api/v1/leaders").await;
        let zhao = dirs.as_array().unwrap().iter().find(|l| l["name"] == "赵明华").unwrap()["id"].clone();
        let (_, rows) = app.api_get(&leader, &format!("/api/v1/indicators?leader={zhao}")).await;
        let names: Vec<&str> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"外贸进出口总额") && !names.contains(&"一般公共预算收入"),
            "{names:?}"
        );
    }
}

#[tokio::test]
async fn a_task_forces_members_see_what_it_owns_and_no_one_else_does() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, forces) = app.api_get(&sup, "/api/v1/task-forces").await;
        let clusters = forces
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "产业集群培育专班")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        // A member unit (科技局) sees the task force and its indicators; a unit outside it does not.
        let (kjj, _) = unit_of(&app, "kjj").await;
        let (s, d) = app.api_get(&kjj, &format!("/api/v1/task-forces/{clusters}")).await;
        assert_eq!(s, StatusCode::OK, "{}: {d}", app.backend);
        let owned: Vec<&str> = d["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert!(owned.contains(&"规模以上工业增加值增速"), "{owned:?}");
        assert!(!d["tasks"].as_array().unwrap().is_empty() && !d["meetings"].as_array().unwrap().is_empty());
        let (_, rows) = app.api_get(&kjj, "/api/v1/indicators").await;
        let names: Vec<&str> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"规模以上工业增加值增速") && !names.contains(&"一般公共预算收入"),
            "{names:?}"
        );
        let ind = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "规模以上工业增加值增速")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        // Seeing is not entering: only the responsible unit enters.
        let (s, _) = app
            .api_post(
                &kjj,
                &format!("/api/v1/indicators/{ind}/figures"),
                json!({ "month": "2020-06", "value": "1" }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (jyj, _) = unit_of(&app, "jyj").await;
        let (_, none) = app.api_get(&jyj, "/api/v1/task-forces").await;
        assert!(none.as_array().unwrap().is_empty(), "{none}");
        let (s, _) = app.api_get(&jyj, &format!("/api/v1/task-forces/{clusters}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app.api_get(&jyj, &format!("/api/v1/indicators/{ind}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_task_force_that_leads_a_task_hands_it_to_its_leading_unit() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (zjj, zjj_unit) = unit_of(&app, "zjj").await;
        let (_, yjj_unit) = unit_of(&app, "yjj").await;
        // Bad input on its fields.
        let (s, b) = app
            .api_post(&sup, "/api/v1/task-forces", json!({ "name": "", "lead_unit_id": zjj_unit, "established_on": "2020-06-01", "term_end": "2020-05-01" }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            codes(&b),
            vec![
                ("name".into(), "TASK_FORCE_NAME_INVALID".into()),
                ("term_end".into(), "TASK_FORCE_TERM_BEFORE_START".into())
            ]
        );
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/task-forces",
                json!({ "name": "城市更新专班", "lead_unit_id": zjj_unit, "members": [yjj_unit], "established_on": "2020-06-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let force = b["id"].as_i64().unwrap();
        assert!(
            notice(&app, &zjj, "task_force_member").await["title"]
                .as_str()
                .unwrap()
                .contains("城市更新专班")
        );
        // A task led by another unit, handed to the task force to lead.
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let plan = plans[0]["id"].as_i64().unwrap();
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        let task = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["lead_unit_id"].as_i64().is_some_and(|u| u != zjj_unit))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                &format!("/api/v1/task-forces/{force}/holdings"),
                json!({ "kind": "task", "id": task, "leads": true }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        assert_eq!(t["task"]["lead_unit_id"].as_i64(), Some(zjj_unit), "{t}");
        assert_eq!(
            (t["task_force"][1].as_str(), t["task_force"][2].as_bool()),
            (Some("城市更新专班"), Some(true)),
            "{t}"
        );
        assert!(
            notice(&app, &zjj, "task_force_leads").await["title"]
                .as_str()
                .unwrap()
                .contains("城市更新专班牵头任务")
        );
        let (_, d) = app.api_get(&zjj, &format!("/api/v1/task-forces/{force}")).await;
        assert_eq!(d["tasks"][0]["leads"], true);
        // Unknown kinds are refused; a stale edit is a conflict.
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/task-forces/{force}/holdings"),
                json!({ "kind": "plan", "id": 1 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let edit =
            json!({ "name": "城市更新专班", "lead_unit_id": zjj_unit, "established_on": "2020-06-01", "version": 99 });
        let (s, _) = app.api_put(&sup, &format!("/api/v1/task-forces/{force}"), edit).await;
        assert_eq!(s, StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn figures_wait_in_the_office_queue_and_returned_ones_in_the_units_inbox() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (s, q) = app.api_get(&sup, "/api/v1/reviews").await;
        assert_eq!(s, StatusCode::OK);
        let waiting = q["indicator_figures"].as_array().unwrap();
        let fixed = waiting.iter().find(|f| f["name"] == "固定资产投资").unwrap();
        assert_eq!(
            (fixed["month_text"].as_str(), fixed["value_text"].as_str()),
            (Some("2020年6月"), Some("240.0亿元"))
        );
        let (tczx, _) = unit_of(&app, "tczx").await;
        let (_, inbox) = app.api_get(&tczx, "/api/v1/inbox").await;
        let returned = inbox["indicator_figures"].as_array().unwrap();
        assert_eq!(returned.len(), 1, "{inbox}");
        assert_eq!(returned[0]["state"], "returned");
        assert_eq!(returned[0]["review_note"], "与省商务厅通报口径不一致，请核实后重报");
        // The half-way table says where June's figures stand when none is accepted.
        let (_, t) = app.api_get(&sup, "/api/v1/indicators/half-way").await;
        let line = |name: &str| t.as_array().unwrap().iter().find(|l| l["name"] == name).unwrap()["sentence"].clone();
        assert_eq!(line("固定资产投资"), "已报送，待审核");
        assert_eq!(line("招商引资到位资金"), "已退回，待重报");
        assert_eq!(line("社会消费品零售总额"), "未报送");
    }
}

#[tokio::test]
async fn a_row_the_reader_marks_as_an_indicator_becomes_one_beside_its_task() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let plan = plans[0]["id"].as_i64().unwrap();
        let text = "全市城镇新增就业达到3.2万人以上，登记失业率控制在4.5%以内。";
        let rows = json!([
            { "kind": "indicator", "title": "城镇新增就业达到3.2万人以上", "lead": "市人力资源和社会保障局", "due": "2020-12-31" },
            { "kind": "indicator", "title": "城镇登记失业率", "description": "登记失业率控制在4.5%以内", "lead": "市人力资源和社会保障局", "due": "2020-12-31" },
            { "kind": "task", "title": "稳定就业增长6%", "lead": "市人力资源和社会保障局", "due": "2020-12-31" }
        ]);
        let (s, done) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan_id": plan, "text": text, "rows": rows }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {done}", app.backend);
        assert_eq!(done["indicator_ids"].as_array().unwrap().len(), 2, "{done}");
        let jobs = done["indicator_ids"][0].as_i64().unwrap();
        let d = detail(&app, &sup, jobs).await;
        assert_eq!(
            (d["row"]["kind"].as_str(), d["row"]["target_text"].as_str()),
            (Some("amount"), Some("3.2万人"))
        );
        assert_eq!(d["task"][0], done["task_ids"][0]);
        let rate = detail(&app, &sup, done["indicator_ids"][1].as_i64().unwrap()).await;
        assert_eq!(
            (rate["row"]["kind"].as_str(), rate["direction_name"].as_str()),
            (Some("rate"), Some("越低越好"))
        );
    }
}

#[tokio::test]
async fn markup_in_an_indicators_and_a_task_forces_name_comes_back_as_text() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, unit) = unit_of(&app, "gxj").await;
        let name = "<img src=x onerror=alert(1)>产值";
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/indicators",
                json!({ "name": name, "measure": "亿元", "kind": "amount", "year": 2020, "target": 10, "unit_id": unit }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (s, f) = app
            .api_post(
                &sup,
                "/api/v1/task-forces",
                json!({ "name": "<script>x</script>专班", "lead_unit_id": unit, "established_on": "2020-06-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        let c = app.login_page("duchashi").await;
        for path in [
            "/indicators".to_string(),
            format!("/indicators/{}", b["id"]),
            format!("/task-forces/{}", f["id"]),
            "/task-forces".into(),
        ] {
            let (s, html) = app.page(&c, &path).await;
            assert_eq!(s, StatusCode::OK, "{path}");
            assert!(
                !html.contains("<img src=x") && !html.contains("<script>x"),
                "{path}: markup came back as markup"
            );
        }
    }
}
