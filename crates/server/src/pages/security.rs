//! The security officer's actions.

use crate::forms::Id;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_store::audit;

use super::login::Empty;
use crate::{
    AppState,
    auth::CsrfForm,
    error::{AppError, AppResult},
    views::admin,
};

/// `POST /security/users/{id}/unlock`.
pub async fn unlock(
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(viewer, _): CsrfForm<Empty>,
) -> AppResult<Response> {
    let cap = viewer.security_officer()?;
    let mut tx = state.store.begin().await?;
    if !admin::unlock(cap, &mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    audit::append(
        &mut tx,
        cap.region,
        &audit::AuditEntry {
            actor_id: Some(viewer.user.id),
            actor: &viewer.user.username,
            action: "user.unlock",
            entity: "user",
            entity_id: Some(id),
            before: None,
            after: None,
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/home?flash=user.unlocked").into_response())
}
