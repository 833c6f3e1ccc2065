//! Monthly project reports (项目月报): the responsible unit sends a month's figures — the month's
//! investment or the year's cumulative figure, never both typed twice — with its progress,
//! problems, next steps and files; a month sent again after the office accepted it is a
//! correction, with its reason kept in the project's history. The office accepts or returns
//! it, and the unit is told.

use luoshi_domain::{
    ValidationError, codes,
    project::{Month, MonthlyInput, Reported, Stage, ValidMonthly, Wan, check_monthly, owed::reports_at},
};
use luoshi_lights::Change;
use luoshi_store::{
    project as projects,
    project_report::{self as store, Sent},
};
use serde_json::json;

use super::{Record, invalid, record, report::Upload};
use crate::{
    AppState,
    access::{Actor, SupervisorCap},
    auth::Viewer,
    error::{AppError, AppResult},
};

/// A month's report as sent: the typed fields and, when the month was sent before, the
/// version of that report as read.
#[derive(Debug, Clone, Default)]
pub struct MonthlyForm {
    /// The typed fields.
    pub input: MonthlyInput,
    /// The version read, when the month was sent before.
    pub version: Option<i64>,
}

fn conflict(id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("monthly report {id} was changed by someone else"),
        current: Some(json!({ "entity": "project_report", "id": id, "version": version })),
    }
}

