//! Task rows of the tree, the task page, and the reports on a task.

use chrono::NaiveDate;
use luoshi_domain::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use super::{PlanSummary, date_text, instant_text};
use crate::{directory::Directory, i18n::Tr};
use luoshi_lights::{BoardTask, PlanBoard, cycle_of};

/// One task as lists and trees show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskRow {
    /// Task id.
    pub id: i64,
    /// Plan id.
    pub plan_id: i64,
    /// Parent task id.
    pub parent_id: Option<i64>,
    /// Outline number within the plan, e.g. `2.1.3`.
    pub number: String,
    /// Depth in the tree (0 = top level).
    pub depth: usize,
    /// Title.
    pub title: String,
    /// Lead unit id.
    pub lead_unit_id: Option<i64>,
    /// Lead unit name.
    pub lead_unit: String,
    /// Co-unit ids.
    pub co_unit_ids: Vec<i64>,
    /// Co-unit names, joined with 、.
    pub co_units: String,
    /// Responsible leader id.
    pub leader_id: Option<i64>,
    /// Responsible leader name.
    pub leader: String,
    /// Start.
    pub start: NaiveDate,
    /// Deadline; absent for 长期坚持.
    pub due: Option<NaiveDate>,
    /// Deadline in words (or 长期坚持).
    pub due_text: String,
    /// Light code: red, yellow, green or blue.
    pub light: String,
    /// Light name in the reader's language.
    pub light_name: String,
    /// The light and the rule and numbers behind it.
    pub explanation: String,
    /// The rule and numbers alone (shown next to the light's name).
    pub reason_text: String,
    /// Whether the light rests on a report the office has not yet accepted (待审核).
    pub pending: bool,
    /// Then, the light on accepted reports only in words; empty otherwise.
    pub checked_text: String,
    /// Progress, percent (reported, or rolled up for a parent).
    pub progress: u8,
    /// Time progress, percent, where the task has a deadline and no sub-tasks.
    pub time_progress: Option<u8>,
    /// Days since the latest report was accepted (data freshness).
    pub last_report_days: Option<i64>,
    /// The latest accepted report in words, e.g. `2020年6月20日(10天前)`.
    pub last_report_text: String,
    /// Whether it has sub-tasks.
    pub has_children: bool,
    /// Domain tag.
    pub domain: String,
    /// Shown on the public site.
    pub public: bool,
}

impl TaskRow {
    /// The row of a board task.
    pub fn new(t: &BoardTask, dir: &Directory, lang: Lang, today: NaiveDate) -> TaskRow {
        let tr = Tr::new(lang);
        let last = t.last_accepted_at();
        let last_day = last.map(|at| at.with_timezone(&crate::clock::cst()).date_naive());
        let last_report_days = last_day.map(|d| (today - d).num_days().max(0));
        let last_report_text = match (last_day, last_report_days) {
            (Some(d), Some(n)) => match lang {
                Lang::Zh if n == 0 => format!("{}（今天）", luoshi_domain::fmt_date(d, lang)),
                Lang::Zh => format!("{}（{}{}）", luoshi_domain::fmt_date(d, lang), n, tr.t("task.days_ago")),
                Lang::En if n == 0 => format!("{} (today)", luoshi_domain::fmt_date(d, lang)),
                Lang::En => format!("{} ({} {})", luoshi_domain::fmt_date(d, lang), n, tr.t("task.days_ago")),
            },
            _ => tr.t("task.freshness_none"),
        };
        TaskRow {
            id: t.task.id,
            plan_id: t.task.plan_id,
            parent_id: t.task.parent_id,
            number: t.number.clone(),
            depth: t.depth,
            title: t.task.title.clone(),
            lead_unit_id: t.task.lead_unit_id,
            lead_unit: dir.unit_name(t.task.lead_unit_id),
            co_unit_ids: t.co_units.clone(),
            co_units: dir.unit_names(&t.co_units),
            leader_id: t.task.leader_id,
            leader: dir.leader_name(t.task.leader_id),
            start: t.task.start,
            due: t.task.due,
            due_text: date_text(t.task.due, lang, &tr.t("task.ongoing")),
            light: t.verdict.light.code().to_string(),
            light_name: t.verdict.light.name(lang).to_string(),
            explanation: t.verdict.explain(lang),
            reason_text: t.verdict.reason.explain(lang),
            pending: t.verdict.unchecked(),
            checked_text: t.verdict.explain_checked(lang).unwrap_or_default(),
            progress: t.verdict.progress,
            time_progress: if t.has_children { None } else { t.verdict.time_progress },
            last_report_days,
            last_report_text,
            has_children: t.has_children,
            domain: t.task.domain.clone(),
            public: t.task.public,
        }
    }

