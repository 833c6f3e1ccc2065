//! Creating and editing a plan (supervision office).

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{Lang, PlanInput, PlanKind};
use luoshi_store::plan;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops,
};

/// The plan form's values, as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanFields {
    kind: String,
    title: String,
    doc_no: String,
    issued_on: String,
    summary: String,
    source_text: String,
    yellow_lag: String,
    red_lag: String,
    milestone_red_days: String,
    basis: String,
}

impl PlanFields {
    /// Whether `code` is the chosen kind (for the form's select).
    pub fn is_kind(&self, code: &str) -> bool {
        self.kind == code
    }

    /// Whether `code` is the chosen light basis (an empty form field is the default, `sent`).
    pub fn is_basis(&self, code: &str) -> bool {
        self.basis == code || (self.basis.is_empty() && code == luoshi_domain::Basis::Sent.code())
    }

    fn from_form(f: &FormData) -> PlanFields {
        let g = |k: &str| f.get(k).to_string();
        PlanFields {
            kind: g("kind"),
            title: g("title"),
            doc_no: g("doc_no"),
            issued_on: g("issued_on"),
            summary: g("summary"),
            source_text: g("source_text"),
            yellow_lag: g("yellow_lag"),
            red_lag: g("red_lag"),
            milestone_red_days: g("milestone_red_days"),
            basis: g("basis"),
        }
    }

    fn from_plan(p: &plan::Plan) -> PlanFields {
        PlanFields {
            kind: p.kind.code().to_string(),
            title: p.title.clone(),
            doc_no: p.doc_no.clone(),
            issued_on: p.issued_on.to_string(),
            summary: p.summary.clone(),
            source_text: p.source_text.clone(),
            yellow_lag: p.yellow_lag.to_string(),
            red_lag: p.red_lag.to_string(),
            milestone_red_days: p.milestone_red_days.to_string(),
            basis: p.judge_basis.code().to_string(),
        }
    }

    fn input(&self) -> PlanInput {
        let n = |s: &str| s.trim().parse().unwrap_or(-1);
        PlanInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            doc_no: self.doc_no.clone(),
            issued_on: crate::forms::parse_date(&self.issued_on),
            summary: self.summary.clone(),
            source_text: self.source_text.clone(),
            yellow_lag: n(&self.yellow_lag),
            red_lag: n(&self.red_lag),
            milestone_red_days: n(&self.milestone_red_days),
            basis: self.basis.clone(),
        }
    }
}

/// One row of a "yours / saved by someone else" table.
#[derive(Debug, Clone)]
pub struct ConflictRow {
    /// The field's label.
    pub label: String,
    /// What this user typed.
    pub mine: String,
    /// What is stored now.
    pub theirs: String,
    /// Whether they differ.
    pub differs: bool,
}

impl ConflictRow {
    /// A row.
    pub fn new(label: String, mine: impl Into<String>, theirs: impl Into<String>) -> ConflictRow {
        let (mine, theirs) = (mine.into(), theirs.into());
        ConflictRow {
            differs: mine.trim() != theirs.trim(),
            label,
            mine,
            theirs,
        }
    }
}

