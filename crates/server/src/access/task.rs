//! What a viewer may do and see on one task: who may edit it, the actions its page offers,
//! whether it sees the lead unit's drafts, and whether it may download a report's evidence.

use crate::{access::Actor, access::SupervisorCap, auth::Viewer, error::AppError, error::AppResult};
use luoshi_domain::{ReportStatus, Role};
use luoshi_lights::PlanBoard;
use luoshi_store::{Conn, evidence::Evidence, task, task::Task};

/// What the viewer may do on this task's page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Can {
    /// Edit the task (the supervision office, or the unit that made this sub-task).
    pub edit: bool,
    /// Add sub-tasks, move and reorder (the supervision office).
    pub structure: bool,
    /// Break the task down (its lead unit).
    pub decompose: bool,
    /// Report on it and file requests (its lead unit, while it is open).
    pub report: bool,
    /// Add notes to its reports (a co-unit).
    pub note: bool,
    /// Review reports and decide requests (the supervision office).
    pub review: bool,
}

/// What `viewer` may do on the task `id` of `board`.
pub fn can(viewer: &Viewer, board: &luoshi_lights::PlanBoard, id: i64) -> Can {
    let Some(t) = board.task(id) else { return Can::default() };
    let open = t.task.done_on.is_none();
    match viewer.role {
        Role::Supervisor => Can {
            edit: true,
            structure: true,
            review: true,
            ..Can::default()
        },
        Role::UnitUser => {
            let unit = viewer.user.unit_id;
            let lead = unit.is_some() && t.task.lead_unit_id == unit;
            Can {
                edit: unit.is_some() && t.task.decomposed_by == unit,
                decompose: lead && open,
                report: lead && open,
                note: unit.is_some_and(|u| t.co_units.contains(&u)),
                ..Can::default()
            }
        }
        _ => Can::default(),
    }
}

/// Whether `viewer` sees the drafts of task `id` of `board` (their reports, files and history
/// lines): a draft is the lead unit's own until it is submitted.
pub fn sees_drafts(viewer: &Viewer, board: &PlanBoard, id: i64) -> bool {
    viewer.user.unit_id.is_some()
        && board
            .task(id)
            .is_some_and(|t| t.task.lead_unit_id == viewer.user.unit_id)
}

/// The evidence file `id` with its task, when `viewer` may download it: whoever may read the
/// task, except that a draft's files are the lead unit's own until the report is submitted.
/// `NOT_FOUND` otherwise (no one learns that a file they may not see exists).
pub async fn evidence(
    viewer: &Viewer,
    conn: &mut Conn,
    id: i64,
    today: chrono::NaiveDate,
) -> AppResult<(Evidence, i64)> {
    let reader = viewer.reader()?;
    let (e, task_id) = luoshi_store::evidence::evidence(conn, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    reader.task_board(conn, task_id, today).await?;
    if luoshi_store::report::report(conn, reader.region, e.report_id)
        .await?
        .is_some_and(|r| r.status == ReportStatus::Draft)
    {
        viewer.lead(conn, task_id).await.map_err(|_| AppError::NotFound)?;
    }
    Ok((e, task_id))
}

/// Who may edit a task: the supervision office any task, a unit only the sub-tasks it made.
#[derive(Debug, Clone)]
pub enum Editor {
    /// The supervision office.
    Office(SupervisorCap),
    /// The unit that broke its task down into this one.
    Unit {
        /// The region.
        region: i64,
        /// The unit.
        unit: i64,
        /// Who.
        actor: Actor,
    },
}

impl Editor {
    /// The region.
    pub fn region(&self) -> i64 {
        match self {
            Editor::Office(c) => c.region,
            Editor::Unit { region, .. } => *region,
        }
    }

    /// Who edits.
    pub fn actor(&self) -> &Actor {
        match self {
            Editor::Office(c) => &c.actor,
            Editor::Unit { actor, .. } => actor,
        }
    }
}

impl Viewer {
    /// The right to edit `task_id`, with the task as read now.
    pub async fn task_editor(&self, conn: &mut Conn, task_id: i64) -> AppResult<(Editor, Task)> {
        if let Ok(cap) = self.supervisor() {
            let t = task::task(conn, cap.region, task_id).await?.ok_or(AppError::NotFound)?;
            return Ok((Editor::Office(cap), t));
        }
        let reader = self.reader()?;
        let unit = reader.unit().ok_or(AppError::Forbidden)?;
        let t = task::task(conn, reader.region, task_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if t.decomposed_by == Some(unit) {
            return Ok((
                Editor::Unit {
                    region: reader.region,
                    unit,
                    actor: self.actor(),
                },
                t,
            ));
        }
        match task::unit_role_in_task(conn, reader.region, task_id, unit).await? {
            Some(_) => Err(AppError::Forbidden),
            None => Err(AppError::NotFound),
        }
    }
}
