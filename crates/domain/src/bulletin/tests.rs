//! Tests of `bulletin`.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn periods_are_named_as_a_city_names_them() {
    assert_eq!(period_name(d(2020, 6, 1), d(2020, 6, 30)), "2020年6月");
    assert_eq!(period_name(d(2020, 1, 1), d(2020, 6, 30)), "2020年上半年");
    assert_eq!(period_name(d(2020, 4, 1), d(2020, 6, 30)), "2020年第二季度");
    assert_eq!(period_name(d(2020, 1, 1), d(2020, 12, 31)), "2020年");
    assert_eq!(period_name(d(2020, 1, 1), d(2020, 5, 31)), "2020年1—5月");
    assert_eq!(period_name(d(2020, 5, 7), d(2020, 6, 30)), "2020年5月7日至6月30日");
    assert_eq!(
        period_name(d(2020, 12, 7), d(2021, 1, 5)),
        "2020年12月7日至2021年1月5日"
    );
}

fn facts() -> BulletinFacts {
    BulletinFacts {
        from: d(2020, 6, 1),
        to: d(2020, 6, 30),
        plans: vec![PlanCounts {
            plan: "2020年政府工作报告|分解".into(),
            tasks: 10,
            blue: 1,
            green: 5,
            yellow: 2,
            red: 2,
        }],
        total: PlanCounts {
            plan: "合计".into(),
            tasks: 10,
            blue: 1,
            green: 5,
            yellow: 2,
            red: 2,
        },
        units: vec![UnitLine {
            unit: "市住房和城乡建设局".into(),
            overdue: vec![NamedTask {
                number: "3.1".into(),
                title: "完成老旧小区改造".into(),
                why: "超期15天".into(),
            }],
            lagging: vec![],
            missing: 1,
        }],
        orders: OrderCounts {
            issued: 3,
            closed: 1,
            open: 4,
            overdue: 1,
        },
    }
}

#[test]
fn the_draft_states_the_facts_and_reads_back_as_headings_paragraphs_and_tables() {
    let to = addressees(&["河阳县", "龙泉市", "东城区"], false);
    assert_eq!(to, "各县（市、区）人民政府，市直各有关单位：");
    assert_eq!(
        addressees(&["河阳县", "东城区人民政府"], true),
        "各县（区）人民政府，开发区管委会，市直各有关单位："
    );
    assert_eq!(addressees(&["东城区"], false), "各区人民政府，市直各有关单位：");
    assert_eq!(addressees(&[], false), "市直各有关单位：");
    let dr = draft(&facts(), "市政府督查室", &to, d(2020, 7, 10), Some(3));
    assert!(dr.body.contains("对连续3期亮红灯的任务，将按规定启动问责程序。"));
    let none = draft(&facts(), "市政府督查室", &to, d(2020, 7, 10), Some(0));
    assert!(!none.body.contains("问责"));
    assert!(dr.body.starts_with("各县（市、区）人民政府，市直各有关单位：\n"));
    assert_eq!(dr.title, "关于2020年6月重点工作推进情况的通报");
    assert!(dr.body.contains("纳入督查的10项任务中，已办结1项，正常推进（绿灯）5项"));
    assert!(dr.body.contains("市住房和城乡建设局：“完成老旧小区改造”（超期15天）。"));
    assert!(dr.body.contains("本期无进度滞后的任务。"));
    assert!(
        dr.body
            .contains("本期共下发督办单3件，办结销号1件；截至2020年6月30日，尚有4件未办结，其中1件已超过回复时限。")
    );
    let quiet = OrderCounts::default();
    assert_eq!(
        orders_sentence(&quiet, d(2020, 6, 30)),
        "本期未下发督办单，无办结销号的督办单；截至2020年6月30日，督办单已全部办结。"
    );
    let some = OrderCounts {
        issued: 2,
        closed: 0,
        open: 2,
        overdue: 0,
    };
    assert_eq!(
        orders_sentence(&some, d(2020, 6, 30)),
        "本期共下发督办单2件；截至2020年6月30日，尚有2件未办结，均在回复时限内。"
    );
    let nested = named(&[NamedTask {
        number: "1".into(),
        title: "扎实开展“两违”专项整治".into(),
        why: "超期3天".into(),
    }]);
    assert_eq!(nested, "“扎实开展‘两违’专项整治”（超期3天）");
    assert!(dr.body.contains("于2020年7月10日前将整改情况报市政府督查室"));
    let bs = blocks(&dr.body);
    assert_eq!(
        bs.iter().filter(|b| matches!(b, Block::Heading(_))).count(),
        4,
        "{bs:?}"
    );
    assert_eq!(bs.iter().filter(|b| matches!(b, Block::Subheading(_))).count(), 2);
    let tables: Vec<&Vec<Vec<String>>> = bs
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 2);
    // A bar in a plan's title does not split its cell.
    assert_eq!(tables[0][1], ["2020年政府工作报告／分解", "10", "1", "5", "2", "2"]);
    assert_eq!(tables[0][2][0], "合计");
    assert_eq!(tables[1][1], ["市住房和城乡建设局", "1", "0", "1"]);
}

#[test]
fn headings_need_a_numeral_and_its_mark() {
    assert_eq!(blocks("十二、其他"), [Block::Heading("十二、其他".into())]);
    assert_eq!(blocks("（三）要求"), [Block::Subheading("（三）要求".into())]);
    assert_eq!(blocks("一是加强领导"), [Block::Paragraph("一是加强领导".into())]);
    assert_eq!(blocks("（注：数据）"), [Block::Paragraph("（注：数据）".into())]);
}

#[test]
fn bad_bulletins_name_every_field() {
    let errs = check_bulletin(&BulletinInput::default());
    let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["title", "body", "editor"]);
    let today = d(2020, 6, 30);
    let e = check_period(Some(d(2020, 7, 1)), Some(d(2020, 6, 1)), today);
    assert_eq!(e[0].code, "BULLETIN_PERIOD_REVERSED");
    let e = check_period(Some(d(2020, 6, 1)), Some(d(2020, 7, 1)), today);
    assert_eq!(e[0].code, "BULLETIN_TO_FUTURE");
    assert!(check_period(Some(d(2020, 6, 1)), Some(today), today).is_empty());
    let e = check_period(Some(d(601, 2, 2)), Some(d(630, 2, 2)), today);
    assert_eq!(e[0].code, "BULLETIN_PERIOD_TOO_LONG");
    assert!(check_period(Some(d(2020, 1, 1)), Some(d(2020, 12, 31)), d(2021, 1, 1)).is_empty());
    assert_eq!(issue_name(2020, 3), "2020年第3期");
    let c = BulletinInput {
        title: " 标\u{2}题 ".into(),
        body: "一、甲\r\n乙\u{7}丙\n".into(),
        cc: "".into(),
        editor: "王\t芳".into(),
    }
    .cleaned();
    assert_eq!(
        (c.title.as_str(), c.body.as_str(), c.editor.as_str()),
        ("标题", "一、甲\n乙丙", "王芳")
    );
}
