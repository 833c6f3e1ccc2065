use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

async fn api_login(app: &TestApp, user: &str, pw: &str, lang: &str) -> (StatusCode, Value) {
    let r = Client::new()
        .post(app.url("/api/v1/session"))
        .header("accept-language", lang)
        .json(&json!({ "username": user, "password": pw }))
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap())
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_stable_code_in_the_users_language() {
    for app in spawn_apps().await {
        let (s, body) = api_login(&app, "yjj", "wrong-password1", "zh-CN").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"]["code"], "LOGIN_FAILED");
        assert_eq!(body["error"]["message"], "用户名或密码错误。");
        let (_, body) = api_login(&app, "nobody", "wrong-password1", "en").await;
        assert_eq!(body["error"]["code"], "LOGIN_FAILED", "an unknown name looks the same");
        assert_eq!(body["error"]["message"], "Wrong user name or password.");
        assert!(body["error"]["request_id"].as_str().is_some_and(|s| !s.is_empty()));
    }
}

#[tokio::test]
async fn a_user_changes_their_own_password_and_their_other_sessions_end() {
    for app in spawn_apps().await {
        let here = app.token("yjj").await;
        let elsewhere = app.token("yjj").await;
        let change = |old: &str, new: &str| json!({ "old_password": old, "new_password": new });
        let (s, b) = app
            .api_put(&here, "/api/v1/me/password", change(PASSWORD, "short"))
            .await;
        assert_eq!(
            (
                s,
                b["error"]["fields"][0]["field"].as_str(),
                b["error"]["fields"][0]["code"].as_str()
            ),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("new_password"),
                Some("PASSWORD_TOO_WEAK")
            ),
            "{b}"
        );
        let (s, b) = app
            .api_put(&here, "/api/v1/me/password", change("Wrong-2020", "Yjj-2021-new"))
            .await;
        assert_eq!(
            (
                s,
                b["error"]["fields"][0]["field"].as_str(),
                b["error"]["fields"][0]["code"].as_str()
            ),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("old_password"),
                Some("PASSWORD_OLD_WRONG")
            ),
            "{b}"
        );
        let (s, b) = app
            .api_put(&here, "/api/v1/me/password", change(PASSWORD, "Yjj-2021-new"))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        assert_eq!(
            app.api_get(&here, "/api/v1/me").await.0,
            StatusCode::OK,
            "this session stays"
        );
        assert_eq!(
            app.api_get(&elsewhere, "/api/v1/me").await.0,
            StatusCode::UNAUTHORIZED,
            "the other session ended"
        );
        assert_eq!(api_login(&app, "yjj", PASSWORD, "zh").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(api_login(&app, "yjj", "Yjj-2021-new", "zh").await.0, StatusCode::OK);
        // The wrong try was forgiven by the change: four more wrong logins are answered as
        // wrong, the fifth locks.
        for i in 1..=4 {
            assert_eq!(
                api_login(&app, "yjj", "Wrong-2020x", "zh").await.0,
                StatusCode::UNAUTHORIZED,
                "{i}"
            );
        }
        assert_eq!(api_login(&app, "yjj", "Wrong-2020x", "zh").await.0, StatusCode::LOCKED);

        // The same from the page, with the new password typed twice.
        let c = app.login_page("zjj").await;
        let (_, html) = app.page(&c, "/me").await;
        assert!(html.contains(r#"id="password-form""#));
        let csrf = csrf_of(&html);
        let post = |again: &'static str| {
            c.post(app.url("/me/password")).form(&[
                ("csrf", csrf.as_str()),
                ("old_password", PASSWORD),
                ("new_password", "Zjj-2021-new"),
                ("new_password_again", again),
            ])
        };
        let r = post("Zjj-2021-nwe").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("两次输入的新密码不一致"));
        let r = post("Zjj-2021-new").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(api_login(&app, "zjj", "Zjj-2021-new", "zh").await.0, StatusCode::OK);
    }
}

