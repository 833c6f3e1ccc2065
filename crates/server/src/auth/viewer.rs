//! The logged-in user of a request, taken from the session cookie or a bearer token, and the
//! form extractor that refuses a POST without the session's CSRF token.

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    http::{Method, header, request::Parts},
};
use chrono::Duration;
use luoshi_domain::{Lang, Role};
use luoshi_store::{
    session::{self, Session},
    user::{self, User},
};
use serde::de::DeserializeOwned;

use super::{SESSION_COOKIE, cookie, same_secret, token_id};
use crate::{AppState, ctx, error::AppError};

/// Who is asking.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Their account.
    pub user: User,
    /// Their role.
    pub role: Role,
    /// Their session.
    pub session: Session,
    /// Whether they came with `Authorization: Bearer` (no CSRF needed) rather than a cookie.
    pub bearer: bool,
}

impl Viewer {
    /// The viewer's region: the tenant every query is scoped to.
    pub fn region(&self) -> i64 {
        self.user.region_id
    }

    /// The request's language.
    pub fn lang(&self) -> Lang {
        ctx::current().lang
    }

    /// Refuses a state-changing request whose CSRF token is not the session's.
    pub fn check_csrf(&self, token: Option<&str>) -> Result<(), AppError> {
        if self.bearer {
            return Ok(());
        }
        match token {
            Some(t) if same_secret(t, &self.session.csrf_token) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }
}

/// What an account whose password was set by an administrator may reach before its owner sets
/// their own: the password form, logging out, the language switch and the user guide.
fn may_before_changing_password(path: &str) -> bool {
    matches!(
        path,
        "/me"
            | "/me/password"
            | "/me/sessions/end"
            | "/logout"
            | "/lang"
            | "/api/v1/me"
            | "/api/v1/me/password"
            | "/api/v1/me/sessions"
            | "/api/v1/session"
    ) || path.starts_with("/help")
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(v) = parts.extensions.get::<Viewer>() {
            return Ok(v.clone());
        }
        let (token, is_bearer) = match bearer(parts) {
            Some(t) => (t, true),
            None => (
                cookie(&parts.headers, SESSION_COOKIE).ok_or(AppError::Unauthenticated)?,
                false,
            ),
        };
        let now = state.clock.now();
        let region = super::login::token_region(token).ok_or(AppError::Unauthenticated)?;
        let id = token_id(token);
        let mut conn = state.store.conn().await?;
        let s = session::session(&mut conn, region, &id, now)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let u = user::user(&mut conn, s.region_id, s.user_id)
            .await?
            .filter(|u| u.active)
            .ok_or(AppError::Unauthenticated)?;
        let role = u.role;
        // Extend the session at most once a minute, not on every request.
        if now - s.last_seen_at > Duration::seconds(60) {
            let expires = super::login::session_end(state, s.created_at, now);
            session::touch_session(&mut conn, region, &id, now, expires).await?;
        }
        let must_change = state.config.password.must_change(u.password_changed_at, now);
        let viewer = Viewer {
            user: u,
            role,
            session: s,
            bearer: is_bearer,
        };
        if must_change && !may_before_changing_password(parts.uri.path()) {
            return Err(AppError::PasswordChangeRequired);
        }
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

/// A form posted by a logged-in user, accepted only with the session's CSRF token in the
/// `csrf` field.
#[derive(Debug)]
pub struct CsrfForm<T>(pub Viewer, pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    csrf: Option<String>,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        if parts.method != Method::POST {
            return Err(AppError::BadRequest("expected POST".into()));
        }
        let bytes = axum::body::to_bytes(body, 1 << 20)
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
        viewer.check_csrf(field.csrf.as_deref())?;
        let form: T = serde_urlencoded::from_bytes(&bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
        Ok(CsrfForm(viewer, form))
    }
}
