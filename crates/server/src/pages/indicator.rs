//! The indicator pages: the dashboard (each indicator a card with its light, the published
//! sentence and a sparkline; filters by year, leader, unit and light; the office's thresholds),
//! an indicator with its chart, figures, light history and — for its responsible unit — the
//! form to enter a month's figure, and the mid-year half-way table (双过半) ready to paste.
//! Entering, accepting and returning a figure redirect back with a flash; a problem shows the
//! page again with it said in words, nothing written.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{Light, indicator::ActualInput, project::Month};
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted, Q},
    ops::{
        indicator as ops,
        indicator_figure::{self as figures, FigureForm},
    },
    views::{
        indicator::{self as view, Filter, HalfWayLine, IndicatorRow},
        indicator_detail::{IndicatorDetail, detail},
    },
};

/// The dashboard's filters as a form sends them.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardForm {
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    year: Option<i64>,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    leader: Option<i64>,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    unit: Option<i64>,
    #[serde(default)]
    light: String,
}

impl DashboardForm {
    /// The dashboard's filter.
    pub fn filter(&self) -> Filter {
        Filter {
            year: self.year.and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            leader: self.leader,
            unit: self.unit,
            light: self.light.clone(),
            task_force: None,
        }
    }
}

/// `GET /indicators.xlsx` (and the API's): the dashboard as a workbook, with its filters.
pub async fn xlsx(State(state): State<AppState>, viewer: Viewer, Q(q): Q<DashboardForm>) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let filter = q.filter();
    let year = view::year_of(&state, &reader, filter.year).await?;
    let rows = view::dashboard(&state, &reader, &Filter { year, ..filter }, luoshi_domain::Lang::Zh).await?;
    let report = luoshi_office::export::Report {
        sheet: "主要经济指标".into(),
        title: format!("{year}年主要经济指标完成情况"),
        subtitle: format!(
            "导出：{}",
            luoshi_domain::fmt_date(state.clock.today(), luoshi_domain::Lang::Zh)
        ),
        header: [
            "序号",
            "指标名称",
            "计量单位",
            "年度目标",
            "最新月份",
            "完成情况",
            "灯色",
            "责任单位",
            "分管领导",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect(),
        widths: vec![6.0, 24.0, 10.0, 14.0, 10.0, 56.0, 8.0, 18.0, 10.0],
        numeric: Vec::new(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.measure.clone(),
                    r.target_text.clone(),
                    r.latest_month.clone(),
                    r.sentence.clone(),
                    r.light_name.clone(),
                    r.unit.clone(),
                    r.leader.clone(),
                ]
            })
            .collect(),
        notes: vec!["注：完成情况按经督查室审核采纳的数据计算，与序时进度比较。".into()],
    };
    let bytes = crate::views::export::write(&[report])?;
    Ok(super::export::xlsx(
        bytes,
        &format!("{year}年主要经济指标完成情况.xlsx"),
    ))
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct DashboardPage {
    l: Layout,
    e: FieldErrors,
    rows: Vec<IndicatorRow>,
    year: i32,
    years: Vec<i32>,
    leaders: Vec<(i64, String)>,
    units: Vec<(i64, String)>,
    lights: Vec<(&'static str, &'static str)>,
    leader: Option<i64>,
    unit: Option<i64>,
    light: String,
    office: bool,
    /// The thresholds in points: yellow, red.
    thresholds: (String, String),
}

impl DashboardPage {
    fn heading(&self) -> String {
        self.l.tr.t_with("ind.title_year", &[("year", self.year.to_string())])
    }

    fn chosen_leader(&self, id: &i64) -> bool {
        self.leader == Some(*id)
    }

    fn chosen_unit(&self, id: &i64) -> bool {
        self.unit == Some(*id)
    }
}

