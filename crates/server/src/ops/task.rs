//! Decomposing plans into tasks: the supervision office's edits, and a lead unit breaking its
//! own task into sub-tasks (层层分解) which it then keeps.

use crate::access::task::Editor;
use luoshi_lights::Change;

use luoshi_domain::{TaskInput, ValidTask, ValidationError, check_task};
use luoshi_store::task::{self, NewTask, Task, TaskUpdate};
use serde_json::json;

use super::{Record, invalid, record};
use crate::{
    AppState,
    access::{Actor, LeadCap, SupervisorCap},
    directory::Directory,
    error::{AppError, AppResult},
};

/// The decomposition form: the task's own fields and who owns it.
#[derive(Debug, Clone, Default)]
pub struct TaskForm {
    /// Title, dates, cycle, weight, domain, 责任人, milestones.
    pub input: TaskInput,
    /// 牵头单位.
    pub lead_unit_id: Option<i64>,
    /// 配合单位.
    pub co_unit_ids: Vec<i64>,
    /// 责任领导.
    pub leader_id: Option<i64>,
    /// Shown on the public site.
    pub public: bool,
}

/// The fields of a task as JSON, for the audit log and a conflict answer.
pub fn task_json(t: &Task, co: &[i64]) -> serde_json::Value {
    json!({
        "id": t.id, "title": t.title, "description": t.description, "lead_unit_id": t.lead_unit_id,
        "co_unit_ids": co, "leader_id": t.leader_id, "start": t.start, "due": t.due, "cycle": t.cycle,
        "cycle_due_day": t.cycle_due_day, "weight": t.weight, "domain": t.domain, "public": t.public,
        "owner": t.owner, "version": t.version,
    })
}

fn check_owners(dir: &Directory, f: &TaskForm) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    let unit_ok = |id: i64| dir.unit(id).is_some_and(|u| u.merged_into.is_none() && u.active);
    if f.lead_unit_id.is_none() {
        errs.push(ValidationError::new(
            "lead_unit_id",
            luoshi_domain::codes::TASK_LEAD_UNIT_MISSING,
            "请选择牵头单位",
            "Choose the lead unit",
        ));
    }
    if let Some(u) = f.lead_unit_id
        && !unit_ok(u)
    {
        errs.push(ValidationError::new(
            "lead_unit_id",
            luoshi_domain::codes::TASK_UNIT_UNKNOWN,
            "牵头单位不存在或已撤并",
            "The lead unit does not exist or was merged",
        ));
    }
    errs.extend(luoshi_domain::text::repeated("co_unit_ids", &f.co_unit_ids));
    if f.co_unit_ids.iter().any(|u| !unit_ok(*u)) {
        errs.push(ValidationError::new(
            "co_unit_ids",
            luoshi_domain::codes::TASK_UNIT_UNKNOWN,
            "配合单位不存在或已撤并",
            "A co-unit does not exist or was merged",
        ));
    }
    if f.lead_unit_id.is_some_and(|l| f.co_unit_ids.contains(&l)) {
        errs.push(ValidationError::new(
            "co_unit_ids",
            luoshi_domain::codes::TASK_LEAD_ALSO_CO_UNIT,
            "牵头单位不能同时作为配合单位",
            "The lead unit cannot also be a co-unit",
        ));
    }
    if let Some(l) = f.leader_id
        && dir.leader(l).is_none()
    {
        errs.push(ValidationError::new(
            "leader_id",
            luoshi_domain::codes::TASK_LEADER_UNKNOWN,
            "责任领导不存在",
            "The responsible leader does not exist",
        ));
    }
    errs
}

fn check_form(dir: &Directory, f: &TaskForm) -> AppResult<ValidTask> {
    form_errors(dir, f).map_err(AppError::Validation)
}

