//! The request middleware: request id, language, logging, metrics and security headers.

use std::time::Instant;

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use luoshi_domain::Lang;

use crate::{AppState, auth, ctx};

/// The request's language: the language cookie, then `?lang=`, then `Accept-Language`, then
/// Chinese.
pub fn request_lang(req: &Request) -> Lang {
    let from_query = req.uri().query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::parse(v))
    });
    from_query
        .or_else(|| auth::cookie(req.headers(), auth::LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(Lang::parse)
        })
        .unwrap_or_default()
}

/// Wraps every request.
pub async fn request(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    // For the guards of single routes (e.g. uploads), which are built without the state.
    req.extensions_mut().insert(state.clone());
    let path = req.uri().path().to_string();
    let rc = ctx::RequestCtx {
        id: ctx::random_hex(6),
        lang: request_lang(&req),
        api: path.starts_with("/api/"),
        path: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| path.clone()),
    };
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|m| m.as_str().to_string());
    let id = rc.id.clone();
    state.metrics.in_flight(1);
    let mut resp = ctx::scope(rc, next.run(req)).await;
    state.metrics.in_flight(-1);
    let elapsed = started.elapsed();
    let status = resp.status().as_u16();
    state.metrics.observe(status, elapsed);
    if path != "/healthz" && path != "/metrics" && path != "/ping" {
        tracing::info!(
            request_id = %id,
            method = %method,
            path = %path,
            route = route.as_deref().unwrap_or(""),
            status,
            ms = elapsed.as_secs_f64() * 1000.0,
            "request"
        );
    }
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&id) {
        h.insert("x-request-id", v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.config.base_url.starts_with("https://") {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    resp
}
