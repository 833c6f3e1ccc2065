//! Dispatch meetings (调度会): a meeting for a leader's portfolio of key projects, its agenda
//! items (a project, a coordination issue, or a topic typed), and each item's decision with
//! what it became — a task, a supervision order, an issue resolved, or noted.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Meeting {
    /// Its id.
    pub id: i64,
    /// 标题, e.g. `全市重点项目6月调度会`.
    pub title: String,
    /// The leader who chairs it.
    pub leader_id: i64,
    /// Whether it covers every project of the region (the mayor's), not only the leader's.
    pub whole: bool,
    /// The day it is (or was) held.
    pub held_on: NaiveDate,
    /// Where.
    pub place: String,
    /// `planned` or `held`.
    pub status: String,
    /// The plan its decisions' tasks go to, once one was made.
    pub plan_id: Option<i64>,
    /// Who prepared it.
    pub created_by: i64,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a new meeting needs.
#[derive(Debug, Clone, Copy)]
pub struct NewMeeting<'a> {
    /// 标题.
    pub title: &'a str,
    /// The chair.
    pub leader_id: i64,
    /// The whole region's projects.
    pub whole: bool,
    /// The day.
    pub held_on: NaiveDate,
    /// Where.
    pub place: &'a str,
}

/// Adds a meeting, planned; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, m: NewMeeting<'_>, by: i64, at: DateTime<Utc>) -> Result<i64> {
    let id = crate::ids::next(tx, "dispatch_meeting").await?;
    execute!(
        tx,
        "INSERT INTO dispatch_meeting (region_id, id, title, leader_id, whole, held_on, place, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'planned', $8, $9)",
        region,
        id,
        m.title,
        m.leader_id,
        m.whole,
        m.held_on,
        m.place,
        by,
        at
    )?;
    Ok(id)
}

/// Meeting `id`.
pub async fn meeting(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Meeting>> {
    Ok(fetch_optional!(
        conn,
        Meeting,
        "SELECT id, title, leader_id, whole, held_on, place, status, plan_id, created_by, created_at, version
         FROM dispatch_meeting WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// The region's meetings, the latest day first.
pub async fn meetings(conn: &mut Conn, region: RegionId) -> Result<Vec<Meeting>> {
    Ok(fetch_all!(
        conn,
        Meeting,
        "SELECT id, title, leader_id, whole, held_on, place, status, plan_id, created_by, created_at, version
         FROM dispatch_meeting WHERE region_id = $1 ORDER BY held_on DESC, id DESC",
        region
    )?)
}

/// Moves meeting `id` on from `version`: its status and the plan of its tasks; false when
/// someone saved it since.
pub async fn set_meeting(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    status: &str,
    plan_id: Option<i64>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE dispatch_meeting SET status = $4, plan_id = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        status,
        plan_id
    )?;
    Ok(n > 0)
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Item {
    /// Its id.
    pub id: i64,
    /// The meeting.
    pub meeting_id: i64,
    /// Place on the agenda.
    pub sort: i64,
    /// The project it is about.
    pub project_id: Option<i64>,
    /// The coordination issue it is about.
    pub issue_id: Option<i64>,
    /// The agenda's words.
    pub topic: String,
    /// The meeting's decision.
    pub decision: String,
    /// `` (undecided), `task`, `order`, `resolved` or `noted`.
    pub outcome: String,
    /// The unit charged with it.
    pub unit_id: Option<i64>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// The task it became.
    pub task_id: Option<i64>,
    /// The supervision order it became.
    pub order_id: Option<i64>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// Adds an item to meeting `meeting`; returns its id.
pub async fn insert_item(
    tx: &mut Tx,
    region: RegionId,
    meeting: i64,
    sort: i64,
    project: Option<i64>,
    issue: Option<i64>,
    topic: &str,
) -> Result<i64> {
    let id = crate::ids::next(tx, "dispatch_item").await?;
    execute!(
        tx,
        "INSERT INTO dispatch_item (region_id, id, meeting_id, sort, project_id, issue_id, topic)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        region,
        id,
        meeting,
        sort,
        project,
        issue,
        topic
    )?;
    Ok(id)
}

/// A meeting's items, in agenda order.
pub async fn items(conn: &mut Conn, region: RegionId, meeting: i64) -> Result<Vec<Item>> {
    Ok(fetch_all!(
        conn,
        Item,
        "SELECT id, meeting_id, sort, project_id, issue_id, topic, decision, outcome, unit_id, due_on, task_id, order_id,
            version
         FROM dispatch_item WHERE region_id = $1 AND meeting_id = $2 ORDER BY sort, id",
        region,
        meeting
    )?)
}

/// Item `id`.
pub async fn item(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Item>> {
    Ok(fetch_optional!(
        conn,
        Item,
        "SELECT id, meeting_id, sort, project_id, issue_id, topic, decision, outcome, unit_id, due_on, task_id, order_id,
            version
         FROM dispatch_item WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// Changes an undecided item's words at `version`; false when it moved on.
pub async fn set_topic(tx: &mut Tx, region: RegionId, id: i64, version: i64, topic: &str) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE dispatch_item SET topic = $4, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND outcome = ''",
        region,
        id,
        version,
        topic
    )?;
    Ok(n > 0)
}

/// Takes an undecided item off the agenda at `version`; false when it moved on.
pub async fn delete_item(tx: &mut Tx, region: RegionId, id: i64, version: i64) -> Result<bool> {
    let n = execute!(
        tx,
        "DELETE FROM dispatch_item WHERE region_id = $1 AND id = $2 AND version = $3 AND outcome = ''",
        region,
        id,
        version
    )?;
    Ok(n > 0)
}

/// What a decision made of an item.
#[derive(Debug, Clone, Copy)]
pub struct Decided<'a> {
    /// The decision's words.
    pub decision: &'a str,
    /// `task`, `order`, `resolved` or `noted`.
    pub outcome: &'a str,
    /// The unit charged.
    pub unit_id: Option<i64>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// The task made.
    pub task_id: Option<i64>,
    /// The order made.
    pub order_id: Option<i64>,
}

/// Records an undecided item's decision at `version`; false when it was decided or changed.
pub async fn decide(tx: &mut Tx, region: RegionId, id: i64, version: i64, d: Decided<'_>) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE dispatch_item SET decision = $4, outcome = $5, unit_id = $6, due_on = $7, task_id = $8, order_id = $9,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND outcome = ''",
        region,
        id,
        version,
        d.decision,
        d.outcome,
        d.unit_id,
        d.due_on,
        d.task_id,
        d.order_id
    )?;
    Ok(n > 0)
}
