//! The supervision office's review queue through the API: reports and requests awaiting a decision.

use crate::{AppState, auth::Viewer, error::AppResult, views::records::RequestOut};
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
    pub reports: Vec<crate::views::reviews::ReviewItem>,
    /// Requests waiting for a decision, oldest first.
    pub requests: Vec<PendingRequest>,
    /// Key projects' monthly reports waiting for review, the earliest sent first.
    pub project_reports: Vec<crate::views::project_queue::ProjectReviewItem>,
    /// Indicators' figures waiting for review, the earliest entered first.
    pub indicator_figures: Vec<crate::views::indicator_queue::FigureReviewItem>,
}

/// `GET /api/v1/reviews` (supervision office)
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reporting", security(("bearer" = [])), responses((status = 200, body = ReviewQueue), (status = 403, body = crate::error::ErrorBody)))]
pub async fn reviews(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<ReviewQueue>> {
    let (reports, requests) = crate::views::reviews::queue(&state, &viewer).await?;
    let cap = viewer.supervisor()?;
    let mut c = state.store.conn().await?;
    let dir = crate::directory::Directory::cached(&state.directories, &mut c, cap.region).await?;
    let project_reports = crate::views::project_queue::waiting(&mut c, cap.region, &dir, viewer.lang()).await?;
    let indicator_figures = crate::views::indicator_queue::waiting(&mut c, cap.region, &dir, viewer.lang()).await?;
    Ok(Json(ReviewQueue {
        indicator_figures,
        project_reports,
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

/// One report chosen for a batch.
#[derive(Debug, serde::Deserialize, ToSchema)]
pub struct Chosen {
    /// The report.
    pub id: i64,
    /// Its version as read.
    pub version: i64,
}

/// Reports to accept at once.
#[derive(Debug, serde::Deserialize, ToSchema)]
pub struct AcceptBody {
    /// The reports, each with the version read.
    pub reports: Vec<Chosen>,
}

/// How many were accepted.
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    /// Reports accepted.
    pub accepted: usize,
}

/// `POST /api/v1/reviews/accept`: accepts several waiting reports at once, each checked and
/// recorded one by one, all or nothing (422 `REVIEW_BATCH_REFUSED` naming the one refused, or
/// 409 when one changed meanwhile).
#[utoipa::path(post, path = "/api/v1/reviews/accept", tag = "reporting", security(("bearer" = [])), request_body = AcceptBody,
    responses((status = 200, body = Accepted), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "a report that does not exist or is not waiting for this reviewer")))]
pub async fn accept(
    State(state): State<AppState>,
    super::writer::Writer(viewer): super::writer::Writer,
    super::ApiJson(b): super::ApiJson<AcceptBody>,
) -> AppResult<Json<Accepted>> {
    let cap = viewer.supervisor()?;
    let mut chosen: Vec<(i64, i64)> = Vec::new();
    for c in b.reports {
        if !chosen.iter().any(|(id, _)| *id == c.id) {
            chosen.push((c.id, c.version));
        }
    }
    let accepted = crate::ops::review::accept_many(&state, &cap, &chosen).await?;
    Ok(Json(Accepted { accepted }))
}
