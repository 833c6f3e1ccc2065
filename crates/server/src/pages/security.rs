//! The security officer's actions.

use crate::forms::{Id, Posted};
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

/// `POST /security/unlock`: lifts every lock on the login name `username`, an account's or not.
pub async fn unlock_name(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.security_officer()?;
    crate::ops::account::unlock_name(&state, cap, &viewer.actor(), form.get("username")).await?;
    Ok(Redirect::to("/home?flash=user.unlocked#locked").into_response())
}

/// `POST /security/sessions/end`: ends someone's session.
pub async fn end_session(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.security_officer()?;
    crate::ops::account::end_session(&state, cap, &viewer.actor(), form.get("id")).await?;
    Ok(Redirect::to("/home?flash=flash.session_ended#sessions").into_response())
}
