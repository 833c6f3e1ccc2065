//! The records a scheme's rules count, read from what Luoshi already holds — no unit types a
//! figure twice for its assessment: tasks done on time or late, tasks overdue (by the month),
//! reports sent late or never sent, reports returned, supervision orders issued and overdue,
//! project and indicator months behind 序时进度, accountability records and commendations. Each
//! becomes a [`Fact`] of the unit it counts for, naming its record. The period runs from its
//! first day to `as_of` (its last day once over).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{
    scheme::RuleKind,
    score::{Fact, Record, RecordKind},
};
use crate::{WorkCalendar, cycle::Cycle, owed::china_day, project::Month};

/// A task without sub-tasks, as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRecord {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its lead unit.
    pub lead: Option<i64>,
    /// Its co-units.
    pub co: Vec<i64>,
    /// Its start.
    pub start: NaiveDate,
    /// Its deadline (none for 长期坚持).
    pub due: Option<NaiveDate>,
    /// The day its completion was approved.
    pub done_on: Option<NaiveDate>,
    /// Its reporting cycle.
    pub cycle: Cycle,
}

/// A progress report that was sent (not a draft).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    /// Its id.
    pub id: i64,
    /// Its task.
    pub task_id: i64,
    /// The unit that sent it.
    pub unit: i64,
    /// Its period's first day.
    pub period: NaiveDate,
    /// When it was first sent.
    pub submitted_at: DateTime<Utc>,
}

/// A report the office returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRecord {
    /// The task.
    pub task_id: i64,
    /// The unit it was returned to.
    pub unit: i64,
    /// The day it was returned.
    pub on: NaiveDate,
}

/// A supervision order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    /// Its id.
    pub id: i64,
    /// Its number (督〔2020〕5号).
    pub doc_no: String,
    /// The unit it was issued to.
    pub lead: i64,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// Its reply deadline.
    pub reply_due: NaiveDate,
    /// The day it was closed.
    pub closed_on: Option<NaiveDate>,
}

/// A project's or indicator's month, judged behind 序时进度 (its month's light yellow or red for
/// being behind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBehind {
    /// A project or an indicator.
    pub record: Record,
    /// Its name.
    pub name: String,
    /// Its responsible unit.
    pub unit: i64,
    /// The month.
    pub month: Month,
}

/// An accountability record or a commendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountabilityRecord {
    /// Its id.
    pub id: i64,
    /// The unit.
    pub unit: i64,
    /// Its kind, as the rule that counts it.
    pub kind: RuleKind,
    /// Why.
    pub reason: String,
    /// The day decided.
    pub decided_on: NaiveDate,
}

/// Everything the rules read for a period.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Tasks without sub-tasks.
    pub tasks: Vec<TaskRecord>,
    /// Reports sent.
    pub reports: Vec<ReportRecord>,
    /// Reports returned.
    pub returns: Vec<ReturnRecord>,
    /// Supervision orders.
    pub orders: Vec<OrderRecord>,
    /// Project and indicator months behind.
    pub behind: Vec<MonthBehind>,
    /// Accountability records and commendations.
    pub accountability: Vec<AccountabilityRecord>,
}

/// Months overdue (each begun month counts) from the day after `due` to `to`, counted within the
/// period from `from`.
fn months_overdue(due: NaiveDate, from: NaiveDate, to: NaiveDate) -> i64 {
    let first = (due + TimeDelta::days(1)).max(from);
    if first > to {
        return 0;
    }
    ((to - first).num_days() + 1 + 29) / 30
}

