//! Assessment through the API (issue 19): the schemes, a scheme with its rules and the rankings
//! its visibility lets the caller see, a unit's breakdown line by line; the office starts a
//! scheme (the defaults of common practice, or a copy), enters the leaders' evaluations and
//! closes it.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::NaiveDate;
use luoshi_domain::{
    ValidationError,
    assessment::{
        DEFAULT_GRADING, Group, Rule, RuleKind, Scheme, default_groups, default_rules,
        scheme::{PeriodKind, Visibility, parse_grading},
    },
    codes,
    task::UnitCategory,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, plans::Created, writer::Writer};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    ops::assessment as ops,
    views::assessment::{self as view, Breakdown, SchemeDetail, SchemeRow},
};

/// A rule as sent: its kind, points a record (−0.5) and cap (5), in points.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RuleBody {
    /// The rule's kind (`task_overdue_lead`, `report_late`, …).
    pub kind: String,
    /// Points a record, negative for a deduction.
    pub points: f64,
    /// The most the rule moves a score, if limited.
    pub cap: Option<f64>,
}

/// Units ranked together, as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct GroupBody {
    /// Its name (市直部门).
    pub name: String,
    /// The unit categories in it: `department`, `county`, `zone`, `office`, `other`.
    pub categories: Vec<String>,
}

/// A scheme to start, or an open scheme's new settings (what is left out is kept).
#[derive(Debug, Deserialize, ToSchema)]
pub struct SchemeBody {
    /// Its name.
    pub name: String,
    /// `quarter`, `half_year` or `year`.
    pub kind: String,
    /// First day, `2020-01-01`.
    pub from: String,
    /// Last day.
    pub to: String,
    /// A scheme to copy the rules, groups, grading and figures of (default: common practice).
    pub copy_of: Option<i64>,
    /// Base score (default 100).
    pub base: Option<f64>,
    /// Floor (default 60).
    pub floor: Option<f64>,
    /// The leaders' evaluation's share, percent (default 0).
    pub evaluation_share: Option<i64>,
    /// `office` (default), `leaders`, `units` or `public`.
    pub visibility: Option<String>,
    /// `cut_offs:9500,8500,6000` or `shares:20,50,6000` (hundredths of points for scores).
    pub grading: Option<String>,
    /// The rules (default: common practice).
    pub rules: Option<Vec<RuleBody>>,
    /// The groups ranked apart (default: 市直部门, 县（市、区）, 开发区).
    pub groups: Option<Vec<GroupBody>>,
}

/// An open scheme's new settings, with its version as read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SchemeUpdate {
    /// The scheme's version as read.
    pub version: i64,
    /// The settings.
    #[serde(flatten)]
    pub scheme: SchemeBody,
}

fn invalid(field: &'static str, zh: &str, en: &str) -> AppError {
    AppError::Validation(vec![ValidationError::new(field, codes::SCHEME_INVALID, zh, en)])
}

fn hundredths(x: f64) -> Option<i64> {
    let h = (x * 100.0).round();
    ((x * 100.0 - h).abs() < 1e-6 && h.abs() <= 1e7).then_some(h as i64)
}

/// Stored scheme `id` as the domain reads it.
pub(crate) async fn stored_scheme(state: &AppState, region: i64, id: i64) -> AppResult<Scheme> {
    let mut c = state.store.conn().await?;
    let stored = luoshi_store::assessment::scheme(&mut c, region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rules = luoshi_store::assessment::rules(&mut c, region, id).await?;
    luoshi_lights::scheme_of(&stored, &rules).ok_or(AppError::NotFound)
}

/// The scheme a body asks for, over the copied scheme or the defaults.
pub(crate) async fn scheme_of(state: &AppState, region: i64, b: &SchemeBody) -> AppResult<Scheme> {
    let start = match b.copy_of {
        Some(from) => stored_scheme(state, region, from).await?,
        None => Scheme {
            name: String::new(),
            kind: PeriodKind::HalfYear,
            from: NaiveDate::MIN,
            to: NaiveDate::MIN,
            base: 10_000,
            floor: 6_000,
            evaluation_share: 0,
            groups: default_groups(),
            rules: default_rules(),
            grading: DEFAULT_GRADING,
            visibility: Visibility::Office,
        },
    };
    overlay(start, b)
}

/// Scheme `s` with what body `b` sets.
pub(crate) fn overlay(mut s: Scheme, b: &SchemeBody) -> AppResult<Scheme> {
    let day = |field: &'static str, s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::Validation(vec![ValidationError::of(field, codes::DATE_INVALID)]))
    };
    s.kind =
        PeriodKind::parse(&b.kind).ok_or_else(|| invalid("kind", "请选择考核周期", "Choose the period's length"))?;
    s.name = b.name.clone();
    s.from = day("from", &b.from)?;
    s.to = day("to", &b.to)?;
    if let Some(x) = b.base {
        s.base = hundredths(x).ok_or_else(|| invalid("base", "基础分应为数字", "The base is a number"))?;
    }
    if let Some(x) = b.floor {
        s.floor = hundredths(x).ok_or_else(|| invalid("floor", "保底分应为数字", "The floor is a number"))?;
    }
    if let Some(x) = b.evaluation_share {
        s.evaluation_share = x;
    }
    if let Some(v) = &b.visibility {
        s.visibility = Visibility::parse(v)
            .ok_or_else(|| invalid("visibility", "请选择排名的公开范围", "Choose who sees the ranking"))?;
    }
    if let Some(g) = &b.grading {
        s.grading = parse_grading(g).ok_or_else(|| invalid("grading", "等次的设置无效", "Not a grading"))?;
    }
    if let Some(rules) = &b.rules {
        s.rules = rules
            .iter()
            .map(|r| {
                Some(Rule {
                    kind: RuleKind::parse(&r.kind)?,
                    points: hundredths(r.points)?,
                    cap: match r.cap {
                        Some(c) => Some(hundredths(c)?),
                        None => None,
                    },
                })
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| invalid("rules", "规则的类型或分值无效", "A rule's kind or points are not valid"))?;
    }
    if let Some(groups) = &b.groups {
        s.groups = groups
            .iter()
            .map(|g| {
                Some(Group {
                    name: g.name.trim().to_string(),
                    categories: g
                        .categories
                        .iter()
                        .map(|c| UnitCategory::parse(c))
                        .collect::<Option<Vec<_>>>()?,
                })
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                invalid(
                    "groups",
                    "排名分组的单位类别无效",
                    "A group's unit category is not valid",
                )
            })?;
    }
    Ok(s)
}

/// `GET /api/v1/schemes`
#[utoipa::path(get, path = "/api/v1/schemes", tag = "assessment", security(("bearer" = [])),
    responses((status = 200, body = [SchemeRow])))]
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<SchemeRow>>> {
    let reader = viewer.reader()?;
    Ok(Json(view::schemes(&state, &reader, viewer.lang()).await?))
}

