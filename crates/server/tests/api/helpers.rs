//! `spawn_app()` and the small HTTP helpers the tests share.

use std::sync::OnceLock;

use chrono::NaiveDate;
use luoshi_server::{AppState, auth::password};
use luoshi_store::{Store, migrate, testing};
use reqwest::{Client, StatusCode, redirect::Policy};
use serde_json::Value;

pub const PASSWORD: &str = luoshi_demo::DEMO_PASSWORD;

fn demo_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_password(PASSWORD).unwrap())
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 6, 30).unwrap()
}

/// A running server on a fresh demo database.
pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub backend: &'static str,
    /// The database's URL.
    pub url: String,
}

/// One app per backend under test.
pub async fn spawn_apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for url in testing::database_urls().await.unwrap() {
        apps.push(spawn_app(&url).await);
    }
    apps
}

pub async fn spawn_app(url: &str) -> TestApp {
    spawn_app_with(url, &[]).await.0
}

/// The demo city built once per test run and backend (SQLite, PostgreSQL), closed, for each
/// test to copy: building it and back-filling five months of lights takes seconds a backend.
static FIXTURES: tokio::sync::Mutex<Vec<(bool, String)>> = tokio::sync::Mutex::const_new(Vec::new());

/// Builds the demo city, its light history and its bulletins into the fresh database at `url`.
async fn build_demo(store: &Store, config: &luoshi_server::Config) {
    let now = luoshi_server::Clock::Fixed(today()).now();
    let summary = luoshi_demo::build(store, demo_hash(), today(), now).await.unwrap();
    let from = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap();
    luoshi_lights::backfill(store, summary.region, from, today())
        .await
        .unwrap();
    luoshi_server::ops::bulletin::seed_demo(store, config, summary.region, today())
        .await
        .unwrap();
}

/// The audit settings of a test database: one key for every test (the shared fixture's chains
/// are keyed with it), checkpoints per database.
fn audit_files(url: &str) -> Vec<(&'static str, String)> {
    let tmp = std::env::temp_dir();
    let name: String = url.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let name = &name[name.len().saturating_sub(60)..];
    vec![
        (
            "audit_key_file",
            tmp.join("luoshi-test-audit.key").display().to_string(),
        ),
        (
            "audit_anchor_file",
            tmp.join(format!("luoshi-test-anchors-{name}.jsonl"))
                .display()
                .to_string(),
        ),
    ]
}

