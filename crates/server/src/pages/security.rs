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

/// `POST /audit/verify` (auditor): checks the whole chain now and records the outcome.
pub async fn verify_audit(State(state): State<AppState>, Posted(viewer, _form): Posted) -> AppResult<Response> {
    let cap = viewer.auditor()?;
    crate::audit_key::verify_and_record(&state.store, &state.config, cap.region, state.clock.now())
        .await
        .map_err(crate::error::AppError::Internal)?;
    Ok(Redirect::to("/home?flash=flash.audit_checked").into_response())
}

/// `GET /audit/checkpoint` (auditor): the chain's head as a checkpoint line, to keep elsewhere.
pub async fn checkpoint(State(state): State<AppState>, viewer: crate::auth::Viewer) -> AppResult<Response> {
    let cap = viewer.auditor()?;
    let mut c = state.store.conn().await?;
    let heads = crate::audit_key::heads(&mut c, state.clock.now()).await?;
    let mut text = String::new();
    for a in heads.iter().filter(|a| a.region == cap.region) {
        text.push_str(&serde_json::to_string(a).map_err(|e| crate::error::AppError::Internal(e.to_string()))?);
        text.push('\n');
    }
    let name = format!("audit-checkpoint-{}.jsonl", state.clock.now().format("%Y%m%d%H%M"));
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/jsonl; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (axum::http::header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        text,
    )
        .into_response())
}