/// Sends `n` logins of `username` at once, the right password at place `right` (if any);
/// returns the statuses in the order sent.
async fn at_once(app: &TestApp, username: &str, n: usize, right: Option<usize>) -> Vec<StatusCode> {
    let url = app.url("/api/v1/session");
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n {
        let (url, username) = (url.clone(), username.to_string());
        let pw = if Some(i) == right { PASSWORD } else { "Wrong-guess-2020" };
        set.spawn(async move {
            let s = Client::new()
                .post(url)
                .json(&json!({ "username": username, "password": pw }))
                .send()
                .await
                .unwrap()
                .status();
            (i, s)
        });
    }
    let mut out = vec![StatusCode::OK; n];
    while let Some(r) = set.join_next().await {
        let (i, s) = r.unwrap();
        out[i] = s;
    }
    out
}

#[tokio::test]
async fn two_hundred_guesses_at_once_with_the_right_one_among_them_cannot_pass_the_limit() {
    for app in spawn_apps().await {
        // Each guess is counted before its password is checked, so at most four are answered
        // "wrong password" (the fifth locks); the right one gets in only if it was counted
        // before the lock — and then the guesses counted beside it still count.
        let first = at_once(&app, "gxj", 200, Some(137)).await;
        let wrong = first.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let locked = first.iter().filter(|s| **s == StatusCode::LOCKED).count();
        let right_in = first[137] == StatusCode::OK;
        assert!(
            first
                .iter()
                .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::LOCKED, StatusCode::OK].contains(s)),
            "{}: {first:?}",
            app.backend
        );
        if right_in {
            assert!(wrong <= 8, "{}: {wrong} wrong guesses checked", app.backend);
        } else {
            assert!(
                wrong <= 4,
                "{}: {wrong} wrong guesses checked past the limit",
                app.backend
            );
            assert_eq!(first[137], StatusCode::LOCKED, "{}", app.backend);
        }
        assert!(locked >= 190, "{}: only {locked} refused", app.backend);
        // Now the name is locked: the right password, among 200 more, is refused like the rest.
        let second = at_once(&app, "gxj", 200, Some(42)).await;
        assert!(
            second.iter().all(|s| *s == StatusCode::LOCKED),
            "{}: the right password passed a lock: {:?}",
            app.backend,
            second.iter().filter(|s| **s != StatusCode::LOCKED).collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn a_name_that_is_no_account_answers_and_locks_exactly_as_a_real_one() {
    for app in spawn_apps().await {
        let answers = |user: &'static str| {
            let app = &app;
            async move {
                let mut out = Vec::new();
                for _ in 0..6 {
                    let (s, b) = api_login(app, user, "Wrong-guess-2020", "zh").await;
                    out.push((s, b["error"]["code"].as_str().unwrap_or_default().to_string()));
                }
                out
            }
        };
        let real = answers("gaj").await;
        let unknown = answers("nobody-here").await;
        assert_eq!(real, unknown, "{}", app.backend);
        assert_eq!(real[4].1, "ACCOUNT_LOCKED");
        // The security officer sees both locks and lifts the unknown one too.
        let sec = app.token("security").await;
        let (_, locks) = app.api_get(&sec, "/api/v1/locks").await;
        let names: Vec<&str> = locks
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["username"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"gaj") && names.contains(&"nobody-here"), "{names:?}");
        let (s, _) = app
            .api_send(&sec, reqwest::Method::DELETE, "/api/v1/locks/nobody-here", json!({}))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_send(&sec, reqwest::Method::DELETE, "/api/v1/locks/nobody-here", json!({}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

/// A login of `username` from the loopback address `from` (127.0.0.x): a source of its own.
async fn login_from(app: &TestApp, from: [u8; 4], username: &str, password: &str) -> StatusCode {
    Client::builder()
        .local_address(std::net::IpAddr::from(from))
        .build()
        .unwrap()
        .post(app.url("/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

/// A login of `username` through the reverse proxy on this host, for the client at `client`.
async fn login_via_proxy(app: &TestApp, client: &str, username: &str, password: &str) -> StatusCode {
    Client::new()
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", client)
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn guesses_from_one_address_do_not_lock_the_owner_out_but_guesses_from_many_lock_the_name() {
    for url in luoshi_store::testing::database_urls().await.unwrap() {
        let (app, _) = spawn_app_with(&url, &[("max_failed_logins_user", "12".to_string())]).await;
        // Behind the reverse proxy every request comes from 127.0.0.1: the client it forwarded
        // for is the source, so an attacker there locks only themself out.
        for _ in 0..5 {
            login_via_proxy(&app, "198.51.100.9", "auditor", "Wrong-guess-2020").await;
        }
        assert_eq!(
            login_via_proxy(&app, "198.51.100.9", "auditor", PASSWORD).await,
            StatusCode::LOCKED
        );
        assert_eq!(
            login_via_proxy(&app, "198.51.100.2", "auditor", PASSWORD).await,
            StatusCode::OK,
            "{}: the owner behind the same proxy",
            app.backend
        );
        // An attacker at .9 locks only .9 out.
        for _ in 0..5 {
            login_from(&app, [127, 0, 0, 9], "security", "Wrong-guess-2020").await;
        }
        assert_eq!(
            login_from(&app, [127, 0, 0, 9], "security", PASSWORD).await,
            StatusCode::LOCKED
        );
        assert_eq!(
            login_from(&app, [127, 0, 0, 2], "security", PASSWORD).await,
            StatusCode::OK,
            "{}",
            app.backend
        );
        // Guesses from three more addresses pass the name's own limit: it locks everywhere.
        for host in [10, 11, 12] {
            for _ in 0..4 {
                login_from(&app, [127, 0, 0, host], "security", "Wrong-guess-2020").await;
            }
        }
        assert_eq!(
            login_from(&app, [127, 0, 0, 2], "security", PASSWORD).await,
            StatusCode::LOCKED,
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_new_password_meets_the_policy_and_is_none_of_the_last_ones() {
    for app in spawn_apps().await {
        let t = app.token("yjj").await;
        let change = |old: &str, new: &str| json!({ "old_password": old, "new_password": new });
        let (s, b) = app
            .api_put(&t, "/api/v1/me/password", change(PASSWORD, "alllowercase1"))
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("PASSWORD_TOO_WEAK"))
        );
        assert!(
            b["error"]["fields"][0]["message"].as_str().unwrap().contains("至少3种"),
            "{b}"
        );
        let (s, b) = app.api_put(&t, "/api/v1/me/password", change(PASSWORD, PASSWORD)).await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("PASSWORD_REUSED"))
        );
        let (s, _) = app
            .api_put(&t, "/api/v1/me/password", change(PASSWORD, "Second-2020"))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, b) = app
            .api_put(&t, "/api/v1/me/password", change("Second-2020", PASSWORD))
            .await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("PASSWORD_REUSED")),
            "the one before"
        );
        let (s, _) = app
            .api_put(&t, "/api/v1/me/password", change("Second-2020", "Third-2020x"))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
    }
}

#[tokio::test]
async fn a_user_sees_where_they_are_logged_in_and_the_security_officer_can_end_any_session() {
    for app in spawn_apps().await {
        let a = app.token("zjj").await;
        let b = app.token("zjj").await;
        let c = app.token("zjj").await;
        let (_, mine) = app.api_get(&a, "/api/v1/me/sessions").await;
        let mine = mine.as_array().unwrap();
        assert_eq!(mine.len(), 3);
        assert_eq!(mine.iter().filter(|s| s["current"] == true).count(), 1);
        // The security officer ends one.
        let sec = app.token("security").await;
        let (_, all) = app.api_get(&sec, "/api/v1/sessions").await;
        let one = all.as_array().unwrap().iter().find(|s| s["username"] == "zjj").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let (s, _) = app
            .api_send(
                &sec,
                reqwest::Method::DELETE,
                &format!("/api/v1/sessions/{one}"),
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let alive = [&a, &b, &c];
        let mut ok = 0;
        for t in alive {
            if app.api_get(t, "/api/v1/me").await.0 == StatusCode::OK {
                ok += 1;
            }
        }
        assert_eq!(ok, 2, "{}: one session ended", app.backend);
        // Log out everywhere else: only the caller's stays.
        let live = if app.api_get(&a, "/api/v1/me").await.0 == StatusCode::OK {
            &a
        } else {
            &b
        };
        let (s, _) = app
            .api_send(live, reqwest::Method::DELETE, "/api/v1/me/sessions", json!({}))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let still: Vec<bool> = {
            let mut v = Vec::new();
            for t in [&a, &b, &c] {
                v.push(app.api_get(t, "/api/v1/me").await.0 == StatusCode::OK);
            }
            v
        };
        assert_eq!(still.iter().filter(|x| **x).count(), 1, "{}: {still:?}", app.backend);
        // Nobody else may end someone's session.
        let (s, _) = app
            .api_send(
                &app.token("admin").await,
                reqwest::Method::DELETE,
                "/api/v1/sessions/x",
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn five_failures_lock_the_account_until_the_security_officer_unlocks_it() {
    for app in spawn_apps().await {
        for i in 1..=4 {
            let (s, _) = api_login(&app, "zjj", "wrong-password1", "zh").await;
            assert_eq!(s, StatusCode::UNAUTHORIZED, "failure {i}");
        }
        let (s, body) = api_login(&app, "zjj", "wrong-password1", "zh").await;
        assert_eq!(s, StatusCode::LOCKED);
        assert_eq!(body["error"]["code"], "ACCOUNT_LOCKED");
        let (s, _) = api_login(&app, "zjj", PASSWORD, "zh").await;
        assert_eq!(
            s,
            StatusCode::LOCKED,
            "the right password does not open a locked account"
        );

        // The security officer sees the lock and lifts it.
        let sec = app.login_page("security").await;
        let (_, html) = app.page(&sec, "/home").await;
        assert!(html.contains("zjj"), "locked account listed");
        let uid = app.account("zjj").await.id;
        let r = sec
            .post(app.url(&format!("/security/users/{uid}/unlock")))
            .form(&[("csrf", csrf_of(&html).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (s, _) = api_login(&app, "zjj", PASSWORD, "zh").await;
        assert_eq!(s, StatusCode::OK);

        // Every step is in the audit log, and the chain holds.
        let auditor = app.token("auditor").await;
        let (_, page) = app.api_get(&auditor, "/api/v1/audit").await;
        let actions: Vec<&str> = page["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"login.locked"));
        assert!(actions.contains(&"user.unlock"));
        assert_eq!(page["broken"], Value::Null);
    }
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    for app in spawn_apps().await {
        let token = app.token("duchashi").await;
        assert_eq!(app.api_get(&token, "/api/v1/me").await.0, StatusCode::OK);
        let r = Client::new()
            .delete(app.url("/api/v1/session"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let (s, body) = app.api_get(&token, "/api/v1/me").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"]["code"], "UNAUTHENTICATED");

        let c = app.login_page("duchashi").await;
        let (_, html) = app.page(&c, "/home").await;
        let r = c
            .post(app.url("/logout"))
            .form(&[("csrf", csrf_of(&html).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/login?flash=login.logged_out");
        let (s, _) = app.page(&c, "/home").await;
        assert_eq!(s, StatusCode::SEE_OTHER, "back to the login page");
    }
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_changes_nothing() {
    for app in spawn_apps().await {
        let c = app.login_page("duchashi").await;
        for form in [vec![], vec![("csrf", "0".repeat(64))]] {
            let r = c.post(app.url("/logout")).form(&form).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            let r = c
                .post(app.url("/lang"))
                .form(&[("lang", "en".to_string())])
                .send()
                .await
                .unwrap();
            assert!(r.status() == StatusCode::FORBIDDEN || r.status() == StatusCode::BAD_REQUEST);
        }
        let (s, _) = app.page(&c, "/home").await;
        assert_eq!(s, StatusCode::OK, "still logged in");
        // The login form needs the token from its own cookie.
        let fresh = app.browser();
        let r = fresh
            .post(app.url("/login"))
            .form(&[("csrf", "x"), ("username", "duchashi"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn without_a_session_pages_redirect_to_login_and_the_api_answers_401() {
    for app in spawn_apps().await {
        let c = app.browser();
        let r = c.get(app.url("/plans")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/login?next=%2Fplans");
        let r = c.get(app.url("/api/v1/plans")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn login_never_redirects_off_site() {
    for app in spawn_apps().await {
        let c = app.browser();
        let html = c
            .get(app.url("/login?next=//evil.example"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("username", "duchashi"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/home");
    }
}

#[tokio::test]
async fn after_login_only_a_path_on_this_site_is_followed() {
    for app in spawn_apps().await {
        for (next, want) in [
            ("/plans/1", "/plans/1"),
            ("//evil.example", "/home"),
            ("https://evil.example", "/home"),
            ("/\\evil.example", "/home"),
            ("/\t/evil.example", "/home"),
            ("/%2F%2Fevil.example", "/home"),
            ("/%5Cevil.example", "/home"),
            ("/%252F%252Fevil.example", "/home"),
        ] {
            let c = app.browser();
            let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
            let r = c
                .post(app.url("/login"))
                .form(&[
                    ("csrf", csrf_of(&html).as_str()),
                    ("username", "duchashi"),
                    ("password", luoshi_demo::DEMO_PASSWORD),
                    ("next", next),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "{}: {next:?}", app.backend);
            assert_eq!(r.headers()["location"], want, "{next:?}");
        }
    }
}

#[tokio::test]
async fn no_answer_of_the_api_and_no_download_is_kept_by_a_cache() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        for path in ["/api/v1/home", "/api/v1/me", "/api/v1/lists/overdue", "/api/v1/nothing"] {
            let r = app.browser().get(app.url(path)).bearer_auth(&sup).send().await.unwrap();
            assert_eq!(r.headers()["cache-control"], "no-store", "{}: {path}", app.backend);
        }
        let office = app.login_page("duchashi").await;
        let r = office.get(app.url("/bulletins/1/docx")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["cache-control"], "private, no-store");
    }
}

/// The current code of a base32 key.
fn code_now(key: &str) -> String {
    use luoshi_server::auth::totp;
    let now = luoshi_server::Clock::Fixed(today()).now();
    format!(
        "{:06}",
        totp::code_at(&totp::unbase32(key).unwrap(), totp::step_of(now))
    )
}

#[tokio::test]
async fn an_administrator_turns_on_a_second_factor_and_each_code_opens_one_login() {
    for app in spawn_apps().await {
        let t = app.token("security").await;
        let (s, setup) = app.api_post(&t, "/api/v1/me/totp", json!({})).await;
        assert_eq!(s, StatusCode::OK, "{setup}");
        let key = setup["key"].as_str().unwrap().to_string();
        assert!(setup["uri"].as_str().unwrap().starts_with("otpauth://totp/"));
        let (s, b) = app.api_put(&t, "/api/v1/me/totp", json!({ "code": "000000" })).await;
        assert_eq!(
            (s, b["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("TOTP_CODE_WRONG"))
        );
        let first = code_now(&key);
        let (s, _) = app.api_put(&t, "/api/v1/me/totp", json!({ "code": first })).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        // The password alone is no longer enough.
        let (s, b) = api_login(&app, "security", PASSWORD, "zh").await;
        assert_eq!(
            (s, b["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("TOTP_REQUIRED"))
        );
        let login = |code: String| {
            Client::new()
                .post(app.url("/api/v1/session"))
                .json(&json!({ "username": "security", "password": PASSWORD, "totp": code }))
                .send()
        };
        // The code that confirmed the setup was used (the same code, even when the clock has
        // moved to the next 30 s step since); a wrong one fails like a wrong password.
        assert_eq!(
            login(first.clone()).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "a code is good once"
        );
        assert_eq!(login("123456".into()).await.unwrap().status(), StatusCode::UNAUTHORIZED);
        // Units may not turn it on (it is offered to the three administrators and the office).
        let unit = app.token("yjj").await;
        assert_eq!(
            app.api_post(&unit, "/api/v1/me/totp", json!({})).await.0,
            StatusCode::FORBIDDEN
        );
        // The login page asks for the code once the password is right.
        let c = app.browser();
        let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("username", "security"),
                ("password", PASSWORD),
                ("next", "/home"),
            ])
            .send()
            .await
            .unwrap();
        let page = r.text().await.unwrap();
        assert!(page.contains(r#"id="totp""#) && page.contains("动态验证码"), "{page}");
    }
}

#[tokio::test]
async fn a_planted_login_cookie_comes_with_no_token_a_forger_can_write() {
    for app in spawn_apps().await {
        // The old double submit: a token equal to a cookie the attacker planted.
        let planted = "a".repeat(64);
        let r = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(app.url("/login"))
            .header("cookie", format!("luoshi_csrf={planted}"))
            .form(&[
                ("csrf", planted.as_str()),
                ("username", "yjj"),
                ("password", PASSWORD),
                ("next", "/home"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", app.backend);
        // The page's own token is not the cookie's value, and it works.
        let c = app.browser();
        let r = c.get(app.url("/login")).send().await.unwrap();
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
        let html = r.text().await.unwrap();
        let token = csrf_of(&html);
        assert!(!cookie.contains(&token), "the form's token is not the cookie's");
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", token.as_str()),
                ("username", "yjj"),
                ("password", PASSWORD),
                ("next", "/home"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
}
