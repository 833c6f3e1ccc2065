//! The pages as a browser gets them: every role, both languages, escaping, name history.

use reqwest::StatusCode;

use crate::helpers::*;

const ROLES: [&str; 6] = ["admin", "security", "auditor", "duchashi", "chenweiguo", "yjj"];

async fn switch_lang(app: &TestApp, c: &reqwest::Client, lang: &str) {
    let (_, html) = app.page(c, "/home").await;
    let r = c
        .post(app.url("/lang"))
        .form(&[("csrf", csrf_of(&html).as_str()), ("lang", lang), ("next", "/home")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_page_of_every_role_is_complete_in_chinese_and_in_english() {
    for app in spawn_apps().await {
        for role in ROLES {
            let c = app.login_page(role).await;
            let mut paths = vec!["/home".to_string()];
            if ["duchashi", "chenweiguo", "yjj"].contains(&role) {
                paths.extend(["/plans".into(), "/plans/1".into(), "/plans/1/text".into()]);
                let token = app.token(role).await;
                let (_, home) = app.api_get(&token, "/api/v1/home").await;
                if let Some(t) = home["tasks"]
                    .as_array()
                    .and_then(|a| a.first())
                    .or_else(|| home["attention"].as_array().and_then(|a| a.first()))
                {
                    paths.push(format!("/tasks/{}", t["id"]));
                }
                paths.extend([
                    "/indicators".into(),
                    "/indicators/half-way".into(),
                    "/task-forces".into(),
                ]);
                if role == "yjj" {
                    paths.push("/inbox".into());
                }
                for (list, page) in [
                    ("/api/v1/indicators", "/indicators"),
                    ("/api/v1/task-forces", "/task-forces"),
                ] {
                    let (_, rows) = app.api_get(&token, list).await;
                    if let Some(r) = rows.as_array().and_then(|a| a.first()) {
                        paths.push(format!("{page}/{}", r["id"]));
                    }
                }
                if role == "duchashi" {
                    paths.extend(["/indicators/new".into(), "/task-forces/new".into(), "/reviews".into()]);
                    paths.extend(["/indicators/1/edit".into(), "/task-forces/1/edit".into()]);
                }
            }
            for (lang, html_lang, marker) in [("zh", "zh-CN", "首页"), ("en", "en", "Home")] {
                switch_lang(&app, &c, lang).await;
                for p in &paths {
                    let (s, html) = app.page(&c, p).await;
                    if s == StatusCode::NOT_FOUND {
                        continue; // e.g. a unit without tasks in plan 1
                    }
                    assert_eq!(s, StatusCode::OK, "{role} {p}");
                    assert!(
                        html.contains(&format!("<html lang=\"{html_lang}\">")),
                        "{role} {p} {lang}"
                    );
                    assert!(!html.contains('⟦'), "{role} {p} {lang}: missing message key");
                    assert!(html.contains(marker), "{role} {p} {lang}: menu in {lang}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_unit_user_sees_its_units_tasks_with_their_lights() {
    for app in spawn_apps().await {
        let c = app.login_page("yjj").await;
        let (_, html) = app.page(&c, "/home").await;
        assert!(html.contains("市应急管理局"));
        assert!(html.contains("开展安全生产专项整治三年行动"), "a task 市应急局 leads");
        assert!(html.contains("class=\"light light-"), "lights shown");
        assert!(!html.contains("改造老旧小区120个"), "a task of 市住建局 is not shown");
    }
}

#[tokio::test]
async fn the_task_page_shows_the_light_its_reason_and_the_plan_paragraph() {
    for app in spawn_apps().await {
        let token = app.token("duchashi").await;
        let (_, tree) = app.api_get(&token, "/api/v1/plans/2/tasks").await;
        let task = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"] == "持续不断抓好安全生产")
            .unwrap()
            .clone();
        let c = app.login_page("duchashi").await;
        let (_, html) = app.page(&c, &format!("/tasks/{}", task["id"])).await;
        assert!(
            html.contains("<mark>安全生产</mark>"),
            "the cited words are highlighted"
        );
        assert!(html.contains(task["explanation"].as_str().unwrap()));
        assert!(html.contains("进展报送"));
    }
}

#[tokio::test]
async fn titles_are_escaped_in_pages() {
    for app in spawn_apps().await {
        let region = app.account("duchashi").await.region_id;
        let mut tx = app.store.begin().await.unwrap();
        let id = luoshi_store::task::insert_task(
            &mut tx,
            region,
            &luoshi_store::task::NewTask {
                plan_id: 1,
                parent_id: None,
                seq: 99,
                title: "<script>alert(1)</script>",
                description: "\"><img src=x onerror=alert(1)>",
                lead_unit_id: None,
                co_unit_ids: &[],
                leader_id: None,
                start: today(),
                due: None,
                cycle: "monthly",
                cycle_due_day: 25,
                weight: 1,
                domain: "",
                public: false,
                source: None,
                milestones: &[],
                owner: "",
                decomposed_by: None,
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let c = app.login_page("duchashi").await;
        let (_, html) = app.page(&c, &format!("/tasks/{id}")).await;
        assert!(!html.contains("<script>alert"));
        assert!(
            html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
            "escaped as entities"
        );
        assert!(!html.contains("<img src=x"));
    }
}

#[tokio::test]
async fn old_reports_name_a_unit_as_it_was_called_then() {
    for app in spawn_apps().await {
        let token = app.token("duchashi").await;
        let (_, tree) = app.api_get(&token, "/api/v1/plans/1/tasks").await;
        let find = |title: &str| {
            tree["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["title"] == title)
                .unwrap()["id"]
                .clone()
        };
        let (_, commerce) = app
            .api_get(&token, &format!("/api/v1/tasks/{}", find("实际利用外资增长10%")))
            .await;
        let units: Vec<(&str, &str)> = commerce["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["period"].as_str().unwrap(), r["unit"].as_str().unwrap()))
            .collect();
        assert!(units.contains(&("2020-02-01", "市商务粮食局")), "{units:?}");
        assert!(units.contains(&("2020-05-01", "市商务局")), "{units:?}");
        assert_eq!(commerce["task"]["lead_unit"], "市商务局");
        let (_, tourism) = app
            .api_get(&token, &format!("/api/v1/tasks/{}", find("创建国家全域旅游示范区")))
            .await;
        let feb = tourism["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["period"] == "2020-02-01")
            .unwrap();
        assert_eq!(feb["unit"], "市旅游发展委员会", "reported before the merge");
    }
}

#[tokio::test]
async fn every_page_s_help_link_opens_its_section_of_the_guide() {
    for app in spawn_apps().await {
        for (login, page, want) in [
            ("zjj", "/inbox", "/help/unit#inbox"),
            ("duchashi", "/reviews", "/help/office#reviews"),
            ("chenweiguo", "/instructions", "/help/leader#follow"),
            ("auditor", "/home", "/help/admin#auditor"),
        ] {
            let browser = app.login_page(login).await;
            let (_, html) = app.page(&browser, page).await;
            assert!(
                html.contains(&format!(r#"href="{want}" id="help-link""#)),
                "{}: {login} {page}",
                app.backend
            );
            let (doc, section) = want.split_once('#').unwrap();
            let (s, guide) = app.page(&browser, doc).await;
            assert_eq!(s, reqwest::StatusCode::OK);
            assert!(guide.contains(&format!(r#"id="{section}""#)), "{want}");
            assert!(guide.contains("使用手册") && !guide.contains("](images/"));
        }
        let browser = app.login_page("duchashi").await;
        let r = browser
            .get(app.url("/help/images/office-reviews.png"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/png");
        let (s, _) = app.page(&browser, "/help/nothing").await;
        assert_eq!(s, reqwest::StatusCode::NOT_FOUND);
    }
}
