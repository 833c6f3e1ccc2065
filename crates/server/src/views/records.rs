//! What a task page shows besides the task itself: its reporting periods (sent, late, missing),
//! reports with their notes and files, change requests, history and light history.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{Cycle, Lang, Reason, RequestKind, RequestStatus, WorkCalendar, fmt_date, owed};
use luoshi_store::{
    event::TaskEvent,
    evidence::Evidence,
    report::{Report, ReportNote},
    request::TaskRequest,
    snapshot::Snapshot,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::instant_text;
use crate::{clock::cst, directory::Directory, i18n::Tr};

/// Everything stored about a task besides its row, loaded for its page.
#[derive(Debug, Clone, Default)]
pub struct TaskData {
    /// Reports, newest first.
    pub reports: Vec<Report>,
    /// Co-unit notes.
    pub notes: Vec<ReportNote>,
    /// Evidence files.
    pub evidence: Vec<Evidence>,
    /// Change requests, newest first.
    pub requests: Vec<TaskRequest>,
    /// History, newest first.
    pub events: Vec<TaskEvent>,
    /// Light history, oldest first.
    pub snapshots: Vec<Snapshot>,
    /// Users' display names by login name, for the history.
    pub names: HashMap<String, String>,
}

/// One reporting period of a task and where its report stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeriodOut {
    /// The period's first day (the report's key).
    pub period: NaiveDate,
    /// The period in words.
    pub label: String,
    /// The day the report is due (moved to a working day).
    pub due: NaiveDate,
    /// The due day in words.
    pub due_text: String,
    /// `accepted`, `submitted`, `returned`, `draft`, `missing` (due and not sent) or `open`
    /// (not yet due).
    pub state: String,
    /// The state in words.
    pub state_name: String,
    /// Sent after the due day.
    pub late: bool,
}

/// A co-unit's note.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteOut {
    /// The co-unit.
    pub unit: String,
    /// The note.
    pub body: String,
    /// When, in words.
    pub at: String,
}

/// An evidence file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceOut {
    /// File id (download at `/evidence/{id}`).
    pub id: i64,
    /// File name.
    pub name: String,
    /// Size in words, e.g. `1.2 MB`.
    pub size: String,
    /// SM3 of the bytes.
    pub sm3: String,
}

/// A change request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestOut {
    /// Request id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in words.
    pub kind_name: String,
    /// Status code.
    pub status: String,
    /// Status in words.
    pub status_name: String,
    /// The unit's reason.
    pub reason: String,
    /// What is asked, in words (the new deadline, the new title…).
    pub asks: String,
    /// Who asked and when.
    pub requested: String,
    /// The decision and its reason, in words.
    pub decision: String,
    /// Version, for the decision form.
    pub version: i64,
}

/// One entry of the task's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventOut {
    /// When, in words.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What happened, in words.
    pub text: String,
    /// Kind code, e.g. `report.returned`.
    pub kind: String,
}

/// One period of the light history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryOut {
    /// The period's first day.
    pub period: NaiveDate,
    /// A short label, e.g. `6月` / `Jun`.
    pub label: String,
    /// Light code.
    pub light: String,
    /// Progress, percent.
    pub progress: i64,
    /// The light and its rule in words.
    pub explanation: String,
    /// Left edge of its cell in the chart, in chart units.
    pub x: usize,
}

fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// Notes and files of each report, by report id.
pub fn attachments(
    data: &TaskData,
    dir: &Directory,
    lang: Lang,
) -> (HashMap<i64, Vec<NoteOut>>, HashMap<i64, Vec<EvidenceOut>>) {
    let mut notes: HashMap<i64, Vec<NoteOut>> = HashMap::new();
    for n in &data.notes {
        notes.entry(n.report_id).or_default().push(NoteOut {
            unit: dir.unit_name(Some(n.unit_id)),
            body: n.body.clone(),
            at: instant_text(Some(n.created_at), lang),
        });
    }
    let mut files: HashMap<i64, Vec<EvidenceOut>> = HashMap::new();
    for e in &data.evidence {
        files.entry(e.report_id).or_default().push(EvidenceOut {
            id: e.id,
            name: e.file_name.clone(),
            size: size_text(e.size),
            sm3: e.sm3.clone(),
        });
    }
    (notes, files)
}

