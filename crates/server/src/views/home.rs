//! The home page of each business role: what needs this person's attention.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Lang, Light, Role, missing_report_due};
use luoshi_store::{
    Conn,
    report::{self, Report},
    state::{By, Filter, Order},
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{PlanSummary, TaskRow, instant_text};
use crate::{
    access::{Reader, Scope},
    directory::Directory,
    error::AppResult,
};
use luoshi_lights::{BoardTask, LightCounts, cycle_of};

/// A report in a to-do list (to review, or returned to be redone).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportItem {
    /// Report id.
    pub report_id: i64,
    /// Task id.
    pub task_id: i64,
    /// Task title.
    pub task_title: String,
    /// Reporting unit.
    pub unit: String,
    /// Period in words.
    pub period_label: String,
    /// Percent complete.
    pub progress: i64,
    /// Submitted, in words.
    pub submitted_at_text: String,
    /// Review note (why it was returned).
    pub review_note: String,
}

/// What the home page shows; each role fills the sections that concern it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HomeView {
    /// Role code.
    pub role: String,
    /// Light counts of the tasks in the reader's view (tasks without sub-tasks).
    pub counts: LightCounts,
    /// Leaders: light counts of the whole region.
    pub region_counts: Option<LightCounts>,
    /// The worst red and yellow tasks, red first (the first ten).
    pub attention: Vec<TaskRow>,
    /// How many red and yellow tasks there are in all (listed, a page at a time, at
    /// `/lists/tasks?light=attention`).
    pub attention_total: i64,
    /// Unit users: tasks whose latest due report has not been sent.
    pub due_reports: Vec<TaskRow>,
    /// Unit users: reports returned to be redone.
    pub returned: Vec<ReportItem>,
    /// Supervisors: the oldest reports waiting for review (at most ten).
    pub to_review: Vec<ReportItem>,
    /// Supervisors: how many reports wait for review in all.
    pub to_review_total: i64,
    /// The plans in the reader's view.
    pub plans: Vec<PlanSummary>,
    /// Leaders: the units they oversee.
    pub overseen_units: Vec<String>,
    /// The first tasks in the reader's view without sub-tasks, in tree order (unit users and
    /// leaders).
    pub tasks: Vec<TaskRow>,
    /// How many tasks there are in the reader's view without sub-tasks.
    pub tasks_total: i64,
    /// Where all of them are listed, when there are more than the home page shows.
    pub tasks_more: Option<String>,
    /// Leaders' instructions: a leader's own, a unit's to answer, the office's all.
    pub instructions: super::instruction::InstructionTally,
}

const ATTENTION_LIMIT: i64 = 10;
const HOME_TASK_ROWS: i64 = 100;
const HOME_REVIEW_ROWS: i64 = 10;

fn report_item(
    r: &Report,
    titles: &HashMap<i64, (String, luoshi_domain::Cycle)>,
    dir: &Directory,
    lang: Lang,
) -> ReportItem {
    let (title, cycle) = titles.get(&r.task_id).cloned().unwrap_or_else(|| {
        (
            String::new(),
            luoshi_domain::Cycle {
                kind: luoshi_domain::CycleKind::Monthly,
                due_day: 25,
            },
        )
    });
    ReportItem {
        report_id: r.id,
        task_id: r.task_id,
        task_title: title,
        unit: dir.unit_name_on(r.unit_id, r.period),
        period_label: cycle.label(cycle.period_containing(r.period), lang),
        progress: r.progress,
        submitted_at_text: instant_text(r.submitted_at, lang),
        review_note: r.review_note.clone(),
    }
}

