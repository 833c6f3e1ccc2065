//! Each rule of DOMAIN.md and each of its boundaries.

use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, day).unwrap()
}

/// A task running 1 January to 31 December 2020 (365 days), judged on `today`.
fn year_task(today: NaiveDate) -> LightInput<'static> {
    LightInput {
        today,
        start: d(1, 1),
        due: Some(d(12, 31)),
        done_on: None,
        milestones: &[],
        reported: None,
        missing_report_due: None,
        missing_report_returned: false,
    }
}

/// A task of 100 days (1 January → 10 April 2020), so one day is one point of time progress.
fn hundred_day_task(day: i64, reported: u8) -> LightInput<'static> {
    let start = d(1, 1);
    LightInput {
        today: start + chrono::Days::new(day as u64),
        start,
        due: Some(start + chrono::Days::new(100)),
        done_on: None,
        milestones: &[],
        reported: Some(reported),
        missing_report_due: None,
        missing_report_returned: false,
    }
}

fn light(input: &LightInput<'_>) -> Light {
    evaluate(input, &Thresholds::default()).light
}

#[test]
fn a_task_whose_completion_was_approved_is_blue_even_when_overdue() {
    let mut i = year_task(d(12, 31) + chrono::Days::new(30));
    i.done_on = Some(d(11, 1));
    let v = evaluate(&i, &Thresholds::default());
    assert_eq!(v.light, Light::Blue);
    assert_eq!(v.progress, 100);
    assert_eq!(v.explain(Lang::Zh), "蓝灯：已办结（2020年11月1日）");
}

#[test]
fn a_task_is_red_the_day_after_its_deadline_and_not_on_it() {
    let mut on_due = year_task(d(12, 31));
    on_due.reported = Some(100);
    assert_eq!(light(&on_due), Light::Green, "on the deadline itself");
    let mut after = on_due.clone();
    after.today = d(12, 31) + chrono::Days::new(1);
    let v = evaluate(&after, &Thresholds::default());
    assert_eq!(v.light, Light::Red);
    assert_eq!(
        v.reason,
        Reason::Overdue {
            due: d(12, 31),
            days: 1
        }
    );
}

#[test]
fn lag_thresholds_are_strictly_more_than() {
    // (day, reported, expected, why)
    let cases = [
        (50, 30, Light::Green, "lag of exactly 20 points is not yellow"),
        (51, 30, Light::Yellow, "lag of 21 points is yellow"),
        (70, 30, Light::Yellow, "lag of exactly 40 points is not red"),
        (71, 30, Light::Red, "lag of 41 points is red"),
        (50, 80, Light::Green, "ahead of time is green"),
        (0, 0, Light::Green, "nothing due on the first day"),
    ];
    for (day, reported, expected, why) in cases {
        assert_eq!(light(&hundred_day_task(day, reported)), expected, "{why}");
    }
}

#[test]
fn the_lag_explanation_names_both_progresses_and_the_gap() {
    let v = evaluate(&hundred_day_task(62, 35), &Thresholds::default());
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(v.explain(Lang::Zh), "黄灯：时间进度62%，报送进度35%，落后27个百分点");
    assert_eq!(
        v.explain(Lang::En),
        "Yellow: time progress 62%, reported progress 35%, 27 points behind"
    );
}

#[test]
fn no_report_counts_as_zero_progress() {
    let mut i = hundred_day_task(30, 0);
    i.reported = None;
    assert_eq!(light(&i), Light::Yellow);
}

#[test]
fn milestone_lateness_turns_yellow_then_red_after_15_days() {
    let ms = [MilestoneState {
        title: "完成可研批复".into(),
        due: d(3, 1),
        done: false,
    }];
    let cases = [
        (d(3, 1), Light::Green, "on the milestone's day"),
        (d(3, 2), Light::Yellow, "one day late"),
        (d(3, 16), Light::Yellow, "exactly 15 days late"),
        (d(3, 17), Light::Red, "16 days late"),
    ];
    for (today, expected, why) in cases {
        let mut i = year_task(today);
        i.milestones = &ms;
        i.reported = Some(50);
        assert_eq!(light(&i), expected, "{why}");
    }
}

