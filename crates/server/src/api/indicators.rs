//! Indicators (指标) through the API: the dashboard's rows with their lights and published
//! sentences, an indicator's page (its figures, chart points and light history), the mid-year
//! half-way table (双过半); the office adds and changes indicators and sets the thresholds; the
//! responsible unit enters figures; the office accepts or returns them.

use axum::{Json, extract::State, http::StatusCode};
use luoshi_domain::{
    ValidationError, codes,
    indicator::{ActualInput, Figure, IndicatorInput},
    project::Month,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{Id, Q},
    ops::{
        indicator::{self as ops, IndicatorForm},
        indicator_figure::{self as figures, FigureForm},
    },
    views::{
        indicator::{self as view, Filter, HalfWayLine, IndicatorRow},
        indicator_detail::{self, IndicatorDetail},
    },
};

/// An indicator as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IndicatorBody {
    /// 指标名称.
    pub name: String,
    /// 计量单位: 亿元, 万吨, %.
    pub measure: String,
    /// `amount` (累计值) or `rate` (增速).
    pub kind: String,
    /// `higher` (default) or `lower` (a ceiling, 控制目标).
    #[serde(default)]
    pub direction: String,
    /// `monthly` (default) or `quarterly`.
    #[serde(default)]
    pub frequency: String,
    /// `statistics` (default) or `unit`.
    #[serde(default)]
    pub source: String,
    /// The year.
    pub year: i32,
    /// 年度目标: a number or a string (`"87"`, `7.5`); above zero for an amount.
    #[serde(deserialize_with = "super::projects::money")]
    #[schema(value_type = String, example = "87")]
    pub target: String,
    /// 序时进度: `linear` (default), `days`, or twelve cumulative percents `5,10,…,100`.
    #[serde(default)]
    pub profile: String,
    /// Decimals shown, 0–4 (default 1).
    pub decimals: Option<u32>,
    /// A rate computed from this year's and last year's same-period amounts.
    #[serde(default)]
    pub computed: bool,
    /// 责任单位.
    pub unit_id: i64,
    /// 分管领导.
    pub leader_id: Option<i64>,
    /// The plan task that drives it.
    pub task_id: Option<i64>,
    /// The task force that owns it.
    pub task_force_id: Option<i64>,
    /// Shown on the public site.
    #[serde(default)]
    pub public: bool,
    /// Place in lists.
    #[serde(default)]
    pub sort: i64,
    /// For a change: the version read.
    pub version: Option<i64>,
}

impl IndicatorBody {
    fn form(&self) -> IndicatorForm {
        IndicatorForm {
            input: IndicatorInput {
                name: self.name.clone(),
                measure: self.measure.clone(),
                kind: self.kind.clone(),
                direction: self.direction.clone(),
                frequency: self.frequency.clone(),
                source: self.source.clone(),
                year: self.year.to_string(),
                target: self.target.clone(),
                profile: self.profile.clone(),
                decimals: self.decimals.map(|d| d.to_string()).unwrap_or_default(),
                computed: self.computed,
            },
            unit_id: self.unit_id,
            leader_id: self.leader_id,
            task_id: self.task_id,
            task_force_id: self.task_force_id,
            public: self.public,
            sort: self.sort,
        }
    }
}

/// Which indicators the dashboard lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// The year (default: this year, else the latest with indicators).
    pub year: Option<i32>,
    /// 分管领导.
    pub leader: Option<i64>,
    /// 责任单位.
    pub unit: Option<i64>,
    /// A light: `red`, `yellow`, `green`, `blue`.
    #[serde(default)]
    pub light: String,
    /// A task force.
    pub task_force: Option<i64>,
}

/// `GET /api/v1/indicators`: the indicators this reader may see, with their lights.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "indicators", security(("bearer" = [])), params(DashboardQuery),
    responses((status = 200, body = Vec<IndicatorRow>)))]
pub async fn dashboard(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<DashboardQuery>,
) -> AppResult<Json<Vec<IndicatorRow>>> {
    let reader = viewer.reader()?;
    let filter = Filter {
        year: q.year.unwrap_or(0),
        leader: q.leader,
        unit: q.unit,
        light: q.light,
        task_force: q.task_force,
    };
    Ok(Json(view::dashboard(&state, &reader, &filter, viewer.lang()).await?))
}

