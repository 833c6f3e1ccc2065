//! `/lists/{kind}` (overdue, lagging, missing reports), `/units`, `/units/{id}` and
//! `/leaders/{id}`.

use crate::forms::{Id, Q};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use luoshi_store::state::{By, Filter, Order};

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::Scope,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    i18n::Tr,
    views::{
        TaskRow,
        lists::{self, ListKind, UnitSummary},
        paging::{PageQuery, Pager},
    },
};
use luoshi_lights::LightCounts;

#[derive(Template)]
#[template(path = "lists.html")]
struct ListPage {
    l: Layout,
    heading: String,
    intro: String,
    tabs: Vec<(String, String, bool)>,
    counts: Option<LightCounts>,
    rows: Vec<TaskRow>,
    pager: Pager,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    l: Layout,
    units: Vec<UnitSummary>,
}

/// One page of a list of tasks, with the counts over all its pages.
pub struct TaskList {
    /// The unit's or leader's name (empty for the cross-plan lists).
    pub name: String,
    /// The rows of this page.
    pub rows: Vec<TaskRow>,
    /// Light counts of every task on the list without sub-tasks.
    pub counts: LightCounts,
    /// Where this page is.
    pub pager: Pager,
}

/// A page of tasks passing `f` and the light counts of them all, read from the stored lights.
async fn task_list(
    state: &AppState,
    viewer: &Viewer,
    f: Filter,
    order: Order,
    q: &PageQuery,
    path: &str,
) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    luoshi_lights::ensure_current(&state.store, reader.region, today).await?;
    let mut c = state.store.conn().await?;
    let (tasks, total) = reader
        .stored_tasks(&mut c, f.clone(), order, q.per_page(), q.offset())
        .await?;
    let tallies = reader.tally(&mut c, Filter { leaf_only: true, ..f }, By::All).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(TaskList {
        name: String::new(),
        rows: tasks
            .iter()
            .map(|t| TaskRow::new(t, &dir, viewer.lang(), today))
            .collect(),
        counts: lists::counts_of(&tallies),
        pager: q.pager(total, path),
    })
}

/// A page of a list (shared with the API): tasks without sub-tasks on it, worst first.
pub async fn list_rows(state: &AppState, viewer: &Viewer, kind: ListKind, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    let f = Filter {
        rule: Some(kind.rule()),
        leaf_only: true,
        ..reader.filter()
    };
    task_list(state, viewer, f, Order::Rank, q, &format!("/lists/{}", kind.code())).await
}

/// `GET /lists/{kind}`.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    let kind = ListKind::parse(&kind).ok_or(AppError::NotFound)?;
    let list = list_rows(&state, &viewer, kind, &q).await?;
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
        rows: list.rows,
        pager: list.pager,
        l,
    })
}

/// Every active unit with the lights of the tasks it leads (shared with the API).
pub async fn unit_overview(state: &AppState, viewer: &Viewer) -> AppResult<Vec<UnitSummary>> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let f = Filter {
        leaf_only: true,
        ..reader.filter()
    };
    let tallies = reader.tally(&mut c, f, By::LeadUnit).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(lists::unit_summaries(&tallies, &dir, viewer.lang()))
}

/// `GET /units` (supervision office and leaders).
pub async fn units(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let units = unit_overview(&state, &viewer).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    render(&UnitsPage { l, units })
}

/// A page of the tasks a unit leads or helps with (shared with the API); a unit user only sees
/// its own.
pub async fn unit_tasks(state: &AppState, viewer: &Viewer, id: i64, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    if let Scope::Unit(u) = reader.scope
        && u != id
    {
        return Err(AppError::NotFound);
    }
    let name = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        dir.unit(id).ok_or(AppError::NotFound)?.name.clone()
    };
    let f = Filter {
        involves_unit: Some(id),
        ..reader.filter()
    };
    let list = task_list(state, viewer, f, Order::Tree, q, &format!("/units/{id}")).await?;
    Ok(TaskList { name, ..list })
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage {
    l: Layout,
    heading: String,
    counts: LightCounts,
    rows: Vec<TaskRow>,
    pager: Pager,
    a: crate::views::activity::UnitActivity,
}

/// `GET /units/{id}`: the unit's tasks and its supervision record (orders, reminders and
/// escalations, accountability).
pub async fn unit(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    let list = unit_tasks(&state, &viewer, id, &q).await?;
    let a = crate::views::activity::unit_activity(&state, &viewer, id).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    render(&UnitPage {
        l,
        heading: list.name,
        counts: list.counts,
        rows: list.rows,
        pager: list.pager,
        a,
    })
}

/// A page of a leader's tasks: those they are responsible for, or led by a unit they oversee.
pub async fn leader_tasks(state: &AppState, viewer: &Viewer, id: i64, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    let name = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        let leader = dir.leader(id).ok_or(AppError::NotFound)?;
        format!("{}（{}）", leader.name, leader.title)
    };
    let f = Filter {
        leader_or_overseen: Some(id),
        ..reader.filter()
    };
    let list = task_list(state, viewer, f, Order::Tree, q, &format!("/leaders/{id}")).await?;
    Ok(TaskList { name, ..list })
}

/// `GET /leaders/{id}`.
pub async fn leader(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    let list = leader_tasks(&state, &viewer, id, &q).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    let intro = Tr::new(l.lang).t("leaders.page_intro");
    render(&ListPage {
        heading: list.name,
        intro,
        tabs: Vec::new(),
        counts: Some(list.counts),
        rows: list.rows,
        pager: list.pager,
        l,
    })
}
