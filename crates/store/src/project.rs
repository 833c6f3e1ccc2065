//! Key projects (重点项目): the region's categories, the projects with their current figures,
//! each year's plan beside the baseline the year began with, the history of figures changed with
//! a reason, and the approval nodes (审批节点). Money is in hundredths of 万元, months `2020-06`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    RegionId,
    conn::{Conn, Tx},
    error::Result,
};

/// A category of projects (产业, 基础设施, …), editable per region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Category {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Place in lists.
    pub sort: i64,
    /// Whether offered for new projects.
    pub active: bool,
}

/// Adds a category; returns its id.
pub async fn insert_category(tx: &mut Tx, region: RegionId, name: &str, sort: i64) -> Result<i64> {
    let id = crate::ids::next(tx, "project_category").await?;
    execute!(
        tx,
        "INSERT INTO project_category (region_id, id, name, sort) VALUES ($1, $2, $3, $4)",
        region,
        id,
        name,
        sort
    )?;
    Ok(id)
}

/// The region's categories, in order.
pub async fn categories(conn: &mut Conn, region: RegionId) -> Result<Vec<Category>> {
    Ok(fetch_all!(
        conn,
        Category,
        "SELECT id, name, sort, active FROM project_category WHERE region_id = $1 ORDER BY sort, id",
        region
    )?)
}

/// A project as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Project {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level code (`province`, `city`, `county`).
    pub level: String,
    /// Category.
    pub category_id: i64,
    /// Nature code.
    pub nature: String,
    /// Stage code.
    pub stage: String,
    /// 建设内容.
    pub content: String,
    /// Total investment, hundredths of 万元.
    pub total: i64,
    /// Planned start and completion months.
    pub planned_start: String,
    /// Planned completion.
    pub planned_finish: String,
    /// Actual start, once started.
    pub actual_start: Option<String>,
    /// Actual completion, once built.
    pub actual_finish: Option<String>,
    /// 责任单位: reports the monthly figures.
    pub unit_id: i64,
    /// 服务单位: follows the approval procedures.
    pub service_unit_id: Option<i64>,
    /// Where it is built (a county or a zone).
    pub place_unit_id: Option<i64>,
    /// 包联领导.
    pub liaison_id: Option<i64>,
    /// The plan task it belongs to.
    pub task_id: Option<i64>,
    /// Shown on the public site.
    pub public: bool,
    /// Still on the list.
    pub active: bool,
    /// When it was put on the ledger.
    pub created_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a project's record says (new or changed).
#[derive(Debug, Clone, Copy)]
pub struct ProjectFields<'a> {
    /// Name.
    pub name: &'a str,
    /// Level code.
    pub level: &'a str,
    /// Category.
    pub category_id: i64,
    /// Nature code.
    pub nature: &'a str,
    /// Stage code.
    pub stage: &'a str,
    /// 建设内容.
    pub content: &'a str,
    /// Total, hundredths of 万元.
    pub total: i64,
    /// Planned start.
    pub planned_start: &'a str,
    /// Planned completion.
    pub planned_finish: &'a str,
    /// Actual start.
    pub actual_start: Option<&'a str>,
    /// Actual completion.
    pub actual_finish: Option<&'a str>,
    /// 责任单位.
    pub unit_id: i64,
    /// 服务单位.
    pub service_unit_id: Option<i64>,
    /// Where.
    pub place_unit_id: Option<i64>,
    /// 包联领导.
    pub liaison_id: Option<i64>,
    /// Its plan task.
    pub task_id: Option<i64>,
    /// Public.
    pub public: bool,
}

