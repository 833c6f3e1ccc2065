//! The task-force pages: the list, a task force with everything it owns (and, for the office,
//! the forms to give it tasks, projects and indicators or take them away), and the office's
//! form to set one up or change it. Problems are shown on the page, nothing written.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::task_force::{ForceStatus, TaskForceInput};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops::task_force::{self as ops, ForceForm},
    views::task_force::{self as view, ForceDetail, ForceRow},
};

#[derive(Template)]
#[template(path = "task_forces.html")]
struct ListPage {
    l: Layout,
    rows: Vec<ForceRow>,
    office: bool,
}

impl ListPage {
    fn counts(&self, r: &ForceRow) -> String {
        let (t, p, i) = r.counts;
        self.l.tr.t_with(
            "tf.counts",
            &[
                ("tasks", t.to_string()),
                ("projects", p.to_string()),
                ("indicators", i.to_string()),
            ],
        )
    }
}

/// `GET /task-forces`.
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let rows = view::list(&state, &reader, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/task-forces").await?;
    render(&ListPage {
        l,
        rows,
        office: viewer.supervisor().is_ok(),
    })
}

#[derive(Template)]
#[template(path = "task_force.html")]
struct ForcePage {
    l: Layout,
    d: ForceDetail,
    e: FieldErrors,
    office: bool,
    task_choices: Vec<(i64, String)>,
    project_choices: Vec<(i64, String)>,
    indicator_choices: Vec<(i64, String)>,
}

