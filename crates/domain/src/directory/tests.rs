use super::{
    plan::{Action, Known, KnownLeader, KnownUnit, KnownUser, Target, plan_import},
    sheet::{SheetKind, column_letter, read_table},
    *,
};
use crate::Lang;

fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn known() -> Known {
    Known {
        units: vec![KnownUnit {
            id: 10,
            name: "晋城市发展和改革委员会".into(),
            short_name: "市发改委".into(),
            category: UnitCategory::Department,
            sort: 10,
            active: true,
            merged: false,
        }],
        leaders: vec![KnownLeader {
            id: 20,
            name: "陈卫国".into(),
            title: "市长".into(),
            portfolio: "全面工作".into(),
            sort: 1,
            active: true,
            units: vec![10],
        }],
        users: vec![
            KnownUser {
                id: 30,
                username: "admin".into(),
                display_name: "系统管理员".into(),
                role: Role::Admin,
                unit_id: None,
                leader_id: None,
                email: String::new(),
                active: true,
            },
            KnownUser {
                id: 31,
                username: "fgw".into(),
                display_name: "张明".into(),
                role: Role::UnitUser,
                unit_id: Some(10),
                leader_id: None,
                email: String::new(),
                active: true,
            },
        ],
    }
}

#[test]
fn a_unit_needs_a_name_and_a_known_category_and_no_hidden_characters() {
    let errs = check_unit(&UnitInput {
        name: " ".into(),
        category: "局".into(),
        ..UnitInput::default()
    })
    .unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|e| e.code.name).collect();
    assert_eq!(codes, ["UNIT_NAME_EMPTY", "UNIT_CATEGORY_UNKNOWN"]);
    let bidi = check_unit(&UnitInput {
        name: "市\u{202E}财政局".into(),
        category: "市直部门".into(),
        ..UnitInput::default()
    })
    .unwrap_err();
    assert_eq!(bidi[0].code, "TEXT_HIDDEN_CHARS");
    let ok = check_unit(&UnitInput {
        name: "晋城经济技术开发区".into(),
        category: "开发区".into(),
        ..UnitInput::default()
    })
    .unwrap();
    assert_eq!(
        ok.short_name, "晋城经济技术开发区",
        "an empty short name is the full name"
    );
    for words in ["县(市、区)", "县（市、区）", "county", "县市区"] {
        assert_eq!(UnitCategory::parse_words(words), Some(UnitCategory::County), "{words}");
    }
}

#[test]
fn a_login_name_is_lower_case_letters_and_digits_and_a_role_is_named_in_words() {
    let u = check_user(&UserInput {
        username: " FGW_Zhang ".into(),
        display_name: "张明".into(),
        role: "单位联络员".into(),
        email: "zhang@fgw.gov.cn".into(),
    })
    .unwrap();
    assert_eq!((u.username.as_str(), u.role), ("fgw_zhang", Role::UnitUser));
    for bad in ["a", "张明", "-x", "a b", "a/b", &"x".repeat(33)] {
        let e = check_user(&UserInput {
            username: bad.into(),
            display_name: "张".into(),
            role: "leader".into(),
            email: String::new(),
        })
        .unwrap_err();
        assert_eq!(e[0].code, "USERNAME_INVALID", "{bad}");
    }
    let e = check_user(&UserInput {
        username: "ab".into(),
        display_name: "张".into(),
        role: "局长".into(),
        email: "not-an-address".into(),
    })
    .unwrap_err();
    let codes: Vec<&str> = e.iter().map(|e| e.code.name).collect();
    assert_eq!(codes, ["USER_ROLE_UNKNOWN", "USER_EMAIL_INVALID"]);
    assert_eq!(check_link(Role::UnitUser, None, None)[0].code, "USER_UNIT_MISSING");
    assert_eq!(check_link(Role::Leader, Some(1), None)[0].code, "USER_LEADER_MISSING");
    assert!(!Role::Admin.assignable() && Role::Supervisor.assignable());
}

#[test]
fn a_header_is_found_by_its_words_and_a_missing_column_is_named() {
    let t = read_table(
        SheetKind::Units,
        &cells(&[
            &[],
            &["单位全称*", "类别", "备注"],
            &["市财政局", "市直部门", "x"],
            &["", ""],
        ]),
    )
    .unwrap();
    assert_eq!(t.rows.len(), 1, "the empty row is skipped");
    assert_eq!((t.rows[0].line, t.rows[0].get("name")), (3, "市财政局"));
    let e = read_table(SheetKind::Units, &cells(&[&["单位全称"], &["市财政局"]])).unwrap_err();
    assert_eq!(e[0].code, "IMPORT_COLUMN_MISSING");
    assert_eq!(e[0].place(Lang::Zh), "单位表第1行（类别）");
    assert_eq!(
        SheetKind::by_header(&cells(&[&["登录名", "姓名", "角色"]])[0]),
        Some(SheetKind::Users)
    );
    assert_eq!(
        SheetKind::by_header(&cells(&[&["姓名", "职务"]])[0]),
        Some(SheetKind::Leaders)
    );
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(27), "AB");
}

