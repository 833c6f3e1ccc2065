//! Writes to a user's own account: the language they chose, their password, their notifications
//! read, and the security officer's unlock of an account locked by failed logins.

use luoshi_domain::Lang;
use luoshi_lights::Change;
use luoshi_store::{password_history, user};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::{Actor, SecurityCap},
    auth::{Viewer, login, password},
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

/// Changes the viewer's own password: the current one is required (a wrong one counts towards
/// the lockout like a failed login), the new one must meet the password policy and not be one
/// of the account's last few; every other session of the user ends, this one stays.
pub async fn change_password(state: &AppState, viewer: &Viewer, old: &str, new: &str) -> AppResult<()> {
    use luoshi_domain::{ValidationError, codes};
    let policy = state.config.password;
    if let Some(mut e) = password::password_problem(new, &policy) {
        e.field = "new_password";
        return Err(AppError::Validation(vec![e]));
    }
    let now = state.clock.now();
    let (region, id) = (viewer.region(), viewer.user.id);
    let name = login::guarded_name(&viewer.user.username);
    // The viewer's account as read for this request: its password hash is the current one.
    let checked = login::check_counted(
        state,
        region,
        &name,
        &viewer.session.ip,
        Some(&viewer.user.password_hash),
        old,
    )
    .await?;
    if !checked.ok {
        return Err(match checked.lock {
            Some(until) => AppError::AccountLocked(until),
            None => AppError::Validation(vec![ValidationError::new(
                "old_password",
                codes::PASSWORD_OLD_WRONG,
                "原密码不正确",
                "The current password is wrong",
            )]),
        });
    }
    if policy.history > 0 {
        let mut earlier = {
            let mut c = state.store.conn().await?;
            password_history::recent(&mut c, region, id, policy.history - 1).await?
        };
        earlier.insert(0, viewer.user.password_hash.clone());
        for h in &earlier {
            if password::check(new, h).await == Some(true) {
                return Err(AppError::Validation(vec![ValidationError::new(
                    "new_password",
                    codes::PASSWORD_REUSED,
                    format!("新密码不能与最近{}次使用过的密码相同", policy.history),
                    format!("The new password may not be any of the last {}", policy.history),
                )]));
            }
        }
    }
    let hash = password::hash_off_thread(new).await.map_err(AppError::Internal)?;
    let mut tx = state.store.begin().await?;
    password_history::remember(&mut tx, region, id, &viewer.user.password_hash, now).await?;
    user::set_password(&mut tx, region, id, &hash, Some(now)).await?;
    login::forgive(&mut tx, region, &name, &viewer.session.ip, &checked).await?;
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
    let Some(u) = user::user(&mut tx, cap.region, user_id).await? else {
        return Err(AppError::NotFound);
    };
    user::unlock_user(&mut tx, cap.region, user_id).await?;
    luoshi_store::login_guard::unlock(&mut tx, cap.region, &login::guarded_name(&u.username)).await?;
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

/// Lifts every lock on the login name `username` (an account's or not); false when there was
/// none.
pub async fn unlock_name(state: &AppState, cap: SecurityCap, actor: &Actor, username: &str) -> AppResult<bool> {
    let name = login::guarded_name(username);
    let mut tx = state.store.begin().await?;
    if !luoshi_store::login_guard::unlock(&mut tx, cap.region, &name).await? {
        return Ok(false);
    }
    let account = user::user_by_username(&mut tx, cap.region, &name).await?;
    if let Some(u) = &account {
        user::unlock_user(&mut tx, cap.region, u.id).await?;
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::UserUnlocked,
            entity: if account.is_some() { "user" } else { "region" },
            entity_id: account.as_ref().map_or(cap.region, |u| u.id),
            before: None,
            after: json!({ "unlocked": name }),
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends the session `id` of anyone in the region (the security officer); `NOT_FOUND` when
/// there is none.
pub async fn end_session(state: &AppState, cap: SecurityCap, actor: &Actor, id: &str) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let Some(s) = luoshi_store::session::session(&mut tx, cap.region, id, now).await? else {
        return Err(AppError::NotFound);
    };
    luoshi_store::session::delete_session(&mut tx, cap.region, id).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::SessionEnded,
            entity: "user",
            entity_id: s.user_id,
            before: None,
            after: json!({ "ip": s.ip, "since": s.created_at }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends the viewer's other sessions (log out everywhere else), and this one too when `all`;
/// returns how many ended.
pub async fn end_my_sessions(state: &AppState, viewer: &Viewer, all: bool) -> AppResult<u64> {
    let (region, id) = (viewer.region(), viewer.user.id);
    let mut tx = state.store.begin().await?;
    let n = if all {
        luoshi_store::session::delete_user_sessions(&mut tx, region, id).await?
    } else {
        luoshi_store::session::delete_other_sessions(&mut tx, region, id, &viewer.session.id).await?
    };
    record(
        &mut tx,
        region,
        Record {
            actor: &viewer.actor(),
            change: Change::LoggedOutEverywhere,
            entity: "user",
            entity_id: id,
            before: None,
            after: json!({ "ended": n, "this_one_too": all }),
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
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
