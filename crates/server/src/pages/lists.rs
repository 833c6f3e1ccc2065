//! `/lists/{kind}` (overdue, lagging, missing reports), `/units`, `/units/{id}` and
//! `/leaders/{id}`.

use crate::forms::Id;
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::Scope,
    auth::Viewer,
    board::{BoardTask, LightCounts},
    directory::Directory,
    error::{AppError, AppResult},
    i18n::Tr,
    views::{
        TaskRow,
        lists::{self, ListKind, UnitSummary},
    },
};

#[derive(Template)]
#[template(path = "lists.html")]
struct ListPage {
    l: Layout,
    heading: String,
    intro: String,
    tabs: Vec<(String, String, bool)>,
    counts: Option<LightCounts>,
    rows: Vec<TaskRow>,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    l: Layout,
    units: Vec<UnitSummary>,
}

/// The rows of a list (shared with the API).
pub async fn list_rows(state: &AppState, viewer: &Viewer, kind: ListKind) -> AppResult<Vec<TaskRow>> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let boards = reader.boards(&mut c, today).await?;
    let dir = Directory::load(&mut c, reader.region).await?;
    Ok(lists::rows(&lists::list(&boards, kind), &dir, viewer.lang(), today).0)
}

/// `GET /lists/{kind}`.
pub async fn list(State(state): State<AppState>, viewer: Viewer, Path(kind): Path<String>) -> AppResult<Response> {
    let kind = ListKind::parse(&kind).ok_or(AppError::NotFound)?;
    let rows = list_rows(&state, &viewer, kind).await?;
    let l = Layout::new(&state, &viewer, "/lists/overdue").await?;
    let tabs = ListKind::ALL
        .iter()
        .map(|k| {
            (
                format!("/lists/{}", k.code()),
                l.t(&format!("lists.{}", k.code())),
                *k == kind,
            )
        })
        .collect();
    render(&ListPage {
        heading: l.t("lists.title"),
        intro: l.t(&format!("lists.{}_intro", kind.code())),
        tabs,
        counts: None,
        rows,
        l,
    })
}

/// `GET /units` (supervision office and leaders).
pub async fn units(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    let mut c = state.store.conn().await?;
    let boards = reader.boards(&mut c, state.clock.today()).await?;
    let dir = Directory::load(&mut c, reader.region).await?;
    drop(c);
    let l = Layout::new(&state, &viewer, "/units").await?;
    let units = lists::unit_summaries(&boards, &dir, l.lang);
    render(&UnitsPage { l, units })
}

/// The tasks a unit leads or helps with (shared with the API); a unit user only sees its own.
pub async fn unit_tasks(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<(String, Vec<TaskRow>, LightCounts)> {
    let reader = viewer.reader()?;
    if let Scope::Unit(u) = reader.scope
        && u != id
    {
        return Err(AppError::NotFound);
    }
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let dir = Directory::load(&mut c, reader.region).await?;
    let unit = dir.unit(id).ok_or(AppError::NotFound)?.name.clone();
    let boards = reader.boards(&mut c, today).await?;
    let tasks: Vec<&BoardTask> = boards
        .iter()
        .flat_map(|b| b.tasks.iter())
        .filter(|t| t.involves(id))
        .collect();
    let (rows, counts) = lists::rows(&tasks, &dir, viewer.lang(), today);
    Ok((unit, rows, counts))
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage {
    l: Layout,
    heading: String,
    counts: LightCounts,
    rows: Vec<TaskRow>,
    a: crate::views::activity::UnitActivity,
}

/// `GET /units/{id}`: the unit's tasks and its supervision record (orders, reminders and
/// escalations, accountability).
pub async fn unit(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let (heading, rows, counts) = unit_tasks(&state, &viewer, id).await?;
    let a = crate::views::activity::unit_activity(&state, &viewer, id).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    render(&UnitPage {
        l,
        heading,
        counts,
        rows,
        a,
    })
}

/// A leader's tasks: those they are responsible for, or led by a unit they oversee.
pub async fn leader_tasks(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> AppResult<(String, Vec<TaskRow>, LightCounts)> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let dir = Directory::load(&mut c, reader.region).await?;
    let leader = dir.leader(id).ok_or(AppError::NotFound)?;
    let name = format!("{}（{}）", leader.name, leader.title);
    let overseen = dir.overseen_by(id);
    let boards = reader.boards(&mut c, today).await?;
    let tasks: Vec<&BoardTask> = boards
        .iter()
        .flat_map(|b| b.tasks.iter())
        .filter(|t| t.task.leader_id == Some(id) || t.task.lead_unit_id.is_some_and(|u| overseen.contains(&u)))
        .collect();
    let (rows, counts) = lists::rows(&tasks, &dir, viewer.lang(), today);
    Ok((name, rows, counts))
}

/// `GET /leaders/{id}`.
pub async fn leader(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let (name, rows, counts) = leader_tasks(&state, &viewer, id).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    let intro = Tr::new(l.lang).t("leaders.page_intro");
    render(&ListPage {
        heading: name,
        intro,
        tabs: Vec::new(),
        counts: Some(counts),
        rows,
        l,
    })
}
