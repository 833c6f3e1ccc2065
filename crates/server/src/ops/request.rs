//! Change requests: the lead unit asks (延期/办结/调整), the supervision office approves or
//! rejects with a reason; an approval changes the task.

use luoshi_domain::{RequestContext, RequestInput, RequestKind, RequestStatus, check_reason, check_request};
use luoshi_lights::Change;
use luoshi_store::{
    request::{self, NewRequest},
    task,
};
use serde_json::json;

use super::{Record, fail_if, record};
use crate::{
    AppState,
    access::{LeadCap, SupervisorCap},
    error::{AppError, AppResult},
};

/// Files a request about the lead unit's task; returns its id.
pub async fn file(state: &AppState, lead: &LeadCap, r: &RequestInput) -> AppResult<i64> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let t = task::task(&mut tx, lead.region, lead.task.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pending = request::requests_of_task(&mut tx, lead.region, t.id).await?;
    let ctx = RequestContext {
        today: state.clock.today(),
        due: t.due,
        done: t.done_on.is_some(),
        pending_same_kind: pending
            .iter()
            .any(|p| p.status == RequestStatus::Pending && p.kind == r.kind),
    };
    fail_if(check_request(r, &ctx))?;
    let id = request::insert_request(
        &mut tx,
        lead.region,
        &NewRequest {
            task_id: t.id,
            unit_id: lead.unit,
            kind: r.kind.code(),
            reason: r.reason.trim(),
            old_due: t.due,
            new_due: r.new_due.filter(|_| r.kind == RequestKind::Extension),
            progress: r.progress,
            new_title: r
                .new_title
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty() && r.kind == RequestKind::Adjustment),
            new_description: r
                .new_description
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty() && r.kind == RequestKind::Adjustment),
            requested_by: Some(lead.actor.id),
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        lead.region,
        Record {
            actor: &lead.actor,
            change: Change::RequestFiled { task: t.id },
            entity: "task_request",
            entity_id: id,
            before: None,
            after: json!({ "request_id": id, "kind": r.kind.code(), "reason": r.reason.trim(), "new_due": r.new_due, "progress": r.progress }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Approves or rejects a pending request at `version`. Rejecting needs a reason. Approving an
/// extension sets the new deadline, a completion marks the task done today, an adjustment
/// changes the title or requirements.
pub async fn decide(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    approve: bool,
    note: &str,
) -> AppResult<()> {
    if !approve && note.trim().is_empty() {
        return Err(super::invalid(
            "note",
            luoshi_domain::codes::DECISION_NOTE_EMPTY,
            "驳回时请填写审批意见",
            "Give the reason for rejecting",
        ));
    }
    if !approve {
        check_reason("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    }
    let now = state.clock.now();
    let today = state.clock.today();
    let mut tx = state.store.begin().await?;
    let r = request::request(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if approve {
        RequestStatus::Approved
    } else {
        RequestStatus::Rejected
    };
    request::decide(
        &mut tx,
        cap.region,
        id,
        version,
        status.code(),
        cap.actor.id,
        note.trim(),
        now,
    )
    .await?;
    let t = task::task(&mut tx, cap.region, r.task_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if approve {
        match Some(r.kind) {
            Some(RequestKind::Extension) => {
                if let Some(d) = r.new_due {
                    task::set_due(&mut tx, cap.region, t.id, d, now).await?;
                }
            }
            Some(RequestKind::Completion) => task::set_done(&mut tx, cap.region, t.id, today, now).await?,
            Some(RequestKind::Adjustment) => {
                let title = r.new_title.clone().unwrap_or_else(|| t.title.clone());
                let desc = r.new_description.clone().unwrap_or_else(|| t.description.clone());
                task::set_text(&mut tx, cap.region, t.id, &title, &desc, now).await?;
            }
            None => return Err(AppError::Internal(format!("request {id} has kind {:?}", r.kind))),
        }
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::RequestDecided { task: t.id, approved: approve },
            entity: "task_request",
            entity_id: id,
            before: Some(json!({ "status": r.status, "due": t.due, "title": t.title })),
            after: json!({ "request_id": id, "kind": r.kind, "status": status.code(), "note": note.trim(), "new_due": r.new_due }),
        },
        now,
    )
    .await?;
    // The unit that asked hears the answer.
    let what = r.kind.names().0;
    let (kind, title) = if approve {
        ("request_approved", format!("{what}已批准：{}", t.title))
    } else {
        ("request_rejected", format!("{what}未获批准：{}", t.title))
    };
    let body = match (approve, r.kind, r.new_due) {
        (true, RequestKind::Extension, Some(d)) => {
            format!("完成时限调整为{}", luoshi_domain::fmt_date(d, luoshi_domain::Lang::Zh))
        }
        (true, RequestKind::Completion, _) => "任务已办结".to_string(),
        (false, _, _) => format!("审批意见：{}", note.trim()),
        _ => note.trim().to_string(),
    };
    let m = super::notify::Message {
        event_key: &format!("request:{id}:v{}", version + 1),
        kind,
        title: &title,
        body: &body,
        link: &format!("/tasks/{}", t.id),
    };
    super::notify::tell_unit(&mut tx, &state.config, cap.region, r.unit_id, m, now).await?;
    tx.commit().await?;
    Ok(())
}