#[test]
fn an_import_adds_changes_and_leaves_rows_and_names_new_units_from_later_tables() {
    let units = read_table(
        SheetKind::Units,
        &cells(&[
            &["编号", "单位全称", "简称", "类别", "排序", "状态"],
            &["10", "晋城市发展和改革委员会", "市发改委", "市直部门", "10", "在用"],
            &["", "晋城市财政局", "市财政局", "市直部门", "", ""],
        ]),
    )
    .unwrap();
    let leaders = read_table(
        SheetKind::Leaders,
        &cells(&[
            &["姓名", "职务", "分管领域", "分管单位"],
            &["李建平", "副市长", "财政", "市财政局、市发改委"],
        ]),
    )
    .unwrap();
    let users = read_table(
        SheetKind::Users,
        &cells(&[
            &["登录名", "姓名", "角色", "所属单位", "对应领导"],
            &["czj", "王芳", "单位联络员", "市财政局", ""],
            &["lijianping", "李建平", "领导", "", "李建平"],
            &["admin", "系统管理员", "系统管理员", "", ""],
        ]),
    )
    .unwrap();
    let plan = plan_import(&known(), &[units, leaders, users]).unwrap();
    assert_eq!(plan.units[0].action, Action::Same(10));
    assert_eq!(plan.units[1].action, Action::Add);
    assert_eq!(plan.units[1].unit.sort, Some(20), "a new unit goes last");
    assert_eq!(plan.leaders[0].units, [Target::Known(10), Target::Added(1)]);
    assert_eq!(plan.users[0].unit, Some(Target::Added(1)));
    assert_eq!(plan.users[1].leader, Some(Target::Added(0)));
    assert_eq!(
        plan.users[2].action,
        Action::Same(30),
        "an administrator's row as it is passes"
    );
    let c = plan.counts(SheetKind::Users);
    assert_eq!((c.added, c.changed, c.same), (2, 0, 1));
}

#[test]
fn every_problem_of_every_row_is_placed_and_nothing_is_planned() {
    let units = read_table(
        SheetKind::Units,
        &cells(&[
            &["编号", "单位全称", "类别", "状态"],
            &["", "晋城市财政局", "部委", ""],
            &["99", "晋城市统计局", "市直部门", ""],
            &["", "晋城市统计局", "市直部门", "撤销"],
        ]),
    )
    .unwrap();
    let users = read_table(
        SheetKind::Users,
        &cells(&[
            &["登录名", "姓名", "角色", "所属单位"],
            &["fgw", "李四", "单位联络员", "市发改委"],
            &["new1", "王五", "单位联络员", "市水务局"],
            &["auditor2", "赵六", "审计管理员", ""],
        ]),
    )
    .unwrap();
    let problems = plan_import(&known(), &[units, users]).unwrap_err();
    let placed: Vec<(String, &str)> = problems.iter().map(|p| (p.place(Lang::Zh), p.code.name)).collect();
    assert_eq!(
        placed,
        [
            ("单位表第2行C列（类别）".to_string(), "UNIT_CATEGORY_UNKNOWN"),
            ("单位表第3行A列（编号）".to_string(), "IMPORT_ID_UNKNOWN"),
            ("单位表第4行D列（状态）".to_string(), "IMPORT_STATUS_UNKNOWN"),
            ("单位表第4行B列（单位全称）".to_string(), "IMPORT_ROW_DUPLICATE"),
            ("用户表第3行D列（所属单位）".to_string(), "USER_UNIT_UNKNOWN"),
            ("用户表第3行D列（所属单位）".to_string(), "USER_UNIT_MISSING"),
            ("用户表第4行C列（角色）".to_string(), "USER_ROLE_NOT_ASSIGNABLE"),
        ],
        "{problems:#?}"
    );
    // Row 2 of the users: fgw already exists and is unchanged but for its name — a change, no problem.
    assert_eq!(problems[0].place(Lang::En), "Units, row 2, column C (Category)");
}

#[test]
fn renaming_by_id_is_a_change_and_a_taken_name_is_refused() {
    let mut k = known();
    k.units.push(KnownUnit {
        id: 11,
        name: "晋城市财政局".into(),
        short_name: "市财政局".into(),
        category: UnitCategory::Department,
        sort: 20,
        active: true,
        merged: false,
    });
    let rename = read_table(
        SheetKind::Units,
        &cells(&[
            &["编号", "单位全称", "简称", "类别"],
            &["10", "晋城市发展改革委", "市发改委", "市直部门"],
        ]),
    )
    .unwrap();
    let plan = plan_import(&k, &[rename]).unwrap();
    assert_eq!(plan.units[0].action, Action::Change(10));
    let clash = read_table(
        SheetKind::Units,
        &cells(&[&["编号", "单位全称", "类别"], &["10", "晋城市财政局", "市直部门"]]),
    )
    .unwrap();
    assert_eq!(plan_import(&k, &[clash]).unwrap_err()[0].code, "UNIT_NAME_TAKEN");
}
