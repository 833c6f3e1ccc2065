//! Leaders' instructions (领导批示): a leader writes one on a task, a report or an order they
//! oversee; the unit responsible answers it (落实情况); the office moves its deadline or makes a
//! supervision order of it. Every step is recorded and tells the people it concerns.

use luoshi_domain::{
    InstructionStatus, InstructionTarget, ValidationError,
    instruction::{check_answer, check_answer_due, check_instruction, default_answer_due},
};
use luoshi_lights::Change;
use luoshi_store::instruction::{self, Instruction, NewInstruction};
use serde_json::json;

use super::{Record, invalid, notify, record};
use crate::{
    AppState,
    access::{SupervisorCap, instruction::LeaderCap},
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
};

/// What an instruction is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// A task.
    Task(i64),
    /// A report.
    Report(i64),
    /// A supervision order.
    Order(i64),
}

impl On {
    /// The one of `task`, `report`, `order` given; a request naming none or several is refused.
    pub fn from_ids(task: Option<i64>, report: Option<i64>, order: Option<i64>) -> AppResult<On> {
        match (task, report, order) {
            (Some(t), None, None) => Ok(On::Task(t)),
            (None, Some(r), None) => Ok(On::Report(r)),
            (None, None, Some(o)) => Ok(On::Order(o)),
            _ => Err(target_unknown()),
        }
    }
}

fn target_unknown() -> AppError {
    AppError::Validation(vec![ValidationError::of(
        "target",
        luoshi_domain::codes::INSTRUCTION_TARGET_UNKNOWN,
    )])
}

/// What an instruction written on `on` is about: its target, task, report, order, the unit that
/// answers, and the task's responsible leader (for the oversight check).
#[derive(Debug, Clone)]
pub struct Subject {
    /// What it is written on.
    pub target: InstructionTarget,
    /// The task.
    pub task_id: Option<i64>,
    /// The report.
    pub report_id: Option<i64>,
    /// The order.
    pub supervision_id: Option<i64>,
    /// The unit that must answer.
    pub unit_id: i64,
    /// The task's responsible leader.
    pub task_leader: Option<i64>,
    /// What the subject is called (the task's title, the order's number and title).
    pub title: String,
}

/// Finds what `on` names in `region`; `NOT_FOUND` when it does not exist there, a field error
/// when it has no unit to answer.
pub async fn subject(conn: &mut luoshi_store::Conn, region: i64, on: On) -> AppResult<Subject> {
    use luoshi_store::{report, supervision, task};
    let (target, task_id, report_id, supervision_id, unit, title) = match on {
        On::Task(id) => {
            let t = task::task(conn, region, id).await?.ok_or(AppError::NotFound)?;
            (InstructionTarget::Task, Some(id), None, None, t.lead_unit_id, t.title)
        }
        On::Report(id) => {
            let r = report::report(conn, region, id).await?.ok_or(AppError::NotFound)?;
            if r.status == luoshi_domain::ReportStatus::Draft {
                return Err(AppError::NotFound);
            }
            let t = task::task(conn, region, r.task_id).await?.ok_or(AppError::NotFound)?;
            (
                InstructionTarget::Report,
                Some(r.task_id),
                Some(id),
                None,
                Some(r.unit_id),
                t.title,
            )
        }
        On::Order(id) => {
            let o = supervision::order(conn, region, id).await?.ok_or(AppError::NotFound)?;
            (
                InstructionTarget::Order,
                o.task_id,
                None,
                Some(id),
                Some(o.lead_unit_id),
                format!("{} {}", o.doc_no, o.title),
            )
        }
    };
    let task_leader = match task_id {
        Some(t) => task::task(conn, region, t).await?.and_then(|t| t.leader_id),
        None => None,
    };
    Ok(Subject {
        target,
        task_id,
        report_id,
        supervision_id,
        unit_id: unit.ok_or_else(target_unknown)?,
        task_leader,
        title,
    })
}