/// The facts of every unit over the period from `from` to `as_of`, by unit.
pub fn facts(records: &Records, cal: &WorkCalendar, from: NaiveDate, as_of: NaiveDate) -> BTreeMap<i64, Vec<Fact>> {
    let mut out: BTreeMap<i64, Vec<Fact>> = BTreeMap::new();
    let mut add = |unit: i64, kind: RuleKind, record: Record, label: String, count: i64, on: NaiveDate| {
        out.entry(unit).or_default().push(Fact {
            kind,
            record,
            label,
            count,
            on,
        });
    };
    let within = |d: NaiveDate| d >= from && d <= as_of;
    let task = |id| Record {
        kind: RecordKind::Task,
        id,
    };
    for t in &records.tasks {
        match (t.done_on, t.due) {
            // Done in the period: on time, or late (the lead only).
            (Some(done), due) if within(done) => {
                if due.is_none_or(|d| done <= d) {
                    if let Some(lead) = t.lead {
                        add(lead, RuleKind::TaskOnTimeLead, task(t.id), t.title.clone(), 1, done);
                    }
                    for co in &t.co {
                        add(*co, RuleKind::TaskOnTimeCo, task(t.id), t.title.clone(), 1, done);
                    }
                } else if let (Some(lead), Some(d)) = (t.lead, due) {
                    let days = (done - d).num_days();
                    add(
                        lead,
                        RuleKind::TaskLate,
                        task(t.id),
                        format!("{}（逾期{days}天完成）", t.title),
                        1,
                        done,
                    );
                }
            }
            // Past its deadline and not done by the period's end: each month begun overdue.
            (done, Some(due)) if due < as_of && done.is_none_or(|d| d > as_of) => {
                let months = months_overdue(due, from, as_of);
                if months == 0 {
                    continue;
                }
                let label = format!("{}（超期{months}个月未完成）", t.title);
                if let Some(lead) = t.lead {
                    add(lead, RuleKind::TaskOverdueLead, task(t.id), label.clone(), months, due);
                }
                for co in &t.co {
                    add(*co, RuleKind::TaskOverdueCo, task(t.id), label.clone(), months, due);
                }
            }
            _ => {}
        }
    }
    // Reports: each period of a task falling due in the period, sent late or not at all.
    let mut sent: BTreeMap<(i64, NaiveDate), &ReportRecord> = BTreeMap::new();
    for r in &records.reports {
        sent.insert((r.task_id, r.period), r);
    }
    for t in &records.tasks {
        for p in cal.due_between(t.cycle, from, as_of) {
            let due = cal.due(t.cycle, p);
            let report = sent.get(&(t.id, p.start));
            // A task not begun by then, or done before the report fell due, owes nothing.
            if report.is_none() && (due < t.start || t.done_on.is_some_and(|d| d <= due)) {
                continue;
            }
            let period = || t.cycle.label(p, crate::Lang::Zh);
            match report {
                Some(r) if china_day(r.submitted_at) > due => {
                    let days = (china_day(r.submitted_at) - due).num_days();
                    add(
                        r.unit,
                        RuleKind::ReportLate,
                        Record {
                            kind: RecordKind::Report,
                            id: r.id,
                        },
                        format!("{}：{}进展迟报{days}天", t.title, period()),
                        1,
                        due,
                    );
                }
                Some(_) => {}
                None if due < as_of => {
                    if let Some(lead) = t.lead {
                        add(
                            lead,
                            RuleKind::ReportMissing,
                            task(t.id),
                            format!("{}：{}进展未报送", t.title, period()),
                            1,
                            due,
                        );
                    }
                }
                None => {}
            }
        }
    }
    for r in records.returns.iter().filter(|r| within(r.on)) {
        let title = records
            .tasks
            .iter()
            .find(|t| t.id == r.task_id)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        add(
            r.unit,
            RuleKind::ReportReturned,
            task(r.task_id),
            format!("{title}：进展被退回"),
            1,
            r.on,
        );
    }
    for o in &records.orders {
        let order = Record {
            kind: RecordKind::Order,
            id: o.id,
        };
        if within(o.issued_on) {
            add(o.lead, RuleKind::OrderIssued, order, o.doc_no.clone(), 1, o.issued_on);
        }
        // Not closed by its deadline, the deadline within the period.
        if within(o.reply_due) && o.reply_due < as_of && o.closed_on.is_none_or(|c| c > o.reply_due) {
            add(
                o.lead,
                RuleKind::OrderOverdue,
                order,
                format!("{}逾期未办结", o.doc_no),
                1,
                o.reply_due,
            );
        }
    }
    for b in &records.behind {
        let last = b.month.next().first_day() - TimeDelta::days(1);
        if b.month.first_day() < from || last > as_of {
            continue;
        }
        let kind = match b.record.kind {
            RecordKind::Project => RuleKind::ProjectBehind,
            _ => RuleKind::IndicatorBehind,
        };
        let label = format!("{}：{}落后序时进度", b.name, b.month.text(crate::Lang::Zh));
        add(b.unit, kind, b.record, label, 1, last);
    }
    for a in records.accountability.iter().filter(|a| within(a.decided_on)) {
        let record = Record {
            kind: RecordKind::Accountability,
            id: a.id,
        };
        add(a.unit, a.kind, record, a.reason.clone(), 1, a.decided_on);
    }
    out
}
