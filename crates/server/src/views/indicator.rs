//! The indicators as pages and the API show them: the dashboard's rows (each indicator with its
//! light, the published sentence and a sparkline of its figures against the target's
//! trajectory), filtered by leader, unit, light and year; and the mid-year half-way table
//! (双过半), each indicator's figure for a month checked for 时间过半 and 任务过半.

use std::collections::HashMap;

use luoshi_domain::{
    Lang, Light,
    indicator::{Figure, Kind, Measure, half_way, judge::Latest, judge::compare, words::sentence},
    project::Month,
};
use luoshi_store::{indicator::Indicator, indicator_actual::Actual};
use serde::Serialize;
use utoipa::ToSchema;

use super::indicator_chart::{Lines, Spark, spark};
use crate::{AppState, access::Reader, directory::Directory, error::AppResult};

/// An indicator as a row of the dashboard.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorRow {
    /// Its id.
    pub id: i64,
    /// 指标名称.
    pub name: String,
    /// 计量单位.
    pub measure: String,
    /// `amount` or `rate`.
    pub kind: String,
    /// The year.
    pub year: i32,
    /// 年度目标 as published: `87.0亿元`, `7.5%`.
    pub target_text: String,
    /// 责任单位.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// 分管领导.
    pub leader_id: Option<i64>,
    /// Their name.
    pub leader: String,
    /// The task force that owns it.
    pub task_force_id: Option<i64>,
    /// Light code.
    pub light: String,
    /// Light name in the reader's language.
    pub light_name: String,
    /// Why, in the published words.
    pub sentence: String,
    /// The latest month with an accepted figure, `2020-06`, or empty.
    pub latest_month: String,
    /// The figures and the target's trajectory, for the sparkline.
    pub spark: Spark,
    /// Figures of it waiting for the office.
    pub waiting: usize,
    /// The reader enters its figures.
    pub mine: bool,
}

/// The dashboard's filters.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The year (`0`: the latest with indicators).
    pub year: i32,
    /// 分管领导.
    pub leader: Option<i64>,
    /// 责任单位.
    pub unit: Option<i64>,
    /// A light code.
    pub light: String,
    /// A task force.
    pub task_force: Option<i64>,
}

/// The measure an indicator's figures are written in.
pub fn measure_of(i: &Indicator) -> Measure<'_> {
    Measure {
        unit: &i.measure,
        decimals: u32::try_from(i.decimals).unwrap_or(1),
        direction: luoshi_lights::read_indicator(i).direction,
        growth: Measure::growth_named(&i.name),
    }
}

/// A figure of `i` in its measure: `45.3亿元`, a rate `6.3%`.
pub fn figure_text(i: &Indicator, f: Figure) -> String {
    let m = measure_of(i);
    if luoshi_lights::read_indicator(i).kind == Kind::Rate {
        format!("{}%", f.text(m.decimals.max(1)))
    } else {
        format!("{}{}", f.text(m.decimals), m.unit)
    }
}

/// Figures by month (1 = January).
pub type ByMonth = Vec<(u32, Figure)>;

/// The accepted figures of `i` from `all` by month, and last year's in the judged measure.
pub fn lines_of(i: &Indicator, all: &[Actual]) -> (ByMonth, ByMonth) {
    let mine = all.iter().filter(|a| a.indicator_id == i.id);
    let mut actual = Vec::new();
    let mut last = Vec::new();
    for a in mine {
        let Some(m) = Month::parse(&a.month).filter(|m| m.year == i.year) else {
            continue;
        };
        if let Some(v) = a.accepted {
            actual.push((m.month, Figure(v)));
        }
        // Last year's figure is in the judged measure unless the rate is computed from amounts.
        if let Some(ly) = a.last_year.filter(|_| !i.computed) {
            last.push((m.month, Figure(ly)));
        }
    }
    (actual, last)
}

/// The year the dashboard shows when none is asked: this year if it has indicators, else the
/// latest that has.
pub async fn year_of(state: &AppState, reader: &Reader, asked: i32) -> AppResult<i32> {
    if asked > 0 {
        return Ok(asked);
    }
    let this = Month::of(state.clock.today()).year;
    let mut c = state.store.conn().await?;
    let years = luoshi_store::indicator::years(&mut c, reader.region).await?;
    Ok(if years.contains(&this) {
        this
    } else {
        years.first().copied().unwrap_or(this)
    })
}