    /// Indentation for the tree, in rem.
    pub fn indent(&self) -> String {
        format!("{:.1}", self.depth as f32 * 1.25)
    }
}

/// A milestone as the task page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneOut {
    /// Milestone id.
    pub id: i64,
    /// What is to be reached.
    pub title: String,
    /// By when.
    pub due: NaiveDate,
    /// By when, in words.
    pub due_text: String,
    /// When it was reached.
    pub done_on: Option<NaiveDate>,
    /// Reached, or late by how much, in words.
    pub state_text: String,
    /// `done`, `late` or `open`.
    pub state: String,
}

/// A report as the task page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportOut {
    /// Report id.
    pub id: i64,
    /// Period (first day).
    pub period: NaiveDate,
    /// Period in words, e.g. `2020年6月`.
    pub period_label: String,
    /// Status code.
    pub status: String,
    /// Status in words.
    pub status_name: String,
    /// Percent complete.
    pub progress: i64,
    /// 进展情况.
    pub content: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// The reporting unit, named as it was called at the time.
    pub unit: String,
    /// When submitted, in words.
    pub submitted_at_text: String,
    /// Review note.
    pub review_note: String,
    /// Version, for the review form.
    pub version: i64,
    /// Submitted after its due day.
    pub late: bool,
    /// Co-units' notes.
    pub notes: Vec<super::records::NoteOut>,
    /// Evidence files.
    pub evidence: Vec<super::records::EvidenceOut>,
}

/// A link to an ancestor task.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskLink {
    /// Task id.
    pub id: i64,
    /// Outline number.
    pub number: String,
    /// Title.
    pub title: String,
}

/// The paragraph of the plan a task came from, split around the cited span.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceParagraph {
    /// Text before the span.
    pub before: String,
    /// The span itself.
    pub marked: String,
    /// Text after the span.
    pub after: String,
}

/// Everything the task page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskDetail {
    /// The task's row (light, progress, units, dates).
    pub task: TaskRow,
    /// Its plan.
    pub plan: PlanSummary,
    /// Requirements.
    pub description: String,
    /// The reporting cycle in words.
    pub cycle_text: String,
    /// Start in words.
    pub start_text: String,
    /// Weight.
    pub weight: i64,
    /// Public flag.
    pub public: bool,
    /// Version, for optimistic concurrency.
    pub version: i64,
    /// Milestones.
    pub milestones: Vec<MilestoneOut>,
    /// Ancestors, outermost first (only those the reader may see).
    pub ancestors: Vec<TaskLink>,
    /// Sub-tasks (only those the reader may see).
    pub children: Vec<TaskRow>,
    /// The plan paragraph it came from.
    pub source: Option<SourceParagraph>,
    /// Reports, newest first.
    pub reports: Vec<ReportOut>,
    /// Reporting periods and where each stands, newest first.
    pub periods: Vec<super::records::PeriodOut>,
    /// Change requests, newest first.
    pub requests: Vec<super::records::RequestOut>,
    /// History, newest first.
    pub events: Vec<super::records::EventOut>,
    /// Light history, oldest first.
    pub history: Vec<super::records::HistoryOut>,
    /// 责任人.
    pub owner: String,
    /// Whether a unit made this task by breaking down its own.
    pub decomposed: bool,
    /// The plan's light rules in words.
    pub thresholds_text: String,
    /// The key projects that belong to this task (those the reader may see), with their
    /// warnings.
    pub projects: Vec<TaskProject>,
    /// The task force that owns it: id, name, and whether it leads the task (its leading unit
    /// acting for it).
    pub task_force: Option<(i64, String, bool)>,
}

/// A key project of a task, as its page lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskProject {
    /// The project.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its warning's light code (empty before it is judged).
    pub light: String,
    /// In words.
    pub light_name: String,
    /// Why.
    pub warning: String,
}

/// The paragraph of `text` around characters `start..end`, split at the span.
pub fn source_paragraph(text: &str, start: i64, end: i64) -> Option<SourceParagraph> {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if s >= e || e > chars.len() {
        return None;
    }
    let para_start = chars[..s].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
    let para_end = chars[e..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |i| e + i);
    let take = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    Some(SourceParagraph {
        before: take(para_start, s).trim_start().to_string(),
        marked: take(s, e),
        after: take(e, para_end).trim_end().to_string(),
    })
}

