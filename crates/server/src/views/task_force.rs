//! Task forces (专班) as pages and the API show them: the list with what each owns, and a task
//! force's page — its record and units, the tasks it owns (those it leads marked) with their
//! lights, its key projects with their warnings, its indicators with theirs, its own meetings'
//! decisions (the tasks it owns from meeting minutes), and each member unit's activity on them.

use std::collections::HashMap;

use luoshi_domain::{Lang, fmt_date, task::PlanKind, task_force::ForceStatus};
use luoshi_store::task_force::TaskForce;
use serde::Serialize;
use utoipa::ToSchema;

use super::indicator::{IndicatorRow, row_of};
use crate::{AppState, access::Reader, directory::Directory, error::AppResult};

/// A task force as a row of the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForceRow {
    /// Its id.
    pub id: i64,
    /// 专班名称.
    pub name: String,
    /// 牵头领导.
    pub leader: String,
    /// 牵头单位.
    pub lead_unit: String,
    /// `active` or `ended`.
    pub status: String,
    /// Its name.
    pub status_name: String,
    /// 成立日期, in words.
    pub established: String,
    /// How many tasks, projects and indicators it owns.
    pub counts: (usize, usize, usize),
}

/// A task owned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwnedTask {
    /// The task.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its lead unit.
    pub lead_unit: String,
    /// The task force leads it.
    pub leads: bool,
    /// Light code.
    pub light: String,
    /// Light name.
    pub light_name: String,
    /// Progress, percent.
    pub progress: i64,
    /// The plan it is from.
    pub plan: String,
}

/// A key project owned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwnedProject {
    /// The project.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its responsible unit.
    pub unit: String,
    /// Warning light code (empty until judged).
    pub light: String,
    /// Light name.
    pub light_name: String,
}

/// A member unit's activity on what the task force owns.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberActivity {
    /// The unit.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// The leading unit.
    pub leads: bool,
    /// Tasks it leads.
    pub tasks: usize,
    /// Its latest report on them, in words (empty: none).
    pub latest_report: String,
    /// Projects it answers for.
    pub projects: usize,
    /// Indicators it reports.
    pub indicators: usize,
}

/// A meeting's decisions owned by the task force.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingDecisions {
    /// The plan (meeting minutes).
    pub plan_id: i64,
    /// Its title.
    pub title: String,
    /// When held, in words.
    pub held: String,
    /// Its tasks owned.
    pub tasks: Vec<OwnedTask>,
}

/// A task force's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForceDetail {
    /// The list's row of it.
    pub row: ForceRow,
    /// 工作职责.
    pub purpose: String,
    /// 工作期限, in words (empty: open-ended).
    pub term_end: String,
    /// Its units: leading first.
    pub units: Vec<(i64, String)>,
    /// Tasks owned.
    pub tasks: Vec<OwnedTask>,
    /// Key projects owned.
    pub projects: Vec<OwnedProject>,
    /// Indicators owned.
    pub indicators: Vec<IndicatorRow>,
    /// Its meetings' decisions.
    pub meetings: Vec<MeetingDecisions>,
    /// Each unit's activity.
    pub activity: Vec<MemberActivity>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// 牵头领导's id.
    pub leader_id: Option<i64>,
    /// 牵头单位's id.
    pub lead_unit_id: i64,
    /// 成立日期.
    pub established_on: chrono::NaiveDate,
    /// End of term.
    pub term_end_on: Option<chrono::NaiveDate>,
}

fn row(f: &TaskForce, dir: &Directory, counts: (usize, usize, usize), lang: Lang) -> ForceRow {
    ForceRow {
        id: f.id,
        name: f.name.clone(),
        leader: f
            .leader_id
            .and_then(|l| dir.leader(l))
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        lead_unit: dir.unit_name(Some(f.lead_unit_id)),
        status: f.status.clone(),
        status_name: ForceStatus::parse(&f.status)
            .map(|s| s.name(lang))
            .unwrap_or_default()
            .to_string(),
        established: fmt_date(f.established_on, lang),
        counts,
    }
}

/// The task forces this reader may see.
pub async fn list(state: &AppState, reader: &Reader, lang: Lang) -> AppResult<Vec<ForceRow>> {
    let mut c = state.store.conn().await?;
    let forces = reader.task_forces(&mut c).await?;
    let tasks = luoshi_store::task_force::owned_tasks(&mut c, reader.region).await?;
    let projects = luoshi_store::task_force::owned_projects(&mut c, reader.region).await?;
    let indicators = luoshi_store::indicator::indicators(&mut c, reader.region, 0).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(forces
        .iter()
        .map(|f| {
            let counts = (
                tasks.iter().filter(|t| t.1 == f.id).count(),
                projects.iter().filter(|p| p.1 == f.id).count(),
                indicators.iter().filter(|i| i.task_force_id == Some(f.id)).count(),
            );
            row(f, &dir, counts, lang)
        })
        .collect())
}