/// A leader writes an instruction on `on`; the unit that must answer and the office hear of it.
pub async fn write(state: &AppState, cap: &LeaderCap, on: On, content: &str) -> AppResult<i64> {
    let (s, dir) = {
        let mut conn = state.store.conn().await?;
        let s = subject(&mut conn, cap.region, on).await?;
        (s, Directory::load(&mut conn, cap.region).await?)
    };
    if !cap.oversees(&dir, s.task_leader, Some(s.unit_id)) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "target",
            luoshi_domain::codes::INSTRUCTION_NOT_OVERSEEN,
        )]));
    }
    check_instruction(content).map_err(|e| AppError::Validation(vec![e]))?;
    let content = content.trim();
    let due = default_answer_due(state.clock.today());
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = instruction::insert(
        &mut tx,
        cap.region,
        &NewInstruction {
            target: s.target,
            task_id: s.task_id,
            report_id: s.report_id,
            supervision_id: s.supervision_id,
            unit_id: s.unit_id,
            written_by: cap.actor.id,
            content,
            answer_due: due,
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::InstructionWritten { task: s.task_id },
            entity: "instruction",
            entity_id: id,
            before: None,
            after: json!({ "target": s.target.code(), "report_id": s.report_id, "supervision_id": s.supervision_id,
                "unit_id": s.unit_id, "content": content, "answer_due": due, "leader": cap.name }),
        },
        now,
    )
    .await?;
    let title = format!("{}批示：{}", cap.name, s.title);
    let body = format!(
        "{}（请于{}前反馈落实情况）",
        content,
        luoshi_domain::fmt_date(due, luoshi_domain::Lang::Zh)
    );
    let m = notify::Message {
        event_key: &format!("instruction:{id}"),
        kind: "instruction_written",
        title: &title,
        body: &body,
        link: &format!("/instructions/{id}"),
    };
    notify::tell_unit(&mut tx, &state.config, cap.region, s.unit_id, m, now).await?;
    notify::tell_office(&mut tx, &state.config, cap.region, m, now).await?;
    tx.commit().await?;
    Ok(id)
}

fn not_open() -> AppError {
    AppError::Validation(vec![ValidationError::of(
        "status",
        luoshi_domain::codes::INSTRUCTION_NOT_OPEN,
    )])
}

/// The key of the event that moved `i` to its next version: each step is delivered once.
fn step_key(i: &Instruction) -> String {
    format!("instruction:{}:v{}", i.id, i.version + 1)
}

