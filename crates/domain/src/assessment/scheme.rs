//! An assessment scheme (考核方案) as data: the period, the base score, the groups of units ranked
//! apart, the rules with their points and caps, the floor, the share of the leaders' evaluation
//! (评议), how grades are given and who sees the ranking. Points are hundredths (`-50` is −0.5).

use chrono::NaiveDate;

use crate::{ValidationError, codes, named::named_codes, task::UnitCategory};

named_codes! {
    /// What a rule counts; each names the records it comes from.
    RuleKind {
        /// A task led by the unit, completed on time.
        TaskOnTimeLead => "task_on_time_lead", "牵头任务按期完成", "Task led, done on time";
        /// A task the unit co-owns, completed on time.
        TaskOnTimeCo => "task_on_time_co", "配合任务按期完成", "Task co-owned, done on time";
        /// A task led by the unit, completed after its deadline.
        TaskLate => "task_late", "牵头任务逾期完成", "Task led, done late";
        /// A task led by the unit, past its deadline and not done: per month overdue.
        TaskOverdueLead => "task_overdue_lead", "牵头任务超期未完成（每月）", "Task led, overdue (a month)";
        /// A task the unit co-owns, past its deadline and not done: per month overdue.
        TaskOverdueCo => "task_overdue_co", "配合任务超期未完成（每月）", "Task co-owned, overdue (a month)";
        /// A progress report sent after its due day.
        ReportLate => "report_late", "进展迟报", "Report late";
        /// A progress report owed and never sent.
        ReportMissing => "report_missing", "进展漏报", "Report missing";
        /// A progress report returned by the office.
        ReportReturned => "report_returned", "报送被退回", "Report returned";
        /// A supervision order issued to the unit.
        OrderIssued => "order_issued", "被下发督办单", "Supervision order issued";
        /// A supervision order not closed by its deadline.
        OrderOverdue => "order_overdue", "督办单逾期未办结", "Supervision order overdue";
        /// A key project of the unit's behind 序时进度 in a month (its month's light red or yellow).
        ProjectBehind => "project_behind", "重点项目落后序时进度（每月）", "Key project behind time (a month)";
        /// An indicator of the unit's below 序时进度 in a month.
        IndicatorBehind => "indicator_behind", "指标落后序时进度（每月）", "Indicator behind time (a month)";
        /// 约谈.
        Interview => "interview", "约谈", "Admonition talk";
        /// 通报批评.
        Criticism => "criticism", "通报批评", "Public criticism";
        /// 问责.
        Accountability => "accountability", "问责", "Accountability";
        /// 通报表扬.
        Praise => "praise", "通报表扬", "Public praise";
        /// 记功.
        Merit => "merit", "记功", "Merit";
    }
}

named_codes! {
    /// The length of an assessment period.
    PeriodKind {
        /// A quarter.
        Quarter => "quarter", "季度", "Quarter";
        /// A half-year.
        HalfYear => "half_year", "半年", "Half-year";
        /// A year.
        Year => "year", "年度", "Year";
    }
}

named_codes! {
    /// Who sees a ranking: never published unless the scheme says so.
    Visibility {
        /// The supervision office only (the default).
        Office => "office", "仅督查室", "The office only";
        /// The office and the leaders.
        Leaders => "leaders", "督查室和领导", "The office and leaders";
        /// Every unit sees the ranking of its group.
        Units => "units", "各单位", "Every unit";
        /// Published on the public site.
        Public => "public", "公开发布", "Published";
    }
}

named_codes! {
    /// A grade.
    Grade {
        /// 优秀.
        Excellent => "excellent", "优秀", "Excellent";
        /// 良好.
        Good => "good", "良好", "Good";
        /// 合格.
        Pass => "pass", "合格", "Pass";
        /// 不合格.
        Fail => "fail", "不合格", "Fail";
    }
}

/// A rule: what it counts, the points of each (hundredths, negative for a deduction), and the
/// most the rule may add or take in the period (hundredths, positive), if limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// What it counts.
    pub kind: RuleKind,
    /// Points per record (or per month, for the per-month kinds).
    pub points: i64,
    /// The most the rule moves the score in the period, in either direction.
    pub cap: Option<i64>,
}

