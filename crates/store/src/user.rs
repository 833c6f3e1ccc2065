//! User accounts: credentials, role, unit or leader, lockout state.

use chrono::{DateTime, Utc};
use luoshi_domain::{Lang, Role};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct User {
    /// Its id.
    pub id: i64,
    /// Its region.
    pub region_id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// argon2id PHC string; never shown.
    #[serde(skip)]
    pub password_hash: String,
    /// Its role.
    #[sqlx(try_from = "crate::code::Code<Role>")]
    pub role: Role,
    /// The unit of a unit user.
    pub unit_id: Option<i64>,
    /// The leader record of a leader.
    pub leader_id: Option<i64>,
    /// Preferred UI language.
    #[sqlx(try_from = "crate::code::Code<Lang>")]
    pub lang: Lang,
    /// Whether the account may log in.
    pub active: bool,
    /// Failed logins since the last success.
    pub failed_logins: i64,
    /// Locked until this instant after too many failures.
    pub locked_until: Option<DateTime<Utc>>,
    /// Last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// E-mail address for notifications (may be empty).
    pub email: String,
    /// Whether the user wants notifications by e-mail.
    pub notify_email: bool,
    /// Whether the user's notifications go to the unit's group channels.
    pub notify_channels: bool,
    /// When the user last set their own password; `None` when an administrator set it (it must
    /// be changed at the next login).
    pub password_changed_at: Option<DateTime<Utc>>,
}

/// What a new account needs.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Login name.
    pub username: &'a str,
    /// Name shown in the UI.
    pub display_name: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Role code.
    pub role: &'a str,
    /// The unit of a unit user.
    pub unit_id: Option<i64>,
    /// The leader record of a leader.
    pub leader_id: Option<i64>,
    /// Whether the password was set by someone else and must be changed at the first login.
    pub must_change: bool,
    /// E-mail address (may be empty).
    pub email: &'a str,
}

macro_rules! select_user {
    () => {
        "SELECT id, region_id, username, display_name, password_hash, role, unit_id, leader_id,
            lang, active, failed_logins, locked_until, last_login_at, created_at, version, email,
            notify_email, notify_channels, password_changed_at
         FROM app_user"
    };
}

/// Adds an account; a taken username is [`StoreError::Duplicate`].
pub async fn insert_user(tx: &mut Tx, region: RegionId, u: &NewUser<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "app_user").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO app_user (region_id, username, display_name, password_hash, role, unit_id, leader_id, created_at, id,
            password_changed_at, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        region,
        u.username,
        u.display_name,
        u.password_hash,
        u.role,
        u.unit_id,
        u.leader_id,
        now,
        new_id,
        (!u.must_change).then_some(now),
        u.email
    )
    .map_err(|e| StoreError::from(e).duplicate_as("username"))?;
    Ok(id)
}

/// The account of `region` with this login name (login names are unique within a region).
pub async fn user_by_username(conn: &mut Conn, region: RegionId, username: &str) -> Result<Option<User>> {
    Ok(fetch_optional!(
        conn,
        User,
        concat!(select_user!(), " WHERE region_id = $1 AND username = $2"),
        region,
        username
    )?)
}

/// The regions that have accounts, by code: where a login may belong (the login page offers
/// them when there are several).
pub async fn login_regions(conn: &mut Conn) -> Result<Vec<crate::region::Region>> {
    Ok(fetch_all!(
        conn,
        crate::region::Region,
        "SELECT r.id, r.parent_id, r.level, r.code, r.name, r.created_at FROM region r
         WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.region_id = r.id) ORDER BY r.code"
    )?)
}

/// Where a login belongs, by the one rule the login page, the API and the CLI share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginRegion {
    /// The region whose code was given, or the only one with accounts.
    Found(RegionId),
    /// No region has the code given.
    UnknownCode,
    /// No code was given and not exactly one region has accounts: these are the choices.
    Choose(Vec<crate::region::Region>),
}

/// The region a login belongs to: the one whose code is given, or else the only region with
/// accounts (login names are unique within a region only).
pub async fn login_region(conn: &mut Conn, code: Option<&str>) -> Result<LoginRegion> {
    if let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) {
        return Ok(match crate::region::region_by_code(conn, code).await? {
            Some(r) => LoginRegion::Found(r.id),
            None => LoginRegion::UnknownCode,
        });
    }
    let mut regions = login_regions(conn).await?;
    Ok(match regions.len() {
        1 => LoginRegion::Found(regions.remove(0).id),
        _ => LoginRegion::Choose(regions),
    })
}

/// One account.
pub async fn user(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<User>> {
    Ok(fetch_optional!(
        conn,
        User,
        concat!(select_user!(), " WHERE region_id = $1 AND id = $2"),
        region,
        id
    )?)
}

/// Every account of the region.
pub async fn users(conn: &mut Conn, region: RegionId) -> Result<Vec<User>> {
    Ok(fetch_all!(
        conn,
        User,
        concat!(select_user!(), " WHERE region_id = $1 ORDER BY role, username"),
        region
    )?)
}

/// Clears the failure count and stamps the login.
pub async fn record_login(tx: &mut Tx, region: RegionId, id: i64, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        "UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $3
         WHERE region_id = $1 AND id = $2",
        region,
        id,
        now
    )?;
    Ok(())
}

