//! Indicators in the queues everyone already works from: the figures waiting in the office's
//! review queue, and in a unit's inbox the months its indicators owe and the figures the
//! office returned.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{
    Lang, fmt_date,
    indicator::{Figure, owed},
    project::Month,
};
use luoshi_store::Conn;
use serde::Serialize;
use utoipa::ToSchema;

use super::{indicator::figure_text, instant_text};
use crate::{access::Reader, directory::Directory, error::AppResult};

/// A figure waiting for the office.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FigureReviewItem {
    /// The figure.
    pub id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// Its name.
    pub name: String,
    /// The responsible unit.
    pub unit: String,
    /// `2020年6月`.
    pub month_text: String,
    /// The figure judged, as published (`240.0亿元`, `6.4%`).
    pub value_text: String,
    /// The figure accepted before, when this corrects it.
    pub accepted_text: String,
    /// The unit's note.
    pub note: String,
    /// When sent, in words.
    pub submitted_at_text: String,
    /// The version, for deciding.
    pub version: i64,
}

/// The figures waiting for the office, the earliest entered first.
pub async fn waiting(conn: &mut Conn, region: i64, dir: &Directory, lang: Lang) -> AppResult<Vec<FigureReviewItem>> {
    let rows = luoshi_store::indicator_actual::to_review(conn, region, 500).await?;
    let indicators: HashMap<i64, luoshi_store::indicator::Indicator> =
        luoshi_store::indicator::indicators(conn, region, 0)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            let i = indicators.get(&a.indicator_id)?;
            Some(FigureReviewItem {
                id: a.id,
                indicator_id: i.id,
                name: i.name.clone(),
                unit: dir.unit_name(Some(i.unit_id)),
                month_text: Month::parse(&a.month).map(|m| m.text(lang)).unwrap_or_default(),
                value_text: figure_text(i, Figure(a.judged)),
                accepted_text: a.accepted.map(|v| figure_text(i, Figure(v))).unwrap_or_default(),
                note: a.note,
                submitted_at_text: instant_text(Some(a.submitted_at), lang),
                version: a.version,
            })
        })
        .collect())
}

/// A month a unit's indicator owes, or a figure of it the office returned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FigureOwedItem {
    /// The indicator.
    pub indicator_id: i64,
    /// Its name.
    pub name: String,
    /// `2020-05`.
    pub month: String,
    /// `2020年5月`.
    pub month_text: String,
    /// Due day.
    pub due: NaiveDate,
    /// In words.
    pub due_text: String,
    /// `missing` (past due), `open` (not yet due) or `returned`.
    pub state: String,
    /// In words.
    pub state_name: String,
    /// The office's note on a returned figure.
    pub review_note: String,
}

/// What `reader`'s unit owes on its indicators on `today`: months missing first.
pub async fn owed_by_unit(
    conn: &mut Conn,
    reader: &Reader,
    lang: Lang,
    today: NaiveDate,
) -> AppResult<Vec<FigureOwedItem>> {
    let Some(unit) = reader.unit() else {
        return Ok(Vec::new());
    };
    let mine = luoshi_store::indicator::of_unit(conn, reader.region, unit).await?;
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let figures = luoshi_store::indicator_actual::of_unit(conn, reader.region, unit).await?;
    let mut items = Vec::new();
    for i in &mine {
        let r = luoshi_lights::read_indicator(i);
        let of: Vec<_> = figures.iter().filter(|a| a.indicator_id == i.id).collect();
        let entered: Vec<Month> = of
            .iter()
            .filter(|a| a.status != "returned")
            .filter_map(|a| Month::parse(&a.month))
            .collect();
        for a in of.iter().filter(|a| a.status == "returned") {
            let Some(m) = Month::parse(&a.month) else { continue };
            let due = owed::due_of(m);
            items.push(FigureOwedItem {
                indicator_id: i.id,
                name: i.name.clone(),
                month: a.month.clone(),
                month_text: m.text(lang),
                due,
                due_text: fmt_date(due, lang),
                state: "returned".into(),
                state_name: lang.pick("被退回", "Returned").into(),
                review_note: a.review_note.clone(),
            });
        }
        for (m, missing) in owed::owed_months(i.year, r.frequency, &entered, today) {
            if of.iter().any(|a| a.status == "returned" && a.month == m.code()) {
                continue;
            }
            let due = owed::due_of(m);
            items.push(FigureOwedItem {
                indicator_id: i.id,
                name: i.name.clone(),
                month: m.code(),
                month_text: m.text(lang),
                due,
                due_text: fmt_date(due, lang),
                state: if missing { "missing" } else { "open" }.into(),
                state_name: if missing {
                    lang.pick("逾期未报", "Overdue")
                } else {
                    lang.pick("待报送", "Due soon")
                }
                .into(),
                review_note: String::new(),
            });
        }
    }
    items.sort_by_key(|i| (i.state != "missing", i.due, i.indicator_id));
    Ok(items)
}