/// Units ranked together: a name and the unit categories it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its name (市直部门, 县(市、区), 开发区).
    pub name: String,
    /// The categories of the units in it.
    pub categories: Vec<UnitCategory>,
}

/// How grades are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grading {
    /// By score: 优秀 from `excellent`, 良好 from `good`, 合格 from `pass`, else 不合格 (hundredths).
    CutOffs {
        /// 优秀 from.
        excellent: i64,
        /// 良好 from.
        good: i64,
        /// 合格 from.
        pass: i64,
    },
    /// By place in the group: the top `excellent` percent 优秀, the next `good` percent 良好,
    /// the rest 合格 — below `pass` points 不合格 whatever the place.
    Shares {
        /// Percent of the group graded 优秀.
        excellent: i64,
        /// Percent graded 良好.
        good: i64,
        /// 不合格 below (hundredths).
        pass: i64,
    },
}

/// The rules of an assessment period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its name (2020年上半年市直部门和县（市、区）绩效考核).
    pub name: String,
    /// The period's length.
    pub kind: PeriodKind,
    /// Its first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// Each unit starts at (hundredths).
    pub base: i64,
    /// The lowest a score goes (hundredths).
    pub floor: i64,
    /// The leaders' evaluation's share of the total, in percent (0 for none).
    pub evaluation_share: i64,
    /// Groups ranked apart.
    pub groups: Vec<Group>,
    /// The rules.
    pub rules: Vec<Rule>,
    /// Grades.
    pub grading: Grading,
    /// Who sees the ranking.
    pub visibility: Visibility,
}

/// The points of common practice: what a new scheme starts from.
pub fn default_rules() -> Vec<Rule> {
    use RuleKind::*;
    let r = |kind, points, cap| Rule { kind, points, cap };
    vec![
        r(TaskOnTimeLead, 50, Some(500)),
        r(TaskOnTimeCo, 20, Some(200)),
        r(TaskLate, -50, None),
        r(TaskOverdueLead, -100, Some(1000)),
        r(TaskOverdueCo, -50, Some(500)),
        r(ReportLate, -10, Some(300)),
        r(ReportMissing, -50, Some(500)),
        r(ReportReturned, -10, Some(200)),
        r(OrderIssued, -100, Some(500)),
        r(OrderOverdue, -200, None),
        r(ProjectBehind, -20, Some(400)),
        r(IndicatorBehind, -20, Some(400)),
        r(Interview, -100, None),
        r(Criticism, -200, None),
        r(Accountability, -500, None),
        r(Praise, 100, Some(300)),
        r(Merit, 200, Some(400)),
    ]
}

/// The groups of common practice.
pub fn default_groups() -> Vec<Group> {
    vec![
        Group {
            name: "市直部门".into(),
            categories: vec![UnitCategory::Department],
        },
        Group {
            name: "县（市、区）".into(),
            categories: vec![UnitCategory::County],
        },
        Group {
            name: "开发区".into(),
            categories: vec![UnitCategory::Zone],
        },
    ]
}

/// The grading of common practice: 95, 85 and 60 points.
pub const DEFAULT_GRADING: Grading = Grading::CutOffs {
    excellent: 9_500,
    good: 8_500,
    pass: 6_000,
};

fn bad(field: &'static str, zh: impl Into<String>, en: impl Into<String>) -> ValidationError {
    ValidationError::new(field, codes::SCHEME_INVALID, zh, en)
}