impl HomeView {
    /// The home page of a business reader on `today`, from the stored lights (the caller makes
    /// sure they are current): counts summed in the database, the attention list and the
    /// reader's tasks cut to a page there.
    pub async fn build(
        reader: &Reader,
        boards: &luoshi_lights::BoardCache,
        conn: &mut Conn,
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
    ) -> AppResult<HomeView> {
        // A leader's own view is their portfolio (see `of_leader`). Supervisors look at
        // everything; unit users see only theirs.
        if let (Role::Leader, Some(l)) = (reader.role, reader.leader_id) {
            return Self::of_leader(reader, boards, conn, dir, lang, today, l).await;
        }
        let plans = super::plan::summaries(reader, boards, conn, lang, None, today).await?;
        let leaves = |f: Filter| Filter { leaf_only: true, ..f };
        let mine = reader.filter();
        let counts = match reader.unit() {
            // The whole region: the plans' counts, as their pages count them.
            None => total(&plans),
            Some(_) => super::lists::counts_of(&reader.tally(conn, leaves(mine.clone()), By::All).await?),
        };
        let (attention, attention_total) = reader
            .stored_tasks(
                conn,
                Filter {
                    red_or_yellow: true,
                    ..leaves(mine.clone())
                },
                Order::Worst,
                ATTENTION_LIMIT,
                0,
            )
            .await?;
        let attention = attention.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect();

        let mut due_reports = Vec::new();
        let mut returned = Vec::new();
        let mut to_review = Vec::new();
        let mut to_review_total = 0;
        match reader.scope {
            Scope::Unit(unit) => {
                // The open tasks it leads whose latest report due has not been sent.
                let calendar = luoshi_store::calendar::work_calendar(conn, reader.region).await?;
                let (led, _) = reader
                    .stored_tasks(
                        conn,
                        Filter {
                            lead_unit: Some(unit),
                            ..leaves(reader.filter())
                        },
                        Order::Tree,
                        i64::MAX / 2,
                        0,
                    )
                    .await?;
                for t in led.iter().filter(|t| t.task.done_on.is_none()) {
                    let missing = missing_report_due(
                        cycle_of(&t.task),
                        &calendar,
                        today,
                        t.task.start,
                        t.latest.as_ref().map(|l| l.period),
                    );
                    if missing.is_some() {
                        due_reports.push(TaskRow::new(t, dir, lang, today));
                    }
                }
                let reports = report::reports_of_unit(conn, reader.region, unit, "returned").await?;
                let titles = titles_of(conn, reader.region, &reports).await?;
                returned = reports.iter().map(|r| report_item(r, &titles, dir, lang)).collect();
            }
            Scope::Region if reader.role == Role::Supervisor => {
                to_review_total = report::count_reports(conn, reader.region, "submitted").await?;
                let reports = report::reports_to_review(conn, reader.region, HOME_REVIEW_ROWS).await?;
                let titles = titles_of(conn, reader.region, &reports).await?;
                to_review = reports.iter().map(|r| report_item(r, &titles, dir, lang)).collect();
            }
            Scope::Region => {}
        }
        let (mut tasks, mut tasks_total, mut tasks_more) = (Vec::new(), 0, None);
        if reader.role != Role::Supervisor {
            let (rows, total) = reader
                .stored_tasks(conn, leaves(mine), Order::Tree, HOME_TASK_ROWS, 0)
                .await?;
            tasks = rows.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect();
            tasks_total = total;
            if total > HOME_TASK_ROWS {
                tasks_more = match (reader.scope, reader.leader_id) {
                    (Scope::Unit(u), _) => Some(format!("/units/{u}")),
                    (Scope::Region, Some(l)) => Some(format!("/leaders/{l}")),
                    _ => None,
                };
            }
        }
        Ok(HomeView {
            instructions: Default::default(),
            role: reader.role.code().to_string(),
            counts,
            region_counts: None,
            attention,
            due_reports,
            returned,
            to_review,
            to_review_total,
            attention_total,
            plans,
            overseen_units: Vec::new(),
            tasks,
            tasks_total,
            tasks_more,
        })
    }
}

