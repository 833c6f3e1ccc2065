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
        assert_eq!(
            app.account("yjj").await.failed_logins,
            0,
            "the wrong try was forgiven by the change"
        );

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

#[tokio::test]
async fn wrong_passwords_sent_at_once_cannot_pass_the_limit() {
    for app in spawn_apps().await {
        // Twelve guesses at the same moment: each is counted before its password is checked, so
        // at most four are answered "wrong password" and the rest find the account locked.
        let url = app.url("/api/v1/session");
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let url = url.clone();
            set.spawn(async move {
                Client::new()
                    .post(url)
                    .json(&json!({ "username": "gxj", "password": "wrong-password1" }))
                    .send()
                    .await
                    .unwrap()
                    .status()
            });
        }
        let (mut wrong, mut locked) = (0, 0);
        while let Some(s) = set.join_next().await {
            match s.unwrap() {
                StatusCode::UNAUTHORIZED => wrong += 1,
                StatusCode::LOCKED => locked += 1,
                other => panic!("{}: {other}", app.backend),
            }
        }
        assert!(wrong <= 4, "{}: {wrong} guesses checked past the limit", app.backend);
        assert_eq!(wrong + locked, 12);
        let (s, _) = api_login(&app, "gxj", PASSWORD, "zh").await;
        assert_eq!(
            s,
            StatusCode::LOCKED,
            "{}: the right password waits for the lock",
            app.backend
        );
        let u = app.account("gxj").await;
        assert!(
            u.failed_logins <= 5 && u.locked_until.is_some(),
            "{}: {u:?}",
            app.backend
        );
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
