//! Keeping task forces (专班, the office): setting one up with its lead leader, leading and
//! member units, term and status (the units are told); changing it (a conflict when someone
//! saved it since); giving it tasks, key projects and indicators to own, or taking them away.
//! A task force that leads a task has its leading unit act for it: the task's lead unit
//! becomes the force's leading unit, as a task edit, judged and told.

use luoshi_domain::{
    ValidationError, codes,
    task_force::{TaskForceInput, ValidTaskForce, check_task_force},
};
use luoshi_lights::Change;
use luoshi_store::task_force::{self as store, ForceFields, TaskForce};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::SupervisorCap,
    directory::Directory,
    error::{AppError, AppResult},
};

/// A task force as entered.
#[derive(Debug, Clone, Default)]
pub struct ForceForm {
    /// The typed fields.
    pub input: TaskForceInput,
    /// 牵头领导.
    pub leader_id: Option<i64>,
    /// 牵头单位.
    pub lead_unit_id: i64,
    /// 成员单位.
    pub members: Vec<i64>,
}

async fn checked(state: &AppState, region: i64, f: &ForceForm) -> AppResult<ValidTaskForce> {
    let (valid, mut errs) = match check_task_force(&f.input) {
        Ok(v) => (Some(v), Vec::new()),
        Err(e) => (None, e),
    };
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    if !dir.unit(f.lead_unit_id).is_some_and(|u| u.active) {
        errs.push(ValidationError::of("lead_unit_id", codes::TASK_FORCE_UNIT_MISSING));
    }
    if f.members.iter().any(|u| !dir.unit(*u).is_some_and(|u| u.active)) {
        errs.push(ValidationError::of("members", codes::TASK_FORCE_CHOICE_UNKNOWN));
    }
    if f.leader_id.is_some_and(|l| !dir.leader(l).is_some_and(|l| l.active)) {
        errs.push(ValidationError::of("leader_id", codes::TASK_FORCE_CHOICE_UNKNOWN));
    }
    match valid {
        Some(v) if errs.is_empty() => Ok(v),
        _ => Err(AppError::Validation(errs)),
    }
}

fn fields<'a>(v: &'a ValidTaskForce, f: &ForceForm) -> ForceFields<'a> {
    ForceFields {
        name: &v.name,
        purpose: &v.purpose,
        leader_id: f.leader_id,
        lead_unit_id: f.lead_unit_id,
        established_on: v.established_on,
        term_end: v.term_end,
        status: v.status.code(),
    }
}

fn duplicate_or(e: luoshi_store::StoreError) -> AppError {
    match e.duplicate_as("task_force") {
        luoshi_store::StoreError::Duplicate(_) => {
            AppError::Validation(vec![ValidationError::of("name", codes::TASK_FORCE_NAME_INVALID)])
        }
        e => e.into(),
    }
}

/// The units of a task force, leading first, without repeats.
fn units_of(f: &ForceForm) -> Vec<i64> {
    let mut all = vec![f.lead_unit_id];
    all.extend(f.members.iter().copied().filter(|u| *u != f.lead_unit_id));
    all.dedup();
    all
}

/// Tells `units` they are in task force `id`.
async fn tell_units(
    state: &AppState,
    tx: &mut luoshi_store::Tx,
    region: i64,
    id: i64,
    name: &str,
    units: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let title = format!("贵单位已列入{name}");
    for u in units {
        let m = super::notify::Message {
            event_key: &format!("task_force:{id}:unit:{u}"),
            kind: "task_force_member",
            title: &title,
            body: "专班名下的任务、重点项目和指标见专班页面。",
            link: &format!("/task-forces/{id}"),
        };
        super::notify::tell_unit(tx, &state.config, region, *u, m, now).await?;
    }
    Ok(())
}