/// Checks a scheme: the period in order and of its kind's length at most, a base above the
/// floor, the evaluation's share 0–50%, groups named and apart, each rule once with a cap
/// that is positive, grades in order.
pub fn check_scheme(s: &Scheme) -> Result<(), Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = s.name.trim();
    if name.is_empty() || name.chars().count() > 100 || crate::text::has_hidden(name) {
        errs.push(bad(
            "name",
            "请填写方案名称（100字以内）",
            "Give the scheme a name (up to 100 characters)",
        ));
    }
    let days = (s.to - s.from).num_days() + 1;
    let most = match s.kind {
        PeriodKind::Quarter => 92,
        PeriodKind::HalfYear => 184,
        PeriodKind::Year => 366,
    };
    if days < 1 || days > most {
        errs.push(bad(
            "to",
            format!("考核期应为{}以内，结束日期不早于开始日期", s.kind.names().0),
            format!(
                "The period is at most a {} and ends on or after it starts",
                s.kind.names().1
            ),
        ));
    }
    if !(0..=20_000).contains(&s.base) || !(0..=s.base).contains(&s.floor) {
        errs.push(bad(
            "base",
            "基础分应在0至200分之间，保底分不高于基础分",
            "The base is 0 to 200 points and the floor not above it",
        ));
    }
    if !(0..=50).contains(&s.evaluation_share) {
        errs.push(bad(
            "evaluation_share",
            "评议得分的权重应在0至50%之间",
            "The evaluation's share is 0 to 50%",
        ));
    }
    let mut seen = Vec::new();
    for g in &s.groups {
        let n = g.name.trim();
        if n.is_empty() || n.chars().count() > 20 || g.categories.is_empty() {
            errs.push(bad(
                "groups",
                "排名分组须有名称（20字以内）和单位类别",
                "A group needs a name and unit categories",
            ));
        }
        for c in &g.categories {
            if seen.contains(c) {
                errs.push(bad(
                    "groups",
                    "同一类单位只能在一个排名分组中",
                    "A unit category is in one group only",
                ));
            }
            seen.push(*c);
        }
    }
    if s.groups.is_empty() {
        errs.push(bad("groups", "请至少设一个排名分组", "Set at least one group"));
    }
    let mut kinds = Vec::new();
    for r in &s.rules {
        if kinds.contains(&r.kind) {
            errs.push(bad(
                "rules",
                format!("“{}”重复", r.kind.names().0),
                format!("“{}” is set twice", r.kind.names().1),
            ));
        }
        kinds.push(r.kind);
        if r.points.abs() > 10_000 || r.cap.is_some_and(|c| c <= 0 || c > 10_000) {
            errs.push(bad(
                "rules",
                format!("“{}”的分值应在±100分以内，上限为正数", r.kind.names().0),
                format!("“{}”: points within ±100 and a positive cap", r.kind.names().1),
            ));
        }
    }
    let ordered = match s.grading {
        Grading::CutOffs { excellent, good, pass } => excellent > good && good > pass && pass >= 0,
        Grading::Shares { excellent, good, pass } => {
            excellent >= 0 && good >= 0 && excellent + good <= 100 && pass >= 0
        }
    };
    if !ordered {
        errs.push(bad(
            "grading",
            "等次的分数线或比例有误",
            "The grades' cut-offs or shares are not in order",
        ));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// The groups as stored: `[{"name": "市直部门", "categories": ["department"]}, …]`.
pub fn groups_code(groups: &[Group]) -> String {
    serde_json::Value::Array(
        groups
            .iter()
            .map(|g| {
                serde_json::json!({
                    "name": g.name,
                    "categories": g.categories.iter().map(|c| c.code()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
    .to_string()
}

/// The groups stored as [`groups_code`] writes them.
pub fn parse_groups(s: &str) -> Option<Vec<Group>> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    v.as_array()?
        .iter()
        .map(|g| {
            Some(Group {
                name: g.get("name")?.as_str()?.to_string(),
                categories: g
                    .get("categories")?
                    .as_array()?
                    .iter()
                    .map(|c| c.as_str().and_then(UnitCategory::parse))
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect()
}

/// The grading as stored: `cut_offs:9500,8500,6000` or `shares:20,50,6000`.
pub fn grading_code(g: Grading) -> String {
    match g {
        Grading::CutOffs { excellent, good, pass } => format!("cut_offs:{excellent},{good},{pass}"),
        Grading::Shares { excellent, good, pass } => format!("shares:{excellent},{good},{pass}"),
    }
}

/// The grading stored as [`grading_code`] writes it.
pub fn parse_grading(s: &str) -> Option<Grading> {
    let (kind, rest) = s.split_once(':')?;
    let n: Vec<i64> = rest
        .split(',')
        .map(|x| x.trim().parse().ok())
        .collect::<Option<Vec<_>>>()?;
    let [excellent, good, pass] = n[..] else { return None };
    match kind {
        "cut_offs" => Some(Grading::CutOffs { excellent, good, pass }),
        "shares" => Some(Grading::Shares { excellent, good, pass }),
        _ => None,
    }
}
