//! `/healthz` and `/metrics` (Prometheus text format), and the counters behind them.

use std::{
    fmt::Write,
    sync::atomic::{AtomicI64, AtomicU64, Ordering},
    time::Duration,
};

use axum::{
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
};

use crate::AppState;

const BUCKETS_MS: [u64; 10] = [1, 2, 5, 10, 20, 50, 100, 250, 1000, 5000];

/// Request counters.
#[derive(Debug, Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    buckets: [AtomicU64; BUCKETS_MS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
    in_flight: AtomicI64,
}

impl Metrics {
    /// Records a finished request.
    pub fn observe(&self, status: u16, elapsed: Duration) {
        let class = (status / 100).clamp(1, 5) as usize - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        let ms = elapsed.as_millis() as u64;
        for (i, b) in BUCKETS_MS.iter().enumerate() {
            if ms <= *b {
                self.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }

    /// Changes the in-flight gauge.
    pub fn in_flight(&self, delta: i64) {
        self.in_flight.fetch_add(delta, Ordering::Relaxed);
    }
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let ok = match state.store.conn().await {
        Ok(mut c) => luoshi_store::migrate::applied(&mut c).await.is_ok(),
        Err(_) => false,
    };
    let body = serde_json::json!({
        "status": if ok { "ok" } else { "unavailable" },
        "database": state.store.backend().name(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body))
}

/// Whether `ip` is one of `allowed` (exact addresses, or `a.b.c.d/n` ranges of IPv4).
pub fn address_allowed(ip: std::net::IpAddr, allowed: &[String]) -> bool {
    let ip = match ip {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map(std::net::IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    };
    allowed.iter().any(|a| match a.split_once('/') {
        None => a.parse::<std::net::IpAddr>().is_ok_and(|x| x == ip),
        Some((net, bits)) => match (net.parse::<std::net::Ipv4Addr>(), bits.parse::<u32>(), ip) {
            (Ok(net), Ok(bits), std::net::IpAddr::V4(v4)) if bits <= 32 => {
                let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
                u32::from(net) & mask == u32::from(v4) & mask
            }
            _ => false,
        },
    })
}

/// `GET /metrics`: request counts and latencies, connections, jobs — for the addresses of
/// `metrics_allow`, or with `metrics_token` as a bearer token; anyone else gets 403.
pub async fn metrics(
    State(state): State<AppState>,
    crate::client::ClientAddr(client): crate::client::ClientAddr,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let by_token = !state.config.metrics_token.is_empty()
        && token.is_some_and(|t| crate::auth::same_secret(t.trim(), &state.config.metrics_token));
    if !by_token && !address_allowed(client, &state.config.metrics_allow) {
        return (axum::http::StatusCode::FORBIDDEN, "forbidden\n").into_response();
    }
    metrics_text(&state).await.into_response()
}

async fn metrics_text(state: &AppState) -> impl IntoResponse + use<> {
    let m = &state.metrics;
    let mut out = String::new();
    let _ = writeln!(out, "# HELP luoshi_build_info Version of the running server.");
    let _ = writeln!(out, "# TYPE luoshi_build_info gauge");
    let _ = writeln!(
        out,
        "luoshi_build_info{{version=\"{}\",database=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION"),
        state.store.backend().name()
    );
    let _ = writeln!(out, "# HELP luoshi_uptime_seconds Seconds since the server started.");
    let _ = writeln!(out, "# TYPE luoshi_uptime_seconds gauge");
    let _ = writeln!(out, "luoshi_uptime_seconds {}", state.started.elapsed().as_secs());
    let _ = writeln!(out, "# HELP luoshi_http_requests_total HTTP requests by status class.");
    let _ = writeln!(out, "# TYPE luoshi_http_requests_total counter");
    for (i, c) in m.by_class.iter().enumerate() {
        let _ = writeln!(
            out,
            "luoshi_http_requests_total{{class=\"{}xx\"}} {}",
            i + 1,
            c.load(Ordering::Relaxed)
        );
    }
    let _ = writeln!(out, "# HELP luoshi_http_request_duration_seconds Request latency.");
    let _ = writeln!(out, "# TYPE luoshi_http_request_duration_seconds histogram");
    for (i, b) in BUCKETS_MS.iter().enumerate() {
        let _ = writeln!(
            out,
            "luoshi_http_request_duration_seconds_bucket{{le=\"{}\"}} {}",
            *b as f64 / 1000.0,
            m.buckets[i].load(Ordering::Relaxed)
        );
    }
    let count = m.count.load(Ordering::Relaxed);
    let _ = writeln!(
        out,
        "luoshi_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
    );
    let _ = writeln!(
        out,
        "luoshi_http_request_duration_seconds_sum {}",
        m.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
    );
    let _ = writeln!(out, "luoshi_http_request_duration_seconds_count {count}");
    let _ = writeln!(out, "# HELP luoshi_http_requests_in_flight Requests being served.");
    let _ = writeln!(out, "# TYPE luoshi_http_requests_in_flight gauge");
    let _ = writeln!(
        out,
        "luoshi_http_requests_in_flight {}",
        m.in_flight.load(Ordering::Relaxed)
    );
    let (size, idle) = state.store.pool_stats();
    let _ = writeln!(out, "# HELP luoshi_db_connections Database connections open and idle.");
    let _ = writeln!(out, "# TYPE luoshi_db_connections gauge");
    let _ = writeln!(out, "luoshi_db_connections{{state=\"open\"}} {size}");
    let _ = writeln!(out, "luoshi_db_connections{{state=\"idle\"}} {idle}");
    if let Ok(mut c) = state.store.conn().await
        && let Ok(jobs) = luoshi_store::job::counts(&mut c).await
    {
        let _ = writeln!(out, "# HELP luoshi_jobs Jobs in the queue by status.");
        let _ = writeln!(out, "# TYPE luoshi_jobs gauge");
        for (status, n) in jobs {
            let _ = writeln!(out, "luoshi_jobs{{status=\"{status}\"}} {n}");
        }
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        out,
    )
}
