//! Hand-worked figures of the rules (time progress, the light and its words, the half-way
//! check, owed months): every expected number is worked out in the comment beside it.

use chrono::NaiveDate;

use super::owed::{first_missing, owed_months};
use super::*;
use crate::{Lang, Light, project::Month};

fn m(y: i32, mo: u32) -> Month {
    Month::new(y, mo).unwrap()
}

fn f(s: &str) -> Figure {
    Figure::parse(s).unwrap()
}

fn day(y: i32, mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, d).unwrap()
}

fn measure(unit: &str, direction: Direction) -> Measure<'_> {
    Measure {
        unit,
        decimals: 1,
        direction,
        growth: true,
    }
}

fn facts(
    kind: Kind,
    direction: Direction,
    target: &str,
    profile: Profile,
    latest: Option<(Month, &str)>,
) -> IndicatorFacts {
    IndicatorFacts {
        kind,
        direction,
        target: f(target),
        profile,
        latest: latest.map(|(month, v)| Latest { month, value: f(v) }),
        missing: None,
    }
}

#[test]
fn figures_read_as_typed_and_print_as_published() {
    assert_eq!(f("1,234.5"), Figure(12_345_000));
    assert_eq!(f("6.3%"), Figure(63_000));
    assert_eq!(f("-1.25"), Figure(-12_500));
    assert_eq!(Figure::parse("45.30001"), Err(FigureError::NotANumber));
    assert_eq!(Figure::parse("四十五"), Err(FigureError::NotANumber));
    assert_eq!(Figure::parse(""), Err(FigureError::NotANumber));
    assert_eq!(f("1234.5").text(1), "1,234.5");
    // Half away from zero: 1.25 → 1.3, −1.25 → −1.3.
    assert_eq!(f("1.25").text(1), "1.3");
    assert_eq!(f("-1.25").text(1), "-1.3");
    assert_eq!(f("45.3").plain(), "45.3");
    assert_eq!(f("45").text(0), "45");
}

#[test]
fn linear_time_progress_is_a_twelfth_a_month() {
    // 1/12 = 8.33% → 8.3; 5/12 = 41.67% → 41.7; 6/12 = 50.0.
    assert_eq!(Profile::Linear.at(m(2020, 1)), Tenths(83));
    assert_eq!(Profile::Linear.at(m(2020, 5)), Tenths(417));
    assert_eq!(Profile::Linear.at(m(2020, 6)), Tenths(500));
    assert_eq!(Profile::Linear.at(m(2021, 12)), Tenths(1000));
}

#[test]
fn time_progress_by_days_counts_leap_years() {
    // 2020 is a leap year: 31 + 29 = 60 days of 366 → 16.39% → 16.4.
    assert_eq!(Profile::Days.at(m(2020, 2)), Tenths(164));
    // 2021: 31 + 28 = 59 of 365 → 16.16% → 16.2.
    assert_eq!(Profile::Days.at(m(2021, 2)), Tenths(162));
    // 1–6月: 182 of 366 → 49.73% → 49.7; 181 of 365 → 49.59% → 49.6.
    assert_eq!(Profile::Days.at(m(2020, 6)), Tenths(497));
    assert_eq!(Profile::Days.at(m(2021, 6)), Tenths(496));
    assert_eq!(Profile::Days.at(m(2020, 12)), Tenths(1000));
    // 29 February 2020 is day 60 of 366 (16.4); 1 March 2021 is day 60 of 365 (16.44 → 16.4),
    // 1 March 2020 is day 61 of 366 (16.67 → 16.7).
    assert_eq!(Profile::on_day(day(2020, 2, 29)), Tenths(164));
    assert_eq!(Profile::on_day(day(2021, 3, 1)), Tenths(164));
    assert_eq!(Profile::on_day(day(2020, 3, 1)), Tenths(167));
}

#[test]
fn a_monthly_profile_reads_twelve_rising_percents() {
    let p = Profile::parse("5,10,18,26,35,45,54,63,72,81,90,100").unwrap();
    assert_eq!(p.at(m(2020, 5)), Tenths(350));
    assert_eq!(p.at(m(2020, 6)), Tenths(450));
    assert_eq!(p.code(), "5,10,18,26,35,45,54,63,72,81,90,100");
    assert_eq!(Profile::parse("5,10,18"), Err(progress::ProfileError::NotTwelve));
    assert_eq!(
        Profile::parse("5,10,8,26,35,45,54,63,72,81,90,100"),
        Err(progress::ProfileError::NotRising)
    );
    assert_eq!(
        Profile::parse("5,10,18,26,35,45,54,63,72,81,90,99"),
        Err(progress::ProfileError::NotWhole)
    );
    assert_eq!(Profile::parse("按天数"), Ok(Profile::Days));
    assert_eq!(Profile::parse(""), Ok(Profile::Linear));
}

