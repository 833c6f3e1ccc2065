//! The life of a progress report and of a change request (延期/办结/调整申请): which step may
//! follow which, and what each step needs. The unit proposes; the supervision office decides.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ReportStatus, ValidationError};

/// What someone does to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// The unit saves without sending.
    SaveDraft,
    /// The unit sends it to the supervision office.
    Submit,
    /// The supervision office accepts it.
    Accept,
    /// The supervision office returns it with a reason.
    Return,
}

impl ReportAction {
    /// Whether the unit (rather than the supervision office) takes this action.
    pub fn by_unit(self) -> bool {
        matches!(self, ReportAction::SaveDraft | ReportAction::Submit)
    }
}

/// The status after `action` on a report now in `current` (`None`: not yet written).
pub fn next_report_status(
    current: Option<ReportStatus>,
    action: ReportAction,
) -> Result<ReportStatus, ValidationError> {
    use ReportAction::*;
    use ReportStatus::*;
    match (current, action) {
        (None | Some(Draft) | Some(Returned), SaveDraft) => Ok(Draft),
        (None | Some(Draft) | Some(Returned), Submit) => Ok(Submitted),
        (Some(Submitted), Accept) => Ok(Accepted),
        (Some(Submitted), Return) => Ok(Returned),
        (Some(Submitted), SaveDraft | Submit) => Err(ValidationError::new(
            "status",
            crate::codes::REPORT_ALREADY_SUBMITTED,
            "该期进展已报送，正在等待审核，审核退回后方可修改",
            "This report has been submitted and waits for review; it can be changed once returned",
        )),
        (Some(Accepted), _) => Err(ValidationError::new(
            "status",
            crate::codes::REPORT_ALREADY_ACCEPTED,
            "该期进展已采纳，不能再修改",
            "This report has been accepted and can no longer be changed",
        )),
        (_, Accept | Return) => Err(ValidationError::new(
            "status",
            crate::codes::REPORT_NOT_SUBMITTED,
            "只能审核已报送的进展",
            "Only a submitted report can be reviewed",
        )),
    }
}

/// Longest text accepted in a report field, in characters.
pub const REPORT_TEXT_MAX: usize = 5000;

/// Working days a submitted report may wait for the office's review before the review queue
/// flags it: the office answers within three working days.
pub const REVIEW_WAIT_WORKDAYS: i64 = 3;

/// Checks a report's fields for `action`: submitting needs 进展情况; every text has a limit.
pub fn check_report(
    action: ReportAction,
    progress: i64,
    content: &str,
    problems: &str,
    next_steps: &str,
) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    if let Err(e) = crate::Progress::parse(progress) {
        errs.push(e);
    }
    if action == ReportAction::Submit && content.trim().is_empty() {
        errs.push(ValidationError::new(
            "content",
            crate::codes::REPORT_CONTENT_EMPTY,
            "请填写进展情况",
            "Describe the progress made",
        ));
    }
    for (field, text, zh) in [
        ("content", content, "进展情况"),
        ("problems", problems, "存在问题"),
        ("next_steps", next_steps, "下步计划"),
    ] {
        if text.chars().count() > REPORT_TEXT_MAX {
            errs.push(ValidationError::new(
                field,
                crate::codes::REPORT_TEXT_TOO_LONG,
                format!("{zh}不能超过{REPORT_TEXT_MAX}字"),
                format!("{field} is longer than {REPORT_TEXT_MAX} characters"),
            ));
        }
    }
    errs
}

/// The reason a supervisor gives when returning a report or rejecting a request.
pub fn check_reason(field: &'static str, reason: &str) -> Result<(), ValidationError> {
    if reason.trim().is_empty() {
        Err(ValidationError::new(
            field,
            crate::codes::REASON_EMPTY,
            "请填写理由",
            "Give a reason",
        ))
    } else if reason.chars().count() > 2000 {
        Err(ValidationError::new(
            field,
            crate::codes::REASON_TOO_LONG,
            "理由不能超过2000字",
            "The reason is longer than 2000 characters",
        ))
    } else {
        Ok(())
    }
}

/// What a unit may ask of the supervision office about a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// 延期申请: a later deadline.
    Extension,
    /// 办结申请: declare the task done.
    Completion,
    /// 调整申请: change the task's title, requirements or co-units.
    Adjustment,
}

impl RequestKind {
    /// Every kind.
    pub const ALL: [RequestKind; 3] = [RequestKind::Extension, RequestKind::Completion, RequestKind::Adjustment];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Extension => "extension",
            RequestKind::Completion => "completion",
            RequestKind::Adjustment => "adjustment",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            RequestKind::Extension => ("延期申请", "Extension request"),
            RequestKind::Completion => ("办结申请", "Completion request"),
            RequestKind::Adjustment => ("调整申请", "Adjustment request"),
        }
    }
}

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// 待审批
    Pending,
    /// 已批准
    Approved,
    /// 已驳回
    Rejected,
}

