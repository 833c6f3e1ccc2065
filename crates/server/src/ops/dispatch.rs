//! Dispatch meetings (调度会): the office prepares one for a leader's portfolio — or, for the
//! mayor, the whole region's — with its agenda generated from the red and yellow projects and
//! the open coordination issues (`luoshi_domain::project::agenda`), then edits it; each item's
//! decision becomes, in one transaction with it, a task in the meeting's plan (made with the
//! first task), a supervision order, an issue closed, or is noted; the unit charged is told.

use chrono::NaiveDate;
use luoshi_domain::{
    Lang, Light, TaskInput, ValidationError, codes,
    project::{
        IssueKind, Outcome,
        agenda::{AgendaIssue, AgendaProject, agenda},
    },
};
use luoshi_lights::Change;
use luoshi_store::dispatch::{self as store, Decided, Item, Meeting, NewMeeting};
use serde_json::json;

use super::{Record, invalid, notify, record};
use crate::{
    AppState,
    access::SupervisorCap,
    directory::Directory,
    error::{AppError, AppResult},
};

/// A meeting as the office prepares it.
#[derive(Debug, Clone, Default)]
pub struct MeetingForm {
    /// 标题.
    pub title: String,
    /// The chair.
    pub leader_id: i64,
    /// The whole region's projects (the mayor's meeting), not only the chair's.
    pub whole: bool,
    /// The day.
    pub held_on: Option<NaiveDate>,
    /// Where.
    pub place: String,
}

fn changed(what: &str, id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("{what} {id} was changed by someone else"),
        current: Some(json!({ "entity": what, "id": id, "version": version })),
    }
}

