//! Coordination issues (协调事项) on key projects: raised by the project's responsible unit or
//! the office, routed to a handling unit and a leader with a deadline; the handling unit
//! answers; the office closes it as solved or returns the answer. Everyone whose work a step
//! decides is told; an open issue past its deadline turns the project's warning yellow.

use chrono::NaiveDate;
use luoshi_domain::{ValidationError, codes, project::IssueKind};
use luoshi_lights::Change;
use luoshi_store::project_issue::{self as store, Issue, NewIssue};
use serde_json::json;

use super::{Record, invalid, notify, record};
use crate::{
    AppState,
    access::{Actor, Scope, SupervisorCap},
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
};

/// A coordination issue as raised.
#[derive(Debug, Clone, Default)]
pub struct IssueForm {
    /// Kind code or name (`land`, `用地`).
    pub kind: String,
    /// What needs coordinating, in a line.
    pub title: String,
    /// More.
    pub detail: String,
    /// The handling unit.
    pub unit_id: i64,
    /// The coordinating leader (the project's liaison leader when none).
    pub leader_id: Option<i64>,
    /// Deadline.
    pub due_on: Option<NaiveDate>,
}

fn conflict(i: &Issue) -> AppError {
    AppError::Conflict {
        message: format!("coordination issue {} was changed by someone else", i.id),
        current: Some(json!({ "entity": "project_issue", "id": i.id, "version": i.version })),
    }
}

