//! The decomposition form: a new task (supervision office), a sub-task (the lead unit breaking
//! its task down), editing a task, and moving or reordering it.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{CycleKind, TaskInput};
use luoshi_store::task::{self, Task};
use serde::Deserialize;

use super::{layout::Layout, plan_edit::ConflictRow, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted, Q, parse_date},
    i18n::Tr,
    ops::{self, task::TaskForm},
};

/// The task form's values, as typed.
#[derive(Debug, Clone, Default)]
pub struct TaskFields {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) lead_unit_id: Option<i64>,
    pub(super) co_unit_ids: Vec<i64>,
    pub(super) leader_id: Option<i64>,
    pub(super) start: String,
    pub(super) due: String,
    pub(super) ongoing: bool,
    pub(super) cycle: String,
    pub(super) cycle_due_day: String,
    pub(super) weight: String,
    pub(super) domain: String,
    pub(super) owner: String,
    pub(super) public: bool,
    pub(super) milestones: Vec<(String, String)>,
}

const EMPTY_MILESTONE_ROWS: usize = 3;

impl TaskFields {
    pub(super) fn from_form(f: &FormData) -> TaskFields {
        let g = |k: &str| f.get(k).to_string();
        let titles = f.all("ms_title");
        let dues = f.all("ms_due");
        let mut milestones: Vec<(String, String)> = titles
            .iter()
            .zip(dues.iter().chain(std::iter::repeat(&"")))
            .map(|(t, d)| (t.to_string(), d.to_string()))
            .collect();
        milestones.retain(|(t, d)| !t.trim().is_empty() || !d.trim().is_empty());
        milestones.extend((0..EMPTY_MILESTONE_ROWS).map(|_| (String::new(), String::new())));
        TaskFields {
            title: g("title"),
            description: g("description"),
            lead_unit_id: f.int("lead_unit_id"),
            co_unit_ids: f.ints("co_unit_ids"),
            leader_id: f.int("leader_id"),
            start: g("start"),
            due: g("due"),
            ongoing: f.checked("ongoing"),
            cycle: g("cycle"),
            cycle_due_day: g("cycle_due_day"),
            weight: g("weight"),
            domain: g("domain"),
            owner: g("owner"),
            public: f.checked("public"),
            milestones,
        }
    }

    /// The fields of a stored task.
    pub async fn from_task(state: &AppState, region: i64, t: &Task) -> AppResult<TaskFields> {
        let mut c = state.store.conn().await?;
        let co = task::co_units(&mut c, region, t.id).await?;
        let ms = task::milestones(&mut c, region, t.id).await?;
        let mut milestones: Vec<(String, String)> = ms.iter().map(|m| (m.title.clone(), m.due.to_string())).collect();
        milestones.extend((0..EMPTY_MILESTONE_ROWS).map(|_| (String::new(), String::new())));
        Ok(TaskFields {
            title: t.title.clone(),
            description: t.description.clone(),
            lead_unit_id: t.lead_unit_id,
            co_unit_ids: co,
            leader_id: t.leader_id,
            start: t.start.to_string(),
            due: t.due.map(|d| d.to_string()).unwrap_or_default(),
            ongoing: t.due.is_none(),
            cycle: t.cycle.code().to_string(),
            cycle_due_day: t.cycle_due_day.to_string(),
            weight: t.weight.to_string(),
            domain: t.domain.clone(),
            owner: t.owner.clone(),
            public: t.public,
            milestones,
        })
    }

    /// What the operations take.
    pub fn form(&self) -> TaskForm {
        let n = |s: &str, default: i64| {
            if s.trim().is_empty() {
                default
            } else {
                s.trim().parse().unwrap_or(-1)
            }
        };
        TaskForm {
            input: TaskInput {
                title: self.title.clone(),
                description: self.description.clone(),
                start: parse_date(&self.start),
                due: parse_date(&self.due),
                ongoing: self.ongoing,
                cycle: self.cycle.clone(),
                cycle_due_day: n(&self.cycle_due_day, 25),
                weight: n(&self.weight, 1),
                domain: self.domain.clone(),
                owner: self.owner.clone(),
                milestones: self
                    .milestones
                    .iter()
                    .map(|(t, d)| (t.clone(), parse_date(d)))
                    .collect(),
            },
            lead_unit_id: self.lead_unit_id,
            co_unit_ids: self.co_unit_ids.clone(),
            leader_id: self.leader_id,
            public: self.public,
        }
    }
}

