//! Checking what a person types into the plan and task forms, field by field, with every
//! problem named — never only the first.

use chrono::NaiveDate;

use crate::{Basis, Cycle, CycleKind, PlanKind, TaskTitle, Thresholds, ValidationError, Weight};

/// A task as entered in the decomposition form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskInput {
    /// 任务名称.
    pub title: String,
    /// 工作要求.
    pub description: String,
    /// Start.
    pub start: Option<NaiveDate>,
    /// Deadline, unless ongoing.
    pub due: Option<NaiveDate>,
    /// 长期坚持: no deadline.
    pub ongoing: bool,
    /// Cycle code.
    pub cycle: String,
    /// Due day of the cycle.
    pub cycle_due_day: i64,
    /// Weight among siblings.
    pub weight: i64,
    /// Domain tag.
    pub domain: String,
    /// 责任人 (the person at the lead unit), free text.
    pub owner: String,
    /// Milestones as entered: title and date.
    pub milestones: Vec<(String, Option<NaiveDate>)>,
}

/// A task that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTask {
    /// Title.
    pub title: TaskTitle,
    /// Requirements.
    pub description: String,
    /// Start.
    pub start: NaiveDate,
    /// Deadline; `None` for 长期坚持.
    pub due: Option<NaiveDate>,
    /// Reporting cycle.
    pub cycle: Cycle,
    /// Weight.
    pub weight: Weight,
    /// Domain tag.
    pub domain: String,
    /// 责任人.
    pub owner: String,
    /// Milestones, by date.
    pub milestones: Vec<(String, NaiveDate)>,
}

fn err(field: &'static str, code: crate::codes::Code, zh: impl Into<String>, en: impl Into<String>) -> ValidationError {
    ValidationError::new(field, code, zh, en)
}

/// Checks a task form.
pub fn check_task(t: &TaskInput) -> Result<ValidTask, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let title = TaskTitle::parse(&t.title).map_err(|e| errs.push(e)).ok();
    if t.description.chars().count() > 5000 {
        errs.push(err(
            "description",
            crate::codes::TASK_DESCRIPTION_TOO_LONG,
            "工作要求不能超过5000字",
            "The requirements are longer than 5000 characters",
        ));
    }
    if t.start.is_none() {
        errs.push(err(
            "start",
            crate::codes::TASK_START_MISSING,
            "请填写开始日期",
            "Give the start date",
        ));
    }
    let due = if t.ongoing { None } else { t.due };
    if !t.ongoing && t.due.is_none() {
        errs.push(err(
            "due",
            crate::codes::TASK_DUE_MISSING,
            "请填写完成时限，或选择“长期坚持”",
            "Give the deadline, or mark the task ongoing",
        ));
    }
    if let (Some(s), Some(d)) = (t.start, due)
        && d < s
    {
        errs.push(err(
            "due",
            crate::codes::TASK_DEADLINE_BEFORE_START,
            "完成时限不能早于开始日期",
            "The deadline is before the start",
        ));
    }
    let cycle = match CycleKind::parse(&t.cycle) {
        Some(kind) => Cycle::new(kind, t.cycle_due_day).map_err(|e| errs.push(e)).ok(),
        None => {
            errs.push(err(
                "cycle",
                crate::codes::CYCLE_UNKNOWN,
                "请选择报送周期",
                "Choose a reporting cycle",
            ));
            None
        }
    };
    let weight = Weight::parse(t.weight).map_err(|e| errs.push(e)).ok();
    if t.domain.chars().count() > 50 {
        errs.push(err(
            "domain",
            crate::codes::TASK_DOMAIN_TOO_LONG,
            "领域不能超过50字",
            "The domain is longer than 50 characters",
        ));
    }
    if t.owner.chars().count() > 100 {
        errs.push(err(
            "owner",
            crate::codes::TASK_OWNER_TOO_LONG,
            "责任人不能超过100字",
            "The owner is longer than 100 characters",
        ));
    }
    let mut milestones = Vec::new();
    for (i, (mt, md)) in t.milestones.iter().enumerate() {
        let n = i + 1;
        if mt.trim().is_empty() && md.is_none() {
            continue; // an empty row of the form
        }
        if mt.trim().is_empty() {
            errs.push(err(
                "milestones",
                crate::codes::MILESTONE_TITLE_EMPTY,
                format!("第{n}个节点目标缺少内容"),
                format!("Milestone {n} has no title"),
            ));
        } else if crate::text::has_hidden(mt.trim()) {
            errs.push(crate::text::hidden_error("milestones", ("节点目标", "milestone")));
        }
        match md {
            None => errs.push(err(
                "milestones",
                crate::codes::MILESTONE_DATE_MISSING,
                format!("第{n}个节点目标缺少日期"),
                format!("Milestone {n} has no date"),
            )),
            Some(d) => {
                let before = t.start.is_some_and(|s| *d < s);
                let after = due.is_some_and(|due| *d > due);
                if before || after {
                    errs.push(err(
                        "milestones",
                        crate::codes::MILESTONE_OUTSIDE_TASK,
                        format!("第{n}个节点目标的日期应在开始日期和完成时限之间"),
                        format!("Milestone {n} falls outside the task's start and deadline"),
                    ));
                }
                milestones.push((mt.trim().to_string(), *d));
            }
        }
    }
    milestones.sort_by_key(|m| m.1);
    match (title, t.start, cycle, weight, errs.is_empty()) {
        (Some(title), Some(start), Some(cycle), Some(weight), true) => Ok(ValidTask {
            title,
            description: t.description.trim().to_string(),
            start,
            due,
            cycle,
            weight,
            domain: t.domain.trim().to_string(),
            owner: t.owner.trim().to_string(),
            milestones,
        }),
        _ => Err(errs),
    }
}

