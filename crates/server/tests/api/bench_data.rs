//! `luoshi gen`'s data on both databases, in a small shape: the same seed gives the same data;
//! the rows hang together (a province over its cities, parents before children, a report per
//! task and period); the server reads it, and each city sees only itself.

use luoshi_demo::bench_data::{Shape, default_today, generate};
use luoshi_store::{Store, migrate, testing};
use reqwest::StatusCode;

use crate::helpers::*;

const SMALL: Shape = Shape {
    cities: 2,
    plans: 2,
    top: 3,
    middle: 2,
    leaves: 2,
};

async fn fresh(url: &str) -> Store {
    let store = Store::connect(url, 4).await.unwrap();
    migrate::run(&store).await.unwrap();
    store
}

#[tokio::test]
async fn generated_data_is_reproducible_consistent_and_served_by_city() {
    for url in testing::database_urls().await.unwrap() {
        let store = fresh(&url).await;
        let s = generate(&store, password_hash(), SMALL, 7, default_today())
            .await
            .unwrap();
        // 3 + 6 + 12 tasks a plan, 2 plans, 2 cities.
        assert_eq!((s.cities, s.plans, s.tasks), (2, 4, 84), "{}", store.backend().name());
        assert!(
            s.reports > 12 * 2 * 2 * 8,
            "monthly reports for most leaves: {}",
            s.reports
        );
        assert_eq!(s.units, 2 * 94);
        assert_eq!(s.indicators, 2 * 40);
        assert!(
            s.indicator_figures > 2 * 40 * 11,
            "a year of figures: {}",
            s.indicator_figures
        );

        // The same seed in another database gives the same tasks and reports.
        let again_url = if url.starts_with("postgres") {
            testing::postgres_url().await.unwrap().unwrap()
        } else {
            testing::sqlite_url()
        };
        let again = fresh(&again_url).await;
        let s2 = generate(&again, password_hash(), SMALL, 7, default_today())
            .await
            .unwrap();
        assert_eq!((s2.tasks, s2.reports, s2.snapshots), (s.tasks, s.reports, s.snapshots));
        let titles = |st: Store| async move {
            let mut c = st.conn().await.unwrap();
            let regions = luoshi_store::region::regions(&mut c).await.unwrap();
            let city = regions.iter().find(|r| r.level == "city").unwrap().id;
            let plans = luoshi_store::plan::plans(&mut c, city).await.unwrap();
            let tasks = luoshi_store::task::tasks_of_plan(&mut c, city, plans[0].id)
                .await
                .unwrap();
            tasks
                .iter()
                .map(|t| (t.title.clone(), t.lead_unit_id, t.due))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            titles(store.clone()).await,
            titles(again.clone()).await,
            "same seed, same tasks"
        );

        let app = serve_store(store, &url, default_today()).await;
        // Two cities have accounts: a login names its city, and a name is found only in its own.
        let (s, e) = app.login_api(None, "c01_duchashi").await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("LOGIN_REGION_REQUIRED")),
            "{e}"
        );
        let (s, e) = app.login_api(Some("123456"), "c01_duchashi").await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("LOGIN_REGION_UNKNOWN")),
            "{e}"
        );
        let (s, _) = app.login_api(Some("980200"), "c01_duchashi").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "another city's account is not found");
        let sup = app.token_in(Some("980100"), "c01_duchashi").await;
        // The login page offers the cities, and a city's user logs in by choosing it.
        let c = app.browser();
        let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        assert!(
            html.contains(r#"name="region""#) && html.contains(r#"value="980200""#),
            "{html}"
        );
        let form = [
            ("csrf", csrf_of(&html)),
            ("region", "980200".to_string()),
            ("username", "c02_u003".to_string()),
            ("password", PASSWORD.to_string()),
            ("next", "/home".to_string()),
        ];
        let r = c.post(app.url("/login")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "a page login with its city");
        let home = c.get(app.url("/home")).send().await.unwrap();
        assert_eq!(home.status(), StatusCode::OK);
        let mut wrong = form.clone();
        wrong[1].1 = String::new();
        let again = app.browser();
        let html = again.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        wrong[0].1 = csrf_of(&html);
        let r = again.post(app.url("/login")).form(&wrong).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().await.unwrap().contains("请选择所在地区"),
            "the page says to choose the region"
        );
        let (s, plans) = app.api_get(&sup, "/api/v1/plans").await;
        assert_eq!(s, StatusCode::OK);
        let plans = plans.as_array().unwrap();
        assert_eq!(plans.len(), 2, "a city's office sees its own plans only");
        let (_, tree) = app
            .api_get(&sup, &format!("/api/v1/plans/{}/tasks", plans[0]["id"]))
            .await;
        let tasks = tree["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 21);
        // Parents come before their children, three levels deep.
        assert_eq!(tasks[0]["number"], "1");
        assert_eq!(tasks[1]["number"], "1.1");
        assert_eq!(tasks[2]["number"], "1.1.1");
        // Another city's office reads none of it.
        let other = app.token_in(Some("980200"), "c02_duchashi").await;
        let (s, _) = app
            .api_get(&other, &format!("/api/v1/plans/{}/tasks", plans[0]["id"]))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        // A unit user has an inbox with December's report due today.
        let unit = app.token_in(Some("980100"), "c01_u003").await;
        let (s, inbox) = app.api_get(&unit, "/api/v1/inbox").await;
        assert_eq!(s, StatusCode::OK, "{inbox}");
        let (s, _) = app.api_get(&sup, "/api/v1/home").await;
        assert_eq!(s, StatusCode::OK);
        let r = reqwest::get(app.url("/public")).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        // The city's indicators, judged, each with its light and sentence; December's figures
        // of a third of them wait for the office.
        let (s, rows) = app.api_get(&sup, "/api/v1/indicators?year=2020").await;
        assert_eq!(s, StatusCode::OK);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 40);
        assert!(
            rows.iter().all(|r| !r["sentence"].as_str().unwrap().is_empty()),
            "{rows:?}"
        );
        assert!(rows.iter().any(|r| r["waiting"] == 1));
        let lights: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["light"].as_str().unwrap()).collect();
        assert!(lights.len() >= 3, "every light: {lights:?}");
    }
}
