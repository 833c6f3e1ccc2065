//! Checking a key project as entered (form, API or sheet), field by field, with every problem
//! named in the user's language — never only the first. Whether a unit or leader exists is the
//! server's check against the directory; this is everything that needs no lookup.

use super::{Level, Month, Nature, Stage, Wan, money::MoneyError};
use crate::{ValidationError, codes, text};

/// A project as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectInput {
    /// 项目名称.
    pub name: String,
    /// 级别: a code or its words (`省级`).
    pub level: String,
    /// 建设性质.
    pub nature: String,
    /// 项目阶段.
    pub stage: String,
    /// 总投资, 万元.
    pub total: String,
    /// The year whose plan `annual_plan` is.
    pub year: i32,
    /// 年度计划投资, 万元.
    pub annual_plan: String,
    /// 计划开工 (`2020-03`).
    pub planned_start: String,
    /// 计划竣工.
    pub planned_finish: String,
    /// 实际开工 (empty: not yet).
    pub actual_start: String,
    /// 实际竣工 (empty: not yet).
    pub actual_finish: String,
    /// 建设内容 (free text).
    pub content: String,
}

/// A project that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProject {
    /// Name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Nature.
    pub nature: Nature,
    /// Stage.
    pub stage: Stage,
    /// Total investment.
    pub total: Wan,
    /// The plan's year.
    pub year: i32,
    /// This year's planned investment.
    pub annual_plan: Wan,
    /// Planned start and completion.
    pub planned: (Month, Month),
    /// Actual start and completion, where they happened.
    pub actual: (Option<Month>, Option<Month>),
    /// 建设内容.
    pub content: String,
}

/// The longest name.
pub const MAX_NAME: usize = 100;
/// The longest 建设内容.
pub const MAX_CONTENT: usize = 2_000;

fn money(field: &'static str, what: (&str, &str), typed: &str, errs: &mut Vec<ValidationError>) -> Option<Wan> {
    match Wan::parse(typed) {
        Ok(w) => Some(w),
        Err(e) => {
            let (code, zh, en) = match e {
                MoneyError::Negative => (codes::PROJECT_MONEY_NEGATIVE, "不能为负数", "cannot be negative"),
                MoneyError::TooLarge => (codes::PROJECT_MONEY_TOO_LARGE, "超过1000亿元", "is over 1,000 亿元"),
                MoneyError::NotANumber => (
                    codes::PROJECT_MONEY_NOT_A_NUMBER,
                    "应为以万元计的数字，最多两位小数",
                    "must be a number of 万元 with at most two decimals",
                ),
            };
            errs.push(ValidationError::new(
                field,
                code,
                format!("{}{zh}", what.0),
                format!("{} {en}", what.1),
            ));
            None
        }
    }
}

fn month(
    field: &'static str,
    what: (&str, &str),
    typed: &str,
    required: bool,
    errs: &mut Vec<ValidationError>,
) -> Option<Month> {
    if typed.trim().is_empty() {
        if required {
            errs.push(ValidationError::new(
                field,
                codes::PROJECT_MONTH_MISSING,
                format!("请填写{}", what.0),
                format!("Enter the {}", what.1),
            ));
        }
        return None;
    }
    let m = Month::parse(typed);
    if m.is_none() {
        errs.push(ValidationError::new(
            field,
            codes::PROJECT_MONTH_INVALID,
            format!("{}应为年月，如2020-06", what.0),
            format!("The {} must be a month such as 2020-06", what.1),
        ));
    }
    m
}

fn named<T: Copy>(
    field: &'static str,
    what: (&str, &str),
    typed: &str,
    parse: fn(&str) -> Option<T>,
    errs: &mut Vec<ValidationError>,
) -> Option<T> {
    let v = parse(typed);
    if v.is_none() {
        errs.push(ValidationError::new(
            field,
            codes::PROJECT_CHOICE_UNKNOWN,
            format!("请选择{}", what.0),
            format!("Choose the {}", what.1),
        ));
    }
    v
}