#[derive(Template)]
#[template(path = "plan_form.html")]
struct PlanFormPage {
    l: Layout,
    id: Option<i64>,
    version: i64,
    f: PlanFields,
    e: FieldErrors,
    kinds: Vec<(&'static str, String)>,
    conflict: Vec<ConflictRow>,
    ladder: luoshi_domain::Ladder,
    bases: Vec<(&'static str, &'static str)>,
}

fn bases(lang: Lang) -> Vec<(&'static str, &'static str)> {
    luoshi_domain::Basis::ALL
        .iter()
        .map(|b| (b.code(), b.name(lang)))
        .collect()
}

const FIELDS: &[&str] = &[
    "kind",
    "title",
    "issued_on",
    "source_text",
    "yellow_lag",
    "red_lag",
    "milestone_red_days",
    "basis",
];

fn kinds(lang: Lang) -> Vec<(&'static str, String)> {
    PlanKind::ALL
        .iter()
        .map(|k| (k.code(), lang.pick(k.names().0, k.names().1).to_string()))
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    version: i64,
    f: PlanFields,
    e: FieldErrors,
    conflict: Vec<ConflictRow>,
    status: StatusCode,
) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/plans").await?;
    let kinds = kinds(l.lang);
    let bases = bases(l.lang);
    let ladder = match id {
        Some(id) => {
            let mut c = state.store.conn().await?;
            plan::plan(&mut c, viewer.region(), id)
                .await?
                .map(|p| luoshi_domain::Ladder::parse(&p.ladder))
                .unwrap_or_default()
        }
        None => luoshi_domain::Ladder::default(),
    };
    let mut r = render(&PlanFormPage {
        l,
        id,
        version,
        f,
        e,
        kinds,
        conflict,
        ladder,
        bases,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /plans/new`.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let f = PlanFields {
        kind: "meeting".into(),
        issued_on: state.clock.today().to_string(),
        yellow_lag: "20".into(),
        red_lag: "40".into(),
        milestone_red_days: "15".into(),
        ..PlanFields::default()
    };
    show(
        &state,
        &viewer,
        None,
        0,
        f,
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /plans/new`.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let f = PlanFields::from_form(&form);
    match ops::plan::create(&state, &cap, &f.input()).await {
        Ok(id) => Ok(Redirect::to(&format!("/plans/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(
                &state,
                &viewer,
                None,
                0,
                f,
                e,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `GET /plans/{id}/edit`.
pub async fn edit_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let p = {
        let mut c = state.store.conn().await?;
        plan::plan(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?
    };
    show(
        &state,
        &viewer,
        Some(id),
        p.version,
        PlanFields::from_plan(&p),
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /plans/{id}/edit`.
pub async fn update(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let f = PlanFields::from_form(&form);
    let version = form.int("version").unwrap_or(0);
    match ops::plan::update(&state, &cap, id, version, &f.input()).await {
        Ok(()) => Ok(Redirect::to(&format!("/plans/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(
                &state,
                &viewer,
                Some(id),
                version,
                f,
                e,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            let stored = {
                let mut c = state.store.conn().await?;
                plan::plan(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?
            };
            let lang = viewer.lang();
            let tr = crate::i18n::Tr::new(lang);
            let s = PlanFields::from_plan(&stored);
            let rows = vec![
                ConflictRow::new(tr.t("plan.title"), &f.title, &s.title),
                ConflictRow::new(tr.t("plan.doc_no"), &f.doc_no, &s.doc_no),
                ConflictRow::new(tr.t("plan.issued_on"), &f.issued_on, &s.issued_on),
                ConflictRow::new(tr.t("plan.summary"), &f.summary, &s.summary),
                ConflictRow::new(tr.t("plan.yellow_lag"), &f.yellow_lag, &s.yellow_lag),
                ConflictRow::new(tr.t("plan.red_lag"), &f.red_lag, &s.red_lag),
                ConflictRow::new(
                    tr.t("plan.milestone_red_days"),
                    &f.milestone_red_days,
                    &s.milestone_red_days,
                ),
                ConflictRow::new(
                    tr.t("plan.basis"),
                    luoshi_domain::Basis::parse(&f.basis)
                        .map(|b| b.name(lang))
                        .unwrap_or_default(),
                    stored.judge_basis.name(lang),
                ),
                ConflictRow::new(
                    tr.t("plan.source_text"),
                    if f.source_text == s.source_text { "=" } else { "≠" },
                    if f.source_text == s.source_text { "=" } else { "≠" },
                ),
            ];
            // The form now carries the stored version: saving again overwrites knowingly.
            let e = FieldErrors::default();
            show(
                &state,
                &viewer,
                Some(id),
                stored.version,
                f,
                e,
                rows,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /plans/{id}/ladder`: the plan's escalation ladder (催办规则).
pub async fn set_ladder(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let n = |k: &str| form.int(k).and_then(|v| u32::try_from(v).ok()).unwrap_or(u32::MAX);
    let ladder = luoshi_domain::Ladder {
        remind_before: n("remind_before"),
        remind_missing: form.checked("remind_missing"),
        order_after: n("order_after"),
        red_periods: n("red_periods"),
    };
    let version = form.int("version").unwrap_or(0);
    match ops::plan::set_ladder(&state, &cap, id, version, ladder).await {
        Ok(()) => Ok(Redirect::to(&format!("/plans/{id}/edit?flash=flash.saved#ladder")).into_response()),
        Err(AppError::Validation(errs)) => {
            let msgs = errs
                .iter()
                .map(|e| e.message(viewer.lang()).to_string())
                .collect::<Vec<_>>()
                .join("；");
            Err(AppError::Validation(vec![luoshi_domain::ValidationError::new(
                "ladder",
                luoshi_domain::codes::LADDER_INVALID,
                msgs.clone(),
                msgs,
            )]))
        }
        Err(e) => Err(e),
    }
}