/// The unit answers instruction `id` read at `version`; the leader who wrote it and the office
/// hear of it.
pub async fn answer(state: &AppState, viewer: &Viewer, id: i64, version: i64, content: &str) -> AppResult<()> {
    let access = {
        let mut conn = state.store.conn().await?;
        viewer.instruction(&mut conn, id).await?
    };
    if !access.answers() {
        return Err(AppError::Forbidden);
    }
    let i = access.instruction;
    if i.status != InstructionStatus::Open {
        return Err(not_open());
    }
    check_answer(content).map_err(|e| AppError::Validation(vec![e]))?;
    let content = content.trim();
    let actor = viewer.actor();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    instruction::answer(&mut tx, access.region, id, version, content, actor.id, now).await?;
    record(
        &mut tx,
        access.region,
        Record {
            actor: &actor,
            change: Change::InstructionAnswered { task: i.task_id },
            entity: "instruction",
            entity_id: id,
            before: Some(json!({ "status": i.status.code() })),
            after: json!({ "status": "answered", "answer": content, "leader": i.writer_name }),
        },
        now,
    )
    .await?;
    let title = format!("批示已反馈落实情况：{}", subject_title(&i));
    let m = notify::Message {
        event_key: &step_key(&i),
        kind: "instruction_answered",
        title: &title,
        body: content,
        link: &format!("/instructions/{id}"),
    };
    notify::tell_user(&mut tx, &state.config, access.region, i.written_by, m, now).await?;
    notify::tell_office(&mut tx, &state.config, access.region, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// What an instruction is about, in a line.
pub fn subject_title(i: &Instruction) -> String {
    match (&i.on_doc_no, &i.task_title) {
        (Some(doc), _) => doc.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => format!("#{}", i.id),
    }
}

/// The office moves the answer deadline of open instruction `id` read at `version`; the unit
/// hears of it.
pub async fn set_due(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    due: Option<chrono::NaiveDate>,
) -> AppResult<()> {
    let today = state.clock.today();
    let due = check_answer_due(due, today).map_err(|e| AppError::Validation(vec![e]))?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let i = instruction::instruction(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if i.status != InstructionStatus::Open {
        return Err(not_open());
    }
    instruction::set_due(&mut tx, cap.region, id, version, due, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::InstructionDueSet { task: i.task_id },
            entity: "instruction",
            entity_id: id,
            before: Some(json!({ "answer_due": i.answer_due })),
            after: json!({ "answer_due": due, "leader": i.writer_name }),
        },
        now,
    )
    .await?;
    let title = format!("批示反馈时限调整：{}", subject_title(&i));
    let body = format!(
        "请于{}前反馈{}批示的落实情况",
        luoshi_domain::fmt_date(due, luoshi_domain::Lang::Zh),
        i.writer_name
    );
    let m = notify::Message {
        event_key: &step_key(&i),
        kind: "instruction_due_set",
        title: &title,
        body: &body,
        link: &format!("/instructions/{id}"),
    };
    notify::tell_unit(&mut tx, &state.config, cap.region, i.unit_id, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Inside the transaction that issues order `order_id` (督〔2020〕12号) from instruction `i`
/// read at `version`: marks it made into the order, records it and tells its leader.
#[allow(clippy::too_many_arguments)]
pub async fn ordered(
    tx: &mut luoshi_store::Tx,
    state: &AppState,
    cap: &SupervisorCap,
    i: &Instruction,
    version: i64,
    order_id: i64,
    doc_no: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    if i.status != InstructionStatus::Open {
        return Err(not_open());
    }
    instruction::mark_ordered(tx, cap.region, i.id, version, order_id, now).await?;
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::InstructionOrdered { task: i.task_id },
            entity: "instruction",
            entity_id: i.id,
            before: Some(json!({ "status": i.status.code() })),
            after: json!({ "status": "ordered", "order_id": order_id, "doc_no": doc_no, "leader": i.writer_name }),
        },
        now,
    )
    .await?;
    let title = format!("批示已转督办：{doc_no}");
    let m = notify::Message {
        event_key: &format!("instruction:{}:v{}", i.id, version + 1),
        kind: "instruction_ordered",
        title: &title,
        body: &subject_title(i),
        link: &format!("/supervisions/{order_id}"),
    };
    notify::tell_user(tx, &state.config, cap.region, i.written_by, m, now).await?;
    Ok(())
}

/// The quoted source of an order made of instruction `i` (领导批示原文).
pub fn quoted(i: &Instruction) -> String {
    let who = match &i.writer_title {
        Some(t) if !t.is_empty() => format!("{t}{}", i.writer_name),
        _ => i.writer_name.clone(),
    };
    let day = luoshi_domain::fmt_date(
        i.written_at.with_timezone(&crate::clock::cst()).date_naive(),
        luoshi_domain::Lang::Zh,
    );
    format!("{who}{day}批示：{}", i.content)
}

/// A field error for an instruction list's unknown status.
pub fn status_unknown() -> AppError {
    invalid(
        "status",
        luoshi_domain::codes::INSTRUCTION_STATUS_UNKNOWN,
        "状态无效",
        "Unknown status",
    )
}

/// What the office gives to make a supervision order of an instruction; the rest (the source,
/// the quoted instruction, the task, the unit) comes from the instruction.
#[derive(Debug, Clone, Default)]
pub struct OrderOf {
    /// Level code.
    pub level: String,
    /// 督办要求.
    pub requirement: String,
    /// Reply deadline.
    pub reply_due: Option<chrono::NaiveDate>,
    /// Reply mode code.
    pub mode: String,
    /// The instruction's version as read.
    pub version: i64,
}

/// The order an instruction would be made into, as its form first shows it.
pub fn order_input(i: &Instruction, o: &OrderOf) -> luoshi_domain::OrderInput {
    let about: String = subject_title(i).chars().take(120).collect();
    luoshi_domain::OrderInput {
        level: o.level.clone(),
        source: luoshi_domain::SupervisionSource::Instruction.code().to_string(),
        title: format!("落实{}批示：{about}", i.writer_name),
        requirement: o.requirement.clone(),
        source_text: quoted(i),
        reply_due: o.reply_due,
        mode: o.mode.clone(),
    }
}

/// The office makes a supervision order of open instruction `id`: the order quotes it as its
/// source and goes to the unit that was to answer it (with the task's co-units); the
/// instruction is marked made into the order in the same transaction. Returns the order's id
/// and number.
pub async fn make_order(state: &AppState, cap: &SupervisorCap, id: i64, o: &OrderOf) -> AppResult<(i64, String)> {
    let (i, co_units) = {
        let mut conn = state.store.conn().await?;
        let i = instruction::instruction(&mut conn, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let co = match i.task_id {
            Some(t) => luoshi_store::task::co_units(&mut conn, cap.region, t).await?,
            None => Vec::new(),
        };
        (i, co)
    };
    if i.status != InstructionStatus::Open {
        return Err(not_open());
    }
    let input = order_input(&i, o);
    let to = super::supervision::Addressees {
        task_id: i.task_id,
        lead_unit_id: Some(i.unit_id),
        co_unit_ids: co_units.into_iter().filter(|u| *u != i.unit_id).collect(),
        proposal: None,
        instruction: Some((i, o.version)),
        dispatch: None,
    };
    super::supervision::issue(state, cap, &input, &to).await
}
