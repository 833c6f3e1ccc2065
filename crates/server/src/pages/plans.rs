//! The plan list, a plan's task tree, and its full text.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{PlanSummary, PlanTree},
};

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    l: Layout,
    plans: Vec<PlanSummary>,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    l: Layout,
    t: PlanTree,
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
    let mut conn = state.store.conn().await?;
    let plans = reader
        .boards(&mut conn, state.clock.today())
        .await?
        .iter()
        .map(|b| PlanSummary::new(&b.plan, b, l.lang))
        .collect();
    render(&PlansPage { l, plans })
}

/// `GET /plans/{id}`.
pub async fn tree(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let plan = reader.plan(&mut conn, id).await?;
    let board = reader.board(&mut conn, plan, today).await?;
    let dir = Directory::load(&mut conn, viewer.region()).await?;
    let t = PlanTree::new(&board, &dir, l.lang, today, reader.unit().is_some());
    render(&PlanPage { l, t })
}

/// `GET /plans/{id}/text`.
pub async fn text(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
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