/// `POST /api/v1/indicators`: the office adds an indicator; its responsible unit is told.
#[utoipa::path(post, path = "/api/v1/indicators", tag = "indicators", security(("bearer" = [])), request_body = IndicatorBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<IndicatorBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let id = ops::create(&state, &cap, &b.form()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `GET /api/v1/indicators/{id}`: an indicator with its figures, chart and light history.
#[utoipa::path(get, path = "/api/v1/indicators/{id}", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path, description = "indicator id")),
    responses((status = 200, body = IndicatorDetail)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<IndicatorDetail>> {
    let reader = viewer.reader()?;
    Ok(Json(
        indicator_detail::detail(&state, &reader, id, viewer.lang()).await?,
    ))
}

/// `PUT /api/v1/indicators/{id}`: the office changes an indicator read at `version`.
#[utoipa::path(put, path = "/api/v1/indicators/{id}", tag = "indicators", security(("bearer" = [])), request_body = IndicatorBody,
    params(("id" = i64, Path, description = "indicator id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<IndicatorBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let version = b.version.ok_or_else(|| {
        AppError::Validation(vec![ValidationError::new(
            "version",
            codes::INDICATOR_CHOICE_UNKNOWN,
            "请带上读取时的版本号",
            "Send the version you read",
        )])
    })?;
    ops::update(&state, &cap, id, version, &b.form()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A month's figure.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FigureBody {
    /// The month, `2020-06`, in the indicator's year.
    pub month: String,
    /// The cumulative amount (an amount, or the amount a computed rate comes from), or the rate
    /// in percent: a number or a string.
    #[serde(deserialize_with = "super::projects::money")]
    #[schema(value_type = String, example = "45.3")]
    pub value: String,
    /// Last year's same-period figure, in the same measure (needed when the rate is computed).
    #[serde(default, deserialize_with = "super::projects::money")]
    #[schema(value_type = String, example = "41.2")]
    pub last_year: String,
    /// A note; why, when an accepted figure is corrected.
    #[serde(default)]
    pub note: String,
    /// The version of the month's figure as read, when it was entered before.
    pub version: Option<i64>,
}

/// `POST /api/v1/indicators/{id}/figures`: the responsible unit enters a month's figure (a
/// month entered before is entered again with its version).
#[utoipa::path(post, path = "/api/v1/indicators/{id}/figures", tag = "indicators", security(("bearer" = [])), request_body = FigureBody,
    params(("id" = i64, Path, description = "indicator id")),
    responses((status = 201, body = Created), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn enter(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<FigureBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let f = FigureForm {
        input: ActualInput {
            month: b.month,
            value: b.value,
            last_year: b.last_year,
            note: b.note,
        },
        version: b.version,
    };
    let fid = figures::enter(&state, &viewer, id, &f).await?;
    Ok((StatusCode::CREATED, Json(Created { id: fid })))
}

/// `POST /api/v1/indicator-figures/{id}/review`: the office accepts or returns a figure; the
/// responsible unit is told.
#[utoipa::path(post, path = "/api/v1/indicator-figures/{id}/review", tag = "indicators", security(("bearer" = [])),
    request_body = super::project_reports::DecisionBody,
    params(("id" = i64, Path, description = "figure id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<super::project_reports::DecisionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let accept = match b.action.as_str() {
        "accept" => true,
        "return" => false,
        _ => {
            return Err(AppError::Validation(vec![ValidationError::of(
                "action",
                codes::INDICATOR_CHOICE_UNKNOWN,
            )]));
        }
    };
    figures::review(&state, &cap, id, b.version, accept, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which month the half-way table checks.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HalfWayQuery {
    /// The month, `2020-06` (default: June of this year).
    #[serde(default)]
    pub month: String,
}

/// `GET /api/v1/indicators/half-way`: the half-way table (双过半) for a month.
#[utoipa::path(get, path = "/api/v1/indicators/half-way", tag = "indicators", security(("bearer" = [])), params(HalfWayQuery),
    responses((status = 200, body = Vec<HalfWayLine>), (status = 422, body = crate::error::ErrorBody)))]
pub async fn half_way(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<HalfWayQuery>,
) -> AppResult<Json<Vec<HalfWayLine>>> {
    let reader = viewer.reader()?;
    let month = half_way_month(&state, &q.month)?;
    Ok(Json(view::half_way_table(&state, &reader, month, viewer.lang()).await?))
}

/// The month asked for, or June of this year.
pub fn half_way_month(state: &AppState, asked: &str) -> AppResult<Month> {
    if asked.trim().is_empty() {
        let year = Month::of(state.clock.today()).year;
        return Ok(Month { year, month: 6 });
    }
    Month::parse(asked)
        .ok_or_else(|| AppError::Validation(vec![ValidationError::of("month", codes::INDICATOR_MONTH_INVALID)]))
}

/// The region's indicator thresholds, in points behind time progress (or a rate's target).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndicatorThresholdsBody {
    /// Yellow when behind by more than this many points (0: any shortfall), 0–50, one decimal.
    #[serde(deserialize_with = "super::projects::money")]
    #[schema(value_type = String, example = "0")]
    pub yellow: String,
    /// Red when behind by more than this many points, above `yellow`, up to 50.
    #[serde(deserialize_with = "super::projects::money")]
    #[schema(value_type = String, example = "5")]
    pub red: String,
}

/// Points with one decimal as tenths.
pub fn tenths_of(field: &'static str, s: &str) -> AppResult<i64> {
    Figure::parse(s)
        .ok()
        .filter(|f| f.0 % 1000 == 0)
        .map(|f| f.0 / 1000)
        .ok_or_else(|| AppError::Validation(vec![ValidationError::of(field, codes::INDICATOR_THRESHOLDS_INVALID)]))
}

/// `GET /api/v1/indicator-thresholds`
#[utoipa::path(get, path = "/api/v1/indicator-thresholds", tag = "indicators", security(("bearer" = [])),
    responses((status = 200, body = IndicatorThresholdsBody)))]
pub async fn thresholds(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<IndicatorThresholdsBody>> {
    let reader = viewer.reader()?;
    let mut c = state.store.conn().await?;
    let t = luoshi_store::indicator_state::thresholds(&mut c, reader.region).await?;
    let points = |t: i64| luoshi_domain::indicator::Tenths(t).text();
    Ok(Json(IndicatorThresholdsBody {
        yellow: points(t.indicator_yellow),
        red: points(t.indicator_red),
    }))
}

/// `PUT /api/v1/indicator-thresholds`: the office sets them; every indicator is judged again.
#[utoipa::path(put, path = "/api/v1/indicator-thresholds", tag = "indicators", security(("bearer" = [])),
    request_body = IndicatorThresholdsBody,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn set_thresholds(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<IndicatorThresholdsBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let yellow = tenths_of("yellow", &b.yellow)?;
    let red = tenths_of("red", &b.red)?;
    ops::set_thresholds(&state, &cap, yellow, red).await?;
    Ok(StatusCode::NO_CONTENT)
}
