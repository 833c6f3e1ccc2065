//! Leaders' instructions (领导批示): a leader writes one on a task, a report or a supervision
//! order; the responsible unit answers it (落实情况) by a deadline the office may move; the
//! office may instead turn it into a supervision order that quotes it. An instruction still
//! waiting for its answer after its deadline is lagging work.

use chrono::{Days, NaiveDate};

use crate::{ValidationError, codes};

/// What an instruction is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstructionTarget {
    /// A task.
    Task,
    /// A unit's report on a task.
    Report,
    /// A supervision order.
    Order,
}

impl InstructionTarget {
    /// Every target.
    pub const ALL: [InstructionTarget; 3] = [
        InstructionTarget::Task,
        InstructionTarget::Report,
        InstructionTarget::Order,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            InstructionTarget::Task => "task",
            InstructionTarget::Report => "report",
            InstructionTarget::Order => "supervision",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<InstructionTarget> {
        InstructionTarget::ALL.into_iter().find(|t| t.code() == s)
    }

    /// The target in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            InstructionTarget::Task => ("任务", "Task"),
            InstructionTarget::Report => ("进展报送", "Report"),
            InstructionTarget::Order => ("督办单", "Supervision order"),
        }
    }
}

/// Where an instruction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstructionStatus {
    /// 待落实: the unit has not answered yet.
    Open,
    /// 已反馈: the unit answered (落实情况).
    Answered,
    /// 已转督办: the office made a supervision order of it; the unit answers the order.
    Ordered,
}

impl InstructionStatus {
    /// Every status.
    pub const ALL: [InstructionStatus; 3] = [
        InstructionStatus::Open,
        InstructionStatus::Answered,
        InstructionStatus::Ordered,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            InstructionStatus::Open => "open",
            InstructionStatus::Answered => "answered",
            InstructionStatus::Ordered => "ordered",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<InstructionStatus> {
        InstructionStatus::ALL.into_iter().find(|t| t.code() == s)
    }

    /// The status in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            InstructionStatus::Open => ("待落实", "Awaiting answer"),
            InstructionStatus::Answered => ("已反馈", "Answered"),
            InstructionStatus::Ordered => ("已转督办", "Made an order"),
        }
    }
}

/// Days a unit has to answer an instruction when the office sets no other deadline.
pub const DEFAULT_ANSWER_DAYS: u64 = 7;

/// The longest an instruction or an answer may be, in characters.
pub const MAX_TEXT: usize = 5_000;

/// The answer deadline of an instruction written on `day`, unless the office sets another.
pub fn default_answer_due(day: NaiveDate) -> NaiveDate {
    day + Days::new(DEFAULT_ANSWER_DAYS)
}

/// Whether an instruction is lagging on `today`: still waiting for its answer after its
/// deadline.
pub fn is_overdue(status: InstructionStatus, answer_due: NaiveDate, today: NaiveDate) -> bool {
    status == InstructionStatus::Open && today > answer_due
}

/// Days past the answer deadline on `today` (0 when not past it or answered).
pub fn days_overdue(status: InstructionStatus, answer_due: NaiveDate, today: NaiveDate) -> i64 {
    if is_overdue(status, answer_due, today) {
        (today - answer_due).num_days()
    } else {
        0
    }
}

/// Checks an instruction's text (field `content`).
pub fn check_instruction(content: &str) -> Result<(), ValidationError> {
    check_text(content, &codes::INSTRUCTION_EMPTY, &codes::INSTRUCTION_TOO_LONG)
}

/// Checks a unit's answer (落实情况, field `content`).
pub fn check_answer(content: &str) -> Result<(), ValidationError> {
    check_text(content, &codes::ANSWER_EMPTY, &codes::ANSWER_TOO_LONG)
}

fn check_text(content: &str, empty: &crate::Code, long: &crate::Code) -> Result<(), ValidationError> {
    let c = content.trim();
    let code = if c.is_empty() {
        empty
    } else if c.chars().count() > MAX_TEXT {
        long
    } else {
        return Ok(());
    };
    Err(ValidationError::of("content", *code))
}

/// Checks a new answer deadline set by the office on `today` (field `answer_due`): given, not
/// in the past, within a year.
pub fn check_answer_due(due: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let code = match due {
        None => &codes::INSTRUCTION_DUE_MISSING,
        Some(d) if d < today => &codes::INSTRUCTION_DUE_PAST,
        Some(d) if d > today + Days::new(366) => &codes::INSTRUCTION_DUE_TOO_FAR,
        Some(d) => return Ok(d),
    };
    Err(ValidationError::of("answer_due", *code))
}

/// Whether a leader oversees a task and may instruct on it: the task's responsible leader
/// (责任领导), the leader who oversees its lead unit (分管), or the region's principal leader
/// (主要领导: the first in the leaders' order, who oversees all).
pub fn oversees(
    leader: i64,
    principal: bool,
    task_leader: Option<i64>,
    overseen_units: &[i64],
    lead_unit: Option<i64>,
) -> bool {
    principal || task_leader == Some(leader) || lead_unit.is_some_and(|u| overseen_units.contains(&u))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_open_instruction_lags_only_after_its_deadline() {
        let due = d("2020-06-10");
        assert!(!is_overdue(InstructionStatus::Open, due, d("2020-06-10")));
        assert!(is_overdue(InstructionStatus::Open, due, d("2020-06-11")));
        assert_eq!(days_overdue(InstructionStatus::Open, due, d("2020-06-13")), 3);
        assert!(!is_overdue(InstructionStatus::Answered, due, d("2020-07-01")));
        assert!(!is_overdue(InstructionStatus::Ordered, due, d("2020-07-01")));
        assert_eq!(default_answer_due(d("2020-06-01")), d("2020-06-08"));
    }

    #[test]
    fn texts_and_deadlines_are_checked_naming_their_field() {
        assert_eq!(check_instruction("  ").unwrap_err().code.name, "INSTRUCTION_EMPTY");
        assert_eq!(
            check_answer(&"落".repeat(MAX_TEXT + 1)).unwrap_err().code.name,
            "ANSWER_TOO_LONG"
        );
        assert!(check_answer("已完成。").is_ok());
        let today = d("2020-06-30");
        assert_eq!(check_answer_due(None, today).unwrap_err().field, "answer_due");
        assert_eq!(
            check_answer_due(Some(d("2020-06-29")), today).unwrap_err().code.name,
            "INSTRUCTION_DUE_PAST"
        );
        assert_eq!(check_answer_due(Some(today), today), Ok(today));
    }

    #[test]
    fn a_leader_instructs_on_what_they_oversee() {
        assert!(oversees(3, true, None, &[], Some(9)));
        assert!(oversees(3, false, Some(3), &[], Some(9)));
        assert!(oversees(3, false, None, &[9], Some(9)));
        assert!(!oversees(3, false, Some(4), &[8], Some(9)));
    }

    #[test]
    fn codes_read_back_as_themselves() {
        for s in InstructionStatus::ALL {
            assert_eq!(InstructionStatus::parse(s.code()), Some(s));
        }
        for t in InstructionTarget::ALL {
            assert_eq!(InstructionTarget::parse(t.code()), Some(t));
        }
    }
}