/// Adds a project with its first year's plan (which is also that year's baseline); returns its
/// id.
pub async fn insert_project(
    tx: &mut Tx,
    region: RegionId,
    f: &ProjectFields<'_>,
    year: i32,
    plan: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "project").await?;
    execute!(
        tx,
        "INSERT INTO project (region_id, id, name, level, category_id, nature, stage, content, total, planned_start,
            planned_finish, actual_start, actual_finish, unit_id, service_unit_id, place_unit_id, liaison_id, task_id,
            public, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
        region,
        id,
        f.name,
        f.level,
        f.category_id,
        f.nature,
        f.stage,
        f.content,
        f.total,
        f.planned_start,
        f.planned_finish,
        f.actual_start,
        f.actual_finish,
        f.unit_id,
        f.service_unit_id,
        f.place_unit_id,
        f.liaison_id,
        f.task_id,
        f.public,
        by,
        now
    )?;
    execute!(
        tx,
        "INSERT INTO project_year (region_id, project_id, year, plan, base_plan, base_total, base_start, base_finish)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
        region,
        id,
        year,
        plan,
        f.total,
        f.planned_start,
        f.planned_finish
    )?;
    Ok(id)
}

/// Changes a project's record if it is still at `version`; false when someone saved it since.
pub async fn update_project(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    f: &ProjectFields<'_>,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE project SET name = $4, level = $5, category_id = $6, nature = $7, stage = $8, content = $9, total = $10,
            planned_start = $11, planned_finish = $12, actual_start = $13, actual_finish = $14, unit_id = $15,
            service_unit_id = $16, place_unit_id = $17, liaison_id = $18, task_id = $19, public = $20,
            version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        f.name,
        f.level,
        f.category_id,
        f.nature,
        f.stage,
        f.content,
        f.total,
        f.planned_start,
        f.planned_finish,
        f.actual_start,
        f.actual_finish,
        f.unit_id,
        f.service_unit_id,
        f.place_unit_id,
        f.liaison_id,
        f.task_id,
        f.public
    )?;
    Ok(n > 0)
}

/// One project.
pub async fn project(conn: &mut Conn, region: RegionId, id: i64) -> Result<Option<Project>> {
    Ok(fetch_optional!(
        conn,
        Project,
        "SELECT id, name, level, category_id, nature, stage, content, total, planned_start, planned_finish,
            actual_start, actual_finish, unit_id, service_unit_id, place_unit_id, liaison_id, task_id, public, active,
            created_at, version
         FROM project WHERE region_id = $1 AND id = $2",
        region,
        id
    )?)
}

/// Every project of the region, by level, then by id.
pub async fn projects(conn: &mut Conn, region: RegionId) -> Result<Vec<Project>> {
    Ok(fetch_all!(
        conn,
        Project,
        "SELECT id, name, level, category_id, nature, stage, content, total, planned_start, planned_finish,
            actual_start, actual_finish, unit_id, service_unit_id, place_unit_id, liaison_id, task_id, public, active,
            created_at, version
         FROM project WHERE region_id = $1
         ORDER BY CASE level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, id",
        region
    )?)
}

/// A project's plan for one year, beside the baseline the year began with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct YearPlan {
    /// The year.
    pub year: i32,
    /// The plan now.
    pub plan: i64,
    /// The plan the year began with.
    pub base_plan: i64,
    /// The total the year began with.
    pub base_total: i64,
    /// The planned start the year began with.
    pub base_start: String,
    /// The planned completion the year began with.
    pub base_finish: String,
}

/// A project's plan for `year`, if it has one.
pub async fn year_plan(conn: &mut Conn, region: RegionId, project: i64, year: i32) -> Result<Option<YearPlan>> {
    Ok(fetch_optional!(
        conn,
        YearPlan,
        "SELECT year, plan, base_plan, base_total, base_start, base_finish FROM project_year
         WHERE region_id = $1 AND project_id = $2 AND year = $3",
        region,
        project,
        year
    )?)
}

/// Every project's plan for `year`, as (project, plan): one query for a whole ledger.
pub async fn year_plans(conn: &mut Conn, region: RegionId, year: i32) -> Result<Vec<(i64, i64)>> {
    Ok(fetch_all!(
        conn,
        (i64, i64),
        "SELECT project_id, plan FROM project_year WHERE region_id = $1 AND year = $2",
        region,
        year
    )?)
}