impl RequestStatus {
    /// Every status.
    pub const ALL: [RequestStatus; 3] = [RequestStatus::Pending, RequestStatus::Approved, RequestStatus::Rejected];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The status in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            RequestStatus::Pending => ("待审批", "Pending"),
            RequestStatus::Approved => ("已批准", "Approved"),
            RequestStatus::Rejected => ("已驳回", "Rejected"),
        }
    }
}

/// A unit's request as filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInput {
    /// What is asked.
    pub kind: RequestKind,
    /// Why.
    pub reason: String,
    /// Extension: the new deadline asked for.
    pub new_due: Option<NaiveDate>,
    /// Extension and completion: progress so far, percent.
    pub progress: Option<i64>,
    /// Adjustment: the new title, if it should change.
    pub new_title: Option<String>,
    /// Adjustment: the new requirements, if they should change.
    pub new_description: Option<String>,
}

/// The facts about the task a request is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestContext {
    /// The day it is filed.
    pub today: NaiveDate,
    /// The task's deadline.
    pub due: Option<NaiveDate>,
    /// Whether the task is already done.
    pub done: bool,
    /// Whether another request of the same kind is waiting.
    pub pending_same_kind: bool,
}

/// Checks a request (DOMAIN.md and issue rules): an extension is filed before the deadline,
/// with a reason, a later date and the progress so far; nothing is asked of a finished task;
/// one request of a kind waits at a time.
pub fn check_request(r: &RequestInput, ctx: &RequestContext) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    if let Err(e) = check_reason("reason", &r.reason) {
        errs.push(e);
    }
    if ctx.done {
        errs.push(ValidationError::new(
            "kind",
            crate::codes::TASK_ALREADY_DONE,
            "该任务已办结",
            "This task is already done",
        ));
    }
    if ctx.pending_same_kind {
        errs.push(ValidationError::new(
            "kind",
            crate::codes::REQUEST_ALREADY_PENDING,
            "已有同类申请正在审批",
            "A request of this kind is already waiting for a decision",
        ));
    }
    match r.kind {
        RequestKind::Extension => {
            match ctx.due {
                None => errs.push(ValidationError::new(
                    "new_due",
                    crate::codes::REQUEST_EXTENSION_ONGOING,
                    "长期坚持的任务没有完成时限，无需延期",
                    "An ongoing task has no deadline to extend",
                )),
                Some(due) if ctx.today > due => errs.push(ValidationError::new(
                    "new_due",
                    crate::codes::REQUEST_EXTENSION_TOO_LATE,
                    "延期申请须在完成时限前提出",
                    "An extension must be requested before the deadline",
                )),
                Some(due) => match r.new_due {
                    None => errs.push(ValidationError::new(
                        "new_due",
                        crate::codes::REQUEST_NEW_DUE_MISSING,
                        "请填写申请延期至的日期",
                        "Give the new deadline",
                    )),
                    Some(nd) if nd <= due => errs.push(ValidationError::new(
                        "new_due",
                        crate::codes::REQUEST_NEW_DUE_NOT_LATER,
                        "申请的新时限应晚于原完成时限",
                        "The new deadline must be later than the current one",
                    )),
                    Some(_) => {}
                },
            }
            if r.progress.is_none() {
                errs.push(ValidationError::new(
                    "progress",
                    crate::codes::REQUEST_PROGRESS_MISSING,
                    "请填写目前完成进度",
                    "Give the progress so far",
                ));
            }
        }
        RequestKind::Completion => {}
        RequestKind::Adjustment => {
            let title = r.new_title.as_deref().map(str::trim).filter(|s| !s.is_empty());
            let desc = r.new_description.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if title.is_none() && desc.is_none() {
                errs.push(ValidationError::new(
                    "new_title",
                    crate::codes::REQUEST_ADJUSTMENT_EMPTY,
                    "请填写需要调整的任务名称或工作要求",
                    "Say what should change: the title or the requirements",
                ));
            }
            if let Some(t) = title
                && let Err(e) = crate::TaskTitle::parse(t)
            {
                errs.push(e.on_field("new_title"));
            }
        }
    }
    if let Some(p) = r.progress
        && let Err(e) = crate::Progress::parse(p)
    {
        errs.push(e);
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, day).unwrap()
    }

    #[test]
    fn reports_move_draft_submitted_then_accepted_or_returned_and_back() {
        use ReportAction::*;
        use ReportStatus::*;
        let cases = [
            (None, SaveDraft, Ok(Draft), "a new draft"),
            (None, Submit, Ok(Submitted), "submitted at once"),
            (Some(Draft), Submit, Ok(Submitted), "a draft submitted"),
            (Some(Submitted), Accept, Ok(Accepted), "accepted"),
            (Some(Submitted), Return, Ok(Returned), "returned"),
            (Some(Returned), Submit, Ok(Submitted), "resubmitted after return"),
            (
                Some(Submitted),
                SaveDraft,
                Err("REPORT_ALREADY_SUBMITTED"),
                "no edits while waiting",
            ),
            (
                Some(Accepted),
                Submit,
                Err("REPORT_ALREADY_ACCEPTED"),
                "accepted is final",
            ),
            (
                Some(Accepted),
                Return,
                Err("REPORT_ALREADY_ACCEPTED"),
                "accepted cannot be returned",
            ),
            (
                Some(Draft),
                Accept,
                Err("REPORT_NOT_SUBMITTED"),
                "a draft cannot be accepted",
            ),
            (None, Return, Err("REPORT_NOT_SUBMITTED"), "nothing to return"),
        ];
        for (from, action, expected, why) in cases {
            let got = next_report_status(from, action).map_err(|e| e.code.name);
            assert_eq!(got, expected, "{why}");
        }
    }

    #[test]
    fn submitting_needs_the_progress_text_but_a_draft_does_not() {
        let codes = |a, c: &str| {
            check_report(a, 30, c, "", "")
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(ReportAction::Submit, " "), vec!["REPORT_CONTENT_EMPTY"]);
        assert!(codes(ReportAction::SaveDraft, "").is_empty());
        assert_eq!(
            check_report(ReportAction::Submit, 101, "x", "", "")[0].code,
            "REPORT_PROGRESS_OUT_OF_RANGE"
        );
    }

    fn ext(new_due: Option<NaiveDate>) -> RequestInput {
        RequestInput {
            kind: RequestKind::Extension,
            reason: "受疫情影响".into(),
            new_due,
            progress: Some(60),
            new_title: None,
            new_description: None,
        }
    }

    fn ctx(today: NaiveDate, due: Option<NaiveDate>) -> RequestContext {
        RequestContext {
            today,
            due,
            done: false,
            pending_same_kind: false,
        }
    }

    #[test]
    fn an_extension_is_filed_before_the_deadline_with_a_later_date() {
        let codes =
            |r: &RequestInput, c: &RequestContext| check_request(r, c).into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert!(
            codes(&ext(Some(d(9, 30))), &ctx(d(6, 30), Some(d(6, 30)))).is_empty(),
            "on the deadline day is still before it ends"
        );
        assert_eq!(
            codes(&ext(Some(d(9, 30))), &ctx(d(7, 1), Some(d(6, 30)))),
            vec!["REQUEST_EXTENSION_TOO_LATE"]
        );
        assert_eq!(
            codes(&ext(Some(d(6, 30))), &ctx(d(6, 1), Some(d(6, 30)))),
            vec!["REQUEST_NEW_DUE_NOT_LATER"]
        );
        assert_eq!(
            codes(&ext(None), &ctx(d(6, 1), Some(d(6, 30)))),
            vec!["REQUEST_NEW_DUE_MISSING"]
        );
        assert_eq!(
            codes(&ext(Some(d(9, 30))), &ctx(d(6, 1), None)),
            vec!["REQUEST_EXTENSION_ONGOING"]
        );
        let mut no_progress = ext(Some(d(9, 30)));
        no_progress.progress = None;
        assert_eq!(
            codes(&no_progress, &ctx(d(6, 1), Some(d(6, 30)))),
            vec!["REQUEST_PROGRESS_MISSING"]
        );
    }

    #[test]
    fn every_request_needs_a_reason_and_an_open_task() {
        let mut r = RequestInput {
            kind: RequestKind::Completion,
            reason: " ".into(),
            new_due: None,
            progress: None,
            new_title: None,
            new_description: None,
        };
        let mut c = ctx(d(6, 1), Some(d(6, 30)));
        c.done = true;
        c.pending_same_kind = true;
        let codes: Vec<_> = check_request(&r, &c).into_iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            vec!["REASON_EMPTY", "TASK_ALREADY_DONE", "REQUEST_ALREADY_PENDING"]
        );
        r.reason = "已完成".into();
        assert!(check_request(&r, &ctx(d(6, 1), Some(d(6, 30)))).is_empty());
    }

    #[test]
    fn an_adjustment_must_say_what_changes() {
        let mut r = RequestInput {
            kind: RequestKind::Adjustment,
            reason: "职责调整".into(),
            new_due: None,
            progress: None,
            new_title: None,
            new_description: Some(" ".into()),
        };
        assert_eq!(
            check_request(&r, &ctx(d(6, 1), None))[0].code,
            "REQUEST_ADJUSTMENT_EMPTY"
        );
        r.new_title = Some("新的任务名称".into());
        assert!(check_request(&r, &ctx(d(6, 1), None)).is_empty());
    }
}
