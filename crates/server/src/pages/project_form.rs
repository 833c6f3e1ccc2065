//! The office's form to put a key project on the ledger (`/projects/new`) or change one
//! (`/projects/{id}/edit`, a changed total, year's plan or planned month with its reason): every
//! field checked as the API checks it, the form sent back with each problem beside its field; a
//! save over someone else's is a conflict, said so.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Datelike;
use luoshi_domain::project::{Level, Nature, ProjectInput, Stage, Wan};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops::project::{self as ops, ProjectForm},
};

/// The fields the form shows errors beside.
const FIELDS: &[&str] = &[
    "name",
    "level",
    "category_id",
    "nature",
    "stage",
    "total",
    "annual_plan",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "unit_id",
    "service_unit_id",
    "place_unit_id",
    "liaison_id",
    "content",
    "reason",
];

type Choices = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "project_form.html")]
struct FormPage {
    l: Layout,
    id: Option<i64>,
    f: FormData,
    e: FieldErrors,
    levels: Choices,
    natures: Choices,
    stages: Choices,
    categories: Choices,
    units: Choices,
    leaders: Choices,
}

impl FormPage {
    fn chosen(&self, field: &str, value: &str) -> bool {
        self.f.get(field) == value
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    name: fn(T, luoshi_domain::Lang) -> &'static str,
    lang: luoshi_domain::Lang,
) -> Choices {
    all.iter()
        .map(|v| (code(*v).to_string(), name(*v, lang).to_string()))
        .collect()
}

async fn show(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    f: FormData,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let (categories, units, leaders) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
        let categories = luoshi_store::project::categories(&mut c, cap.region)
            .await?
            .into_iter()
            .filter(|k| k.active)
            .map(|k| (k.id.to_string(), k.name))
            .collect();
        let units = dir
            .unit_order
            .iter()
            .filter_map(|id| {
                dir.unit(*id)
                    .filter(|u| u.active)
                    .map(|u| (id.to_string(), u.name.clone()))
            })
            .collect();
        let leaders = dir
            .leader_order
            .iter()
            .filter_map(|id| {
                dir.leader(*id)
                    .filter(|l| l.active)
                    .map(|l| (id.to_string(), format!("{} {}", l.title, l.name)))
            })
            .collect();
        (categories, units, leaders)
    };
    let l = Layout::new(state, viewer, "/projects").await?;
    let mut r = render(&FormPage {
        l,
        id,
        f,
        e,
        levels: choices(Level::ALL, Level::code, Level::name, lang),
        natures: choices(Nature::ALL, Nature::code, Nature::name, lang),
        stages: choices(Stage::ALL, Stage::code, Stage::name, lang),
        categories,
        units,
        leaders,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /projects/new`.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    show(
        &state,
        &viewer,
        None,
        FormData::default(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

fn form_of(f: &FormData, year: i32) -> ProjectForm {
    let id = |k: &str| f.get(k).trim().parse::<i64>().ok();
    ProjectForm {
        input: ProjectInput {
            name: f.get("name").to_string(),
            level: f.get("level").to_string(),
            nature: f.get("nature").to_string(),
            stage: f.get("stage").to_string(),
            total: f.get("total").to_string(),
            year,
            annual_plan: f.get("annual_plan").to_string(),
            planned_start: f.get("planned_start").to_string(),
            planned_finish: f.get("planned_finish").to_string(),
            actual_start: f.get("actual_start").to_string(),
            actual_finish: f.get("actual_finish").to_string(),
            content: f.get("content").to_string(),
        },
        category_id: id("category_id").unwrap_or(0),
        unit_id: id("unit_id").unwrap_or(0),
        service_unit_id: id("service_unit_id"),
        place_unit_id: id("place_unit_id"),
        liaison_id: id("liaison_id"),
        task_id: None,
        public: !f.get("public").is_empty(),
    }
}

/// `POST /projects/new`.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let year = state.clock.today().year();
    match ops::create(&state, &cap, &form_of(&form, year)).await {
        Ok(id) => Ok(Redirect::to(&format!("/projects/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(&state, &viewer, None, form, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

/// `GET /projects/{id}/edit`: the form filled with the project as it is.
pub async fn edit_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let year = state.clock.today().year();
    let (p, plan) = {
        let mut c = state.store.conn().await?;
        let p = cap.project(&mut c, id).await?;
        let plan = luoshi_store::project::year_plan(&mut c, cap.region, id, year).await?;
        (p, plan.map(|y| y.plan).unwrap_or(0))
    };
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let f = FormData::of(
        [
            ("name", p.name.clone()),
            ("level", p.level.clone()),
            ("category_id", p.category_id.to_string()),
            ("nature", p.nature.clone()),
            ("stage", p.stage.clone()),
            ("total", Wan(p.total).wan_text()),
            ("annual_plan", Wan(plan).wan_text()),
            ("planned_start", p.planned_start.clone()),
            ("planned_finish", p.planned_finish.clone()),
            ("actual_start", p.actual_start.clone().unwrap_or_default()),
            ("actual_finish", p.actual_finish.clone().unwrap_or_default()),
            ("unit_id", p.unit_id.to_string()),
            ("service_unit_id", opt(p.service_unit_id)),
            ("place_unit_id", opt(p.place_unit_id)),
            ("liaison_id", opt(p.liaison_id)),
            ("content", p.content.clone()),
            ("public", if p.public { "1".into() } else { String::new() }),
            ("version", p.version.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    );
    show(&state, &viewer, Some(id), f, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /projects/{id}/edit`.
pub async fn update(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let year = state.clock.today().year();
    let task_id = {
        let mut c = state.store.conn().await?;
        cap.project(&mut c, id).await?.task_id
    };
    let f = ProjectForm {
        task_id,
        ..form_of(&form, year)
    };
    let version = form.get("version").trim().parse::<i64>().unwrap_or(0);
    match ops::edit(&state, &cap, id, version, &f, form.get("reason")).await {
        Ok(()) => Ok(Redirect::to(&format!("/projects/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(&state, &viewer, Some(id), form, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("project.conflict").to_string());
            show(&state, &viewer, Some(id), form, e, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