#[test]
fn an_amount_ahead_of_time_progress_reads_as_published() {
    // 45.3 / 87 = 52.07% → 52.1; June's time progress 50.0 → 2.1 points ahead.
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Higher,
            "87",
            Profile::Linear,
            Some((m(2020, 6), "45.3")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Green);
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::Zh),
        "1–6月完成45.3亿元，占年度目标的52.1%，超序时进度2.1个百分点"
    );
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::En),
        "January–June: 45.3亿元, 52.1% of the annual target, 2.1 points above time progress"
    );
}

#[test]
fn points_come_from_the_published_shares_so_the_sentence_adds_up() {
    // 52.16 / 100 = 52.16% → 52.2; by days June 2020 is 49.73% → 49.7; the sentence says
    // 52.2 − 49.7 = 2.5 points (the unrounded difference, 2.43, would print 2.4).
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Higher,
            "100",
            Profile::Days,
            Some((m(2020, 6), "52.16")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::Zh),
        "1–6月完成52.2亿元，占年度目标的52.2%，超序时进度2.5个百分点"
    );
}

#[test]
fn a_back_loaded_profile_judges_investment_more_gently_than_linear() {
    // 160 / 500 = 32.0%. Profiled May: 35.0 → 3.0 behind → yellow (more than 0, not more than
    // 5). Linear May: 41.7 → 9.7 behind → red.
    let profile = Profile::parse("5,10,18,26,35,45,54,63,72,81,90,100").unwrap();
    let th = IndicatorThresholds::default();
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Higher,
            "500",
            profile,
            Some((m(2020, 5), "160")),
        ),
        th,
    );
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::Zh),
        "1–5月完成160.0亿元，占年度目标的32.0%，落后序时进度3.0个百分点"
    );
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Higher,
            "500",
            Profile::Linear,
            Some((m(2020, 5), "160")),
        ),
        th,
    );
    assert_eq!(v.light, Light::Red);
    assert_eq!(v.behind(), Some(97));
}

#[test]
fn the_thresholds_are_more_than_not_at_least() {
    let th = IndicatorThresholds::default();
    // 45 / 100 in June: exactly 5.0 behind → yellow; 44.9 → 5.1 behind → red; 50 → level.
    let at = |v: &str| {
        judge_indicator(
            &facts(
                Kind::Amount,
                Direction::Higher,
                "100",
                Profile::Linear,
                Some((m(2020, 6), v)),
            ),
            th,
        )
    };
    assert_eq!(at("45").light, Light::Yellow);
    assert_eq!(at("44.9").light, Light::Red);
    assert_eq!(at("50").light, Light::Green);
    assert!(
        at("50")
            .explain(&measure("亿元", Direction::Higher), Lang::Zh)
            .ends_with("与序时进度持平")
    );
}