/// A period's state in words (`missing`, `open`, or its report's status).
pub fn state_name(state: &str, tr: &Tr, lang: Lang) -> String {
    match state {
        "missing" => tr.t("period.missing"),
        "open" => tr.t("period.open"),
        s => luoshi_domain::ReportStatus::parse(s)
            .map(|x| lang.pick(x.names().0, x.names().1).to_string())
            .unwrap_or_default(),
    }
}

/// The task's periods from its start to the one containing `today`, newest first.
pub fn periods(
    cycle: Cycle,
    cal: &WorkCalendar,
    start: NaiveDate,
    end: Option<NaiveDate>,
    reports: &[Report],
    today: NaiveDate,
    lang: Lang,
) -> Vec<PeriodOut> {
    let tr = Tr::new(lang);
    let last = end.map_or(today, |e| e.min(today));
    let mut out = Vec::new();
    let mut p = cycle.period_containing(start);
    let current = cycle.period_containing(last);
    while p.start <= current.start {
        let due = cal.due(cycle, p);
        let report = reports.iter().find(|r| r.period == p.start);
        if !owed::is_period_of(due, start, report.is_some()) {
            p = cycle.next(p);
            continue;
        }
        let sent_on = report
            .and_then(|r| r.submitted_at)
            .map(|s| s.with_timezone(&cst()).date_naive());
        let state = owed::period_state(report.map(|r| r.status), due, today).to_string();
        let state_name = state_name(&state, &tr, lang);
        out.push(PeriodOut {
            period: p.start,
            label: cycle.label(p, lang),
            due,
            due_text: fmt_date(due, lang),
            late: sent_on.is_some_and(|s| s > due),
            state,
            state_name,
        });
        p = cycle.next(p);
    }
    out.reverse();
    out
}

