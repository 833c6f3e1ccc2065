//! Supervision orders (督办单): issued by the supervision office to a lead unit (with co-units)
//! about a task or a free-standing matter — a leader's instruction (批示), a meeting decision —
//! numbered per region and year (督〔2020〕12号), at a level (一般 / 重点 / 挂牌), with a reply
//! deadline and one-off or periodic replies. The unit replies; the office closes the order
//! (办结销号), accepts the reply and keeps supervising (periodic), or sends it back.

mod reply;

use chrono::{Datelike, NaiveDate};
pub use reply::{ReplyDecision, ReplyMode, ReplyStatus, check_reply};

use crate::{Lang, Light, ValidationError, fmt_date};

/// How pressing an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupervisionLevel {
    /// 一般督办.
    General,
    /// 重点督办.
    Key,
    /// 挂牌督办: the most serious, named publicly.
    Listed,
}

impl SupervisionLevel {
    /// Every level, least serious first.
    pub const ALL: [SupervisionLevel; 3] = [
        SupervisionLevel::General,
        SupervisionLevel::Key,
        SupervisionLevel::Listed,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SupervisionLevel::General => "general",
            SupervisionLevel::Key => "key",
            SupervisionLevel::Listed => "listed",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<SupervisionLevel> {
        SupervisionLevel::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The level in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            SupervisionLevel::General => ("一般督办", "General"),
            SupervisionLevel::Key => ("重点督办", "Key"),
            SupervisionLevel::Listed => ("挂牌督办", "Listed"),
        }
    }
}

/// Where an order comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupervisionSource {
    /// A task that lags.
    Task,
    /// A leader's instruction (领导批示).
    Instruction,
    /// A meeting's decision.
    Meeting,
    /// Anything else (群众反映, 上级交办…).
    Other,
}

impl SupervisionSource {
    /// Every source.
    pub const ALL: [SupervisionSource; 4] = [
        SupervisionSource::Task,
        SupervisionSource::Instruction,
        SupervisionSource::Meeting,
        SupervisionSource::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SupervisionSource::Task => "task",
            SupervisionSource::Instruction => "instruction",
            SupervisionSource::Meeting => "meeting",
            SupervisionSource::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<SupervisionSource> {
        SupervisionSource::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The source in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            SupervisionSource::Task => ("重点任务", "Task"),
            SupervisionSource::Instruction => ("领导批示", "Leader's instruction"),
            SupervisionSource::Meeting => ("会议议定", "Meeting decision"),
            SupervisionSource::Other => ("其他事项", "Other matter"),
        }
    }
}

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupervisionStatus {
    /// 待答复: waiting for the unit's reply (also after a reply was sent back).
    Open,
    /// 已答复: a reply waits for the office.
    Replied,
    /// 已办结: closed (办结销号).
    Closed,
}

impl SupervisionStatus {
    /// Every status.
    pub const ALL: [SupervisionStatus; 3] = [
        SupervisionStatus::Open,
        SupervisionStatus::Replied,
        SupervisionStatus::Closed,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SupervisionStatus::Open => "open",
            SupervisionStatus::Replied => "replied",
            SupervisionStatus::Closed => "closed",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<SupervisionStatus> {
        SupervisionStatus::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The status in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            SupervisionStatus::Open => ("待答复", "Awaiting reply"),
            SupervisionStatus::Replied => ("已答复待审核", "Replied, to review"),
            SupervisionStatus::Closed => ("已办结销号", "Closed"),
        }
    }
}

/// The order's number as written on it: 督〔2020〕12号.
pub fn doc_no(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}〔{year}〕{seq}号")
}

/// An order's light and why, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLight {
    /// The light.
    pub light: Light,
    /// Why, in Chinese.
    pub zh: String,
    /// Why, in English.
    pub en: String,
}

