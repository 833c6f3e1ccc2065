//! The report form (lead unit), reviewing (supervision office), co-unit notes, evidence files.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;
use luoshi_domain::{ReportAction, ReportStatus};
use luoshi_store::{evidence, report, task};
use serde::Deserialize;

use super::{layout::Layout, plan_edit::ConflictRow, render};
use crate::{
    AppState,
    access::LeadCap,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted, PostedFiles, Q},
    i18n::Tr,
    ops::{self, report::ReportInput},
    views::records::{self, EvidenceOut, PeriodOut},
};
use luoshi_lights::cycle_of;

/// The report form's values, as typed.
#[derive(Debug, Clone, Default)]
pub struct ReportFieldsIn {
    progress: String,
    content: String,
    problems: String,
    next_steps: String,
    likelihood: String,
    likelihood_reason: String,
}

#[derive(Template)]
#[template(path = "report_form.html")]
struct ReportPage {
    l: Layout,
    likelihoods: Vec<(&'static str, &'static str)>,
    task_id: i64,
    task_title: String,
    periods: Vec<PeriodOut>,
    period: String,
    period_label: String,
    due_text: String,
    status: String,
    status_name: String,
    review_note: String,
    locked: bool,
    version: i64,
    f: ReportFieldsIn,
    e: FieldErrors,
    milestones: Vec<(i64, String, bool)>,
    files: Vec<EvidenceOut>,
    accepted: &'static str,
    evidence_hint: String,
    fits: crate::uploads::Fits,
    conflict: Vec<ConflictRow>,
}

/// Query of the report form.
#[derive(Debug, Deserialize)]
pub struct PeriodQuery {
    period: Option<NaiveDate>,
}

const FIELDS: &[&str] = &[
    "progress",
    "content",
    "problems",
    "next_steps",
    "milestones",
    "likelihood",
    "likelihood_reason",
    "evidence",
];

/// The period a unit should report on next: the oldest overdue one, else the current one.
pub fn next_period(periods: &[PeriodOut]) -> Option<NaiveDate> {
    periods
        .iter()
        .rev()
        .find(|p| matches!(p.state.as_str(), "missing" | "returned" | "draft"))
        .or_else(|| periods.iter().find(|p| p.state == "open"))
        .or_else(|| periods.first())
        .map(|p| p.period)
}

