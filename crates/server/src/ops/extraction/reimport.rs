//! A table imported again: the rows whose keys were imported into the plan before update the
//! tasks they created (title, requirements, owners, leader, deadline — what the sheet holds),
//! each change recorded with its before and after; and every lead unit is told what it was
//! given or what changed, once per import.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use luoshi_domain::ValidTask;
use luoshi_lights::Change;
use luoshi_store::task::{self, TaskUpdate};

use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
    ops::{
        Record, record,
        task::{TaskForm, task_json},
    },
};

/// Updates task `id` of plan `plan` from a row of the table, inside `tx`: what a sheet holds
/// (title, requirements, owners, deadline, and the leader when the row names one); its start,
/// cycle, weight, domain, place and milestones stay as they are. `false` when the row changes
/// nothing (nothing is written or recorded then).
#[allow(clippy::too_many_arguments)]
pub async fn update_in(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    plan: i64,
    id: i64,
    v: &ValidTask,
    f: &TaskForm,
    leader_named: bool,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let region = cap.region;
    let current = task::task(tx, region, id)
        .await?
        .filter(|t| t.plan_id == plan)
        .ok_or(AppError::NotFound)?;
    let before_co = task::co_units(tx, region, id).await?;
    let same_co = {
        let (mut a, mut b) = (before_co.clone(), f.co_unit_ids.clone());
        a.sort_unstable();
        a.dedup();
        b.sort_unstable();
        b.dedup();
        a == b
    };
    let leader_id = if leader_named { f.leader_id } else { current.leader_id };
    if current.title == v.title.as_str()
        && current.description == v.description
        && current.lead_unit_id == f.lead_unit_id
        && current.leader_id == leader_id
        && current.due == v.due
        && same_co
    {
        return Ok(false);
    }
    task::update_task(
        tx,
        region,
        id,
        current.version,
        &TaskUpdate {
            title: v.title.as_str(),
            description: &v.description,
            lead_unit_id: f.lead_unit_id,
            leader_id,
            start: current.start,
            due: v.due,
            cycle: current.cycle.code(),
            cycle_due_day: current.cycle_due_day,
            weight: current.weight,
            domain: &current.domain,
            public: current.public,
            owner: &current.owner,
        },
        now,
    )
    .await?;
    task::set_co_units(tx, region, id, &f.co_unit_ids).await?;
    let after = task::task(tx, region, id).await?.ok_or(AppError::NotFound)?;
    record(
        tx,
        region,
        Record {
            actor: &cap.actor,
            change: Change::TaskEdited { task: id },
            entity: "task",
            entity_id: id,
            before: Some(task_json(&current, &before_co)),
            after: task_json(&after, &f.co_unit_ids),
        },
        now,
    )
    .await?;
    Ok(true)
}

/// What one import gave each lead unit: tasks added and tasks changed.
#[derive(Debug, Default)]
pub struct Given(BTreeMap<i64, (usize, usize)>);

impl Given {
    /// Counts a task added (or changed) for `unit`.
    pub fn count(&mut self, unit: Option<i64>, changed: bool) {
        if let Some(u) = unit {
            let e = self.0.entry(u).or_default();
            if changed {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
    }

    /// Tells each unit, once, what the import `plan` gave it.
    pub async fn tell(
        &self,
        state: &AppState,
        tx: &mut luoshi_store::Tx,
        region: i64,
        plan: (i64, &str),
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        let stamp = now.timestamp_millis();
        for (unit, (added, changed)) in &self.0 {
            let title = match (added, changed) {
                (a, 0) => format!("新分解任务{a}项：{}", plan.1),
                (0, c) => format!("{c}项任务按新表格更新：{}", plan.1),
                (a, c) => format!("新分解任务{a}项、更新{c}项：{}", plan.1),
            };
            let m = crate::ops::notify::Message {
                event_key: &format!("import:{}:{stamp}:unit:{unit}", plan.0),
                kind: "tasks_assigned",
                title: &title,
                body: "请在首页的任务中查看牵头任务的工作要求和完成时限，按期报送进展。",
                link: "/",
            };
            crate::ops::notify::tell_unit(tx, &state.config, region, *unit, m, now).await?;
        }
        Ok(())
    }
}
