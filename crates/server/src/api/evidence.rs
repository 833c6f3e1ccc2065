//! Evidence files through the API: downloading one, for those who may see it.

use crate::forms::Id;
use crate::{AppState, auth::Viewer, error::AppResult};
use axum::{extract::State, response::Response};

/// `GET /api/v1/evidence/{id}`: a file, to anyone who may read its task.
#[utoipa::path(get, path = "/api/v1/evidence/{id}", tag = "reporting", security(("bearer" = [])), params(("id" = i64, Path, description = "file id")),
    responses((status = 200, description = "the file"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn download(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    crate::files::evidence(&state, &viewer, id).await
}
