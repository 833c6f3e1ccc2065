//! Notifications leaving the app, against stand-in servers on loopback (never the internet),
//! on both databases: the 企业微信 and 钉钉 payloads and the 钉钉 signature, plain JSON, an
//! e-mail over SMTP, a failure retried with backoff and logged, a channel that keeps failing
//! given up, and nothing sent twice.

use std::sync::{Arc, Mutex};

use axum::{Json, Router, extract::RawQuery, http::StatusCode, routing::post};
use base64::Engine;
use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use reqwest::StatusCode as S;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::*;

/// What the stand-in web server received: (path, query, body, signature valid).
type Hits = Arc<Mutex<Vec<(String, String, Value, bool)>>>;

const SECRET: &str = "SECtest123";

async fn stand_in() -> (String, Hits) {
    let hits: Hits = Arc::new(Mutex::new(Vec::new()));
    let record = |path: &'static str, hits: Hits| {
        move |RawQuery(q): RawQuery, Json(body): Json<Value>| {
            let hits = hits.clone();
            async move {
                let q = q.unwrap_or_default();
                // 钉钉: sign = Base64(HMAC-SHA256(secret, "timestamp\nsecret")), URL-encoded.
                let param = |k: &str| {
                    q.split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                        .unwrap_or("")
                        .to_string()
                };
                let ts = param("timestamp");
                let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
                mac.update(format!("{ts}\n{SECRET}").as_bytes());
                let want = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
                let got = param("sign")
                    .replace("%2B", "+")
                    .replace("%2F", "/")
                    .replace("%3D", "=");
                let n = {
                    let mut h = hits.lock().unwrap();
                    h.push((path.to_string(), q.clone(), body, !ts.is_empty() && got == want));
                    h.iter().filter(|x| x.0 == path).count()
                };
                match path {
                    // Fails the first time only.
                    "/json" if n == 1 => (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({ "error": "busy" }))),
                    "/bad" => (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({ "error": "down" }))),
                    "/json" => (StatusCode::OK, Json(json!({ "ok": true }))),
                    _ => (StatusCode::OK, Json(json!({ "errcode": 0, "errmsg": "ok" }))),
                }
            }
        }
    };
    let app = Router::new()
        .route("/wecom", post(record("/wecom", hits.clone())))
        .route("/dingtalk", post(record("/dingtalk", hits.clone())))
        .route("/json", post(record("/json", hits.clone())))
        .route("/bad", post(record("/bad", hits.clone())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), hits)
}

/// A stand-in SMTP server: accepts every message and keeps (recipients, data).
async fn smtp() -> (u16, Arc<Mutex<Vec<(Vec<String>, String)>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let keep = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else { return };
            let keep = keep.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 stand-in ESMTP\r\n").await.unwrap();
                let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            keep.lock()
                                .unwrap()
                                .push((std::mem::take(&mut rcpt), std::mem::take(&mut data)));
                            w.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-stand-in\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 7, d).unwrap()
}

