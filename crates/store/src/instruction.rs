//! Leaders' instructions (领导批示) and their answers (落实情况). Each is read with the names a
//! list shows beside it (who wrote it, the task, the order it is on or was made into), so a
//! list is one query.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{InstructionStatus, InstructionTarget};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::{Result, StoreError},
};

/// An instruction, with the names shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Instruction {
    /// Its id.
    pub id: i64,
    /// What it is written on.
    #[sqlx(try_from = "crate::code::Code<InstructionTarget>")]
    pub target: InstructionTarget,
    /// The task it concerns (that of the report or order), if any.
    pub task_id: Option<i64>,
    /// The report it is written on.
    pub report_id: Option<i64>,
    /// The order it is written on.
    pub supervision_id: Option<i64>,
    /// The unit that must answer.
    pub unit_id: i64,
    /// The leader's account that wrote it.
    pub written_by: i64,
    /// The instruction.
    pub content: String,
    /// When it was written.
    pub written_at: DateTime<Utc>,
    /// The answer deadline.
    pub answer_due: NaiveDate,
    /// Where it stands.
    #[sqlx(try_from = "crate::code::Code<InstructionStatus>")]
    pub status: InstructionStatus,
    /// The unit's answer (落实情况).
    pub answer: String,
    /// Who answered.
    pub answered_by: Option<i64>,
    /// When.
    pub answered_at: Option<DateTime<Utc>>,
    /// The supervision order made of it.
    pub order_id: Option<i64>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// The writer's name.
    pub writer_name: String,
    /// The writer's title (副市长), when the account is a leader's.
    pub writer_title: Option<String>,
    /// The task's title.
    pub task_title: Option<String>,
    /// The number of the order it is on.
    pub on_doc_no: Option<String>,
    /// The number of the order made of it.
    pub order_doc_no: Option<String>,
}

macro_rules! select_instruction {
    () => {
        "SELECT i.id, i.target, i.task_id, i.report_id, i.supervision_id, i.unit_id, i.written_by,
            i.content, i.written_at, i.answer_due, i.status, i.answer, i.answered_by, i.answered_at,
            i.order_id, i.updated_at, i.version,
            w.display_name AS writer_name, l.title AS writer_title, t.title AS task_title,
            s.doc_no AS on_doc_no, o.doc_no AS order_doc_no
         FROM instruction i
         JOIN app_user w ON w.region_id = i.region_id AND w.id = i.written_by
         LEFT JOIN leader l ON l.region_id = w.region_id AND l.id = w.leader_id
         LEFT JOIN task t ON t.region_id = i.region_id AND t.id = i.task_id
         LEFT JOIN supervision s ON s.region_id = i.region_id AND s.id = i.supervision_id
         LEFT JOIN supervision o ON o.region_id = i.region_id AND o.id = i.order_id"
    };
}

/// What a new instruction carries.
#[derive(Debug, Clone)]
pub struct NewInstruction<'a> {
    /// What it is written on.
    pub target: InstructionTarget,
    /// The task it concerns.
    pub task_id: Option<i64>,
    /// The report it is on.
    pub report_id: Option<i64>,
    /// The order it is on.
    pub supervision_id: Option<i64>,
    /// The unit that must answer.
    pub unit_id: i64,
    /// The leader's account.
    pub written_by: i64,
    /// The text.
    pub content: &'a str,
    /// The answer deadline.
    pub answer_due: NaiveDate,
}

/// Records an instruction; returns its id.
pub async fn insert(tx: &mut Tx, region: RegionId, n: &NewInstruction<'_>, now: DateTime<Utc>) -> Result<i64> {
    let new_id = crate::ids::next(tx, "instruction").await?;
    let (id,): (i64,) = fetch_one!(
        tx,
        (i64,),
        "INSERT INTO instruction (region_id, target, task_id, report_id, supervision_id, unit_id, written_by,
            content, written_at, answer_due, updated_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11) RETURNING id",
        region,
        n.target.code(),
        n.task_id,
        n.report_id,
        n.supervision_id,
        n.unit_id,
        n.written_by,
        n.content,
        now,
        n.answer_due,
        new_id
    )?;
    Ok(id)
}

/// One instruction.
pub async fn instruction(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Instruction>> {
    Ok(fetch_optional!(
        conn,
        Instruction,
        concat!(select_instruction!(), " WHERE i.region_id = $1 AND i.id = $2"),
        region,
        id
    )?)
}

/// Which instructions a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Which {
    /// Only those one account wrote (a leader's own).
    pub written_by: Option<i64>,
    /// Only those one unit must answer.
    pub unit_id: Option<i64>,
    /// Only those in one status.
    pub status: Option<InstructionStatus>,
    /// Only those still open after their deadline on this day.
    pub overdue_on: Option<NaiveDate>,
}

