//! Plan summaries and the plan's task tree.

use crate::{
    AppState, access::Reader, auth::Viewer, directory::Directory, error::AppResult, i18n::Tr, views::TaskRow,
    views::lists::TreeFilter,
};
use chrono::{NaiveDate, TimeZone};
use luoshi_domain::Lang;
use luoshi_lights::{BoardCache, BoardTask, LightCounts, PlanBoard};
use luoshi_store::{Conn, plan::Plan};
use serde::Serialize;
use utoipa::ToSchema;

/// A plan in lists.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanSummary {
    /// Plan id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in words.
    pub kind_name: String,
    /// Title.
    pub title: String,
    /// Document number.
    pub doc_no: String,
    /// Date issued.
    pub issued_on: NaiveDate,
    /// Date issued, in words.
    pub issued_text: String,
    /// Year.
    pub year: i64,
    /// Summary.
    pub summary: String,
    /// Tasks the reader sees.
    pub tasks: usize,
    /// Lights of those tasks that have no sub-tasks.
    pub counts: LightCounts,
    /// Overall progress, percent.
    pub progress: u8,
}

/// The summaries of every plan a reader may see (or of `only` that one), from the server's copy
/// of each plan's board: for the region, as the plan's own page counts; for a unit, over the
/// tasks it leads or helps with in that copy, as its boards would show them (filtered in memory:
/// reading its few hundred stored rows cost a unit's task page most of its time).
pub async fn summaries(
    reader: &Reader,
    boards: &BoardCache,
    conn: &mut Conn,
    lang: Lang,
    only: Option<&Plan>,
    today: NaiveDate,
) -> AppResult<Vec<PlanSummary>> {
    let plans = match only {
        Some(p) => vec![p.clone()],
        None => reader.plans(conn).await?,
    };
    if let Some(unit) = reader.unit() {
        let mut out = Vec::with_capacity(plans.len());
        for p in &plans {
            let (_, tasks) = boards.kept(conn, reader.region, p, today).await?;
            let mine: Vec<&BoardTask> = tasks.iter().map(|t| t.as_ref()).filter(|t| t.involves(unit)).collect();
            out.push(PlanSummary::of_tasks(p, &mine, lang));
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(plans.len());
    for p in &plans {
        let s = boards.summary(conn, reader.region, p, today).await?;
        out.push(PlanSummary::kept(p, &s, lang));
    }
    Ok(out)
}

impl PlanSummary {
    /// The summary of a plan from what a server's copy of its board counts.
    pub fn kept(plan: &Plan, s: &luoshi_lights::Summary, lang: Lang) -> PlanSummary {
        PlanSummary {
            tasks: s.tasks,
            counts: s.counts,
            progress: s.progress,
            ..PlanSummary::new(plan, &PlanBoard::empty(plan.clone()), lang)
        }
    }

    /// The summary of a plan from its (possibly filtered) board.
    pub fn new(plan: &Plan, board: &PlanBoard, lang: Lang) -> PlanSummary {
        PlanSummary::of_tasks(plan, &board.tasks.iter().collect::<Vec<_>>(), lang)
    }

    /// The summary of a plan from some of its board's tasks.
    pub fn of_tasks(plan: &Plan, tasks: &[&BoardTask], lang: Lang) -> PlanSummary {
        let kind = Some(plan.kind);
        PlanSummary {
            id: plan.id,
            kind: plan.kind.code().to_string(),
            kind_name: kind
                .map(|k| lang.pick(k.names().0, k.names().1).to_string())
                .unwrap_or_default(),
            title: plan.title.clone(),
            doc_no: plan.doc_no.clone(),
            issued_on: plan.issued_on,
            issued_text: luoshi_domain::fmt_date(plan.issued_on, lang),
            year: plan.year,
            summary: plan.summary.clone(),
            tasks: tasks.len(),
            counts: luoshi_lights::leaf_counts(tasks.iter().copied()),
            progress: luoshi_lights::progress(tasks.iter().copied()),
        }
    }
}

/// A plan's task tree as the reader may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanTree {
    /// The plan.
    pub plan: PlanSummary,
    /// The light rules of this plan, in words.
    pub thresholds_text: String,
    /// Whether the list is limited to the reader's unit.
    pub only_mine: bool,
    /// The tasks, parents before children.
    pub tasks: Vec<TaskRow>,
    /// When some lights rest on reports not yet accepted: how many, and the counts on accepted
    /// reports only (what the public site counts); empty otherwise.
    pub pending_note: String,
}

/// A plan's light rules in words, with the reports they read.
pub fn thresholds_text(plan: &Plan, lang: Lang) -> String {
    let th = plan.thresholds();
    let tr = Tr::new(lang);
    let rules = tr.t_with(
        "plan.thresholds_text",
        &[
            ("y", th.yellow_lag.to_string()),
            ("r", th.red_lag.to_string()),
            ("m", th.milestone_red_days.to_string()),
        ],
    );
    let (semi, colon) = (lang.pick("；", "; "), lang.pick("：", ": "));
    format!("{rules}{semi}{}{colon}{}", tr.t("plan.basis"), th.basis.name(lang))
}

/// The note under a list's light counts when some of its lights rest on reports not yet
/// accepted: how many, and the counts on accepted reports only; empty when none do.
pub fn pending_note(tasks: &[&BoardTask], lang: Lang) -> String {
    let (pending, checked) = luoshi_lights::checked_counts(tasks.iter().copied());
    if pending == 0 {
        return String::new();
    }
    Tr::new(lang).t_with(
        "plan.pending_note",
        &[("n", pending.to_string()), ("counts", checked.summary(lang))],
    )
}

impl PlanTree {
    /// The plan page's link.
    pub fn href(&self) -> String {
        format!("/plans/{}", self.plan.id)
    }

    /// The plan page's link filtered by a light, but for the light's code.
    pub fn light_href(&self) -> String {
        format!("/plans/{}?light=", self.plan.id)
    }

    /// The tree of a board.
    pub fn new(board: &PlanBoard, dir: &Directory, lang: Lang, today: NaiveDate, only_mine: bool) -> PlanTree {
        let tasks: Vec<&BoardTask> = board.tasks.iter().collect();
        let summary = PlanSummary::of_tasks(&board.plan, &tasks, lang);
        PlanTree::of_tasks(&board.plan, summary, &tasks, dir, lang, today, only_mine)
    }

    /// The tree of some of a plan's tasks (in tree order), under `summary`.
    pub fn of_tasks(
        plan: &Plan,
        summary: PlanSummary,
        tasks: &[&BoardTask],
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
        only_mine: bool,
    ) -> PlanTree {
        PlanTree {
            plan: summary,
            thresholds_text: thresholds_text(plan, lang),
            only_mine,
            tasks: tasks.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect(),
            pending_note: pending_note(tasks, lang),
        }
    }
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
            if let Some(light) = Some(s.light) {
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
