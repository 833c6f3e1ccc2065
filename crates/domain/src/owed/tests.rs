//! Which periods an inbox shows, at each boundary.

use chrono::{Datelike, TimeZone};

use super::*;
use crate::CycleKind;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, day).unwrap()
}

fn monthly() -> Cycle {
    Cycle::new(CycleKind::Monthly, 25).unwrap()
}

/// No holidays: every report falls due on the 25th (or the next working day).
fn cal() -> WorkCalendar {
    WorkCalendar::new([])
}

fn states(o: &[Owed]) -> Vec<(NaiveDate, &str)> {
    o.iter().map(|x| (x.period, x.state.as_str())).collect()
}

#[test]
fn missing_returned_and_draft_periods_are_owed_accepted_and_submitted_ones_are_not() {
    let sent = Utc.with_ymd_and_hms(2020, 4, 20, 2, 0, 0).unwrap();
    let reports = [
        Written {
            period: d(3, 1),
            status: ReportStatus::Accepted,
            submitted_at: Some(sent),
            version: 3,
            review_note: "",
        },
        Written {
            period: d(4, 1),
            status: ReportStatus::Returned,
            submitted_at: Some(sent),
            version: 2,
            review_note: "请补充数据",
        },
        Written {
            period: d(5, 1),
            status: ReportStatus::Draft,
            submitted_at: None,
            version: 1,
            review_note: "",
        },
        Written {
            period: d(6, 1),
            status: ReportStatus::Submitted,
            submitted_at: Some(sent),
            version: 1,
            review_note: "",
        },
    ];
    let o = owed(monthly(), &cal(), d(3, 1), &reports, d(7, 20));
    // July's report falls due within the fortnight looked ahead; August's does not.
    assert_eq!(
        states(&o),
        vec![(d(4, 1), "returned"), (d(5, 1), "draft"), (d(7, 1), "missing")]
    );
    assert_eq!(
        (o[0].version, o[0].review_note.as_str(), o[0].sent_on_time),
        (Some(2), "请补充数据", true)
    );
    assert_eq!((o[1].version, o[1].review_note.as_str()), (Some(1), ""));
    assert_eq!(o[2].version, None);
}

#[test]
fn a_period_due_before_the_task_began_is_not_owed() {
    let o = owed(monthly(), &cal(), d(3, 28), &[], d(4, 30));
    assert_eq!(o.first().map(|x| x.period), Some(d(4, 1)));
}

#[test]
fn a_report_due_on_the_last_day_looked_at_is_open_one_due_before_is_missing() {
    let june_due = cal().due(monthly(), monthly().period_containing(d(6, 1)));
    let today = june_due - Days::new(LOOK_AHEAD_DAYS);
    let o = owed(monthly(), &cal(), d(6, 1), &[], today);
    assert_eq!(states(&o), vec![(d(6, 1), "open")]);
    let o = owed(monthly(), &cal(), d(6, 1), &[], today + Days::new(1));
    assert_eq!(states(&o), vec![(d(6, 1), "missing")]);
    let o = owed(monthly(), &cal(), d(6, 1), &[], today - Days::new(1));
    assert!(o.is_empty());
}

#[test]
fn a_returned_report_first_sent_after_its_due_day_in_china_is_late() {
    let due = cal().due(monthly(), monthly().period_containing(d(4, 1)));
    // 17:00 UTC on the due day is 01:00 the next day in China.
    let late = Utc.with_ymd_and_hms(2020, 4, due.day(), 17, 0, 0).unwrap();
    let on_time = Utc.with_ymd_and_hms(2020, 4, due.day(), 15, 59, 0).unwrap();
    for (at, expected) in [(late, false), (on_time, true)] {
        let r = [Written {
            period: d(4, 1),
            status: ReportStatus::Returned,
            submitted_at: Some(at),
            version: 2,
            review_note: "",
        }];
        let o = owed(monthly(), &cal(), d(4, 1), &r, d(5, 1));
        assert_eq!(o[0].sent_on_time, expected, "{at}");
    }
}

#[test]
fn stored_form_round_trips_and_nothing_owed_is_empty() {
    assert_eq!(encode(&[]), "");
    assert!(decode("").is_empty());
    assert!(decode("not json").is_empty());
    let r = [Written {
        period: d(4, 1),
        status: ReportStatus::Returned,
        submitted_at: None,
        version: 4,
        review_note: "“引号”\n",
    }];
    let o = owed(monthly(), &cal(), d(4, 1), &r, d(5, 1));
    assert_eq!(decode(&encode(&o)), o);
}