async fn dashboard_with(
    state: &AppState,
    viewer: &Viewer,
    q: DashboardForm,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let filter = q.filter();
    let year = view::year_of(state, &reader, filter.year).await?;
    let rows = view::dashboard(state, &reader, &Filter { year, ..filter }, lang).await?;
    let (mut years, leaders, units, t) = {
        let mut c = state.store.conn().await?;
        let years = luoshi_store::indicator::years(&mut c, reader.region).await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        let region_wide = reader.unit().is_none();
        let t = luoshi_store::indicator_state::thresholds(&mut c, reader.region).await?;
        (
            years,
            if region_wide { dir.leader_choices() } else { Vec::new() },
            if region_wide { dir.unit_choices() } else { Vec::new() },
            t,
        )
    };
    if !years.contains(&year) {
        years.insert(0, year);
    }
    let points = |t: i64| luoshi_domain::indicator::Tenths(t).text();
    let l = Layout::new(state, viewer, "/indicators").await?;
    let mut r = render(&DashboardPage {
        l,
        e,
        rows,
        year,
        years,
        leaders,
        units,
        lights: Light::ALL.iter().map(|x| (x.code(), x.name(lang))).collect(),
        leader: q.leader,
        unit: q.unit,
        light: q.light,
        office: viewer.supervisor().is_ok(),
        thresholds: (points(t.indicator_yellow), points(t.indicator_red)),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /indicators`: the dashboard.
pub async fn dashboard(State(state): State<AppState>, viewer: Viewer, Q(q): Q<DashboardForm>) -> AppResult<Response> {
    dashboard_with(&state, &viewer, q, FieldErrors::default(), StatusCode::OK).await
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorPage {
    l: Layout,
    d: IndicatorDetail,
    f: FormData,
    e: FieldErrors,
    office: bool,
}

impl IndicatorPage {
    fn value_label(&self) -> String {
        self.l
            .tr
            .t_with("ind.value_in", &[("unit", self.d.row.measure.clone())])
    }

    fn chosen(&self, month: &str) -> bool {
        self.f.get("month") == month
    }
}

/// Which month the entry form opens on.
#[derive(Debug, Default, Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    month: String,
}

/// The page of indicator `id` with the entry form holding `f` and the problems `e`.
async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    mut f: FormData,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let d = detail(state, &reader, id, viewer.lang()).await?;
    if f.get("month").is_empty()
        && let Some((code, _)) = d.months.first()
    {
        f.push("month".into(), code.clone());
    }
    // A month entered before comes back filled, with its version, to correct.
    if f.get("version").is_empty() {
        let mut c = state.store.conn().await?;
        let all = luoshi_store::indicator_actual::of_indicator(&mut c, reader.region, id).await?;
        if let Some(a) = all.iter().find(|a| a.month == f.get("month")) {
            let fig = |v: i64| luoshi_domain::indicator::Figure(v).plain();
            for (k, v) in [
                ("value", fig(a.value)),
                ("last_year", a.last_year.map(fig).unwrap_or_default()),
                ("version", a.version.to_string()),
            ] {
                if f.get(k).is_empty() {
                    f.push(k.into(), v);
                }
            }
        }
    }
    let l = Layout::new(state, viewer, "/indicators").await?;
    let mut r = render(&IndicatorPage {
        l,
        d,
        f,
        e,
        office: viewer.supervisor().is_ok(),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /indicators/{id}`.
pub async fn page(
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
    page_with(&state, &viewer, id, f, FieldErrors::default(), StatusCode::OK).await
}

/// The page again with the problems of `e`, or the error itself.
async fn refused(state: &AppState, viewer: &Viewer, id: i64, form: FormData, e: AppError) -> AppResult<Response> {
    const FIELDS: &[&str] = &["month", "value", "last_year", "note"];
    let (msg, status) = match e {
        AppError::Validation(errs) => (
            FieldErrors::new(&errs, viewer.lang(), FIELDS),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        AppError::Conflict { .. } => (
            FieldErrors::general(crate::i18n::Tr::new(viewer.lang()).t("ind.conflict")),
            StatusCode::CONFLICT,
        ),
        other => return Err(other),
    };
    page_with(state, viewer, id, form, msg, status).await
}

/// `POST /indicators/{id}/figures`: the responsible unit enters a month's figure.
pub async fn enter(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let f = FigureForm {
        input: ActualInput {
            month: form.get("month").to_string(),
            value: form.get("value").to_string(),
            last_year: form.get("last_year").to_string(),
            note: form.get("note").to_string(),
        },
        version: form.int("version"),
    };
    match figures::enter(&state, &viewer, id, &f).await {
        Ok(_) => Ok(Redirect::to(&format!("/indicators/{id}?flash=flash.figure_sent")).into_response()),
        Err(e) => refused(&state, &viewer, id, form, e).await,
    }
}

/// `POST /indicator-figures/{id}/review`: `action` is `accept` or `return` (with `note`).
pub async fn review(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let indicator = {
        let mut c = state.store.conn().await?;
        luoshi_store::indicator_actual::actual(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .indicator_id
    };
    let accept = form.get("action") == "accept";
    let version = form.int("version").unwrap_or(0);
    match figures::review(&state, &cap, id, version, accept, form.get("note")).await {
        Ok(()) => {
            let flash = if accept {
                "flash.figure_accepted"
            } else {
                "flash.figure_returned"
            };
            let to = if form.get("next").is_empty() {
                format!("/indicators/{indicator}")
            } else {
                super::safe_next(form.get("next")).to_string()
            };
            let sep = if to.contains('?') { '&' } else { '?' };
            Ok(Redirect::to(&format!("{to}{sep}flash={flash}")).into_response())
        }
        Err(e) => refused(&state, &viewer, indicator, FormData::default(), e).await,
    }
}

/// `POST /indicators/thresholds`: the office sets the thresholds, in points.
pub async fn set_thresholds(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let parsed = crate::api::indicators::tenths_of("yellow", form.get("yellow"))
        .and_then(|y| Ok((y, crate::api::indicators::tenths_of("red", form.get("red"))?)));
    let done = match parsed {
        Ok((y, r)) => ops::set_thresholds(&state, &cap, y, r).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => Ok(Redirect::to("/indicators?flash=flash.indicator_thresholds_set").into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            dashboard_with(
                &state,
                &viewer,
                DashboardForm::default(),
                e,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "indicators_half_way.html")]
struct HalfWayPage {
    l: Layout,
    year: i32,
    month: String,
    month_text: String,
    lines: Vec<HalfWayLine>,
    text: String,
    text_rows: usize,
}

impl HalfWayPage {
    fn heading(&self) -> String {
        self.l
            .tr
            .t_with("ind.half_way_of", &[("month", self.month_text.clone())])
    }
}

/// The table as text for a report: those half way, then those short of it, each in its words.
fn report_text(lines: &[HalfWayLine], month: Month, tr: crate::i18n::Tr) -> String {
    let mut out = String::new();
    for (both, key) in [(true, "ind.summary_both"), (false, "ind.summary_not")] {
        let chosen: Vec<&HalfWayLine> = lines.iter().filter(|l| l.both == both).collect();
        if chosen.is_empty() {
            continue;
        }
        out.push_str(&tr.t_with(key, &[("month", month.text(tr.lang))]));
        out.push('\n');
        for (n, l) in chosen.iter().enumerate() {
            out.push_str(&format!("{}. {}{}{}\n", n + 1, l.name, tr.t("sep.colon"), l.sentence));
        }
    }
    out
}

/// `GET /indicators/half-way?month=2020-06`: the half-way table.
pub async fn half_way(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<crate::api::indicators::HalfWayQuery>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let month = crate::api::indicators::half_way_month(&state, &q.month)?;
    let lines = view::half_way_table(&state, &reader, month, lang).await?;
    let text = report_text(&lines, month, crate::i18n::Tr::new(lang));
    let l = Layout::new(&state, &viewer, "/indicators").await?;
    render(&HalfWayPage {
        l,
        year: month.year,
        month: month.code(),
        month_text: month.text(lang),
        text_rows: text.lines().count().clamp(3, 24),
        text,
        lines,
    })
}