impl HomeView {
    /// A leader's home, from the server's copies of the plans' boards: their portfolio (the
    /// tasks they are responsible for or whose lead unit they oversee, with every sub-task),
    /// its counts, its worst tasks and its first tasks in tree order; the region's counts
    /// summed from the plans' summaries. The same rows as the stored-light queries would read.
    async fn of_leader(
        reader: &Reader,
        boards: &luoshi_lights::BoardCache,
        conn: &mut Conn,
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
        leader: i64,
    ) -> AppResult<HomeView> {
        let overseen = dir.overseen_by(leader);
        // Each plan's copy read once: its summary and its tasks (shared, nothing cloned).
        let mut plans = Vec::new();
        let mut kept = Vec::new();
        for p in reader.plans(conn).await? {
            let (summary, tasks) = boards.kept(conn, reader.region, &p, today).await?;
            plans.push(PlanSummary::kept(&p, &summary, lang));
            kept.push(tasks);
        }
        // The leaves of the portfolio in tree order. A copy is in tree order (parents first),
        // so a portfolio task's sub-tasks are the deeper tasks right after it: one pass.
        let mut leaves: Vec<&BoardTask> = Vec::new();
        for tasks in &kept {
            let mut inside: Option<usize> = None;
            for t in tasks.iter() {
                if inside.is_some_and(|depth| t.depth <= depth) {
                    inside = None;
                }
                if inside.is_none()
                    && (t.task.leader_id == Some(leader) || t.task.lead_unit_id.is_some_and(|u| overseen.contains(&u)))
                {
                    inside = Some(t.depth);
                }
                if inside.is_some() && !t.has_children {
                    leaves.push(t);
                }
            }
        }
        // Plans by id, as the lists order them.
        leaves.sort_by_key(|t| t.task.plan_id);
        let counts = luoshi_lights::leaf_counts(leaves.iter().copied());
        let mut worst: Vec<&BoardTask> = leaves
            .iter()
            .copied()
            .filter(|t| matches!(t.verdict.light, Light::Red | Light::Yellow))
            .collect();
        worst.sort_by_key(|t| (luoshi_lights::worst_of(t.verdict.light, t.task.due), t.task.id));
        let attention_total = worst.len() as i64;
        let attention = worst
            .iter()
            .take(ATTENTION_LIMIT as usize)
            .map(|t| TaskRow::new(t, dir, lang, today))
            .collect();
        let tasks = leaves
            .iter()
            .take(HOME_TASK_ROWS as usize)
            .map(|t| TaskRow::new(t, dir, lang, today))
            .collect();
        let tasks_total = leaves.len() as i64;
        let region_counts = total(&plans);
        Ok(HomeView {
            instructions: Default::default(),
            role: reader.role.code().to_string(),
            counts,
            region_counts: Some(region_counts),
            attention,
            due_reports: Vec::new(),
            returned: Vec::new(),
            to_review: Vec::new(),
            to_review_total: 0,
            attention_total,
            plans,
            overseen_units: overseen.iter().map(|u| dir.unit_name(Some(*u))).collect(),
            tasks,
            tasks_total,
            tasks_more: (tasks_total > HOME_TASK_ROWS).then(|| format!("/leaders/{leader}")),
        })
    }
}

/// Light counts of the whole region: the plans' counts summed, as their pages count them.
fn total(plans: &[PlanSummary]) -> LightCounts {
    plans.iter().fold(LightCounts::default(), |mut c, p| {
        c.merge(&p.counts);
        c
    })
}

/// The titles and reporting cycles of the tasks some reports are on.
async fn titles_of(
    conn: &mut Conn,
    region: i64,
    reports: &[Report],
) -> AppResult<HashMap<i64, (String, luoshi_domain::Cycle)>> {
    let ids: Vec<i64> = reports.iter().map(|r| r.task_id).collect();
    Ok(luoshi_store::task::tasks_by_ids(conn, region, &ids)
        .await?
        .into_iter()
        .map(|t| (t.id, (t.title.clone(), cycle_of(&t))))
        .collect())
}
