//! The plan list, a plan's task tree, and its full text.

use crate::forms::{Id, Q};
use askama::Template;
use axum::{extract::State, response::Response};
use chrono::TimeZone;

use super::{layout::Layout, render, render_with_room};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{PlanSummary, PlanTree, lists::TreeFilter},
};
use luoshi_lights::BoardTask;

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    l: Layout,
    plans: Vec<PlanSummary>,
    can_create: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    l: Layout,
    t: PlanTree,
    f: TreeFilter,
    units: Vec<(i64, String, bool)>,
    leaders: Vec<(i64, String, bool)>,
    domains: Vec<(String, bool)>,
    lights: Vec<(&'static str, String, bool)>,
    as_of_text: String,
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "plan_text.html")]
struct PlanTextPage {
    l: Layout,
    id: i64,
    title: String,
    text: String,
}

/// `GET /plans`.
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut conn = state.store.conn().await?;
    let plans =
        crate::views::plan::summaries(&reader, &state.boards, &mut conn, l.lang, None, state.clock.today()).await?;
    render(&PlansPage {
        l,
        plans,
        can_create: viewer.supervisor().is_ok(),
    })
}

/// What a plan's tree may be filtered by: the units, leaders and domains of the tasks the
/// reader sees.
pub struct TreeChoices {
    /// Lead and co-units, in the directory's order.
    pub units: Vec<i64>,
    /// Leaders, in the directory's order.
    pub leaders: Vec<i64>,
    /// Domains, sorted.
    pub domains: Vec<String>,
}

impl TreeChoices {
    fn of(tasks: &[&BoardTask], dir: &Directory) -> TreeChoices {
        use std::collections::{BTreeSet, HashSet};
        let units: HashSet<i64> = tasks
            .iter()
            .flat_map(|t| t.task.lead_unit_id.into_iter().chain(t.co_units.iter().copied()))
            .collect();
        let leaders: HashSet<i64> = tasks.iter().filter_map(|t| t.task.leader_id).collect();
        let domains: BTreeSet<&str> = tasks
            .iter()
            .map(|t| t.task.domain.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        // The directory's order first; ids it does not know last.
        let in_order = |set: HashSet<i64>, order: &[i64]| {
            let mut v: Vec<i64> = order.iter().copied().filter(|u| set.contains(u)).collect();
            let mut rest: Vec<i64> = set.into_iter().filter(|u| !order.contains(u)).collect();
            rest.sort_unstable();
            v.extend(rest);
            v
        };
        TreeChoices {
            units: in_order(units, &dir.unit_order),
            leaders: in_order(leaders, &dir.leader_order),
            domains: domains.into_iter().map(str::to_string).collect(),
        }
    }
}

/// A plan's tree, filtered, and as recorded on a past day when asked (shared with the API),
/// with what it may be filtered by. The current tree is built from the server's kept copy of
/// the board without copying its tasks.
pub async fn tree_of(state: &AppState, viewer: &Viewer, id: i64, f: &TreeFilter) -> AppResult<(PlanTree, TreeChoices)> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let plan = reader.plan(&mut conn, id).await?;
    let as_of = match f.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match crate::forms::parse_date(s) {
            // Today or later is simply now.
            Some(day) if day < today => Some(day),
            Some(_) => None,
            None => {
                return Err(crate::ops::invalid(
                    "as_of",
                    luoshi_domain::codes::AS_OF_INVALID,
                    "历史日期应形如2020-03-31",
                    "The day must look like 2020-03-31",
                ));
            }
        },
    };
    let (past, kept) = match as_of {
        // The tree as it stood then: reports and acceptances up to the end of that day, lights
        // as recorded in the history.
        Some(day) => {
            let at = crate::clock::cst()
                .from_local_datetime(&day.and_hms_opt(23, 59, 59).unwrap_or_default())
                .single()
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_else(chrono::Utc::now);
            let mut b = luoshi_lights::PlanBoard::load_as_of(&mut conn, reader.region, plan.clone(), day, at).await?;
            let snaps = luoshi_store::snapshot::plan_as_of(&mut conn, reader.region, id, day).await?;
            apply_history(&mut b, &snaps);
            (b.tasks, None)
        }
        None => (
            Vec::new(),
            Some(state.boards.kept(&mut conn, reader.region, &plan, today).await?.1),
        ),
    };
    let all: Vec<&BoardTask> = match &kept {
        Some(k) => k.iter().map(AsRef::as_ref).collect(),
        None => past.iter().collect(),
    };
    let seen: Vec<&BoardTask> = all.into_iter().filter(|t| reader.sees(t)).collect();
    let dir = Directory::cached(&state.directories, &mut conn, viewer.region()).await?;
    let lang = viewer.lang();
    // Counts and progress describe the plan as the reader may see it, not only the filter.
    let summary = PlanSummary::of_tasks(&plan, &seen, lang);
    let shown: Vec<&BoardTask> = seen.iter().copied().filter(|t| f.keeps(t)).collect();
    let tree = PlanTree::of_tasks(
        &plan,
        summary,
        &shown,
        &dir,
        lang,
        as_of.unwrap_or(today),
        reader.unit().is_some(),
    );
    Ok((tree, TreeChoices::of(&seen, &dir)))
}

