//! The supervision office's review of reports (审核报送): accept, or return with a reason, one at
//! a time or several at once (all or nothing); the unit hears of each decision.

use luoshi_domain::{ReportAction, ReportStatus, check_reason, next_report_status};
use luoshi_lights::{Change, cycle_of};
use luoshi_store::{report, task};
use serde_json::json;

use super::{Record, invalid, record, report::conflict};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

/// The supervision office accepts a submitted report, or returns it with a reason. On
/// acceptance the milestones the report reaches are marked reached.
pub async fn review(
    state: &AppState,
    cap: &SupervisorCap,
    report_id: i64,
    version: i64,
    action: ReportAction,
    note: &str,
) -> AppResult<()> {
    if action.by_unit() {
        return Err(AppError::Forbidden);
    }
    if action == ReportAction::Return && note.trim().is_empty() {
        return Err(invalid(
            "note",
            luoshi_domain::codes::REVIEW_NOTE_EMPTY,
            "退回时请填写审核意见，说明需要补充或修改的内容",
            "Say in the review note what must be added or corrected",
        ));
    }
    if action == ReportAction::Return {
        check_reason("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    review_in(&mut tx, state, cap, report_id, version, action, note, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Accepts several waiting reports at once, each read at its version: each is checked and
/// recorded one by one (its audit line, its history, its unit told), all in one transaction —
/// one that cannot be accepted (changed meanwhile, no longer waiting) refuses them all and
/// names it. Returns how many were accepted.
pub async fn accept_many(state: &AppState, cap: &SupervisorCap, reports: &[(i64, i64)]) -> AppResult<usize> {
    if reports.is_empty() {
        return Err(invalid(
            "reports",
            luoshi_domain::codes::REVIEW_NOTHING_CHOSEN,
            "请至少选择一条报送",
            "Choose at least one report",
        ));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    for (n, &(id, version)) in reports.iter().enumerate() {
        match review_in(&mut tx, state, cap, id, version, ReportAction::Accept, "", now).await {
            Ok(()) => {}
            Err(AppError::Validation(errs)) => {
                let why: Vec<&str> = errs.iter().map(|e| e.message(luoshi_domain::Lang::Zh)).collect();
                let why_en: Vec<&str> = errs.iter().map(|e| e.message(luoshi_domain::Lang::En)).collect();
                return Err(invalid(
                    "reports",
                    luoshi_domain::codes::REVIEW_BATCH_REFUSED,
                    format!(
                        "第{}条报送（编号{id}）不能采纳：{}；本次均未采纳",
                        n + 1,
                        why.join("；")
                    ),
                    format!(
                        "Report {} (#{id}) cannot be accepted: {}; none was accepted",
                        n + 1,
                        why_en.join("; ")
                    ),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(reports.len())
}

/// Decides on one report inside `tx` (see [`review`]).
#[allow(clippy::too_many_arguments)]
async fn review_in(
    tx: &mut luoshi_store::Tx,
    state: &AppState,
    cap: &SupervisorCap,
    report_id: i64,
    version: i64,
    action: ReportAction,
    note: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let r = report::report(tx, cap.region, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let next = next_report_status(Some(r.status), action).map_err(|e| AppError::Validation(vec![e]))?;
    if r.version != version {
        return Err(conflict(&r));
    }
    report::review_report(
        tx,
        cap.region,
        report_id,
        version,
        next.code(),
        cap.actor.id,
        note.trim(),
        now,
    )
    .await?;
    if next == ReportStatus::Accepted {
        let on = r
            .submitted_at
            .map(|s| s.with_timezone(&crate::clock::cst()).date_naive())
            .unwrap_or(state.clock.today());
        for &id in r.milestones_reached.iter() {
            task::set_milestone_done(tx, cap.region, id, on).await?;
        }
    }
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: if next == ReportStatus::Accepted {
                Change::ReportAccepted { task: r.task_id }
            } else {
                Change::ReportReturned { task: r.task_id }
            },
            entity: "report",
            entity_id: report_id,
            before: Some(json!({ "status": r.status })),
            after: json!({ "report_id": report_id, "period": r.period, "status": next.code(), "note": note.trim() }),
        },
        now,
    )
    .await?;
    // The unit hears of the decision on its report.
    let t = task::task(tx, cap.region, r.task_id).await?.ok_or(AppError::NotFound)?;
    let cycle = cycle_of(&t);
    let period = cycle.label(cycle.period_containing(r.period), luoshi_domain::Lang::Zh);
    let (kind, title, body) = if next == ReportStatus::Accepted {
        (
            "report_accepted",
            format!("{period}进展已采纳：{}", t.title),
            String::new(),
        )
    } else {
        (
            "report_returned",
            format!("{period}进展被退回，请修改后重新报送：{}", t.title),
            format!("审核意见：{}", note.trim()),
        )
    };
    let m = super::notify::Message {
        event_key: &format!("report:{report_id}:v{}", version + 1),
        kind,
        title: &title,
        body: &body,
        link: &format!("/tasks/{}", r.task_id),
    };
    super::notify::tell_unit(tx, &state.config, cap.region, r.unit_id, m, now).await?;
    Ok(())
}
