//! The home page of each business role: what needs this person's attention.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Lang, Light, Role, missing_report_due};
use luoshi_store::{
    Conn,
    report::{self, Report},
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{PlanSummary, TaskRow, instant_text};
use crate::{
    access::{Reader, Scope},
    board::{BoardTask, LightCounts, PlanBoard, cycle_of},
    directory::Directory,
    error::AppResult,
};

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
    /// Red and yellow tasks, red first.
    pub attention: Vec<TaskRow>,
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
    /// Every task in the reader's view (unit users and leaders).
    pub tasks: Vec<TaskRow>,
}

const ATTENTION_LIMIT: usize = 50;
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
    /// The home page of a business reader on `today`.
    pub async fn build(
        reader: &Reader,
        conn: &mut Conn,
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
    ) -> AppResult<HomeView> {
        let mut boards: Vec<PlanBoard> = reader.boards(conn, today).await?;
        let overseen = reader.leader_id.map(|l| dir.overseen_by(l)).unwrap_or_default();
        let plans = boards.iter().map(|b| PlanSummary::new(&b.plan, b, lang)).collect();

        // A leader's own view is their portfolio: tasks they are responsible for, or led by a
        // unit they oversee. Supervisors look at everything; unit users already see only theirs.
        let mut region_counts = None;
        if reader.role == Role::Leader {
            // The whole region first (what the mayor looks at), then the leader's portfolio:
            // tasks they are responsible for or led by a unit they oversee, with their sub-tasks.
            let mut all = LightCounts::default();
            for t in boards.iter().flat_map(|b| b.tasks.iter()).filter(|t| !t.has_children) {
                all.add(t.verdict.light);
            }
            region_counts = Some(all);
            for b in &mut boards {
                let mut mine = std::collections::HashSet::new();
                for t in &b.tasks {
                    let own = t.task.leader_id == reader.leader_id
                        || t.task.lead_unit_id.is_some_and(|u| overseen.contains(&u));
                    if own || t.task.parent_id.is_some_and(|p| mine.contains(&p)) {
                        mine.insert(t.task.id);
                    }
                }
                b.retain(|t| mine.contains(&t.task.id));
            }
        }
        let titles: HashMap<i64, (String, luoshi_domain::Cycle)> = boards
            .iter()
            .flat_map(|b| {
                b.tasks
                    .iter()
                    .map(|t| (t.task.id, (t.task.title.clone(), cycle_of(&t.task))))
            })
            .collect();
        let calendar = boards.first().map(|b| b.calendar.clone()).unwrap_or_default();
        let leaves: Vec<&BoardTask> = boards
            .iter()
            .flat_map(|b| b.tasks.iter())
            .filter(|t| !t.has_children)
            .collect();
        let mut counts = LightCounts::default();
        for t in &leaves {
            counts.add(t.verdict.light);
        }
        let mut attention: Vec<&BoardTask> = leaves
            .iter()
            .copied()
            .filter(|t| matches!(t.verdict.light, Light::Red | Light::Yellow))
            .collect();
        attention.sort_by_key(|t| (std::cmp::Reverse(t.verdict.light.severity()), t.task.due, t.task.id));
        let attention = attention
            .into_iter()
            .take(ATTENTION_LIMIT)
            .map(|t| TaskRow::new(t, dir, lang, today))
            .collect();

        let mut due_reports = Vec::new();
        let mut returned = Vec::new();
        let mut to_review = Vec::new();
        let mut to_review_total = 0;
        let mut tasks = Vec::new();
        match reader.scope {
            Scope::Unit(unit) => {
                for t in &leaves {
                    let led = t.task.lead_unit_id == Some(unit);
                    let missing = missing_report_due(
                        cycle_of(&t.task),
                        &calendar,
                        today,
                        t.task.start,
                        t.latest.as_ref().map(|l| l.period),
                    );
                    if led && t.task.done_on.is_none() && missing.is_some() {
                        due_reports.push(TaskRow::new(t, dir, lang, today));
                    }
                }
                returned = report::reports_of_unit(conn, reader.region, unit, "returned")
                    .await?
                    .iter()
                    .map(|r| report_item(r, &titles, dir, lang))
                    .collect();
            }
            Scope::Region if reader.role == Role::Supervisor => {
                to_review_total = report::count_reports(conn, reader.region, "submitted").await?;
                to_review = report::reports_to_review(conn, reader.region, HOME_REVIEW_ROWS)
                    .await?
                    .iter()
                    .map(|r| report_item(r, &titles, dir, lang))
                    .collect();
            }
            Scope::Region => {}
        }
        if reader.role != Role::Supervisor {
            tasks = boards
                .iter()
                .flat_map(|b| b.tasks.iter())
                .filter(|t| !t.has_children)
                .map(|t| TaskRow::new(t, dir, lang, today))
                .collect();
        }
        Ok(HomeView {
            role: reader.role.code().to_string(),
            counts,
            region_counts,
            attention,
            due_reports,
            returned,
            to_review,
            to_review_total,
            plans,
            overseen_units: overseen.iter().map(|u| dir.unit_name(Some(*u))).collect(),
            tasks,
        })
    }
}