async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let d = view::detail(state, &reader, id, viewer.lang()).await?;
    let office = viewer.supervisor().is_ok();
    let (mut task_choices, mut project_choices, mut indicator_choices) = (Vec::new(), Vec::new(), Vec::new());
    if office {
        let mut c = state.store.conn().await?;
        for p in luoshi_store::plan::plans(&mut c, reader.region).await? {
            for t in luoshi_store::task::tasks_of_plan(&mut c, reader.region, p.id).await? {
                if !d.tasks.iter().any(|o| o.id == t.id) {
                    let title: String = t.title.chars().take(40).collect();
                    task_choices.push((
                        t.id,
                        format!("{} · {title}", p.title.chars().take(12).collect::<String>()),
                    ));
                }
            }
        }
        project_choices = luoshi_store::project::projects(&mut c, reader.region)
            .await?
            .into_iter()
            .filter(|p| p.active && !d.projects.iter().any(|o| o.id == p.id))
            .map(|p| (p.id, p.name))
            .collect();
        indicator_choices = luoshi_store::indicator::indicators(&mut c, reader.region, 0)
            .await?
            .into_iter()
            .filter(|i| i.task_force_id != Some(id))
            .map(|i| (i.id, format!("{}年 {}", i.year, i.name)))
            .collect();
    }
    let l = Layout::new(state, viewer, "/task-forces").await?;
    let mut r = render(&ForcePage {
        l,
        d,
        e,
        office,
        task_choices,
        project_choices,
        indicator_choices,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /task-forces/{id}`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    page_with(&state, &viewer, id, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /task-forces/{id}/holdings`: `kind`, `id`, `leads`, `owns` (empty: take it away).
pub async fn hold(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let done =
        match crate::api::task_forces::holding(form.get("kind"), form.int("id").unwrap_or(0), form.checked("leads")) {
            Ok(h) => ops::set_holding(&state, &cap, id, h, !form.get("owns").is_empty()).await,
            Err(e) => Err(e),
        };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/task-forces/{id}?flash=flash.task_force_owns")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            page_with(&state, &viewer, id, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

/// The fields the form shows errors beside.
const FIELDS: &[&str] = &[
    "name",
    "purpose",
    "leader_id",
    "lead_unit_id",
    "members",
    "established_on",
    "term_end",
    "status",
];

#[derive(Template)]
#[template(path = "task_force_form.html")]
struct FormPage {
    l: Layout,
    id: Option<i64>,
    f: FormData,
    e: FieldErrors,
    units: Vec<(String, String)>,
    leaders: Vec<(String, String)>,
    statuses: Vec<(&'static str, &'static str)>,
}

impl FormPage {
    fn chosen(&self, field: &str, value: &str) -> bool {
        self.f.get(field) == value
    }

    fn member(&self, value: &str) -> bool {
        self.f.all("members").contains(&value)
    }
}

async fn form_with(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    f: FormData,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let (units, leaders) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
        let strings = |v: Vec<(i64, String)>| v.into_iter().map(|(id, n)| (id.to_string(), n)).collect::<Vec<_>>();
        (strings(dir.unit_choices()), strings(dir.leader_choices()))
    };
    let lang = viewer.lang();
    let l = Layout::new(state, viewer, "/task-forces").await?;
    let mut r = render(&FormPage {
        l,
        id,
        f,
        e,
        units,
        leaders,
        statuses: ForceStatus::ALL.iter().map(|s| (s.code(), s.name(lang))).collect(),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /task-forces/new`.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let f = FormData::of(vec![("established_on".into(), state.clock.today().to_string())]);
    form_with(&state, &viewer, None, f, FieldErrors::default(), StatusCode::OK).await
}

fn form_of(f: &FormData) -> ForceForm {
    ForceForm {
        input: TaskForceInput {
            name: f.get("name").to_string(),
            purpose: f.get("purpose").to_string(),
            established_on: f.get("established_on").to_string(),
            term_end: f.get("term_end").to_string(),
            status: f.get("status").to_string(),
        },
        leader_id: f.int("leader_id"),
        lead_unit_id: f.int("lead_unit_id").unwrap_or(0),
        members: f.ints("members"),
    }
}

async fn refused(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    form: FormData,
    e: AppError,
) -> AppResult<Response> {
    match e {
        AppError::Validation(errs) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            form_with(state, viewer, id, form, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        AppError::Conflict { .. } => {
            let e = FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("ind.conflict"));
            form_with(state, viewer, id, form, e, StatusCode::CONFLICT).await
        }
        e => Err(e),
    }
}

/// `POST /task-forces/new`.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    match ops::create(&state, &cap, &form_of(&form)).await {
        Ok(id) => Ok(Redirect::to(&format!("/task-forces/{id}?flash=flash.task_force_saved")).into_response()),
        Err(e) => refused(&state, &viewer, None, form, e).await,
    }
}

/// `GET /task-forces/{id}/edit`.
pub async fn edit_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let (tf, members) = {
        let mut c = state.store.conn().await?;
        let tf = cap.task_force(&mut c, id).await?;
        let members: Vec<i64> = luoshi_store::task_force::members(&mut c, cap.region)
            .await?
            .into_iter()
            .filter(|(f, _)| *f == id)
            .map(|(_, u)| u)
            .collect();
        (tf, members)
    };
    let mut pairs: Vec<(String, String)> = [
        ("name", tf.name.clone()),
        ("purpose", tf.purpose.clone()),
        ("leader_id", tf.leader_id.map(|l| l.to_string()).unwrap_or_default()),
        ("lead_unit_id", tf.lead_unit_id.to_string()),
        ("established_on", tf.established_on.to_string()),
        ("term_end", tf.term_end.map(|d| d.to_string()).unwrap_or_default()),
        ("status", tf.status.clone()),
        ("version", tf.version.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    pairs.extend(members.iter().map(|u| ("members".to_string(), u.to_string())));
    form_with(
        &state,
        &viewer,
        Some(id),
        FormData::of(pairs),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /task-forces/{id}/edit`.
pub async fn update(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let version = form.int("version").unwrap_or(0);
    match ops::update(&state, &cap, id, version, &form_of(&form)).await {
        Ok(()) => Ok(Redirect::to(&format!("/task-forces/{id}?flash=flash.task_force_saved")).into_response()),
        Err(e) => refused(&state, &viewer, Some(id), form, e).await,
    }
}