/// The region's instructions chosen by `w`: open ones first, by deadline, then the newest; a
/// page at a time.
pub async fn instructions(
    conn: &mut Conn,
    region: RegionId,
    w: Which,
    limit: i64,
    offset: i64,
) -> Result<Vec<Instruction>> {
    Ok(fetch_all!(
        conn,
        Instruction,
        concat!(
            select_instruction!(),
            " WHERE i.region_id = $1
               AND ($2 = 0 OR i.written_by = $2)
               AND ($3 = 0 OR i.unit_id = $3)
               AND ($4 = '' OR i.status = $4)
               AND ($5 = '' OR (i.status = 'open' AND i.answer_due < $6))
             ORDER BY CASE WHEN i.status = 'open' THEN 0 ELSE 1 END, i.answer_due, i.written_at DESC, i.id DESC
             LIMIT $7 OFFSET $8"
        ),
        region,
        w.written_by.unwrap_or(0),
        w.unit_id.unwrap_or(0),
        w.status.map(|s| s.code()).unwrap_or(""),
        if w.overdue_on.is_some() { "yes" } else { "" },
        w.overdue_on.unwrap_or_default(),
        limit,
        offset
    )?)
}

/// How many instructions `w` chooses.
pub async fn count(conn: &mut Conn, region: RegionId, w: Which) -> Result<i64> {
    let (n,): (i64,) = fetch_one!(
        conn,
        (i64,),
        "SELECT COUNT(*) FROM instruction i
         WHERE i.region_id = $1
           AND ($2 = 0 OR i.written_by = $2)
           AND ($3 = 0 OR i.unit_id = $3)
           AND ($4 = '' OR i.status = $4)
           AND ($5 = '' OR (i.status = 'open' AND i.answer_due < $6))",
        region,
        w.written_by.unwrap_or(0),
        w.unit_id.unwrap_or(0),
        w.status.map(|s| s.code()).unwrap_or(""),
        if w.overdue_on.is_some() { "yes" } else { "" },
        w.overdue_on.unwrap_or_default()
    )?;
    Ok(n)
}

/// The instructions about a task (on it, its reports or its orders), newest first.
pub async fn of_task(conn: &mut Conn, region: RegionId, task_id: i64) -> Result<Vec<Instruction>> {
    Ok(fetch_all!(
        conn,
        Instruction,
        concat!(
            select_instruction!(),
            " WHERE i.region_id = $1 AND i.task_id = $2 ORDER BY i.written_at DESC, i.id DESC"
        ),
        region,
        task_id
    )?)
}

/// The instructions written on an order, newest first.
pub async fn of_order(conn: &mut Conn, region: RegionId, order_id: i64) -> Result<Vec<Instruction>> {
    Ok(fetch_all!(
        conn,
        Instruction,
        concat!(
            select_instruction!(),
            " WHERE i.region_id = $1 AND i.supervision_id = $2 ORDER BY i.written_at DESC, i.id DESC"
        ),
        region,
        order_id
    )?)
}

/// The version an update expected was not the current one: a conflict naming the current.
async fn conflict(tx: &mut Tx, region: RegionId, id: i64) -> Result<StoreError> {
    let current = instruction(tx, region, id).await?.map(|i| i.version).unwrap_or(0);
    Ok(StoreError::Conflict {
        entity: "instruction",
        id,
        current,
    })
}

/// `Ok` when the update changed the row; otherwise the conflict naming the current version.
async fn changed(tx: &mut Tx, region: RegionId, id: i64, n: u64) -> Result<()> {
    if n == 0 {
        return Err(conflict(tx, region, id).await?);
    }
    Ok(())
}

/// Records the unit's answer to an open instruction read at `version`.
pub async fn answer(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    content: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE instruction SET status = 'answered', answer = $4, answered_by = $5, answered_at = $6,
            updated_at = $6, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        content,
        by,
        now
    )?;
    changed(tx, region, id, n).await
}

/// Moves the answer deadline of an open instruction read at `version`.
pub async fn set_due(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    due: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE instruction SET answer_due = $4, updated_at = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        due,
        now
    )?;
    changed(tx, region, id, n).await
}

/// Marks an open instruction read at `version` as made into order `order_id`.
pub async fn mark_ordered(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    order_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE instruction SET status = 'ordered', order_id = $4, updated_at = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3 AND status = 'open'",
        region,
        id,
        version,
        order_id,
        now
    )?;
    changed(tx, region, id, n).await
}