/// Replaces each task's light with the one recorded on the day asked for; tasks with no record
/// by then (not yet started, or added later) are dropped.
fn apply_history(board: &mut luoshi_lights::PlanBoard, snaps: &[luoshi_store::snapshot::Snapshot]) {
    let by_task: std::collections::HashMap<i64, &luoshi_store::snapshot::Snapshot> =
        snaps.iter().map(|s| (s.task_id, s)).collect();
    board.retain(|t| by_task.contains_key(&t.task.id));
    for t in &mut board.tasks {
        if let Some(s) = by_task.get(&t.task.id) {
            if let Some(light) = luoshi_domain::Light::parse(&s.light) {
                t.verdict.light = light;
            }
            if let Ok(reason) = serde_json::from_str(&s.reason) {
                t.verdict.reason = reason;
            }
            t.verdict.progress = s.progress.clamp(0, 100) as u8;
            t.verdict.time_progress = s.time_progress.map(|p| p.clamp(0, 100) as u8);
        }
    }
}

/// `GET /plans/{id}?unit=&leader=&light=&domain=&as_of=`.
pub async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
    Id(id): Id,
    Q(f): Q<TreeFilter>,
) -> AppResult<Response> {
    let (t, choices) = tree_of(&state, &viewer, id, &f).await?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    let lang = l.lang;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::cached(&state.directories, &mut c, viewer.region()).await?
    };
    let units = choices
        .units
        .into_iter()
        .map(|u| (u, dir.unit_name(Some(u)), f.unit == Some(u)))
        .collect();
    let leaders = choices
        .leaders
        .into_iter()
        .map(|x| (x, dir.leader_name(Some(x)), f.leader == Some(x)))
        .collect();
    let domains = choices
        .domains
        .into_iter()
        .map(|d| {
            let sel = f.domain.as_deref() == Some(d.as_str());
            (d, sel)
        })
        .collect();
    let lights = luoshi_domain::Light::ALL
        .iter()
        .map(|x| (x.code(), x.name(lang).to_string(), f.light.as_deref() == Some(x.code())))
        .collect();
    let as_of_text = f
        .as_of
        .as_deref()
        .and_then(crate::forms::parse_date)
        .filter(|d| *d < state.clock.today())
        .map(|d| luoshi_domain::fmt_date(d, lang))
        .unwrap_or_default();
    let can_edit = viewer.supervisor().is_ok();
    // A row of the tree is 800–900 bytes of HTML (a 2,000-task plan is 1.6 MB).
    let room = 1024 * t.tasks.len();
    render_with_room(
        &PlanPage {
            l,
            t,
            f,
            units,
            leaders,
            domains,
            lights,
            as_of_text,
            can_edit,
        },
        room,
    )
}

/// `GET /plans/{id}/text`.
pub async fn text(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let l = Layout::new(&state, &viewer, "/plans").await?;
    let mut conn = state.store.conn().await?;
    let plan = reader.plan(&mut conn, id).await?;
    render(&PlanTextPage {
        l,
        id: plan.id,
        title: plan.title,
        text: plan.source_text,
    })
}
