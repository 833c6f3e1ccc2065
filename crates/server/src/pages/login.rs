//! The login form, logging in and out.

use crate::forms::Q;
use askama::Template;
use axum::{
    Form,
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::Lang;
use serde::Deserialize;

use super::{render, safe_next};
use crate::{
    AppState,
    auth::{self, CsrfForm, LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, cookie, set_cookie},
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
    /// The regions with accounts, `(code, name)`, when there are several to choose from.
    regions: Vec<(String, String)>,
    /// The chosen region's code.
    region: String,
    error: Option<String>,
    flash: Option<String>,
    /// Whether the form asks for the second factor's code.
    totp: bool,
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
    /// A region's code, to choose it (a link such as `/login?region=990100`).
    region: Option<String>,
}

/// The cookie remembering the region of the last login on this browser.
const REGION_COOKIE: &str = "luoshi_region";

/// The pre-login CSRF cookie's nonce: the cookie's if there is one, else a new one.
pub fn login_csrf(headers: &HeaderMap) -> AppResult<(String, bool)> {
    match cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(t) if t.len() == 64 => Ok((t.to_string(), false)),
        _ => Ok((
            ctx::secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?,
            true,
        )),
    }
}

/// What the form showed and what it says now.
struct Shown<'a> {
    next: &'a str,
    username: &'a str,
    region: Option<&'a str>,
    error: Option<String>,
    flash: Option<String>,
    totp: bool,
}

async fn page(
    state: &AppState,
    headers: &HeaderMap,
    shown: Shown<'_>,
    status: axum::http::StatusCode,
) -> AppResult<Response> {
    let lang = ctx::current().lang;
    let (nonce, fresh) = login_csrf(headers)?;
    let csrf = auth::login_form_token(state, &nonce);
    let regions: Vec<(String, String)> = {
        let mut conn = state.store.conn().await?;
        luoshi_store::user::login_regions(&mut conn)
            .await?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect()
    };
    let region = shown
        .region
        .or_else(|| cookie(headers, REGION_COOKIE))
        .filter(|c| regions.iter().any(|(code, _)| code == c))
        .unwrap_or_default()
        .to_string();
    let Shown {
        next,
        username,
        error,
        flash,
        totp,
        ..
    } = shown;
    let p = LoginPage {
        lang,
        tr: Tr::new(lang),
        csrf: csrf.clone(),
        next: safe_next(next).to_string(),
        username: username.to_string(),
        regions: if regions.len() > 1 { regions } else { Vec::new() },
        region,
        error,
        flash,
        totp,
        asset_version: crate::assets::VERSION,
    };
    let mut r = render(&p)?;
    *r.status_mut() = status;
    if fresh
        && let Ok(v) = HeaderValue::from_str(&set_cookie(
            LOGIN_CSRF_COOKIE,
            &nonce,
            None,
            state.config.secure_cookies,
        ))
    {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

/// `GET /login`.
pub async fn form(State(state): State<AppState>, headers: HeaderMap, Q(q): Q<LoginQuery>) -> AppResult<Response> {
    let tr = Tr::new(ctx::current().lang);
    let flash = q.flash.map(|k| tr.t(&k)).filter(|t| !t.starts_with('⟦'));
    let shown = Shown {
        next: q.next.as_deref().unwrap_or("/home"),
        username: "",
        region: q.region.as_deref(),
        error: None,
        flash,
        totp: false,
    };
    page(&state, &headers, shown, axum::http::StatusCode::OK).await
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
    /// The region's code, when the page offered a choice.
    #[serde(default)]
    region: String,
    #[serde(default)]
    next: String,
    /// The second factor's code, when the account has one.
    #[serde(default)]
    totp: String,
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    crate::client::ClientAddr(client): crate::client::ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    // The form must carry the token of the cookie's nonce (an HMAC only the server can make).
    if !auth::login_token_ok(&state, &headers, &f.csrf) {
        return Err(AppError::Csrf);
    }
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let tried = match auth::login_region(&state, Some(&f.region)).await {
        Ok(region) => {
            auth::login(
                &state,
                region,
                &f.username,
                &f.password,
                Some(f.totp.as_str()),
                &client.to_string(),
                ua,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match tried {
        Ok(done) => {
            let mut r = Redirect::to(safe_next(&f.next)).into_response();
            let secure = state.config.secure_cookies;
            let year = Some(365 * 86400);
            let cookies = [
                set_cookie(SESSION_COOKIE, &done.token, None, secure),
                set_cookie(LANG_COOKIE, done.user.lang.code(), year, secure),
                set_cookie(LOGIN_CSRF_COOKIE, "", Some(0), secure),
                set_cookie(
                    REGION_COOKIE,
                    f.region.trim(),
                    if f.region.trim().is_empty() { Some(0) } else { year },
                    secure,
                ),
            ];
            for c in cookies {
                if let Ok(v) = HeaderValue::from_str(&c) {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(r)
        }
        Err(
            e @ (AppError::LoginFailed | AppError::AccountLocked(_) | AppError::Validation(_) | AppError::TotpRequired),
        ) => {
            let lang = ctx::current().lang;
            let msg = match &e {
                AppError::Validation(errs) => errs.iter().map(|v| v.message(lang)).collect::<Vec<_>>().join("；"),
                _ => e.message(lang),
            };
            let shown = Shown {
                next: &f.next,
                username: &f.username,
                region: Some(&f.region),
                error: Some(msg),
                flash: None,
                // Asked for once the password was right, and again after a wrong code.
                totp: matches!(e, AppError::TotpRequired) || !f.totp.trim().is_empty(),
            };
            page(&state, &headers, shown, e.status()).await
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
