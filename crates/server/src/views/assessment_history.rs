//! A unit's scores over the periods (its history on its breakdown and its unit page) and the
//! spread of a group's scores (the distribution on a scheme's page), drawn by the server.

use luoshi_domain::{
    Lang,
    assessment::{Grade, points_text, scheme::PeriodKind},
};
use luoshi_store::assessment::{self as store, StoredScheme};
use serde::Serialize;
use utoipa::ToSchema;

use super::assessment::{row, sees_ranking, sees_unit};
use crate::{AppState, access::Reader, directory::Directory, error::AppResult};

/// The bands of a distribution: (from, to) in hundredths, to exclusive.
const BANDS: [(i64, i64); 8] = [
    (i64::MIN, 6_000),
    (6_000, 7_000),
    (7_000, 8_000),
    (8_000, 8_500),
    (8_500, 9_000),
    (9_000, 9_500),
    (9_500, 10_000),
    (10_000, i64::MAX),
];

/// How `totals` spread over the bands, with a sentence and a chart.
pub(super) fn distribution(totals: &[i64], group: &str, lang: Lang) -> (Vec<(String, usize)>, String, String) {
    let bands: Vec<(String, usize)> = BANDS
        .iter()
        .map(|(from, to)| {
            let label = match (*from, *to) {
                (i64::MIN, t) => format!("<{}", t / 100),
                (f, i64::MAX) => format!("≥{}", f / 100),
                (f, t) => format!("{}–{}", points_text(f, false), points_text(t, false)),
            };
            (label, totals.iter().filter(|x| (*from..*to).contains(*x)).count())
        })
        .collect();
    let summary = match (totals.iter().max(), totals.iter().min()) {
        (Some(hi), Some(lo)) => {
            let mean = (totals.iter().sum::<i64>() as f64 / totals.len() as f64).round() as i64;
            let (hi, lo, mean) = (
                points_text(*hi, false),
                points_text(*lo, false),
                points_text(mean, false),
            );
            match lang {
                Lang::Zh => format!("最高{hi}分，最低{lo}分，平均{mean}分"),
                Lang::En => format!("Highest {hi}, lowest {lo}, mean {mean}"),
            }
        }
        _ => String::new(),
    };
    let bars: Vec<super::chart::Bar> = bands
        .iter()
        .map(|(label, n)| super::chart::Bar {
            label: label.clone(),
            value: *n as f64,
            text: n.to_string(),
            class: "",
            href: None,
        })
        .collect();
    let title = match lang {
        Lang::Zh => format!("{group}得分分布（单位数）"),
        Lang::En => format!("{group}: units by score"),
    };
    let chart = super::chart::bars(&title, &bars);
    (bands, summary, chart)
}

/// A unit's score under one scheme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryRow {
    /// The scheme.
    pub scheme_id: i64,
    /// Its name.
    pub scheme: String,
    /// Its period in words.
    pub period_text: String,
    /// Its period in short (`2020上半年`, `2020Q3`).
    pub period_short: String,
    /// Open or closed, in words.
    pub status_name: String,
    /// The total (hundredths).
    pub total: i64,
    /// The total in words.
    pub total_text: String,
    /// `3/25` when the viewer sees the ranking, else empty.
    pub place_text: String,
    /// The grade in words.
    pub grade_name: String,
}

/// `unit`'s scores under every scheme as last judged, for its page (empty when `reader` may
/// not open its breakdowns): the unit page does not judge open schemes again — that can take
/// seconds on a large city — opening a score does.
pub async fn unit_scores(state: &AppState, reader: &Reader, unit: i64, lang: Lang) -> AppResult<Vec<HistoryRow>> {
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    if !sees_unit(reader, &dir, unit) {
        return Ok(Vec::new());
    }
    history(&mut c, reader, unit, lang).await
}

/// A scheme's period in short, by its end: `2020上半年`, `2020Q3`, `2020年`.
fn short_period(s: &StoredScheme, lang: Lang) -> String {
    use chrono::Datelike;
    let (y, m) = (s.period_to.year(), s.period_to.month());
    match (PeriodKind::parse(&s.kind), lang) {
        (Some(PeriodKind::Quarter), _) => format!("{y}Q{}", m.div_ceil(3)),
        (Some(PeriodKind::HalfYear), Lang::Zh) => format!("{y}{}", if m <= 6 { "上半年" } else { "下半年" }),
        (Some(PeriodKind::HalfYear), Lang::En) => format!("{y} H{}", if m <= 6 { 1 } else { 2 }),
        (_, Lang::Zh) => format!("{y}年"),
        (_, Lang::En) => y.to_string(),
    }
}

/// `unit`'s scores under every scheme of the region, the latest first (the caller has checked
/// that the reader may open the unit's breakdown).
pub(super) async fn history(
    c: &mut luoshi_store::Conn,
    reader: &Reader,
    unit: i64,
    lang: Lang,
) -> AppResult<Vec<HistoryRow>> {
    let mut out = Vec::new();
    for s in store::schemes(c, reader.region).await? {
        let Some(x) = store::scores(c, reader.region, s.id)
            .await?
            .into_iter()
            .find(|x| x.unit_id == unit)
        else {
            continue;
        };
        let r = row(&s, lang);
        out.push(HistoryRow {
            scheme_id: s.id,
            scheme: r.name,
            period_text: r.period_text,
            period_short: short_period(&s, lang),
            status_name: r.status_name,
            total: x.total,
            total_text: points_text(x.total, false),
            place_text: if sees_ranking(reader, &s.visibility) {
                format!("{}/{}", x.place, x.ranked)
            } else {
                String::new()
            },
            grade_name: Grade::parse(&x.grade)
                .map(|g| g.name(lang))
                .unwrap_or_default()
                .to_string(),
        });
    }
    Ok(out)
}