fn config_for(url: &str, settings: &[(&'static str, String)]) -> luoshi_server::Config {
    let mut flags = vec![("database", url.to_string())];
    flags.extend(audit_files(url));
    flags.extend(settings.iter().cloned());
    let mut config = luoshi_server::Layers::defaults().flags(flags).unwrap().build().unwrap();
    config.today = Some(today());
    config
}

/// Makes the fresh database at `url` a copy of the demo fixture of its backend, building the
/// fixture first if this test run has not yet.
async fn copy_fixture(url: &str) {
    let pg = url.starts_with("postgres");
    let mut fixtures = FIXTURES.lock().await;
    let template = match fixtures.iter().find(|(p, _)| *p == pg) {
        Some((_, t)) => t.clone(),
        None => {
            let t = if pg {
                testing::postgres_url().await.unwrap().unwrap()
            } else {
                testing::sqlite_url()
            };
            let store = Store::connect(&t, 8).await.unwrap();
            migrate::run(&store).await.unwrap();
            let config = config_for(&t, &[]);
            luoshi_server::audit_key::prepare(&store, &config).await.unwrap();
            build_demo(&store, &config).await;
            store.close().await;
            fixtures.push((pg, t.clone()));
            t
        }
    };
    drop(fixtures);
    testing::copy_database(&template, url).await.unwrap();
}

/// A running server with extra settings (as `luoshi.toml` keys); also returns its state, for
/// running its jobs from the test. Without settings the database is a copy of the shared demo
/// fixture; with them (which may change what the demo's seeding sends) the demo is built afresh.
pub async fn spawn_app_with(url: &str, settings: &[(&'static str, String)]) -> (TestApp, AppState) {
    luoshi_server::install_tls();
    let mut config = config_for(url, settings);
    let store = if settings.is_empty() {
        copy_fixture(url).await;
        let store = Store::connect(url, 8).await.unwrap();
        migrate::run(&store).await.unwrap();
        luoshi_server::audit_key::prepare(&store, &config).await.unwrap();
        store
    } else {
        let store = Store::connect(url, 8).await.unwrap();
        migrate::run(&store).await.unwrap();
        luoshi_server::audit_key::prepare(&store, &config).await.unwrap();
        build_demo(&store, &config).await;
        store
    };
    let listener = luoshi_server::bind("127.0.0.1", 0).await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Links in notifications and QR codes name the server's real address, unless the test
    // names another.
    if !settings.iter().any(|(k, _)| *k == "base_url") {
        config.base_url = format!("http://{addr}");
    }
    let state = AppState::new(store.clone(), config);
    tokio::spawn(luoshi_server::serve(state.clone(), listener, std::future::pending()));
    (
        TestApp {
            base: format!("http://{addr}"),
            backend: store.backend().name(),
            store,
            url: url.to_string(),
        },
        state,
    )
}

impl TestApp {
    /// The account with this login name in the only region with accounts (the demo city).
    pub async fn account(&self, username: &str) -> luoshi_store::user::User {
        let mut c = self.store.conn().await.unwrap();
        let regions = luoshi_store::user::login_regions(&mut c).await.unwrap();
        assert_eq!(regions.len(), 1, "one region has accounts");
        luoshi_store::user::user_by_username(&mut c, regions[0].id, username)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {username}"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap()
    }

    /// Logs `username` in through the login form; returns the client holding the session.
    pub async fn login_page(&self, username: &str) -> Client {
        let c = self.browser();
        let html = c.get(self.url("/login")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_of(&html);
        let r = c
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", PASSWORD),
                ("next", "/home"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "{}: login of {username} failed",
            self.backend
        );
        c
    }

    /// Logs `username` in through the API; returns the bearer token.
    pub async fn token(&self, username: &str) -> String {
        self.token_in(None, username).await
    }

    /// A bearer token of `username` in the region with code `region` (`None`: the only
    /// region with accounts).
    pub async fn token_in(&self, region: Option<&str>, username: &str) -> String {
        let (status, body) = self.login_api(region, username).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{}: API login of {username}: {body}",
            self.backend
        );
        body["token"].as_str().unwrap().to_string()
    }

    /// The API login's status and body.
    pub async fn login_api(&self, region: Option<&str>, username: &str) -> (StatusCode, Value) {
        let r = Client::new()
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "region": region, "username": username, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// GET with a bearer token; returns status and JSON (Null when not JSON).
    pub async fn api_get(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let r = Client::new()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// GET a page with a client; returns status and body.
    pub async fn page(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let r = c.get(self.url(path)).send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    }
}

/// The first CSRF token in a page.
pub fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("page has a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_string()
}

impl TestApp {
    /// A write with a bearer token; returns status and JSON (Null when empty).
    pub async fn api_send(&self, token: &str, method: reqwest::Method, path: &str, body: Value) -> (StatusCode, Value) {
        let r = Client::new()
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// POST JSON with a bearer token.
    pub async fn api_post(&self, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.api_send(token, reqwest::Method::POST, path, body).await
    }

    /// PUT JSON with a bearer token.
    pub async fn api_put(&self, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.api_send(token, reqwest::Method::PUT, path, body).await
    }
}

/// A unit that owes a report, from the units' inboxes: (its token, task id, period).
pub async fn owing(app: &TestApp) -> (String, i64, String) {
    for (_, _, _, _, _, login) in luoshi_demo::UNITS.iter().filter(|u| u.0 != "lfw") {
        let token = app.token(login).await;
        let (s, inbox) = app.api_get(&token, "/api/v1/inbox").await;
        assert_eq!(s, StatusCode::OK, "{inbox}");
        if let Some(item) = inbox["items"].as_array().unwrap().first() {
            return (
                token,
                item["task_id"].as_i64().unwrap(),
                item["period"].as_str().unwrap().to_string(),
            );
        }
    }
    panic!("no unit owes a report in the demo");
}

/// The token of a unit that neither leads nor helps with `task`.
pub async fn outsider(app: &TestApp, task: i64) -> String {
    let sup = app.token("duchashi").await;
    let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
    let mut involved: Vec<i64> = d["task"]["co_unit_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_i64().unwrap())
        .collect();
    involved.push(d["task"]["lead_unit_id"].as_i64().unwrap());
    for (_, _, _, _, _, login) in luoshi_demo::UNITS.iter().filter(|u| u.0 != "lfw") {
        let token = app.token(login).await;
        let (_, me) = app.api_get(&token, "/api/v1/me").await;
        if !involved.contains(&me["unit_id"].as_i64().unwrap()) {
            return token;
        }
    }
    panic!("every unit is involved in task {task}");
}

/// A running server on `store` as it is (no demo), with the clock on `day`.
pub async fn serve_store(store: Store, url: &str, day: NaiveDate) -> TestApp {
    serve_store_with(store, url, day, &[]).await
}

/// [`serve_store`] with extra settings.
pub async fn serve_store_with(store: Store, url: &str, day: NaiveDate, settings: &[(&'static str, String)]) -> TestApp {
    luoshi_server::install_tls();
    let mut flags = vec![("database", url.to_string()), ("run_jobs", "false".to_string())];
    flags.extend(audit_files(url));
    flags.extend(settings.iter().cloned());
    let mut config = luoshi_server::Layers::defaults().flags(flags).unwrap().build().unwrap();
    config.today = Some(day);
    luoshi_server::audit_key::prepare(&store, &config).await.unwrap();
    let listener = luoshi_server::bind("127.0.0.1", 0).await.unwrap();
    let addr = listener.local_addr().unwrap();
    config.base_url = format!("http://{addr}");
    let state = AppState::new(store.clone(), config);
    tokio::spawn(luoshi_server::serve(state, listener, std::future::pending()));
    TestApp {
        base: format!("http://{addr}"),
        backend: store.backend().name(),
        store,
        url: url.to_string(),
    }
}

/// The shared argon2 hash of the demo password.
pub fn password_hash() -> &'static str {
    demo_hash()
}

/// Server state on `app`'s database, for running its jobs from a test as another instance
/// would.
pub fn state_on(app: &TestApp, day: NaiveDate) -> AppState {
    let mut config = luoshi_server::Layers::defaults()
        .flags(
            [("database", "luoshi.db".to_string()), ("run_jobs", "false".to_string())]
                .into_iter()
                .chain(audit_files(&app.url))
                .collect::<Vec<_>>(),
        )
        .unwrap()
        .build()
        .unwrap();
    config.today = Some(day);
    AppState::new(app.store.clone(), config)
}

/// Polls every call together, so the requests reach the server at once.
pub async fn join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = fs.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (i, f) in pinned.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

/// Proves the stored lights of every plan are current and equal to judging the plan afresh from
/// its reports: same tasks, lights, reasons, progress, latest reports and freshness.
pub async fn assert_lights_stored(app: &TestApp) {
    use luoshi_lights::PlanBoard;
    let mut c = app.store.conn().await.unwrap();
    let mut plans = 0;
    for r in luoshi_store::region::regions(&mut c).await.unwrap() {
        for p in luoshi_store::plan::plans(&mut c, r.id).await.unwrap() {
            let rows = luoshi_store::state::of_plan(&mut c, r.id, p.id).await.unwrap();
            let tasks = luoshi_store::task::tasks_of_plan(&mut c, r.id, p.id).await.unwrap();
            assert_eq!(
                rows.len(),
                tasks.len(),
                "{}: plan {} has a stored light per task",
                app.backend,
                p.id
            );
            assert!(
                rows.iter().all(|s| s.judged_on == today()),
                "{}: plan {} judged today",
                app.backend,
                p.id
            );
            let stored = PlanBoard::load(&mut c, r.id, p.clone(), today()).await.unwrap();
            let judged = PlanBoard::judge(&mut c, r.id, p.clone(), today()).await.unwrap();
            assert_eq!(stored.tasks.len(), judged.tasks.len());
            let by_id: std::collections::HashMap<i64, &luoshi_store::state::TaskState> =
                rows.iter().map(|r| (r.task_id, r)).collect();
            for (pos, j) in judged.tasks.iter().enumerate() {
                let r = by_id[&j.task.id];
                assert_eq!(
                    (r.pos, r.depth, r.outline.as_str(), r.leaf),
                    (pos as i64, j.depth as i64, j.number.as_str(), !j.has_children),
                    "{}: plan {} task {}: place in the tree",
                    app.backend,
                    p.id,
                    j.task.id
                );
            }
            // What each task's lead unit owes (its inbox), as stored, equals judging it afresh
            // from the task's reports.
            let calendar = luoshi_store::calendar::work_calendar(&mut c, r.id).await.unwrap();
            let owed: std::collections::HashMap<i64, String> = luoshi_store::state::owed_of_plan(&mut c, r.id, p.id)
                .await
                .unwrap()
                .into_iter()
                .collect();
            for j in &judged.tasks {
                let marks = luoshi_store::report::marks_of_task(&mut c, r.id, j.task.id)
                    .await
                    .unwrap();
                let want = luoshi_lights::owed_of(&j.task, !j.has_children, &calendar, &marks, today());
                assert_eq!(
                    owed[&j.task.id], want,
                    "{}: plan {} task {}: owed periods",
                    app.backend, p.id, j.task.id
                );
            }
            for (s, j) in stored.tasks.iter().zip(&judged.tasks) {
                let at = format!("{}: plan {} task {} ({})", app.backend, p.id, j.task.id, j.task.title);
                assert_eq!(s.task.id, j.task.id, "{at}: order");
                assert_eq!(s.number, j.number, "{at}: number");
                assert_eq!(s.has_children, j.has_children, "{at}: children");
                assert_eq!(s.verdict, j.verdict, "{at}: verdict");
                assert_eq!(s.latest, j.latest, "{at}: latest report");
                assert_eq!(s.last_accepted, j.last_accepted, "{at}: freshness");
                assert_eq!(s.co_units, j.co_units, "{at}: co-units");
            }
            plans += 1;
        }
    }
    assert!(plans > 0, "{}: no plans to check", app.backend);
}

/// The caller's newest notification of `kind`.
pub async fn notice(app: &TestApp, token: &str, kind: &str) -> Value {
    let (_, n) = app.api_get(token, "/api/v1/notifications").await;
    n["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} notification: {n}"))
        .clone()
}
