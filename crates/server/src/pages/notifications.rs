//! `/notifications`: what Luoshi told the user (reminders, proposals), newest first; opening
//! one marks it read.

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_store::notification;

use super::{layout::Layout, render, safe_next};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::{Id, Posted},
    views::instant_text,
};

/// A notification as listed.
pub struct NoticeRow {
    id: i64,
    title: String,
    body: String,
    at: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NoticesPage {
    l: Layout,
    rows: Vec<NoticeRow>,
}

/// `GET /notifications`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let rows = {
        let mut c = state.store.conn().await?;
        notification::of_user(&mut c, viewer.region(), viewer.user.id, 200, 0).await?
    };
    let l = Layout::new(&state, &viewer, "/notifications").await?;
    let lang = l.lang;
    render(&NoticesPage {
        rows: rows
            .into_iter()
            .map(|n| NoticeRow {
                id: n.id,
                title: n.title,
                body: n.body,
                at: instant_text(Some(n.created_at), lang),
                unread: n.read_at.is_none(),
            })
            .collect(),
        l,
    })
}

/// `GET /notifications/{id}/open`: marks it read and goes where it points.
pub async fn open(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let link = {
        let mut c = state.store.conn().await?;
        notification::notification(&mut c, viewer.region(), viewer.user.id, id)
            .await?
            .map(|n| n.link)
            .ok_or(crate::error::AppError::NotFound)?
    };
    crate::ops::account::mark_read(&state, &viewer, Some(id)).await?;
    Ok(Redirect::to(safe_next(&link)).into_response())
}

/// `POST /notifications/read`: marks every notification read.
pub async fn read_all(State(state): State<AppState>, Posted(viewer, _form): Posted) -> AppResult<Response> {
    crate::ops::account::mark_read(&state, &viewer, None).await?;
    Ok(Redirect::to("/notifications").into_response())
}
