//! The system administrator's writes to accounts: added with a generated password shown once
//! (changed at the first login), changed, disabled, their password reset. The three
//! administrators' own accounts are not changed here (三员分立: `luoshi user`).

use luoshi_domain::{Role, UserInput, ValidationError, check_link, check_user, codes, directory::linked};
use luoshi_lights::Change;
use luoshi_store::{Conn, leader, session, unit, user};
use serde_json::json;

use super::{
    Record,
    directory::{conflict, invalid},
    notify, record,
};
use crate::{
    AppState,
    access::{Actor, AdminCap},
    auth::password,
    error::{AppError, AppResult},
};

/// An account's form.
#[derive(Debug, Clone, Default)]
pub struct AccountEdit {
    /// The fields.
    pub input: UserInput,
    /// Its unit (a unit liaison's, or the office's).
    pub unit: Option<i64>,
    /// Its leader record (a leader's account).
    pub leader: Option<i64>,
    /// Whether it may log in.
    pub active: bool,
    /// The version the form was read at (0 for a new account).
    pub version: i64,
}

fn administrators_only() -> AppError {
    invalid(vec![ValidationError::of("role", codes::USER_ROLE_NOT_ASSIGNABLE)])
}

/// Checks an account's form against the directory: the role one the administrator gives, its
/// unit in use, its leader in office.
async fn check_account(
    conn: &mut Conn,
    region: i64,
    e: &AccountEdit,
) -> AppResult<(luoshi_domain::ValidUser, Option<i64>, Option<i64>)> {
    let mut errs = Vec::new();
    let valid = match check_user(&e.input) {
        Ok(v) => Some(v),
        Err(es) => {
            errs.extend(es);
            None
        }
    };
    if let Some(v) = &valid {
        if !v.role.assignable() {
            errs.push(ValidationError::of("role", codes::USER_ROLE_NOT_ASSIGNABLE));
        }
        let (u, l) = linked(v.role, e.unit, e.leader);
        errs.extend(check_link(v.role, u, l));
        if let Some(u) = u
            && !unit::unit(conn, region, u).await?.is_some_and(|x| x.active)
        {
            errs.push(ValidationError::of("unit", codes::USER_UNIT_UNKNOWN));
        }
        if let Some(l) = l
            && !leader::leader(conn, region, l).await?.is_some_and(|x| x.active)
        {
            errs.push(ValidationError::of("leader", codes::USER_LEADER_UNKNOWN));
        }
    }
    match valid {
        Some(v) if errs.is_empty() => {
            let (u, l) = linked(v.role, e.unit, e.leader);
            Ok((v, u, l))
        }
        _ => Err(invalid(errs)),
    }
}

fn taken(e: luoshi_store::StoreError) -> AppError {
    match e {
        luoshi_store::StoreError::Duplicate(_) => invalid(vec![ValidationError::of("username", codes::USERNAME_TAKEN)]),
        e => e.into(),
    }
}

/// Adds an account with a generated password that must be changed at the first login; returns
/// the id and the password, shown once.
pub async fn add_account(state: &AppState, cap: AdminCap, actor: &Actor, e: &AccountEdit) -> AppResult<(i64, String)> {
    let (v, unit_id, leader_id) = {
        let mut c = state.store.conn().await?;
        check_account(&mut c, cap.region, e).await?
    };
    let pw = password::generate().map_err(AppError::Internal)?;
    let hash = password::hash_off_thread(&pw).await.map_err(AppError::Internal)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = user::insert_user(
        &mut tx,
        cap.region,
        &user::NewUser {
            username: &v.username,
            display_name: &v.display_name,
            password_hash: &hash,
            role: v.role.code(),
            unit_id,
            leader_id,
            must_change: true,
            email: &v.email,
        },
        now,
    )
    .await
    .map_err(taken)?;
    if !e.active {
        user::update_account(
            &mut tx,
            cap.region,
            id,
            1,
            account_fields(&v, unit_id, leader_id, false),
        )
        .await?;
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::AccountAdded,
            entity: "user",
            entity_id: id,
            before: None,
            after: json!({ "username": v.username, "display_name": v.display_name, "role": v.role.code(),
                "unit_id": unit_id, "leader_id": leader_id, "active": e.active }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, pw))
}

fn account_fields(
    v: &luoshi_domain::ValidUser,
    unit_id: Option<i64>,
    leader_id: Option<i64>,
    active: bool,
) -> user::AccountFields<'_> {
    user::AccountFields {
        username: &v.username,
        display_name: &v.display_name,
        role: v.role.code(),
        unit_id,
        leader_id,
        email: &v.email,
        active,
    }
}

/// Changes account `id`. Disabling it, or changing what it may see (role, unit, leader), ends
/// its sessions; the person is told of a new role or unit.
pub async fn edit_account(state: &AppState, cap: AdminCap, actor: &Actor, id: i64, e: &AccountEdit) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = user::user(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    if !before.role.assignable() {
        return Err(administrators_only());
    }
    let (v, unit_id, leader_id) = check_account(&mut tx, cap.region, e).await?;
    if !user::update_account(
        &mut tx,
        cap.region,
        id,
        e.version,
        account_fields(&v, unit_id, leader_id, e.active),
    )
    .await
    .map_err(taken)?
    {
        return Err(conflict("the account"));
    }
    let reach_changed = before.role != v.role || before.unit_id != unit_id || before.leader_id != leader_id;
    if !e.active || reach_changed {
        session::delete_user_sessions(&mut tx, cap.region, id).await?;
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::AccountChanged,
            entity: "user",
            entity_id: id,
            before: Some(json!({ "username": before.username, "display_name": before.display_name,
                "role": before.role.code(), "unit_id": before.unit_id, "leader_id": before.leader_id, "active": before.active })),
            after: json!({ "username": v.username, "display_name": v.display_name, "role": v.role.code(),
                "unit_id": unit_id, "leader_id": leader_id, "active": e.active }),
        },
        now,
    )
    .await?;
    if e.active && reach_changed {
        let (zh, _) = v.role.names();
        let unit_name = match unit_id {
            Some(u) => unit::unit(&mut tx, cap.region, u)
                .await?
                .map(|u| u.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let body = format!(
            "系统管理员已将您的账号调整为：{zh}{}{unit_name}。",
            if unit_name.is_empty() { "" } else { "，" }
        );
        let key = format!("account:{id}:{}", before.version + 1);
        let m = notify::Message {
            event_key: &key,
            kind: "account_changed",
            title: "您的账号已调整",
            body: &body,
            link: "/me",
        };
        notify::tell_user(&mut tx, &state.config, cap.region, id, m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new generated password on account `id`, to be changed at the next login, and ends
/// its sessions; returns the password, shown once. Not for the three administrators' accounts.
pub async fn reset_password(state: &AppState, cap: AdminCap, actor: &Actor, id: i64) -> AppResult<String> {
    let pw = password::generate().map_err(AppError::Internal)?;
    let hash = password::hash_off_thread(&pw).await.map_err(AppError::Internal)?;
    let mut tx = state.store.begin().await?;
    let u = user::user(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    if !u.role.assignable() || u.role == Role::Admin {
        return Err(administrators_only());
    }
    user::set_password(&mut tx, cap.region, id, &hash, None).await?;
    session::delete_user_sessions(&mut tx, cap.region, id).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::PasswordReset,
            entity: "user",
            entity_id: id,
            before: None,
            after: json!({ "must_change": true }),
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(pw)
}
