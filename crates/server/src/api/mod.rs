//! The JSON API under `/api/v1`: the same reads as the pages, through the same access layer
//! and view models. Errors are JSON with a stable code (see `error.rs`).

pub mod admin;
pub mod openapi;
pub mod plans;
pub mod session;

use axum::{
    Router,
    extract::{FromRequest, Request},
    routing::{get, post},
};
use serde::de::DeserializeOwned;

use crate::{AppState, error::AppError};

/// The API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/session", post(session::create).delete(session::delete))
        .route("/me", get(session::me))
        .route("/home", get(plans::home))
        .route("/plans", get(plans::list))
        .route("/plans/{id}", get(plans::plan))
        .route("/plans/{id}/tasks", get(plans::tree))
        .route("/tasks/{id}", get(plans::task))
        .route("/units", get(admin::units))
        .route("/leaders", get(admin::leaders))
        .route("/users", get(admin::users))
        .route("/sessions", get(admin::sessions))
        .route("/audit", get(admin::audit))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { AppError::NotFound })
}

/// A JSON body; a malformed one is a `BAD_REQUEST` in the API's error format.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| ApiJson(v))
            .map_err(|e| AppError::BadRequest(e.body_text()))
    }
}