impl TaskDetail {
    /// The task page of `task_id` on `board` (its ancestors and children at least), in `plan`,
    /// showing only what `sees` allows.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        board: &PlanBoard,
        plan: PlanSummary,
        task_id: i64,
        data: &super::records::TaskData,
        dir: &Directory,
        lang: Lang,
        today: NaiveDate,
        sees: impl Fn(&BoardTask) -> bool,
    ) -> Option<TaskDetail> {
        let bt = board.task(task_id)?;
        let tr = Tr::new(lang);
        let t = &bt.task;
        let mut ancestors = Vec::new();
        let mut parent = t.parent_id;
        while let Some(pid) = parent {
            let Some(p) = board.task(pid) else { break };
            if sees(p) {
                ancestors.push(TaskLink {
                    id: p.task.id,
                    number: p.number.clone(),
                    title: p.task.title.clone(),
                });
            }
            parent = p.task.parent_id;
        }
        ancestors.reverse();
        let children = board
            .tasks
            .iter()
            .filter(|c| c.task.parent_id == Some(t.id) && sees(c))
            .map(|c| TaskRow::new(c, dir, lang, today))
            .collect();
        let milestones = bt
            .milestones
            .iter()
            .map(|m| {
                let (state, state_text) = match m.done_on {
                    Some(d) => (
                        "done",
                        format!("{} {}", tr.t("task.milestone_done"), luoshi_domain::fmt_date(d, lang)),
                    ),
                    None if today > m.due => (
                        "late",
                        match lang {
                            Lang::Zh => format!("逾期{}天", (today - m.due).num_days()),
                            Lang::En => format!("{} days late", (today - m.due).num_days()),
                        },
                    ),
                    None => ("open", tr.t("task.milestone_open")),
                };
                MilestoneOut {
                    id: m.id,
                    title: m.title.clone(),
                    due: m.due,
                    due_text: luoshi_domain::fmt_date(m.due, lang),
                    done_on: m.done_on,
                    state_text,
                    state: state.to_string(),
                }
            })
            .collect();
        let cycle = cycle_of(t);
        let (mut notes, mut files) = super::records::attachments(data, dir, lang);
        let periods = super::records::periods(cycle, &board.calendar, t.start, t.done_on, &data.reports, today, lang);
        let reports = data
            .reports
            .iter()
            .map(|r| {
                let status = Some(r.status);
                let on = r
                    .submitted_at
                    .map(|s| s.with_timezone(&crate::clock::cst()).date_naive())
                    .unwrap_or(r.period);
                ReportOut {
                    id: r.id,
                    period: r.period,
                    period_label: cycle.label(cycle.period_containing(r.period), lang),
                    status: r.status.code().to_string(),
                    status_name: status
                        .map(|s| lang.pick(s.names().0, s.names().1).to_string())
                        .unwrap_or_default(),
                    progress: r.progress,
                    content: r.content.clone(),
                    problems: r.problems.clone(),
                    next_steps: r.next_steps.clone(),
                    unit: dir.unit_name_on(r.unit_id, on),
                    submitted_at_text: instant_text(r.submitted_at, lang),
                    review_note: r.review_note.clone(),
                    version: r.version,
                    late: periods.iter().any(|p| p.period == r.period && p.late),
                    notes: notes.remove(&r.id).unwrap_or_default(),
                    evidence: files.remove(&r.id).unwrap_or_default(),
                }
            })
            .collect();
        Some(TaskDetail {
            task: TaskRow::new(bt, dir, lang, today),
            plan,
            description: t.description.clone(),
            cycle_text: cycle.describe(lang),
            start_text: luoshi_domain::fmt_date(t.start, lang),
            weight: t.weight,
            public: t.public,
            version: t.version,
            milestones,
            ancestors,
            children,
            source: match (t.source_start, t.source_end) {
                (Some(s), Some(e)) => source_paragraph(&board.plan.source_text, s, e),
                _ => None,
            },
            reports,
            periods,
            requests: super::records::requests(data, dir, lang),
            events: super::records::events(data, cycle, lang),
            history: super::records::history(data, cycle, &bt.verdict, today, lang),
            owner: t.owner.clone(),
            decomposed: t.decomposed_by.is_some(),
            thresholds_text: super::plan::thresholds_text(&board.plan, lang),
            projects: Vec::new(),
            task_force: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_paragraph_is_cut_at_newlines_around_the_span() {
        let text = "第一段。\n会议要求，要抓好安全生产，加快项目建设。\n第三段。";
        // "抓好安全生产" starts at char 12 ("第一段。\n" is 5 chars; "会议要求，要" 6 more).
        let start = text.chars().position(|c| c == '抓').unwrap() as i64;
        let p = source_paragraph(text, start, start + 6).unwrap();
        assert_eq!(p.before, "会议要求，要");
        assert_eq!(p.marked, "抓好安全生产");
        assert_eq!(p.after, "，加快项目建设。");
    }

    #[test]
    fn a_span_outside_the_text_shows_nothing() {
        assert!(source_paragraph("短", 0, 5).is_none());
        assert!(source_paragraph("短文", 1, 1).is_none());
        assert!(source_paragraph("短文", -1, 1).is_none());
    }
}