/// A plan as entered in the plan form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInput {
    /// Kind code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Document number.
    pub doc_no: String,
    /// Date issued or held.
    pub issued_on: Option<NaiveDate>,
    /// Summary.
    pub summary: String,
    /// Full text.
    pub source_text: String,
    /// Yellow threshold, points.
    pub yellow_lag: i64,
    /// Red threshold, points.
    pub red_lag: i64,
    /// Days a milestone may be late before red.
    pub milestone_red_days: i64,
    /// Which reports the lights read (`sent` or `accepted`; empty for `sent`).
    pub basis: String,
}

/// A plan that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPlan {
    /// Kind.
    pub kind: PlanKind,
    /// Title.
    pub title: String,
    /// Document number.
    pub doc_no: String,
    /// Date issued.
    pub issued_on: NaiveDate,
    /// Summary.
    pub summary: String,
    /// Full text.
    pub source_text: String,
    /// Light thresholds.
    pub thresholds: Thresholds,
}

/// Checks a plan form.
pub fn check_plan(p: &PlanInput) -> Result<ValidPlan, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let kind = PlanKind::parse(&p.kind);
    if kind.is_none() {
        errs.push(err(
            "kind",
            crate::codes::PLAN_KIND_UNKNOWN,
            "请选择计划类型",
            "Choose the kind of plan",
        ));
    }
    let title = p.title.trim();
    if title.is_empty() {
        errs.push(err(
            "title",
            crate::codes::PLAN_TITLE_EMPTY,
            "请填写计划名称",
            "Give the plan a title",
        ));
    } else if title.chars().count() > 200 {
        errs.push(err(
            "title",
            crate::codes::PLAN_TITLE_TOO_LONG,
            "计划名称不能超过200字",
            "The title is longer than 200 characters",
        ));
    } else if crate::text::has_hidden(title) {
        errs.push(crate::text::hidden_error("title", ("计划名称", "plan's title")));
    }
    if p.issued_on.is_none() {
        errs.push(err(
            "issued_on",
            crate::codes::PLAN_DATE_MISSING,
            "请填写印发或会议日期",
            "Give the date it was issued or held",
        ));
    }
    if p.source_text.chars().count() > 500_000 {
        errs.push(err(
            "source_text",
            crate::codes::PLAN_TEXT_TOO_LONG,
            "原文不能超过50万字",
            "The text is longer than 500,000 characters",
        ));
    }
    for (field, v, max) in [
        ("yellow_lag", p.yellow_lag, 100),
        ("red_lag", p.red_lag, 100),
        ("milestone_red_days", p.milestone_red_days, 365),
    ] {
        if !(1..=max).contains(&v) {
            errs.push(err(
                field,
                crate::codes::THRESHOLD_OUT_OF_RANGE,
                format!("亮灯阈值应在1到{max}之间"),
                format!("The threshold must be between 1 and {max}"),
            ));
        }
    }
    let basis = if p.basis.trim().is_empty() {
        Some(Basis::Sent)
    } else {
        Basis::parse(p.basis.trim())
    };
    if basis.is_none() {
        errs.push(err(
            "basis",
            crate::codes::PLAN_BASIS_UNKNOWN,
            "请选择灯色依据：按最新报送，或只按已采纳的报送",
            "Choose what the lights read: the latest report sent, or accepted reports only",
        ));
    }
    if p.yellow_lag >= p.red_lag {
        errs.push(err(
            "red_lag",
            crate::codes::THRESHOLDS_ORDER,
            "红灯阈值应大于黄灯阈值",
            "The red threshold must be above the yellow one",
        ));
    }
    match (kind, p.issued_on, basis, errs.is_empty()) {
        (Some(kind), Some(issued_on), Some(basis), true) => Ok(ValidPlan {
            kind,
            title: title.to_string(),
            doc_no: p.doc_no.trim().to_string(),
            issued_on,
            summary: p.summary.trim().to_string(),
            source_text: p.source_text.clone(),
            thresholds: Thresholds {
                yellow_lag: p.yellow_lag as u8,
                red_lag: p.red_lag as u8,
                milestone_red_days: p.milestone_red_days as u16,
                basis,
            },
        }),
        _ => Err(errs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, m, day)
    }

    fn task() -> TaskInput {
        TaskInput {
            title: "改造老旧小区120个".into(),
            start: d(2, 1),
            due: d(12, 31),
            cycle: "monthly".into(),
            cycle_due_day: 25,
            weight: 1,
            milestones: vec![("完成50个".into(), d(6, 30)), (String::new(), None)],
            ..TaskInput::default()
        }
    }

    fn codes(t: &TaskInput) -> Vec<&'static str> {
        check_task(t)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.code.name)
            .collect()
    }

    #[test]
    fn a_complete_task_passes_and_empty_milestone_rows_are_ignored() {
        let v = check_task(&task()).unwrap();
        assert_eq!(v.milestones.len(), 1);
        assert_eq!(v.due, d(12, 31));
    }

    #[test]
    fn a_deadline_before_the_start_is_refused() {
        assert_eq!(
            codes(&TaskInput {
                due: d(1, 1),
                milestones: vec![],
                ..task()
            }),
            vec!["TASK_DEADLINE_BEFORE_START"]
        );
    }

    #[test]
    fn an_ongoing_task_needs_no_deadline_and_ignores_one_given() {
        let v = check_task(&TaskInput {
            ongoing: true,
            due: None,
            milestones: vec![],
            ..task()
        })
        .unwrap();
        assert_eq!(v.due, None);
        assert_eq!(codes(&TaskInput { due: None, ..task() }), vec!["TASK_DUE_MISSING"]);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let t = TaskInput {
            title: " ".into(),
            start: None,
            cycle: "daily".into(),
            weight: 0,
            milestones: vec![("".into(), d(3, 1)), ("晚了".into(), None)],
            ..task()
        };
        assert_eq!(
            codes(&t),
            vec![
                "TASK_TITLE_EMPTY",
                "TASK_START_MISSING",
                "CYCLE_UNKNOWN",
                "TASK_WEIGHT_OUT_OF_RANGE",
                "MILESTONE_TITLE_EMPTY",
                "MILESTONE_DATE_MISSING"
            ]
        );
    }

    #[test]
    fn a_milestone_outside_the_task_is_refused() {
        let t = TaskInput {
            milestones: vec![("年后".into(), NaiveDate::from_ymd_opt(2021, 1, 15))],
            ..task()
        };
        assert_eq!(codes(&t), vec!["MILESTONE_OUTSIDE_TASK"]);
    }

    fn plan() -> PlanInput {
        PlanInput {
            kind: "meeting".into(),
            title: "调度会".into(),
            issued_on: d(5, 7),
            yellow_lag: 20,
            red_lag: 40,
            milestone_red_days: 15,
            ..PlanInput::default()
        }
    }

    #[test]
    fn plan_thresholds_must_be_in_order_and_in_range() {
        assert!(check_plan(&plan()).is_ok());
        let e: Vec<_> = check_plan(&PlanInput {
            yellow_lag: 40,
            red_lag: 30,
            ..plan()
        })
        .unwrap_err()
        .into_iter()
        .map(|e| e.code)
        .collect();
        assert_eq!(e, vec!["THRESHOLDS_ORDER"]);
        let e: Vec<_> = check_plan(&PlanInput { red_lag: 101, ..plan() })
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(e, vec!["THRESHOLD_OUT_OF_RANGE"]);
        let e: Vec<_> = check_plan(&PlanInput {
            kind: "x".into(),
            title: "".into(),
            issued_on: None,
            ..plan()
        })
        .unwrap_err()
        .into_iter()
        .map(|e| e.code)
        .collect();
        assert_eq!(e, vec!["PLAN_KIND_UNKNOWN", "PLAN_TITLE_EMPTY", "PLAN_DATE_MISSING"]);
        assert_eq!(check_plan(&plan()).unwrap().thresholds.basis, Basis::Sent);
        let accepted = PlanInput {
            basis: "accepted".into(),
            ..plan()
        };
        assert_eq!(check_plan(&accepted).unwrap().thresholds.basis, Basis::Accepted);
        let e: Vec<_> = check_plan(&PlanInput {
            basis: "checked".into(),
            ..plan()
        })
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
        assert_eq!(e, vec![("basis", crate::codes::PLAN_BASIS_UNKNOWN)]);
    }
}
