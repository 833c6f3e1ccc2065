//! The assessment rules worked by hand: a golden scheme over fixture records, the floor, a
//! pending evaluation, rankings with ties, shares and changes of place, the scheme's checks; and
//! properties over any records: the lines add up to the total, every rule line names its record,
//! no capped rule moves the score past its cap, and the same records give the same score.

use std::collections::HashMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::task::UnitCategory;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).unwrap()
}

/// 2020年上半年: base 100, floor 60, the evaluation 20% of the total; on-time lead tasks +0.5
/// capped at 1, overdue lead tasks −1 a month capped at 3, a late report −0.1, an order −1,
/// accountability −50, praise +1.
pub(super) fn scheme() -> Scheme {
    use RuleKind::*;
    let r = |kind, points, cap| Rule { kind, points, cap };
    Scheme {
        name: "2020年上半年绩效考核".into(),
        kind: PeriodKind::HalfYear,
        from: day(1, 1),
        to: day(6, 30),
        base: 10_000,
        floor: 6000,
        evaluation_share: 20,
        groups: default_groups(),
        rules: vec![
            r(TaskOnTimeLead, 50, Some(100)),
            r(TaskOverdueLead, -100, Some(300)),
            r(ReportLate, -10, None),
            r(OrderIssued, -100, None),
            r(Accountability, -5000, None),
            r(Praise, 100, None),
        ],
        grading: DEFAULT_GRADING,
        visibility: Visibility::Office,
    }
}

fn fact(kind: RuleKind, rk: RecordKind, id: i64, count: i64, on: NaiveDate) -> Fact {
    Fact {
        kind,
        record: Record { kind: rk, id },
        label: format!("{}{id}", kind.names().0),
        count,
        on,
    }
}

fn unit_a() -> Vec<Fact> {
    use RecordKind as K;
    use RuleKind::*;
    vec![
        fact(TaskOnTimeLead, K::Task, 11, 1, day(3, 31)),
        fact(TaskOnTimeLead, K::Task, 12, 1, day(4, 30)),
        fact(TaskOnTimeLead, K::Task, 13, 1, day(5, 31)),
        fact(TaskOverdueLead, K::Task, 21, 2, day(4, 30)),
        fact(TaskOverdueLead, K::Task, 22, 2, day(5, 31)),
        fact(ReportLate, K::Report, 31, 1, day(2, 6)),
        fact(ReportLate, K::Report, 32, 1, day(3, 6)),
        fact(OrderIssued, K::Order, 41, 1, day(5, 10)),
        fact(Praise, K::Accountability, 51, 1, day(6, 1)),
        // A kind the scheme has no rule for: not counted.
        fact(ReportMissing, K::Report, 61, 1, day(6, 1)),
    ]
}

#[test]
fn a_scheme_over_records_gives_the_score_worked_by_hand() {
    let s = score(
        &scheme(),
        &unit_a(),
        Some((
            9000,
            Record {
                kind: RecordKind::Evaluation,
                id: 7,
            },
        )),
    );
    let points: Vec<i64> = s.lines.iter().map(|l| l.points).collect();
    // base 100
    // on-time lead tasks: +0.5, +0.5, then the cap of 1 is reached: 0
    // overdue lead tasks: 2 months × −1 = −2; the next −2 meets the cap of 3: −1
    // late reports: −0.1 × 2; an order: −1; praise +1
    // 实绩 = 100 + 1 − 3 − 0.2 − 1 + 1 = 97.8
    // with the evaluation (90) at 20%: 97.8 × 0.8 + 90 × 0.2 = 78.24 + 18 = 96.24, a line of −1.56
    assert_eq!(points, [10_000, 50, 50, 0, -200, -100, -10, -10, -100, 100, -156]);
    assert_eq!(s.performance, 9780);
    assert_eq!(s.total, 9624);
    assert!(!s.evaluation_pending);
    let capped = &s.lines[3];
    assert_eq!(
        (capped.points, capped.uncapped),
        (0, 50),
        "the third on-time task shows, at 0"
    );
    assert_eq!(s.lines[5].uncapped, -200, "the second overdue task would have taken 2");
    assert_eq!(
        s.lines[5].record,
        Some(Record {
            kind: RecordKind::Task,
            id: 22
        })
    );
    assert_eq!(s.lines.last().unwrap().kind, LineKind::Evaluation);
    assert_eq!(points_text(s.total, false), "96.24");
    assert_eq!(points_text(-10, true), "-0.1");
    assert_eq!(points_text(50, true), "+0.5");
}

#[test]
fn the_floor_lifts_a_score_and_a_missing_evaluation_waits() {
    use RecordKind as K;
    let facts = vec![fact(RuleKind::Accountability, K::Accountability, 9, 1, day(5, 1))];
    // 100 − 50 = 50, below the floor of 60: lifted by 10; no evaluation entered yet.
    let s = score(&scheme(), &facts, None);
    let points: Vec<i64> = s.lines.iter().map(|l| l.points).collect();
    assert_eq!(points, [10_000, -5000, 1000]);
    assert_eq!(s.lines[2].kind, LineKind::Floor);
    assert_eq!((s.performance, s.total), (6000, 6000));
    assert!(s.evaluation_pending);
}