#[tokio::test]
async fn notifications_reach_webhooks_and_email_in_their_formats_once_with_retries() {
    for url in luoshi_store::testing::database_urls().await.unwrap() {
        let (web, hits) = stand_in().await;
        let (port, mail) = smtp().await;
        let settings = [
            ("smtp_host", "127.0.0.1".to_string()),
            ("smtp_port", port.to_string()),
            ("smtp_tls", "none".to_string()),
            ("smtp_from", "督查室 <dcs@yunzhou.gov.cn>".to_string()),
            ("base_url", "http://luoshi.test".to_string()),
            ("delivery_attempts", "2".to_string()),
            // The test runs the jobs itself, day by day.
            ("run_jobs", "false".to_string()),
            // The stand-in webhook server, on this machine: listed, so it may be reached.
            ("allowed_webhook_hosts", "127.0.0.1".to_string()),
        ];
        let (app, state) = spawn_app_with(&url, &settings).await;
        let sup = app.token("duchashi").await;
        let yjj = app.token("yjj").await;
        let unit = |t: &str| {
            let t = t.to_string();
            let app = &app;
            async move { app.api_get(&t, "/api/v1/me").await.1["unit_id"].as_i64().unwrap() }
        };
        let (yjj_unit, zjj_unit) = (unit(&yjj).await, unit(&app.token("zjj").await).await);
        for (kind, path, unit, secret) in [
            ("wecom", "/wecom", yjj_unit, ""),
            ("dingtalk", "/dingtalk?access_token=T1", yjj_unit, SECRET),
            ("json", "/json", yjj_unit, ""),
            ("json", "/bad", zjj_unit, ""),
        ] {
            let (s, b) = app
                .api_post(&sup, "/api/v1/channels", json!({ "unit_id": unit, "kind": kind, "name": path, "url": format!("{web}{path}"), "secret": secret }))
                .await;
            assert_eq!(s, S::CREATED, "{b}");
        }
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/channels",
                json!({ "kind": "fax", "name": "", "url": "ftp://x" }),
            )
            .await;
        assert_eq!(s, S::UNPROCESSABLE_ENTITY, "{e}");
        let (s, e) = app
            .api_put(
                &yjj,
                "/api/v1/me/preferences",
                json!({ "email": "not an address", "notify_email": true, "notify_channels": true }),
            )
            .await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (S::UNPROCESSABLE_ENTITY, Some("EMAIL_INVALID"))
        );
        let (s, _) = app
            .api_put(
                &yjj,
                "/api/v1/me/preferences",
                json!({ "email": "yjj@yunzhou.gov.cn", "notify_email": true, "notify_channels": true }),
            )
            .await;
        assert_eq!(s, S::NO_CONTENT);

        // Two orders: one to 市应急局 (reaches its three channels and its user's mailbox), one to
        // 市住建局 (whose only channel is down).
        let order = |unit: i64| {
            json!({ "level": "key", "source": "other", "title": "防汛物资储备检查", "requirement": "7月10日前报送",
            "lead_unit_id": unit, "reply_due": "2020-07-10", "mode": "once" })
        };
        let (_, a) = app.api_post(&sup, "/api/v1/supervisions", order(yjj_unit)).await;
        let (_, _b) = app.api_post(&sup, "/api/v1/supervisions", order(zjj_unit)).await;
        let doc_no = a["doc_no"].as_str().unwrap().to_string();

        // A worker told to stop (a server shutting down) claims nothing: the deliveries wait
        // for the next run, and none is lost (the counts below).
        let (_stop, stopped) = tokio::sync::watch::channel(true);
        let ran = luoshi_server::jobs::run_until(&state, "test-0", &stopped)
            .await
            .unwrap();
        assert_eq!(ran, 0, "{}", app.backend);
        assert!(hits.lock().unwrap().is_empty(), "{}", app.backend);
        // The first run: all but /json and /bad go out.
        luoshi_server::jobs::run_pending(&state, "test-1").await.unwrap();
        // A day later the retries are due: /json succeeds, /bad fails for good (2 attempts).
        let mut later = luoshi_server::Layers::defaults()
            .flags(settings.iter().cloned().chain([("database", url.clone())]))
            .unwrap()
            .build()
            .unwrap();
        later.today = Some(day(1));
        let next_day = luoshi_server::AppState::new(app.store.clone(), later);
        luoshi_server::jobs::run_pending(&next_day, "test-2").await.unwrap();
        // Again: nothing left to send, nothing sent twice.
        luoshi_server::jobs::run_pending(&next_day, "test-3").await.unwrap();

        let h = hits.lock().unwrap().clone();
        let of = |p: &str| h.iter().filter(|x| x.0 == p).cloned().collect::<Vec<_>>();
        let wecom = of("/wecom");
        assert_eq!(wecom.len(), 1, "{}: {h:?}", app.backend);
        assert_eq!(wecom[0].2["msgtype"], "markdown");
        let content = wecom[0].2["markdown"]["content"].as_str().unwrap();
        assert!(
            content.contains(&format!("督办通知：{doc_no}")) && content.contains("(http://luoshi.test/supervisions/"),
            "{content}"
        );
        let ding = of("/dingtalk");
        assert_eq!(ding.len(), 1);
        assert_eq!(ding[0].2["msgtype"], "markdown");
        assert!(ding[0].2["markdown"]["title"].as_str().unwrap().contains(&doc_no));
        assert!(ding[0].1.starts_with("access_token=T1&timestamp="), "{}", ding[0].1);
        assert!(ding[0].3, "the 钉钉 signature checks out");
        let json_hits = of("/json");
        assert_eq!(json_hits.len(), 2, "failed once, retried once");
        assert_eq!(json_hits[1].2["title"], format!("督办通知：{doc_no}"));
        assert!(
            json_hits[1].2["link"]
                .as_str()
                .unwrap()
                .starts_with("http://luoshi.test/supervisions/")
        );
        assert_eq!(of("/bad").len(), 2, "given up after delivery_attempts");
        let mails = mail.lock().unwrap().clone();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert_eq!(mails[0].0, vec!["yjj@yunzhou.gov.cn".to_string()]);
        assert!(mails[0].1.contains("To: yjj@yunzhou.gov.cn"), "{}", mails[0].1);
        assert!(
            mails[0].1.contains("Content-Type: text/plain; charset=utf-8"),
            "the mail names its charset, so Chinese is not garbled: {}",
            mails[0].1
        );

        // The delivery log says what happened to each.
        let (_, log) = app.api_get(&sup, "/api/v1/deliveries").await;
        let find = |target_end: &str| {
            log.as_array()
                .unwrap()
                .iter()
                .find(|d| d["target"].as_str().unwrap().ends_with(target_end))
                .cloned()
                .unwrap()
        };
        assert_eq!(
            (find("/json")["status"].as_str(), find("/json")["attempts"].as_i64()),
            (Some("sent"), Some(2))
        );
        assert_eq!(
            (find("/bad")["status"].as_str(), find("/bad")["attempts"].as_i64()),
            (Some("failed"), Some(2))
        );
        let error = find("/bad")["last_error"].as_str().unwrap().to_string();
        assert!(error.contains("500"), "{error}");
        assert!(
            !error.contains("down"),
            "a delivery's stored error never holds the remote body: {error}"
        );
        assert_eq!(find("yjj@yunzhou.gov.cn")["status"], "sent");
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, "/channels").await;
        assert!(
            html.contains("id=\"delivery-log\"") && html.contains("发送失败") && !html.contains(SECRET),
            "the secret is never shown"
        );
    }
}