/// Prepares a meeting with its agenda generated; returns its id.
pub async fn prepare(state: &AppState, cap: &SupervisorCap, f: &MeetingForm) -> AppResult<i64> {
    let title = f.title.trim();
    let mut errs = Vec::new();
    if title.is_empty() || title.chars().count() > 100 || luoshi_domain::text::has_hidden(title) {
        errs.push(ValidationError::of("title", codes::DISPATCH_TITLE_INVALID));
    }
    if f.held_on.is_none() {
        errs.push(ValidationError::of("held_on", codes::DISPATCH_DAY_MISSING));
    }
    let today = state.clock.today();
    state
        .judged_days
        .ensure(&state.store, cap.region, luoshi_lights::Judged::Projects, today)
        .await?;
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
    if !dir.leader(f.leader_id).is_some_and(|l| l.active) {
        errs.push(ValidationError::new(
            "leader_id",
            codes::PROJECT_CHOICE_UNKNOWN,
            "请选择主持会议的领导",
            "Choose the leader who chairs it",
        ));
    }
    let Some(held_on) = f.held_on.filter(|_| errs.is_empty()) else {
        return Err(AppError::Validation(errs));
    };
    let lines = agenda_of(&mut c, cap.region, f.leader_id, f.whole).await?;
    drop(c);
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let new = NewMeeting {
        title,
        leader_id: f.leader_id,
        whole: f.whole,
        held_on,
        place: f.place.trim(),
    };
    let id = store::insert(&mut tx, cap.region, new, cap.actor.id, now).await?;
    for (k, l) in lines.iter().enumerate() {
        store::insert_item(
            &mut tx,
            cap.region,
            id,
            k as i64 + 1,
            l.project_id,
            l.issue_id,
            &l.topic,
        )
        .await?;
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::MeetingPrepared,
            entity: "dispatch_meeting",
            entity_id: id,
            before: None,
            after: json!({ "title": title, "leader_id": f.leader_id, "whole": f.whole, "held_on": held_on,
                "items": lines.len() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The agenda of a leader's portfolio (every project, with `whole`) as judged now.
async fn agenda_of(
    c: &mut luoshi_store::Conn,
    region: i64,
    leader: i64,
    whole: bool,
) -> AppResult<Vec<luoshi_domain::project::agenda::AgendaLine>> {
    let states: std::collections::HashMap<i64, luoshi_store::project_state::ProjectState> =
        luoshi_store::project_state::states(c, region)
            .await?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let projects: Vec<luoshi_store::project::Project> = luoshi_store::project::projects(c, region)
        .await?
        .into_iter()
        .filter(|p| p.active && (whole || p.liaison_id == Some(leader)))
        .collect();
    let names: std::collections::HashMap<i64, String> = projects.iter().map(|p| (p.id, p.name.clone())).collect();
    let portfolio: Vec<AgendaProject> = projects
        .iter()
        .filter_map(|p| {
            let s = states.get(&p.id)?;
            let v = luoshi_lights::project_verdict(&s.light, &s.reason)?;
            Some(AgendaProject {
                id: p.id,
                name: p.name.clone(),
                light: v.light,
                warning: v.explain(Lang::Zh),
            })
        })
        .filter(|p| matches!(p.light, Light::Red | Light::Yellow))
        .collect();
    let issues: Vec<AgendaIssue> = luoshi_store::project_issue::unclosed(c, region)
        .await?
        .into_iter()
        .filter_map(|i| {
            Some(AgendaIssue {
                project: names.get(&i.project_id)?.clone(),
                id: i.id,
                project_id: i.project_id,
                kind: IssueKind::parse(&i.kind)
                    .map(|k| k.name(Lang::Zh))
                    .unwrap_or_default()
                    .to_string(),
                title: i.title,
                due_on: i.due_on,
            })
        })
        .collect();
    Ok(agenda(&portfolio, &issues))
}

fn check_topic(topic: &str) -> AppResult<&str> {
    let t = topic.trim();
    if t.is_empty() || t.chars().count() > 200 || luoshi_domain::text::has_hidden(t) {
        return Err(AppError::Validation(vec![ValidationError::of(
            "topic",
            codes::DISPATCH_TOPIC_INVALID,
        )]));
    }
    Ok(t)
}

/// Adds an item typed by the office to meeting `meeting`; returns its id.
pub async fn add_item(state: &AppState, cap: &SupervisorCap, meeting: i64, topic: &str) -> AppResult<i64> {
    let topic = check_topic(topic)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    store::meeting(&mut tx, cap.region, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let sort = store::items(&mut tx, cap.region, meeting)
        .await?
        .iter()
        .map(|i| i.sort)
        .max()
        .unwrap_or(0)
        + 1;
    let id = store::insert_item(&mut tx, cap.region, meeting, sort, None, None, topic).await?;
    edited(&mut tx, cap, meeting, json!({ "added": id, "topic": topic }), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes the words of an undecided item read at `version`, or (with `remove`) takes it off.
pub async fn edit_item(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    topic: &str,
    remove: bool,
) -> AppResult<()> {
    let topic = if remove { "" } else { check_topic(topic)? };
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let item = store::item(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    if !item.outcome.is_empty() {
        return Err(decided());
    }
    let done = if remove {
        store::delete_item(&mut tx, cap.region, id, version).await?
    } else {
        store::set_topic(&mut tx, cap.region, id, version, topic).await?
    };
    if !done {
        return Err(changed("dispatch_item", id, item.version));
    }
    let what = if remove {
        json!({ "removed": id, "topic": item.topic })
    } else {
        json!({ "item": id, "topic": topic })
    };
    edited(&mut tx, cap, item.meeting_id, what, now).await?;
    tx.commit().await?;
    Ok(())
}

fn decided() -> AppError {
    invalid(
        "outcome",
        codes::DISPATCH_DECIDED,
        "该议题已形成决定，不能再修改",
        "This item was decided already",
    )
}

async fn edited(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    meeting: i64,
    after: serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::MeetingEdited,
            entity: "dispatch_meeting",
            entity_id: meeting,
            before: None,
            after,
        },
        now,
    )
    .await
}

/// A decision as the office records it.
#[derive(Debug, Clone, Default)]
pub struct DecisionForm {
    /// 议定事项.
    pub decision: String,
    /// `task`, `order`, `resolved` or `noted`.
    pub outcome: String,
    /// The unit charged (a task's lead unit, an order's addressee).
    pub unit_id: Option<i64>,
    /// By when (a task's deadline, an order's reply).
    pub due_on: Option<NaiveDate>,
}

/// The meeting and item `id` read, checked for a decision.
async fn open_item(state: &AppState, cap: &SupervisorCap, id: i64) -> AppResult<(Meeting, Item)> {
    let mut c = state.store.conn().await?;
    let item = store::item(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?;
    let meeting = store::meeting(&mut c, cap.region, item.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !item.outcome.is_empty() {
        return Err(decided());
    }
    Ok((meeting, item))
}

/// Records the meeting's decision on item `id` read at `version`, and makes what it becomes.
pub async fn decide(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, f: &DecisionForm) -> AppResult<()> {
    let (meeting, item) = open_item(state, cap, id).await?;
    let decision = f.decision.trim();
    let mut errs = Vec::new();
    if decision.is_empty() || decision.chars().count() > 500 || luoshi_domain::text::has_hidden(decision) {
        errs.push(ValidationError::of("decision", codes::DISPATCH_DECISION_MISSING));
    }
    let outcome = Outcome::parse(&f.outcome);
    if outcome.is_none() {
        errs.push(ValidationError::of("outcome", codes::PROJECT_CHOICE_UNKNOWN));
    }
    let charges = matches!(outcome, Some(Outcome::Task | Outcome::Order));
    if charges && f.unit_id.is_none() {
        errs.push(ValidationError::of("unit_id", codes::DISPATCH_UNIT_MISSING));
    }
    if charges && f.due_on.is_none_or(|d| d < meeting.held_on.min(state.clock.today())) {
        errs.push(ValidationError::of("due_on", codes::DISPATCH_DUE_INVALID));
    }
    if outcome == Some(Outcome::Resolved) && item.issue_id.is_none() {
        errs.push(ValidationError::of("outcome", codes::DISPATCH_NO_ISSUE));
    }
    let Some(outcome) = outcome.filter(|_| errs.is_empty()) else {
        return Err(AppError::Validation(errs));
    };
    match outcome {
        Outcome::Order => super::dispatch_order::order(state, cap, &meeting, &item, version, decision, f).await,
        Outcome::Task => super::dispatch_order::task(state, cap, &meeting, &item, version, decision, f).await,
        Outcome::Resolved | Outcome::Noted => {
            let now = state.clock.now();
            let mut tx = state.store.begin().await?;
            let d = Decided {
                decision,
                outcome: outcome.code(),
                unit_id: None,
                due_on: None,
                task_id: None,
                order_id: None,
            };
            if !store::decide(&mut tx, cap.region, id, version, d).await? {
                return Err(changed("dispatch_item", id, item.version));
            }
            if let Some(issue) = item.issue_id.filter(|_| outcome == Outcome::Resolved) {
                close_issue(&mut tx, state, cap, issue, decision, &meeting, now).await?;
            }
            recorded(&mut tx, cap, &meeting, &item, outcome, decision, now).await?;
            tx.commit().await?;
            Ok(())
        }
    }
}

/// Closes the coordination issue an item resolved, telling its handling unit.
async fn close_issue(
    tx: &mut luoshi_store::Tx,
    state: &AppState,
    cap: &SupervisorCap,
    issue: i64,
    decision: &str,
    meeting: &Meeting,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let i = luoshi_store::project_issue::issue(tx, cap.region, issue)
        .await?
        .ok_or(AppError::NotFound)?;
    if i.status == "closed" {
        return Ok(());
    }
    let note = format!("{}议定：{decision}", meeting.title);
    if !luoshi_store::project_issue::decide(tx, cap.region, issue, i.version, true, &note, now).await? {
        return Err(changed("project_issue", issue, i.version));
    }
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::IssueClosed { project: i.project_id },
            entity: "project_issue",
            entity_id: issue,
            before: Some(json!({ "status": i.status })),
            after: json!({ "status": "closed", "note": note }),
        },
        now,
    )
    .await?;
    let title = format!("协调事项已在调度会上议定办结：{}", i.title);
    let m = notify::Message {
        event_key: &format!("project_issue:{issue}:v{}", i.version + 1),
        kind: "project_issue_closed",
        title: &title,
        body: &note,
        link: &format!("/projects/{}#issue-{issue}", i.project_id),
    };
    notify::tell_unit(tx, &state.config, cap.region, i.unit_id, m, now).await?;
    Ok(())
}

/// The audit line of a decision.
pub(crate) async fn recorded(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    meeting: &Meeting,
    item: &Item,
    outcome: Outcome,
    decision: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::MeetingDecided,
            entity: "dispatch_meeting",
            entity_id: meeting.id,
            before: None,
            after: json!({ "item": item.id, "topic": item.topic, "outcome": outcome.code(), "decision": decision }),
        },
        now,
    )
    .await
}

/// Marks meeting `id` read at `version` held.
pub async fn hold(state: &AppState, cap: &SupervisorCap, id: i64, version: i64) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let m = store::meeting(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::set_meeting(&mut tx, cap.region, id, version, "held", m.plan_id).await? {
        return Err(changed("dispatch_meeting", id, m.version));
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::MeetingHeld,
            entity: "dispatch_meeting",
            entity_id: id,
            before: Some(json!({ "status": m.status })),
            after: json!({ "status": "held" }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A task's fields made of a decision: its words, owners and deadline, reported monthly.
pub(crate) fn task_of(meeting: &Meeting, item: &Item, decision: &str, f: &DecisionForm) -> super::task::TaskForm {
    let title: String = decision.chars().take(60).collect();
    super::task::TaskForm {
        input: TaskInput {
            title,
            description: format!("{}：{}\n议定：{decision}", meeting.title, item.topic),
            start: Some(meeting.held_on),
            due: f.due_on,
            ongoing: false,
            cycle: "monthly".into(),
            cycle_due_day: 25,
            weight: 1,
            domain: "重点项目".into(),
            owner: String::new(),
            milestones: Vec::new(),
        },
        lead_unit_id: f.unit_id,
        co_unit_ids: Vec::new(),
        leader_id: Some(meeting.leader_id),
        public: false,
    }
}