/// The responsible unit sends (or sends again) the report on a month of project `project`;
/// returns the report's id.
pub async fn submit(
    state: &AppState,
    viewer: &Viewer,
    project: i64,
    f: &MonthlyForm,
    uploads: &[Upload],
) -> AppResult<i64> {
    let reader = viewer.reader()?;
    let (p, all) = {
        let mut c = state.store.conn().await?;
        let p = reader.project(&mut c, project).await?;
        let all = store::of_project(&mut c, reader.region, project).await?;
        (p, all)
    };
    // Only the 责任单位 reports; the service unit keeps the approval nodes.
    if reader.unit() != Some(p.unit_id) {
        return Err(AppError::Forbidden);
    }
    if !Stage::parse(&p.stage).is_some_and(reports_at) {
        return Err(invalid(
            "month",
            codes::PROJECT_NOT_REPORTING,
            "该项目当前阶段（谋划、储备或已建成）无需报送月报",
            "A project being shaped, in reserve or built does not report monthly",
        ));
    }
    let month = Month::parse(&f.input.month);
    let existing = month.and_then(|m| all.iter().find(|r| r.month == m.code()));
    let before = Reported {
        months: all
            .iter()
            .filter(|r| month.is_none_or(|m| r.month != m.code()))
            .filter_map(|r| Some((Month::parse(&r.month)?, Wan(r.invested))))
            .collect(),
        accepted: existing.and_then(|r| r.accepted).map(Wan),
    };
    let today = state.clock.today();
    let mut errs = Vec::new();
    let valid = match check_monthly(&f.input, &before, Month::of(today)) {
        Ok(v) => Some(v),
        Err(e) => {
            errs.extend(e);
            None
        }
    };
    if uploads.len() > super::report::MAX_FILES {
        errs.push(ValidationError::new(
            "evidence",
            codes::EVIDENCE_TOO_MANY,
            format!("每份月报最多附{}个文件", super::report::MAX_FILES),
            format!("A report may carry at most {} files", super::report::MAX_FILES),
        ));
    }
    let files = super::report::checked_uploads(uploads, state.config.max_upload_mb * 1024 * 1024, &mut errs);
    let Some(v) = valid.filter(|_| errs.is_empty()) else {
        return Err(AppError::Validation(errs));
    };
    if let Some(r) = existing
        && f.version != Some(r.version)
    {
        return Err(conflict(r.id, r.version));
    }
    let actor: Actor = viewer.actor();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = send_in(
        &mut tx,
        reader.region,
        &actor,
        project,
        p.unit_id,
        existing,
        &v,
        files.len(),
        now,
    )
    .await?;
    for (name, kind, bytes) in &files {
        let sm3 = {
            use sm3::Digest;
            crate::ctx::hex(&sm3::Sm3::digest(bytes))
        };
        let file = luoshi_store::reply_file::NewFile {
            name,
            kind: &super::report::kind_code(*kind),
            sm3: &sm3,
            data: bytes,
        };
        store::insert_file(&mut tx, reader.region, id, file, actor.id, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Sends checked report `v` on project `project` (reported by `unit`) inside `tx`: a first
/// report, or `existing` sent again at the version read — a changed figure the office had
/// accepted kept in the project's history with its reason; recorded. Returns the report's id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn send_in(
    tx: &mut luoshi_store::Tx,
    region: i64,
    actor: &Actor,
    project: i64,
    unit: i64,
    existing: Option<&luoshi_store::project_report::MonthlyReport>,
    v: &ValidMonthly,
    files: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let reason = v.correction_reason.clone().unwrap_or_default();
    let sent = Sent {
        invested: v.invested.0,
        progress: &v.progress,
        problems: &v.problems,
        next_steps: &v.next_steps,
        correction_reason: &reason,
    };
    let id = match existing {
        Some(r) => {
            if !store::resend(tx, region, r.id, r.version, sent, actor.id, now).await? {
                return Err(conflict(r.id, r.version));
            }
            r.id
        }
        None => store::insert(tx, region, project, &v.month.code(), unit, sent, actor.id, now).await?,
    };
    // A figure the office accepted, changed: kept in the project's history with its reason.
    if let Some(r) = existing
        && let Some(old) = r.accepted.filter(|a| *a != v.invested.0)
    {
        let c = projects::NewChange {
            field: &format!("invested:{}", v.month.code()),
            old_value: &Wan(old).wan_text(),
            new_value: &v.invested.wan_text(),
            reason: &reason,
        };
        projects::record_change(tx, region, project, &c, actor.id, now).await?;
    }
    record(
        tx,
        region,
        Record {
            actor,
            change: Change::ProjectReported { project },
            entity: "project_report",
            entity_id: id,
            before: existing.map(|r| json!({ "invested": r.invested, "accepted": r.accepted, "status": r.status })),
            after: json!({ "project_id": project, "month": v.month.code(), "invested": v.invested.0,
                "cumulative": v.cumulative.0, "correction_reason": reason, "files": files }),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// The office accepts or returns (with a `note`) monthly report `id` read at `version`; the
/// responsible unit is told.
pub async fn review(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    accept: bool,
    note: &str,
) -> AppResult<()> {
    let note = note.trim();
    if !accept && note.is_empty() {
        return Err(invalid(
            "note",
            codes::PROJECT_RETURN_NOTE_REQUIRED,
            "退回月报须写明意见",
            "Returning a report needs a note",
        ));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let r = store::report(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if r.status != "submitted" {
        return Err(invalid(
            "status",
            codes::PROJECT_REPORT_NOT_WAITING,
            "该月报不在待审核状态",
            "This monthly report is not waiting for review",
        ));
    }
    if !store::review(&mut tx, cap.region, id, version, accept, note, cap.actor.id, now).await? {
        return Err(conflict(id, r.version));
    }
    let project = r.project_id;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: if accept {
                Change::ProjectReportAccepted { project }
            } else {
                Change::ProjectReportReturned { project }
            },
            entity: "project_report",
            entity_id: id,
            before: Some(json!({ "status": r.status, "accepted": r.accepted })),
            after: json!({ "project_id": project, "month": r.month, "status": if accept { "accepted" } else { "returned" },
                "invested": r.invested, "note": note }),
        },
        now,
    )
    .await?;
    let name = projects::project(&mut tx, cap.region, project)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let month = Month::parse(&r.month)
        .map(|m| m.text(luoshi_domain::Lang::Zh))
        .unwrap_or_default();
    let (kind, title, body) = if accept {
        (
            "project_report_accepted",
            format!("{month}项目月报已采纳：{name}"),
            String::new(),
        )
    } else {
        (
            "project_report_returned",
            format!("{month}项目月报被退回，请修改后重新报送：{name}"),
            format!("审核意见：{note}"),
        )
    };
    let m = super::notify::Message {
        event_key: &format!("project_report:{id}:v{}", version + 1),
        kind,
        title: &title,
        body: &body,
        link: &format!("/projects/{project}"),
    };
    super::notify::tell_unit(&mut tx, &state.config, cap.region, r.unit_id, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The office sets the region's project-warning thresholds: yellow from `yellow` points behind
/// time progress, red past `red`, red from `months` months late to start. Every project is
/// judged again in the same transaction.
pub async fn set_thresholds(
    state: &AppState,
    cap: &SupervisorCap,
    yellow: i64,
    red: i64,
    months: i64,
) -> AppResult<()> {
    if !(1..=100).contains(&yellow) || !(1..=100).contains(&red) || yellow >= red || !(1..=24).contains(&months) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "yellow_lag",
            codes::PROJECT_THRESHOLDS_INVALID,
        )]));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = luoshi_store::project_state::thresholds(&mut tx, cap.region).await?;
    let t = luoshi_store::project_state::Thresholds {
        project_yellow_lag: yellow,
        project_red_lag: red,
        project_red_months: months,
    };
    luoshi_store::project_state::set_thresholds(&mut tx, cap.region, t).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::ProjectThresholdsSet,
            entity: "region",
            entity_id: cap.region,
            before: Some(json!(before)),
            after: json!(t),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