/// `POST /api/v1/schemes`: starts a scheme and judges its scores.
#[utoipa::path(post, path = "/api/v1/schemes", tag = "assessment", security(("bearer" = [])), request_body = SchemeBody,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<SchemeBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let cap = viewer.supervisor()?;
    let s = scheme_of(&state, cap.region, &b).await?;
    let id = ops::create(&state, &cap, &s, b.copy_of).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// `PUT /api/v1/schemes/{id}`: changes an open scheme (what the body leaves out is kept) and
/// judges its scores again; a closed scheme is `SCHEME_CLOSED`, a stale version `CONFLICT`.
#[utoipa::path(put, path = "/api/v1/schemes/{id}", tag = "assessment", security(("bearer" = [])), request_body = SchemeUpdate,
    params(("id" = i64, Path, description = "scheme id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<SchemeUpdate>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    if b.scheme.copy_of.is_some() {
        return Err(invalid(
            "copy_of",
            "修改方案时不能复制其他方案",
            "A scheme being changed copies nothing",
        ));
    }
    let s = overlay(stored_scheme(&state, cap.region, id).await?, &b.scheme)?;
    ops::update(&state, &cap, id, b.version, &s).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/schemes/{id}`: the scheme, its rules and the rankings the caller may see.
#[utoipa::path(get, path = "/api/v1/schemes/{id}", tag = "assessment", security(("bearer" = [])),
    params(("id" = i64, Path, description = "scheme id")), responses((status = 200, body = SchemeDetail)))]
pub async fn read(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Json<SchemeDetail>> {
    let reader = viewer.reader()?;
    Ok(Json(view::scheme(&state, &reader, id, viewer.lang()).await?))
}

/// Two numeric ids from a path; anything else is `NOT_FOUND`.
pub(crate) fn ids((a, b): (String, String)) -> AppResult<(i64, i64)> {
    Ok((
        a.parse().map_err(|_| AppError::NotFound)?,
        b.parse().map_err(|_| AppError::NotFound)?,
    ))
}

/// `GET /api/v1/schemes/{id}/units/{unit}`: a unit's score line by line, each with its record.
#[utoipa::path(get, path = "/api/v1/schemes/{id}/units/{unit}", tag = "assessment", security(("bearer" = [])),
    params(("id" = i64, Path, description = "scheme id"), ("unit" = i64, Path, description = "unit id")),
    responses((status = 200, body = Breakdown), (status = 404, body = crate::error::ErrorBody)))]
pub async fn breakdown(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(p): Path<(String, String)>,
) -> AppResult<Json<Breakdown>> {
    let reader = viewer.reader()?;
    let (id, unit) = ids(p)?;
    Ok(Json(view::breakdown(&state, &reader, id, unit, viewer.lang()).await?))
}

/// A version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VersionBody {
    /// The scheme's version as read.
    pub version: i64,
}

/// `POST /api/v1/schemes/{id}/close`: judged one last time, then frozen.
#[utoipa::path(post, path = "/api/v1/schemes/{id}/close", tag = "assessment", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = i64, Path, description = "scheme id")),
    responses((status = 204), (status = 409, body = crate::error::ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Id(id): Id,
    ApiJson(b): ApiJson<VersionBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    ops::close(&state, &cap, id, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The leaders' evaluation of a unit.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EvaluationBody {
    /// 0 to 100 points.
    pub points: f64,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// `PUT /api/v1/schemes/{id}/evaluations/{unit}`
#[utoipa::path(put, path = "/api/v1/schemes/{id}/evaluations/{unit}", tag = "assessment", security(("bearer" = [])),
    request_body = EvaluationBody,
    params(("id" = i64, Path, description = "scheme id"), ("unit" = i64, Path, description = "unit id")),
    responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn evaluate(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    Path(p): Path<(String, String)>,
    ApiJson(b): ApiJson<EvaluationBody>,
) -> AppResult<StatusCode> {
    let cap = viewer.supervisor()?;
    let (id, unit) = ids(p)?;
    ops::set_evaluation(&state, &cap, id, unit, b.points, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}