/// Every problem with a task form: its owners against the directory and its own fields.
pub fn form_errors(dir: &Directory, f: &TaskForm) -> Result<ValidTask, Vec<ValidationError>> {
    let mut errs = check_owners(dir, f);
    let v = check_task(&f.input).map_err(|e| errs.extend(e)).ok();
    match v {
        Some(v) if errs.is_empty() => Ok(v),
        _ => Err(errs),
    }
}

/// A sub-task must lie within its parent's start and deadline.
fn check_within(parent: &Task, v: &ValidTask) -> AppResult<()> {
    let before = v.start < parent.start;
    let after = match (parent.due, v.due) {
        (Some(pd), Some(d)) => d > pd,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if before || after {
        return Err(invalid(
            "due",
            luoshi_domain::codes::SUBTASK_OUTSIDE_PARENT,
            "下级任务的开始日期和完成时限应在上级任务的时间范围内",
            "A sub-task must start and end within its parent's dates",
        ));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    state: &AppState,
    region: i64,
    actor: &Actor,
    plan_id: i64,
    parent: Option<i64>,
    v: &ValidTask,
    f: &TaskForm,
    decomposed_by: Option<i64>,
) -> AppResult<i64> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let at = Placement {
        plan_id,
        parent,
        seq: None,
        decomposed_by,
        source: None,
    };
    let id = insert_in(&mut tx, region, actor, &at, v, f, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Where a new task goes: its plan, parent, the unit that made it (for a unit's sub-task) and
/// the words of the plan it came from.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// The plan.
    pub plan_id: i64,
    /// The parent task.
    pub parent: Option<i64>,
    /// Its place among its siblings; `None` puts it after the last one (read from the store).
    pub seq: Option<i64>,
    /// The unit breaking its own task down.
    pub decomposed_by: Option<i64>,
    /// The span of the plan's text, in characters.
    pub source: Option<(i64, i64)>,
}

/// Inserts a checked task at the end of its siblings inside `tx`, with its audit line.
pub async fn insert_in(
    tx: &mut luoshi_store::Tx,
    region: i64,
    actor: &Actor,
    at: &Placement,
    v: &ValidTask,
    f: &TaskForm,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let Placement {
        plan_id,
        parent,
        seq,
        decomposed_by,
        source,
    } = *at;
    let seq = match seq {
        Some(s) => s,
        None => task::siblings(&mut *tx, region, plan_id, parent)
            .await?
            .iter()
            .map(|t| t.seq + 1)
            .max()
            .unwrap_or(0),
    };
    let ms: Vec<(&str, chrono::NaiveDate)> = v.milestones.iter().map(|(t, d)| (t.as_str(), *d)).collect();
    let id = task::insert_task(
        &mut *tx,
        region,
        &NewTask {
            plan_id,
            parent_id: parent,
            seq,
            title: v.title.as_str(),
            description: &v.description,
            lead_unit_id: f.lead_unit_id,
            co_unit_ids: &f.co_unit_ids,
            leader_id: f.leader_id,
            start: v.start,
            due: v.due,
            cycle: v.cycle.kind.code(),
            cycle_due_day: i64::from(v.cycle.due_day),
            weight: i64::from(v.weight.get()),
            domain: &v.domain,
            public: f.public,
            source,
            milestones: &ms,
            owner: &v.owner,
            decomposed_by,
        },
        now,
    )
    .await?;
    let created = task::task(&mut *tx, region, id).await?.ok_or(AppError::NotFound)?;
    record(
        &mut *tx,
        region,
        Record {
            actor,
            change: Change::TaskCreated { task: id },
            entity: "task",
            entity_id: id,
            before: None,
            after: task_json(&created, &f.co_unit_ids),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// The supervision office adds a task to a plan, under `parent` or at the top.
pub async fn create(
    state: &AppState,
    cap: &SupervisorCap,
    plan_id: i64,
    parent: Option<i64>,
    f: &TaskForm,
) -> AppResult<i64> {
    let mut conn = state.store.conn().await?;
    luoshi_store::plan::plan(&mut conn, cap.region, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(p) = parent {
        let pt = task::task(&mut conn, cap.region, p).await?.ok_or(AppError::NotFound)?;
        if pt.plan_id != plan_id {
            return Err(invalid(
                "parent_id",
                luoshi_domain::codes::TASK_PARENT_OTHER_PLAN,
                "上级任务不属于该计划",
                "The parent task is in another plan",
            ));
        }
    }
    let dir = Directory::load(&mut conn, cap.region).await?;
    drop(conn);
    let v = check_form(&dir, f)?;
    insert(state, cap.region, &cap.actor, plan_id, parent, &v, f, None).await
}

/// The lead unit breaks its task into a sub-task: led by itself, under the same leader.
pub async fn create_subtask(state: &AppState, lead: &LeadCap, f: &TaskForm) -> AppResult<i64> {
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, lead.region).await?;
    drop(conn);
    if lead.task.done_on.is_some() {
        return Err(invalid(
            "parent_id",
            luoshi_domain::codes::TASK_ALREADY_DONE,
            "该任务已办结",
            "This task is already done",
        ));
    }
    let f = TaskForm {
        lead_unit_id: Some(lead.unit),
        leader_id: lead.task.leader_id,
        public: false,
        ..f.clone()
    };
    let v = check_form(&dir, &f)?;
    check_within(&lead.task, &v)?;
    insert(
        state,
        lead.region,
        &lead.actor,
        lead.task.plan_id,
        Some(lead.task.id),
        &v,
        &f,
        Some(lead.unit),
    )
    .await
}

/// Saves a task at `version`. A unit editing its own sub-task keeps its unit as lead and the
/// leader and public flag as they were.
pub async fn update(state: &AppState, editor: &Editor, current: &Task, version: i64, f: &TaskForm) -> AppResult<()> {
    let region = editor.region();
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, region).await?;
    let parent = match current.parent_id {
        Some(p) => task::task(&mut conn, region, p).await?,
        None => None,
    };
    drop(conn);
    let f = match editor {
        Editor::Office(_) => f.clone(),
        Editor::Unit { unit, .. } => TaskForm {
            lead_unit_id: Some(*unit),
            leader_id: current.leader_id,
            public: current.public,
            ..f.clone()
        },
    };
    let v = check_form(&dir, &f)?;
    if let (Editor::Unit { .. }, Some(p)) = (editor, &parent) {
        check_within(p, &v)?;
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before_co = task::co_units(&mut tx, region, current.id).await?;
    let result = task::update_task(
        &mut tx,
        region,
        current.id,
        version,
        &TaskUpdate {
            title: v.title.as_str(),
            description: &v.description,
            lead_unit_id: f.lead_unit_id,
            leader_id: f.leader_id,
            start: v.start,
            due: v.due,
            cycle: v.cycle.kind.code(),
            cycle_due_day: i64::from(v.cycle.due_day),
            weight: i64::from(v.weight.get()),
            domain: &v.domain,
            public: f.public,
            owner: &v.owner,
        },
        now,
    )
    .await;
    if let Err(luoshi_store::StoreError::Conflict { .. }) = &result {
        let stored = task::task(&mut tx, region, current.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let co = task::co_units(&mut tx, region, current.id).await?;
        return Err(AppError::Conflict {
            message: format!("task {} was saved by someone else", current.id),
            current: Some(task_json(&stored, &co)),
        });
    }
    result?;
    task::set_co_units(&mut tx, region, current.id, &f.co_unit_ids).await?;
    task::set_milestones(&mut tx, region, current.id, &v.milestones).await?;
    let after = task::task(&mut tx, region, current.id)
        .await?
        .ok_or(AppError::NotFound)?;
    record(
        &mut tx,
        region,
        Record {
            actor: editor.actor(),
            change: Change::TaskEdited { task: current.id },
            entity: "task",
            entity_id: current.id,
            before: Some(task_json(current, &before_co)),
            after: task_json(&after, &f.co_unit_ids),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