#[derive(Template)]
#[template(path = "task_form.html")]
struct TaskFormPage {
    l: Layout,
    heading: String,
    context: String,
    action_url: String,
    cancel_url: String,
    office: bool,
    version: i64,
    f: TaskFields,
    e: FieldErrors,
    units: Vec<(i64, String, bool, bool)>,
    leaders: Vec<(i64, String, bool)>,
    cycles: Vec<(&'static str, String, bool)>,
    conflict: Vec<ConflictRow>,
}

pub(super) const FIELDS: &[&str] = &[
    "title",
    "description",
    "lead_unit_id",
    "co_unit_ids",
    "leader_id",
    "start",
    "due",
    "cycle",
    "cycle_due_day",
    "weight",
    "domain",
    "owner",
    "milestones",
];

pub(crate) struct Frame {
    pub(crate) heading: String,
    pub(crate) context: String,
    pub(crate) action_url: String,
    pub(crate) cancel_url: String,
    pub(crate) office: bool,
    pub(crate) version: i64,
}

pub(super) async fn show(
    state: &AppState,
    viewer: &Viewer,
    fr: Frame,
    f: TaskFields,
    e: FieldErrors,
    conflict: Vec<ConflictRow>,
    status: StatusCode,
) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/plans").await?;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, viewer.region()).await?
    };
    let units = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| {
            (
                u.id,
                u.name.clone(),
                f.lead_unit_id == Some(u.id),
                f.co_unit_ids.contains(&u.id),
            )
        })
        .collect();
    let leaders = dir
        .leader_order
        .iter()
        .filter_map(|id| dir.leader(*id))
        .map(|x| (x.id, format!("{}（{}）", x.name, x.title), f.leader_id == Some(x.id)))
        .collect();
    let cycles = CycleKind::ALL
        .iter()
        .map(|k| {
            (
                k.code(),
                l.lang.pick(k.names().0, k.names().1).to_string(),
                f.cycle == k.code(),
            )
        })
        .collect();
    let mut r = render(&TaskFormPage {
        l,
        heading: fr.heading,
        context: fr.context,
        action_url: fr.action_url,
        cancel_url: fr.cancel_url,
        office: fr.office,
        version: fr.version,
        f,
        e,
        units,
        leaders,
        cycles,
        conflict,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// Query of the new-task form.
#[derive(Debug, Deserialize)]
pub struct NewQuery {
    parent: Option<i64>,
}

async fn new_frame(
    state: &AppState,
    viewer: &Viewer,
    plan_id: i64,
    parent: Option<i64>,
) -> AppResult<(Frame, TaskFields)> {
    let cap = viewer.supervisor()?;
    let tr = Tr::new(viewer.lang());
    let mut c = state.store.conn().await?;
    let p = luoshi_store::plan::plan(&mut c, cap.region, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parent_task = match parent {
        Some(pid) => Some(task::task(&mut c, cap.region, pid).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let today = state.clock.today();
    let f = TaskFields {
        start: parent_task.as_ref().map(|t| t.start).unwrap_or(today).to_string(),
        due: parent_task
            .as_ref()
            .and_then(|t| t.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        cycle: "monthly".into(),
        cycle_due_day: "25".into(),
        weight: "1".into(),
        domain: parent_task.as_ref().map(|t| t.domain.clone()).unwrap_or_default(),
        lead_unit_id: parent_task.as_ref().and_then(|t| t.lead_unit_id),
        leader_id: parent_task.as_ref().and_then(|t| t.leader_id),
        milestones: vec![(String::new(), String::new()); EMPTY_MILESTONE_ROWS],
        ..TaskFields::default()
    };
    let parent_q = parent.map(|p| format!("?parent={p}")).unwrap_or_default();
    let heading = match &parent_task {
        Some(t) => format!("{}:{}", tr.t("action.add_child"), t.title),
        None => tr.t("plan.new_task"),
    };
    Ok((
        Frame {
            heading,
            context: p.title,
            action_url: format!("/plans/{plan_id}/tasks/new{parent_q}"),
            cancel_url: parent
                .map(|p| format!("/tasks/{p}"))
                .unwrap_or(format!("/plans/{plan_id}")),
            office: true,
            version: 0,
        },
        f,
    ))
}

/// `GET /plans/{id}/tasks/new?parent=`.
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(plan_id): Id,
    Q(q): Q<NewQuery>,
) -> AppResult<Response> {
    let (fr, f) = new_frame(&state, &viewer, plan_id, q.parent).await?;
    show(
        &state,
        &viewer,
        fr,
        f,
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /plans/{id}/tasks/new?parent=`.
pub async fn create(
    State(state): State<AppState>,
    Id(plan_id): Id,
    Q(q): Q<NewQuery>,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let f = TaskFields::from_form(&form);
    match ops::task::create(&state, &cap, plan_id, q.parent, &f.form()).await {
        Ok(id) => Ok(Redirect::to(&format!("/tasks/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let (fr, _) = new_frame(&state, &viewer, plan_id, q.parent).await?;
            show(
                &state,
                &viewer,
                fr,
                f,
                FieldErrors::new(&errs, viewer.lang(), FIELDS),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

async fn sub_frame(state: &AppState, viewer: &Viewer, task_id: i64) -> AppResult<(Frame, TaskFields)> {
    let mut c = state.store.conn().await?;
    let lead = viewer.lead(&mut c, task_id).await?;
    let tr = Tr::new(viewer.lang());
    let t = &lead.task;
    let f = TaskFields {
        start: t.start.max(state.clock.today()).to_string(),
        due: t.due.map(|d| d.to_string()).unwrap_or_default(),
        ongoing: t.due.is_none(),
        cycle: t.cycle.code().to_string(),
        cycle_due_day: t.cycle_due_day.to_string(),
        weight: "1".into(),
        domain: t.domain.clone(),
        milestones: vec![(String::new(), String::new()); EMPTY_MILESTONE_ROWS],
        ..TaskFields::default()
    };
    Ok((
        Frame {
            heading: format!("{}:{}", tr.t("action.decompose"), t.title),
            context: t.title.clone(),
            action_url: format!("/tasks/{task_id}/subtasks/new"),
            cancel_url: format!("/tasks/{task_id}"),
            office: false,
            version: 0,
        },
        f,
    ))
}

/// `GET /tasks/{id}/subtasks/new`.
pub async fn sub_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let (fr, f) = sub_frame(&state, &viewer, id).await?;
    show(
        &state,
        &viewer,
        fr,
        f,
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /tasks/{id}/subtasks/new`.
pub async fn create_sub(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let lead = {
        let mut c = state.store.conn().await?;
        viewer.lead(&mut c, id).await?
    };
    let f = TaskFields::from_form(&form);
    match ops::task::create_subtask(&state, &lead, &f.form()).await {
        Ok(sub) => Ok(Redirect::to(&format!("/tasks/{sub}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let (fr, _) = sub_frame(&state, &viewer, id).await?;
            show(
                &state,
                &viewer,
                fr,
                f,
                FieldErrors::new(&errs, viewer.lang(), FIELDS),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
