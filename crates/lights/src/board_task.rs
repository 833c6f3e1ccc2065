//! One task of a plan's board: the task with its co-units, milestones, latest reports, light
//! and place in the tree; read from its stored light or judged afresh.

use chrono::{DateTime, Utc};
use luoshi_domain::Verdict;
use luoshi_store::{report::LatestSent, task::Milestone, task::Task};

/// One task of a board.
#[derive(Debug, Clone)]
pub struct BoardTask {
    /// The task.
    pub task: Task,
    /// Its co-units.
    pub co_units: Vec<i64>,
    /// Its milestones.
    pub milestones: Vec<Milestone>,
    /// Its latest submitted or accepted report.
    pub latest: Option<LatestSent>,
    /// When its latest accepted report was accepted (data freshness).
    pub last_accepted: Option<DateTime<Utc>>,
    /// Its light and why.
    pub verdict: Verdict,
    /// Its outline number, e.g. `2.1.3`.
    pub number: String,
    /// Its depth, 0 for top-level tasks.
    pub depth: usize,
    /// Whether it has sub-tasks.
    pub has_children: bool,
}

impl BoardTask {
    /// Whether `unit` leads or helps with this task.
    pub fn involves(&self, unit: i64) -> bool {
        self.task.lead_unit_id == Some(unit) || self.co_units.contains(&unit)
    }

    /// When the latest accepted report was accepted.
    pub fn last_accepted_at(&self) -> Option<DateTime<Utc>> {
        self.last_accepted
    }
}

/// A stored light as the verdict it was written from; `None` when its code or rule cannot be
/// read.
pub fn verdict_of(s: &luoshi_store::state::TaskState) -> Option<Verdict> {
    Some(Verdict {
        light: s.light,
        reason: serde_json::from_str(&s.reason).ok()?,
        time_progress: s.time_progress.map(|p| p.clamp(0, 100) as u8),
        progress: s.progress.clamp(0, 100) as u8,
        checked: match s.checked.as_str() {
            "" => None,
            json => Some(Box::new(serde_json::from_str(json).ok()?)),
        },
    })
}

impl BoardTask {
    /// A task with its stored light (and the co-units stored with it), as the lists show it;
    /// `None` when the stored light cannot be read. Its milestones are not loaded.
    pub fn stored(task: Task, s: &luoshi_store::state::TaskState) -> Option<BoardTask> {
        Some(BoardTask {
            verdict: verdict_of(s)?,
            latest: match (s.latest_period, s.latest_progress) {
                (Some(period), Some(progress)) => Some(LatestSent {
                    task_id: task.id,
                    period,
                    progress,
                    submitted_at: s.latest_at,
                }),
                _ => None,
            },
            last_accepted: s.last_accepted_at,
            number: s.outline.clone(),
            depth: usize::try_from(s.depth).unwrap_or(0),
            has_children: !s.leaf,
            milestones: Vec::new(),
            co_units: s.co_units.0.clone(),
            task,
        })
    }
}