/// The task's requests in words.
pub fn requests(data: &TaskData, dir: &Directory, lang: Lang) -> Vec<RequestOut> {
    data.requests
        .iter()
        .map(|r| {
            let kind = Some(r.kind);
            let status = Some(r.status);
            let asks = match kind {
                Some(RequestKind::Extension) => match lang {
                    Lang::Zh => format!(
                        "完成时限由{}延期至{}，目前进度{}%",
                        r.old_due.map(|d| fmt_date(d, lang)).unwrap_or_default(),
                        r.new_due.map(|d| fmt_date(d, lang)).unwrap_or_default(),
                        r.progress.unwrap_or(0)
                    ),
                    Lang::En => format!(
                        "deadline from {} to {}, progress so far {}%",
                        r.old_due.map(|d| fmt_date(d, lang)).unwrap_or_default(),
                        r.new_due.map(|d| fmt_date(d, lang)).unwrap_or_default(),
                        r.progress.unwrap_or(0)
                    ),
                },
                Some(RequestKind::Completion) => lang.pick("申请办结", "declare the task done").to_string(),
                Some(RequestKind::Adjustment) => [
                    r.new_title
                        .as_ref()
                        .map(|t| format!("{}{t}", lang.pick("任务名称调整为：", "title to: "))),
                    r.new_description
                        .as_ref()
                        .map(|d| format!("{}{d}", lang.pick("工作要求调整为：", "requirements to: "))),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(lang.pick("；", "; ")),
                None => String::new(),
            };
            let decision = match (status, r.decided_at) {
                (None | Some(RequestStatus::Pending), _) | (_, None) => String::new(),
                (Some(s), Some(at)) => {
                    let name = lang.pick(s.names().0, s.names().1);
                    if r.decision_note.is_empty() {
                        format!("{name} · {}", instant_text(Some(at), lang))
                    } else {
                        format!("{name}:{} · {}", r.decision_note, instant_text(Some(at), lang))
                    }
                }
            };
            RequestOut {
                id: r.id,
                kind: r.kind.code().to_string(),
                kind_name: kind
                    .map(|k| lang.pick(k.names().0, k.names().1).to_string())
                    .unwrap_or_default(),
                status: r.status.code().to_string(),
                status_name: status
                    .map(|s| lang.pick(s.names().0, s.names().1).to_string())
                    .unwrap_or_default(),
                reason: r.reason.clone(),
                asks,
                requested: format!(
                    "{} · {}",
                    dir.unit_name(Some(r.unit_id)),
                    instant_text(Some(r.requested_at), lang)
                ),
                decision,
                version: r.version,
            }
        })
        .collect()
}

/// "an extension request", "a completion request".
fn with_article(name: &str) -> String {
    let lower = name.to_lowercase();
    let article = if lower.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {lower}")
}

/// The history in words; periods are named as the task's cycle names them.
pub fn events(data: &TaskData, cycle: Cycle, lang: Lang) -> Vec<EventOut> {
    data.events
        .iter()
        .map(|e| {
            let d: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
            let s = |k: &str| {
                let raw = d[k]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| d[k].as_i64().map(|n| n.to_string()))
                    .unwrap_or_default();
                match (k, NaiveDate::parse_from_str(&raw, "%Y-%m-%d")) {
                    ("period", Ok(p)) => cycle.label(cycle.period_containing(p), lang),
                    ("answer_due", Ok(d)) => luoshi_domain::fmt_date(d, lang),
                    _ => raw,
                }
            };
            let kind_name = RequestKind::parse(&s("kind"))
                .map(|k| lang.pick(k.names().0, k.names().1).to_string())
                .unwrap_or_default();
            let text = match (e.kind.as_str(), lang) {
                ("task.created", _) => lang.pick("创建任务", "created the task").to_string(),
                ("task.updated", _) => lang.pick("修改任务", "edited the task").to_string(),
                ("task.moved", _) => lang.pick("调整上级任务", "moved the task").to_string(),
                ("task.reordered", _) => lang.pick("调整排列顺序", "reordered the task").to_string(),
                ("report.saved", Lang::Zh) => format!("保存{}进展草稿", s("period")),
                ("report.saved", Lang::En) => format!("saved a draft report for {}", s("period")),
                ("report.submitted", Lang::Zh) => format!("报送{}进展，完成进度{}%", s("period"), s("progress")),
                ("report.submitted", Lang::En) => {
                    format!("submitted the report for {} at {}%", s("period"), s("progress"))
                }
                ("report.accepted", Lang::Zh) => format!("采纳{}进展", s("period")),
                ("report.accepted", Lang::En) => format!("accepted the report for {}", s("period")),
                ("report.returned", Lang::Zh) => format!("退回{}进展：{}", s("period"), s("note")),
                ("report.returned", Lang::En) => format!("returned the report for {}: {}", s("period"), s("note")),
                ("report.noted", Lang::Zh) => format!("配合单位补充说明：{}", s("note")),
                ("report.noted", Lang::En) => format!("co-unit note: {}", s("note")),
                ("evidence.deleted", _) => lang.pick("删除附件", "removed a file").to_string(),
                ("evidence.attached", Lang::Zh) => format!("上传附件 {}", s("file")),
                ("evidence.attached", Lang::En) => format!("attached {}", s("file")),
                ("request.filed", Lang::Zh) => format!("提出{kind_name}：{}", s("reason")),
                ("request.filed", Lang::En) => format!("filed {}: {}", with_article(&kind_name), s("reason")),
                ("request.approved", Lang::Zh) => format!("批准{kind_name}"),
                ("request.approved", Lang::En) => format!("approved the {}", kind_name.to_lowercase()),
                ("request.rejected", Lang::Zh) => format!("驳回{kind_name}：{}", s("note")),
                ("request.rejected", Lang::En) => format!("rejected the {}: {}", kind_name.to_lowercase(), s("note")),
                ("supervision.issued", Lang::Zh) => format!("下发督办单{}：{}", s("doc_no"), s("title")),
                ("supervision.issued", Lang::En) => format!("issued supervision order {}: {}", s("doc_no"), s("title")),
                ("supervision.replied", Lang::Zh) => format!("答复督办单{}", s("doc_no")),
                ("supervision.replied", Lang::En) => format!("replied to supervision order {}", s("doc_no")),
                ("supervision.continued", Lang::Zh) => format!("采纳督办单{}的答复，继续督办", s("doc_no")),
                ("supervision.continued", Lang::En) => {
                    format!("accepted the reply to {}; supervision goes on", s("doc_no"))
                }
                ("supervision.returned", Lang::Zh) => format!("退回督办单{}的答复：{}", s("doc_no"), s("note")),
                ("supervision.returned", Lang::En) => format!("sent back the reply to {}: {}", s("doc_no"), s("note")),
                ("supervision.closed", Lang::Zh) => format!("督办单{}办结销号", s("doc_no")),
                ("supervision.closed", Lang::En) => format!("closed supervision order {}", s("doc_no")),
                ("instruction.written", Lang::Zh) => format!("{}批示：{}", s("leader"), s("content")),
                ("instruction.written", Lang::En) => format!("{} instructed: {}", s("leader"), s("content")),
                ("instruction.answered", Lang::Zh) => format!("反馈{}批示落实情况：{}", s("leader"), s("answer")),
                ("instruction.answered", Lang::En) => {
                    format!("answered {}'s instruction: {}", s("leader"), s("answer"))
                }
                ("instruction.due_set", Lang::Zh) => format!("{}批示的反馈时限调整为{}", s("leader"), s("answer_due")),
                ("instruction.due_set", Lang::En) => {
                    format!(
                        "moved the answer deadline of {}'s instruction to {}",
                        s("leader"),
                        s("answer_due")
                    )
                }
                ("instruction.ordered", Lang::Zh) => format!("{}批示转为督办单{}", s("leader"), s("doc_no")),
                ("instruction.ordered", Lang::En) => {
                    format!(
                        "made {}'s instruction into supervision order {}",
                        s("leader"),
                        s("doc_no")
                    )
                }
                (other, _) => other.to_string(),
            };
            EventOut {
                at: instant_text(Some(e.at), lang),
                actor: data.names.get(&e.actor).cloned().unwrap_or_else(|| e.actor.clone()),
                text,
                kind: e.kind.clone(),
            }
        })
        .collect()
}

