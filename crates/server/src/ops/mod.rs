//! The operations of the core loop, one function each, shared by the form handlers and the API
//! handlers: they take a capability from the access layer, check the input with the domain
//! rules, and write in one transaction with the audit line and the task's history.

pub mod account;

pub mod accountability;
pub mod assessment;
pub mod bulletin;
pub mod bulletin_facts;
pub mod calendar;
pub mod channels;
pub mod deliver;
pub mod directory;
pub mod directory_accounts;
pub mod directory_import;
pub mod dispatch;
pub mod dispatch_order;
pub mod escalation;
pub mod extraction;
pub mod indicator;
pub mod indicator_figure;
pub mod instruction;
pub mod ledger;
pub mod likelihood;
pub mod notify;
pub mod plan;
pub mod project;
pub mod project_issue;
pub mod project_ladder;
pub mod project_report;
pub mod report;
pub mod request;
pub mod review;
pub mod second_factor;
pub mod supervision;
pub mod task;
pub mod task_force;
pub mod tree;

use chrono::{DateTime, Utc};
use luoshi_domain::ValidationError;
use luoshi_lights::Change;
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
    /// What changed: names the audit line and the history entry, and tells the judged state
    /// what to judge again.
    pub change: Change,
    /// The kind of record changed.
    pub entity: &'a str,
    /// Which one.
    pub entity_id: i64,
    /// The record before.
    pub before: Option<Value>,
    /// The record after (also the history entry's detail).
    pub after: Value,
}

/// The one way a write is recorded: appends the audit line and, for a change to a task, its
/// history entry, inside `tx`; then has the judged state judge again what the change touched
/// (so call it after the write it records, before committing).
pub async fn record(tx: &mut Tx, region: i64, r: Record<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
    let action = r.change.action();
    audit::append(
        tx,
        region,
        &AuditEntry {
            actor_id: Some(r.actor.id),
            actor: &r.actor.name,
            action,
            entity: r.entity,
            entity_id: Some(r.entity_id),
            before: r.before.as_ref().map(Value::to_string),
            after: Some(r.after.to_string()),
        },
        now,
    )
    .await?;
    if let Some(task_id) = r.change.task() {
        event::record(
            tx,
            region,
            task_id,
            Some(r.actor.id),
            &r.actor.name,
            action,
            &r.after,
            now,
        )
        .await?;
    }
    let today = now.with_timezone(&crate::clock::cst()).date_naive();
    luoshi_lights::after(tx, region, &r.change, today).await?;
    Ok(())
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
pub fn invalid(
    field: &'static str,
    code: luoshi_domain::Code,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> AppError {
    AppError::Validation(vec![ValidationError::new(field, code, zh, en)])
}
