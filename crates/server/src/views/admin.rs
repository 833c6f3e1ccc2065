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

/// A live session in the security officer's list, or the user's own.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionOut {
    /// Its handle, to end it (the hash of its token, never the token).
    pub id: String,
    /// The user's login name.
    pub username: String,
    /// The user's name.
    pub display_name: String,
    /// The browser it was opened in.
    pub user_agent: String,
    /// Whether it is the session of this request.
    pub current: bool,
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
    /// This line's hash. (What the record said before and after is not shown: the auditor
    /// sees who did what to which record, not the business text — 三员分立.)
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
            category: category_words(&u.category, lang),
            category_code: u.category.clone(),
            former_names: former_names(dir, u.id, lang),
            merged_into: dir.unit_name(u.merged_into),
            sort: u.sort,
            active: u.active,
            version: u.version,
        })
        .collect()
}

/// A unit category's code in the reader's words.
pub fn category_words(code: &str, lang: Lang) -> String {
    UnitCategory::parse(code)
        .map(|c| lang.pick(c.names().0, c.names().1).to_string())
        .unwrap_or_default()
}

/// A unit's earlier names with the days each was used, joined with ；.
pub fn former_names(dir: &Directory, unit: i64, lang: Lang) -> String {
    dir.former_names(unit)
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
        .join("；")
}

