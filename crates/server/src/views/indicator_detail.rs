//! An indicator's page as pages and the API show it: its record, its light with the published
//! sentence, the monthly chart (accepted figures, the target's trajectory, last year), each
//! month's figure with its state and its comparison, the light's history by month, and the
//! months its responsible unit may enter.

use luoshi_domain::{
    Lang,
    indicator::{
        ActualStatus, Direction, Figure, Frequency, Kind, Source, judge::Latest, judge::compare, words::sentence,
    },
    project::Month,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::indicator::{IndicatorRow, figure_text, lines_of, measure_of, row_of};
use super::indicator_chart::{IndicatorChart, Lines, chart};
use crate::{AppState, access::Reader, directory::Directory, error::AppResult};

/// A month's figure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FigureLine {
    /// Its id.
    pub id: i64,
    /// `2020-06`.
    pub month: String,
    /// `2020年6月`.
    pub month_text: String,
    /// As entered.
    pub value_text: String,
    /// Last year's same period, as entered.
    pub last_year_text: String,
    /// The rate computed from the amounts, when it is.
    pub rate_text: String,
    /// `submitted`, `accepted`, `returned`.
    pub status: String,
    /// Its name.
    pub status_name: String,
    /// The accepted figure compared, in the published words (empty until accepted).
    pub sentence: String,
    /// The unit's note.
    pub note: String,
    /// The office's note.
    pub review_note: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// A month of the light's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryLine {
    /// `2020年6月`.
    pub month_text: String,
    /// Light code.
    pub light: String,
    /// Its name.
    pub light_name: String,
    /// Why.
    pub sentence: String,
}

/// An indicator's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorDetail {
    /// The dashboard's row of it.
    pub row: IndicatorRow,
    /// 累计值 / 增速.
    pub kind_name: String,
    /// 越高越好 / 越低越好.
    pub direction_name: String,
    /// 月度 / 季度.
    pub frequency_name: String,
    /// 统计部门 / 责任单位.
    pub source_name: String,
    /// 序时进度's profile, named.
    pub profile_name: String,
    /// As the form shows it.
    pub profile_code: String,
    /// A rate computed from this year's and last year's amounts.
    pub computed: bool,
    /// Decimals shown.
    pub decimals: i32,
    /// Shown on the public site.
    pub public: bool,
    /// The plan task that drives it: id and title.
    pub task: Option<(i64, String)>,
    /// The task force that owns it: id and name.
    pub task_force: Option<(i64, String)>,
    /// Each month's figure.
    pub figures: Vec<FigureLine>,
    /// The light by month, the latest first.
    pub history: Vec<HistoryLine>,
    /// The chart.
    pub chart: IndicatorChart,
    /// The months the responsible unit may enter (code, words), the first owed first.
    pub months: Vec<(String, String)>,
    /// The indicator's version (for the office's edit).
    pub version: i64,
}

