//! Tests of `supervision`.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

#[test]
fn the_number_reads_as_on_paper() {
    assert_eq!(doc_no("督", 2020, 12), "督〔2020〕12号");
}

#[test]
fn lights_follow_the_reply_deadline() {
    let due = d(2020, 7, 10);
    let l = |s, returned, today| order_light(s, due, returned, today).light;
    assert_eq!(l(SupervisionStatus::Closed, false, d(2020, 8, 1)), Light::Blue);
    assert_eq!(l(SupervisionStatus::Open, false, d(2020, 7, 11)), Light::Red);
    assert_eq!(
        l(SupervisionStatus::Open, false, d(2020, 7, 10)),
        Light::Yellow,
        "due today"
    );
    assert_eq!(
        l(SupervisionStatus::Open, false, d(2020, 7, 7)),
        Light::Yellow,
        "three days left"
    );
    assert_eq!(l(SupervisionStatus::Open, false, d(2020, 7, 6)), Light::Green);
    assert_eq!(
        l(SupervisionStatus::Open, true, d(2020, 7, 1)),
        Light::Yellow,
        "sent back"
    );
    assert_eq!(
        l(SupervisionStatus::Replied, false, d(2020, 7, 20)),
        Light::Green,
        "waiting for the office"
    );
    assert!(
        order_light(SupervisionStatus::Open, due, false, d(2020, 7, 13))
            .zh
            .contains("已超期3天")
    );
}

#[test]
fn periodic_orders_move_their_deadline_on() {
    assert_eq!(ReplyMode::Weekly.next_due(d(2020, 7, 10)), Some(d(2020, 7, 17)));
    assert_eq!(ReplyMode::Monthly.next_due(d(2020, 1, 31)), Some(d(2020, 2, 29)));
    assert_eq!(ReplyMode::Once.next_due(d(2020, 7, 10)), None);
}

#[test]
fn an_order_needs_its_matter_requirement_deadline_and_a_task_when_about_one() {
    let ok = OrderInput {
        level: "key".into(),
        source: "instruction".into(),
        title: "老旧小区改造进度滞后".into(),
        requirement: "7月10日前报送整改措施".into(),
        source_text: String::new(),
        reply_due: Some(d(2020, 7, 10)),
        mode: "once".into(),
    };
    assert!(check_order(&ok, d(2020, 6, 30), false).is_ok());
    let codes = |o: &OrderInput, has_task| {
        check_order(o, d(2020, 6, 30), has_task)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(
            &OrderInput {
                source: "task".into(),
                ..ok.clone()
            },
            false
        ),
        vec!["ORDER_TASK_MISSING"]
    );
    assert_eq!(
        codes(
            &OrderInput {
                title: " ".into(),
                requirement: String::new(),
                reply_due: Some(d(2020, 6, 1)),
                ..ok.clone()
            },
            false
        ),
        vec!["ORDER_TITLE_EMPTY", "ORDER_REQUIREMENT_EMPTY", "ORDER_DUE_PAST"]
    );
    assert_eq!(
        codes(
            &OrderInput {
                level: "urgent".into(),
                mode: "daily".into(),
                ..ok
            },
            false
        ),
        vec!["ORDER_LEVEL_UNKNOWN", "ORDER_MODE_UNKNOWN"]
    );
}
