//! The dispatch meeting pages: `/dispatch` (the meetings, and the office's form to prepare one)
//! and `/dispatch/{id}` (the agenda; for the office, the forms to edit it and to record each
//! decision, to mark it held; the minutes to download). A problem comes back on the page, said
//! in words, nothing written.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::project::Outcome;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, Id, Posted},
    ops::dispatch::{self as ops, DecisionForm, MeetingForm},
    views::dispatch::{self as view, MeetingDetail, MeetingRow},
};

type Choices = Vec<(i64, String)>;

async fn choices(state: &AppState, region: i64) -> AppResult<(Choices, Choices)> {
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    Ok((dir.unit_choices(), dir.leader_choices()))
}

#[derive(Template)]
#[template(path = "dispatch_list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<MeetingRow>,
    office: bool,
    leaders: Choices,
    e: FieldErrors,
    today: chrono::NaiveDate,
}

async fn list_with(state: &AppState, viewer: &Viewer, e: FieldErrors, status: StatusCode) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let rows = view::list(state, &reader, viewer.lang()).await?;
    let office = viewer.supervisor().is_ok();
    let leaders = if office {
        choices(state, reader.region).await?.1
    } else {
        Vec::new()
    };
    let l = Layout::new(state, viewer, "/projects").await?;
    let mut r = render(&ListPage {
        l,
        rows,
        office,
        leaders,
        e,
        today: state.clock.today(),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /dispatch`.
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    list_with(&state, &viewer, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /dispatch`: the office prepares a meeting.
pub async fn prepare(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let f = MeetingForm {
        title: form.get("title").to_string(),
        leader_id: form.int("leader_id").unwrap_or(0),
        whole: form.checked("whole"),
        held_on: form.date("held_on"),
        place: form.get("place").to_string(),
    };
    match ops::prepare(&state, &cap, &f).await {
        Ok(id) => Ok(Redirect::to(&format!("/dispatch/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            list_with(&state, &viewer, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "dispatch.html")]
struct MeetingPage {
    l: Layout,
    d: MeetingDetail,
    office: bool,
    units: Choices,
    outcomes: Vec<(&'static str, &'static str)>,
    e: FieldErrors,
}

async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let d = view::detail(state, &reader, id, lang).await?;
    let office = viewer.supervisor().is_ok();
    let units = if office {
        choices(state, reader.region).await?.0
    } else {
        Vec::new()
    };
    let l = Layout::new(state, viewer, "/projects").await?;
    let mut r = render(&MeetingPage {
        l,
        d,
        office,
        units,
        outcomes: Outcome::ALL.iter().map(|o| (o.code(), o.name(lang))).collect(),
        e,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /dispatch/{id}`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    page_with(&state, &viewer, id, FieldErrors::default(), StatusCode::OK).await
}

/// The meeting's page again after an action: a flash, or the problems.
async fn after(state: &AppState, viewer: &Viewer, meeting: i64, done: AppResult<()>) -> AppResult<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/dispatch/{meeting}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            page_with(state, viewer, meeting, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("project.conflict").to_string());
            page_with(state, viewer, meeting, e, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /dispatch/{id}/items`: adds an item.
pub async fn add_item(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let done = ops::add_item(&state, &cap, id, form.get("topic")).await.map(|_| ());
    after(&state, &viewer, id, done).await
}

async fn meeting_of(state: &AppState, viewer: &Viewer, item: i64) -> AppResult<i64> {
    let mut c = state.store.conn().await?;
    Ok(luoshi_store::dispatch::item(&mut c, viewer.region(), item)
        .await?
        .ok_or(AppError::NotFound)?
        .meeting_id)
}

/// `POST /dispatch-items/{id}`: rewords an item, or (with `remove`) takes it off.
pub async fn edit_item(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let meeting = meeting_of(&state, &viewer, id).await?;
    let version = form.int("version").unwrap_or(0);
    let done = ops::edit_item(&state, &cap, id, version, form.get("topic"), form.checked("remove")).await;
    after(&state, &viewer, meeting, done).await
}

/// `POST /dispatch-items/{id}/decision`: records a decision.
pub async fn decide(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let meeting = meeting_of(&state, &viewer, id).await?;
    let f = DecisionForm {
        decision: form.get("decision").to_string(),
        outcome: form.get("outcome").to_string(),
        unit_id: form.int("unit_id"),
        due_on: form.date("due_on"),
    };
    let done = ops::decide(&state, &cap, id, form.int("version").unwrap_or(0), &f).await;
    after(&state, &viewer, meeting, done).await
}

/// `POST /dispatch/{id}/held`: marks it held.
pub async fn hold(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let done = ops::hold(&state, &cap, id, form.int("version").unwrap_or(0)).await;
    after(&state, &viewer, id, done).await
}

/// `GET /dispatch/{id}/minutes.docx`: the minutes.
pub async fn minutes(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let (bytes, name) = view::minutes_docx(&state, &reader, id).await?;
    Ok(crate::files::attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("minutes-{id}.docx"),
        &name,
    ))
}
