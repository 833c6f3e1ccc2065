//! Key projects through the API (issue 16): the office keeps the ledger, a changed figure needs
//! a reason and stays in the history, a stale save is a conflict, bad input is refused field by
//! field with nothing written, and each role sees what DOMAIN.md allows.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn unit_of(app: &TestApp, login: &str) -> (String, i64) {
    let t = app.token(login).await;
    let (_, me) = app.api_get(&t, "/api/v1/me").await;
    (t, me["unit_id"].as_i64().unwrap())
}

fn body(category: i64, unit: i64, service: i64, leader: i64) -> Value {
    json!({ "name": "晋城至济源高速公路", "level": "province", "category_id": category, "nature": "continued",
        "stage": "building", "total": 1401600, "year": 2020, "annual_plan": "190000", "planned_start": "2019-03",
        "planned_finish": "2021-12", "actual_start": "2019-04", "unit_id": unit, "service_unit_id": service,
        "liaison_id": leader, "public": true, "content": "全长38公里" })
}

fn codes(b: &Value) -> Vec<(String, String)> {
    b["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_office_keeps_the_ledger_and_a_changed_figure_needs_a_reason() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (gxj, lead) = unit_of(&app, "gxj").await;
        let (yjj, service) = unit_of(&app, "yjj").await;
        let (zjj, _) = unit_of(&app, "zjj").await;
        let (_, leaders) = app.api_get(&sup, "/api/v1/leaders").await;
        let leader = leaders[0]["id"].as_i64().unwrap();
        let (s, k) = app
            .api_post(&sup, "/api/v1/project-categories", json!({ "name": "文化旅游" }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {k}", app.backend);
        let category = k["id"].as_i64().unwrap();
        let (s, _) = app
            .api_post(&sup, "/api/v1/project-categories", json!({ "name": "文化旅游" }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a category named twice");

        // Bad input: each problem named, nothing written.
        let mut bad = body(category, 999_999, service, leader);
        bad["total"] = json!("-5");
        bad["level"] = json!("国家级");
        bad["planned_finish"] = json!("2018-12");
        let (s, b) = app.api_post(&sup, "/api/v1/projects", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let got = codes(&b);
        for want in [
            ("total", "PROJECT_MONEY_NEGATIVE"),
            ("level", "PROJECT_CHOICE_UNKNOWN"),
            ("unit_id", "PROJECT_CHOICE_UNKNOWN"),
            ("planned_finish", "PROJECT_FINISH_BEFORE_START"),
        ] {
            assert!(got.contains(&(want.0.into(), want.1.into())), "{want:?} in {got:?}");
        }
        let rows = |l: &Value| l["rows"].as_array().unwrap().len();
        let (_, l) = app.api_get(&sup, "/api/v1/projects").await;
        let before = rows(&l);
        let mut seen_before = Vec::new();
        for t in [&sup, &gxj, &yjj, &zjj] {
            seen_before.push(rows(&app.api_get(t, "/api/v1/projects").await.1));
        }

        // A unit may not put a project on the ledger; the office does.
        let (s, _) = app
            .api_post(&gxj, "/api/v1/projects", body(category, lead, service, leader))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, b) = app
            .api_post(&sup, "/api/v1/projects", body(category, lead, service, leader))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let id = b["id"].as_i64().unwrap();
        let (_, l) = app.api_get(&sup, "/api/v1/projects").await;
        assert_eq!(
            rows(&l),
            before + 1,
            "{}: only the one project was written",
            app.backend
        );
        let (_, l) = app
            .api_get(&sup, &format!("/api/v1/projects?level=province&category={category}"))
            .await;
        assert_eq!(l["rows"][0]["total_text"], "1,401,600");
        assert_eq!(l["sums"][0]["total_yi"], "140.16");
        assert_eq!(l["sums"][0]["plan_yi"], "19.00");

        // The total raised: without a reason refused, with one kept in the history.
        let mut raised = body(category, lead, service, leader);
        raised["total"] = json!("1500000");
        raised["version"] = json!(1);
        let (s, b) = app
            .api_put(&sup, &format!("/api/v1/projects/{id}"), raised.clone())
            .await;
        assert_eq!(
            (s, codes(&b)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![("reason".into(), "PROJECT_REASON_REQUIRED".into())]
            )
        );
        raised["reason"] = json!("设计变更，增加互通立交一处");
        let (s, b) = app
            .api_put(&sup, &format!("/api/v1/projects/{id}"), raised.clone())
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (s, _) = app.api_put(&sup, &format!("/api/v1/projects/{id}"), raised).await;
        assert_eq!(s, StatusCode::CONFLICT, "a save from the version read before");
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["changes"][0]["field"], "total");
        assert_eq!(d["changes"][0]["old_value"], "1,401,600");
        assert_eq!(d["changes"][0]["reason"], "设计变更，增加互通立交一处");
        assert_eq!(d["year"]["differs"], true, "the page shows the baseline beside");
        assert_eq!(d["year"]["base_total_text"], "1,401,600");

        // A node: the service unit marks it done; the responsible unit may not; not in the future.
        let (s, n) = app
            .api_post(
                &sup,
                &format!("/api/v1/projects/{id}/nodes"),
                json!({ "name": "施工许可", "planned_on": "2020-05-31" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{n}");
        let node = n["id"].as_i64().unwrap();
        let done = |on: &str| json!({ "project_id": id, "version": 1, "done_on": on, "note": "晋建施〔2020〕12号" });
        let path = format!("/api/v1/project-nodes/{node}");
        assert_eq!(
            app.api_put(&gxj, &path, done("2020-06-20")).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.api_put(&yjj, &path, done("2020-07-20")).await.0,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            app.api_put(&yjj, &path, done("2020-06-20")).await.0,
            StatusCode::NO_CONTENT
        );
        let (_, d) = app.api_get(&gxj, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["nodes"][0]["done_on"], "2020-06-20");
        let gxj_page = app.login_page("gxj").await;
        let (_, html) = app.page(&gxj_page, &format!("/projects/{id}")).await;
        assert!(
            html.contains("2020年6月20日") && !html.contains(">2020-06-20"),
            "a date in words on a Chinese page"
        );

        // Who sees it: the office, a leader, the responsible and the service unit; not another
        // unit, nor the administrators.
        let leader_t = app.token("chenweiguo").await;
        let viewers = [
            ("sup", &sup, true),
            ("gxj", &gxj, true),
            ("yjj", &yjj, true),
            ("zjj", &zjj, false),
        ];
        for (i, (who, t, sees)) in viewers.into_iter().enumerate() {
            let (_, l) = app.api_get(t, "/api/v1/projects").await;
            assert_eq!(rows(&l), seen_before[i] + usize::from(sees), "{who}");
            let (s, _) = app.api_get(t, &format!("/api/v1/projects/{id}")).await;
            assert_eq!(s, if sees { StatusCode::OK } else { StatusCode::NOT_FOUND }, "{who}");
        }
        assert_eq!(
            app.api_get(&leader_t, &format!("/api/v1/projects/{id}")).await.0,
            StatusCode::OK,
            "a leader"
        );
        for admin in ["admin", "security", "auditor"] {
            let t = app.token(admin).await;
            assert_eq!(
                app.api_get(&t, "/api/v1/projects").await.0,
                StatusCode::FORBIDDEN,
                "{admin}"
            );
        }
    }
}

/// The demo's provincial projects sum to the published figures; a unit sees only its own.
#[tokio::test]
async fn the_demo_ledger_sums_to_the_published_provincial_figures() {
    let app = spawn_app(&luoshi_store::testing::sqlite_url()).await;
    let sup = app.token("duchashi").await;
    let (_, l) = app.api_get(&sup, "/api/v1/projects?level=province").await;
    assert_eq!(l["sums"][0]["count"], 6);
    assert_eq!(l["sums"][0]["total_yi"], "140.16");
    assert_eq!(l["sums"][0]["plan_yi"], "19.00");
    let (_, all) = app.api_get(&sup, "/api/v1/projects").await;
    let total = all["rows"].as_array().unwrap().len();
    assert!(total >= 50, "{total} projects in the demo");
    let (gxj, unit) = unit_of(&app, "gxj").await;
    let (_, own) = app.api_get(&gxj, "/api/v1/projects").await;
    let own = own["rows"].as_array().unwrap();
    assert!(!own.is_empty() && own.len() < total);
    assert!(own.iter().all(|r| r["unit_id"] == unit), "a unit sees only its own");
}

/// The ledger page and a project's page, as the office and as a unit on a phone would open them.
#[tokio::test]
async fn the_ledger_and_a_project_page_show_what_each_reader_may_see() {
    for app in spawn_apps().await {
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, "/projects?level=province").await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        assert!(
            html.contains("重点项目台账") && html.contains("140.16") && html.contains("19.00"),
            "{html}"
        );
        let (s, html) = app.page(&office, "/projects?level=county&stage=building").await;
        assert_eq!(s, StatusCode::OK);
        assert!(!html.contains("省级 ·"), "the filter keeps the county projects only");
        let sup = app.token("duchashi").await;
        let (_, l) = app.api_get(&sup, "/api/v1/projects?level=province").await;
        let id = l["rows"][0]["id"].as_i64().unwrap();
        let name = l["rows"][0]["name"].as_str().unwrap().to_string();
        let (s, html) = app.page(&office, &format!("/projects/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains(&name) && html.contains("审批节点") && html.contains("调整记录"));
        // A unit's ledger has only its own projects; another's page is not found.
        let (gxj_t, unit) = unit_of(&app, "gxj").await;
        let (_, own) = app.api_get(&gxj_t, "/api/v1/projects").await;
        let other = l["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit_id"] != unit)
            .map(|r| r["id"].as_i64().unwrap())
            .unwrap();
        let gxj = app.login_page("gxj").await;
        let (_, html) = app.page(&gxj, "/projects").await;
        for r in own["rows"].as_array().unwrap() {
            assert!(html.contains(r["name"].as_str().unwrap()));
        }
        assert_eq!(
            app.page(&gxj, &format!("/projects/{other}")).await.0,
            StatusCode::NOT_FOUND
        );
    }
}

/// The pipeline counts every project at its stage; a leader can keep to the projects they are
/// liaison for (包联).
#[tokio::test]
async fn the_pipeline_counts_every_stage_and_a_leader_sees_their_own_projects() {
    let app = spawn_app(&luoshi_store::testing::sqlite_url()).await;
    let sup = app.token("duchashi").await;
    let (_, l) = app.api_get(&sup, "/api/v1/projects").await;
    let stages: Vec<&str> = l["pipeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage_name"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["谋划", "储备", "前期", "新开工", "在建", "竣工", "投产"]);
    let counted: u64 = l["pipeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, l["rows"].as_array().unwrap().len());
    // The mayor's vice for industry (工业): only the projects they are liaison for.
    let (_, leaders) = app.api_get(&sup, "/api/v1/leaders").await;
    let gongye = leaders
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["portfolio"].as_str().unwrap_or_default().contains("工业"))
        .unwrap()
        .clone();
    let (_, own) = app
        .api_get(&sup, &format!("/api/v1/projects?leader={}", gongye["id"]))
        .await;
    let own: Vec<String> = own["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!own.is_empty());
    let (_, all_users) = app.api_get(&app.token("admin").await, "/api/v1/users").await;
    let login = all_users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["leader_id"] == gongye["id"])
        .map(|u| u["username"].as_str().unwrap().to_string())
        .unwrap();
    let browser = app.login_page(&login).await;
    let (s, html) = app.page(&browser, "/projects?mine=true").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("只看我包联的") && html.contains("project-pipeline"));
    let shown = html
        .split("href=\"/projects/")
        .skip(1)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(shown, own.len(), "only the leader's own projects");
}

/// The office puts a project on the ledger with the page's form; a problem comes back beside its
/// field, in Chinese, with nothing written.
#[tokio::test]
async fn the_office_adds_a_project_with_the_form() {
    for app in spawn_apps().await {
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, "/projects/new").await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        let csrf = csrf_of(&html);
        let option = |name: &str| {
            let at = html.find(&format!("name=\"{name}\"")).unwrap();
            html[at..]
                .split("<option value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        let category = option("category_id");
        let unit = option("unit_id");
        let mut fields = vec![
            ("csrf", csrf.clone()),
            ("name", "太行一号旅游公路".to_string()),
            ("level", "city".into()),
            ("category_id", category),
            ("nature", "new".into()),
            ("stage", "preliminary".into()),
            ("total", "-5".into()),
            ("annual_plan", "3000".into()),
            ("planned_start", "2020-09".into()),
            ("planned_finish", "2021-12".into()),
            ("unit_id", unit),
            ("public", "1".into()),
        ];
        let sup = app.token("duchashi").await;
        let count = |l: Value| l["rows"].as_array().unwrap().len();
        let before = count(app.api_get(&sup, "/api/v1/projects").await.1);
        let r = office
            .post(app.url("/projects/new"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("总投资不能为负数") && page.contains("太行一号旅游公路"),
            "{page}"
        );
        assert_eq!(count(app.api_get(&sup, "/api/v1/projects").await.1), before);
        fields[6] = ("total", "26,000".into());
        let r = office
            .post(app.url("/projects/new"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (s, html) = app.page(&office, to.split('?').next().unwrap()).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("太行一号旅游公路") && html.contains("26,000"));
        assert_eq!(count(app.api_get(&sup, "/api/v1/projects").await.1), before + 1);
        // A unit may not open the form.
        let unit = app.login_page("gxj").await;
        assert_eq!(app.page(&unit, "/projects/new").await.0, StatusCode::FORBIDDEN);
    }
}

/// The office changes a project with the page's form: a raised total needs its reason, a save
/// over someone else's is a conflict said in words.
#[tokio::test]
async fn the_office_changes_a_project_with_the_form_and_gives_its_reason() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, l) = app.api_get(&sup, "/api/v1/projects?level=province").await;
        let id = l["rows"][0]["id"].as_i64().unwrap();
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, &format!("/projects/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains(&format!("/projects/{id}/edit")));
        let (s, html) = app.page(&office, &format!("/projects/{id}/edit")).await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        // The form as filled, read back as a browser would send it.
        let value = |name: &str| {
            let key = format!("name=\"{name}\" value=\"");
            html.find(&key)
                .map(|at| html[at + key.len()..].split('"').next().unwrap().to_string())
                .unwrap_or_default()
        };
        let selected = |name: &str| {
            let at = html.find(&format!("name=\"{name}\"")).unwrap();
            let part = &html[at..];
            let end = part.find("</select>").unwrap();
            part[..end]
                .split("<option value=\"")
                .find(|o| o.contains("selected"))
                .map(|o| o.split('"').next().unwrap().to_string())
                .unwrap_or_default()
        };
        let mut fields: Vec<(String, String)> = [
            "csrf",
            "version",
            "name",
            "total",
            "annual_plan",
            "planned_start",
            "planned_finish",
            "actual_start",
        ]
        .iter()
        .map(|k| (k.to_string(), value(k)))
        .collect();
        for k in [
            "level",
            "category_id",
            "nature",
            "stage",
            "unit_id",
            "service_unit_id",
            "place_unit_id",
            "liaison_id",
        ] {
            fields.push((k.to_string(), selected(k)));
        }
        fields.push(("public".into(), "1".into()));
        let total = fields.iter_mut().find(|(k, _)| k == "total").unwrap();
        total.1 = "310,000".into();
        let post = |f: Vec<(String, String)>| {
            let (b, url) = (office.clone(), app.url(&format!("/projects/{id}/edit")));
            async move { b.post(url).form(&f).send().await.unwrap() }
        };
        let r = post(fields.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        assert!(r.text().await.unwrap().contains("须说明理由"));
        let mut with_reason = fields.clone();
        with_reason.push(("reason".into(), "增加连接线3公里".into()));
        let r = post(with_reason.clone()).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(d["project"]["total_text"], "310,000");
        assert_eq!(
            d["changes"].as_array().unwrap().last().unwrap()["reason"],
            "增加连接线3公里"
        );
        // The same form again: its version is stale now.
        let r = post(with_reason).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("该项目已被他人修改"));
    }
}

/// A project may belong to a plan task: the work report's task "推进省市县三级重点工程" lists the
/// provincial projects with their warnings; a unit that may not see a project does not find it
/// there.
#[tokio::test]
async fn the_three_levels_task_shows_its_projects() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, l) = app.api_get(&sup, "/api/v1/projects?level=province").await;
        let first = l["rows"][0]["id"].clone();
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{first}")).await;
        let task = d["task_id"].as_i64().expect("a provincial project belongs to a task");
        let (s, t) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        assert_eq!(t["task"]["title"], "推进省市县三级重点工程");
        let names: Vec<&str> = t["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(t["projects"][0]["warning"].as_str().is_some_and(|w| !w.is_empty()));
        let office = app.login_page("duchashi").await;
        let (_, html) = app.page(&office, &format!("/tasks/{task}")).await;
        assert!(html.contains("所属重点项目") && html.contains(names[0]));
    }
}

/// The ledger page filters by unit for the office (the projects a unit answers for, serves or
/// hosts); a unit sees no such filter.
#[tokio::test]
async fn the_ledger_page_filters_by_unit() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let zjj = app.token("zjj").await;
        let unit = app.api_get(&zjj, "/api/v1/me").await.1["unit_id"].as_i64().unwrap();
        let (_, mine) = app.api_get(&sup, &format!("/api/v1/projects?unit={unit}")).await;
        let want = mine["rows"].as_array().unwrap().len();
        assert!(want > 0, "{}", app.backend);
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, &format!("/projects?unit={unit}&per_page=500")).await;
        assert_eq!(s, StatusCode::OK);
        let shown = html
            .split("href=\"/projects/")
            .skip(1)
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        assert_eq!(shown, want);
        let unit_page = app.login_page("zjj").await;
        let (_, html) = app.page(&unit_page, "/projects").await;
        assert!(!html.contains("id=\"f-unit\""));
    }
}
