//! The operations of the core loop, one function each, shared by the form handlers and the API
//! handlers: they take a capability from the access layer, check the input with the domain
//! rules, and write in one transaction with the audit line and the task's history.

pub mod bulletin;
pub mod calendar;
pub mod channels;
pub mod deliver;
pub mod escalation;
pub mod extraction;
pub mod lights;
pub mod notify;
pub mod plan;
pub mod report;
pub mod request;
pub mod supervision;
pub mod task;

use chrono::{DateTime, Utc};
use luoshi_domain::ValidationError;
use luoshi_store::{
    Tx,
    audit::{self, AuditEntry},
    event,
};
use serde_json::Value;

use crate::{access::Actor, error::AppError};

/// What a write records about itself.
pub struct Record<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What, e.g. `report.submitted`.
    pub action: &'a str,
    /// The kind of record changed.
    pub entity: &'a str,
    /// Which one.
    pub entity_id: i64,
    /// The task whose history this belongs to.
    pub task_id: Option<i64>,
    /// The record before.
    pub before: Option<Value>,
    /// The record after (also the history entry's detail).
    pub after: Value,
}

/// Appends the audit line and, for a task, its history entry, inside `tx`; then re-judges the
/// task's stored light and its ancestors' (so call it after the write it records).
pub async fn record(tx: &mut Tx, region: i64, r: Record<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
    audit::append(
        tx,
        region,
        &AuditEntry {
            actor_id: Some(r.actor.id),
            actor: &r.actor.name,
            action: r.action,
            entity: r.entity,
            entity_id: Some(r.entity_id),
            before: r.before.as_ref().map(Value::to_string),
            after: Some(r.after.to_string()),
        },
        now,
    )
    .await?;
    if let Some(task_id) = r.task_id {
        event::record(
            tx,
            region,
            task_id,
            Some(r.actor.id),
            &r.actor.name,
            r.action,
            &r.after,
            now,
        )
        .await?;
        // Whatever changed the task may have changed its light and its ancestors'.
        let today = now.with_timezone(&crate::clock::cst()).date_naive();
        crate::stored::refresh_task(tx, region, task_id, today, shows_in_public(r.action)).await?;
    }
    Ok(())
}

/// Whether a recorded change may show on the public site, which shows public tasks with their
/// accepted reports: everything may, except a unit's own reporting before the office accepts it
/// and the supervision office's correspondence (a safe default for any new action).
fn shows_in_public(action: &str) -> bool {
    const PRIVATE: [&str; 7] = [
        "report.saved",
        "report.submitted",
        "report.returned",
        "report.noted",
        "evidence.attached",
        "evidence.deleted",
        "request.filed",
    ];
    !(PRIVATE.contains(&action) || action.starts_with("supervision."))
}

/// Turns a list of problems into a `VALIDATION_FAILED`, or `Ok` when there are none.
pub fn fail_if(errors: Vec<ValidationError>) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// One problem as a `VALIDATION_FAILED`.
pub fn invalid(field: &'static str, code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Validation(vec![ValidationError::new(field, code, zh, en)])
}
