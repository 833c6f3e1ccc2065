//! A key project's page as the API and the page show it: its ledger row and warning, the year's
//! plan beside its baseline, the chart of planned against accepted investment, the monthly
//! reports with their files, the months owed, the coordination issues, the approval nodes, the
//! warning's history by month and the figures changed with their reasons — and what the reader
//! may do on it.

use std::collections::HashMap;

use chrono::Datelike;
use luoshi_domain::{
    Lang, fmt_date,
    project::{IssueKind, IssueStatus, Month, Stage, Wan, owed},
};
use luoshi_store::{project_issue::Issue, project_report::MonthlyReport};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    instant_text,
    project::{
        ChangeOut, NodeOut, ProjectRow, YearOut, change_out, month_text, node_out, row, warning_words, year_out,
    },
    project_chart::{InvestChart, chart},
};
use crate::{
    AppState,
    access::{Reader, Scope},
    directory::Directory,
    error::AppResult,
};

/// A file of a monthly report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportFileOut {
    /// Id (download at `/project-files/{id}`).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Size in words (`12 KB`).
    pub size_text: String,
}

/// A monthly report as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthlyOut {
    /// Id.
    pub id: i64,
    /// `2020-06`.
    pub month: String,
    /// `2020年6月`.
    pub month_text: String,
    /// 本月完成投资, 万元.
    pub invested_text: String,
    /// 1–M月累计, 万元 (from the months sent).
    pub cumulative_text: String,
    /// The figure the office last accepted, 万元, when it differs from the one sent.
    pub accepted_text: Option<String>,
    /// `submitted`, `accepted` or `returned`.
    pub status: String,
    /// In words.
    pub status_name: String,
    /// 形象进度.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步计划.
    pub next_steps: String,
    /// Why a figure was corrected.
    pub correction_reason: String,
    /// The office's note.
    pub review_note: String,
    /// When it was sent, in words.
    pub submitted_at_text: String,
    /// Its files.
    pub files: Vec<ReportFileOut>,
    /// Version, for sending again or deciding.
    pub version: i64,
}

/// A month owed without a report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwedOut {
    /// `2020-05`.
    pub month: String,
    /// `2020年5月`.
    pub month_text: String,
    /// Due day in words.
    pub due_text: String,
    /// Whether the due day has passed (缺报).
    pub missing: bool,
}

/// A coordination issue as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssueOut {
    /// Id.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in words.
    pub kind_name: String,
    /// In a line.
    pub title: String,
    /// More.
    pub detail: String,
    /// The handling unit.
    pub unit: String,
    /// Its id.
    pub unit_id: i64,
    /// The coordinating leader.
    pub leader: String,
    /// Deadline.
    pub due_on: chrono::NaiveDate,
    /// Deadline in words.
    pub due_text: String,
    /// Days past the deadline, not closed (0 otherwise).
    pub overdue_days: i64,
    /// `open`, `answered`, `closed`.
    pub status: String,
    /// In words.
    pub status_name: String,
    /// The handling unit's answer.
    pub answer: String,
    /// The office's note.
    pub office_note: String,
    /// When raised, in words.
    pub raised_at_text: String,
    /// Whether the reader may answer it (the handling unit, while open).
    pub may_answer: bool,
    /// Version, for answering or deciding.
    pub version: i64,
}

/// `i` as shown to `reader`.
pub fn issue_out(i: &Issue, dir: &Directory, reader: &Reader, today: chrono::NaiveDate, lang: Lang) -> IssueOut {
    IssueOut {
        id: i.id,
        project_id: i.project_id,
        kind: i.kind.clone(),
        kind_name: IssueKind::parse(&i.kind)
            .map(|k| k.name(lang))
            .unwrap_or_default()
            .to_string(),
        title: i.title.clone(),
        detail: i.detail.clone(),
        unit: dir.unit_name(Some(i.unit_id)),
        unit_id: i.unit_id,
        leader: dir.leader_name(i.leader_id),
        due_on: i.due_on,
        due_text: fmt_date(i.due_on, lang),
        overdue_days: if i.status == "closed" {
            0
        } else {
            (today - i.due_on).num_days().max(0)
        },
        status: i.status.clone(),
        status_name: IssueStatus::parse(&i.status)
            .map(|s| s.name(lang))
            .unwrap_or_default()
            .to_string(),
        answer: i.answer.clone(),
        office_note: i.office_note.clone(),
        raised_at_text: instant_text(Some(i.raised_at), lang),
        may_answer: i.status == "open" && reader.unit() == Some(i.unit_id),
        version: i.version,
    }
}

