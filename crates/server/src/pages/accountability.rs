//! Accountability and commendation on pages (issue 19): `/accountability` lists the records
//! the viewer may see (the office enters one there, prefilled from `?unit=&records=`),
//! `/accountability/{id}` shows one with the records behind it (the office changes or removes
//! it there), and `/public/accountability` lists those marked public, without login.

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::accountability::AccountabilityKind;
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FormData, Id, Posted, Q, empty_as_none},
    ops::accountability::{self as ops, Input},
    views::accountability::{self as view, AccountabilityOut},
};

/// The form as typed (kept when it is refused).
#[derive(Debug, Clone, Default)]
pub struct Typed {
    unit_id: i64,
    kind: String,
    person: String,
    reason: String,
    doc_no: String,
    decided_on: String,
    records: String,
    public: bool,
}

impl Typed {
    fn of_form(f: &FormData) -> Typed {
        Typed {
            unit_id: f.int("unit_id").unwrap_or(0),
            kind: f.get("kind").into(),
            person: f.get("person").into(),
            reason: f.get("reason").into(),
            doc_no: f.get("doc_no").into(),
            decided_on: f.get("decided_on").into(),
            records: f.get("records").into(),
            public: f.checked("public"),
        }
    }

    fn of_record(a: &AccountabilityOut) -> Typed {
        Typed {
            unit_id: a.unit_id,
            kind: a.kind.clone(),
            person: a.person.clone(),
            reason: a.reason.clone(),
            doc_no: a.doc_no.clone(),
            decided_on: a.decided_on.to_string(),
            records: a.records_words.clone(),
            public: a.public,
        }
    }

    /// The input, or `DATE_INVALID` for the day.
    fn input(&self) -> AppResult<Input> {
        let decided_on = crate::forms::parse_date(&self.decided_on).ok_or_else(|| {
            AppError::Validation(vec![luoshi_domain::ValidationError::of(
                "decided_on",
                luoshi_domain::codes::DATE_INVALID,
            )])
        })?;
        Ok(Input {
            unit_id: self.unit_id,
            kind: self.kind.clone(),
            person: self.person.clone(),
            reason: self.reason.clone(),
            doc_no: self.doc_no.clone(),
            decided_on,
            records: self.records.clone(),
            public: self.public,
        })
    }
}

/// `?unit=` and `?records=` of the list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "empty_as_none")]
    unit: Option<i64>,
    #[serde(default)]
    records: String,
}

#[derive(Template)]
#[template(path = "accountability_list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<AccountabilityOut>,
    office: bool,
    unit_filter: Option<i64>,
    units: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    typed: Typed,
    errors: Vec<String>,
}

fn kinds(lang: luoshi_domain::Lang) -> Vec<(&'static str, &'static str)> {
    AccountabilityKind::ALL
        .iter()
        .map(|k| (k.code(), k.name(lang)))
        .collect()
}

async fn units(state: &AppState, region: i64) -> AppResult<Vec<(i64, String)>> {
    let mut c = state.store.conn().await?;
    Ok(Directory::cached(&state.directories, &mut c, region)
        .await?
        .unit_choices())
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    unit: Option<i64>,
    typed: Typed,
    errors: Vec<String>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let rows = view::list(state, &reader, unit, lang).await?;
    let office = viewer.supervisor().is_ok();
    let units = if reader.unit().is_none() {
        units(state, reader.region).await?
    } else {
        Vec::new()
    };
    let l = Layout::new(state, viewer, "/assessment").await?;
    render(&ListPage {
        l,
        rows,
        office,
        unit_filter: unit,
        units,
        kinds: kinds(lang),
        typed,
        errors,
    })
}

/// `GET /accountability`
pub async fn list(State(state): State<AppState>, viewer: Viewer, Q(q): Q<ListQuery>) -> AppResult<Response> {
    let typed = Typed {
        unit_id: q.unit.unwrap_or(0),
        kind: "interview".into(),
        decided_on: state.clock.today().to_string(),
        records: q.records.clone(),
        ..Typed::default()
    };
    list_page(&state, &viewer, q.unit, typed, Vec::new()).await
}

fn messages(errs: &[luoshi_domain::ValidationError], lang: luoshi_domain::Lang) -> Vec<String> {
    errs.iter().map(|e| e.message(lang).to_string()).collect()
}

/// `POST /accountability`: enters a record.
pub async fn enter(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let typed = Typed::of_form(&form);
    let done = match typed.input() {
        Ok(i) => ops::enter(&state, &cap, &i).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(id) => Ok(Redirect::to(&format!("/accountability/{id}?flash=flash.accountability_saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let msgs = messages(&errs, viewer.lang());
            list_page(&state, &viewer, None, typed, msgs).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "accountability.html")]
struct RecordPage {
    l: Layout,
    a: AccountabilityOut,
    office: bool,
    units: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    typed: Typed,
    errors: Vec<String>,
}

async fn record_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    typed: Option<Typed>,
    errors: Vec<String>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let a = view::one(state, &reader, id, lang).await?;
    let office = viewer.supervisor().is_ok();
    let units = if office {
        units(state, reader.region).await?
    } else {
        Vec::new()
    };
    let l = Layout::new(state, viewer, "/assessment").await?;
    render(&RecordPage {
        l,
        typed: typed.unwrap_or_else(|| Typed::of_record(&a)),
        a,
        office,
        units,
        kinds: kinds(lang),
        errors,
    })
}

/// `GET /accountability/{id}`
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    record_page(&state, &viewer, id, None, Vec::new()).await
}

/// `POST /accountability/{id}`: changes it.
pub async fn change(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let typed = Typed::of_form(&form);
    let version = form.int("version").unwrap_or(0);
    let done = match typed.input() {
        Ok(i) => ops::change(&state, &cap, id, version, &i).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/accountability/{id}?flash=flash.accountability_changed")).into_response()),
        Err(AppError::Validation(errs)) => {
            let msgs = messages(&errs, viewer.lang());
            record_page(&state, &viewer, id, Some(typed), msgs).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /accountability/{id}/remove`
pub async fn remove(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    match ops::remove(&state, &cap, id, form.int("version").unwrap_or(0), form.get("why")).await {
        Ok(()) => Ok(Redirect::to("/accountability?flash=flash.accountability_removed").into_response()),
        Err(AppError::Validation(errs)) => {
            let msgs = messages(&errs, viewer.lang());
            record_page(&state, &viewer, id, None, msgs).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "public_accountability.html")]
struct PublicPage {
    c: super::public::Chrome,
    rows: Vec<AccountabilityOut>,
}

/// `GET /public/accountability`: the records marked public, newest first (also `?format=json`).
pub async fn public(State(state): State<AppState>, Q(f): Q<super::public::Format>) -> AppResult<Response> {
    let (site, _conn) = super::public::site(&state).await?;
    let lang = f.lang();
    let rows = view::published(&state, site.region, lang).await?;
    let title = lang
        .pick("问责与表扬通报", "Accountability and commendation notices")
        .to_string();
    if f.format == "json" {
        return Ok(
            axum::Json(serde_json::json!({ "title": title, "region": site.region_name, "records": rows }))
                .into_response(),
        );
    }
    let updated = rows.first().map(|r| r.decided_text.clone()).unwrap_or_default();
    let c = super::public::Chrome::new(
        &state,
        &site,
        lang,
        "/public/accountability",
        title,
        updated,
        super::public::editor_of_site(&state, &site),
    );
    super::public::public_page(&PublicPage { c, rows })
}
