//! Writes to a user's own account: the language they chose, their password, their notifications
//! read, and the security officer's unlock of an account locked by failed logins.

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

/// Changes the viewer's own password: the current one is required (and a wrong one counts
/// towards the lockout like a failed login), the new one must meet the rules; every other
/// session of the user ends, this one stays.
pub async fn change_password(state: &AppState, viewer: &Viewer, old: &str, new: &str) -> AppResult<()> {
    use luoshi_domain::{ValidationError, codes};
    if let Some(mut e) = crate::auth::password::password_problem(new) {
        e.field = "new_password";
        return Err(AppError::Validation(vec![e]));
    }
    let now = state.clock.now();
    let (region, id) = (viewer.region(), viewer.user.id);
    // The viewer's account as read for this request: its password hash is the current one.
    let crate::auth::login::Checked { ok, lock, .. } =
        crate::auth::login::check_counted(state, &viewer.user, old).await?;
    if !ok {
        return Err(match lock {
            Some(until) => AppError::AccountLocked(until),
            None => AppError::Validation(vec![ValidationError::new(
                "old_password",
                codes::PASSWORD_OLD_WRONG,
                "原密码不正确",
                "The current password is wrong",
            )]),
        });
    }
    // Hashing takes tens of milliseconds of a core: off the request threads.
    let new = new.to_string();
    let hash = tokio::task::spawn_blocking(move || crate::auth::password::hash_password(&new))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    let mut tx = state.store.begin().await?;
    user::set_password(&mut tx, region, id, &hash, Some(now)).await?;
    let ended = luoshi_store::session::delete_other_sessions(&mut tx, region, id, &viewer.session.id).await?;
    record(
        &mut tx,
        region,
        Record {
            actor: &viewer.actor(),
            change: Change::PasswordChanged,
            entity: "user",
            entity_id: id,
            before: None,
            after: json!({ "other_sessions_ended": ended }),
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

/// Makes the viewer a new calendar feed address (日程订阅), or a fresh one in place of the old,
/// which stops working at once; returns it. Only its secret's hash is kept, so it is shown this
/// once. For those who read business data (the administrators have no deadlines here).
pub async fn reset_feed(state: &AppState, viewer: &Viewer) -> AppResult<String> {
    viewer.reader()?;
    let secret = crate::ctx::secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    set_feed(state, viewer, &crate::auth::token_id(&secret)).await?;
    // The region first, as in a session token: the address is looked up within it.
    Ok(format!(
        "{}/feeds/{}.{secret}/luoshi.ics",
        state.config.base_url,
        viewer.region()
    ))
}

/// Turns the viewer's calendar feed off: its address stops working.
pub async fn feed_off(state: &AppState, viewer: &Viewer) -> AppResult<()> {
    set_feed(state, viewer, "").await
}

async fn set_feed(state: &AppState, viewer: &Viewer, hash: &str) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    user::set_feed(&mut tx, viewer.region(), viewer.user.id, hash).await?;
    record(
        &mut tx,
        viewer.region(),
        Record {
            actor: &viewer.actor(),
            change: Change::FeedSet,
            entity: "user",
            entity_id: viewer.user.id,
            before: None,
            after: json!({ "on": !hash.is_empty() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
