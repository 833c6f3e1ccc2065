//! Switching the UI language: a cookie for everyone, and the user's preference when logged in.

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::Lang;
use serde::Deserialize;

use super::safe_next;
use crate::{
    AppState,
    auth::{LANG_COOKIE, Viewer, set_cookie},
    error::{AppError, AppResult},
};

#[derive(Debug, Deserialize)]
struct LangForm {
    csrf: String,
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /lang`.
pub async fn switch(State(state): State<AppState>, req: Request) -> AppResult<Response> {
    let (mut parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let f: LangForm = serde_urlencoded::from_bytes(&bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let lang = Lang::parse(&f.lang).ok_or_else(|| AppError::BadRequest("lang must be zh or en".into()))?;
    match Viewer::from_request_parts(&mut parts, &state).await {
        Ok(viewer) => {
            viewer.check_csrf(Some(&f.csrf))?;
            crate::ops::account::choose_language(&state, &viewer, lang).await?;
        }
        Err(_) => {
            if !crate::auth::login_token_ok(&state, &parts.headers, &f.csrf) {
                return Err(AppError::Csrf);
            }
        }
    }
    let mut r = Redirect::to(safe_next(&f.next)).into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(
        LANG_COOKIE,
        lang.code(),
        Some(365 * 86400),
        state.config.secure_cookies,
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}