/// Width of one period's cell in the light-history chart.
pub const CELL: usize = 24;

/// The light history in words and chart positions; the current period shows the light now.
pub fn history(
    data: &TaskData,
    cycle: Cycle,
    now: &luoshi_domain::Verdict,
    today: NaiveDate,
    lang: Lang,
) -> Vec<HistoryOut> {
    let current = cycle.period_containing(today).start;
    let live = Snapshot {
        task_id: 0,
        period: current,
        light: now.light,
        progress: i64::from(now.progress),
        time_progress: now.time_progress.map(i64::from),
        reason: serde_json::to_string(&now.reason).unwrap_or_default(),
        recorded_on: today,
    };
    data.snapshots
        .iter()
        .filter(|s| s.period < current)
        .chain(std::iter::once(&live))
        .enumerate()
        .map(|(i, s)| {
            let light = s.light;
            let reason: Option<Reason> = serde_json::from_str(&s.reason).ok();
            let explanation = match reason {
                Some(r) => format!("{}{}{}", light.name(lang), lang.pick("：", ": "), r.explain(lang)),
                None => light.name(lang).to_string(),
            };
            let p = cycle.period_containing(s.period);
            let label = match cycle.kind {
                luoshi_domain::CycleKind::Monthly => match lang {
                    Lang::Zh => format!("{}月", chrono::Datelike::month(&p.start)),
                    Lang::En => p.start.format("%b").to_string(),
                },
                _ => cycle.label(p, lang),
            };
            HistoryOut {
                period: s.period,
                label,
                light: s.light.code().to_string(),
                progress: s.progress,
                explanation,
                x: i * CELL,
            }
        })
        .collect()
}
