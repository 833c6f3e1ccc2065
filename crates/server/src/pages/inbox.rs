//! `/inbox`: what a unit owes, overdue first, and its requests.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render};
use crate::{AppState, auth::Viewer, directory::Directory, error::AppResult, views::inbox::InboxView};

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    l: Layout,
    v: InboxView,
    unit_name: String,
}

/// `GET /inbox`.
pub async fn inbox(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/inbox").await?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let v = InboxView::build(&reader, &mut c, &dir, l.lang, state.clock.today()).await?;
    let unit_name = dir.unit_name(reader.unit());
    render(&InboxPage { l, v, unit_name })
}