/// Sets a project's plan for `year`: a year it had keeps its baseline; a new year begins with
/// the project's figures as they are now as its baseline.
pub async fn set_year_plan(tx: &mut Tx, region: RegionId, project: i64, year: i32, plan: i64) -> Result<()> {
    let n = execute!(
        tx,
        "UPDATE project_year SET plan = $4 WHERE region_id = $1 AND project_id = $2 AND year = $3",
        region,
        project,
        year,
        plan
    )?;
    if n == 0 {
        execute!(
            tx,
            "INSERT INTO project_year (region_id, project_id, year, plan, base_plan, base_total, base_start, base_finish)
             SELECT region_id, id, $3, $4, $4, total, planned_start, planned_finish FROM project
             WHERE region_id = $1 AND id = $2",
            region,
            project,
            year,
            plan
        )?;
    }
    Ok(())
}

/// A figure of a project changed, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Change {
    /// Its id.
    pub id: i64,
    /// The field (`total`, `plan`, `planned_start`, …).
    pub field: String,
    /// As it was.
    pub old_value: String,
    /// As it is.
    pub new_value: String,
    /// Why.
    pub reason: String,
    /// Who.
    pub changed_by: i64,
    /// When.
    pub changed_at: DateTime<Utc>,
}

/// What one change of a figure records.
#[derive(Debug, Clone, Copy)]
pub struct NewChange<'a> {
    /// The field.
    pub field: &'a str,
    /// As it was.
    pub old_value: &'a str,
    /// As it is.
    pub new_value: &'a str,
    /// Why.
    pub reason: &'a str,
}

/// Records a change of a project's figure.
pub async fn record_change(
    tx: &mut Tx,
    region: RegionId,
    project: i64,
    c: &NewChange<'_>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = crate::ids::next(tx, "project_change").await?;
    execute!(
        tx,
        "INSERT INTO project_change (region_id, id, project_id, field, old_value, new_value, reason, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        region,
        id,
        project,
        c.field,
        c.old_value,
        c.new_value,
        c.reason,
        by,
        at
    )?;
    Ok(id)
}

/// A project's changes, oldest first.
pub async fn changes(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<Change>> {
    Ok(fetch_all!(
        conn,
        Change,
        "SELECT id, field, old_value, new_value, reason, changed_by, changed_at FROM project_change
         WHERE region_id = $1 AND project_id = $2 ORDER BY id",
        region,
        project
    )?)
}

/// An approval node (审批节点: 立项, 用地, 规划, 环评, 施工许可, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Node {
    /// Its id.
    pub id: i64,
    /// Its project.
    pub project_id: i64,
    /// Name.
    pub name: String,
    /// When it should be done.
    pub planned_on: NaiveDate,
    /// Who answers for it (the service unit, unless another).
    pub unit_id: Option<i64>,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// A note.
    pub note: String,
    /// Place in the list.
    pub sort: i64,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// Adds an approval node to a project; returns its id.
pub async fn insert_node(
    tx: &mut Tx,
    region: RegionId,
    project: i64,
    name: &str,
    planned_on: NaiveDate,
    unit_id: Option<i64>,
    sort: i64,
) -> Result<i64> {
    let id = crate::ids::next(tx, "project_node").await?;
    execute!(
        tx,
        "INSERT INTO project_node (region_id, id, project_id, name, planned_on, unit_id, sort)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        region,
        id,
        project,
        name,
        planned_on,
        unit_id,
        sort
    )?;
    Ok(id)
}

/// Marks a node done on `done_on` (or not done, with `None`) with a note, if it is still at
/// `version`; false when someone saved it since.
pub async fn set_node_done(
    tx: &mut Tx,
    region: RegionId,
    id: i64,
    version: i64,
    done_on: Option<NaiveDate>,
    note: &str,
) -> Result<bool> {
    let n = execute!(
        tx,
        "UPDATE project_node SET done_on = $4, note = $5, version = version + 1
         WHERE region_id = $1 AND id = $2 AND version = $3",
        region,
        id,
        version,
        done_on,
        note
    )?;
    Ok(n > 0)
}

/// A project's nodes, in order.
pub async fn nodes(conn: &mut Conn, region: RegionId, project: i64) -> Result<Vec<Node>> {
    Ok(fetch_all!(
        conn,
        Node,
        "SELECT id, project_id, name, planned_on, unit_id, done_on, note, sort, version FROM project_node
         WHERE region_id = $1 AND project_id = $2 ORDER BY sort, planned_on, id",
        region,
        project
    )?)
}
