//! Writes to a user's own account: the language they chose, their notifications read, and the
//! security officer's unlock of an account locked by failed logins.

use luoshi_domain::Lang;
use luoshi_lights::Change;
use luoshi_store::user;
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::{Actor, SecurityCap},
    auth::Viewer,
    error::{AppError, AppResult},
};

/// Keeps `lang` as the viewer's language.
pub async fn choose_language(state: &AppState, viewer: &Viewer, lang: Lang) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    user::set_lang(&mut tx, viewer.region(), viewer.user.id, lang.code()).await?;
    record(
        &mut tx,
        viewer.region(),
        Record {
            actor: &viewer.actor(),
            change: Change::LanguageChosen,
            entity: "user",
            entity_id: viewer.user.id,
            before: Some(json!({ "lang": viewer.user.lang })),
            after: json!({ "lang": lang.code() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Unlocks the account `user_id`; `NOT_FOUND` when there is none in the region.
pub async fn unlock(state: &AppState, cap: SecurityCap, actor: &Actor, user_id: i64) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    if !user::unlock_user(&mut tx, cap.region, user_id).await? {
        return Err(AppError::NotFound);
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::UserUnlocked,
            entity: "user",
            entity_id: user_id,
            before: None,
            after: json!({ "unlocked": true }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the viewer's notification `id` read, or all of them with `None`; returns how many were
/// unread. The user's own reading state: not an audited change.
pub async fn mark_read(state: &AppState, viewer: &Viewer, id: Option<i64>) -> AppResult<u64> {
    let mut tx = state.store.begin().await?;
    let n =
        luoshi_store::notification::mark_read(&mut tx, viewer.region(), viewer.user.id, id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(n)
}
