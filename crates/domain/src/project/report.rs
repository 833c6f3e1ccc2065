//! A project's monthly report (项目月报) as the responsible unit types it: the month's investment
//! (本月完成投资) or the year's cumulative figure (累计), from which the month's is computed —
//! never typed twice; 形象进度, 存在问题, 下步计划. A month's figure below zero (a cumulative lower
//! than last month's) or a change of a month already accepted is a correction: it needs a
//! reason and is never silent.

use super::{Month, Wan, money::MoneyError};
use crate::{ValidationError, codes};

/// A monthly report as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthlyInput {
    /// The month reported, `2020-06`.
    pub month: String,
    /// 本月完成投资, 万元 (or empty when `cumulative` is given).
    pub invested: String,
    /// 1–M月累计完成投资, 万元 (or empty).
    pub cumulative: String,
    /// 形象进度.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Why a figure is corrected.
    pub correction_reason: String,
}

/// What the year's earlier reports say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reported {
    /// Each month of the year already reported (submitted or accepted) and its figure.
    pub months: Vec<(Month, Wan)>,
    /// This month's figure as accepted before, if it was.
    pub accepted: Option<Wan>,
}

impl Reported {
    /// The year's cumulative figure up to and including `to`.
    pub fn cumulative(&self, to: Month) -> Wan {
        self.months
            .iter()
            .filter(|(m, _)| m.year == to.year && *m <= to)
            .map(|(_, w)| *w)
            .sum()
    }
}

/// A monthly report that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMonthly {
    /// The month.
    pub month: Month,
    /// The month's investment (below zero only as a correction).
    pub invested: Wan,
    /// The year's cumulative figure with it.
    pub cumulative: Wan,
    /// 形象进度.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Why it corrects, when it does.
    pub correction_reason: Option<String>,
}

/// The longest text of a field.
pub const MAX_TEXT: usize = 2_000;

fn money_error(field: &'static str, e: MoneyError) -> ValidationError {
    let code = match e {
        MoneyError::Negative => codes::PROJECT_MONEY_NEGATIVE,
        MoneyError::TooLarge => codes::PROJECT_MONEY_TOO_LARGE,
        MoneyError::NotANumber => codes::PROJECT_MONEY_NOT_A_NUMBER,
    };
    ValidationError::of(field, code)
}

/// Checks a monthly report as typed, against what the year's reports say, as of month `now`.
pub fn check_monthly(r: &MonthlyInput, before: &Reported, now: Month) -> Result<ValidMonthly, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let month = Month::parse(&r.month);
    match month {
        None => errs.push(ValidationError::of("month", codes::PROJECT_MONTH_INVALID)),
        Some(m) if m > now => errs.push(ValidationError::new(
            "month",
            codes::PROJECT_MONTH_IN_FUTURE,
            format!("{}尚未结束，不能报送", m.text(crate::Lang::Zh)),
            format!("{} is not over yet", m.text(crate::Lang::En)),
        )),
        Some(_) => {}
    }
    let typed = |s: &str| (!s.trim().is_empty()).then(|| Wan::parse(s));
    let invested = match (typed(&r.invested), typed(&r.cumulative)) {
        (Some(Ok(w)), None) => Some(w),
        (Some(Err(e)), _) => {
            errs.push(money_error("invested", e));
            None
        }
        (None | Some(Ok(_)), Some(Err(e))) => {
            errs.push(money_error("cumulative", e));
            None
        }
        (None, Some(Ok(c))) => month.map(|m| c - before.cumulative(m.previous())),
        (Some(Ok(w)), Some(Ok(c))) => {
            // Both typed: they must agree.
            let agrees = month.is_some_and(|m| before.cumulative(m.previous()) + w == c);
            if !agrees {
                errs.push(ValidationError::of("cumulative", codes::PROJECT_CUMULATIVE_MISMATCH));
            }
            Some(w)
        }
        (None, None) => {
            errs.push(ValidationError::of("invested", codes::PROJECT_MONTH_INVESTMENT_MISSING));
            None
        }
    };
    if r.progress.trim().is_empty() {
        errs.push(ValidationError::of("progress", codes::PROJECT_PROGRESS_MISSING));
    }
    for (field, text) in [
        ("progress", &r.progress),
        ("problems", &r.problems),
        ("next_steps", &r.next_steps),
    ] {
        if text.chars().count() > MAX_TEXT {
            errs.push(ValidationError::of(field, codes::PROJECT_CONTENT_TOO_LONG));
        }
    }
    let reason = r.correction_reason.trim();
    let correcting = invested.is_some_and(|w| w.0 < 0) || before.accepted.is_some_and(|a| Some(a) != invested);
    if let (Some(m), Some(w)) = (month, invested)
        && correcting
        && reason.is_empty()
    {
        let (zh, en) = if w.0 < 0 {
            (
                format!(
                    "{}累计{}万元，低于{}的{}万元；如需更正此前月份的数字，请说明理由",
                    m.to_date_text(crate::Lang::Zh),
                    (before.cumulative(m.previous()) + w).wan_text(),
                    m.previous().to_date_text(crate::Lang::Zh),
                    before.cumulative(m.previous()).wan_text()
                ),
                "The cumulative figure is lower than last month's: give the reason for the correction".to_string(),
            )
        } else {
            (
                format!("{}的数字已采纳，更正须说明理由", m.text(crate::Lang::Zh)),
                "This month's figure was accepted: a correction needs a reason".to_string(),
            )
        };
        errs.push(ValidationError::new(
            "correction_reason",
            codes::PROJECT_CORRECTION_REASON_REQUIRED,
            zh,
            en,
        ));
    }
    match (month, invested) {
        (Some(month), Some(invested)) if errs.is_empty() => Ok(ValidMonthly {
            month,
            invested,
            cumulative: before.cumulative(month.previous()) + invested,
            progress: r.progress.trim().to_string(),
            problems: r.problems.trim().to_string(),
            next_steps: r.next_steps.trim().to_string(),
            correction_reason: correcting.then(|| reason.to_string()),
        }),
        _ => Err(errs),
    }
}
