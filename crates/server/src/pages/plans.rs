//! The plan list, a plan's task tree, and its full text.

use crate::forms::{Id, Q};
use crate::views::plan::tree_of;
use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render, render_with_room};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{PlanSummary, PlanTree, lists::TreeFilter},
};

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    l: Layout,
    plans: Vec<PlanSummary>,
    can_create: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    l: Layout,
    t: PlanTree,
    f: TreeFilter,
    units: Vec<(i64, String, bool)>,
    leaders: Vec<(i64, String, bool)>,
    domains: Vec<(String, bool)>,
    lights: Vec<(&'static str, String, bool)>,
    as_of_text: String,
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "plan_text.html")]
struct PlanTextPage {
    l: Layout,
    id: i64,
    title: String,
    text: String,
}

/// `GET /plans`.
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut conn = state.store.conn().await?;
    let plans =
        crate::views::plan::summaries(&reader, &state.boards, &mut conn, l.lang, None, state.clock.today()).await?;
    render(&PlansPage {
        l,
        plans,
        can_create: viewer.supervisor().is_ok(),
    })
}

/// `GET /plans/{id}?unit=&leader=&light=&domain=&as_of=`.
pub async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(f): Q<TreeFilter>,
) -> AppResult<Response> {
    let (t, choices) = tree_of(&state, &viewer, id, &f).await?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    let lang = l.lang;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::cached(&state.directories, &mut c, viewer.region()).await?
    };
    let units = choices
        .units
        .into_iter()
        .map(|u| (u, dir.unit_name(Some(u)), f.unit == Some(u)))
        .collect();
    let leaders = choices
        .leaders
        .into_iter()
        .map(|x| (x, dir.leader_name(Some(x)), f.leader == Some(x)))
        .collect();
    let domains = choices
        .domains
        .into_iter()
        .map(|d| {
            let sel = f.domain.as_deref() == Some(d.as_str());
            (d, sel)
        })
        .collect();
    let lights = luoshi_domain::Light::ALL
        .iter()
        .map(|x| (x.code(), x.name(lang).to_string(), f.light.as_deref() == Some(x.code())))
        .collect();
    let as_of_text = f
        .as_of
        .as_deref()
        .and_then(crate::forms::parse_date)
        .filter(|d| *d < state.clock.today())
        .map(|d| luoshi_domain::fmt_date(d, lang))
        .unwrap_or_default();
    let can_edit = viewer.supervisor().is_ok();
    // A row of the tree is 800–900 bytes of HTML (a 2,000-task plan is 1.6 MB).
    let room = 1024 * t.tasks.len();
    render_with_room(
        &PlanPage {
            l,
            t,
            f,
            units,
            leaders,
            domains,
            lights,
            as_of_text,
            can_edit,
        },
        room,
    )
}

/// `GET /plans/{id}/text`.
pub async fn text(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    let mut conn = state.store.conn().await?;
    let plan = reader.plan(&mut conn, id).await?;
    render(&PlanTextPage {
        l,
        id: plan.id,
        title: plan.title,
        text: plan.source_text,
    })
}
