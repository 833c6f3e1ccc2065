//! Reporting (进展报送): the lead unit writes and submits, co-units add notes, the supervision
//! office accepts or returns with a reason.

use chrono::NaiveDate;
use luoshi_domain::{
    EvidenceKind, ReportAction, ReportStatus, ValidationError, check_evidence, check_report, next_report_status,
    safe_file_name,
};
use luoshi_lights::Change;
use luoshi_store::{
    evidence,
    report::{self, ReportFields},
    task,
};
use serde_json::json;
use sm3::{Digest, Sm3};

use super::{Record, fail_if, invalid, record};
use crate::{
    AppState,
    access::{CoUnitCap, LeadCap},
    error::{AppError, AppResult},
};
use luoshi_lights::cycle_of;

/// Most files one report may carry.
pub const MAX_FILES: usize = 10;

/// What the lead unit sends.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The period (its first day).
    pub period: NaiveDate,
    /// The version read, for a report already written.
    pub version: Option<i64>,
    /// Save a draft or submit.
    pub action: ReportAction,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Milestones the unit says are reached.
    pub milestones_reached: Vec<i64>,
    /// The likelihood of delivery (`likely` … `unlikely`), or empty when none is given.
    pub likelihood: String,
    /// Its reason.
    pub likelihood_reason: String,
}

/// An uploaded evidence file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its name as sent.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Uploads that pass the file checks (named safely, of an accepted kind, not empty, at most
/// `max` bytes), each with its kind; the problems of the others are added to `errs`. Shared by
/// a report's evidence and a reply's files.
pub(crate) fn checked_uploads<'a>(
    uploads: &'a [Upload],
    max: usize,
    errs: &mut Vec<ValidationError>,
) -> Vec<(String, EvidenceKind, &'a [u8])> {
    let mut files = Vec::new();
    for u in uploads {
        let name = safe_file_name(&u.name);
        match check_evidence(&name, &u.bytes, max) {
            Ok(kind) => files.push((name, kind, u.bytes.as_slice())),
            Err(e) => errs.push(e),
        }
    }
    files
}

