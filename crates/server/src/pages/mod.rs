//! The HTML pages: one small file per page or action. Forms post and redirect (303); every
//! handler reaches data only through the access layer.

pub mod home;
pub mod lang;
pub mod layout;
pub mod login;
pub mod plans;
pub mod security;
pub mod task;

use askama::Template;
use axum::{
    Router,
    extract::{FromRequestParts, Request},
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};

use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
};

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/lang", post(lang::switch))
        .route("/home", get(home::home))
        .route("/plans", get(plans::list))
        .route("/plans/{id}", get(plans::tree))
        .route("/plans/{id}/text", get(plans::text))
        .route("/tasks/{id}", get(task::page))
        .route("/security/users/{id}/unlock", post(security::unlock))
}

/// `/`: home when logged in, the login page otherwise.
async fn root(state: axum::extract::State<AppState>, req: Request) -> Response {
    let (mut parts, _) = req.into_parts();
    match Viewer::from_request_parts(&mut parts, &state).await {
        Ok(_) => Redirect::to("/home").into_response(),
        Err(_) => Redirect::to("/login").into_response(),
    }
}

/// Any unknown path.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Renders a page; pages with personal data are never cached.
pub fn render(t: &impl Template) -> AppResult<Response> {
    let mut r = Html(t.render()?).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// A local path to return to; anything else (other hosts, `//x`) becomes `/home`.
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") && !next.contains(['\r', '\n']) {
        next
    } else {
        "/home"
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_next("/plans/1"), "/plans/1");
        assert_eq!(safe_next("//evil.example"), "/home");
        assert_eq!(safe_next("https://evil.example"), "/home");
        assert_eq!(safe_next("/\\evil.example"), "/home");
        assert_eq!(safe_next(""), "/home");
    }
}