/// Indicator `id` as this reader may see it.
pub async fn detail(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<IndicatorDetail> {
    let today = state.clock.today();
    state
        .judged_days
        .ensure(&state.store, reader.region, luoshi_lights::Judged::Indicators, today)
        .await?;
    let mut c = state.store.conn().await?;
    let i = reader.indicator(&mut c, id).await?;
    let all = luoshi_store::indicator_actual::of_indicator(&mut c, reader.region, id).await?;
    let st = luoshi_store::indicator_state::state(&mut c, reader.region, id).await?;
    let history = luoshi_store::indicator_state::history(&mut c, reader.region, id).await?;
    let task = match i.task_id {
        Some(t) => luoshi_store::task::task(&mut c, reader.region, t)
            .await?
            .map(|t| (t.id, t.title)),
        None => None,
    };
    let task_force = match i.task_force_id {
        Some(f) => luoshi_store::task_force::force(&mut c, reader.region, f)
            .await?
            .map(|f| (f.id, f.name)),
        None => None,
    };
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let r = luoshi_lights::read_indicator(&i);
    let m = measure_of(&i);
    let figures = all
        .iter()
        .map(|a| {
            let month = Month::parse(&a.month);
            let status = ActualStatus::parse(&a.status);
            FigureLine {
                id: a.id,
                month: a.month.clone(),
                month_text: month.map(|m| m.text(lang)).unwrap_or_default(),
                value_text: if i.computed {
                    format!("{}{}", Figure(a.value).text(m.decimals), i.measure)
                } else {
                    figure_text(&i, Figure(a.value))
                },
                last_year_text: a
                    .last_year
                    .map(|l| {
                        if i.computed {
                            format!("{}{}", Figure(l).text(m.decimals), i.measure)
                        } else {
                            figure_text(&i, Figure(l))
                        }
                    })
                    .unwrap_or_default(),
                rate_text: if i.computed {
                    format!("{}%", Figure(a.judged).tenths().text())
                } else {
                    String::new()
                },
                status: a.status.clone(),
                status_name: status.map(|s| s.name(lang).to_string()).unwrap_or_default(),
                sentence: match (month, a.accepted) {
                    (Some(month), Some(v)) => sentence(
                        &compare(
                            r.kind,
                            r.direction,
                            r.target,
                            &r.profile,
                            Latest {
                                month,
                                value: Figure(v),
                            },
                        ),
                        &m,
                        lang,
                    ),
                    _ => String::new(),
                },
                note: a.note.clone(),
                review_note: a.review_note.clone(),
                version: a.version,
            }
        })
        .collect();
    let history = history
        .iter()
        .map(|h| {
            let v = luoshi_lights::indicator_verdict(&h.light, &h.reason, &h.missing);
            HistoryLine {
                month_text: Month::parse(&h.month).map(|m| m.text(lang)).unwrap_or_default(),
                light: h.light.clone(),
                light_name: v.as_ref().map(|v| v.light.name(lang).to_string()).unwrap_or_default(),
                sentence: v.map(|v| v.explain(&m, lang)).unwrap_or_default(),
            }
        })
        .collect();
    let (actual, last_year) = lines_of(&i, &all);
    let drawn = chart(
        &Lines {
            kind: r.kind,
            target: r.target,
            profile: &r.profile,
            year: i.year,
            actual: &actual,
            last_year: &last_year,
        },
        &m,
        lang,
    );
    // The months to enter: every month of the year up to this one that the frequency asks for.
    let now = Month::of(today);
    let entered: Vec<Month> = all
        .iter()
        .filter(|a| a.status != "returned")
        .filter_map(|a| Month::parse(&a.month))
        .collect();
    let open: Vec<Month> = (1..=12)
        .filter_map(|mo| Month::new(i.year, mo))
        .filter(|mo| *mo <= now && r.frequency.reports_in(mo.month))
        .collect();
    // The first month not entered first (the form opens on it), then every one, latest first.
    let first = open.iter().copied().find(|mo| !entered.contains(mo));
    let months: Vec<Month> = first
        .into_iter()
        .chain(open.iter().rev().copied().filter(|mo| Some(*mo) != first))
        .collect();
    Ok(IndicatorDetail {
        row: row_of(&i, st.as_ref(), &all, &dir, reader, lang),
        kind_name: r.kind.name(lang).to_string(),
        direction_name: r.direction.name(lang).to_string(),
        frequency_name: r.frequency.name(lang).to_string(),
        source_name: Source::parse(&i.source)
            .map(|s| s.name(lang))
            .unwrap_or_default()
            .to_string(),
        profile_name: r.profile.name(lang).to_string(),
        profile_code: r.profile.code(),
        computed: i.computed,
        decimals: i.decimals,
        public: i.public,
        task,
        task_force,
        figures,
        history,
        chart: drawn,
        months: months.iter().map(|mo| (mo.code(), mo.text(lang))).collect(),
        version: i.version,
    })
}

/// The closed lists an indicator's form offers, in `lang`.
pub fn choices(lang: Lang) -> Choices {
    Choices {
        kinds: Kind::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
        directions: Direction::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
        frequencies: Frequency::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
        sources: Source::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
    }
}

/// The closed lists an indicator's form offers: code and name.
#[derive(Debug, Clone)]
pub struct Choices {
    /// Kinds.
    pub kinds: Vec<(&'static str, &'static str)>,
    /// Directions.
    pub directions: Vec<(&'static str, &'static str)>,
    /// Frequencies.
    pub frequencies: Vec<(&'static str, &'static str)>,
    /// Sources.
    pub sources: Vec<(&'static str, &'static str)>,
}
