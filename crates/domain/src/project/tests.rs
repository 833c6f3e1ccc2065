//! The project rules of issue 16, each with its boundaries, and the published summary reproduced.

use chrono::NaiveDate;

use super::*;
use crate::{Lang, Light};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

#[test]
fn money_is_read_as_typed_and_refused_with_its_reason() {
    assert_eq!(Wan::parse("2300"), Ok(Wan::whole(2300)));
    assert_eq!(Wan::parse(" 2,300.5 万元"), Ok(Wan(230_050)));
    assert_eq!(Wan::parse("0.25"), Ok(Wan(25)));
    assert_eq!(Wan::parse("-5"), Err(money::MoneyError::Negative));
    for bad in ["", "abc", "1.234", "1e5", "五百", "1.2.3", "."] {
        assert_eq!(Wan::parse(bad), Err(money::MoneyError::NotANumber), "{bad:?}");
    }
    assert_eq!(Wan::parse("99999999999999"), Err(money::MoneyError::TooLarge));
    assert_eq!(Wan(230_050).wan_text(), "2,300.5");
    assert_eq!(Wan(230_055).wan_text(), "2,300.55");
    assert_eq!(Wan::whole(1_401_600).wan_text(), "1,401,600");
    assert_eq!(Wan::whole(1_401_600).yi_text(), "140.16");
    assert_eq!(Wan::whole(190_000).yi_text(), "19.00");
    // 28,784.6 万元 is 2.87846 亿元: two decimals, rounded half up.
    assert_eq!(Wan(2_878_460).yi_text(), "2.88");
}

#[test]
fn months_parse_count_and_measure_time_progress() {
    assert_eq!(m("2020-06"), m("2020年6月"));
    assert_eq!(Month::parse("2020-13"), None);
    assert_eq!(Month::parse("20-06"), None);
    assert_eq!(m("2020-03").months_to(m("2020-06")), 3);
    assert_eq!(m("2019-11").months_to(m("2020-02")), 3);
    assert_eq!(m("2020-01").previous(), m("2019-12"));
    assert_eq!(m("2020-06").time_progress(), 5000);
    assert_eq!(m("2020-12").time_progress(), 10_000);
    assert_eq!(m("2020-06").to_date_text(Lang::Zh), "1–6月");
    assert_eq!(m("2020-01").to_date_text(Lang::Zh), "1月");
    assert_eq!(m("2020-06").to_date_text(Lang::En), "January–June");
    assert_eq!(m("2020-06").text(Lang::Zh), "2020年6月");
}

#[test]
fn kinds_read_their_codes_and_their_words() {
    assert_eq!(Stage::parse_words("新开工"), Some(Stage::NewStart));
    assert_eq!(Stage::parse_words("new_start"), Some(Stage::NewStart));
    assert!(Stage::NewStart.started() && !Stage::Preliminary.started());
    assert!(Stage::Operating.finished() && !Stage::Building.finished());
    assert_eq!(Level::parse_words("省级"), Some(Level::Province));
    assert_eq!(IssueKind::parse_words("水电气"), Some(IssueKind::Utilities));
    assert_eq!(Nature::ALL.len(), 3);
    for s in Stage::ALL {
        assert_eq!(Stage::parse(s.code()), Some(*s));
    }
}

fn facts() -> ProjectFacts {
    ProjectFacts {
        stage: Some(Stage::Building),
        planned_start: Some(m("2020-03")),
        annual_plan: Wan::whole(10_000),
        done_to: Some((m("2020-06"), Wan::whole(4_500))),
        ..ProjectFacts::default()
    }
}

fn judge(f: &ProjectFacts) -> ProjectVerdict {
    judge_project(f, ProjectThresholds::default(), day("2020-07-10"))
}

