//! Managing where notifications go: the office's webhook channels, and each user's e-mail
//! address and preferences.

use luoshi_domain::ValidationError;
use luoshi_lights::Change;
use luoshi_store::{delivery, user};
use serde_json::json;

use super::{Record, fail_if, record};
use crate::{AppState, access::SupervisorCap, auth::Viewer, directory::Directory, error::AppResult};

/// A channel as entered.
#[derive(Debug, Clone, Default)]
pub struct ChannelInput {
    /// The unit whose notifications it carries; `None` for the office.
    pub unit_id: Option<i64>,
    /// `wecom`, `dingtalk` or `json`.
    pub kind: String,
    /// A name.
    pub name: String,
    /// The webhook address.
    pub url: String,
    /// The 钉钉 signing secret.
    pub secret: String,
}

fn check(dir: &Directory, c: &ChannelInput, allowed: &[String]) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    if !["wecom", "dingtalk", "json"].contains(&c.kind.as_str()) {
        errs.push(ValidationError::new(
            "kind",
            luoshi_domain::codes::CHANNEL_KIND_UNKNOWN,
            "请选择渠道类型",
            "Choose the kind of channel",
        ));
    }
    if c.name.trim().is_empty() || c.name.chars().count() > 100 {
        errs.push(ValidationError::new(
            "name",
            luoshi_domain::codes::CHANNEL_NAME,
            "请填写名称（100字以内）",
            "Give a name (100 characters at most)",
        ));
    }
    let url = c.url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.len() > 2000
        || url.contains(char::is_whitespace)
    {
        errs.push(ValidationError::new(
            "url",
            luoshi_domain::codes::CHANNEL_URL,
            "请填写以http://或https://开头的Webhook地址",
            "Give the webhook address, starting with http:// or https://",
        ));
    } else if let Some(host) = super::deliver::webhook_host(url)
        && !allowed.contains(&host)
    {
        errs.push(ValidationError::new(
            "url",
            luoshi_domain::codes::CHANNEL_HOST_NOT_ALLOWED,
            format!(
                "不允许向“{host}”发送通知：只能使用设置项 allowed_webhook_hosts 中列出的主机，请联系系统管理员添加"
            ),
            format!(
                "Notifications may not go to {host}: only the hosts in the allowed_webhook_hosts setting may be used"
            ),
        ));
    }
    if c.secret.len() > 500 {
        errs.push(ValidationError::new(
            "secret",
            luoshi_domain::codes::CHANNEL_SECRET,
            "签名密钥过长",
            "The secret is too long",
        ));
    }
    if c.unit_id.is_some_and(|u| dir.unit(u).is_none()) {
        errs.push(ValidationError::new(
            "unit_id",
            luoshi_domain::codes::CHANNEL_UNIT_UNKNOWN,
            "单位不存在",
            "No such unit",
        ));
    }
    errs
}

/// Adds a channel; returns its id.
pub async fn add(state: &AppState, cap: &SupervisorCap, c: &ChannelInput) -> AppResult<i64> {
    let dir = {
        let mut conn = state.store.conn().await?;
        Directory::load(&mut conn, cap.region).await?
    };
    fail_if(check(&dir, c, &state.config.allowed_webhook_hosts))?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = delivery::insert_channel(
        &mut tx,
        cap.region,
        &delivery::NewChannel {
            unit_id: c.unit_id,
            kind: &c.kind,
            name: c.name.trim(),
            url: c.url.trim(),
            secret: c.secret.trim(),
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::ChannelAdded,
            entity: "channel",
            entity_id: id,
            before: None,
            after: json!({ "kind": c.kind, "name": c.name.trim(), "unit_id": c.unit_id, "signed": !c.secret.trim().is_empty() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Switches a channel on or off at `version`.
pub async fn set_active(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, active: bool) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    delivery::set_channel_active(&mut tx, cap.region, id, version, active).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::ChannelSwitched,
            entity: "channel",
            entity_id: id,
            before: None,
            after: json!({ "active": active }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the viewer's e-mail address and preferences.
pub async fn set_preferences(
    state: &AppState,
    viewer: &Viewer,
    email: &str,
    notify_email: bool,
    notify_channels: bool,
) -> AppResult<()> {
    let email = email.trim();
    if !email.is_empty() && email.parse::<lettre::Address>().is_err() {
        fail_if(vec![ValidationError::new(
            "email",
            luoshi_domain::codes::EMAIL_INVALID,
            "电子邮箱地址格式不正确",
            "Not an e-mail address",
        )])?;
    }
    let mut tx = state.store.begin().await?;
    user::set_preferences(
        &mut tx,
        viewer.region(),
        viewer.user.id,
        email,
        notify_email,
        notify_channels,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
