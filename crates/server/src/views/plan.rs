//! Plan summaries and the plan's task tree.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Lang, PlanKind};
use luoshi_store::{
    Conn,
    plan::Plan,
    state::{Filter, Order},
};
use serde::Serialize;
use utoipa::ToSchema;

use super::TaskRow;
use crate::{access::Reader, directory::Directory, error::AppResult, i18n::Tr};
use luoshi_lights::{BoardCache, BoardTask, LightCounts, PlanBoard};

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

/// The summaries of every plan a reader may see (or of `only` that one), from the stored lights:
/// for the region, from the server's copy of each plan's board (counted as the plan's own page
/// counts); a unit's are taken from its own tasks (a few hundred at most), as its boards would
/// show them.
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
    if reader.unit().is_some() {
        let base = Filter {
            plan_id: only.map(|p| p.id),
            ..reader.filter()
        };
        let (tasks, _) = reader.stored_tasks(conn, base, Order::Tree, i64::MAX / 2, 0).await?;
        let mut by_plan: HashMap<i64, Vec<BoardTask>> = HashMap::new();
        for t in tasks {
            by_plan.entry(t.task.plan_id).or_default().push(t);
        }
        return Ok(plans
            .into_iter()
            .map(|p| {
                let board = PlanBoard {
                    tasks: by_plan.remove(&p.id).unwrap_or_default(),
                    calendar: Default::default(),
                    plan: p,
                };
                PlanSummary::new(&board.plan, &board, lang)
            })
            .collect());
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
        let kind = PlanKind::parse(&plan.kind);
        PlanSummary {
            id: plan.id,
            kind: plan.kind.clone(),
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
}

/// A plan's light rules in words.
pub fn thresholds_text(plan: &Plan, lang: Lang) -> String {
    let th = plan.thresholds();
    Tr::new(lang).t_with(
        "plan.thresholds_text",
        &[
            ("y", th.yellow_lag.to_string()),
            ("r", th.red_lag.to_string()),
            ("m", th.milestone_red_days.to_string()),
        ],
    )
}

impl PlanTree {
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
        let th = plan.thresholds();
        PlanTree {
            plan: summary,
            thresholds_text: Tr::new(lang).t_with(
                "plan.thresholds_text",
                &[
                    ("y", th.yellow_lag.to_string()),
                    ("r", th.red_lag.to_string()),
                    ("m", th.milestone_red_days.to_string()),
                ],
            ),
            only_mine,
            tasks: tasks.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect(),
        }
    }
}