/// Raises an issue on project `project` (its responsible unit or the office); returns its id.
pub async fn raise(state: &AppState, viewer: &Viewer, project: i64, f: &IssueForm) -> AppResult<i64> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    let (p, dir) = {
        let mut c = state.store.conn().await?;
        let p = reader.project(&mut c, project).await?;
        (p, Directory::cached(&state.directories, &mut c, reader.region).await?)
    };
    let may = match reader.scope {
        Scope::Region => reader.role == luoshi_domain::Role::Supervisor,
        Scope::Unit(u) => u == p.unit_id,
    };
    if !may {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let kind = IssueKind::parse_words(&f.kind);
    if kind.is_none() {
        errs.push(ValidationError::of("kind", codes::PROJECT_ISSUE_KIND_UNKNOWN));
    }
    let title = f.title.trim();
    if title.is_empty() || title.chars().count() > 100 || luoshi_domain::text::has_hidden(title) {
        errs.push(ValidationError::of("title", codes::PROJECT_ISSUE_TITLE_INVALID));
    }
    if f.detail.chars().count() > luoshi_domain::project::report::MAX_TEXT {
        errs.push(ValidationError::of("detail", codes::PROJECT_CONTENT_TOO_LONG));
    }
    if !dir.unit(f.unit_id).is_some_and(|u| u.active) {
        errs.push(ValidationError::new(
            "unit_id",
            codes::PROJECT_CHOICE_UNKNOWN,
            "请选择办理单位",
            "Choose the handling unit",
        ));
    }
    let leader = f.leader_id.or(p.liaison_id);
    if f.leader_id.is_some_and(|l| !dir.leader(l).is_some_and(|l| l.active)) {
        errs.push(ValidationError::new(
            "leader_id",
            codes::PROJECT_CHOICE_UNKNOWN,
            "协调领导不是在任的领导",
            "The leader is not a leader in office",
        ));
    }
    let due = f.due_on.filter(|d| *d >= today);
    if due.is_none() {
        errs.push(ValidationError::of("due_on", codes::PROJECT_ISSUE_DUE_INVALID));
    }
    let (Some(kind), Some(due_on)) = (kind, due) else {
        return Err(AppError::Validation(errs));
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let actor: Actor = viewer.actor();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let detail = f.detail.trim();
    let new = NewIssue {
        project_id: project,
        kind: kind.code(),
        title,
        detail,
        unit_id: f.unit_id,
        leader_id: leader,
        due_on,
    };
    let id = store::insert(&mut tx, reader.region, new, actor.id, now).await?;
    record(
        &mut tx,
        reader.region,
        Record {
            actor: &actor,
            change: Change::IssueRaised { project },
            entity: "project_issue",
            entity_id: id,
            before: None,
            after: json!({ "project_id": project, "kind": kind.code(), "title": title, "unit_id": f.unit_id,
                "leader_id": leader, "due_on": due_on }),
        },
        now,
    )
    .await?;
    let message_title = format!(
        "协调事项（{}）：{title}——{}，请于{}前办理",
        kind.name(luoshi_domain::Lang::Zh),
        p.name,
        luoshi_domain::fmt_date(due_on, luoshi_domain::Lang::Zh)
    );
    let m = notify::Message {
        event_key: &format!("project_issue:{id}"),
        kind: "project_issue_raised",
        title: &message_title,
        body: detail,
        link: &format!("/projects/{project}#issues"),
    };
    notify::tell_unit(&mut tx, &state.config, reader.region, f.unit_id, m, now).await?;
    if let Some(l) = leader {
        notify::tell_leader(&mut tx, &state.config, reader.region, l, m, now).await?;
    }
    if reader.scope != Scope::Region {
        notify::tell_office(&mut tx, &state.config, reader.region, m, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The handling unit answers issue `id` read at `version`; the office is told.
pub async fn answer(state: &AppState, viewer: &Viewer, id: i64, version: i64, answer: &str) -> AppResult<()> {
    let reader = viewer.reader()?;
    let answer = answer.trim();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let i = store::issue(&mut tx, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if reader.unit() != Some(i.unit_id) {
        // Whoever may see the project but does not handle the issue may not answer it.
        reader.project(&mut tx, i.project_id).await?;
        return Err(AppError::Forbidden);
    }
    if answer.is_empty() || answer.chars().count() > luoshi_domain::project::report::MAX_TEXT {
        return Err(AppError::Validation(vec![ValidationError::of(
            "answer",
            codes::PROJECT_ISSUE_ANSWER_MISSING,
        )]));
    }
    if i.status != "open" {
        return Err(invalid(
            "status",
            codes::PROJECT_ISSUE_NOT_OPEN,
            "该协调事项已答复或已办结",
            "This issue was answered or closed",
        ));
    }
    let actor: Actor = viewer.actor();
    if !store::answer(&mut tx, reader.region, id, version, answer, actor.id, now).await? {
        return Err(conflict(&i));
    }
    record(
        &mut tx,
        reader.region,
        Record {
            actor: &actor,
            change: Change::IssueAnswered { project: i.project_id },
            entity: "project_issue",
            entity_id: id,
            before: Some(json!({ "status": i.status })),
            after: json!({ "status": "answered", "answer": answer }),
        },
        now,
    )
    .await?;
    let title = format!("协调事项已答复，请审核：{}", i.title);
    let m = notify::Message {
        event_key: &format!("project_issue:{id}:v{}", version + 1),
        kind: "project_issue_answered",
        title: &title,
        body: answer,
        link: &format!("/projects/{}#issues", i.project_id),
    };
    notify::tell_office(&mut tx, &state.config, reader.region, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The office closes issue `id` as solved, or returns its answer with `note`; the handling
/// unit is told.
pub async fn decide(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    close: bool,
    note: &str,
) -> AppResult<()> {
    let note = note.trim();
    if !close && note.is_empty() {
        return Err(AppError::Validation(vec![ValidationError::of(
            "note",
            codes::PROJECT_RETURN_NOTE_REQUIRED,
        )]));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let i = store::issue(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    let allowed = if close {
        i.status != "closed"
    } else {
        i.status == "answered"
    };
    if !allowed {
        return Err(invalid(
            "status",
            codes::PROJECT_ISSUE_NOT_OPEN,
            if close {
                "该协调事项已办结"
            } else {
                "只能退回已答复的协调事项"
            },
            if close {
                "This issue is closed already"
            } else {
                "Only an answered issue can be returned"
            },
        ));
    }
    if !store::decide(&mut tx, cap.region, id, version, close, note, now).await? {
        return Err(conflict(&i));
    }
    let project = i.project_id;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: if close {
                Change::IssueClosed { project }
            } else {
                Change::IssueReturned { project }
            },
            entity: "project_issue",
            entity_id: id,
            before: Some(json!({ "status": i.status })),
            after: json!({ "status": if close { "closed" } else { "open" }, "note": note }),
        },
        now,
    )
    .await?;
    let (kind, title) = if close {
        ("project_issue_closed", format!("协调事项已办结：{}", i.title))
    } else {
        (
            "project_issue_returned",
            format!("协调事项答复被退回，请继续办理：{}", i.title),
        )
    };
    let m = notify::Message {
        event_key: &format!("project_issue:{id}:v{}", version + 1),
        kind,
        title: &title,
        body: note,
        link: &format!("/projects/{project}#issues"),
    };
    notify::tell_unit(&mut tx, &state.config, cap.region, i.unit_id, m, now).await?;
    tx.commit().await?;
    Ok(())
}
