//! The field checks of an indicator and of a figure as typed: each problem on its field, with
//! its stable code.

use super::input::ActualContext;
use super::*;
use crate::{codes, project::Month};

fn m(y: i32, mo: u32) -> Month {
    Month::new(y, mo).unwrap()
}

fn f(s: &str) -> Figure {
    Figure::parse(s).unwrap()
}

fn indicator_input() -> IndicatorInput {
    IndicatorInput {
        name: "固定资产投资".into(),
        measure: "亿元".into(),
        kind: "amount".into(),
        year: "2020".into(),
        target: "500".into(),
        ..Default::default()
    }
}

#[test]
fn an_indicator_needs_a_target_above_zero_when_it_is_an_amount() {
    let ok = check_indicator(&indicator_input()).unwrap();
    assert_eq!(
        (ok.kind, ok.direction, ok.frequency, ok.decimals),
        (Kind::Amount, Direction::Higher, Frequency::Monthly, 1)
    );
    let errs = check_indicator(&IndicatorInput {
        target: "0".into(),
        ..indicator_input()
    })
    .unwrap_err();
    assert_eq!(
        (errs[0].field, errs[0].code),
        ("target", codes::INDICATOR_TARGET_NOT_POSITIVE)
    );
    // A rate's target may be zero (hold steady) or below.
    assert!(
        check_indicator(&IndicatorInput {
            kind: "增速".into(),
            target: "0".into(),
            ..indicator_input()
        })
        .is_ok()
    );
    let errs = check_indicator(&IndicatorInput {
        target: "五百".into(),
        profile: "1,2,3".into(),
        name: String::new(),
        ..indicator_input()
    })
    .unwrap_err();
    let fields: Vec<_> = errs.iter().map(|e| (e.field, e.code.name)).collect();
    assert_eq!(
        fields,
        vec![
            ("name", "INDICATOR_NAME_INVALID"),
            ("target", "INDICATOR_FIGURE_NOT_A_NUMBER"),
            ("profile", "INDICATOR_PROFILE_NOT_TWELVE")
        ]
    );
}

fn cx(kind: Kind, computed: bool) -> ActualContext {
    ActualContext {
        kind,
        year: 2020,
        frequency: Frequency::Monthly,
        computed,
        now: m(2020, 6),
        accepted: None,
    }
}

fn actual(month: &str, value: &str, last_year: &str) -> ActualInput {
    ActualInput {
        month: month.into(),
        value: value.into(),
        last_year: last_year.into(),
        note: String::new(),
    }
}

#[test]
fn a_figure_is_checked_field_by_field() {
    let first = |a: &ActualInput, c| {
        let e = check_actual(a, c).unwrap_err();
        (e[0].field, e[0].code.name)
    };
    assert_eq!(
        first(&actual("2020-06", "abc", ""), cx(Kind::Amount, false)),
        ("value", "INDICATOR_FIGURE_NOT_A_NUMBER")
    );
    assert_eq!(
        first(&actual("2021-01", "4", ""), cx(Kind::Amount, false)),
        ("month", "INDICATOR_MONTH_OUTSIDE_YEAR")
    );
    assert_eq!(
        first(&actual("2020-07", "4", ""), cx(Kind::Amount, false)),
        ("month", "INDICATOR_MONTH_IN_FUTURE")
    );
    assert_eq!(
        first(&actual("2020-13", "4", ""), cx(Kind::Amount, false)),
        ("month", "INDICATOR_MONTH_INVALID")
    );
    assert_eq!(
        first(&actual("2020-06", "-4", ""), cx(Kind::Amount, false)),
        ("value", "INDICATOR_FIGURE_NEGATIVE")
    );
    assert_eq!(
        first(&actual("2020-06", "120.5", ""), cx(Kind::Rate, true)),
        ("last_year", "INDICATOR_LAST_YEAR_MISSING")
    );
    let quarterly = ActualContext {
        frequency: Frequency::Quarterly,
        ..cx(Kind::Amount, false)
    };
    assert_eq!(
        first(&actual("2020-05", "4", ""), quarterly),
        ("month", "INDICATOR_MONTH_NOT_QUARTER_END")
    );
    // A rate typed may fall below zero; a computed one is worked out.
    assert_eq!(
        check_actual(&actual("2020-06", "-2.5", ""), cx(Kind::Rate, false))
            .unwrap()
            .judged,
        f("-2.5")
    );
    let ok = check_actual(&actual("2020-06", "120.5", "113.2"), cx(Kind::Rate, true)).unwrap();
    assert_eq!(
        (ok.value, ok.last_year, ok.judged),
        (f("120.5"), Some(f("113.2")), Figure(64_488))
    );
    // Changing an accepted figure needs the reason.
    let accepted = ActualContext {
        accepted: Some(f("40")),
        ..cx(Kind::Amount, false)
    };
    assert_eq!(
        first(&actual("2020-06", "41", ""), accepted),
        ("note", "INDICATOR_CORRECTION_REASON_REQUIRED")
    );
    assert!(check_actual(&actual("2020-06", "40", ""), accepted).is_ok());
}
