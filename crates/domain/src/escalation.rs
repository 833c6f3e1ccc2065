//! The escalation ladder (催办升级), configurable per plan: a reminder to the unit a few
//! working days before a report is due; when it is missed, a reminder to the unit and its
//! responsible leader; a task overdue for some days → a supervision order proposed to the
//! office; a task red in consecutive periods → an accountability record proposed. Each rung
//! fires at most once per task and key (the due date or the period): the caller records
//! firings under a unique key, so a restart or a second instance never fires twice.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Cycle, ValidationError, WorkCalendar};

/// A plan's ladder. A rung set to 0 is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    /// Working days before a report's due date to remind the unit (0: no reminder).
    pub remind_before: u32,
    /// Remind the unit and its leader when a report is missed.
    pub remind_missing: bool,
    /// Days a task is overdue before a supervision order is proposed (0: never).
    pub order_after: u32,
    /// Consecutive red periods before an accountability record is proposed (0: never).
    pub red_periods: u32,
}

impl Default for Ladder {
    fn default() -> Ladder {
        Ladder {
            remind_before: 3,
            remind_missing: true,
            order_after: 7,
            red_periods: 2,
        }
    }
}

impl Ladder {
    /// The ladder stored as text (JSON); empty or unreadable text is the default ladder.
    pub fn parse(s: &str) -> Ladder {
        serde_json::from_str(s).unwrap_or_default()
    }

    /// The ladder as stored.
    pub fn to_text(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }

    /// Checks the rungs' ranges.
    pub fn check(self) -> Result<Ladder, Vec<ValidationError>> {
        let mut errs = Vec::new();
        if self.remind_before > 15 {
            errs.push(ValidationError::new(
                "remind_before",
                crate::codes::LADDER_REMIND_RANGE,
                "提前提醒的工作日数应在0到15之间",
                "Remind from 0 to 15 working days before",
            ));
        }
        if self.order_after > 180 {
            errs.push(ValidationError::new(
                "order_after",
                crate::codes::LADDER_ORDER_RANGE,
                "建议督办的超期天数应在0到180之间",
                "Propose an order after 0 to 180 days overdue",
            ));
        }
        if self.red_periods > 12 {
            errs.push(ValidationError::new(
                "red_periods",
                crate::codes::LADDER_RED_RANGE,
                "连续红灯期数应在0到12之间",
                "Consecutive red periods must be from 0 to 12",
            ));
        }
        if errs.is_empty() { Ok(self) } else { Err(errs) }
    }
}

/// A rung of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rung {
    /// A report falls due soon.
    ReportSoon,
    /// A report was missed.
    ReportMissing,
    /// A supervision order is proposed for an overdue task.
    OrderProposed,
    /// An accountability record is proposed for a task red period after period.
    AccountabilityProposed,
}

impl Rung {
    /// Every rung.
    pub const ALL: [Rung; 4] = [
        Rung::ReportSoon,
        Rung::ReportMissing,
        Rung::OrderProposed,
        Rung::AccountabilityProposed,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Rung::ReportSoon => "report_soon",
            Rung::ReportMissing => "report_missing",
            Rung::OrderProposed => "order_proposed",
            Rung::AccountabilityProposed => "accountability_proposed",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<Rung> {
        Rung::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Whether the rung proposes something to the office (rather than reminding).
    pub fn proposes(self) -> bool {
        matches!(self, Rung::OrderProposed | Rung::AccountabilityProposed)
    }
}

/// What the ladder needs to know of a task.
#[derive(Debug, Clone)]
pub struct LadderFacts<'a> {
    /// Its reporting cycle.
    pub cycle: Cycle,
    /// Its start.
    pub start: NaiveDate,
    /// Its deadline (`None`: 长期坚持).
    pub due: Option<NaiveDate>,
    /// Whether its completion was approved.
    pub done: bool,
    /// The period (start day) of its latest submitted or accepted report.
    pub latest_sent: Option<NaiveDate>,
    /// The lights recorded for its past periods: (period start, red?), oldest first.
    pub red_history: &'a [(NaiveDate, bool)],
}

/// One rung reached, under the key that makes it fire once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Firing {
    /// The rung.
    pub rung: Rung,
    /// Its key: the report's due date, the task's deadline, or the last red period.
    pub key: NaiveDate,
}

