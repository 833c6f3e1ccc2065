//! Coordination issues on the reminder ladder (催办升级) the tasks use: a reminder to the
//! handling unit a few working days before the deadline; once it passes, a reminder to the unit
//! and the coordinating leader; overdue some days more, a supervision order proposed to the
//! office. The steps are numbered so that a counter kept with the issue — bumped in one atomic
//! step — fires each at most once.

use chrono::NaiveDate;

use crate::{Ladder, WorkCalendar};

/// A step of an issue's ladder, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IssueStep {
    /// The deadline is near: remind the handling unit.
    Soon = 1,
    /// The deadline passed: remind the unit and the coordinating leader.
    Overdue = 2,
    /// Overdue for `order_after` days: propose a supervision order to the office.
    OrderProposed = 3,
}

impl IssueStep {
    /// The step numbered `n` (1 to 3).
    pub fn nth(n: i64) -> Option<IssueStep> {
        match n {
            1 => Some(IssueStep::Soon),
            2 => Some(IssueStep::Overdue),
            3 => Some(IssueStep::OrderProposed),
            _ => None,
        }
    }

    /// The notification's kind.
    pub fn code(self) -> &'static str {
        match self {
            IssueStep::Soon => "project_issue_soon",
            IssueStep::Overdue => "project_issue_overdue",
            IssueStep::OrderProposed => "project_issue_order_proposed",
        }
    }
}

/// How far up the ladder an open issue due on `due` is on `today` (0: not yet on it).
pub fn issue_step(ladder: &Ladder, calendar: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> i64 {
    let overdue = (today - due).num_days();
    if ladder.order_after > 0 && overdue >= i64::from(ladder.order_after) {
        return IssueStep::OrderProposed as i64;
    }
    if overdue > 0 {
        return if ladder.remind_missing {
            IssueStep::Overdue as i64
        } else {
            0
        };
    }
    let left = calendar.workdays_between(today, due);
    if ladder.remind_before > 0 && left <= i64::from(ladder.remind_before) {
        IssueStep::Soon as i64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    #[test]
    fn an_issue_climbs_the_ladder_as_its_deadline_nears_and_passes() {
        let l = Ladder::default();
        let cal = WorkCalendar::default();
        let due = d(7, 10);
        assert_eq!(issue_step(&l, &cal, due, d(7, 1)), 0);
        assert_eq!(issue_step(&l, &cal, due, d(7, 8)), 1, "three working days before");
        assert_eq!(issue_step(&l, &cal, due, d(7, 10)), 1, "on the day");
        assert_eq!(issue_step(&l, &cal, due, d(7, 11)), 2);
        assert_eq!(issue_step(&l, &cal, due, d(7, 17)), 3, "seven days overdue");
        let off = Ladder {
            remind_before: 0,
            remind_missing: false,
            order_after: 0,
            red_periods: 0,
        };
        assert_eq!(issue_step(&off, &cal, due, d(8, 30)), 0, "a ladder with every rung off");
    }
}
