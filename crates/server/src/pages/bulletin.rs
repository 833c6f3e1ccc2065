//! Bulletin (督查通报) pages: the list with a form for a new draft, a bulletin laid out as the
//! document with the draft's editor, and the actions on a draft (save, write again from the
//! latest data, publish, discard) and the .docx download.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{Datelike, NaiveDate};
use luoshi_domain::{BulletinInput, Lang};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FieldErrors, Id, Posted},
    ops::bulletin,
    views::bulletin::{BulletinDoc, BulletinRow},
};

#[derive(Template)]
#[template(path = "bulletins.html")]
struct ListPage {
    l: Layout,
    rows: Vec<BulletinRow>,
    can_write: bool,
    from: String,
    to: String,
    e: FieldErrors,
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    from: String,
    to: String,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let lang = viewer.lang();
    let rows = bulletin::list(state, viewer)
        .await?
        .iter()
        .map(|b| BulletinRow::new(b, lang))
        .collect();
    let l = Layout::new(state, viewer, "/bulletins").await?;
    let mut r = render(&ListPage {
        l,
        rows,
        can_write: viewer.supervisor().is_ok(),
        from,
        to,
        e,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /bulletins`: the bulletins the viewer may see; the office's form proposes the month
/// before today (or this month so far, early in the year).
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let today = state.clock.today();
    let (from, to) = default_period(today);
    list_page(
        &state,
        &viewer,
        from.to_string(),
        to.to_string(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// The month to today: from the first of the month to today.
fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today.with_day(1).unwrap_or(today), today)
}

/// `POST /bulletins`: a new draft written from the period's facts.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    match bulletin::create(
        &state,
        &cap,
        form.date("period_from"),
        form.date("period_to"),
        form.checked("public"),
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/bulletins/{id}?flash=flash.bulletin_drafted")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &["period_from", "period_to"]);
            list_page(
                &state,
                &viewer,
                form.get("period_from").to_string(),
                form.get("period_to").to_string(),
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "bulletin.html")]
struct DocPage {
    l: Layout,
    d: BulletinDoc,
    can_edit: bool,
    e: FieldErrors,
    f: BulletinInput,
    public: bool,
}

async fn doc_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    edit: Option<(BulletinInput, bool)>,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let b = crate::access::bulletin::read(state, viewer, id).await?;
    let issuer = {
        let mut conn = state.store.conn().await?;
        bulletin::office_name(&mut conn, viewer.region()).await?
    };
    let d = BulletinDoc::new(&b, &issuer, state.clock.today(), viewer.lang());
    let (f, public) = edit.unwrap_or_else(|| {
        (
            BulletinInput {
                title: b.title.clone(),
                body: b.body.clone(),
                cc: b.cc.clone(),
                editor: b.editor.clone(),
            },
            b.public,
        )
    });
    let l = Layout::new(state, viewer, "/bulletins").await?;
    let mut r = render(&DocPage {
        l,
        can_edit: viewer.supervisor().is_ok() && b.status == luoshi_domain::BulletinStatus::Draft,
        d,
        e,
        f,
        public,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /bulletins/{id}`
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    doc_page(&state, &viewer, id, None, FieldErrors::default(), StatusCode::OK).await
}

fn conflict_text(lang: Lang) -> String {
    lang.pick(
        "通报已被他人修改，请查看最新内容后再操作。",
        "Someone else changed this bulletin meanwhile: check it and try again.",
    )
    .to_string()
}

/// `POST /bulletins/{id}`: saves the draft's text.
pub async fn save(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let input = BulletinInput {
        title: form.get("title").to_string(),
        body: form.get("body").to_string(),
        cc: form.get("cc").to_string(),
        editor: form.get("editor").to_string(),
    };
    let public = form.checked("public");
    let version = form.int("version").unwrap_or(0);
    match bulletin::edit(&state, &cap, id, version, &input, public).await {
        Ok(()) => Ok(Redirect::to(&format!("/bulletins/{id}?flash=flash.bulletin_saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &["title", "body", "cc", "editor"]);
            doc_page(
                &state,
                &viewer,
                id,
                Some((input, public)),
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(conflict_text(viewer.lang()));
            doc_page(&state, &viewer, id, Some((input, public)), e, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /bulletins/{id}/refresh`, `/publish` and `/discard`.
pub async fn act(
    State(state): State<AppState>,
    axum::extract::Path((id, action)): axum::extract::Path<(i64, String)>,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let version = form.int("version").unwrap_or(0);
    let done = match action.as_str() {
        "refresh" => bulletin::refresh(&state, &cap, id, version)
            .await
            .map(|()| format!("/bulletins/{id}?flash=flash.bulletin_refreshed")),
        "publish" => bulletin::publish(&state, &cap, id, version)
            .await
            .map(|_| format!("/bulletins/{id}?flash=flash.bulletin_published")),
        "discard" => bulletin::discard(&state, &cap, id, version)
            .await
            .map(|()| "/bulletins?flash=flash.bulletin_discarded".to_string()),
        _ => return Err(AppError::NotFound),
    };
    match done {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            doc_page(&state, &viewer, id, None, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(conflict_text(viewer.lang()));
            doc_page(&state, &viewer, id, None, e, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `GET /bulletins/{id}/docx`: the bulletin as a Word document.
pub async fn docx(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let b = crate::access::bulletin::read(&state, &viewer, id).await?;
    crate::files::bulletin_docx(&state, viewer.region(), &b).await
}