/// Working days after `from` up to and including `to`.
fn working_days(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = d.checked_add_days(Days::new(1)).unwrap_or(to);
        if cal.is_workday(d) {
            n += 1;
        }
    }
    n
}

/// Every rung a leaf task reaches on `today`. Parents are judged through their children.
pub fn firings(l: &Ladder, f: &LadderFacts<'_>, cal: &WorkCalendar, today: NaiveDate) -> Vec<Firing> {
    let mut out = Vec::new();
    if f.done || today < f.start {
        return out;
    }
    let sent = |p: NaiveDate| f.latest_sent.is_some_and(|s| s >= p);
    let within = |d: NaiveDate| f.due.is_none_or(|due| d <= due);
    // The next report: due today or later, not sent, within the reminder window.
    if l.remind_before > 0 {
        let next = cal
            .due_between(f.cycle, today, today.checked_add_days(Days::new(40)).unwrap_or(today))
            .into_iter()
            .find(|p| cal.due(f.cycle, *p) >= f.start);
        if let Some(p) = next {
            let due = cal.due(f.cycle, p);
            if !sent(p.start) && within(due) && working_days(cal, today, due) <= l.remind_before {
                out.push(Firing {
                    rung: Rung::ReportSoon,
                    key: due,
                });
            }
        }
    }
    // The latest report that fell due and was not sent.
    if l.remind_missing
        && let Some(p) = cal.latest_due(f.cycle, today, f.start)
    {
        let due = cal.due(f.cycle, p);
        if !sent(p.start) && within(due) && due < today {
            out.push(Firing {
                rung: Rung::ReportMissing,
                key: due,
            });
        }
    }
    // Overdue long enough: propose a supervision order.
    if l.order_after > 0
        && let Some(due) = f.due
        && (today - due).num_days() >= i64::from(l.order_after)
    {
        out.push(Firing {
            rung: Rung::OrderProposed,
            key: due,
        });
    }
    // Red in the last N recorded periods, one after another.
    let n = l.red_periods as usize;
    if n > 0 && f.red_history.len() >= n {
        let last = &f.red_history[f.red_history.len() - n..];
        let consecutive = last
            .windows(2)
            .all(|w| f.cycle.next(f.cycle.period_containing(w[0].0)).start == w[1].0);
        if consecutive && last.iter().all(|(_, red)| *red) {
            out.push(Firing {
                rung: Rung::AccountabilityProposed,
                key: last[n - 1].0,
            });
        }
    }
    out
}

/// Where a firing of the ladder stands: a reminder sent, or a proposal to the office that it
/// accepted or dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationStatus {
    /// A reminder or warning, sent.
    Sent,
    /// A proposal waiting for the office.
    Proposed,
    /// A proposal the office accepted.
    Accepted,
    /// A proposal the office dismissed.
    Dismissed,
}

impl EscalationStatus {
    /// Every status.
    pub const ALL: [EscalationStatus; 4] = [
        EscalationStatus::Sent,
        EscalationStatus::Proposed,
        EscalationStatus::Accepted,
        EscalationStatus::Dismissed,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EscalationStatus::Sent => "sent",
            EscalationStatus::Proposed => "proposed",
            EscalationStatus::Accepted => "accepted",
            EscalationStatus::Dismissed => "dismissed",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<EscalationStatus> {
        EscalationStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CycleKind, DayKind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap_or_default()
    }

    #[allow(clippy::unwrap_used)]
    fn monthly() -> Cycle {
        Cycle::new(CycleKind::Monthly, 25).unwrap()
    }

    fn facts(latest_sent: Option<NaiveDate>, red: &[(NaiveDate, bool)]) -> LadderFacts<'_> {
        LadderFacts {
            cycle: monthly(),
            start: d(1, 1),
            due: Some(d(6, 20)),
            done: false,
            latest_sent,
            red_history: red,
        }
    }

