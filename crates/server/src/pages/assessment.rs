//! Assessment on pages (issue 19): `/assessment` (the schemes; the office starts one),
//! `/assessment/{id}` (its rules, and its rankings when the viewer may see them; the office
//! closes it) and `/assessment/{id}/units/{unit}` (a unit's score line by line, each line a
//! link to its record; the office enters the leaders' evaluation there).

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::assessment::scheme::{PeriodKind, Visibility};

use super::{layout::Layout, render};
use crate::{
    AppState,
    api::assessment::{SchemeBody, ids, scheme_of},
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{Id, Posted},
    ops::assessment as ops,
    views::assessment::{self as view, Breakdown, SchemeDetail, SchemeRow},
};

#[derive(Template)]
#[template(path = "assessment_list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<SchemeRow>,
    office: bool,
    my_unit: Option<i64>,
    kinds: Vec<(&'static str, &'static str)>,
    visibilities: Vec<(&'static str, &'static str)>,
    errors: Vec<String>,
}

async fn list_page(state: &AppState, viewer: &Viewer, errors: Vec<String>) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let rows = view::schemes(state, &reader, lang).await?;
    let l = Layout::new(state, viewer, "/assessment").await?;
    render(&ListPage {
        l,
        rows,
        office: viewer.supervisor().is_ok(),
        my_unit: reader.unit(),
        kinds: PeriodKind::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
        visibilities: Visibility::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
        errors,
    })
}

/// `GET /assessment`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    list_page(&state, &viewer, Vec::new()).await
}

/// `POST /assessment`: starts a scheme from the form.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let body = SchemeBody {
        name: form.get("name").to_string(),
        kind: form.get("kind").to_string(),
        from: form.get("from").to_string(),
        to: form.get("to").to_string(),
        copy_of: form.int("copy_of").filter(|x| *x > 0),
        base: None,
        floor: None,
        evaluation_share: form.int("evaluation_share"),
        visibility: Some(form.get("visibility").to_string()).filter(|v| !v.is_empty()),
        grading: None,
        rules: None,
        groups: None,
    };
    let made = match scheme_of(&state, cap.region, &body).await {
        Ok(s) => ops::create(&state, &cap, &s, body.copy_of).await,
        Err(e) => Err(e),
    };
    match made {
        Ok(id) => Ok(Redirect::to(&format!("/assessment/{id}?flash=flash.scheme_saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let lang = viewer.lang();
            list_page(
                &state,
                &viewer,
                errs.iter().map(|e| e.message(lang).to_string()).collect(),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "assessment.html")]
struct SchemePage {
    l: Layout,
    d: SchemeDetail,
    office: bool,
}

/// `GET /assessment/{id}`
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let d = view::scheme(&state, &reader, id, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/assessment").await?;
    render(&SchemePage {
        l,
        d,
        office: viewer.supervisor().is_ok(),
    })
}

/// `POST /assessment/{id}/close`
pub async fn close(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    ops::close(&state, &cap, id, form.int("version").unwrap_or(0)).await?;
    Ok(Redirect::to(&format!("/assessment/{id}?flash=flash.scheme_closed")).into_response())
}

#[derive(Template)]
#[template(path = "assessment_unit.html")]
struct UnitPage {
    l: Layout,
    b: Breakdown,
    office: bool,
}

/// `GET /assessment/{id}/units/{unit}`
pub async fn unit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(p): Path<(String, String)>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let (id, unit) = ids(p)?;
    let b = view::breakdown(&state, &reader, id, unit, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/assessment").await?;
    render(&UnitPage {
        l,
        b,
        office: viewer.supervisor().is_ok(),
    })
}

/// `POST /assessment/{id}/units/{unit}/evaluation`
pub async fn evaluate(
    State(state): State<AppState>,
    Path(p): Path<(String, String)>,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let (id, unit) = ids(p)?;
    let points: f64 = form.get("points").trim().parse().unwrap_or(-1.0);
    ops::set_evaluation(&state, &cap, id, unit, points, form.get("note")).await?;
    Ok(Redirect::to(&format!("/assessment/{id}/units/{unit}?flash=flash.evaluation_saved")).into_response())
}