#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    viewer: &Viewer,
    lead: &LeadCap,
    period: Option<NaiveDate>,
    typed: Option<(ReportFieldsIn, Vec<i64>)>,
    e: FieldErrors,
    conflict: Vec<ConflictRow>,
    status: StatusCode,
) -> AppResult<Response> {
    let lang = viewer.lang();
    let tr = Tr::new(lang);
    let t = &lead.task;
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let cal = luoshi_store::calendar::work_calendar(&mut c, lead.region).await?;
    let reports = report::reports_of_task(&mut c, lead.region, t.id).await?;
    let cycle = cycle_of(t);
    let periods = records::periods(cycle, &cal, t.start, t.done_on, &reports, today, lang);
    // A period that is not one of the task's (before it began, or still to come) is refused
    // here rather than after the unit has typed its report.
    let mut e = e;
    let period = match period {
        Some(p) if periods.iter().any(|x| x.period == p) => Some(p),
        Some(_) => {
            e.general.push(tr.t("report.period_invalid"));
            None
        }
        None => None,
    };
    let period = period.or_else(|| next_period(&periods)).ok_or(AppError::NotFound)?;
    let p = cycle.period_containing(period);
    let current = reports.iter().find(|r| r.period == p.start);
    let ms = task::milestones(&mut c, lead.region, t.id).await?;
    let judged = match current {
        Some(r) => luoshi_store::likelihood::of_report(&mut c, lead.region, r.id).await?,
        None => None,
    };
    let dir = Directory::load(&mut c, lead.region).await?;
    let data = records::TaskData {
        evidence: evidence::evidence_of_task(&mut c, lead.region, t.id).await?,
        ..Default::default()
    };
    drop(c);
    let (_, mut files) = records::attachments(&data, &dir, lang);
    let reached: Vec<i64> = current.map(|r| r.milestones_reached.0.clone()).unwrap_or_default();
    let (f, chosen) = typed.unwrap_or_else(|| {
        let f = match current {
            Some(r) => ReportFieldsIn {
                progress: r.progress.to_string(),
                content: r.content.clone(),
                problems: r.problems.clone(),
                next_steps: r.next_steps.clone(),
                likelihood: judged.as_ref().map(|j| j.judgement.clone()).unwrap_or_default(),
                likelihood_reason: judged.as_ref().map(|j| j.reason.clone()).unwrap_or_default(),
            },
            None => {
                let last = reports
                    .iter()
                    .find(|r| matches!(r.status, ReportStatus::Accepted | ReportStatus::Submitted));
                ReportFieldsIn {
                    progress: last.map(|r| r.progress).unwrap_or(0).to_string(),
                    ..ReportFieldsIn::default()
                }
            }
        };
        (f, reached.clone())
    });
    let st = current.map(|r| r.status);
    let max_mb = state.config.max_upload_mb;
    let l = Layout::new(state, viewer, "/inbox").await?;
    let mut r = render(&ReportPage {
        likelihoods: luoshi_domain::likelihood::Likelihood::ALL
            .iter()
            .map(|k| (k.code(), k.name(lang)))
            .collect(),
        l,
        task_id: t.id,
        task_title: t.title.clone(),
        period: p.start.to_string(),
        period_label: cycle.label(p, lang),
        due_text: luoshi_domain::fmt_date(cal.due(cycle, p), lang),
        status: current.map(|r| r.status.code().to_string()).unwrap_or_default(),
        status_name: st
            .map(|s| lang.pick(s.names().0, s.names().1).to_string())
            .unwrap_or_default(),
        review_note: current
            .filter(|r| r.status == ReportStatus::Returned)
            .map(|r| r.review_note.clone())
            .unwrap_or_default(),
        locked: matches!(st, Some(ReportStatus::Submitted | ReportStatus::Accepted)),
        version: current.map(|r| r.version).unwrap_or(0),
        f,
        e,
        milestones: ms
            .iter()
            .map(|m| {
                (
                    m.id,
                    format!("{} {}", luoshi_domain::fmt_date(m.due, lang), m.title),
                    chosen.contains(&m.id) || m.done_on.is_some(),
                )
            })
            .collect(),
        files: current.and_then(|r| files.remove(&r.id)).unwrap_or_default(),
        accepted: luoshi_domain::evidence::ACCEPTED,
        fits: crate::uploads::Fits::new(&state.config, crate::uploads::Upload::Files, lang),
        evidence_hint: tr.t_with(
            "report.evidence_hint",
            &[("mb", max_mb.to_string()), ("n", ops::report::MAX_FILES.to_string())],
        ),
        conflict,
        periods,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /tasks/{id}/report?period=`.
pub async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PeriodQuery>,
) -> AppResult<Response> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    show(
        &state,
        &viewer,
        &lead,
        q.period,
        None,
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// The report fields of a posted form.
pub fn input_of(form: &FormData) -> (ReportInput, ReportFieldsIn) {
    let typed = ReportFieldsIn {
        progress: form.get("progress").to_string(),
        content: form.get("content").to_string(),
        problems: form.get("problems").to_string(),
        next_steps: form.get("next_steps").to_string(),
        likelihood: form.get("likelihood").to_string(),
        likelihood_reason: form.get("likelihood_reason").to_string(),
    };
    let input = ReportInput {
        period: form.date("period").unwrap_or(NaiveDate::MIN),
        version: form.int("version").filter(|v| *v > 0),
        action: if form.get("action") == "submit" {
            ReportAction::Submit
        } else {
            ReportAction::SaveDraft
        },
        progress: form.int("progress").unwrap_or(-1),
        content: typed.content.clone(),
        problems: typed.problems.clone(),
        next_steps: typed.next_steps.clone(),
        milestones_reached: form.ints("milestone"),
        likelihood: typed.likelihood.clone(),
        likelihood_reason: typed.likelihood_reason.clone(),
    };
    (input, typed)
}

/// `POST /tasks/{id}/report` (multipart, with files).
pub async fn submit(
    State(state): State<AppState>,
    Id(id): Id,
    PostedFiles(viewer, form, files): PostedFiles,
) -> AppResult<Response> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let (input, typed) = input_of(&form);
    match ops::report::write(&state, &lead, &input, &files).await {
        Ok(_) => {
            let flash = if input.action == ReportAction::Submit {
                "flash.report_submitted"
            } else {
                "flash.draft_saved"
            };
            Ok(Redirect::to(&format!("/tasks/{id}?flash={flash}")).into_response())
        }
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(
                &state,
                &viewer,
                &lead,
                Some(input.period),
                Some((typed, input.milestones_reached)),
                e,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            let tr = Tr::new(viewer.lang());
            let stored = {
                let mut c = state.store.conn().await?;
                report::report_for_period(&mut c, lead.region, id, input.period).await?
            };
            let rows = match &stored {
                Some(s) => vec![
                    ConflictRow::new(tr.t("report.progress"), &typed.progress, s.progress.to_string()),
                    ConflictRow::new(tr.t("report.content"), &typed.content, &s.content),
                    ConflictRow::new(tr.t("report.problems"), &typed.problems, &s.problems),
                    ConflictRow::new(tr.t("report.next_steps"), &typed.next_steps, &s.next_steps),
                ],
                None => Vec::new(),
            };
            let e = FieldErrors::default();
            show(
                &state,
                &viewer,
                &lead,
                Some(input.period),
                Some((typed, input.milestones_reached)),
                e,
                rows,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /reports/{id}/review`.
pub async fn review(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let action = if form.get("action") == "return" {
        ReportAction::Return
    } else {
        ReportAction::Accept
    };
    let task_id = {
        let mut c = state.store.conn().await?;
        report::report(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .task_id
    };
    let result = ops::review::review(
        &state,
        &cap,
        id,
        form.int("version").unwrap_or(0),
        action,
        form.get("note"),
    )
    .await;
    let flash = if action == ReportAction::Accept {
        "flash.report_accepted"
    } else {
        "flash.report_returned"
    };
    // Decided from the review queue: back to the queue; refused, the task page says why.
    let to = if form.get("back") == "reviews" && result.is_ok() {
        format!("/reviews?flash={flash}#reports-to-review")
    } else {
        format!("/tasks/{task_id}?flash={flash}#report-{id}")
    };
    super::task::act(&state, &viewer, task_id, to, result).await
}

/// `POST /reports/{id}/notes`.
pub async fn note(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let mut c = state.store.conn().await?;
    let r = report::report(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let co = viewer.co_unit(&mut c, r.task_id).await?;
    drop(c);
    let result = ops::report::add_note(&state, &co, id, form.get("body"))
        .await
        .map(|_| ());
    super::task::act(
        &state,
        &viewer,
        r.task_id,
        format!("/tasks/{}?flash=flash.saved#report-{id}", r.task_id),
        result,
    )
    .await
}

/// `GET /evidence/{id}`: the file, to anyone who may read its task.
pub async fn download(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    crate::files::evidence(&state, &viewer, id).await
}

/// `POST /evidence/{id}/delete`.
pub async fn delete_evidence(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, _form): Posted,
) -> AppResult<Response> {
    let mut c = state.store.conn().await?;
    let (_, task_id) = evidence::evidence(&mut c, viewer.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lead = viewer.lead(&mut c, task_id).await?;
    drop(c);
    ops::report::delete_evidence(&state, &lead, id).await?;
    Ok(Redirect::to(&format!("/tasks/{task_id}/report?flash=flash.saved")).into_response())
}
