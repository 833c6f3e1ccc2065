//! Coordination issues (协调事项) raised on key projects: routed to a handling unit and a leader
//! with a deadline, answered by the unit, closed or returned by the office; how many reminders
//! an overdue one has had.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A coordination issue as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Issue {
    /// Its id.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// Kind code (`land`, `funding`, …).
    pub kind: String,
    /// What needs coordinating, in a line.
    pub title: String,
    /// More about it.
    pub detail: String,
    /// Who raised it.
    pub raised_by: i64,
    /// When.
    pub raised_at: DateTime<Utc>,
    /// The handling unit.
    pub unit_id: i64,
    /// The leader who coordinates it.
    pub leader_id: Option<i64>,
    /// By when it should be solved.
    pub due_on: NaiveDate,
    /// `open`, `answered` or `closed`.
    pub status: String,
    /// The handling unit's answer.
    pub answer: String,
    /// Who answered.
    pub answered_by: Option<i64>,
    /// When.
    pub answered_at: Option<DateTime<Utc>>,
    /// The office's note when it closed or returned it.
    pub office_note: String,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Reminders sent since it fell overdue.
    pub reminded: i64,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new issue needs.
#[derive(Debug, Clone, Copy)]
pub struct NewIssue<'a> {
    /// The project.
    pub project_id: i64,
    /// Kind code.
    pub kind: &'a str,
    /// In a line.
    pub title: &'a str,
    /// More.
    pub detail: &'a str,
    /// The handling unit.
    pub unit_id: i64,
    /// The coordinating leader.
    pub leader_id: Option<i64>,
    /// Deadline.
    pub due_on: NaiveDate,
}

/// Raises an issue; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, i: NewIssue<'_>, by: i64, at: DateTime<Utc>) -> Result<i64> {
    let id = crate::ids::next(tx, "project_issue").await?;
    execute!(
        tx,
        "INSERT INTO project_issue (region_id, id, project_id, kind, title, detail, raised_by, raised_at, unit_id,
            leader_id, due_on, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open')",
        region,
        id,
        i.project_id,
        i.kind,
        i.title,
        i.detail,
        by,
        at,
        i.unit_id,
        i.leader_id,
        i.due_on
    )?;
    Ok(id)
}

/// Issue `id`.
pub async fn issue(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Issue>> {
    Ok(fetch_optional!(
        conn,
        Issue,
        "SELECT id, project_id, kind, title, detail, raised_by, raised_at, unit_id, leader_id, due_on, status, answer,
            answered_by, answered_at, office_note, closed_at, reminded, version
         FROM project_issue WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// A project's issues, open ones first, then by deadline.
pub async fn of_project(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<Issue>> {
    Ok(fetch_all!(
        conn,
        Issue,
        "SELECT id, project_id, kind, title, detail, raised_by, raised_at, unit_id, leader_id, due_on, status, answer,
            answered_by, answered_at, office_note, closed_at, reminded, version
         FROM project_issue WHERE region_id = $1 AND project_id = $2
         ORDER BY CASE status WHEN 'closed' THEN 1 ELSE 0 END, due_on, id",
        region,
        project
    )?)
}

/// The region's issues not closed, the earliest deadline first.
pub async fn unclosed(conn: &mut Conn, region: RegionId) -> Result<Vec<Issue>> {
    Ok(fetch_all!(
        conn,
        Issue,
        "SELECT id, project_id, kind, title, detail, raised_by, raised_at, unit_id, leader_id, due_on, status, answer,
            answered_by, answered_at, office_note, closed_at, reminded, version
         FROM project_issue WHERE region_id = $1 AND status <> 'closed' ORDER BY due_on, id",
        region
    )?)
}

/// The open issues `unit` handles, the earliest deadline first.
pub async fn open_for_unit(conn: &mut Conn, region: RegionId, unit: i64) -> Result<Vec<Issue>> {
    Ok(fetch_all!(
        conn,
        Issue,
        "SELECT id, project_id, kind, title, detail, raised_by, raised_at, unit_id, leader_id, due_on, status, answer,
            answered_by, answered_at, office_note, closed_at, reminded, version
         FROM project_issue WHERE region_id = $1 AND unit_id = $2 AND status = 'open' ORDER BY due_on, id",
        region,
        unit
    )?)
}

/// The region's issues, every state, the latest raised first (at most `limit`).
pub async fn all(conn: &mut Conn, region: RegionId, limit: i64) -> Result<Vec<Issue>> {
    Ok(fetch_all!(
        conn,
        Issue,
        "SELECT id, project_id, kind, title, detail, raised_by, raised_at, unit_id, leader_id, due_on, status, answer,
            answered_by, answered_at, office_note, closed_at, reminded, version
         FROM project_issue WHERE region_id = $1 ORDER BY raised_at DESC, id DESC LIMIT $2",
        region,
        limit
    )?)
}

/// An issue whose deadline is before a day, as the warnings read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DueRow {
    /// The project.
    pub project_id: i64,
    /// In a line.
    pub title: String,
    /// Deadline.
    pub due_on: NaiveDate,
    /// When raised.
    pub raised_at: DateTime<Utc>,
    /// When closed, if it is.
    pub closed_at: Option<DateTime<Utc>>,
}

/// Issues whose deadline is before `day`, closed or not, of `project` or of every project with
/// `project = 0`, the earliest deadline first.
pub async fn due_before(conn: &mut Conn, region: RegionId, project: i64, day: NaiveDate) -> Result<Vec<DueRow>> {
    Ok(fetch_all!(
        conn,
        DueRow,
        "SELECT project_id, title, due_on, raised_at, closed_at FROM project_issue
         WHERE region_id = $1 AND due_on < $2 AND ($3 = 0 OR project_id = $3)
         ORDER BY project_id, due_on, id",
        region,
        day,
        project
    )?)
}

/// The handling unit answers issue `id` at `version`, open; false otherwise.
pub async fn answer(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    answer: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE project_issue SET status = 'answered', answer = $4, answered_by = $5, answered_at = $6,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        answer,
        by,
        at
    )?;
    Ok(n > 0)
}

/// The office closes issue `id` at `version` (solved) or returns it to the handling unit
/// (open again, with `note`); false when it is closed or changed since.
pub async fn decide(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    close: bool,
    note: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let n = if close {
        execute!(
            tx,
            "UPDATE project_issue SET status = 'closed', office_note = $4, closed_at = $5, version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status <> 'closed'",
            region,
            id,
            version,
            note,
            at
        )?
    } else {
        execute!(
            tx,
            "UPDATE project_issue SET status = 'open', office_note = $4, version = version + 1
             WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'answered'",
            region,
            id,
            version,
            note
        )?
    };
    Ok(n > 0)
}

/// Counts one more reminder on issue `id` if it has had `had` (one step, so two workers never
/// send the same reminder twice); false when another counted it first.
pub async fn count_reminder(tx: &mut Tx, region: RegionId, id: i64, had: i64) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE project_issue SET reminded = reminded + 1 WHERE region_id = $1 AND id = $2 AND reminded = $3
            AND status <> 'closed'",
        region,
        id,
        had
    )?;
    Ok(n > 0)
}