#[tokio::test]
async fn a_channel_reaches_only_the_hosts_the_deployment_allows_and_never_follows_a_redirect() {
    for url in luoshi_store::testing::database_urls().await.unwrap() {
        // A webhook that answers with a redirect to somewhere else.
        let hits = Arc::new(Mutex::new(0usize));
        let counted = hits.clone();
        let away = Router::new().route(
            "/hook",
            post(move || {
                let counted = counted.clone();
                async move {
                    *counted.lock().unwrap() += 1;
                    (
                        StatusCode::FOUND,
                        [("location", "http://169.254.169.254/latest/meta-data")],
                    )
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, away).await });
        let settings = [
            ("run_jobs", "false".to_string()),
            ("allowed_webhook_hosts", "127.0.0.1, qyapi.weixin.qq.com".to_string()),
        ];
        let (app, state) = spawn_app_with(&url, &settings).await;
        let sup = app.token("duchashi").await;
        for target in [
            "http://localhost:9/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.8/hook",
            "http://[::1]/hook",
            "https://evil.example/hook",
        ] {
            let (s, b) = app
                .api_post(
                    &sup,
                    "/api/v1/channels",
                    json!({ "kind": "json", "name": "x", "url": target }),
                )
                .await;
            assert_eq!(s, S::UNPROCESSABLE_ENTITY, "{}: {target}: {b}", app.backend);
            assert_eq!(b["error"]["fields"][0]["code"], "CHANNEL_HOST_NOT_ALLOWED", "{target}");
        }
        let yjj = app.token("yjj").await;
        let unit = app.api_get(&yjj, "/api/v1/me").await.1["unit_id"].as_i64().unwrap();
        let (s, b) = app
            .api_post(
                &sup,
                "/api/v1/channels",
                json!({ "unit_id": unit, "kind": "json", "name": "redirects", "url": format!("http://{addr}/hook") }),
            )
            .await;
        assert_eq!(s, S::CREATED, "{b}");
        // An order to the unit: its channel is called once, and the redirect is not followed.
        let order = json!({ "level": "key", "source": "other", "title": "防汛物资储备检查", "requirement": "7月10日前报送",
            "lead_unit_id": unit, "reply_due": "2020-07-10", "mode": "once" });
        let (s, _) = app.api_post(&sup, "/api/v1/supervisions", order).await;
        assert_eq!(s, S::CREATED);
        luoshi_server::jobs::run_pending(&state, "test-redirect").await.unwrap();
        let (_, log) = app.api_get(&sup, "/api/v1/deliveries").await;
        let d = log
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["target"].as_str().unwrap().ends_with("/hook"))
            .cloned()
            .unwrap();
        let error = d["last_error"].as_str().unwrap_or_default();
        assert!(error.starts_with("HTTP 302"), "{}: {d}", app.backend);
        assert_eq!(*hits.lock().unwrap(), 1, "called once, not again through the redirect");
    }
}
