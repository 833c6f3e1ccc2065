//! Task forces (专班, DOMAIN.md): a group led by a leader and a leading unit, with member units,
//! set up on a day for a term (or open-ended), owning tasks, key projects and indicators. Here:
//! its status and the checks of its record as typed.

use chrono::NaiveDate;

use crate::named::named_codes;
use crate::{ValidationError, codes};

named_codes! {
    /// Whether a task force is working.
    ForceStatus {
        /// 运行中.
        Active => "active", "运行中", "Active";
        /// 已撤销: its work is done or handed over.
        Ended => "ended", "已撤销", "Ended";
    }
}

/// A task force as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskForceInput {
    /// 专班名称.
    pub name: String,
    /// 工作职责.
    pub purpose: String,
    /// 成立日期, `2020-05-07`.
    pub established_on: String,
    /// 工作期限 (empty: open-ended).
    pub term_end: String,
    /// `active` or `ended` (empty: active).
    pub status: String,
}

/// A task force that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTaskForce {
    /// 专班名称.
    pub name: String,
    /// 工作职责.
    pub purpose: String,
    /// 成立日期.
    pub established_on: NaiveDate,
    /// End of term.
    pub term_end: Option<NaiveDate>,
    /// Status.
    pub status: ForceStatus,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Checks a task force as typed.
pub fn check_task_force(i: &TaskForceInput) -> Result<ValidTaskForce, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = i.name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        errs.push(ValidationError::of("name", codes::TASK_FORCE_NAME_INVALID));
    }
    if i.purpose.chars().count() > 2_000 {
        errs.push(ValidationError::of("purpose", codes::TASK_FORCE_PURPOSE_TOO_LONG));
    }
    let established = date(&i.established_on);
    if established.is_none() {
        errs.push(ValidationError::of("established_on", codes::TASK_FORCE_DATE_INVALID));
    }
    let term_end = match i.term_end.trim() {
        "" => None,
        t => match date(t) {
            None => {
                errs.push(ValidationError::of("term_end", codes::TASK_FORCE_DATE_INVALID));
                None
            }
            Some(d) if established.is_some_and(|e| d < e) => {
                errs.push(ValidationError::of("term_end", codes::TASK_FORCE_TERM_BEFORE_START));
                None
            }
            Some(d) => Some(d),
        },
    };
    let status = if i.status.trim().is_empty() {
        Some(ForceStatus::Active)
    } else {
        ForceStatus::parse_words(&i.status)
    };
    if status.is_none() {
        errs.push(ValidationError::of("status", codes::TASK_FORCE_CHOICE_UNKNOWN));
    }
    match (established, status) {
        (Some(established_on), Some(status)) if errs.is_empty() => Ok(ValidTaskForce {
            name: name.to_string(),
            purpose: i.purpose.trim().to_string(),
            established_on,
            term_end,
            status,
        }),
        _ => Err(errs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_force_needs_a_name_a_day_and_a_term_after_it() {
        let ok = TaskForceInput {
            name: "产业集群培育专班".into(),
            established_on: "2020-05-07".into(),
            ..Default::default()
        };
        let v = check_task_force(&ok).unwrap();
        assert_eq!((v.status, v.term_end), (ForceStatus::Active, None));
        let bad = TaskForceInput {
            name: String::new(),
            term_end: "2020-01-01".into(),
            ..ok.clone()
        };
        let codes: Vec<_> = check_task_force(&bad)
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.code.name))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("name", "TASK_FORCE_NAME_INVALID"),
                ("term_end", "TASK_FORCE_TERM_BEFORE_START")
            ]
        );
        let bad = TaskForceInput {
            established_on: "2020-13-01".into(),
            ..ok
        };
        assert_eq!(
            check_task_force(&bad).unwrap_err()[0].code.name,
            "TASK_FORCE_DATE_INVALID"
        );
    }
}
