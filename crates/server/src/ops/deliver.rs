//! Sending a queued delivery: an e-mail over SMTP, or a webhook in the format its channel
//! expects — the 企业微信 group bot (`msgtype: markdown`), the 钉钉 robot (markdown, signed
//! with HMAC-SHA256 of `timestamp\nsecret` when it has a secret), or plain JSON. Every attempt
//! is logged on the delivery; a failure is retried by the job queue with backoff.

use std::{sync::OnceLock, time::Duration};

use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use luoshi_store::delivery::{self, Delivery};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::AppState;

fn client() -> Result<&'static reqwest::Client, String> {
    static C: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    C.get_or_init(|| {
        // TLS with rustls and the ring provider; the system's certificate store is trusted, so
        // an intranet's own CA works once installed on the server.
        crate::install_tls();
        reqwest::Client::builder()
            // A webhook that redirects is refused, not followed: a redirect could lead anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The 钉钉 robot's signature: Base64 of HMAC-SHA256 over `timestamp\nsecret`, keyed by the
/// secret.
pub fn dingtalk_sign(timestamp_ms: i64, secret: &str) -> Result<String, String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(format!("{timestamp_ms}\n{secret}").as_bytes());
    Ok(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// The request body a channel of `kind` expects for `d`.
pub fn payload(kind: &str, d: &Delivery, url: &str, now: DateTime<Utc>) -> Value {
    match kind {
        "wecom" => json!({
            "msgtype": "markdown",
            "markdown": { "content": format!("**{}**\n{}\n[查看详情]({url})", d.title, d.body) }
        }),
        "dingtalk" => json!({
            "msgtype": "markdown",
            "markdown": { "title": d.title, "text": format!("#### {}\n\n{}\n\n[查看详情]({url})", d.title, d.body) }
        }),
        _ => json!({
            "event": d.event_key,
            "title": d.title,
            "body": d.body,
            "link": url,
            "sent_at": now.to_rfc3339(),
        }),
    }
}

/// The host of a webhook address, lower case, if it is an http(s) address with one.
pub fn webhook_host(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.host_str().map(str::to_ascii_lowercase)
}

/// Posts to a webhook whose host the deployment allows (`allowed_webhook_hosts`, checked again
/// here: the setting may have changed since the channel was added). What is kept of a failure
/// names the status or the error code, never the remote body or the address (which may carry
/// a key).
async fn post(target: &str, allowed: &[String], body: &Value, expect_errcode: bool) -> Result<String, String> {
    match webhook_host(target) {
        Some(h) if allowed.contains(&h) => {}
        Some(h) => return Err(format!("host {h} is not in allowed_webhook_hosts")),
        None => return Err("not an http(s) address".into()),
    }
    let r = client()?.post(target).json(body).send().await.map_err(|e| {
        if e.is_timeout() {
            "request failed: timed out".to_string()
        } else if e.is_connect() {
            "request failed: could not connect".to_string()
        } else {
            "request failed".to_string()
        }
    })?;
    let status = r.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let text = r.text().await.unwrap_or_default();
    if expect_errcode {
        // 企业微信 and 钉钉 answer 200 with {"errcode":0,"errmsg":"ok"}; any other code failed.
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        let code = v["errcode"].as_i64().unwrap_or(-1);
        if code != 0 {
            return Err(format!("errcode {code}"));
        }
    }
    Ok(format!("HTTP {status}"))
}

async fn email(state: &AppState, d: &Delivery, url: &str) -> Result<String, String> {
    use lettre::{
        AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, transport::smtp::authentication::Credentials,
    };
    let smtp = state.config.smtp.as_ref().ok_or("e-mail is not set up (smtp_host)")?;
    let message = Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("smtp_from: {e}"))?)
        .to(d.target.parse().map_err(|e| format!("address {:?}: {e}", d.target))?)
        .subject(&d.title)
        // Named, so no mail reader takes the Chinese text for ASCII.
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .body(format!("{}\n\n{url}\n\n—— 落实 · 政府重点工作督查落实平台", d.body))
        .map_err(|e| e.to_string())?;
    crate::install_tls();
    let builder = match smtp.tls.as_str() {
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?,
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host).map_err(|e| e.to_string())?,
        _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    };
    let mut builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(15)));
    if !smtp.user.is_empty() {
        builder = builder.credentials(Credentials::new(smtp.user.clone(), smtp.password.clone()));
    }
    let r = builder.build().send(message).await.map_err(|e| format!("SMTP: {e}"))?;
    Ok(format!("SMTP {}", r.code()))
}

/// Sends delivery `id` of `region` once and logs the attempt; `give_up` marks a failure final.
pub async fn send(state: &AppState, region: i64, id: i64, give_up: bool) -> Result<String, String> {
    let d = {
        let mut c = state.store.conn().await.map_err(|e| e.to_string())?;
        delivery::delivery(&mut c, region, id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("no such delivery")?
    };
    if d.status == "sent" {
        return Ok("sent before".into());
    }
    let now = state.clock.now();
    let url = format!("{}{}", state.config.base_url, d.link);
    let outcome = match d.kind.as_str() {
        "email" => email(state, &d, &url).await,
        "wecom" | "json" => {
            let body = payload(&d.kind, &d, &url, now);
            post(&d.target, &state.config.allowed_webhook_hosts, &body, d.kind == "wecom").await
        }
        "dingtalk" => {
            let secret = {
                let mut c = state.store.conn().await.map_err(|e| e.to_string())?;
                delivery::channels(&mut c, region)
                    .await
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .find(|c| Some(c.id) == d.channel_id)
                    .map(|c| c.secret)
                    .unwrap_or_default()
            };
            let target = if secret.is_empty() {
                d.target.clone()
            } else {
                let ts = now.timestamp_millis();
                let sign = dingtalk_sign(ts, &secret)?;
                let sep = if d.target.contains('?') { '&' } else { '?' };
                let sign: String = url_escape(&sign);
                format!("{}{sep}timestamp={ts}&sign={sign}", d.target)
            };
            let body = payload("dingtalk", &d, &url, now);
            post(&target, &state.config.allowed_webhook_hosts, &body, true).await
        }
        other => Err(format!("unknown delivery kind {other:?}")),
    };
    let (ok, detail) = match &outcome {
        Ok(m) => (true, m.clone()),
        Err(e) => (false, e.clone()),
    };
    let mut tx = state.store.begin().await.map_err(|e| e.to_string())?;
    delivery::record_attempt(&mut tx, region, id, ok, &detail, give_up, state.clock.now())
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    outcome
}

/// Percent-encodes a query value (the signature is Base64, with `+`, `/` and `=`).
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dingtalk_signature_is_the_documented_one() {
        // HMAC-SHA256 over "1577836800000\nSEC123", keyed by "SEC123", in Base64.
        let s = dingtalk_sign(1_577_836_800_000, "SEC123").unwrap_or_default();
        assert_eq!(s.len(), 44);
        let mut mac = Hmac::<Sha256>::new_from_slice(b"SEC123").unwrap_or_else(|_| unreachable!());
        mac.update(b"1577836800000\nSEC123");
        let want = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(s, want);
        assert_eq!(url_escape("a+b/c="), "a%2Bb%2Fc%3D");
    }
}
