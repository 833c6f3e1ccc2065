//! `/lists/{kind}` (overdue, lagging, missing reports), `/units`, `/units/{id}` and
//! `/leaders/{id}`.

use crate::forms::{Id, Q};
use crate::views::lists::{LightQuery, leader_tasks, light_rows, list_rows, unit_overview, unit_tasks};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::Tr,
    views::{
        TaskRow,
        lists::{ListKind, UnitSummary},
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
    export: String,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    l: Layout,
    units: Vec<UnitSummary>,
}

/// `GET /lists/{kind}`.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    if let Some(done) = super::export::list(&state, &viewer, &kind).await {
        return done;
    }
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
        export: format!("/lists/{}.xlsx", kind.code()),
        l,
    })
}

/// `GET /lists/tasks?light=&of=`: the tasks a home page's tile counts.
pub async fn tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(lq): Q<LightQuery>,
    Q(q): Q<PageQuery>,
) -> AppResult<Response> {
    let list = light_rows(&state, &viewer, &lq, &q).await?;
    let l = Layout::new(&state, &viewer, "/home").await?;
    let whose = match (lq.all(), viewer.role) {
        (true, _) | (_, luoshi_domain::Role::Supervisor) => l.t("lists.tasks_all"),
        (_, luoshi_domain::Role::Leader) => l.t("home.my_portfolio"),
        _ => l.t("home.my_tasks"),
    };
    let name = |code: &str| match code {
        "attention" => l.t("home.attention"),
        c => luoshi_domain::Light::parse(c)
            .map(|x| x.name(l.lang).to_string())
            .unwrap_or_default(),
    };
    let heading = match lq.light() {
        Some(code) => format!("{whose} · {}", name(code)),
        None => whose,
    };
    let tabs = [
        None,
        Some("attention"),
        Some("red"),
        Some("yellow"),
        Some("green"),
        Some("blue"),
    ]
    .into_iter()
    .map(|code| {
        let tab = LightQuery {
            light: code.map(str::to_string),
            of: lq.of.clone(),
        };
        let label = code.map(name).unwrap_or_else(|| l.t("lists.all_lights"));
        (tab.path(), label, lq.light() == code)
    })
    .collect();
    render(&ListPage {
        heading,
        intro: l.t("lists.tasks_intro"),
        tabs,
        counts: Some(list.counts),
        rows: list.rows,
        pager: list.pager,
        export: String::new(),
        l,
    })
}

/// `GET /units` (supervision office and leaders).
pub async fn units(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let units = unit_overview(&state, &viewer).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    render(&UnitsPage { l, units })
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
    scores: Vec<crate::views::assessment_history::HistoryRow>,
    unit_id: i64,
    export: String,
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
    let scores = crate::views::assessment_history::unit_scores(&state, &viewer.reader()?, id, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/units").await?;
    render(&UnitPage {
        scores,
        unit_id: id,
        l,
        heading: list.name,
        counts: list.counts,
        rows: list.rows,
        pager: list.pager,
        a,
        export: format!("/units/{id}/tasks.xlsx"),
    })
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
        export: String::new(),
        l,
    })
}