#[test]
fn a_rate_is_judged_against_the_annual_target() {
    // 6.3 − 7.5 = −1.2 points → yellow.
    let v = judge_indicator(
        &facts(
            Kind::Rate,
            Direction::Higher,
            "7.5",
            Profile::Linear,
            Some((m(2020, 6), "6.3")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(
        v.explain(&measure("%", Direction::Higher), Lang::Zh),
        "1–6月增长6.3%，低于全年目标1.2个百分点"
    );
    // −5.0 against 7.5 → 12.5 behind → red, and a fall reads 下降.
    let v = judge_indicator(
        &facts(
            Kind::Rate,
            Direction::Higher,
            "7.5",
            Profile::Linear,
            Some((m(2020, 3), "-5")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Red);
    assert_eq!(
        v.explain(&measure("%", Direction::Higher), Lang::Zh),
        "1–3月下降5.0%，低于全年目标12.5个百分点"
    );
}

#[test]
fn a_ceiling_is_good_below_time_progress() {
    // 95 / 200 = 47.5% of the cap, June 50.0: 2.5 points below → green.
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Lower,
            "200",
            Profile::Linear,
            Some((m(2020, 6), "95")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Green);
    assert_eq!(
        v.explain(&measure("万吨", Direction::Lower), Lang::Zh),
        "1–6月累计95.0万吨，占年度控制目标的47.5%，低于序时进度2.5个百分点"
    );
    // 110 / 200 = 55.0%: 5.0 above → yellow.
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Lower,
            "200",
            Profile::Linear,
            Some((m(2020, 6), "110")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Yellow);
    assert!(
        v.explain(&measure("万吨", Direction::Lower), Lang::Zh)
            .ends_with("超出序时进度5.0个百分点")
    );
}

#[test]
fn a_target_reached_is_blue_and_a_missing_month_is_named() {
    let v = judge_indicator(
        &facts(
            Kind::Amount,
            Direction::Higher,
            "10",
            Profile::Linear,
            Some((m(2020, 9), "10.5")),
        ),
        IndicatorThresholds::default(),
    );
    assert_eq!(v.light, Light::Blue);
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::Zh),
        "1–9月完成10.5亿元，占年度目标的105.0%，已完成全年目标"
    );
    let mut fx = facts(
        Kind::Amount,
        Direction::Higher,
        "87",
        Profile::Linear,
        Some((m(2020, 4), "30")),
    );
    fx.missing = Some(m(2020, 5));
    // 30 / 87 = 34.48% → 34.5, April 33.3 → 1.2 ahead, but May is missing → yellow.
    let v = judge_indicator(&fx, IndicatorThresholds::default());
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(
        v.explain(&measure("亿元", Direction::Higher), Lang::Zh),
        "1–4月完成30.0亿元，占年度目标的34.5%，超序时进度1.2个百分点；2020年5月数据未报送"
    );
    fx.latest = None;
    assert_eq!(
        judge_indicator(&fx, IndicatorThresholds::default()).rule,
        IndicatorRule::Missing { month: m(2020, 5) }
    );
}

#[test]
fn a_level_rate_reads_as_a_level_not_a_growth() {
    // 3.8 against a ceiling of 4.5: 0.7 points below, green.
    let v = judge_indicator(
        &facts(
            Kind::Rate,
            Direction::Lower,
            "4.5",
            Profile::Linear,
            Some((m(2020, 6), "3.8")),
        ),
        IndicatorThresholds::default(),
    );
    let level = Measure {
        growth: Measure::growth_named("城镇登记失业率"),
        ..measure("%", Direction::Lower)
    };
    assert_eq!(v.explain(&level, Lang::Zh), "1–6月为3.8%，低于全年控制目标0.7个百分点");
    assert!(Measure::growth_named("规模以上工业增加值增速"));
}

#[test]
fn growth_is_computed_from_last_years_same_period() {
    // (120.5 − 113.2) / 113.2 = 6.4488% → 6.4.
    assert_eq!(f("120.5").growth_over(f("113.2")), Some(Figure(64_488)));
    assert_eq!(Figure(64_488).tenths(), Tenths(64));
    assert_eq!(f("95").growth_over(f("100")), Some(f("-5")));
    assert_eq!(f("95").growth_over(Figure(0)), None);
}

#[test]
fn the_half_way_check_needs_both_halves() {
    let hw = half_way(
        Kind::Amount,
        Direction::Higher,
        f("87"),
        &Profile::Linear,
        m(2020, 6),
        f("45.3"),
    );
    assert!(hw.time_half && hw.task_half && hw.both());
    assert_eq!(hw.share, Some(Tenths(521)));
    // 42 / 87 = 48.28% → 48.3: time half gone, the task not half done.
    let hw = half_way(
        Kind::Amount,
        Direction::Higher,
        f("87"),
        &Profile::Linear,
        m(2020, 6),
        f("42"),
    );
    assert!(hw.time_half && !hw.task_half && !hw.both());
    // In May time is not half gone, whatever the figure.
    assert!(
        !half_way(
            Kind::Amount,
            Direction::Higher,
            f("87"),
            &Profile::Linear,
            m(2020, 5),
            f("80")
        )
        .both()
    );
    // A rate: half way when at or above its target.
    assert!(
        !half_way(
            Kind::Rate,
            Direction::Higher,
            f("7.5"),
            &Profile::Linear,
            m(2020, 6),
            f("6.3")
        )
        .both()
    );
    assert!(
        half_way(
            Kind::Rate,
            Direction::Higher,
            f("7.5"),
            &Profile::Linear,
            m(2020, 6),
            f("7.5")
        )
        .both()
    );
    // Back-loaded: 48% of the year's investment is half-way short but ahead of the profile's 45.
    let p = Profile::parse("5,10,18,26,35,45,54,63,72,81,90,100").unwrap();
    let hw = half_way(Kind::Amount, Direction::Higher, f("100"), &p, m(2020, 6), f("48"));
    assert!(!hw.task_half && hw.on_pace);
}

#[test]
fn owed_months_follow_the_frequency_and_the_due_day() {
    let entered = [m(2020, 1), m(2020, 2), m(2020, 3), m(2020, 4)];
    // On 20 June May is owed and missing (due 15 June); June is not over.
    let owed = owed_months(2020, Frequency::Monthly, &entered, day(2020, 6, 20));
    assert_eq!(owed, vec![(m(2020, 5), true)]);
    // On 10 June it is owed, not yet missing.
    assert_eq!(
        owed_months(2020, Frequency::Monthly, &entered, day(2020, 6, 10)),
        vec![(m(2020, 5), false)]
    );
    // Quarterly on 20 July: March and June, both past their due days.
    let owed = owed_months(2020, Frequency::Quarterly, &[], day(2020, 7, 20));
    assert_eq!(owed, vec![(m(2020, 3), true), (m(2020, 6), true)]);
    assert_eq!(first_missing(&owed), Some(m(2020, 3)));
}