#[test]
fn a_reached_milestone_never_counts_as_late() {
    let ms = [MilestoneState {
        title: "开工".into(),
        due: d(3, 1),
        done: true,
    }];
    let mut i = year_task(d(6, 1));
    i.milestones = &ms;
    i.reported = Some(50);
    assert_eq!(light(&i), Light::Green);
}

#[test]
fn the_most_overdue_milestone_is_the_one_named() {
    let ms = [
        MilestoneState {
            title: "甲".into(),
            due: d(5, 20),
            done: false,
        },
        MilestoneState {
            title: "乙".into(),
            due: d(5, 10),
            done: false,
        },
    ];
    let mut i = year_task(d(5, 21));
    i.milestones = &ms;
    i.reported = Some(50);
    let v = evaluate(&i, &Thresholds::default());
    assert_eq!(v.light, Light::Yellow);
    assert!(matches!(v.reason, Reason::MilestoneLate { ref title, days: 11, .. } if title == "乙"));
}

#[test]
fn a_missing_report_turns_an_otherwise_green_task_yellow() {
    let mut i = year_task(d(6, 30));
    i.reported = Some(60);
    i.missing_report_due = Some(d(6, 25));
    let v = evaluate(&i, &Thresholds::default());
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(v.explain(Lang::Zh), "黄灯：应于2020年6月25日报送的进展未报送");
}

#[test]
fn red_rules_win_over_yellow_rules() {
    let mut i = hundred_day_task(80, 10);
    i.missing_report_due = Some(d(3, 1));
    assert_eq!(light(&i), Light::Red, "serious lag beats a missing report");
}

#[test]
fn an_ongoing_task_is_judged_by_its_reports_alone() {
    let mut i = year_task(d(12, 1));
    i.due = None;
    i.reported = Some(5);
    let v = evaluate(&i, &Thresholds::default());
    assert_eq!(v.light, Light::Green, "no time progress without a deadline");
    assert_eq!(v.time_progress, None);
    i.missing_report_due = Some(d(11, 25));
    assert_eq!(light(&i), Light::Yellow);
}

#[test]
fn thresholds_are_configurable_per_plan() {
    let strict = Thresholds {
        yellow_lag: 10,
        red_lag: 20,
        milestone_red_days: 5,
        ..Thresholds::default()
    };
    let v = evaluate(&hundred_day_task(45, 30), &strict);
    assert_eq!(v.light, Light::Yellow);
    let v = evaluate(&hundred_day_task(51, 30), &strict);
    assert_eq!(v.light, Light::Red);
}

#[test]
fn time_progress_is_clamped_before_the_start() {
    let mut i = year_task(d(1, 1));
    i.start = d(3, 1);
    let v = evaluate(&i, &Thresholds::default());
    assert_eq!(v.time_progress, Some(0));
    assert_eq!(v.light, Light::Green);
}

#[test]
fn a_task_due_on_its_start_day_has_full_time_progress_that_day() {
    let mut i = year_task(d(3, 1));
    i.start = d(3, 1);
    i.due = Some(d(3, 1));
    i.reported = Some(100);
    assert_eq!(evaluate(&i, &Thresholds::default()).time_progress, Some(100));
    i.reported = Some(50);
    assert_eq!(light(&i), Light::Red);
}

#[test]
fn light_codes_round_trip_and_red_is_worst() {
    for l in Light::ALL {
        assert_eq!(Light::parse(l.code()), Some(l));
    }
    assert!(Light::Red.severity() > Light::Yellow.severity());
    assert!(Light::Yellow.severity() > Light::Green.severity());
    assert!(Light::Green.severity() > Light::Blue.severity());
}