/// Unlocks an account (security officer).
pub async fn unlock_user(tx: &mut Tx, region: RegionId, id: i64) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET failed_logins = 0, locked_until = NULL, version = version + 1
         WHERE region_id = $1 AND id = $2",
        region,
        id
    )? > 0)
}

/// Sets a user's UI language.
pub async fn set_lang(tx: &mut Tx, region: RegionId, id: i64, lang: &str) -> Result<()> {
    execute!(
        tx,
        "UPDATE app_user SET lang = $3 WHERE region_id = $1 AND id = $2",
        region,
        id,
        lang
    )?;
    Ok(())
}

/// Sets the hash of the secret in a user's calendar feed address (empty: no feed), in one
/// statement; the old address stops working at once.
pub async fn set_feed(tx: &mut Tx, region: RegionId, id: i64, hash: &str) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET feed_hash = $3 WHERE region_id = $1 AND id = $2",
        region,
        id,
        hash
    )? > 0)
}

/// Whether a user has a calendar feed.
pub async fn has_feed(conn: &mut Conn, region: RegionId, id: i64) -> Result<bool> {
    let (hash,): (String,) = fetch_one!(
        conn,
        (String,),
        "SELECT feed_hash FROM app_user WHERE region_id = $1 AND id = $2",
        region,
        id
    )?;
    Ok(!hash.is_empty())
}

/// The active account of `region` whose calendar feed address has the secret hashed as `hash`.
pub async fn user_by_feed(conn: &mut Conn, region: RegionId, hash: &str) -> Result<Option<User>> {
    if hash.is_empty() {
        return Ok(None);
    }
    Ok(fetch_optional!(
        conn,
        User,
        concat!(
            select_user!(),
            " WHERE region_id = $1 AND feed_hash = $2 AND active = TRUE"
        ),
        region,
        hash
    )?)
}

/// Replaces a user's password hash and clears any lock. `changed_at` is now when the user set
/// it themselves, `None` when someone else did (it must then be changed at the next login).
pub async fn set_password(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    hash: &str,
    changed_at: Option<DateTime<Utc>>,
) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET password_hash = $3, failed_logins = 0, locked_until = NULL,
            version = version + 1, password_changed_at = $4
         WHERE region_id = $1 AND id = $2",
        region,
        id,
        hash,
        changed_at
    )? > 0)
}

/// What the system administrator sets of an account.
#[derive(Debug, Clone, Copy)]
pub struct AccountFields<'a> {
    /// Login name.
    pub username: &'a str,
    /// Name.
    pub display_name: &'a str,
    /// Role code.
    pub role: &'a str,
    /// Unit.
    pub unit_id: Option<i64>,
    /// Leader record.
    pub leader_id: Option<i64>,
    /// E-mail address.
    pub email: &'a str,
    /// Whether it may log in.
    pub active: bool,
}

/// Changes an account if it is still at `version`; false when someone saved it since. A taken
/// login name is [`StoreError::Duplicate`].
pub async fn update_account(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    f: AccountFields<'_>,
) -> Result<bool> {
    Ok(execute!(
        tx,
        "UPDATE app_user SET username = $4, display_name = $5, role = $6, unit_id = $7, leader_id = $8,
            email = $9, active = $10, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.username,
        f.display_name,
        f.role,
        f.unit_id,
        f.leader_id,
        f.email,
        f.active
    )
    .map_err(|e| StoreError::from(e).duplicate_as("username"))?
        > 0)
}

/// Disables the accounts of a unit taken out of use; returns their ids.
pub async fn disable_unit_accounts(tx: &mut Tx, region: RegionId, unit_id: i64) -> Result<Vec<i64>> {
    Ok(fetch_all!(
        tx,
        (i64,),
        "UPDATE app_user SET active = FALSE, version = version + 1
         WHERE region_id = $1 AND unit_id = $2 AND active = TRUE RETURNING id",
        region,
        unit_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// Sets a user's e-mail address and notification preferences.
pub async fn set_preferences(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    email: &str,
    notify_email: bool,
    notify_channels: bool,
) -> Result<()> {
    execute!(
        tx,
        "UPDATE app_user SET email = $3, notify_email = $4, notify_channels = $5 WHERE region_id = $1 AND id = $2",
        region,
        id,
        email,
        notify_email,
        notify_channels
    )?;
    Ok(())
}

/// The display names of the users who appear in a task's history, by login name.
pub async fn names_in_history(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<(String, String)>> {
    Ok(fetch_all!(
        conn,
        (String, String),
        "SELECT username, display_name FROM app_user
         WHERE region_id = $1 AND username IN (SELECT actor FROM task_event WHERE region_id = $1 AND task_id = $2)",
        region,
        task_id
    )?)
}
