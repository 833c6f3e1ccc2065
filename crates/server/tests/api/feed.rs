//! The deadline calendar feed (日程订阅): a secret address per user, made, reset (the old one
//! stops working at once) and turned off; what it holds is what the user may see.

use reqwest::StatusCode;

use crate::helpers::*;

/// The feed at `url` (the server's address as configured, replaced by the test server's).
async fn fetch(app: &TestApp, url: &str) -> (StatusCode, String, String) {
    let path = &url[url.find("/feeds/").unwrap()..];
    let r = reqwest::get(app.url(path)).await.unwrap();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (r.status(), kind, r.text().await.unwrap())
}

fn uids(ics: &str, prefix: &str) -> Vec<i64> {
    ics.replace("\r\n ", "")
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("UID:{prefix}-")))
        .filter_map(|l| l.split('-').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn a_unit_subscribes_to_its_deadlines_and_a_reset_address_stops_working_at_once() {
    for app in spawn_apps().await {
        let unit = app.token("zjj").await;
        let (s, made) = app.api_post(&unit, "/api/v1/me/feed", serde_json::json!({})).await;
        assert_eq!(s, StatusCode::CREATED, "{}: {made}", app.backend);
        let url = made["url"].as_str().unwrap().to_string();
        assert!(url.ends_with("/luoshi.ics"), "{url}");

        let (s, kind, ics) = fetch(&app, &url).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(kind, "text/calendar; charset=utf-8");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        let flat = ics.replace("\r\n ", "");
        assert!(
            flat.contains("SUMMARY:【报送进展】"),
            "{}: a report it owes",
            app.backend
        );
        assert!(
            flat.contains("SUMMARY:【督办回复】"),
            "{}: the order it must answer",
            app.backend
        );
        assert!(flat.contains("SUMMARY:【任务截止】"));
        // Every task in it is one the unit may open; each report it owes is in it.
        let tasks = uids(&ics, "task");
        assert!(!tasks.is_empty());
        for t in tasks.iter().take(10) {
            assert_eq!(
                app.api_get(&unit, &format!("/api/v1/tasks/{t}")).await.0,
                StatusCode::OK
            );
        }
        let (_, inbox) = app.api_get(&unit, "/api/v1/inbox").await;
        for i in inbox["items"].as_array().unwrap() {
            let uid = format!("UID:report-{}-{}@luoshi", i["task_id"], i["period"].as_str().unwrap());
            assert!(flat.contains(&uid), "{uid}");
        }

        // Reset: the old address is gone, the new one works; off: none works.
        let (_, again) = app.api_post(&unit, "/api/v1/me/feed", serde_json::json!({})).await;
        let new_url = again["url"].as_str().unwrap().to_string();
        assert_ne!(new_url, url);
        assert_eq!(fetch(&app, &url).await.0, StatusCode::NOT_FOUND);
        assert_eq!(fetch(&app, &new_url).await.0, StatusCode::OK);
        let (s, _) = app
            .api_send(&unit, reqwest::Method::DELETE, "/api/v1/me/feed", serde_json::json!({}))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert_eq!(fetch(&app, &new_url).await.0, StatusCode::NOT_FOUND);
        let bad = format!("{}/feeds/1.{}/luoshi.ics", app.base, "0".repeat(64));
        assert_eq!(fetch(&app, &bad).await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_leader_s_feed_has_their_instructions_and_administrators_have_none() {
    for app in spawn_apps().await {
        let mayor = app.token("chenweiguo").await;
        let (_, made) = app.api_post(&mayor, "/api/v1/me/feed", serde_json::json!({})).await;
        let (_, _, ics) = fetch(&app, made["url"].as_str().unwrap()).await;
        let flat = ics.replace("\r\n ", "");
        let line = flat
            .lines()
            .find(|l| l.starts_with("SUMMARY:【批示反馈】"))
            .unwrap_or_default();
        assert!(line.contains("陈卫国"), "{}: {line}", app.backend);
        assert!(!uids(&ics, "task").is_empty());
        let admin = app.token("admin").await;
        let (s, _) = app.api_post(&admin, "/api/v1/me/feed", serde_json::json!({})).await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // The page: made on /me with its CSRF token, shown once.
        let browser = app.login_page("zjj").await;
        let (_, me) = app.page(&browser, "/me").await;
        assert!(me.contains(r#"id="calendar-feed""#) && me.contains("生成订阅地址"));
        let r = browser
            .post(app.url("/me/feed"))
            .form(&[("csrf", csrf_of(&me))])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains(r#"id="feed-url""#) && html.contains("/luoshi.ics"));
        let r = browser
            .post(app.url("/me/feed"))
            .form(&[("csrf", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "no CSRF token, no feed");
        let admin = app.login_page("admin").await;
        let (_, me) = app.page(&admin, "/me").await;
        assert!(!me.contains(r#"id="calendar-feed""#));
    }
}
