//! The supervision office's review queue through the API: reports and requests awaiting a decision.

use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    views::{home::ReportItem, records::RequestOut},
};
use axum::{Json, extract::State};
use serde::Serialize;
use utoipa::ToSchema;

/// A request waiting for a decision, with its task.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingRequest {
    /// Task id.
    pub task_id: i64,
    /// Task title.
    pub task_title: String,
    /// The request.
    pub request: RequestOut,
}

/// The supervision office's queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueue {
    /// Reports waiting for review, oldest first.
    pub reports: Vec<ReportItem>,
    /// Requests waiting for a decision, oldest first.
    pub requests: Vec<PendingRequest>,
}

/// `GET /api/v1/reviews` (supervision office)
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reporting", security(("bearer" = [])), responses((status = 200, body = ReviewQueue), (status = 403, body = crate::error::ErrorBody)))]
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<ReviewQueue>> {
    let (reports, requests) = crate::views::reviews::queue(&state, &viewer).await?;
    Ok(Json(ReviewQueue {
        reports,
        requests: requests
            .into_iter()
            .map(|(task_id, task_title, request)| PendingRequest {
                task_id,
                task_title,
                request,
            })
            .collect(),
    }))
}