#[test]
fn rankings_share_places_and_grades_never_overrun_a_share() {
    let e = |unit, group, total| Entry { unit, group, total };
    let entries = [
        e(1, 0, 9624),
        e(2, 0, 9624),
        e(3, 0, 9000),
        e(4, 0, 5000),
        e(5, 1, 8000),
    ];
    let previous = HashMap::from([(1, 3), (3, 1)]);
    let cut = rank(&entries, DEFAULT_GRADING, &previous);
    let view: Vec<(i64, usize, usize, Grade, Option<i64>)> =
        cut.iter().map(|p| (p.unit, p.rank, p.of, p.grade, p.change)).collect();
    assert_eq!(
        view,
        [
            (1, 1, 4, Grade::Excellent, Some(2)),
            (2, 1, 4, Grade::Excellent, None),
            (3, 3, 4, Grade::Good, Some(-2)),
            (4, 4, 4, Grade::Fail, None),
            (5, 1, 1, Grade::Pass, None),
        ]
    );
    // By shares: 25% 优秀 of four is one place — the tie for first would make two, so both are
    // 良好 (the next 50% reaches the third place); 50 points is below the pass line.
    let shares = Grading::Shares {
        excellent: 25,
        good: 50,
        pass: 6000,
    };
    let by: Vec<Grade> = rank(&entries[..4], shares, &HashMap::new())
        .iter()
        .map(|p| p.grade)
        .collect();
    assert_eq!(by, [Grade::Good, Grade::Good, Grade::Good, Grade::Fail]);
}

#[test]
fn a_scheme_is_checked() {
    assert_eq!(check_scheme(&scheme()), Ok(()));
    let mut s = scheme();
    s.to = day(12, 31);
    s.floor = 12_000;
    s.evaluation_share = 80;
    s.rules.push(s.rules[0]);
    s.groups.push(Group {
        name: "其他".into(),
        categories: vec![UnitCategory::County],
    });
    s.grading = Grading::CutOffs {
        excellent: 8000,
        good: 8500,
        pass: 6000,
    };
    let fields: Vec<&str> = check_scheme(&s).unwrap_err().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["to", "base", "evaluation_share", "groups", "rules", "grading"]);
    let d = Scheme {
        rules: default_rules(),
        ..scheme()
    };
    assert_eq!(check_scheme(&d), Ok(()), "the defaults pass their own checks");
}

fn any_fact() -> impl Strategy<Value = Fact> {
    (0..RuleKind::ALL.len(), 1i64..500, 1i64..5, 1u32..180).prop_map(|(k, id, count, d)| Fact {
        kind: RuleKind::ALL[k],
        record: Record {
            kind: RecordKind::Task,
            id,
        },
        label: String::new(),
        count,
        on: day(1, 1) + chrono::Days::new(u64::from(d)),
    })
}

proptest! {
    #[test]
    fn every_point_is_a_line_with_its_record_and_the_lines_add_up(
        facts in proptest::collection::vec(any_fact(), 0..60),
        evaluation in proptest::option::of(0i64..=10_000),
    ) {
        let mut sch = scheme();
        sch.rules = default_rules();
        let ev = evaluation.map(|p| (p, Record { kind: RecordKind::Evaluation, id: 1 }));
        let s = score(&sch, &facts, ev);
        prop_assert_eq!(s.lines.iter().map(|l| l.points).sum::<i64>(), s.total);
        prop_assert!(s.total >= 0 && s.performance >= sch.floor);
        for l in &s.lines {
            if let LineKind::Rule(_) = l.kind {
                prop_assert!(l.record.is_some());
            }
        }
        for r in &sch.rules {
            let moved: i64 = s.lines.iter().filter(|l| l.kind == LineKind::Rule(r.kind)).map(|l| l.points.abs()).sum();
            if let Some(cap) = r.cap {
                prop_assert!(moved <= cap, "{:?} moved {} past {}", r.kind, moved, cap);
            }
        }
        // The same records in another order: the same score.
        let mut again = facts.clone();
        again.reverse();
        prop_assert_eq!(score(&sch, &again, ev), s);
    }
}

#[test]
fn groups_and_grading_read_back_as_stored() {
    let g = default_groups();
    assert_eq!(scheme::parse_groups(&scheme::groups_code(&g)), Some(g));
    for grading in [
        DEFAULT_GRADING,
        Grading::Shares {
            excellent: 20,
            good: 50,
            pass: 6000,
        },
    ] {
        assert_eq!(scheme::parse_grading(&scheme::grading_code(grading)), Some(grading));
    }
    assert_eq!(scheme::parse_grading("shares:1,2"), None);
}
