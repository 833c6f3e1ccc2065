//! A unit's replies to a supervision order: how often it replies, where a reply stands, what the office decides on it, and the check of a reply's text.

use crate::ValidationError;
use chrono::{Months, NaiveDate};

/// How often the unit replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyMode {
    /// Once, by the reply deadline.
    Once,
    /// Every week until closed.
    Weekly,
    /// Every month until closed.
    Monthly,
}

impl ReplyMode {
    /// Every mode.
    pub const ALL: [ReplyMode; 3] = [ReplyMode::Once, ReplyMode::Weekly, ReplyMode::Monthly];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReplyMode::Once => "once",
            ReplyMode::Weekly => "weekly",
            ReplyMode::Monthly => "monthly",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<ReplyMode> {
        ReplyMode::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The mode in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ReplyMode::Once => ("一次性答复", "Reply once"),
            ReplyMode::Weekly => ("每周答复", "Reply weekly"),
            ReplyMode::Monthly => ("每月答复", "Reply monthly"),
        }
    }

    /// The next reply deadline after `due`, for an order that stays open; `None` for a
    /// one-off order.
    pub fn next_due(self, due: NaiveDate) -> Option<NaiveDate> {
        match self {
            ReplyMode::Once => None,
            ReplyMode::Weekly => due.checked_add_days(chrono::Days::new(7)),
            ReplyMode::Monthly => due.checked_add_months(Months::new(1)),
        }
    }
}

/// Where a unit's reply to an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyStatus {
    /// 待审核: sent, waiting for the office.
    Submitted,
    /// 已采纳.
    Accepted,
    /// 已退回: sent back for another reply.
    Returned,
}

impl ReplyStatus {
    /// Every status.
    pub const ALL: [ReplyStatus; 3] = [ReplyStatus::Submitted, ReplyStatus::Accepted, ReplyStatus::Returned];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReplyStatus::Submitted => "submitted",
            ReplyStatus::Accepted => "accepted",
            ReplyStatus::Returned => "returned",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<ReplyStatus> {
        ReplyStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status in the user's language.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            ReplyStatus::Submitted => lang.pick("待审核", "To review"),
            ReplyStatus::Accepted => lang.pick("已采纳", "Accepted"),
            ReplyStatus::Returned => lang.pick("已退回", "Sent back"),
        }
    }
}

/// What the office decides on a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyDecision {
    /// 办结销号: the matter is done.
    Close,
    /// 采纳: the reply is accepted and the order stays open to the next periodic reply.
    Continue,
    /// 退回: the reply is not enough; the unit replies again by the same deadline.
    Return,
}

impl ReplyDecision {
    /// Parses the form's or API's code.
    pub fn parse(s: &str) -> Option<ReplyDecision> {
        match s {
            "close" => Some(ReplyDecision::Close),
            "continue" => Some(ReplyDecision::Continue),
            "return" => Some(ReplyDecision::Return),
            _ => None,
        }
    }

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            ReplyDecision::Close => "close",
            ReplyDecision::Continue => "continue",
            ReplyDecision::Return => "return",
        }
    }
}

/// Checks a unit's reply.
pub fn check_reply(content: &str) -> Result<(), ValidationError> {
    let c = content.trim();
    if c.is_empty() {
        Err(ValidationError::new(
            "content",
            crate::codes::REPLY_EMPTY,
            "请填写答复内容",
            "Write the reply",
        ))
    } else if c.chars().count() > 10_000 {
        Err(ValidationError::new(
            "content",
            crate::codes::REPLY_TOO_LONG,
            "答复内容不能超过10000字",
            "The reply is longer than 10,000 characters",
        ))
    } else {
        Ok(())
    }
}