    fn rungs(f: &LadderFacts<'_>, cal: &WorkCalendar, today: NaiveDate) -> Vec<(Rung, NaiveDate)> {
        firings(&Ladder::default(), f, cal, today)
            .into_iter()
            .map(|x| (x.rung, x.key))
            .collect()
    }

    #[test]
    fn a_reminder_three_working_days_before_and_another_when_missed() {
        let cal = WorkCalendar::default();
        // May 25 2020 is a Monday: three working days before is Wednesday May 20.
        assert_eq!(rungs(&facts(Some(d(4, 1)), &[]), &cal, d(5, 19)), vec![]);
        assert_eq!(
            rungs(&facts(Some(d(4, 1)), &[]), &cal, d(5, 20)),
            vec![(Rung::ReportSoon, d(5, 25))]
        );
        assert_eq!(
            rungs(&facts(Some(d(5, 1)), &[]), &cal, d(5, 20)),
            vec![],
            "already sent"
        );
        assert_eq!(
            rungs(&facts(Some(d(4, 1)), &[]), &cal, d(5, 26)),
            vec![(Rung::ReportMissing, d(5, 25))]
        );
    }

    #[test]
    fn holidays_count_as_no_working_days() {
        // The 2020 Dragon Boat holiday: June 25–27 off. The June report (due June 25, a holiday)
        // is due on Sunday June 28, a make-up working day.
        let cal = WorkCalendar::new([
            (d(6, 25), DayKind::Holiday),
            (d(6, 26), DayKind::Holiday),
            (d(6, 27), DayKind::Holiday),
            (d(6, 28), DayKind::Workday),
        ]);
        let f = LadderFacts {
            due: Some(d(12, 31)),
            ..facts(Some(d(5, 1)), &[])
        };
        // Friday June 19: June 22, 23, 24 and 28 are four working days away.
        assert_eq!(rungs(&f, &cal, d(6, 19)), vec![], "four working days before");
        assert_eq!(rungs(&f, &cal, d(6, 22)), vec![(Rung::ReportSoon, d(6, 28))]);
    }

    #[test]
    fn an_order_is_proposed_a_week_overdue_and_accountability_after_two_red_periods() {
        let cal = WorkCalendar::default();
        let f = facts(Some(d(6, 1)), &[]);
        assert!(!rungs(&f, &cal, d(6, 26)).iter().any(|r| r.0 == Rung::OrderProposed));
        assert!(rungs(&f, &cal, d(6, 27)).contains(&(Rung::OrderProposed, d(6, 20))));
        let red = [(d(4, 1), false), (d(5, 1), true), (d(6, 1), true)];
        let f = facts(Some(d(6, 1)), &red);
        assert!(rungs(&f, &cal, d(6, 2)).contains(&(Rung::AccountabilityProposed, d(6, 1))));
        let gap = [(d(3, 1), true), (d(5, 1), true)];
        let f = facts(Some(d(6, 1)), &gap);
        assert!(
            !rungs(&f, &cal, d(6, 2))
                .iter()
                .any(|r| r.0 == Rung::AccountabilityProposed),
            "not consecutive"
        );
    }

    #[test]
    fn a_done_task_and_a_ladder_switched_off_fire_nothing() {
        let cal = WorkCalendar::default();
        let done = LadderFacts {
            done: true,
            ..facts(None, &[])
        };
        assert!(firings(&Ladder::default(), &done, &cal, d(6, 30)).is_empty());
        let off = Ladder {
            remind_before: 0,
            remind_missing: false,
            order_after: 0,
            red_periods: 0,
        };
        assert!(firings(&off, &facts(None, &[]), &cal, d(6, 30)).is_empty());
        assert_eq!(Ladder::parse(""), Ladder::default());
        assert_eq!(Ladder::parse(&off.to_text()), off);
    }
}