/// A month of the warning's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WarningMonth {
    /// `2020-05`.
    pub month: String,
    /// `2020年5月`.
    pub month_text: String,
    /// Light code.
    pub light: String,
    /// In words.
    pub light_name: String,
    /// Why.
    pub explanation: String,
}

/// What the reader may do on the page.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct ProjectMays {
    /// Send a monthly report (the responsible unit, while the project reports).
    pub report: bool,
    /// Accept or return reports, close or return issues, change the project (the office).
    pub keep: bool,
    /// Raise a coordination issue (the responsible unit or the office).
    pub raise_issue: bool,
}

/// A project whole.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDetail {
    /// The ledger row, with its warning.
    pub project: ProjectRow,
    /// 建设内容.
    pub content: String,
    /// Planned start (`2020-03`).
    pub planned_start: String,
    /// Planned completion.
    pub planned_finish: String,
    /// Actual start, in words (`2019年4月`).
    pub actual_start: Option<String>,
    /// Actual completion, in words.
    pub actual_finish: Option<String>,
    /// This year's plan beside its baseline.
    pub year: Option<YearOut>,
    /// Planned against accepted investment, by month.
    pub chart: InvestChart,
    /// Monthly reports, the latest month first.
    pub reports: Vec<MonthlyOut>,
    /// Months owed without a report, the oldest first.
    pub owed: Vec<OwedOut>,
    /// Coordination issues, open first.
    pub issues: Vec<IssueOut>,
    /// Approval nodes.
    pub nodes: Vec<NodeOut>,
    /// The warning by month, the latest first.
    pub history: Vec<WarningMonth>,
    /// Figures changed, with their reasons, oldest first.
    pub changes: Vec<ChangeOut>,
    /// What the reader may do.
    pub may: ProjectMays,
    /// The plan task it belongs to.
    pub task_id: Option<i64>,
}

fn size_text(n: i64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", (n + 1023) / 1024)
    }
}

fn status_name(status: &str, lang: Lang) -> String {
    match status {
        "submitted" => lang.pick("待审核", "Awaiting review"),
        "accepted" => lang.pick("已采纳", "Accepted"),
        "returned" => lang.pick("已退回", "Returned"),
        _ => lang.pick("其他", "Other"),
    }
    .to_string()
}

/// `reports` as shown, each with the year's cumulative figure up to it.
fn reports_out(reports: &[MonthlyReport], files: &HashMap<i64, Vec<ReportFileOut>>, lang: Lang) -> Vec<MonthlyOut> {
    let mut by_month: Vec<&MonthlyReport> = reports.iter().collect();
    by_month.sort_by(|a, b| a.month.cmp(&b.month));
    let mut cumulative: HashMap<i64, Wan> = HashMap::new();
    let mut run = (0, Wan(0));
    for r in by_month {
        let year = Month::parse(&r.month).map(|m| m.year).unwrap_or(0);
        if run.0 != year {
            run = (year, Wan(0));
        }
        run.1 = run.1 + Wan(r.invested);
        cumulative.insert(r.id, run.1);
    }
    reports
        .iter()
        .map(|r| MonthlyOut {
            id: r.id,
            month: r.month.clone(),
            month_text: month_text(&r.month, lang),
            invested_text: Wan(r.invested).wan_text(),
            cumulative_text: cumulative.get(&r.id).copied().unwrap_or_default().wan_text(),
            accepted_text: r.accepted.filter(|a| *a != r.invested).map(|a| Wan(a).wan_text()),
            status_name: status_name(&r.status, lang),
            status: r.status.clone(),
            progress: r.progress.clone(),
            problems: r.problems.clone(),
            next_steps: r.next_steps.clone(),
            correction_reason: r.correction_reason.clone(),
            review_note: r.review_note.clone(),
            submitted_at_text: instant_text(Some(r.submitted_at), lang),
            files: files.get(&r.id).cloned().unwrap_or_default(),
            version: r.version,
        })
        .collect()
}