/// Sets up a task force; returns its id.
pub async fn create(state: &AppState, cap: &SupervisorCap, f: &ForceForm) -> AppResult<i64> {
    let v = checked(state, cap.region, f).await?;
    let now = state.clock.now();
    let units = units_of(f);
    let mut tx = state.store.begin().await?;
    let id = store::insert(&mut tx, cap.region, fields(&v, f), cap.actor.id, now)
        .await
        .map_err(duplicate_or)?;
    store::set_members(&mut tx, cap.region, id, &units[1..]).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskForceAdded,
            entity: "task_force",
            entity_id: id,
            before: None,
            after: json!({ "name": v.name, "lead_unit_id": f.lead_unit_id, "leader_id": f.leader_id, "members": &units[1..] }),
        },
        now,
    )
    .await?;
    tell_units(state, &mut tx, cap.region, id, &v.name, &units, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes task force `id`, read at `version`; units newly in it are told.
pub async fn update(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, f: &ForceForm) -> AppResult<()> {
    let v = checked(state, cap.region, f).await?;
    let now = state.clock.now();
    let units = units_of(f);
    let mut tx = state.store.begin().await?;
    let before = cap.task_force(&mut tx, id).await?;
    let old_members: Vec<i64> = store::members(&mut tx, cap.region)
        .await?
        .into_iter()
        .filter(|(fid, _)| *fid == id)
        .map(|(_, u)| u)
        .collect();
    if !store::update(&mut tx, cap.region, id, version, fields(&v, f))
        .await
        .map_err(duplicate_or)?
    {
        return Err(AppError::Conflict {
            message: format!("task force {id} was changed by someone else"),
            current: Some(json!({ "entity": "task_force", "id": id, "version": before.version })),
        });
    }
    store::set_members(&mut tx, cap.region, id, &units[1..]).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskForceChanged,
            entity: "task_force",
            entity_id: id,
            before: Some(json!({ "force": before, "members": old_members })),
            after: json!({ "name": v.name, "lead_unit_id": f.lead_unit_id, "leader_id": f.leader_id,
                "members": &units[1..], "status": v.status.code() }),
        },
        now,
    )
    .await?;
    let new: Vec<i64> = units
        .iter()
        .copied()
        .filter(|u| *u != before.lead_unit_id && !old_members.contains(u))
        .collect();
    tell_units(state, &mut tx, cap.region, id, &v.name, &new, now).await?;
    tx.commit().await?;
    Ok(())
}

/// What the office gives a task force to own, or takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// A task; `leads`: the task force leads it (its leading unit acts for it).
    Task { id: i64, leads: bool },
    /// A key project.
    Project(i64),
    /// An indicator.
    Indicator(i64),
}

/// Gives (`own`) or takes away `what` from task force `force`.
pub async fn set_holding(state: &AppState, cap: &SupervisorCap, force: i64, what: Holding, own: bool) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let tf = cap.task_force(&mut tx, force).await?;
    let unknown =
        |field: &'static str| AppError::Validation(vec![ValidationError::of(field, codes::TASK_FORCE_CHOICE_UNKNOWN)]);
    match what {
        Holding::Task { id, leads } => {
            let task = luoshi_store::task::task(&mut tx, cap.region, id)
                .await?
                .ok_or_else(|| unknown("task_id"))?;
            store::set_task(&mut tx, cap.region, id, own.then_some(force), leads && own).await?;
            if own && leads && task.lead_unit_id != Some(tf.lead_unit_id) {
                lead_task(state, &mut tx, cap, &tf, &task, now).await?;
            }
        }
        Holding::Project(id) => {
            luoshi_store::project::project(&mut tx, cap.region, id)
                .await?
                .ok_or_else(|| unknown("project_id"))?;
            store::set_project(&mut tx, cap.region, id, own.then_some(force)).await?;
        }
        Holding::Indicator(id) => {
            let i = cap.indicator(&mut tx, id).await.map_err(|_| unknown("indicator_id"))?;
            store::set_indicator(&mut tx, cap.region, i.id, own.then_some(force)).await?;
        }
    }
    let (kind, id, leads) = match what {
        Holding::Task { id, leads } => ("task", id, leads),
        Holding::Project(id) => ("project", id, false),
        Holding::Indicator(id) => ("indicator", id, false),
    };
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskForceOwns,
            entity: "task_force",
            entity_id: force,
            before: None,
            after: json!({ "kind": kind, "id": id, "owns": own, "leads": leads }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The task force leads `task`: its leading unit becomes the task's lead unit (a task edit,
/// judged again and in the task's history), and is told.
async fn lead_task(
    state: &AppState,
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    tf: &TaskForce,
    task: &luoshi_store::task::Task,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let u = luoshi_store::task::TaskUpdate {
        title: &task.title,
        description: &task.description,
        lead_unit_id: Some(tf.lead_unit_id),
        leader_id: task.leader_id,
        start: task.start,
        due: task.due,
        cycle: task.cycle.code(),
        cycle_due_day: task.cycle_due_day,
        weight: task.weight,
        domain: &task.domain,
        public: task.public,
        owner: &task.owner,
    };
    luoshi_store::task::update_task(tx, cap.region, task.id, task.version, &u, now).await?;
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TaskEdited { task: task.id },
            entity: "task",
            entity_id: task.id,
            before: Some(json!({ "lead_unit_id": task.lead_unit_id })),
            after: json!({ "lead_unit_id": tf.lead_unit_id, "task_force_id": tf.id }),
        },
        now,
    )
    .await?;
    let title = format!("{}牵头任务，由贵单位代行：{}", tf.name, task.title);
    let m = super::notify::Message {
        event_key: &format!("task_force:{}:leads:{}", tf.id, task.id),
        kind: "task_force_leads",
        title: &title,
        body: "请按任务的报送周期报送进展。",
        link: &format!("/tasks/{}", task.id),
    };
    super::notify::tell_unit(tx, &state.config, cap.region, tf.lead_unit_id, m, now).await?;
    Ok(())
}