#[test]
fn the_first_rule_that_matches_decides_and_says_why_with_its_numbers() {
    // On track: 45% done after half the year (5 points behind).
    let v = judge(&facts());
    assert_eq!(v.light, Light::Green);
    assert_eq!(
        v.explain(Lang::Zh),
        "1–6月完成投资4,500万元，年度计划的45.0%，序时进度50.0%"
    );

    // The issue's own example: 2,300 万元 of 10,000 by June is 27 points behind → yellow.
    let behind = ProjectFacts {
        done_to: Some((m("2020-06"), Wan::whole(2_300))),
        ..facts()
    };
    let v = judge(&behind);
    assert_eq!(v.light, Light::Yellow);
    assert_eq!(
        v.explain(Lang::Zh),
        "1–6月完成投资2,300万元，年度计划的23.0%，落后序时进度27.0个百分点"
    );
    // More than 30 points behind → red; exactly 10 → yellow; 9.99 → green.
    let far = ProjectFacts {
        done_to: Some((m("2020-06"), Wan::whole(1_999))),
        ..facts()
    };
    assert_eq!(judge(&far).light, Light::Red);
    let ten = ProjectFacts {
        done_to: Some((m("2020-06"), Wan::whole(4_000))),
        ..facts()
    };
    assert_eq!(judge(&ten).light, Light::Yellow);
    let almost = ProjectFacts {
        done_to: Some((m("2020-06"), Wan(400_100))),
        ..facts()
    };
    assert_eq!(judge(&almost).light, Light::Green);

    // Not started in its planned month: yellow; three months late: red — before anything else.
    let late = ProjectFacts {
        stage: Some(Stage::Preliminary),
        planned_start: Some(m("2020-05")),
        ..behind.clone()
    };
    let v = judge(&late);
    assert_eq!((v.light, v.rule_code()), (Light::Yellow, "not_started"));
    assert_eq!(v.explain(Lang::Zh), "计划于2020年5月开工，尚未开工，已推迟2个月");
    let later = ProjectFacts {
        planned_start: Some(m("2020-04")),
        ..late.clone()
    };
    assert_eq!(judge(&later).light, Light::Red);
    // Planned for this month: not late yet.
    let this_month = ProjectFacts {
        planned_start: Some(m("2020-07")),
        done_to: None,
        ..late
    };
    assert_eq!(judge(&this_month).light, Light::Green);

    // Then an overdue node, then an overdue issue, then a missing report.
    let node = ProjectFacts {
        node_overdue: Some(("用地".into(), day("2020-06-30"))),
        issue_overdue: Some(("征地拆迁".into(), day("2020-06-01"))),
        report_missing: Some(m("2020-06")),
        ..facts()
    };
    let v = judge(&node);
    assert_eq!(v.explain(Lang::Zh), "审批节点“用地”应于2020年6月30日完成，已逾期10天");
    let issue = ProjectFacts {
        node_overdue: None,
        ..node.clone()
    };
    assert_eq!(
        judge(&issue).explain(Lang::Zh),
        "协调事项“征地拆迁”应于2020年6月1日办结，已逾期39天"
    );
    let missing = ProjectFacts {
        issue_overdue: None,
        ..issue
    };
    let v = judge(&missing);
    assert_eq!(
        (v.light, v.explain(Lang::Zh).as_str()),
        (Light::Yellow, "2020年6月项目进展未报送")
    );

    // Built: blue, whatever else.
    let built = ProjectFacts {
        stage: Some(Stage::Completed),
        ..node
    };
    assert_eq!(judge(&built).light, Light::Blue);
}

/// The published summary of the founding meeting's city, from project rows that sum to it.
#[test]
fn the_published_summary_by_level_is_reproduced_exactly() {
    let yi = |cents: i64| Wan::yi_cents(cents);
    // Six provincial projects whose figures sum to the published ones.
    let rows = [
        (yi(3_000), yi(400), yi(610)),
        (yi(2_516), yi(300), yi(455)),
        (yi(2_200), yi(350), yi(520)),
        (yi(2_800), yi(250), yi(393)),
        (yi(1_500), yi(300), yi(400)),
        (yi(2_000), yi(300), yi(500)),
    ];
    let sums = LevelSums {
        level: Level::Province,
        count: rows.len(),
        total: rows.iter().map(|r| r.0).sum(),
        plan: rows.iter().map(|r| r.1).sum(),
        done: rows.iter().map(|r| r.2).sum(),
        to: m("2020-12"),
    };
    assert_eq!(
        sums.sentence(Lang::Zh),
        "省级重点工程6项，概算总投资140.16亿元，当年计划投资19亿元，1–12月完成投资28.78亿元，投资完成率151.47%"
    );
    let rate = |plan: i64, done: i64| {
        LevelSums {
            level: Level::City,
            count: 1,
            total: yi(plan),
            plan: yi(plan),
            done: yi(done),
            to: m("2020-12"),
        }
        .rate()
        .map(warning::published_percent)
    };
    assert_eq!(rate(2_267, 2_640).as_deref(), Some("116.45%"));
    assert_eq!(rate(2_160, 2_239).as_deref(), Some("103.66%"));
    assert_eq!(rate(0, 5), None);
}

