//! What the three administrators see: units and users (admin), locks and sessions (security
//! officer), the audit log (auditor).

use chrono::{DateTime, Utc};
use luoshi_domain::{Lang, UnitCategory};
use luoshi_store::{
    Conn,
    audit::{self, AuditLine},
    session, user,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::instant_text;
use crate::{
    access::{AdminCap, AuditCap, SecurityCap},
    directory::Directory,
    error::AppResult,
    i18n::Tr,
};

/// A unit in the admin's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitOut {
    /// Unit id.
    pub id: i64,
    /// Current name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Category in words.
    pub category: String,
    /// Category code.
    pub category_code: String,
    /// Earlier names with their dates.
    pub former_names: String,
    /// The unit it was merged into, if any.
    pub merged_into: String,
    /// Place in lists.
    pub sort: i64,
    /// Whether it is in use.
    pub active: bool,
    /// Optimistic-concurrency version (send it back to change the unit).
    pub version: i64,
}

/// A user in the admin's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserOut {
    /// User id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Role in words.
    pub role_name: String,
    /// Unit name, for unit users.
    pub unit: String,
    /// Last login, in words.
    pub last_login: String,
    /// Failed logins since the last success.
    pub failed_logins: i64,
    /// Whether the account is locked now.
    pub locked: bool,
    /// Unit id.
    pub unit_id: Option<i64>,
    /// Leader record id.
    pub leader_id: Option<i64>,
    /// E-mail address.
    pub email: String,
    /// Whether it may log in.
    pub active: bool,
    /// Whether its password was set by an administrator and must be changed at the next login.
    pub must_change_password: bool,
    /// Optimistic-concurrency version (send it back to change the account).
    pub version: i64,
}

/// A live session in the security officer's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionOut {
    /// The user's login name.
    pub username: String,
    /// Logged in, in words.
    pub created_at: String,
    /// Last active, in words.
    pub last_seen: String,
    /// Address at login.
    pub ip: String,
}

/// An audit line in the auditor's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditOut {
    /// Place in the chain.
    pub seq: i64,
    /// When, in words.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What: the action's code, e.g. `report.accepted`.
    pub action: String,
    /// The action in the reader's words, e.g. `采纳进展`.
    pub action_name: String,
    /// On what record: its kind's code and id, e.g. `report #12`.
    pub entity: String,
    /// The record in the reader's words, e.g. `进展报送 第12号`.
    pub entity_name: String,
    /// Record before, JSON.
    pub before_json: Option<String>,
    /// Record after, JSON.
    pub after_json: Option<String>,
    /// This line's hash.
    pub hash: String,
}

/// The region's units with their former names. The directory is not secret: every logged-in
/// user of the region may list it.
pub fn unit_list(dir: &Directory, lang: Lang) -> Vec<UnitOut> {
    dir.unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .map(|u| UnitOut {
            id: u.id,
            name: u.name.clone(),
            short_name: u.short_name.clone(),
            category: UnitCategory::parse(&u.category)
                .map(|c| lang.pick(c.names().0, c.names().1).to_string())
                .unwrap_or_default(),
            category_code: u.category.clone(),
            former_names: dir
                .former_names(u.id)
                .iter()
                .map(|n| {
                    format!(
                        "{}（{}–{}）",
                        n.name,
                        luoshi_domain::fmt_date(n.valid_from, lang),
                        n.valid_to.map(|d| luoshi_domain::fmt_date(d, lang)).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(";"),
            merged_into: dir.unit_name(u.merged_into),
            sort: u.sort,
            active: u.active,
            version: u.version,
        })
        .collect()
}

/// The region's users.
pub async fn users(
    cap: AdminCap,
    conn: &mut Conn,
    dir: &Directory,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<Vec<UserOut>> {
    Ok(user::users(conn, cap.region)
        .await?
        .into_iter()
        .map(|u| user_out(u, dir, lang, now))
        .collect())
}

fn user_out(u: user::User, dir: &Directory, lang: Lang, now: DateTime<Utc>) -> UserOut {
    let role_name = Some(u.role)
        .map(|r| lang.pick(r.names().0, r.names().1).to_string())
        .unwrap_or_default();
    UserOut {
        id: u.id,
        unit: dir.unit_name(u.unit_id),
        last_login: instant_text(u.last_login_at, lang),
        locked: u.locked_until.is_some_and(|t| t > now),
        failed_logins: u.failed_logins,
        unit_id: u.unit_id,
        leader_id: u.leader_id,
        active: u.active,
        must_change_password: u.password_changed_at.is_none(),
        version: u.version,
        email: u.email,
        username: u.username,
        display_name: u.display_name,
        role: u.role.code().to_string(),
        role_name,
    }
}

/// The accounts locked now.
pub async fn locked_users(
    cap: SecurityCap,
    conn: &mut Conn,
    dir: &Directory,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<Vec<UserOut>> {
    Ok(user::users(conn, cap.region)
        .await?
        .into_iter()
        .map(|u| user_out(u, dir, lang, now))
        .filter(|u| u.locked)
        .collect())
}

/// The live sessions.
pub async fn sessions(cap: SecurityCap, conn: &mut Conn, lang: Lang, now: DateTime<Utc>) -> AppResult<Vec<SessionOut>> {
    let users: std::collections::HashMap<i64, String> = user::users(conn, cap.region)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    Ok(session::sessions(conn, cap.region, now)
        .await?
        .into_iter()
        .map(|s| SessionOut {
            username: users.get(&s.user_id).cloned().unwrap_or_default(),
            created_at: instant_text(Some(s.created_at), lang),
            last_seen: instant_text(Some(s.last_seen_at), lang),
            ip: s.ip,
        })
        .collect())
}

/// A page of the audit log, newest first, and whether older lines exist.
pub async fn audit_page(
    cap: AuditCap,
    conn: &mut Conn,
    lang: Lang,
    page: i64,
    per_page: i64,
) -> AppResult<(Vec<AuditOut>, bool)> {
    let mut lines: Vec<AuditLine> = audit::lines(conn, cap.region, per_page + 1, page.max(0) * per_page).await?;
    let more = lines.len() as i64 > per_page;
    lines.truncate(per_page as usize);
    Ok((
        lines
            .into_iter()
            .map(|a| AuditOut {
                seq: a.seq,
                at: instant_text(Some(a.at), lang),
                actor: a.actor,
                action_name: super::audit_words::action(&a.action, lang),
                entity_name: super::audit_words::entity(&a.entity, a.entity_id, lang),
                action: a.action,
                entity: match a.entity_id {
                    Some(id) => format!("{} #{id}", a.entity),
                    None => a.entity,
                },
                before_json: a.before_json,
                after_json: a.after_json,
                hash: a.hash,
            })
            .collect(),
        more,
    ))
}

/// The chain check in words: `(ok message, broken message)`.
pub async fn verification(cap: AuditCap, conn: &mut Conn, lang: Lang) -> AppResult<(String, Option<String>)> {
    let v = audit::verify(conn, cap.region).await?;
    let tr = Tr::new(lang);
    Ok(match v.broken {
        None => (tr.t_with("audit.verify_ok", &[("n", v.lines.to_string())]), None),
        Some((seq, why)) => (
            String::new(),
            Some(format!(
                "{}{}",
                tr.t_with("audit.verify_broken", &[("n", seq.to_string())]),
                super::audit_words::broken(why, lang)
            )),
        ),
    })
}
