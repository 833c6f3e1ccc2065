//! A task's detail as its page and the API show it, loaded through the access layer: the task
//! with its plan, reports, notes, files, requests and history, less what the viewer may not see.

use luoshi_store::report;

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    views::{TaskDetail, records::TaskData},
};

/// Loads a task page's data through the access layer (shared with the API).
pub async fn detail(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<TaskDetail> {
    Ok(detail_and_board(state, viewer, id, true).await?.0)
}

/// The task's detail and the part of its plan's board it shows; `plan_counts` says whether the
/// plan's summary carries its light counts and progress (the API's does; the page shows only
/// the plan's title and link).
pub async fn detail_and_board(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    plan_counts: bool,
) -> AppResult<(TaskDetail, luoshi_lights::PlanBoard)> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let board = reader.task_board(&mut conn, id, today).await?;
    let region = viewer.region();
    let data = TaskData {
        reports: report::reports_of_task(&mut conn, region, id).await?,
        notes: report::notes_of_task(&mut conn, region, id).await?,
        evidence: luoshi_store::evidence::evidence_of_task(&mut conn, region, id).await?,
        requests: luoshi_store::request::requests_of_task(&mut conn, region, id).await?,
        events: luoshi_store::event::events_of_task(&mut conn, region, id).await?,
        snapshots: luoshi_store::snapshot::snapshots_of_task(&mut conn, region, id).await?,
        names: luoshi_store::user::names_in_history(&mut conn, region, id)
            .await?
            .into_iter()
            .collect(),
    };
    let mut data = data;
    if !crate::access::task::sees_drafts(viewer, &board, id) {
        data.reports.retain(|r| r.status != luoshi_domain::ReportStatus::Draft);
        let shown: std::collections::HashSet<i64> = data.reports.iter().map(|r| r.id).collect();
        data.evidence.retain(|e| shown.contains(&e.report_id));
        data.events.retain(|e| {
            !matches!(
                e.kind.as_str(),
                "report.saved" | "evidence.attached" | "evidence.deleted"
            )
        });
    }
    let dir = Directory::cached(&state.directories, &mut conn, region).await?;
    let plan = if plan_counts {
        crate::views::plan::summaries(
            &reader,
            &state.boards,
            &mut conn,
            viewer.lang(),
            Some(&board.plan),
            state.clock.today(),
        )
        .await?
        .pop()
        .ok_or(AppError::NotFound)?
    } else {
        crate::views::PlanSummary::new(
            &board.plan,
            &luoshi_lights::PlanBoard::empty(board.plan.clone()),
            viewer.lang(),
        )
    };
    let mut d = TaskDetail::new(&board, plan, id, &data, &dir, viewer.lang(), today, |t| reader.sees(t))
        .ok_or(AppError::NotFound)?;
    // The task force that owns it, if one does.
    if let Some((_, force, leads)) = luoshi_store::task_force::owned_tasks(&mut conn, region)
        .await?
        .into_iter()
        .find(|t| t.0 == id)
        && let Some(f) = luoshi_store::task_force::force(&mut conn, region, force).await?
    {
        d.task_force = Some((f.id, f.name, leads));
    }
    // The key projects that belong to the task ("加快推进三级重点工程建设").
    for p in luoshi_store::project_lookup::projects_of_task(&mut conn, region, id).await? {
        if !reader.sees_project(&p) {
            continue;
        }
        let st = luoshi_store::project_state::state(&mut conn, region, p.id).await?;
        let (light, light_name, warning) = crate::views::project::warning_of(st.as_ref(), viewer.lang());
        d.projects.push(crate::views::task::TaskProject {
            id: p.id,
            name: p.name,
            light,
            light_name,
            warning,
        });
    }
    Ok((d, board))
}
