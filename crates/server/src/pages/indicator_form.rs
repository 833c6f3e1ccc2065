//! The office's indicator form (`/indicators/new`, `/indicators/{id}/edit`): name, year, unit
//! of measure, kind and direction, target, the profile of time progress, frequency and source,
//! the responsible unit, leader, task force and plan task. Problems are shown beside their
//! fields with nothing written; a save over someone else's is a conflict, said so.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::indicator::{Figure, IndicatorInput};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops::indicator::{self as ops, IndicatorForm},
    views::indicator_detail::{Choices, choices},
};

/// The fields the form shows errors beside.
const FIELDS: &[&str] = &[
    "name",
    "year",
    "measure",
    "kind",
    "direction",
    "target",
    "decimals",
    "frequency",
    "source",
    "profile",
    "unit_id",
    "leader_id",
    "task_force_id",
    "task_id",
];

#[derive(Template)]
#[template(path = "indicator_form.html")]
struct FormPage {
    l: Layout,
    id: Option<i64>,
    f: FormData,
    e: FieldErrors,
    choices: Choices,
    units: Vec<(String, String)>,
    leaders: Vec<(String, String)>,
    forces: Vec<(String, String)>,
}

impl FormPage {
    fn chosen(&self, field: &str, value: &str) -> bool {
        self.f.get(field) == value
    }
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
    let (units, leaders, forces) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
        let strings = |v: Vec<(i64, String)>| v.into_iter().map(|(id, n)| (id.to_string(), n)).collect::<Vec<_>>();
        let forces = luoshi_store::task_force::forces(&mut c, cap.region)
            .await?
            .into_iter()
            .map(|f| (f.id.to_string(), f.name))
            .collect();
        (strings(dir.unit_choices()), strings(dir.leader_choices()), forces)
    };
    let l = Layout::new(state, viewer, "/indicators").await?;
    let mut r = render(&FormPage {
        l,
        id,
        f,
        e,
        choices: choices(viewer.lang()),
        units,
        leaders,
        forces,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /indicators/new`.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let year = luoshi_domain::project::Month::of(state.clock.today()).year;
    let f = FormData::of(vec![("year".into(), year.to_string()), ("decimals".into(), "1".into())]);
    show(&state, &viewer, None, f, FieldErrors::default(), StatusCode::OK).await
}

fn form_of(f: &FormData) -> IndicatorForm {
    let id = |k: &str| f.get(k).trim().parse::<i64>().ok();
    IndicatorForm {
        input: IndicatorInput {
            name: f.get("name").to_string(),
            measure: f.get("measure").to_string(),
            kind: f.get("kind").to_string(),
            direction: f.get("direction").to_string(),
            frequency: f.get("frequency").to_string(),
            source: f.get("source").to_string(),
            year: f.get("year").to_string(),
            target: f.get("target").to_string(),
            profile: f.get("profile").to_string(),
            decimals: f.get("decimals").to_string(),
            computed: !f.get("computed").is_empty(),
        },
        unit_id: id("unit_id").unwrap_or(0),
        leader_id: id("leader_id"),
        task_id: id("task_id"),
        task_force_id: id("task_force_id"),
        public: !f.get("public").is_empty(),
        sort: id("sort").unwrap_or(0),
    }
}

/// What a save's refusal shows: the problems beside their fields, or the conflict.
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
            show(state, viewer, id, form, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        AppError::Conflict { .. } => {
            let e = FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("ind.conflict"));
            show(state, viewer, id, form, e, StatusCode::CONFLICT).await
        }
        e => Err(e),
    }
}

/// `POST /indicators/new`.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    match ops::create(&state, &cap, &form_of(&form)).await {
        Ok(id) => Ok(Redirect::to(&format!("/indicators/{id}?flash=flash.indicator_saved")).into_response()),
        Err(e) => refused(&state, &viewer, None, form, e).await,
    }
}

/// `GET /indicators/{id}/edit`: the form filled with the indicator as it is.
pub async fn edit_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let i = {
        let mut c = state.store.conn().await?;
        cap.indicator(&mut c, id).await?
    };
    let r = luoshi_lights::read_indicator(&i);
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let flag = |b: bool| if b { "1".to_string() } else { String::new() };
    let f = FormData::of(
        [
            ("name", i.name.clone()),
            ("year", i.year.to_string()),
            ("measure", i.measure.clone()),
            ("kind", i.kind.clone()),
            ("direction", i.direction.clone()),
            ("target", Figure(i.target).plain()),
            ("decimals", i.decimals.to_string()),
            ("computed", flag(i.computed)),
            ("frequency", i.frequency.clone()),
            ("source", i.source.clone()),
            ("profile", r.profile.code()),
            ("unit_id", i.unit_id.to_string()),
            ("leader_id", opt(i.leader_id)),
            ("task_force_id", opt(i.task_force_id)),
            ("task_id", opt(i.task_id)),
            ("sort", i.sort.to_string()),
            ("public", flag(i.public)),
            ("version", i.version.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    );
    show(&state, &viewer, Some(id), f, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /indicators/{id}/edit`.
pub async fn update(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let version = form.int("version").unwrap_or(0);
    match ops::update(&state, &cap, id, version, &form_of(&form)).await {
        Ok(()) => Ok(Redirect::to(&format!("/indicators/{id}?flash=flash.indicator_saved")).into_response()),
        Err(e) => refused(&state, &viewer, Some(id), form, e).await,
    }
}
