//! The login form, logging in and out.

use crate::forms::Q;
use askama::Template;
use axum::{
    Form,
    extract::{ConnectInfo, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::Lang;
use serde::Deserialize;

use super::{render, safe_next};
use crate::{
    AppState,
    auth::{self, CsrfForm, LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, cookie, same_secret, set_cookie},
    ctx,
    error::{AppError, AppResult},
    i18n::Tr,
};

/// The login page.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    lang: Lang,
    tr: Tr,
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
    flash: Option<String>,
    asset_version: &'static str,
}

impl LoginPage {
    fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
}

/// Query of the login page.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    flash: Option<String>,
}

/// The pre-login CSRF token: the cookie's if there is one, else a new one.
pub fn login_csrf(headers: &HeaderMap) -> AppResult<(String, bool)> {
    match cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(t) if t.len() == 64 => Ok((t.to_string(), false)),
        _ => Ok((
            ctx::secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?,
            true,
        )),
    }
}

fn page(
    state: &AppState,
    headers: &HeaderMap,
    next: &str,
    username: &str,
    error: Option<String>,
    flash: Option<String>,
    status: axum::http::StatusCode,
) -> AppResult<Response> {
    let lang = ctx::current().lang;
    let (csrf, fresh) = login_csrf(headers)?;
    let p = LoginPage {
        lang,
        tr: Tr::new(lang),
        csrf: csrf.clone(),
        next: safe_next(next).to_string(),
        username: username.to_string(),
        error,
        flash,
        asset_version: crate::assets::VERSION,
    };
    let mut r = render(&p)?;
    *r.status_mut() = status;
    if fresh
        && let Ok(v) = HeaderValue::from_str(&set_cookie(LOGIN_CSRF_COOKIE, &csrf, None, state.config.secure_cookies))
    {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

/// `GET /login`.
pub async fn form(State(state): State<AppState>, headers: HeaderMap, Q(q): Q<LoginQuery>) -> AppResult<Response> {
    let tr = Tr::new(ctx::current().lang);
    let flash = q.flash.map(|k| tr.t(&k)).filter(|t| !t.starts_with('⟦'));
    page(
        &state,
        &headers,
        q.next.as_deref().unwrap_or("/home"),
        "",
        None,
        flash,
        axum::http::StatusCode::OK,
    )
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    // Double submit: the form must carry the token the cookie carries.
    match cookie(&headers, LOGIN_CSRF_COOKIE) {
        Some(c) if same_secret(c, &f.csrf) => {}
        _ => return Err(AppError::Csrf),
    }
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match auth::login(&state, &f.username, &f.password, &addr.ip().to_string(), ua).await {
        Ok(done) => {
            let mut r = Redirect::to(safe_next(&f.next)).into_response();
            let secure = state.config.secure_cookies;
            let cookies = [
                set_cookie(SESSION_COOKIE, &done.token, None, secure),
                set_cookie(LANG_COOKIE, done.user.lang.code(), Some(365 * 86400), secure),
                set_cookie(LOGIN_CSRF_COOKIE, "", Some(0), secure),
            ];
            for c in cookies {
                if let Ok(v) = HeaderValue::from_str(&c) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(r)
        }
        Err(e @ (AppError::LoginFailed | AppError::AccountLocked(_))) => {
            let msg = e.message(ctx::current().lang);
            page(&state, &headers, &f.next, &f.username, Some(msg), None, e.status())
        }
        Err(e) => Err(e),
    }
}

/// An empty form: only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// `POST /logout`.
pub async fn logout(State(state): State<AppState>, CsrfForm(viewer, _): CsrfForm<Empty>) -> AppResult<Response> {
    auth::logout(&state, &viewer).await?;
    let mut r = Redirect::to("/login?flash=login.logged_out").into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(SESSION_COOKIE, "", Some(0), state.config.secure_cookies)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}
