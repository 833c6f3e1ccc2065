use reqwest::StatusCode;

use crate::helpers::*;

fn from(host: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, host]))
        .build()
        .unwrap()
}

#[tokio::test]
async fn metrics_open_only_to_allowed_addresses_or_the_token() {
    let url = luoshi_store::testing::sqlite_url();
    let (app, _) = spawn_app_with(
        &url,
        &[
            ("metrics_allow", "127.0.0.1,127.0.1.0/24".to_string()),
            ("metrics_token", "s3cret-token".to_string()),
        ],
    )
    .await;
    let get = |host: u8, token: Option<&'static str>| {
        let mut r = from(host).get(app.url("/metrics"));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(get(1, None).await.unwrap().status(), StatusCode::OK);
    assert_eq!(get(7, None).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(get(7, Some("wrong")).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(get(7, Some("s3cret-token")).await.unwrap().status(), StatusCode::OK);
    let ranged = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 1, 9]))
        .build()
        .unwrap();
    assert_eq!(
        ranged.get(app.url("/metrics")).send().await.unwrap().status(),
        StatusCode::OK
    );
    // Through the reverse proxy on this host (127.0.0.1, trusted by default): the address it
    // forwarded for decides; a client's own claim to be local does not.
    let via = |host: u8, forwarded: &'static str| {
        from(host)
            .get(app.url("/metrics"))
            .header("x-forwarded-for", forwarded)
            .send()
    };
    assert_eq!(via(1, "203.0.113.5").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(via(1, "127.0.1.9").await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        via(1, "127.0.0.1, 203.0.113.5").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(via(7, "127.0.0.1").await.unwrap().status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_hsts_is_sent() {
    let url = luoshi_store::testing::sqlite_url();
    let (app, _) = spawn_app_with(&url, &[("base_url", "https://luoshi.example.gov.cn".to_string())]).await;
    let r = reqwest::get(app.url("/login")).await.unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("Secure"), "{cookie}");
    let (plain, _) = spawn_app_with(
        &luoshi_store::testing::sqlite_url(),
        &[("metrics_token", "x".to_string())],
    )
    .await;
    let r = reqwest::get(plain.url("/login")).await.unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn healthz_answers_ok_with_the_backend() {
    for app in spawn_apps().await {
        let r = reqwest::get(app.url("/healthz")).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], app.backend);
    }
}

#[tokio::test]
async fn metrics_are_prometheus_text_and_count_requests() {
    for app in spawn_apps().await {
        reqwest::get(app.url("/login")).await.unwrap();
        let text = reqwest::get(app.url("/metrics")).await.unwrap().text().await.unwrap();
        assert!(text.contains("# TYPE luoshi_http_requests_total counter"));
        let line = text
            .lines()
            .find(|l| l.starts_with("luoshi_http_requests_total{class=\"2xx\"}"))
            .unwrap();
        let n: u64 = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(n >= 1, "{line}");
        assert!(text.contains("luoshi_db_connections{state=\"open\"}"));
    }
}

#[tokio::test]
async fn a_busy_port_is_a_clear_error() {
    let first = luoshi_server::bind("127.0.0.1", 0).await.unwrap();
    let port = first.local_addr().unwrap().port();
    let err = luoshi_server::bind("127.0.0.1", port).await.unwrap_err();
    assert!(
        err.to_string().contains(&format!("port {port} is already in use")),
        "{err}"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    for app in spawn_apps().await {
        let r = reqwest::get(app.url("/login")).await.unwrap();
        assert!(r.headers().get("x-request-id").is_some());
        assert_eq!(r.headers()["x-frame-options"], "DENY");
        assert!(
            r.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("default-src 'self'")
        );
    }
}

#[tokio::test]
async fn the_server_stops_gracefully_when_asked() {
    let url = luoshi_store::testing::sqlite_url();
    let store = luoshi_store::Store::connect(&url, 2).await.unwrap();
    luoshi_store::migrate::run(&store).await.unwrap();
    let config = luoshi_server::Config::with_database(&url).unwrap();
    let listener = luoshi_server::bind("127.0.0.1", 0).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(luoshi_server::serve(
        luoshi_server::AppState::new(store, config),
        listener,
        async move {
            let _ = stopped.await;
        },
    ));
    let r = reqwest::get(format!("http://{addr}/healthz")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    stop.send(()).unwrap();
    let done = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(matches!(done, Ok(Ok(Ok(())))), "serve returned {done:?}");
    assert!(
        reqwest::get(format!("http://{addr}/healthz")).await.is_err(),
        "no longer listening"
    );
}