/// The region's users.
pub async fn users(
    cap: AdminCap,
    conn: &mut Conn,
    dir: &Directory,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<Vec<UserOut>> {
    let locks = luoshi_store::login_guard::locks(conn, cap.region, now).await?;
    Ok(user::users(conn, cap.region)
        .await?
        .into_iter()
        .map(|u| {
            let mine: Vec<&luoshi_store::login_guard::Lock> =
                locks.iter().filter(|l| l.username == u.username).collect();
            let failures = mine.iter().map(|l| l.failures).max().unwrap_or(0);
            user_out(u, dir, lang, !mine.is_empty(), failures)
        })
        .collect())
}

fn user_out(u: user::User, dir: &Directory, lang: Lang, locked: bool, failed_logins: i64) -> UserOut {
    let role_name = Some(u.role)
        .map(|r| lang.pick(r.names().0, r.names().1).to_string())
        .unwrap_or_default();
    UserOut {
        id: u.id,
        unit: dir.unit_name(u.unit_id),
        last_login: instant_text(u.last_login_at, lang),
        locked,
        failed_logins,
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

/// The live sessions.
pub async fn sessions(cap: SecurityCap, conn: &mut Conn, lang: Lang, now: DateTime<Utc>) -> AppResult<Vec<SessionOut>> {
    let list = session::sessions(conn, cap.region, now).await?;
    session_list(conn, cap.region, list, "", lang).await
}

/// A user's own live sessions; `current` is this request's.
pub async fn own_sessions(
    conn: &mut Conn,
    region: i64,
    user_id: i64,
    current: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<Vec<SessionOut>> {
    let list = session::user_sessions(conn, region, user_id, now).await?;
    session_list(conn, region, list, current, lang).await
}

async fn session_list(
    conn: &mut Conn,
    region: i64,
    list: Vec<session::Session>,
    current: &str,
    lang: Lang,
) -> AppResult<Vec<SessionOut>> {
    let users: std::collections::HashMap<i64, (String, String)> = user::users(conn, region)
        .await?
        .into_iter()
        .map(|u| (u.id, (u.username, u.display_name)))
        .collect();
    Ok(list
        .into_iter()
        .map(|s| {
            let (username, display_name) = users.get(&s.user_id).cloned().unwrap_or_default();
            SessionOut {
                current: s.id == current,
                id: s.id,
                username,
                display_name,
                user_agent: browser_words(&s.user_agent),
                created_at: instant_text(Some(s.created_at), lang),
                last_seen: instant_text(Some(s.last_seen_at), lang),
                ip: s.ip,
            }
        })
        .collect())
}

/// A browser's user-agent string in a few words: `Chrome · Windows`.
fn browser_words(ua: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("MicroMessenger", "微信"),
        ("DingTalk", "钉钉"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| *n);
    let system = [
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| *n);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => ua.chars().take(40).collect(),
    }
}

/// A lock in force in the security officer's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LockOut {
    /// The login name tried (it may be no account's: guesses at unknown names lock alike).
    pub username: String,
    /// The account's name, when it is one.
    pub display_name: String,
    /// The account's id, when it is one.
    pub user_id: Option<i64>,
    /// The address locked out, or the words for every address.
    pub source: String,
    /// Failed attempts counted.
    pub failures: i64,
    /// Until when, in words.
    pub until: String,
}

/// The locks in force.
pub async fn locks(cap: SecurityCap, conn: &mut Conn, lang: Lang, now: DateTime<Utc>) -> AppResult<Vec<LockOut>> {
    let users = user::users(conn, cap.region).await?;
    Ok(luoshi_store::login_guard::locks(conn, cap.region, now)
        .await?
        .into_iter()
        .map(|l| {
            let account = users.iter().find(|u| u.username == l.username);
            LockOut {
                display_name: account.map(|u| u.display_name.clone()).unwrap_or_default(),
                user_id: account.map(|u| u.id),
                source: if l.source == luoshi_store::login_guard::ALL_SOURCES {
                    lang.pick("所有地址", "Every address").to_string()
                } else {
                    l.source
                },
                failures: l.failures,
                until: instant_text(l.locked_until, lang),
                username: l.username,
            }
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
                hash: a.hash,
            })
            .collect(),
        more,
    ))
}

/// The chain's last check in words: `(ok message, broken message)`. The check itself runs as
/// a daily job and when the auditor asks (`/audit/verify`), never on a page view.
pub async fn verification(cap: AuditCap, conn: &mut Conn, lang: Lang) -> AppResult<(String, Option<String>)> {
    let tr = Tr::new(lang);
    let Some(c) = audit::last_check(conn, cap.region)
        .await?
        .filter(|c| c.verified_at.is_some())
    else {
        return Ok((tr.t("audit.never_checked"), None));
    };
    let when = instant_text(c.verified_at, lang);
    Ok(
        match (c.broken_seq, c.broken_why.as_deref().and_then(audit::Break::parse)) {
            (Some(seq), Some(why)) => (
                String::new(),
                Some(format!(
                    "{}（{when}）{}{}",
                    tr.t("audit.checked_at"),
                    tr.t_with("audit.verify_broken", &[("n", seq.to_string())]),
                    super::audit_words::broken(why, lang)
                )),
            ),
            _ => (
                format!(
                    "{}（{when}）{}",
                    tr.t("audit.checked_at"),
                    tr.t_with("audit.verify_ok", &[("n", c.verified_lines.to_string())])
                ),
                None,
            ),
        },
    )
}

/// The password, lockout and session policy in force, one line each (the settings say it).
pub fn policy_lines(c: &crate::Config, lang: Lang) -> Vec<String> {
    let p = c.password;
    let zh = vec![
        p.words().0,
        if p.history > 0 {
            format!("新密码不得与最近{}次使用过的密码相同", p.history)
        } else {
            "不检查历史密码".into()
        },
        if p.max_age_days > 0 {
            format!("密码有效期{}天，到期后登录时须修改", p.max_age_days)
        } else {
            "密码不设有效期".into()
        },
        "管理员设置或重置的密码，本人首次登录时须修改".into(),
        format!(
            "同一登录名从同一地址连续失败{}次、或从所有地址合计失败{}次，锁定{}分钟；不存在的登录名同样计数",
            c.max_failed_logins, c.max_failed_logins_user, c.lockout_minutes
        ),
        format!(
            "登录后空闲{}小时自动退出，最长{}小时须重新登录",
            c.session_hours, c.session_max_hours
        ),
    ];
    let en = vec![
        p.words().1,
        if p.history > 0 {
            format!("A new password may not be any of the last {}", p.history)
        } else {
            "Earlier passwords are not checked".into()
        },
        if p.max_age_days > 0 {
            format!("A password lasts {} days, then is changed at login", p.max_age_days)
        } else {
            "Passwords do not expire".into()
        },
        "A password set or reset by an administrator is changed at its owner's first login".into(),
        format!(
            "{} failures of one name from one address, or {} from all addresses, lock it for {} minutes; unknown names count alike",
            c.max_failed_logins, c.max_failed_logins_user, c.lockout_minutes
        ),
        format!(
            "A login ends after {} idle hours, and after {} hours at most",
            c.session_hours, c.session_max_hours
        ),
    ];
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