/// Task force `id` as this reader may see it.
pub async fn detail(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<ForceDetail> {
    let today = state.clock.today();
    for what in [luoshi_lights::Judged::Projects, luoshi_lights::Judged::Indicators] {
        state
            .judged_days
            .ensure(&state.store, reader.region, what, today)
            .await?;
    }
    let mut c = state.store.conn().await?;
    let f = reader.task_force(&mut c, id).await?;
    let members: Vec<i64> = luoshi_store::task_force::members(&mut c, reader.region)
        .await?
        .into_iter()
        .filter(|(fid, _)| *fid == id)
        .map(|(_, u)| u)
        .collect();
    let owned: Vec<(i64, bool)> = luoshi_store::task_force::owned_tasks(&mut c, reader.region)
        .await?
        .into_iter()
        .filter(|t| t.1 == id)
        .map(|t| (t.0, t.2))
        .collect();
    let task_rows =
        luoshi_store::task::tasks_by_ids(&mut c, reader.region, &owned.iter().map(|t| t.0).collect::<Vec<_>>()).await?;
    let states: HashMap<i64, luoshi_store::state::TaskState> =
        luoshi_store::state::of_tasks(&mut c, reader.region, owned.iter().map(|t| t.0))
            .await?
            .into_iter()
            .map(|s| (s.task_id, s))
            .collect();
    let mut plans = HashMap::new();
    for t in &task_rows {
        if !plans.contains_key(&t.plan_id)
            && let Some(p) = luoshi_store::plan::plan(&mut c, reader.region, t.plan_id).await?
        {
            plans.insert(t.plan_id, p);
        }
    }
    let project_ids: Vec<i64> = luoshi_store::task_force::owned_projects(&mut c, reader.region)
        .await?
        .into_iter()
        .filter(|p| p.1 == id)
        .map(|p| p.0)
        .collect();
    let all_projects = luoshi_store::project::projects(&mut c, reader.region).await?;
    let warnings: HashMap<i64, String> = luoshi_store::project_state::states(&mut c, reader.region)
        .await?
        .into_iter()
        .map(|s| (s.project_id, s.light))
        .collect();
    let indicators: Vec<_> = luoshi_store::indicator::indicators(&mut c, reader.region, 0)
        .await?
        .into_iter()
        .filter(|i| i.task_force_id == Some(id))
        .collect();
    let ind_states: HashMap<i64, luoshi_store::indicator_state::IndicatorState> =
        luoshi_store::indicator_state::states(&mut c, reader.region)
            .await?
            .into_iter()
            .map(|s| (s.indicator_id, s))
            .collect();
    let figures = luoshi_store::indicator_actual::of_year(&mut c, reader.region, 0, 0).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let light_name = |code: &str| {
        luoshi_domain::Light::parse(code)
            .map(|l| l.name(lang).to_string())
            .unwrap_or_default()
    };
    let tasks: Vec<OwnedTask> = task_rows
        .iter()
        .map(|t| {
            let st = states.get(&t.id);
            let light = st.map(|s| s.light.code().to_string()).unwrap_or_default();
            OwnedTask {
                id: t.id,
                title: t.title.clone(),
                lead_unit: dir.unit_name(t.lead_unit_id),
                leads: owned.iter().any(|o| o.0 == t.id && o.1),
                light_name: light_name(&light),
                light,
                progress: st.map(|s| s.progress).unwrap_or(0),
                plan: plans.get(&t.plan_id).map(|p| p.title.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let projects: Vec<OwnedProject> = all_projects
        .iter()
        .filter(|p| project_ids.contains(&p.id) && p.active)
        .map(|p| {
            let light = warnings.get(&p.id).cloned().unwrap_or_default();
            OwnedProject {
                id: p.id,
                name: p.name.clone(),
                unit: dir.unit_name(Some(p.unit_id)),
                light_name: light_name(&light),
                light,
            }
        })
        .collect();
    let mut meetings: Vec<MeetingDecisions> = Vec::new();
    for (t, row) in task_rows.iter().zip(&tasks) {
        let Some(p) = plans.get(&t.plan_id).filter(|p| p.kind == PlanKind::Meeting) else {
            continue;
        };
        match meetings.iter_mut().find(|m| m.plan_id == p.id) {
            Some(m) => m.tasks.push(row.clone()),
            None => meetings.push(MeetingDecisions {
                plan_id: p.id,
                title: p.title.clone(),
                held: fmt_date(p.issued_on, lang),
                tasks: vec![row.clone()],
            }),
        }
    }
    let mut units = vec![(f.lead_unit_id, dir.unit_name(Some(f.lead_unit_id)))];
    units.extend(
        members
            .iter()
            .filter(|u| **u != f.lead_unit_id)
            .map(|u| (*u, dir.unit_name(Some(*u)))),
    );
    let activity = units
        .iter()
        .map(|(u, name)| {
            let led: Vec<&luoshi_store::task::Task> = task_rows.iter().filter(|t| t.lead_unit_id == Some(*u)).collect();
            let latest = led
                .iter()
                .filter_map(|t| states.get(&t.id).and_then(|s| s.latest_at))
                .max()
                .map(|at| fmt_date(at.with_timezone(&crate::clock::cst()).date_naive(), lang))
                .unwrap_or_default();
            MemberActivity {
                unit_id: *u,
                unit: name.clone(),
                leads: *u == f.lead_unit_id,
                tasks: led.len(),
                latest_report: latest,
                projects: all_projects
                    .iter()
                    .filter(|p| project_ids.contains(&p.id) && p.unit_id == *u)
                    .count(),
                indicators: indicators.iter().filter(|i| i.unit_id == *u).count(),
            }
        })
        .collect();
    let indicator_rows = indicators
        .iter()
        .map(|i| row_of(i, ind_states.get(&i.id), &figures, &dir, reader, lang))
        .collect();
    Ok(ForceDetail {
        row: row(&f, &dir, (tasks.len(), projects.len(), indicators.len()), lang),
        purpose: f.purpose.clone(),
        term_end: f.term_end.map(|d| fmt_date(d, lang)).unwrap_or_default(),
        units,
        tasks,
        projects,
        indicators: indicator_rows,
        meetings,
        activity,
        version: f.version,
        leader_id: f.leader_id,
        lead_unit_id: f.lead_unit_id,
        established_on: f.established_on,
        term_end_on: f.term_end,
    })
}
