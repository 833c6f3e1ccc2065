//! Keeping the key-project ledger (the office): adding a project, changing it — a change of a
//! figure the year began with (the total, the year's plan, the planned months) needs a reason
//! and stays in the project's history — adding categories and approval nodes; and marking a
//! node done (the office, the node's unit or the project's service unit).

use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use luoshi_domain::{
    ValidationError, codes,
    project::{Month, ProjectInput, ValidProject, Wan, check_project},
};
use luoshi_lights::Change;
use luoshi_store::{
    Tx,
    project::{self as store, NewChange, Project, ProjectFields},
};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::{Actor, Reader, SupervisorCap},
    directory::Directory,
    error::{AppError, AppResult},
};

/// A project as entered, with the records it points at.
#[derive(Debug, Clone, Default)]
pub struct ProjectForm {
    /// The typed fields.
    pub input: ProjectInput,
    /// Its category.
    pub category_id: i64,
    /// 责任单位.
    pub unit_id: i64,
    /// 服务单位.
    pub service_unit_id: Option<i64>,
    /// Where it is built (a county or a zone).
    pub place_unit_id: Option<i64>,
    /// 包联领导.
    pub liaison_id: Option<i64>,
    /// The plan task it belongs to.
    pub task_id: Option<i64>,
    /// Shown on the public site.
    pub public: bool,
}

fn unknown(field: &'static str, zh: &str, en: &str) -> ValidationError {
    ValidationError::new(field, codes::PROJECT_CHOICE_UNKNOWN, zh.to_string(), en.to_string())
}

/// Checks `f` field by field, the units, leader, category and task against the region.
async fn checked(state: &AppState, region: i64, f: &ProjectForm) -> AppResult<ValidProject> {
    let now = Month::of(state.clock.today());
    let (valid, mut errs) = match check_project(&f.input, now) {
        Ok(p) => (Some(p), Vec::new()),
        Err(e) => (None, e),
    };
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    let unit_ok = |id: i64| dir.unit(id).is_some_and(|u| u.active);
    if !unit_ok(f.unit_id) {
        errs.push(unknown("unit_id", "请选择责任单位", "Choose the responsible unit"));
    }
    if f.service_unit_id.is_some_and(|u| !unit_ok(u)) {
        errs.push(unknown(
            "service_unit_id",
            "服务单位不是本行政区在用的单位",
            "The service unit is not one of the region's",
        ));
    }
    if f.place_unit_id.is_some_and(|u| !unit_ok(u)) {
        errs.push(unknown(
            "place_unit_id",
            "所在地不是本行政区在用的单位",
            "The place is not one of the region's",
        ));
    }
    if f.liaison_id.is_some_and(|l| !dir.leader(l).is_some_and(|l| l.active)) {
        errs.push(unknown(
            "liaison_id",
            "包联领导不是在任的领导",
            "The liaison leader is not a leader in office",
        ));
    }
    let categories = store::categories(&mut c, region).await?;
    if !categories.iter().any(|k| k.id == f.category_id && k.active) {
        errs.push(unknown("category_id", "请选择项目类别", "Choose the category"));
    }
    if let Some(t) = f.task_id
        && luoshi_store::task::task(&mut c, region, t).await?.is_none()
    {
        errs.push(unknown("task_id", "所属任务不存在", "No such task"));
    }
    match valid {
        Some(p) if errs.is_empty() => Ok(p),
        _ => Err(AppError::Validation(errs)),
    }
}

fn fields<'a>(p: &'a ValidProject, f: &'a ProjectForm, months: &'a [String; 4]) -> ProjectFields<'a> {
    ProjectFields {
        name: &p.name,
        level: p.level.code(),
        category_id: f.category_id,
        nature: p.nature.code(),
        stage: p.stage.code(),
        content: &p.content,
        total: p.total.0,
        planned_start: &months[0],
        planned_finish: &months[1],
        actual_start: p.actual.0.map(|_| months[2].as_str()),
        actual_finish: p.actual.1.map(|_| months[3].as_str()),
        unit_id: f.unit_id,
        service_unit_id: f.service_unit_id,
        place_unit_id: f.place_unit_id,
        liaison_id: f.liaison_id,
        task_id: f.task_id,
        public: f.public,
    }
}

fn months(p: &ValidProject) -> [String; 4] {
    [
        p.planned.0.code(),
        p.planned.1.code(),
        p.actual.0.map(Month::code).unwrap_or_default(),
        p.actual.1.map(Month::code).unwrap_or_default(),
    ]
}

