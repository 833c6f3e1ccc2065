//! The security officer's actions.

use crate::forms::Id;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};

use super::login::Empty;
use crate::{AppState, auth::CsrfForm, error::AppResult};

/// `POST /security/users/{id}/unlock`.
pub async fn unlock(
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(viewer, _): CsrfForm<Empty>,
) -> AppResult<Response> {
    let cap = viewer.security_officer()?;
    crate::ops::account::unlock(&state, cap, &viewer.actor(), id).await?;
    Ok(Redirect::to("/home?flash=user.unlocked").into_response())
}
