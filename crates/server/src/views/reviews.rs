//! The supervision office's review queue, as its page and the API show it: reports awaiting review and requests awaiting a decision.

use crate::{
    AppState, auth::Viewer, directory::Directory, error::AppResult, views::home::ReportItem, views::instant_text,
    views::records, views::records::RequestOut, views::records::TaskData,
};
use luoshi_lights::cycle_of;
use luoshi_store::{report, request};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// A report waiting for the office's review, with what the office needs to decide in the list:
/// the text, the progress, the files, the task's light and how long it has waited.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewItem {
    /// The report.
    #[serde(flatten)]
    pub report: ReportItem,
    /// 工作进展.
    pub content: String,
    /// 存在问题.
    pub problems: String,
    /// 下步打算.
    pub next_steps: String,
    /// The evidence files' names.
    pub evidence: Vec<String>,
    /// The task's light code.
    pub light: String,
    /// The light in words.
    pub light_name: String,
    /// Working days it has waited since it was sent.
    pub waiting_days: i64,
    /// Whether it has waited longer than the office's rule (three working days).
    pub flagged: bool,
    /// The report's version, for deciding on it.
    pub version: i64,
}

/// The review queue (shared with the API).
pub async fn queue(state: &AppState, viewer: &Viewer) -> AppResult<(Vec<ReviewItem>, Vec<(i64, String, RequestOut)>)> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
    let reports = report::reports_to_review(&mut c, cap.region, 500).await?;
    let pending = request::requests_in_status(&mut c, cap.region, "pending", 500).await?;
    let ids: Vec<i64> = reports
        .iter()
        .map(|r| r.task_id)
        .chain(pending.iter().map(|q| q.task_id))
        .collect();
    let tasks: HashMap<i64, luoshi_store::task::Task> = luoshi_store::task::tasks_by_ids(&mut c, cap.region, &ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let ids: Vec<i64> = reports.iter().map(|r| r.id).collect();
    let mut files: HashMap<i64, Vec<String>> = HashMap::new();
    for (rid, name) in luoshi_store::evidence::names_of_reports(&mut c, cap.region, &ids).await? {
        files.entry(rid).or_default().push(name);
    }
    let lights: HashMap<i64, luoshi_domain::Light> =
        luoshi_store::state::of_tasks(&mut c, cap.region, reports.iter().map(|r| r.task_id))
            .await?
            .into_iter()
            .map(|s| (s.task_id, s.light))
            .collect();
    let calendar = luoshi_store::calendar::work_calendar(&mut c, cap.region).await?;
    let today = state.clock.today();
    let reports = reports
        .into_iter()
        .map(|r| {
            let t = tasks.get(&r.task_id);
            let cycle = t.map(cycle_of).unwrap_or(luoshi_domain::Cycle {
                kind: luoshi_domain::CycleKind::Monthly,
                due_day: 25,
            });
            let sent = r
                .submitted_at
                .map(|s| s.with_timezone(&crate::clock::cst()).date_naive())
                .unwrap_or(today);
            let waiting_days = calendar.workdays_between(sent, today);
            let light = lights.get(&r.task_id).copied().unwrap_or(luoshi_domain::Light::Green);
            ReviewItem {
                report: ReportItem {
                    report_id: r.id,
                    task_id: r.task_id,
                    task_title: t.map(|t| t.title.clone()).unwrap_or_default(),
                    unit: dir.unit_name_on(r.unit_id, r.period),
                    period_label: cycle.label(cycle.period_containing(r.period), lang),
                    progress: r.progress,
                    submitted_at_text: instant_text(r.submitted_at, lang),
                    review_note: String::new(),
                },
                evidence: files.remove(&r.id).unwrap_or_default(),
                light: light.code().to_string(),
                light_name: light.name(lang).to_string(),
                waiting_days,
                flagged: waiting_days > luoshi_domain::workflow::REVIEW_WAIT_WORKDAYS,
                version: r.version,
                content: r.content,
                problems: r.problems,
                next_steps: r.next_steps,
            }
        })
        .collect();
    let titles: Vec<(i64, String)> = pending
        .iter()
        .map(|q| {
            (
                q.task_id,
                tasks.get(&q.task_id).map(|t| t.title.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let outs = records::requests(
        &TaskData {
            requests: pending,
            ..Default::default()
        },
        &dir,
        lang,
    );
    let requests = titles
        .into_iter()
        .zip(outs)
        .map(|((id, title), q)| (id, title, q))
        .collect();
    Ok((reports, requests))
}