/// Project `id` whole, if `reader` may see it.
pub async fn detail(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<ProjectDetail> {
    let today = state.clock.today();
    let year = today.year();
    state
        .judged_days
        .ensure(&state.store, reader.region, luoshi_lights::Judged::Projects, today)
        .await?;
    let mut c = state.store.conn().await?;
    let p = reader.project(&mut c, id).await?;
    let region = reader.region;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    let categories = luoshi_store::project::categories(&mut c, region).await?;
    let y = luoshi_store::project::year_plan(&mut c, region, id, year).await?;
    let changes = luoshi_store::project::changes(&mut c, region, id).await?;
    let nodes = luoshi_store::project::nodes(&mut c, region, id).await?;
    let st = luoshi_store::project_state::state(&mut c, region, id).await?;
    let reports = luoshi_store::project_report::of_project(&mut c, region, id).await?;
    let mut files: HashMap<i64, Vec<ReportFileOut>> = HashMap::new();
    for f in luoshi_store::project_report::files_of_project(&mut c, region, id).await? {
        files.entry(f.report_id).or_default().push(ReportFileOut {
            id: f.id,
            name: f.file_name,
            size_text: size_text(f.size),
        });
    }
    let issues = luoshi_store::project_issue::of_project(&mut c, region, id).await?;
    let history = luoshi_store::project_state::history(&mut c, region, id).await?;
    let plan = y.as_ref().map(|y| y.plan).unwrap_or(0);
    let monthly: Vec<(u32, Wan)> = reports
        .iter()
        .filter_map(|r| Some((Month::parse(&r.month)?, Wan(r.accepted?))))
        .filter(|(m, _)| m.year == year)
        .map(|(m, w)| (m.month, w))
        .collect();
    let office = reader.scope == Scope::Region && reader.role == luoshi_domain::Role::Supervisor;
    let responsible = reader.unit() == Some(p.unit_id);
    let reporting = Stage::parse(&p.stage).is_some_and(owed::reports_at);
    Ok(ProjectDetail {
        project: row(&p, plan, st.as_ref(), &categories, &dir, lang),
        content: p.content.clone(),
        planned_start: p.planned_start.clone(),
        planned_finish: p.planned_finish.clone(),
        actual_start: p.actual_start.as_deref().map(|m| month_text(m, lang)),
        actual_finish: p.actual_finish.as_deref().map(|m| month_text(m, lang)),
        year: y.as_ref().map(|y| year_out(&p, y, lang)),
        chart: chart(Wan(plan), &monthly, lang),
        reports: reports_out(&reports, &files, lang),
        owed: st
            .as_ref()
            .map(|s| luoshi_lights::decode_owed(&s.owed))
            .unwrap_or_default()
            .into_iter()
            .map(|(m, missing)| OwedOut {
                month: m.code(),
                month_text: m.text(lang),
                due_text: fmt_date(owed::due_of(m), lang),
                missing,
            })
            .collect(),
        issues: issues.iter().map(|i| issue_out(i, &dir, reader, today, lang)).collect(),
        nodes: nodes
            .iter()
            .map(|n| NodeOut {
                may_keep: reader.keeps_node(&p, n),
                ..node_out(n, &dir, lang)
            })
            .collect(),
        history: history
            .iter()
            .map(|h| {
                let (light, light_name, explanation) = warning_words(Some((&h.light, &h.reason)), lang);
                WarningMonth {
                    month_text: month_text(&h.month, lang),
                    month: h.month.clone(),
                    light,
                    light_name,
                    explanation,
                }
            })
            .collect(),
        changes: changes.iter().map(|c| change_out(c, lang)).collect(),
        task_id: p.task_id,
        may: ProjectMays {
            report: responsible && reporting,
            keep: office,
            raise_issue: office || responsible,
        },
    })
}