/// The dashboard's rows: the indicators of the year this reader may see, chosen by `filter`.
pub async fn dashboard(state: &AppState, reader: &Reader, filter: &Filter, lang: Lang) -> AppResult<Vec<IndicatorRow>> {
    let today = state.clock.today();
    state
        .judged_days
        .ensure(&state.store, reader.region, luoshi_lights::Judged::Indicators, today)
        .await?;
    let year = year_of(state, reader, filter.year).await?;
    let mut c = state.store.conn().await?;
    let indicators = reader.indicators(&mut c, year).await?;
    let states: HashMap<i64, luoshi_store::indicator_state::IndicatorState> =
        luoshi_store::indicator_state::states(&mut c, reader.region)
            .await?
            .into_iter()
            .map(|s| (s.indicator_id, s))
            .collect();
    let all = luoshi_store::indicator_actual::of_year(&mut c, reader.region, year, 0).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let mut rows = Vec::new();
    for i in indicators.iter().filter(|i| {
        filter.leader.is_none_or(|l| i.leader_id == Some(l))
            && filter.unit.is_none_or(|u| i.unit_id == u)
            && filter.task_force.is_none_or(|f| i.task_force_id == Some(f))
    }) {
        let row = row_of(i, states.get(&i.id), &all, &dir, reader, lang);
        if filter.light.is_empty() || row.light == filter.light {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// One indicator as a row.
pub fn row_of(
    i: &Indicator,
    st: Option<&luoshi_store::indicator_state::IndicatorState>,
    all: &[Actual],
    dir: &Directory,
    reader: &Reader,
    lang: Lang,
) -> IndicatorRow {
    let r = luoshi_lights::read_indicator(i);
    let verdict = st.and_then(|s| luoshi_lights::indicator_verdict(&s.light, &s.reason, &s.missing));
    let light = verdict.as_ref().map(|v| v.light).unwrap_or(Light::Green);
    let (actual, last_year) = lines_of(i, all);
    let lines = Lines {
        kind: r.kind,
        target: r.target,
        profile: &r.profile,
        year: i.year,
        actual: &actual,
        last_year: &last_year,
    };
    IndicatorRow {
        id: i.id,
        name: i.name.clone(),
        measure: i.measure.clone(),
        kind: i.kind.clone(),
        year: i.year,
        target_text: figure_text(i, r.target),
        unit_id: i.unit_id,
        unit: dir.unit_name(Some(i.unit_id)),
        leader_id: i.leader_id,
        leader: i
            .leader_id
            .and_then(|l| dir.leader(l))
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        task_force_id: i.task_force_id,
        light: light.code().to_string(),
        light_name: light.name(lang).to_string(),
        sentence: verdict.map(|v| v.explain(&measure_of(i), lang)).unwrap_or_default(),
        latest_month: actual
            .last()
            .and_then(|(m, _)| Month::new(i.year, *m))
            .map(Month::code)
            .unwrap_or_default(),
        spark: spark(&lines),
        waiting: all
            .iter()
            .filter(|a| a.indicator_id == i.id && a.status == "submitted")
            .count(),
        mine: reader.enters_figures(i),
    }
}

/// A line of the half-way table (双过半).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HalfWayLine {
    /// The indicator.
    pub id: i64,
    /// 指标名称.
    pub name: String,
    /// 年度目标.
    pub target_text: String,
    /// The month's figure, or empty when it has none accepted.
    pub actual_text: String,
    /// Share of the target (amounts), `52.1%`.
    pub share_text: String,
    /// Time progress by the indicator's profile (amounts), `50.0%`.
    pub progress_text: String,
    /// 时间过半.
    pub time_half: bool,
    /// 任务过半.
    pub task_half: bool,
    /// 双过半.
    pub both: bool,
    /// The published sentence.
    pub sentence: String,
    /// 责任单位.
    pub unit: String,
}

/// The half-way table for `month` of the reader's indicators.
pub async fn half_way_table(
    state: &AppState,
    reader: &Reader,
    month: Month,
    lang: Lang,
) -> AppResult<Vec<HalfWayLine>> {
    let mut c = state.store.conn().await?;
    let indicators = reader.indicators(&mut c, month.year).await?;
    let all = luoshi_store::indicator_actual::of_year(&mut c, reader.region, month.year, 0).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let code = month.code();
    Ok(indicators
        .iter()
        .map(|i| {
            let r = luoshi_lights::read_indicator(i);
            let row = all.iter().find(|a| a.indicator_id == i.id && a.month == code);
            let accepted = row.and_then(|a| a.accepted).map(Figure);
            let hw = accepted.map(|v| half_way(r.kind, r.direction, r.target, &r.profile, month, v));
            let sentence = match accepted {
                Some(value) => sentence(
                    &compare(r.kind, r.direction, r.target, &r.profile, Latest { month, value }),
                    &measure_of(i),
                    lang,
                ),
                // No figure accepted for the month: where it stands.
                None => match row.map(|a| a.status.as_str()) {
                    Some("submitted") => lang.pick("已报送，待审核", "Entered, waiting for review"),
                    Some("returned") => lang.pick("已退回，待重报", "Returned, to be entered again"),
                    _ => lang.pick("未报送", "Not reported"),
                }
                .to_string(),
            };
            HalfWayLine {
                id: i.id,
                name: i.name.clone(),
                target_text: figure_text(i, r.target),
                actual_text: accepted.map(|v| figure_text(i, v)).unwrap_or_default(),
                share_text: hw
                    .and_then(|h| h.share)
                    .map(|s| format!("{}%", s.text()))
                    .unwrap_or_default(),
                progress_text: hw
                    .and_then(|h| h.progress)
                    .map(|s| format!("{}%", s.text()))
                    .unwrap_or_default(),
                time_half: month.month >= 6,
                task_half: hw.is_some_and(|h| h.task_half),
                both: hw.is_some_and(|h| h.both()),
                sentence,
                unit: dir.unit_name(Some(i.unit_id)),
            }
        })
        .collect())
}
