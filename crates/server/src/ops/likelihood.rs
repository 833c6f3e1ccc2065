//! The office sets a task's likelihood of delivery (交付研判), with a reason: it counts until
//! the lead unit judges again with its next report. The lead unit is told; the history keeps
//! every judgement.

use luoshi_domain::{
    ValidationError, codes,
    likelihood::{Likelihood, check_reason},
};
use luoshi_lights::Change;
use serde_json::json;

use super::{Record, notify, record};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

/// Sets task `task`'s judgement to `judgement` for `reason`.
pub async fn set_for_task(
    state: &AppState,
    cap: &SupervisorCap,
    task: i64,
    judgement: &str,
    reason: &str,
) -> AppResult<()> {
    let l = Likelihood::parse(judgement.trim())
        .ok_or_else(|| AppError::Validation(vec![ValidationError::of("likelihood", codes::LIKELIHOOD_INVALID)]))?;
    check_reason(l, reason, true).map_err(|e| AppError::Validation(vec![e]))?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let t = luoshi_store::task::task(&mut tx, cap.region, task)
        .await?
        .ok_or(AppError::NotFound)?;
    luoshi_store::likelihood::insert(
        &mut tx,
        cap.region,
        "task",
        task,
        l.code(),
        reason.trim(),
        true,
        None,
        cap.actor.id,
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::LikelihoodSet,
            entity: "task",
            entity_id: task,
            before: None,
            after: json!({ "likelihood": l.code(), "reason": reason.trim() }),
        },
        now,
    )
    .await?;
    if let Some(unit) = t.lead_unit_id {
        let m = notify::Message {
            event_key: &format!("likelihood:{task}:{}", now.timestamp_millis()),
            kind: "likelihood_set",
            title: &format!(
                "督查室将“{}”的交付研判调整为{}：{}",
                t.title,
                l.names().0,
                reason.trim()
            ),
            body: "",
            link: &format!("/tasks/{task}"),
        };
        notify::tell_unit(&mut tx, &state.config, cap.region, unit, m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
