//! Key projects in the queues everyone already works from: the monthly reports waiting in the
//! office's review queue, and in a unit's inbox the months its projects owe, the reports the
//! office returned and the coordination issues it must answer.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Lang, fmt_date, project::Month, project::Wan, project::owed};
use luoshi_store::Conn;
use serde::Serialize;
use utoipa::ToSchema;

use super::{instant_text, project::month_text, project_detail::IssueOut};
use crate::{access::Reader, directory::Directory, error::AppResult};

/// A monthly report waiting for the office.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectReviewItem {
    /// The report.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// Its name.
    pub project_name: String,
    /// The responsible unit.
    pub unit: String,
    /// `2020年6月`.
    pub month_text: String,
    /// 本月完成投资, 万元.
    pub invested_text: String,
    /// 形象进度.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// Why a figure was corrected (empty when it was not).
    pub correction_reason: String,
    /// When sent, in words.
    pub submitted_at_text: String,
    /// The version, for deciding.
    pub version: i64,
}

/// The monthly reports waiting for the office, the earliest sent first.
pub async fn waiting(conn: &mut Conn, region: i64, dir: &Directory, lang: Lang) -> AppResult<Vec<ProjectReviewItem>> {
    let reports = luoshi_store::project_report::to_review(conn, region, 500).await?;
    let names: HashMap<i64, String> = luoshi_store::project::projects(conn, region)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(reports
        .into_iter()
        .map(|r| ProjectReviewItem {
            id: r.id,
            project_id: r.project_id,
            project_name: names.get(&r.project_id).cloned().unwrap_or_default(),
            unit: dir.unit_name(Some(r.unit_id)),
            month_text: month_text(&r.month, lang),
            invested_text: Wan(r.invested).wan_text(),
            progress: r.progress,
            problems: r.problems,
            correction_reason: r.correction_reason,
            submitted_at_text: instant_text(Some(r.submitted_at), lang),
            version: r.version,
        })
        .collect())
}

/// A month a unit's project owes, or a report of it the office returned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectOwedItem {
    /// The project.
    pub project_id: i64,
    /// Its name.
    pub project_name: String,
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
    /// The office's note on a returned report.
    pub review_note: String,
}

/// What `reader`'s unit owes on its projects on `today`: months missing first.
pub async fn owed_by_unit(
    conn: &mut Conn,
    reader: &Reader,
    lang: Lang,
    today: NaiveDate,
) -> AppResult<Vec<ProjectOwedItem>> {
    let Some(unit) = reader.unit() else {
        return Ok(Vec::new());
    };
    let rows = luoshi_store::project_state::owed_by_unit(conn, reader.region, unit).await?;
    let returned: Vec<(i64, &str)> = rows
        .iter()
        .filter(|r| !r.month.is_empty())
        .map(|r| (r.project_id, r.month.as_str()))
        .collect();
    let mut items = Vec::new();
    for r in &rows {
        if !r.month.is_empty() {
            let due = Month::parse(&r.month).map(owed::due_of).unwrap_or(today);
            items.push(ProjectOwedItem {
                project_id: r.project_id,
                project_name: r.name.clone(),
                month_text: month_text(&r.month, lang),
                month: r.month.clone(),
                due,
                due_text: fmt_date(due, lang),
                state: "returned".into(),
                state_name: lang.pick("被退回", "Returned").into(),
                review_note: r.note.clone(),
            });
            continue;
        }
        for (m, missing) in luoshi_lights::decode_owed(&r.owed) {
            // A month the office returned is listed once, as returned.
            if returned.contains(&(r.project_id, m.code().as_str())) {
                continue;
            }
            let due = owed::due_of(m);
            items.push(ProjectOwedItem {
                project_id: r.project_id,
                project_name: r.name.clone(),
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
    items.sort_by_key(|i| (i.state != "missing", i.due, i.project_id));
    Ok(items)
}

/// The coordination issues `reader`'s unit must answer, the earliest deadline first.
pub async fn issues_to_answer(
    conn: &mut Conn,
    reader: &Reader,
    dir: &Directory,
    lang: Lang,
    today: NaiveDate,
) -> AppResult<Vec<IssueOut>> {
    let Some(unit) = reader.unit() else {
        return Ok(Vec::new());
    };
    Ok(luoshi_store::project_issue::open_for_unit(conn, reader.region, unit)
        .await?
        .iter()
        .map(|i| super::project_detail::issue_out(i, dir, reader, today, lang))
        .collect())
}