/// A file kind's stored code.
pub(crate) fn kind_code(kind: EvidenceKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Writes (and maybe submits) the lead unit's report for a period, with its new files; returns
/// the report's id.
pub async fn write(state: &AppState, lead: &LeadCap, input: &ReportInput, uploads: &[Upload]) -> AppResult<i64> {
    if !lead.action_allowed(input.action) {
        return Err(AppError::Forbidden);
    }
    let t = &lead.task;
    let today = state.clock.today();
    if t.done_on.is_some() {
        return Err(invalid(
            "period",
            luoshi_domain::codes::TASK_ALREADY_DONE,
            "该任务已办结，无需再报送",
            "This task is done; no more reports are needed",
        ));
    }
    // The period must be one of the task's: its report due on or after the start, and the
    // period no later than the one containing today.
    let cycle = cycle_of(t);
    let p = cycle.period_containing(input.period);
    let calendar = {
        let mut c = state.store.conn().await?;
        luoshi_store::calendar::work_calendar(&mut c, lead.region).await?
    };
    if p.start != input.period || calendar.due(cycle, p) < t.start || p.start > cycle.period_containing(today).start {
        return Err(invalid(
            "period",
            luoshi_domain::codes::REPORT_PERIOD_INVALID,
            "报送期不正确",
            "That is not a reporting period of this task",
        ));
    }
    let mut errs = check_report(
        input.action,
        input.progress,
        &input.content,
        &input.problems,
        &input.next_steps,
    );
    let mut conn = state.store.conn().await?;
    let current = report::report_for_period(&mut conn, lead.region, t.id, input.period).await?;
    let milestones = task::milestones(&mut conn, lead.region, t.id).await?;
    let existing_files = match &current {
        Some(r) => evidence::evidence_of_task(&mut conn, lead.region, t.id)
            .await?
            .into_iter()
            .filter(|e| e.report_id == r.id)
            .count(),
        None => 0,
    };
    drop(conn);
    let status = current.as_ref().map(|r| r.status);
    let next = next_report_status(status, input.action).map_err(|e| AppError::Validation(vec![e]))?;
    errs.extend(luoshi_domain::text::repeated("milestones", &input.milestones_reached));
    if input
        .milestones_reached
        .iter()
        .any(|m| !milestones.iter().any(|x| x.id == *m))
    {
        errs.push(ValidationError::new(
            "milestones",
            luoshi_domain::codes::REPORT_MILESTONE_UNKNOWN,
            "所选节点目标不属于该任务",
            "A chosen milestone is not one of this task's",
        ));
    }
    if existing_files + uploads.len() > MAX_FILES {
        errs.push(ValidationError::new(
            "evidence",
            luoshi_domain::codes::EVIDENCE_TOO_MANY,
            format!("每期报送最多附{MAX_FILES}个文件"),
            format!("A report may carry at most {MAX_FILES} files"),
        ));
    }
    let likelihood = input.likelihood.trim();
    match luoshi_domain::likelihood::Likelihood::parse(likelihood) {
        Some(l) => {
            if let Err(e) = luoshi_domain::likelihood::check_reason(l, &input.likelihood_reason, false) {
                errs.push(e);
            }
        }
        None if likelihood.is_empty() => {}
        None => errs.push(ValidationError::of(
            "likelihood",
            luoshi_domain::codes::LIKELIHOOD_INVALID,
        )),
    }
    let files = checked_uploads(uploads, state.config.max_upload_mb * 1024 * 1024, &mut errs);
    fail_if(errs)?;
    let version = match (&current, input.version) {
        (Some(r), Some(v)) => Some(Some(v).filter(|v| *v == r.version).ok_or_else(|| conflict(r))?),
        (Some(r), None) => return Err(conflict(r)),
        (None, _) => None,
    };
    let reached = input.milestones_reached.clone();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = report::write_report(
        &mut tx,
        lead.region,
        t.id,
        lead.unit,
        input.period,
        version,
        next.code(),
        &ReportFields {
            progress: input.progress,
            content: &input.content,
            problems: &input.problems,
            next_steps: &input.next_steps,
            milestones_reached: &reached,
        },
        lead.actor.id,
        now,
    )
    .await?;
    luoshi_store::likelihood::set_for_report(
        &mut tx,
        lead.region,
        t.id,
        id,
        likelihood,
        input.likelihood_reason.trim(),
        lead.actor.id,
        now,
    )
    .await?;
    for (name, kind, bytes) in &files {
        let digest = crate::ctx::hex(&Sm3::digest(bytes));
        evidence::insert_evidence(
            &mut tx,
            lead.region,
            id,
            name,
            &kind_code(*kind),
            &digest,
            bytes,
            lead.actor.id,
            now,
        )
        .await?;
    }
    let change = if next == ReportStatus::Submitted {
        Change::ReportSubmitted { task: t.id }
    } else {
        Change::ReportSaved { task: t.id }
    };
    record(
        &mut tx,
        lead.region,
        Record {
            actor: &lead.actor,
            change,
            entity: "report",
            entity_id: id,
            before: current.as_ref().map(|r| json!({ "status": r.status, "progress": r.progress })),
            after: json!({ "report_id": id, "period": input.period, "status": next.code(), "progress": input.progress, "files": files.len(), "likelihood": likelihood }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(super) fn conflict(r: &report::Report) -> AppError {
    AppError::Conflict {
        message: format!("report {} was changed by someone else", r.id),
        current: Some(
            json!({ "entity": "report", "id": r.id, "version": r.version, "status": r.status, "progress": r.progress, "content": r.content }),
        ),
    }
}

impl LeadCap {
    /// A lead unit may save and submit, never review.
    fn action_allowed(&self, a: ReportAction) -> bool {
        a.by_unit()
    }
}

/// A co-unit adds its note to the lead unit's report.
pub async fn add_note(state: &AppState, co: &CoUnitCap, report_id: i64, body: &str) -> AppResult<i64> {
    let body = body.trim();
    if body.is_empty() {
        return Err(invalid(
            "body",
            luoshi_domain::codes::NOTE_EMPTY,
            "请填写补充说明",
            "Write the note",
        ));
    }
    if body.chars().count() > 2000 {
        return Err(invalid(
            "body",
            luoshi_domain::codes::NOTE_TOO_LONG,
            "补充说明不能超过2000字",
            "The note is longer than 2000 characters",
        ));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let r = report::report(&mut tx, co.region, report_id)
        .await?
        .filter(|r| r.task_id == co.task_id)
        .ok_or(AppError::NotFound)?;
    if r.status == ReportStatus::Draft {
        return Err(invalid(
            "body",
            luoshi_domain::codes::NOTE_ON_DRAFT,
            "牵头单位尚未报送该期进展",
            "The lead unit has not submitted this report yet",
        ));
    }
    let id = report::add_note(&mut tx, co.region, report_id, co.unit, co.actor.id, body, now).await?;
    record(
        &mut tx,
        co.region,
        Record {
            actor: &co.actor,
            change: Change::ReportNoted { task: co.task_id },
            entity: "report",
            entity_id: report_id,
            before: None,
            after: json!({ "report_id": report_id, "period": r.period, "note": body }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The lead unit removes a file from a report it can still change.
pub async fn delete_evidence(state: &AppState, lead: &LeadCap, evidence_id: i64) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let (e, task_id) = evidence::evidence(&mut tx, lead.region, evidence_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if task_id != lead.task.id {
        return Err(AppError::NotFound);
    }
    let r = report::report(&mut tx, lead.region, e.report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(r.status, ReportStatus::Draft | ReportStatus::Returned) {
        return Err(invalid(
            "evidence",
            luoshi_domain::codes::REPORT_ALREADY_SUBMITTED,
            "该期进展已报送，附件不能删除",
            "The report has been submitted; its files can no longer be removed",
        ));
    }
    evidence::delete_evidence(&mut tx, lead.region, evidence_id).await?;
    record(
        &mut tx,
        lead.region,
        Record {
            actor: &lead.actor,
            change: Change::EvidenceDeleted { task: task_id },
            entity: "report",
            entity_id: r.id,
            before: Some(json!({ "file": e.file_name, "sm3": e.sm3 })),
            after: json!({ "report_id": r.id }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The lead unit attaches one more file to a report it can still change (the API's way to
/// upload; the form sends files with the report).
pub async fn attach(state: &AppState, lead: &LeadCap, report_id: i64, upload: &Upload) -> AppResult<i64> {
    let now = state.clock.now();
    let name = safe_file_name(&upload.name);
    let kind = check_evidence(&name, &upload.bytes, state.config.max_upload_mb * 1024 * 1024)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = state.store.begin().await?;
    let r = report::report(&mut tx, lead.region, report_id)
        .await?
        .filter(|r| r.task_id == lead.task.id)
        .ok_or(AppError::NotFound)?;
    if !matches!(r.status, ReportStatus::Draft | ReportStatus::Returned) {
        return Err(invalid(
            "evidence",
            luoshi_domain::codes::REPORT_ALREADY_SUBMITTED,
            "该期进展已报送，不能再添加附件",
            "The report has been submitted; no more files can be attached",
        ));
    }
    let count = evidence::evidence_of_task(&mut tx, lead.region, lead.task.id)
        .await?
        .iter()
        .filter(|e| e.report_id == r.id)
        .count();
    if count >= MAX_FILES {
        return Err(invalid(
            "evidence",
            luoshi_domain::codes::EVIDENCE_TOO_MANY,
            format!("每期报送最多附{MAX_FILES}个文件"),
            format!("A report may carry at most {MAX_FILES} files"),
        ));
    }
    let digest = crate::ctx::hex(&Sm3::digest(&upload.bytes));
    let kind_code = kind_code(kind);
    let id = evidence::insert_evidence(
        &mut tx,
        lead.region,
        r.id,
        &name,
        &kind_code,
        &digest,
        &upload.bytes,
        lead.actor.id,
        now,
    )
    .await?;
    record(
        &mut tx,
        lead.region,
        Record {
            actor: &lead.actor,
            change: Change::EvidenceAttached { task: lead.task.id },
            entity: "report",
            entity_id: r.id,
            before: None,
            after: json!({ "report_id": r.id, "file": name, "sm3": digest }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
