//! A unit's score from its records: the base, then one line per record a rule counts — capped
//! rules showing the lines past their cap at what they still count (zero once reached) — the
//! floor, and the leaders' evaluation's share. Every line names its rule and its record; the
//! lines add up to the total. Points are hundredths.

use chrono::NaiveDate;

use super::scheme::{RuleKind, Scheme};
use crate::named::named_codes;

named_codes! {
    /// The kind of record a line comes from.
    RecordKind {
        /// A task (done on time, late, overdue).
        Task => "task", "任务", "Task";
        /// A progress report (late, missing, returned).
        Report => "report", "进展报送", "Report";
        /// A supervision order.
        Order => "order", "督办单", "Supervision order";
        /// A key project's month.
        Project => "project", "重点项目", "Key project";
        /// An indicator's month.
        Indicator => "indicator", "指标", "Indicator";
        /// An accountability record (问责), or a commendation kept beside them.
        Accountability => "accountability", "问责与表扬", "Accountability or commendation";
        /// The leaders' evaluation of the unit.
        Evaluation => "evaluation", "领导评议", "Leaders' evaluation";
    }
}

/// The record a line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Record {
    /// Its kind.
    pub kind: RecordKind,
    /// Its id.
    pub id: i64,
}

/// A record a rule counts, of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The rule that counts it.
    pub kind: RuleKind,
    /// The record.
    pub record: Record,
    /// What it is, in words (任务“…”超期2个月).
    pub label: String,
    /// How many times the rule counts it (the months overdue; else 1).
    pub count: i64,
    /// The day it happened, for the order of lines.
    pub on: NaiveDate,
}

/// What a line of a score is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The base score.
    Base,
    /// A record counted by a rule.
    Rule(RuleKind),
    /// Raised to the scheme's floor.
    Floor,
    /// The leaders' evaluation weighed in.
    Evaluation,
}

/// A line of a unit's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreLine {
    /// What it is.
    pub kind: LineKind,
    /// Points (hundredths).
    pub points: i64,
    /// The points the rule would give without its cap.
    pub uncapped: i64,
    /// The record, for rule and evaluation lines.
    pub record: Option<Record>,
    /// In words.
    pub label: String,
    /// Times counted.
    pub count: i64,
}

/// A unit's score: its lines, the score before the evaluation, and the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitScore {
    /// Every line, in order: base, rules in the scheme's order (records by day), floor,
    /// evaluation.
    pub lines: Vec<ScoreLine>,
    /// The score from the records (实绩得分), floor applied.
    pub performance: i64,
    /// The total.
    pub total: i64,
    /// The scheme weighs an evaluation that has not been entered yet.
    pub evaluation_pending: bool,
}

/// The score `facts` give under `scheme`, with the leaders' `evaluation` (0–100 points, in
/// hundredths) when entered. Facts of a kind the scheme has no rule for count nothing.
pub fn score(scheme: &Scheme, facts: &[Fact], evaluation: Option<(i64, Record)>) -> UnitScore {
    let mut lines = vec![ScoreLine {
        kind: LineKind::Base,
        points: scheme.base,
        uncapped: scheme.base,
        record: None,
        label: String::new(),
        count: 1,
    }];
    for rule in &scheme.rules {
        let mut these: Vec<&Fact> = facts.iter().filter(|f| f.kind == rule.kind).collect();
        these.sort_by(|a, b| (a.on, a.record, a.count, &a.label).cmp(&(b.on, b.record, b.count, &b.label)));
        let mut used = 0i64;
        for f in these {
            let raw = rule.points * f.count;
            let points = match rule.cap {
                // What is left under the cap, in the rule's direction.
                Some(cap) => raw.signum() * raw.abs().min((cap - used).max(0)),
                None => raw,
            };
            used += points.abs();
            lines.push(ScoreLine {
                kind: LineKind::Rule(rule.kind),
                points,
                uncapped: raw,
                record: Some(f.record),
                label: f.label.clone(),
                count: f.count,
            });
        }
    }
    let mut performance: i64 = lines.iter().map(|l| l.points).sum();
    if performance < scheme.floor {
        let lift = scheme.floor - performance;
        lines.push(ScoreLine {
            kind: LineKind::Floor,
            points: lift,
            uncapped: lift,
            record: None,
            label: String::new(),
            count: 1,
        });
        performance = scheme.floor;
    }
    let share = scheme.evaluation_share;
    let mut total = performance;
    let mut evaluation_pending = false;
    if share > 0 {
        match evaluation {
            Some((points, record)) => {
                // Rounded half up to the hundredth: performance × (1 − share) + evaluation × share.
                let weighed = (performance * (100 - share) + points * share + 50).div_euclid(100);
                lines.push(ScoreLine {
                    kind: LineKind::Evaluation,
                    points: weighed - performance,
                    uncapped: weighed - performance,
                    record: Some(record),
                    label: String::new(),
                    count: 1,
                });
                total = weighed;
            }
            None => evaluation_pending = true,
        }
    }
    UnitScore {
        lines,
        performance,
        total,
        evaluation_pending,
    }
}

/// Points in words: `95`, `-0.5`, `+1.25` with `sign`.
pub fn points_text(hundredths: i64, sign: bool) -> String {
    let s = if hundredths < 0 {
        "-"
    } else if sign && hundredths > 0 {
        "+"
    } else {
        ""
    };
    let a = hundredths.abs();
    let (whole, frac) = (a / 100, a % 100);
    match frac {
        0 => format!("{s}{whole}"),
        f if f % 10 == 0 => format!("{s}{whole}.{}", f / 10),
        f => format!("{s}{whole}.{f:02}"),
    }
}
