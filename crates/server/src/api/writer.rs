//! The caller of a state-changing API request: a bearer token needs nothing more; a session
//! cookie needs the session's CSRF token in `X-CSRF-Token`.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{AppState, auth::Viewer, error::AppError};

/// A viewer allowed to change things through the API.
#[derive(Debug, Clone)]
pub struct Writer(pub Viewer);

impl FromRequestParts<AppState> for Writer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let token = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
        viewer.check_csrf(token)?;
        Ok(Writer(viewer))
    }
}
