//! Moving a task in its plan's tree: under another parent, or up and down among its siblings.

use crate::{
    AppState, access::SupervisorCap, error::AppError, error::AppResult, ops::Record, ops::invalid, ops::record,
};
use luoshi_lights::Change;
use luoshi_store::task;
use serde::Serialize;
use serde_json::json;
use std::collections::HashSet;

/// Moves a task under `parent` (or to the top) of the same plan, last among its new siblings.
pub async fn move_to(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    parent: Option<i64>,
) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let t = task::task(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    if let Some(p) = parent {
        let all = task::tasks_of_plan(&mut tx, cap.region, t.plan_id).await?;
        if !all.iter().any(|x| x.id == p) {
            return Err(invalid(
                "parent_id",
                luoshi_domain::codes::TASK_PARENT_OTHER_PLAN,
                "上级任务不属于该计划",
                "The parent task is in another plan",
            ));
        }
        // Not under itself or under one of its own descendants.
        let mut below: HashSet<i64> = HashSet::from([id]);
        loop {
            let before = below.len();
            for x in &all {
                if x.parent_id.is_some_and(|pp| below.contains(&pp)) {
                    below.insert(x.id);
                }
            }
            if below.len() == before {
                break;
            }
        }
        if below.contains(&p) {
            return Err(invalid(
                "parent_id",
                luoshi_domain::codes::TASK_MOVE_INTO_ITSELF,
                "不能把任务移到它自己或它的下级任务之下",
                "A task cannot move under itself or its own sub-tasks",
            ));
        }
    }
    let seq = task::siblings(&mut tx, cap.region, t.plan_id, parent)
        .await?
        .iter()
        .filter(|x| x.id != id)
        .map(|x| x.seq + 1)
        .max()
        .unwrap_or(0);
    task::move_task(&mut tx, cap.region, id, version, parent, seq, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskMoved {
                task: id,
                left: t.parent_id.filter(|old| Some(*old) != parent),
            },
            entity: "task",
            entity_id: id,
            before: Some(json!({ "parent_id": t.parent_id })),
            after: json!({ "parent_id": parent }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Which way to reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// One place earlier.
    Up,
    /// One place later.
    Down,
}

/// Moves a task one place up or down among its siblings.
pub async fn reorder(state: &AppState, cap: &SupervisorCap, id: i64, dir: Direction) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let t = task::task(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    let mut sibs = task::siblings(&mut tx, cap.region, t.plan_id, t.parent_id).await?;
    let Some(i) = sibs.iter().position(|x| x.id == id) else {
        return Err(AppError::NotFound);
    };
    let j = match dir {
        Direction::Up if i > 0 => i - 1,
        Direction::Down if i + 1 < sibs.len() => i + 1,
        _ => return Ok(()), // already first or last
    };
    sibs.swap(i, j);
    // Every sibling whose place number changes is written, and its stored row marked at a new
    // revision, so no server's copy of the plan keeps an old number for it.
    let mut renumbered = Vec::new();
    for (seq, s) in sibs.iter().enumerate() {
        if s.seq != seq as i64 {
            task::set_seq(&mut tx, cap.region, s.id, seq as i64).await?;
            renumbered.push(s.id);
        }
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskReordered { task: id, renumbered },
            entity: "task",
            entity_id: id,
            before: Some(json!({ "position": i + 1 })),
            after: json!({ "position": j + 1 }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
