//! `/likelihood/accuracy` (the office and leaders): for tasks since closed, how often each
//! judgement of the likelihood of delivery came true.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    views::likelihood::{self as view, Accuracy},
};

#[derive(Template)]
#[template(path = "likelihood_accuracy.html")]
struct AccuracyPage {
    l: Layout,
    a: Accuracy,
}

/// `GET /likelihood/accuracy`
pub async fn accuracy(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let a = view::accuracy(&state, &reader, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/assessment").await?;
    render(&AccuracyPage { l, a })
}