/// Checks a project as typed, as of the month `now` (an actual start or completion cannot be in
/// the future).
pub fn check_project(p: &ProjectInput, now: Month) -> Result<ValidProject, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = p.name.trim();
    if name.is_empty() {
        errs.push(ValidationError::new(
            "name",
            codes::PROJECT_NAME_MISSING,
            "请填写项目名称",
            "Enter the project's name",
        ));
    } else if name.chars().count() > MAX_NAME {
        errs.push(ValidationError::new(
            "name",
            codes::PROJECT_NAME_TOO_LONG,
            format!("项目名称不能超过{MAX_NAME}字"),
            format!("The name is longer than {MAX_NAME} characters"),
        ));
    } else if text::has_hidden(name) {
        errs.push(text::hidden_error("name", ("项目名称", "The name")));
    }
    if p.content.chars().count() > MAX_CONTENT {
        errs.push(ValidationError::new(
            "content",
            codes::PROJECT_CONTENT_TOO_LONG,
            format!("建设内容不能超过{MAX_CONTENT}字"),
            format!("The content is longer than {MAX_CONTENT} characters"),
        ));
    }
    let level = named("level", ("级别", "level"), &p.level, Level::parse_words, &mut errs);
    let nature = named(
        "nature",
        ("建设性质", "nature"),
        &p.nature,
        Nature::parse_words,
        &mut errs,
    );
    let stage = named("stage", ("项目阶段", "stage"), &p.stage, Stage::parse_words, &mut errs);
    let total = money("total", ("总投资", "The total investment"), &p.total, &mut errs);
    let annual_plan = money(
        "annual_plan",
        ("年度计划投资", "The year's planned investment"),
        &p.annual_plan,
        &mut errs,
    );
    if let (Some(t), Some(a)) = (total, annual_plan)
        && a > t
    {
        errs.push(ValidationError::new(
            "annual_plan",
            codes::PROJECT_PLAN_OVER_TOTAL,
            "年度计划投资不能超过总投资",
            "The year's planned investment cannot exceed the total",
        ));
    }
    if !(1990..=2100).contains(&p.year) {
        errs.push(ValidationError::new(
            "year",
            codes::PROJECT_MONTH_INVALID,
            "年度应在1990至2100之间",
            "The year must be from 1990 to 2100",
        ));
    }
    let ps = month(
        "planned_start",
        ("计划开工年月", "planned start"),
        &p.planned_start,
        true,
        &mut errs,
    );
    let pf = month(
        "planned_finish",
        ("计划竣工年月", "planned completion"),
        &p.planned_finish,
        true,
        &mut errs,
    );
    let as_ = month(
        "actual_start",
        ("实际开工年月", "actual start"),
        &p.actual_start,
        false,
        &mut errs,
    );
    let af = month(
        "actual_finish",
        ("实际竣工年月", "actual completion"),
        &p.actual_finish,
        false,
        &mut errs,
    );
    let before = |field: &'static str, zh: &str, en: &str, errs: &mut Vec<ValidationError>| {
        errs.push(ValidationError::new(
            field,
            codes::PROJECT_FINISH_BEFORE_START,
            zh.to_string(),
            en.to_string(),
        ));
    };
    if let (Some(s), Some(f)) = (ps, pf)
        && f < s
    {
        before(
            "planned_finish",
            "计划竣工不能早于计划开工",
            "The planned completion is before the planned start",
            &mut errs,
        );
    }
    if let (Some(s), Some(f)) = (as_, af)
        && f < s
    {
        before(
            "actual_finish",
            "实际竣工不能早于实际开工",
            "The completion is before the start",
            &mut errs,
        );
    }
    if af.is_some() && as_.is_none() {
        before(
            "actual_start",
            "已竣工的项目请填写实际开工年月",
            "A completed project needs its start",
            &mut errs,
        );
    }
    for (field, m, zh, en) in [
        ("actual_start", as_, "实际开工", "start"),
        ("actual_finish", af, "实际竣工", "completion"),
    ] {
        if m.is_some_and(|m| m > now) {
            errs.push(ValidationError::new(
                field,
                codes::PROJECT_MONTH_IN_FUTURE,
                format!("{zh}年月不能晚于本月"),
                format!("The actual {en} cannot be after this month"),
            ));
        }
    }
    if let Some(st) = stage {
        if st.started() && as_.is_none() {
            errs.push(ValidationError::new(
                "actual_start",
                codes::PROJECT_STAGE_NEEDS_START,
                format!("阶段为“{}”的项目请填写实际开工年月", st.names().0),
                format!("A project at the stage “{}” needs its actual start", st.names().1),
            ));
        }
        if !st.started() && as_.is_some() {
            errs.push(ValidationError::new(
                "stage",
                codes::PROJECT_STAGE_NEEDS_START,
                "已开工的项目，阶段应为新开工及以后",
                "A project that has started is at least newly started",
            ));
        }
    }
    match (level, nature, stage, total, annual_plan, ps, pf) {
        (Some(level), Some(nature), Some(stage), Some(total), Some(annual_plan), Some(s), Some(f))
            if errs.is_empty() =>
        {
            Ok(ValidProject {
                name: name.to_string(),
                level,
                nature,
                stage,
                total,
                year: p.year,
                annual_plan,
                planned: (s, f),
                actual: (as_, af),
                content: p.content.trim().to_string(),
            })
        }
        _ => Err(errs),
    }
}