/// Puts a project on the ledger; returns its id.
pub async fn create(state: &AppState, cap: &SupervisorCap, f: &ProjectForm) -> AppResult<i64> {
    let p = checked(state, cap.region, f).await?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = insert_in(&mut tx, cap.region, &cap.actor, &p, f, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Puts checked project `p` on the ledger inside `tx`, recorded; returns its id.
pub(crate) async fn insert_in(
    tx: &mut Tx,
    region: i64,
    actor: &Actor,
    p: &ValidProject,
    f: &ProjectForm,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let m = months(p);
    let id = store::insert_project(tx, region, &fields(p, f, &m), p.year, p.annual_plan.0, actor.id, now).await?;
    record(
        tx,
        region,
        Record {
            actor,
            change: Change::ProjectAdded { project: id },
            entity: "project",
            entity_id: id,
            before: None,
            after: json!({ "name": p.name, "level": p.level.code(), "total": p.total.0, "year": p.year,
                "plan": p.annual_plan.0, "unit_id": f.unit_id }),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// A figure the year began with that `p` changes from project `old` (whose plan for `p`'s year
/// is `old_plan`): the field, the old and the new value in words.
pub(crate) fn moved_figures(
    old: &Project,
    old_plan: Option<i64>,
    p: &ValidProject,
) -> Vec<(&'static str, String, String)> {
    let m = months(p);
    [
        (
            "total",
            Wan(old.total).wan_text(),
            p.total.wan_text(),
            old.total != p.total.0,
        ),
        (
            "plan",
            old_plan.map(|v| Wan(v).wan_text()).unwrap_or_default(),
            p.annual_plan.wan_text(),
            old_plan.is_some_and(|v| v != p.annual_plan.0),
        ),
        (
            "planned_start",
            old.planned_start.clone(),
            m[0].clone(),
            old.planned_start != m[0],
        ),
        (
            "planned_finish",
            old.planned_finish.clone(),
            m[1].clone(),
            old.planned_finish != m[1],
        ),
    ]
    .into_iter()
    .filter(|(_, _, _, changed)| *changed)
    .map(|(f, a, b, _)| (f, a, b))
    .collect()
}

/// A change to project `old` (as stored) read at `version`, as `p` and `f` say, inside `tx`, with
/// the figures it `moved` and the `reason` kept in its history; a stale `version` is a conflict.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn update_in(
    tx: &mut Tx,
    region: i64,
    actor: &Actor,
    old: &Project,
    version: i64,
    p: &ValidProject,
    f: &ProjectForm,
    moved: &[(&'static str, String, String)],
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let m = months(p);
    let id = old.id;
    if !store::update_project(tx, region, id, version, &fields(p, f, &m)).await? {
        return Err(AppError::Conflict {
            message: format!("project {id} was changed by someone else"),
            current: Some(json!({ "entity": "project", "id": id, "version": old.version })),
        });
    }
    store::set_year_plan(tx, region, id, p.year, p.annual_plan.0).await?;
    for (field, old_value, new_value) in moved {
        let c = NewChange {
            field,
            old_value,
            new_value,
            reason,
        };
        store::record_change(tx, region, id, &c, actor.id, now).await?;
    }
    record(
        tx,
        region,
        Record {
            actor,
            change: Change::ProjectChanged { project: id },
            entity: "project",
            entity_id: id,
            before: Some(json!({ "name": old.name, "total": old.total, "stage": old.stage, "version": old.version })),
            after: json!({ "name": p.name, "total": p.total.0, "stage": p.stage.code(), "reason": reason,
                "changed": moved.iter().map(|m| m.0).collect::<Vec<_>>() }),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Changes project `id` as read at `version`; a figure the year began with changes only with a
/// `reason`, kept in its history. A save from a stale version is a conflict.
pub async fn edit(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    f: &ProjectForm,
    reason: &str,
) -> AppResult<()> {
    let p = checked(state, cap.region, f).await?;
    let (old, year) = {
        let mut c = state.store.conn().await?;
        let old = cap.project(&mut c, id).await?;
        let year = store::year_plan(&mut c, cap.region, id, p.year).await?;
        (old, year)
    };
    let moved = moved_figures(&old, year.as_ref().map(|y| y.plan), &p);
    let reason = reason.trim();
    if !moved.is_empty() && reason.is_empty() {
        return Err(AppError::Validation(vec![ValidationError::of(
            "reason",
            codes::PROJECT_REASON_REQUIRED,
        )]));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    update_in(
        &mut tx, cap.region, &cap.actor, &old, version, &p, f, &moved, reason, now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a category of projects; returns its id.
pub async fn add_category(state: &AppState, cap: &SupervisorCap, name: &str) -> AppResult<i64> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 20 || luoshi_domain::text::has_hidden(name) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "name",
            codes::PROJECT_CATEGORY_INVALID,
        )]));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let existing = store::categories(&mut tx, cap.region).await?;
    if existing.iter().any(|c| c.name == name) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "name",
            codes::PROJECT_CATEGORY_INVALID,
        )]));
    }
    let id = add_category_in(&mut tx, cap.region, &cap.actor, name, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds category `name` (checked, not yet taken) last in the list inside `tx`, recorded.
pub(crate) async fn add_category_in(
    tx: &mut Tx,
    region: i64,
    actor: &Actor,
    name: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let existing = store::categories(tx, region).await?;
    let sort = existing.iter().map(|c| c.sort).max().unwrap_or(0) + 1;
    let id = store::insert_category(tx, region, name, sort).await?;
    record(
        tx,
        region,
        Record {
            actor,
            change: Change::ProjectCategoryAdded,
            entity: "project_category",
            entity_id: id,
            before: None,
            after: json!({ "name": name }),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// Adds an approval node to project `project`; returns its id.
pub async fn add_node(
    state: &AppState,
    cap: &SupervisorCap,
    project: i64,
    name: &str,
    planned_on: Option<NaiveDate>,
    unit_id: Option<i64>,
) -> AppResult<i64> {
    let mut errs = Vec::new();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 50 || luoshi_domain::text::has_hidden(name) {
        errs.push(ValidationError::of("name", codes::PROJECT_NODE_INVALID));
    }
    if planned_on.is_none() {
        errs.push(ValidationError::of("planned_on", codes::PROJECT_NODE_INVALID));
    }
    let p = {
        let mut c = state.store.conn().await?;
        let p = cap.project(&mut c, project).await?;
        let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
        if unit_id.is_some_and(|u| !dir.unit(u).is_some_and(|u| u.active)) {
            errs.push(unknown("unit_id", "请选择负责的单位", "Choose the responsible unit"));
        }
        p
    };
    let Some(planned_on) = planned_on.filter(|_| errs.is_empty()) else {
        return Err(AppError::Validation(errs));
    };
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let sort = store::nodes(&mut tx, cap.region, project).await?.len() as i64 + 1;
    let unit = unit_id.or(p.service_unit_id);
    let id = store::insert_node(&mut tx, cap.region, project, name, planned_on, unit, sort).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::ProjectNodeSet { project },
            entity: "project_node",
            entity_id: id,
            before: None,
            after: json!({ "project_id": project, "name": name, "planned_on": planned_on, "unit_id": unit }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Marks node `node` of project `project` done on `done_on` (or not done), as read at
/// `version`; for the office, the node's unit or the project's service unit.
#[allow(clippy::too_many_arguments)]
pub async fn set_node(
    state: &AppState,
    reader: &Reader,
    actor: &crate::access::Actor,
    project: i64,
    node: i64,
    version: i64,
    done_on: Option<NaiveDate>,
    note: &str,
) -> AppResult<()> {
    let (p, n) = {
        let mut c = state.store.conn().await?;
        let p = reader.project(&mut c, project).await?;
        let n = store::nodes(&mut c, reader.region, project)
            .await?
            .into_iter()
            .find(|n| n.id == node)
            .ok_or(AppError::NotFound)?;
        (p, n)
    };
    if !reader.keeps_node(&p, &n) {
        return Err(AppError::Forbidden);
    }
    let today = state.clock.today();
    if done_on.is_some_and(|d| d > today) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "done_on",
            codes::PROJECT_MONTH_IN_FUTURE,
        )]));
    }
    let note = note.trim();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    if !store::set_node_done(&mut tx, reader.region, node, version, done_on, note).await? {
        return Err(AppError::Conflict {
            message: format!("node {node} was changed by someone else"),
            current: Some(json!({ "entity": "project_node", "id": node, "version": n.version })),
        });
    }
    record(
        &mut tx,
        reader.region,
        Record {
            actor,
            change: Change::ProjectNodeSet { project },
            entity: "project_node",
            entity_id: node,
            before: Some(json!({ "done_on": n.done_on, "note": n.note })),
            after: json!({ "done_on": done_on, "note": note }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