impl OrderLight {
    /// The explanation in `lang`.
    pub fn why(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Days before the reply deadline when an open order turns yellow.
pub const ORDER_YELLOW_DAYS: i64 = 3;

/// An order's light on `today`: blue closed; red past its reply deadline with no reply waiting;
/// yellow when its last reply was sent back, or the deadline is at most three days away;
/// green otherwise (a reply waits for the office, or there is time).
pub fn order_light(status: SupervisionStatus, reply_due: NaiveDate, returned: bool, today: NaiveDate) -> OrderLight {
    let due_zh = fmt_date(reply_due, Lang::Zh);
    let due_en = fmt_date(reply_due, Lang::En);
    let days = (reply_due - today).num_days();
    let (light, zh, en) = match status {
        SupervisionStatus::Closed => (Light::Blue, "蓝灯：已办结销号".to_string(), "Blue: closed".to_string()),
        SupervisionStatus::Replied => (
            Light::Green,
            "绿灯：已答复，待督查室审核".to_string(),
            "Green: replied, waiting for review".to_string(),
        ),
        SupervisionStatus::Open if days < 0 => (
            Light::Red,
            format!("红灯：答复时限{due_zh}，已超期{}天未答复", -days),
            format!("Red: the reply was due on {due_en}, {} days ago", -days),
        ),
        SupervisionStatus::Open if returned => (
            Light::Yellow,
            format!("黄灯：答复被退回，须在{due_zh}前重新答复"),
            format!("Yellow: the reply was sent back; reply again by {due_en}"),
        ),
        SupervisionStatus::Open if days <= ORDER_YELLOW_DAYS => (
            Light::Yellow,
            format!("黄灯：距答复时限{due_zh}还有{days}天"),
            format!("Yellow: the reply is due on {due_en}, in {days} days"),
        ),
        SupervisionStatus::Open => (
            Light::Green,
            format!("绿灯：答复时限{due_zh}"),
            format!("Green: the reply is due on {due_en}"),
        ),
    };
    OrderLight { light, zh, en }
}

/// A new order as entered.
#[derive(Debug, Clone, Default)]
pub struct OrderInput {
    /// Level code.
    pub level: String,
    /// Source code.
    pub source: String,
    /// 督办事项: what it is about.
    pub title: String,
    /// 督办要求: what the unit must do.
    pub requirement: String,
    /// The instruction or decision quoted (批示原文…).
    pub source_text: String,
    /// Reply deadline.
    pub reply_due: Option<NaiveDate>,
    /// Reply mode code.
    pub mode: String,
}

/// A checked order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOrder {
    /// Level.
    pub level: SupervisionLevel,
    /// Source.
    pub source: SupervisionSource,
    /// 督办事项.
    pub title: String,
    /// 督办要求.
    pub requirement: String,
    /// Quoted source.
    pub source_text: String,
    /// Reply deadline.
    pub reply_due: NaiveDate,
    /// Reply mode.
    pub mode: ReplyMode,
}

/// Checks a new order issued on `today`; every problem is listed.
pub fn check_order(o: &OrderInput, today: NaiveDate, has_task: bool) -> Result<ValidOrder, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let level = SupervisionLevel::parse(&o.level);
    if level.is_none() {
        errs.push(ValidationError::new(
            "level",
            crate::codes::ORDER_LEVEL_UNKNOWN,
            "请选择督办级别",
            "Choose the level",
        ));
    }
    let source = SupervisionSource::parse(&o.source);
    match source {
        None => errs.push(ValidationError::new(
            "source",
            crate::codes::ORDER_SOURCE_UNKNOWN,
            "请选择督办来源",
            "Choose the source",
        )),
        Some(SupervisionSource::Task) if !has_task => errs.push(ValidationError::new(
            "source",
            crate::codes::ORDER_TASK_MISSING,
            "来源为重点任务的督办单须针对一项任务",
            "An order about a task must name the task",
        )),
        _ => {}
    }
    let mode = ReplyMode::parse(&o.mode);
    if mode.is_none() {
        errs.push(ValidationError::new(
            "mode",
            crate::codes::ORDER_MODE_UNKNOWN,
            "请选择答复方式",
            "Choose how the unit replies",
        ));
    }
    let title = o.title.trim();
    if title.is_empty() {
        errs.push(ValidationError::new(
            "title",
            crate::codes::ORDER_TITLE_EMPTY,
            "请填写督办事项",
            "Say what the order is about",
        ));
    } else if title.chars().count() > 200 {
        errs.push(ValidationError::new(
            "title",
            crate::codes::ORDER_TITLE_TOO_LONG,
            "督办事项不能超过200字",
            "The matter is longer than 200 characters",
        ));
    } else if crate::text::has_hidden(title) {
        errs.push(crate::text::hidden_error("title", ("督办事项", "matter")));
    }
    let requirement = o.requirement.trim();
    if requirement.is_empty() {
        errs.push(ValidationError::new(
            "requirement",
            crate::codes::ORDER_REQUIREMENT_EMPTY,
            "请填写督办要求",
            "Say what the unit must do",
        ));
    } else if requirement.chars().count() > 5000 {
        errs.push(ValidationError::new(
            "requirement",
            crate::codes::ORDER_REQUIREMENT_TOO_LONG,
            "督办要求不能超过5000字",
            "The requirement is longer than 5000 characters",
        ));
    }
    if o.source_text.chars().count() > 20_000 {
        errs.push(ValidationError::new(
            "source_text",
            crate::codes::ORDER_SOURCE_TOO_LONG,
            "来源原文不能超过20000字",
            "The quoted source is longer than 20,000 characters",
        ));
    }
    match o.reply_due {
        None => errs.push(ValidationError::new(
            "reply_due",
            crate::codes::ORDER_DUE_MISSING,
            "请填写答复时限",
            "Give the reply deadline",
        )),
        Some(d) if d < today => errs.push(ValidationError::new(
            "reply_due",
            crate::codes::ORDER_DUE_PAST,
            "答复时限不能早于今天",
            "The reply deadline is in the past",
        )),
        Some(d) if d.year() > today.year() + 5 => errs.push(ValidationError::new(
            "reply_due",
            crate::codes::ORDER_DUE_TOO_FAR,
            "答复时限过远",
            "The reply deadline is too far away",
        )),
        _ => {}
    }
    match (level, source, mode, o.reply_due) {
        (Some(level), Some(source), Some(mode), Some(reply_due)) if errs.is_empty() => Ok(ValidOrder {
            level,
            source,
            title: title.to_string(),
            requirement: requirement.to_string(),
            source_text: o.source_text.trim().to_string(),
            reply_due,
            mode,
        }),
        _ => Err(errs),
    }
}

#[cfg(test)]
mod tests;
