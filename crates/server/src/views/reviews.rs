//! The supervision office's review queue, as its page and the API show it: reports awaiting review and requests awaiting a decision.

use crate::{
    AppState, auth::Viewer, directory::Directory, error::AppResult, views::home::ReportItem, views::instant_text,
    views::records, views::records::RequestOut, views::records::TaskData,
};
use luoshi_lights::cycle_of;
use luoshi_store::{report, request};
use std::collections::HashMap;

/// The review queue (shared with the API).
pub async fn queue(state: &AppState, viewer: &Viewer) -> AppResult<(Vec<ReportItem>, Vec<(i64, String, RequestOut)>)> {
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
    let reports = reports
        .into_iter()
        .map(|r| {
            let t = tasks.get(&r.task_id);
            let cycle = t.map(cycle_of).unwrap_or(luoshi_domain::Cycle {
                kind: luoshi_domain::CycleKind::Monthly,
                due_day: 25,
            });
            ReportItem {
                report_id: r.id,
                task_id: r.task_id,
                task_title: t.map(|t| t.title.clone()).unwrap_or_default(),
                unit: dir.unit_name_on(r.unit_id, r.period),
                period_label: cycle.label(cycle.period_containing(r.period), lang),
                progress: r.progress,
                submitted_at_text: instant_text(r.submitted_at, lang),
                review_note: String::new(),
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
