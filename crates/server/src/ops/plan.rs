//! Creating and editing plans (supervision office).

use chrono::Datelike;
use luoshi_domain::{PlanInput, check_plan};
use luoshi_lights::Change;
use luoshi_store::plan::{self, NewPlan};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

fn new_plan(v: &luoshi_domain::ValidPlan) -> NewPlan<'_> {
    NewPlan {
        kind: v.kind.code(),
        title: &v.title,
        doc_no: &v.doc_no,
        issued_on: v.issued_on,
        year: i64::from(v.issued_on.year()),
        summary: &v.summary,
        source_text: &v.source_text,
        thresholds: v.thresholds,
    }
}

/// Creates a plan; returns its id.
pub async fn create(state: &AppState, cap: &SupervisorCap, input: &PlanInput) -> AppResult<i64> {
    let v = check_plan(input).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = insert(&mut tx, cap, &v, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a checked plan inside `tx`, with its audit line; returns its id.
pub async fn insert(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    v: &luoshi_domain::ValidPlan,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let id = plan::insert_plan(tx, cap.region, &new_plan(v), now).await?;
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::PlanCreated { plan: id },
            entity: "plan",
            entity_id: id,
            before: None,
            after: json!({ "title": v.title, "kind": v.kind.code() }),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// Saves a plan at `version`; a newer save by someone else is a conflict.
pub async fn update(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, input: &PlanInput) -> AppResult<()> {
    let v = check_plan(input).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = plan::plan(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    plan::update_plan(&mut tx, cap.region, id, version, &new_plan(&v), now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::PlanEdited { plan: id },
            entity: "plan",
            entity_id: id,
            before: Some(json!({ "title": before.title, "yellow_lag": before.yellow_lag, "red_lag": before.red_lag, "milestone_red_days": before.milestone_red_days, "basis": before.judge_basis.code() })),
            after: json!({ "title": v.title, "yellow_lag": v.thresholds.yellow_lag, "red_lag": v.thresholds.red_lag, "milestone_red_days": v.thresholds.milestone_red_days, "basis": v.thresholds.basis.code() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a plan's escalation ladder at `version`; checks the rungs' ranges.
pub async fn set_ladder(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    ladder: luoshi_domain::Ladder,
) -> AppResult<()> {
    let ladder = ladder.check().map_err(AppError::Validation)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = plan::plan(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    plan::set_ladder(&mut tx, cap.region, id, version, &ladder.to_text(), now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::LadderSet { plan: id },
            entity: "plan",
            entity_id: id,
            before: Some(json!({ "ladder": luoshi_domain::Ladder::parse(&before.ladder) })),
            after: json!({ "ladder": ladder }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
