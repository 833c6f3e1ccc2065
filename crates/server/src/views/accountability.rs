//! Accountability and commendation records as pages, the API and the public site show them:
//! the office and leaders see the region's, a unit its own, the public only those marked
//! public (without the records behind them, which are not public).

use std::collections::HashMap;

use luoshi_domain::{
    Lang,
    accountability::{AccountabilityKind, Basis, bases_words, parse_bases},
    fmt_date,
};
use luoshi_store::accountability::{self as store, Accountability};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    access::Reader,
    directory::Directory,
    error::{AppError, AppResult},
};

/// A record that justifies one: its kind, id, words and page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BasisOut {
    /// `task`, `order`, `report`, `project` or `indicator`.
    pub kind: String,
    /// Its id.
    pub id: i64,
    /// In words (the task's title, 督办单 12).
    pub label: String,
    /// Its page.
    pub link: String,
}

/// An accountability or commendation record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountabilityOut {
    /// Its id.
    pub id: i64,
    /// Its version, for a change.
    pub version: i64,
    /// The unit.
    pub unit_id: i64,
    /// The unit's name.
    pub unit: String,
    /// `interview`, `criticism`, `accountability`, `praise` or `merit`.
    pub kind: String,
    /// The kind in words.
    pub kind_name: String,
    /// 通报表扬 or 记功.
    pub commendation: bool,
    /// The person named, if any.
    pub person: String,
    /// Why.
    pub reason: String,
    /// The document number.
    pub doc_no: String,
    /// The day decided, `2020-06-30`.
    pub decided_on: chrono::NaiveDate,
    /// The day in words.
    pub decided_text: String,
    /// Shown on the public site.
    pub public: bool,
    /// Confirmed from a proposal of the escalation ladder.
    pub from_proposal: bool,
    /// The records that justify it, as stored (`task:12,order:3`).
    pub records_code: String,
    /// The same in words, as a form shows them (`任务12、督办单3`).
    pub records_words: String,
    /// The records that justify it.
    pub records: Vec<BasisOut>,
}

async fn out(
    c: &mut luoshi_store::Conn,
    region: i64,
    dir: &Directory,
    rows: Vec<Accountability>,
    with_records: bool,
    lang: Lang,
) -> AppResult<Vec<AccountabilityOut>> {
    let bases: Vec<_> = rows
        .iter()
        .map(|a| parse_bases(&a.records).unwrap_or_default())
        .collect();
    let mut tasks: Vec<i64> = bases
        .iter()
        .flatten()
        .filter(|b| b.kind == Basis::Task)
        .map(|b| b.id)
        .collect();
    tasks.sort_unstable();
    tasks.dedup();
    let titles: HashMap<i64, String> = luoshi_store::task::tasks_by_ids(c, region, &tasks)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    // A report is shown on its task's page.
    let mut report_task = HashMap::new();
    for b in bases.iter().flatten().filter(|b| b.kind == Basis::Report) {
        if let Some(r) = luoshi_store::report::report(c, region, b.id).await? {
            report_task.insert(b.id, r.task_id);
        }
    }
    Ok(rows
        .into_iter()
        .zip(bases)
        .map(|(a, bases)| {
            let kind = AccountabilityKind::parse(&a.kind);
            let records = if with_records {
                bases
                    .iter()
                    .map(|b| BasisOut {
                        kind: b.kind.code().into(),
                        id: b.id,
                        label: match (b.kind, titles.get(&b.id)) {
                            (Basis::Task, Some(t)) => t.clone(),
                            _ => format!("{}{}", b.kind.name(lang), b.id),
                        },
                        link: match b.kind {
                            Basis::Task => format!("/tasks/{}", b.id),
                            Basis::Order => format!("/supervisions/{}", b.id),
                            Basis::Report => format!("/tasks/{}", report_task.get(&b.id).copied().unwrap_or(0)),
                            Basis::Project => format!("/projects/{}", b.id),
                            Basis::Indicator => format!("/indicators/{}", b.id),
                        },
                    })
                    .collect()
            } else {
                Vec::new()
            };
            AccountabilityOut {
                id: a.id,
                version: a.version,
                unit_id: a.unit_id,
                unit: dir.unit_name(Some(a.unit_id)),
                kind_name: kind.map(|k| k.name(lang)).unwrap_or_default().to_string(),
                commendation: kind.is_some_and(|k| k.is_commendation()),
                kind: a.kind,
                person: a.person,
                reason: a.reason,
                doc_no: a.doc_no,
                decided_text: fmt_date(a.decided_on, lang),
                decided_on: a.decided_on,
                public: a.public,
                from_proposal: a.escalation_id.is_some(),
                records_words: if with_records {
                    bases_words(&bases, lang)
                } else {
                    String::new()
                },
                records_code: if with_records { a.records } else { String::new() },
                records,
            }
        })
        .collect())
}

/// The records `reader` may see, newest first: the region's (or unit `unit`'s) for the
/// office and leaders, its own for a unit.
pub async fn list(
    state: &AppState,
    reader: &Reader,
    unit: Option<i64>,
    lang: Lang,
) -> AppResult<Vec<AccountabilityOut>> {
    let unit = match reader.unit() {
        Some(own) if unit.is_some_and(|u| u != own) => return Err(AppError::NotFound),
        Some(own) => Some(own),
        None => unit,
    };
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let rows = store::list(&mut c, reader.region, unit, false).await?;
    out(&mut c, reader.region, &dir, rows, true, lang).await
}

/// Record `id`, if `reader` may see it.
pub async fn one(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<AccountabilityOut> {
    let mut c = state.store.conn().await?;
    let a = store::get(&mut c, reader.region, id).await?.ok_or(AppError::NotFound)?;
    if reader.unit().is_some_and(|u| u != a.unit_id) {
        return Err(AppError::NotFound);
    }
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let mut v = out(&mut c, reader.region, &dir, vec![a], true, lang).await?;
    v.pop().ok_or(AppError::NotFound)
}

/// The records of region `region` marked public, without the records behind them.
pub async fn published(state: &AppState, region: i64, lang: Lang) -> AppResult<Vec<AccountabilityOut>> {
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    let rows = store::list(&mut c, region, None, true).await?;
    out(&mut c, region, &dir, rows, false, lang).await
}
