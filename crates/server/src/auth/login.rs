//! Logging in and out: one path for the login form and the API.

use chrono::{DateTime, Duration, Utc};
use luoshi_domain::{ValidationError, codes};
use luoshi_store::{
    RegionId,
    audit::{self, AuditEntry},
    login_guard,
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

/// A password checked against a login name, the attempt counted first.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// Whether the password is the account's (never, for a name that is not an account's).
    pub ok: bool,
    /// The attempt's number from its source, in the window.
    pub n: i64,
    /// Its number from all sources.
    pub n_all: i64,
    /// The lock this attempt set, when it reached a limit.
    pub lock: Option<DateTime<Utc>>,
}

/// A login name as the guard counts it: trimmed, lower case, at most 64 characters, no control
/// characters (any text a person or a script sends is counted, not only accounts' names).
pub fn guarded_name(typed: &str) -> String {
    luoshi_domain::directory::login_name(typed)
        .chars()
        .filter(|c| !c.is_control())
        .take(64)
        .collect()
}

/// Checks `password` against `hash` (`None`: the name is no account's, or a disabled one, and
/// the answer is the same as for a wrong password) after counting the attempt at `username` from
/// `source` and from all sources, in one short transaction: each count and its lock decision is
/// one statement, so attempts sent at once each take their turn and none slips past a limit. A
/// locked name is `ACCOUNT_LOCKED` and its password is not checked; the refused attempt is
/// counted nowhere. Logging in and changing one's password both come here.
pub async fn check_counted(
    state: &AppState,
    region: RegionId,
    username: &str,
    source: &str,
    hash: Option<&str>,
    password: &str,
) -> AppResult<Checked> {
    let now = state.clock.now();
    let window = Duration::minutes(state.config.lockout_minutes);
    let limit = |max| login_guard::Limit {
        max,
        until: now + window,
        since: now - window,
    };
    let mut tx = state.store.begin().await?;
    let all = login_guard::count(
        &mut tx,
        region,
        username,
        login_guard::ALL_SOURCES,
        now,
        limit(state.config.max_failed_logins_user),
    )
    .await?;
    let (n_all, lock_all) = match all {
        login_guard::Counted::Locked(until) => return Err(AppError::AccountLocked(until)),
        login_guard::Counted::Attempt { n, lock } => (n, lock),
    };
    let here = login_guard::count(
        &mut tx,
        region,
        username,
        source,
        now,
        limit(state.config.max_failed_logins),
    )
    .await?;
    let (n, lock) = match here {
        // Dropped, the transaction takes the count from all sources back too.
        login_guard::Counted::Locked(until) => return Err(AppError::AccountLocked(until)),
        login_guard::Counted::Attempt { n, lock } => (n, lock),
    };
    tx.commit().await?;
    // A name that is no account's costs the same work as a wrong password.
    let ok = password::check(password, hash.unwrap_or(password::dummy_hash()))
        .await
        .ok_or_else(|| AppError::Internal("password check failed".into()))?
        && hash.is_some();
    Ok(Checked {
        ok,
        n,
        n_all,
        lock: lock.or(lock_all),
    })
}

/// After a password proved right: the attempts counted up to it are forgiven (those counted
/// beside it, still in flight, keep counting).
pub async fn forgive(
    tx: &mut luoshi_store::Tx,
    region: RegionId,
    username: &str,
    source: &str,
    c: &Checked,
) -> AppResult<()> {
    login_guard::forgive(tx, region, username, source, c.n).await?;
    login_guard::forgive(tx, region, username, login_guard::ALL_SOURCES, c.n_all).await?;
    Ok(())
}

/// Checks the credentials of an account of `region`, counting failures and locking the name
/// after too many from one address, or from all; on success starts a session. A name that is
/// no active account's is counted, locked and answered exactly as a wrong password is. Every
/// outcome is in the audit log.
pub async fn login(
    state: &AppState,
    region: RegionId,
    username: &str,
    password: &str,
    code: Option<&str>,
    ip: &str,
    user_agent: &str,
) -> AppResult<LoggedIn> {
    let now = state.clock.now();
    let name = guarded_name(username);
    let found = {
        let mut conn = state.store.conn().await?;
        user::user_by_username(&mut conn, region, &name).await?
    };
    let account = found.filter(|u| u.active);
    let source: String = ip.chars().take(64).collect();
    let checked = check_counted(
        state,
        region,
        &name,
        &source,
        account.as_ref().map(|u| u.password_hash.as_str()),
        password,
    )
    .await?;
    // The second factor, when the account has one: a code of this minute, each good once.
    let second = match &account {
        Some(u) if checked.ok => {
            let mut c = state.store.conn().await?;
            let (secret, _) = luoshi_store::totp::secrets(&mut c, region, u.id).await?;
            match (secret.is_empty(), code.map(str::trim).filter(|c| !c.is_empty())) {
                (true, _) => Some(None),
                (false, None) => return Err(AppError::TotpRequired),
                (false, Some(typed)) => super::totp::matching_step(&secret, typed, now).map(Some),
            }
        }
        _ => None,
    };
    let mut tx = state.store.begin().await?;
    let step_ok = match (&account, second) {
        (Some(u), Some(Some(step))) => luoshi_store::totp::take_step(&mut tx, region, u.id, step).await?,
        (_, Some(None)) => true,
        _ => false,
    };
    let u = match account {
        Some(u) if checked.ok && step_ok => u,
        account => {
            audit::append(
                &mut tx,
                region,
                &AuditEntry {
                    actor_id: account.as_ref().map(|u| u.id),
                    actor: &name,
                    action: if checked.lock.is_some() {
                        "login.locked"
                    } else {
                        "login.failed"
                    },
                    entity: "user",
                    entity_id: account.as_ref().map(|u| u.id),
                    before: None,
                    after: Some(
                        serde_json::json!({ "failed_logins": checked.n, "from_all": checked.n_all, "ip": ip })
                            .to_string(),
                    ),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            return Err(match checked.lock {
                Some(until) => AppError::AccountLocked(until),
                None => AppError::LoginFailed,
            });
        }
    };

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
        expires_at: session_end(state, now, now),
        ip: source.clone(),
        user_agent: user_agent.chars().take(256).collect(),
    };
    forgive(&mut tx, region, &name, &source, &checked).await?;
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

/// When a session used at `now` and begun at `created` ends unless used again: after the idle
/// timeout, and never past its absolute lifetime.
pub fn session_end(state: &AppState, created: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    session_end_of(created, now, state.config.session_hours, state.config.session_max_hours)
}

/// [`session_end`] with the idle and absolute hours given.
pub fn session_end_of(created: DateTime<Utc>, now: DateTime<Utc>, idle_hours: i64, max_hours: i64) -> DateTime<Utc> {
    (now + Duration::hours(idle_hours)).min(created + Duration::hours(max_hours))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_when_idle_and_never_past_its_lifetime() {
        let t0 = Utc::now();
        assert_eq!(session_end_of(t0, t0, 8, 24), t0 + Duration::hours(8));
        let later = t0 + Duration::hours(20);
        assert_eq!(
            session_end_of(t0, later, 8, 24),
            t0 + Duration::hours(24),
            "used at hour 20, still ends at 24"
        );
    }

    #[test]
    fn a_guarded_name_is_the_login_name_without_control_characters_and_bounded() {
        assert_eq!(guarded_name("  GXJ\n"), "gxj");
        assert_eq!(guarded_name(&"x".repeat(100)).len(), 64);
        assert_eq!(guarded_name("a\u{0}b"), "ab");
    }
}
