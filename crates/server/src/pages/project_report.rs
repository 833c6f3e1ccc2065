//! The responsible unit's monthly report form (`/projects/{id}/report`): the month (one owed,
//! or this one), the month's investment or the year's cumulative figure, progress, problems,
//! next steps, a correction's reason and files; a month sent before comes back filled for
//! sending again. Problems are shown beside their fields with nothing written; a save over
//! someone else's is a conflict, said so.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::project::{Month, MonthlyInput, Wan};
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, PostedFiles, Q},
    ops::project_report::{self as ops, MonthlyForm},
};

/// The fields the form shows errors beside.
const FIELDS: &[&str] = &[
    "month",
    "invested",
    "cumulative",
    "progress",
    "problems",
    "next_steps",
    "correction_reason",
    "evidence",
];

#[derive(Template)]
#[template(path = "project_report.html")]
struct FormPage {
    l: Layout,
    id: i64,
    name: String,
    f: FormData,
    e: FieldErrors,
    /// The months offered: code and words.
    months: Vec<(String, String)>,
    accepted: &'static str,
    fits: crate::uploads::Fits,
}

impl FormPage {
    fn chosen(&self, month: &str) -> bool {
        self.f.get("month") == month
    }
}

/// Which month to open the form on.
#[derive(Debug, Default, Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    month: String,
}

async fn show(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    mut f: FormData,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let today = state.clock.today();
    let (p, reports, st) = {
        let mut c = state.store.conn().await?;
        let p = reader.project(&mut c, id).await?;
        let reports = luoshi_store::project_report::of_project(&mut c, reader.region, id).await?;
        let st = luoshi_store::project_state::state(&mut c, reader.region, id).await?;
        (p, reports, st)
    };
    if reader.unit() != Some(p.unit_id) {
        return Err(AppError::Forbidden);
    }
    // The months owed, this month, and any month already sent this year (to correct it).
    let now = Month::of(today);
    let mut months: Vec<Month> = st
        .map(|s| {
            luoshi_lights::decode_owed(&s.owed)
                .into_iter()
                .map(|(m, _)| m)
                .collect()
        })
        .unwrap_or_default();
    // The form opens on the first month owed, else on this one.
    let first = months.first().copied().unwrap_or(now);
    months.push(now);
    months.extend(
        reports
            .iter()
            .filter_map(|r| Month::parse(&r.month))
            .filter(|m| m.year == now.year),
    );
    months.sort();
    months.dedup();
    if f.get("month").is_empty() {
        f.push("month".into(), first.code());
    }
    // A month sent before: its figures and version, unless the form already carries them.
    if f.get("version").is_empty()
        && let Some(r) = reports.iter().find(|r| r.month == f.get("month"))
    {
        for (k, v) in [
            ("invested", Wan(r.invested).wan_text().replace(',', "")),
            ("progress", r.progress.clone()),
            ("problems", r.problems.clone()),
            ("next_steps", r.next_steps.clone()),
            ("version", r.version.to_string()),
        ] {
            if f.get(k).is_empty() {
                f.push(k.into(), v);
            }
        }
    }
    let l = Layout::new(state, viewer, "/projects").await?;
    let mut r = render(&FormPage {
        l,
        id,
        name: p.name,
        f,
        e,
        months: months.iter().map(|m| (m.code(), m.text(lang))).collect(),
        accepted: luoshi_domain::evidence::ACCEPTED,
        fits: crate::uploads::Fits::new(&state.config, crate::uploads::Upload::Files, lang),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /projects/{id}/report`: the form, on the first month owed (or `?month=`).
pub async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(q): Q<MonthQuery>,
) -> AppResult<Response> {
    let f = FormData::of(if q.month.is_empty() {
        Vec::new()
    } else {
        vec![("month".into(), q.month)]
    });
    show(&state, &viewer, id, f, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /projects/{id}/report` (multipart, with files).
pub async fn submit(
    State(state): State<AppState>,
    Id(id): Id,
    PostedFiles(viewer, form, files): PostedFiles,
) -> AppResult<Response> {
    let f = MonthlyForm {
        input: MonthlyInput {
            month: form.get("month").to_string(),
            invested: form.get("invested").to_string(),
            cumulative: form.get("cumulative").to_string(),
            progress: form.get("progress").to_string(),
            problems: form.get("problems").to_string(),
            next_steps: form.get("next_steps").to_string(),
            correction_reason: form.get("correction_reason").to_string(),
        },
        version: form.int("version"),
    };
    match ops::submit(&state, &viewer, id, &f, &files).await {
        Ok(_) => Ok(Redirect::to(&format!("/projects/{id}?flash=flash.project_report_sent")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            show(&state, &viewer, id, form, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("project.conflict").to_string());
            show(&state, &viewer, id, form, e, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