fn typed() -> ProjectInput {
    ProjectInput {
        name: "晋城至济源高速公路".into(),
        level: "省级".into(),
        nature: "续建".into(),
        stage: "在建".into(),
        total: "1,401,600".into(),
        year: 2020,
        annual_plan: "190000".into(),
        planned_start: "2019-03".into(),
        planned_finish: "2021-12".into(),
        actual_start: "2019-04".into(),
        ..ProjectInput::default()
    }
}

#[test]
fn a_project_as_typed_is_checked_field_by_field() {
    let now = m("2020-06");
    let p = check_project(&typed(), now).unwrap();
    assert_eq!(
        (p.level, p.nature, p.stage),
        (Level::Province, Nature::Continued, Stage::Building)
    );
    assert_eq!(p.total.yi_text(), "140.16");
    assert_eq!(p.planned, (m("2019-03"), m("2021-12")));

    let bad = ProjectInput {
        name: "".into(),
        level: "国家级".into(),
        total: "-5".into(),
        annual_plan: "十亿".into(),
        planned_finish: "2018-12".into(),
        actual_start: "2020-09".into(),
        ..typed()
    };
    let errs = check_project(&bad, now).unwrap_err();
    let got: Vec<(&str, &str)> = errs.iter().map(|e| (e.field, e.code.name)).collect();
    for want in [
        ("name", "PROJECT_NAME_MISSING"),
        ("level", "PROJECT_CHOICE_UNKNOWN"),
        ("total", "PROJECT_MONEY_NEGATIVE"),
        ("annual_plan", "PROJECT_MONEY_NOT_A_NUMBER"),
        ("planned_finish", "PROJECT_FINISH_BEFORE_START"),
        ("actual_start", "PROJECT_MONTH_IN_FUTURE"),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    let msg = errs
        .iter()
        .find(|e| e.field == "total")
        .unwrap()
        .message(Lang::Zh)
        .to_string();
    assert_eq!(msg, "总投资不能为负数");

    let over = ProjectInput {
        annual_plan: "2000000".into(),
        ..typed()
    };
    let errs = check_project(&over, now).unwrap_err();
    assert_eq!(errs[0].code.name, "PROJECT_PLAN_OVER_TOTAL");
    // Under construction without a start, and started while still 前期: both named.
    let unstarted = ProjectInput {
        actual_start: "".into(),
        ..typed()
    };
    assert_eq!(check_project(&unstarted, now).unwrap_err()[0].field, "actual_start");
    let early = ProjectInput {
        stage: "前期".into(),
        ..typed()
    };
    assert_eq!(check_project(&early, now).unwrap_err()[0].field, "stage");
    let hidden = ProjectInput {
        name: "高速\u{202E}公路".into(),
        ..typed()
    };
    assert_eq!(
        check_project(&hidden, now).unwrap_err()[0].code.name,
        "TEXT_HIDDEN_CHARS"
    );
}

fn monthly(month: &str, invested: &str, cumulative: &str) -> MonthlyInput {
    MonthlyInput {
        month: month.into(),
        invested: invested.into(),
        cumulative: cumulative.into(),
        progress: "主体结构施工至第12层".into(),
        ..MonthlyInput::default()
    }
}

#[test]
fn a_monthly_report_computes_the_cumulative_and_a_correction_needs_its_reason() {
    let now = m("2020-06");
    let before = Reported {
        months: vec![(m("2020-04"), Wan::whole(1_000)), (m("2020-05"), Wan::whole(1_300))],
        accepted: None,
    };
    // The month's figure: the year's cumulative is computed.
    let r = check_monthly(&monthly("2020-06", "700", ""), &before, now).unwrap();
    assert_eq!((r.invested, r.cumulative), (Wan::whole(700), Wan::whole(3_000)));
    // The cumulative figure typed instead: the month's is computed, never typed twice.
    let r = check_monthly(&monthly("2020-06", "", "3,000"), &before, now).unwrap();
    assert_eq!(r.invested, Wan::whole(700));
    // Both typed and not agreeing.
    let e = check_monthly(&monthly("2020-06", "700", "3,500"), &before, now).unwrap_err();
    assert_eq!(e[0].code.name, "PROJECT_CUMULATIVE_MISMATCH");
    // A cumulative below last month's: refused without a reason, the numbers named…
    let e = check_monthly(&monthly("2020-06", "", "2000"), &before, now).unwrap_err();
    assert_eq!(e[0].field, "correction_reason");
    assert_eq!(
        e[0].message(Lang::Zh),
        "1–6月累计2,000万元，低于1–5月的2,300万元；如需更正此前月份的数字，请说明理由"
    );
    // …and taken as a correction with one.
    let with_reason = MonthlyInput {
        correction_reason: "5月数字重复统计了设备采购款".into(),
        ..monthly("2020-06", "", "2000")
    };
    let r = check_monthly(&with_reason, &before, now).unwrap();
    assert_eq!((r.invested, r.cumulative), (Wan::whole(-300), Wan::whole(2_000)));
    assert!(r.correction_reason.is_some());
    // Changing an accepted month needs a reason too; the same figure again does not.
    let accepted = Reported {
        accepted: Some(Wan::whole(700)),
        ..before.clone()
    };
    assert!(check_monthly(&monthly("2020-06", "700", ""), &accepted, now).is_ok());
    assert_eq!(
        check_monthly(&monthly("2020-06", "800", ""), &accepted, now).unwrap_err()[0]
            .code
            .name,
        "PROJECT_CORRECTION_REASON_REQUIRED"
    );
    // A month not over, no figure, no progress, a negative or non-numeric figure.
    let e = check_monthly(&monthly("2020-07", "5", ""), &before, now).unwrap_err();
    assert_eq!((e[0].field, e[0].code.name), ("month", "PROJECT_MONTH_IN_FUTURE"));
    let e = check_monthly(
        &MonthlyInput {
            progress: "".into(),
            ..monthly("2020-06", "", "")
        },
        &before,
        now,
    )
    .unwrap_err();
    let got: Vec<&str> = e.iter().map(|e| e.code.name).collect();
    assert_eq!(got, ["PROJECT_MONTH_INVESTMENT_MISSING", "PROJECT_PROGRESS_MISSING"]);
    assert_eq!(
        check_monthly(&monthly("2020-06", "-5", ""), &before, now).unwrap_err()[0]
            .code
            .name,
        "PROJECT_MONEY_NEGATIVE"
    );
    assert_eq!(
        check_monthly(&monthly("2020-06", "五百", ""), &before, now).unwrap_err()[0]
            .code
            .name,
        "PROJECT_MONEY_NOT_A_NUMBER"
    );
}

mod owed_rule {
    use chrono::NaiveDate;

    use super::super::{Month, Stage, owed::*};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    #[test]
    fn a_month_is_due_on_the_fifth_of_the_next() {
        assert_eq!(due_of(m(2020, 5)), d(2020, 6, 5));
        assert_eq!(due_of(m(2020, 12)), d(2021, 1, 5));
    }

    #[test]
    fn months_without_a_report_are_owed_and_missing_after_their_due_day() {
        let owed = owed_months(Stage::Building, m(2019, 3), &[m(2020, 1), m(2020, 3)], d(2020, 6, 4));
        let months: Vec<_> = owed.iter().map(|o| (o.month.month, o.missing)).collect();
        // May is due on 5 June: owed, not yet missing.
        assert_eq!(months, vec![(2, true), (4, true), (5, false)]);
        assert_eq!(first_missing(&owed), Some(m(2020, 2)));
    }

    #[test]
    fn a_project_reports_from_when_it_came_on_the_ledger_and_while_under_way() {
        let owed = owed_months(Stage::Preliminary, m(2020, 4), &[], d(2020, 6, 30));
        assert_eq!(owed.iter().map(|o| o.month.month).collect::<Vec<_>>(), vec![4, 5]);
        assert!(owed_months(Stage::Reserve, m(2020, 1), &[], d(2020, 6, 30)).is_empty());
        assert!(owed_months(Stage::Completed, m(2020, 1), &[], d(2020, 6, 30)).is_empty());
    }
}
