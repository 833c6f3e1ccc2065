//! Logging in and out: one path for the login form and the API.

use chrono::{DateTime, Duration, Utc};
use luoshi_domain::{ValidationError, codes};
use luoshi_store::{
    RegionId,
    audit::{self, AuditEntry},
    session::{self, Session},
    user::{self, User},
};

use super::{password, token_id};
use crate::{
    AppState,
    ctx::secure_token,
    error::{AppError, AppResult},
};

/// A successful login: the token for the cookie or the `Authorization` header.
#[derive(Debug)]
pub struct LoggedIn {
    /// The secret token (only its hash is stored).
    pub token: String,
    /// The session.
    pub session: Session,
    /// The user.
    pub user: User,
}

/// The region a login belongs to: the one whose code was given, or else the only region that
/// has accounts. Login names are unique within a region, so with several such regions the
/// caller must say which (the login page offers them).
pub async fn login_region(state: &AppState, code: Option<&str>) -> AppResult<RegionId> {
    let mut conn = state.store.conn().await?;
    match user::login_region(&mut conn, code).await? {
        user::LoginRegion::Found(id) => Ok(id),
        user::LoginRegion::UnknownCode => Err(AppError::Validation(vec![ValidationError::new(
            "region",
            codes::LOGIN_REGION_UNKNOWN,
            "没有这个地区代码",
            "No region has this code",
        )])),
        user::LoginRegion::Choose(_) => Err(AppError::Validation(vec![ValidationError::new(
            "region",
            codes::LOGIN_REGION_REQUIRED,
            "请选择所在地区",
            "Choose your region",
        )])),
    }
}

/// The cookie or bearer token of a session: the region's id, a dot and the secret, so that
/// the session is found by its region's key.
pub fn session_token(region: RegionId, secret: &str) -> String {
    format!("{region}.{secret}")
}

/// The region a session token names, if it is one of ours.
pub fn token_region(token: &str) -> Option<RegionId> {
    let (region, secret) = token.split_once('.')?;
    (!secret.is_empty()).then_some(())?;
    region.parse().ok()
}

/// A password checked against an account, the attempt counted first.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// Whether the password is the account's.
    pub ok: bool,
    /// Attempts counted since the last success, this one included.
    pub failures: i64,
    /// The lock this attempt set, when it reached the limit.
    pub lock: Option<DateTime<Utc>>,
}

/// Checks `password` against account `u` after counting the attempt in its own short
/// transaction — one atomic step, so attempts sent at once each take their turn at the counter
/// and none slips past the limit. A locked account is `ACCOUNT_LOCKED` and its password is not
/// checked. Logging in and changing one's password both come here.
pub async fn check_counted(state: &AppState, u: &User, password: &str) -> AppResult<Checked> {
    let now = state.clock.now();
    let until = now + Duration::minutes(state.config.lockout_minutes);
    let attempt = {
        let mut tx = state.store.begin().await?;
        let a = user::count_attempt(&mut tx, u.region_id, u.id, now, state.config.max_failed_logins, until).await?;
        tx.commit().await?;
        a
    };
    let Some((failures, lock)) = attempt else {
        let mut conn = state.store.conn().await?;
        let until = user::user(&mut conn, u.region_id, u.id)
            .await?
            .and_then(|x| x.locked_until)
            .unwrap_or(until);
        return Err(AppError::AccountLocked(until));
    };
    let ok = password::check(password, &u.password_hash)
        .await
        .ok_or_else(|| AppError::Internal("password check failed".into()))?;
    Ok(Checked { ok, failures, lock })
}

/// Checks the credentials of an account of `region`, counting failures and locking the
/// account after too many; on success starts a session. Every outcome is in the audit log.
pub async fn login(
    state: &AppState,
    region: RegionId,
    username: &str,
    password: &str,
    ip: &str,
    user_agent: &str,
) -> AppResult<LoggedIn> {
    let now = state.clock.now();
    let username = username.trim();
    let found = {
        let mut conn = state.store.conn().await?;
        user::user_by_username(&mut conn, region, username).await?
    };
    let Some(u) = found.filter(|u| u.active) else {
        // Same work as a wrong password, so a wrong name cannot be told apart by timing.
        let _ = password::check(password, password::dummy_hash()).await;
        return Err(AppError::LoginFailed);
    };
    let Checked { ok, failures, lock } = check_counted(state, &u, password).await?;
    let mut tx = state.store.begin().await?;
    if !ok {
        audit::append(
            &mut tx,
            u.region_id,
            &AuditEntry {
                actor_id: Some(u.id),
                actor: &u.username,
                action: if lock.is_some() { "login.locked" } else { "login.failed" },
                entity: "user",
                entity_id: Some(u.id),
                before: None,
                after: Some(serde_json::json!({ "failed_logins": failures, "ip": ip }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(match lock {
            Some(until) => AppError::AccountLocked(until),
            None => AppError::LoginFailed,
        });
    }

    let secret = secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let token = session_token(u.region_id, &secret);
    let csrf = secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let s = Session {
        id: token_id(&token),
        region_id: u.region_id,
        user_id: u.id,
        csrf_token: csrf,
        created_at: now,
        last_seen_at: now,
        expires_at: now + Duration::hours(state.config.session_hours),
        ip: ip.chars().take(64).collect(),
        user_agent: user_agent.chars().take(256).collect(),
    };
    user::record_login(&mut tx, u.region_id, u.id, now).await?;
    session::insert_session(&mut tx, &s).await?;
    audit::append(
        &mut tx,
        u.region_id,
        &AuditEntry {
            actor_id: Some(u.id),
            actor: &u.username,
            action: "login",
            entity: "user",
            entity_id: Some(u.id),
            before: None,
            after: Some(serde_json::json!({ "ip": ip }).to_string()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        token,
        session: s,
        user: u,
    })
}

/// Ends the viewer's session.
pub async fn logout(state: &AppState, viewer: &super::Viewer) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    session::delete_session(&mut tx, viewer.region(), &viewer.session.id).await?;
    audit::append(
        &mut tx,
        viewer.region(),
        &AuditEntry {
            actor_id: Some(viewer.user.id),
            actor: &viewer.user.username,
            action: "logout",
            entity: "user",
            entity_id: Some(viewer.user.id),
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
