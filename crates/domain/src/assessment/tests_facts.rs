//! The records of a half-year read as facts, worked by hand: tasks done on time, late and
//! overdue (by the month begun), reports late and missing by their (working-day) due days,
//! returns, orders issued and overdue, project and indicator months behind, an accountability
//! record — each for the unit it counts for, naming its record.

use chrono::{NaiveDate, TimeZone, Utc};

use super::{
    facts::{AccountabilityRecord, MonthBehind, OrderRecord, Records, ReportRecord, ReturnRecord, TaskRecord, facts},
    *,
};
use crate::{
    WorkCalendar,
    cycle::{Cycle, CycleKind},
    project::Month,
};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).unwrap()
}

const A: i64 = 1;
const B: i64 = 2;

fn task(id: i64, lead: i64, co: &[i64], due: Option<NaiveDate>, done: Option<NaiveDate>, cycle: Cycle) -> TaskRecord {
    TaskRecord {
        id,
        title: format!("任务{id}"),
        lead: Some(lead),
        co: co.to_vec(),
        start: day(1, 1),
        due,
        done_on: done,
        cycle,
    }
}

fn sent(id: i64, task_id: i64, unit: i64, period: NaiveDate, on: NaiveDate) -> ReportRecord {
    ReportRecord {
        id,
        task_id,
        unit,
        period,
        // 10:00 in China.
        submitted_at: Utc.from_utc_datetime(&on.and_hms_opt(2, 0, 0).unwrap()),
    }
}

#[test]
fn a_half_years_records_are_the_facts_worked_by_hand() {
    let quarterly = Cycle::new(CycleKind::Quarterly, 25).unwrap();
    let monthly = Cycle::new(CycleKind::Monthly, 25).unwrap();
    let records = Records {
        tasks: vec![
            // Done 3-20, due 3-31: on time for A (lead) and B (co). Its Q1 report fell due on
            // 3-25, after it was done: owed nothing.
            task(1, A, &[B], Some(day(3, 31)), Some(day(3, 20)), quarterly),
            // Due 4-30, done 5-15: late, A. Q1 sent on time; Q2 (6-25) after it was done.
            task(2, A, &[], Some(day(4, 30)), Some(day(5, 15)), quarterly),
            // Due 4-10, not done: overdue 4-11 to 6-30, 81 days, three months begun — A and B.
            // Q1 sent 3-26, a day late; Q2 due 6-25, not sent.
            task(3, A, &[B], Some(day(4, 10)), None, quarterly),
            // 长期坚持, monthly on the 25th (a Saturday moves to Monday): January on time,
            // February three days late, March missing, April on 4-27 (due Monday 4-27), May on
            // time, June missing. July falls due after the period.
            task(4, B, &[], None, None, monthly),
        ],
        reports: vec![
            sent(21, 2, A, day(1, 1), day(3, 20)),
            sent(31, 3, A, day(1, 1), day(3, 26)),
            sent(41, 4, B, day(1, 1), day(1, 20)),
            sent(42, 4, B, day(2, 1), day(2, 28)),
            sent(44, 4, B, day(4, 1), day(4, 27)),
            sent(45, 4, B, day(5, 1), day(5, 25)),
        ],
        returns: vec![
            ReturnRecord {
                task_id: 4,
                unit: B,
                on: day(3, 1),
            },
            // Returned before the period: not counted.
            ReturnRecord {
                task_id: 4,
                unit: B,
                on: NaiveDate::from_ymd_opt(2019, 12, 30).unwrap(),
            },
        ],
        orders: vec![
            // Issued to A on 4-15, due 5-15, closed 5-20: issued, and overdue.
            OrderRecord {
                id: 7,
                doc_no: "督〔2020〕7号".into(),
                lead: A,
                issued_on: day(4, 15),
                reply_due: day(5, 15),
                closed_on: Some(day(5, 20)),
            },
            // Issued to B last year, closed on time: nothing this half-year.
            OrderRecord {
                id: 8,
                doc_no: "督〔2019〕30号".into(),
                lead: B,
                issued_on: NaiveDate::from_ymd_opt(2019, 12, 20).unwrap(),
                reply_due: day(1, 10),
                closed_on: Some(day(1, 5)),
            },
        ],
        behind: vec![
            MonthBehind {
                record: Record {
                    kind: RecordKind::Project,
                    id: 5,
                },
                name: "光机电产业园".into(),
                unit: A,
                month: Month::new(2020, 5).unwrap(),
            },
            MonthBehind {
                record: Record {
                    kind: RecordKind::Indicator,
                    id: 6,
                },
                name: "固定资产投资".into(),
                unit: B,
                month: Month::new(2020, 6).unwrap(),
            },
            // December is before the period.
            MonthBehind {
                record: Record {
                    kind: RecordKind::Project,
                    id: 5,
                },
                name: "光机电产业园".into(),
                unit: A,
                month: Month::new(2019, 12).unwrap(),
            },
        ],
        accountability: vec![AccountabilityRecord {
            id: 9,
            unit: A,
            kind: RuleKind::Interview,
            reason: "任务3推进不力".into(),
            decided_on: day(6, 1),
        }],
    };
    let got = facts(&records, &WorkCalendar::default(), day(1, 1), day(6, 30));
    let view = |unit: i64| {
        let mut v: Vec<(&str, RecordKind, i64, i64)> = got[&unit]
            .iter()
            .map(|f| (f.kind.code(), f.record.kind, f.record.id, f.count))
            .collect();
        v.sort();
        v
    };
    use RecordKind as K;
    let mut want_a = vec![
        ("task_on_time_lead", K::Task, 1, 1),
        ("task_late", K::Task, 2, 1),
        ("task_overdue_lead", K::Task, 3, 3),
        ("report_late", K::Report, 31, 1),
        ("report_missing", K::Task, 3, 1),
        ("order_issued", K::Order, 7, 1),
        ("order_overdue", K::Order, 7, 1),
        ("project_behind", K::Project, 5, 1),
        ("interview", K::Accountability, 9, 1),
    ];
    want_a.sort();
    assert_eq!(view(A), want_a);
    let mut want_b = vec![
        ("task_on_time_co", K::Task, 1, 1),
        ("task_overdue_co", K::Task, 3, 3),
        ("report_late", K::Report, 42, 1),
        ("report_missing", K::Task, 4, 1),
        ("report_missing", K::Task, 4, 1),
        ("report_returned", K::Task, 4, 1),
        ("indicator_behind", K::Indicator, 6, 1),
    ];
    want_b.sort();
    assert_eq!(view(B), want_b);
    let late = got[&B].iter().find(|f| f.kind == RuleKind::ReportLate).unwrap();
    assert_eq!(late.label, "任务4：2020年2月进展迟报3天");
    let overdue = got[&A].iter().find(|f| f.kind == RuleKind::TaskOverdueLead).unwrap();
    assert_eq!(overdue.label, "任务3（超期3个月未完成）");
    // Scored under the defaults, every fact is a line naming its record.
    let s = score(
        &Scheme {
            rules: default_rules(),
            ..super::tests::scheme()
        },
        &got[&A],
        None,
    );
    assert_eq!(s.lines.len(), 1 + want_a.len());
    assert_eq!(s.lines.iter().map(|l| l.points).sum::<i64>(), s.total);
}
