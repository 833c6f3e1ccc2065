//! Tasks with their stored lights, filtered, ordered and paged in the database: what the home
//! pages, lists, unit and leader pages read, so none of them loads a whole plan.

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::{SELECT, TaskState};
use crate::{
    RegionId,
    bulk::Val,
    conn::{Conn, Ex},
    error::Result,
    task::Task,
};

/// Which tasks.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Of this plan.
    pub plan_id: Option<i64>,
    /// Led or helped by this unit.
    pub involves_unit: Option<i64>,
    /// Led by this unit.
    pub lead_unit: Option<i64>,
    /// With this responsible leader, or led by a unit this leader oversees.
    pub leader_or_overseen: Option<i64>,
    /// Only these tasks (see [`portfolio`]).
    pub task_ids: Option<Vec<i64>>,
    /// Red or yellow only.
    pub red_or_yellow: bool,
    /// Of this light only.
    pub light: Option<luoshi_domain::Light>,
    /// Decided by this rule (`overdue`, `lagging`, `report_missing`).
    pub rule: Option<&'static str>,
    /// Only tasks without sub-tasks.
    pub leaf_only: bool,
}

/// In which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Plan by plan, in tree order.
    Tree,
    /// Red first, then yellow, green, done; then by deadline (none first) and id (the stored
    /// `worst` key).
    Worst,
    /// By the stored rank (worst first on a list), then id.
    Rank,
}

/// `fetch_vals!(conn, Row, sql, vals)` → every row of `sql` with `vals` bound in order.
macro_rules! fetch_vals {
    ($conn:expr, $row:ty, $sql:expr, $vals:expr) => {
        match $conn.ex() {
            Ex::Sqlite(c) => {
                bind_vals!(sqlx::query_as::<_, $row>(AssertSqlSafe($sql.clone())), $vals.iter())
                    .fetch_all(c)
                    .await
            }
            Ex::Pg(c) => {
                bind_vals!(sqlx::query_as::<_, $row>(AssertSqlSafe($sql.clone())), $vals.iter())
                    .fetch_all(c)
                    .await
            }
        }
    };
}

impl Filter {
    /// The `WHERE` clause over `task t JOIN task_state s`, its values appended to `vals`.
    fn clause(&self, region: RegionId, vals: &mut Vec<Val>) -> String {
        let arg = |v: Val, vals: &mut Vec<Val>| {
            vals.push(v);
            format!("${}", vals.len())
        };
        let mut w = format!("s.region_id = {}", arg(region.into(), vals));
        if let Some(p) = self.plan_id {
            w += &format!(" AND s.plan_id = {}", arg(p.into(), vals));
        }
        if let Some(u) = self.involves_unit {
            let a = arg(u.into(), vals);
            // The unit's own tasks, found by index and looked up by key: an OR of the two
            // made PostgreSQL read the region's every task (54 ms on a province, not 1 ms).
            w += &format!(
                " AND s.task_id IN (SELECT id FROM task WHERE region_id = $1 AND lead_unit_id = {a}
                   UNION SELECT task_id FROM task_co_unit WHERE region_id = $1 AND unit_id = {a})"
            );
        }
        if let Some(u) = self.lead_unit {
            w += &format!(" AND t.lead_unit_id = {}", arg(u.into(), vals));
        }
        if let Some(l) = self.leader_or_overseen {
            let a = arg(l.into(), vals);
            w += &format!(
                " AND (t.leader_id = {a} OR t.lead_unit_id IN (SELECT unit_id FROM leader_unit WHERE leader_id = {a}))"
            );
        }
        if let Some(ids) = &self.task_ids {
            // Integers we read, never user text.
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            if list.is_empty() {
                w += " AND 1 = 0";
            } else {
                w += &format!(" AND s.task_id IN ({})", list.join(", "));
            }
        }
        if self.red_or_yellow {
            w += " AND s.light IN ('red', 'yellow')";
        }
        if let Some(l) = self.light {
            w += &format!(" AND s.light = {}", arg(l.code().into(), vals));
        }
        if let Some(r) = self.rule {
            w += &format!(" AND s.rule = {}", arg(r.into(), vals));
        }
        if self.leaf_only {
            w += " AND s.leaf = TRUE";
        }
        w
    }

    /// Whether the filter reads the task table, not only the stored lights.
    fn needs_task(&self) -> bool {
        self.involves_unit.is_some() || self.lead_unit.is_some() || self.leader_or_overseen.is_some()
    }

    /// The `FROM` clause the filter needs (`s`, joined to `t` only when it must be).
    fn from(&self) -> &'static str {
        if self.needs_task() {
            "task_state s JOIN task t ON t.region_id = s.region_id AND t.id = s.task_id"
        } else {
            "task_state s"
        }
    }
}

/// One page of tasks with their stored lights, and how many tasks pass the filter in all.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The tasks of the page, with their lights, in order.
    pub rows: Vec<(Task, TaskState)>,
    /// Tasks passing the filter, on every page.
    pub total: i64,
}

/// The tasks passing `f`, in `order`, `limit` from `offset`.
pub async fn tasks(
    conn: &mut Conn,
    region: RegionId,
    f: &Filter,
    order: Order,
    limit: i64,
    offset: i64,
) -> Result<Page> {
    let mut vals = Vec::new();
    let clause = f.clause(region, &mut vals);
    let from = f.from();
    let total_sql = format!("SELECT COUNT(*) FROM {from} WHERE {clause}");
    let total: Vec<(i64,)> = fetch_vals!(conn, (i64,), total_sql, vals)?;
    let total = total.first().map(|(n,)| *n).unwrap_or(0);
    if total == 0 || limit <= 0 {
        return Ok(Page {
            rows: Vec::new(),
            total,
        });
    }
    let order_by = match order {
        Order::Tree => "s.plan_id, s.pos",
        Order::Worst => "s.worst, s.task_id",
        Order::Rank => "s.rank, s.task_id",
    };
    let n = vals.len();
    vals.push(limit.into());
    vals.push(offset.into());
    let sql = format!(
        "SELECT s.task_id FROM {from} WHERE {clause} ORDER BY {order_by} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let ids: Vec<i64> = fetch_vals!(conn, (i64,), sql, vals)?
        .into_iter()
        .map(|(id,)| id)
        .collect();
    let mut tasks: std::collections::HashMap<i64, Task> = crate::task::tasks_by_ids(conn, region, &ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut states: std::collections::HashMap<i64, TaskState> = of_tasks(conn, region, ids.iter().copied())
        .await?
        .into_iter()
        .map(|s| (s.task_id, s))
        .collect();
    let rows = ids
        .iter()
        .filter_map(|id| Some((tasks.remove(id)?, states.remove(id)?)))
        .collect();
    Ok(Page { rows, total })
}

/// The stored lights of some tasks.
pub async fn of_tasks(conn: &mut Conn, region: RegionId, ids: impl Iterator<Item = i64>) -> Result<Vec<TaskState>> {
    let ids: Vec<String> = ids.map(|i| i.to_string()).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are integers we read, never user text.
    let sql = format!("{SELECT} WHERE s.region_id = $1 AND s.task_id IN ({})", ids.join(", "));
    Ok(fetch_all!(conn, TaskState, AssertSqlSafe(sql), region)?)
}

/// What to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// One count for all.
    All,
    /// Per plan.
    Plan,
    /// Per lead unit.
    LeadUnit,
}

/// Tasks passing a filter, counted by light (and by plan or lead unit).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Tally {
    /// The plan or unit counted (0 for all).
    pub group_id: i64,
    /// Light code.
    pub light: String,
    /// Tasks.
    pub n: i64,
    /// Of those, whose latest report due is missing (counted per lead unit only).
    pub missing: i64,
    /// The latest acceptance of their reports (per lead unit only).
    pub last_accepted: Option<DateTime<Utc>>,
}

/// Counts the tasks passing `f` by light, per `by`.
pub async fn tally(conn: &mut Conn, region: RegionId, f: &Filter, by: By) -> Result<Vec<Tally>> {
    let mut vals = Vec::new();
    let clause = f.clause(region, &mut vals);
    // (A constant in GROUP BY would name a column by its position.)
    let (key, group) = match by {
        By::All => ("CAST(0 AS BIGINT)", "s.light"),
        By::Plan => ("s.plan_id", "s.plan_id, s.light"),
        By::LeadUnit => ("COALESCE(t.lead_unit_id, 0)", "COALESCE(t.lead_unit_id, 0), s.light"),
    };
    let from = if by == By::LeadUnit {
        "task_state s JOIN task t ON t.region_id = s.region_id AND t.id = s.task_id"
    } else {
        f.from()
    };
    if by == By::LeadUnit {
        let sql = format!(
            "SELECT {key} AS group_id, s.light, COUNT(*) AS n,
                    CAST(SUM(CASE WHEN s.rule = 'report_missing' THEN 1 ELSE 0 END) AS BIGINT) AS missing,
                    MAX(s.last_accepted_at) AS last_accepted
             FROM {from} WHERE {clause} GROUP BY {group}"
        );
        return Ok(fetch_vals!(conn, Tally, sql, vals)?);
    }
    // Lights only: answered from the index, without reading the rows.
    let sql = format!("SELECT {key}, s.light, COUNT(*) FROM {from} WHERE {clause} GROUP BY {group}");
    let rows: Vec<(i64, String, i64)> = fetch_vals!(conn, (i64, String, i64), sql, vals)?;
    Ok(rows
        .into_iter()
        .map(|(group_id, light, n)| Tally {
            group_id,
            light,
            n,
            missing: 0,
            last_accepted: None,
        })
        .collect())
}

/// A plan's tasks in tree order with their outline numbers: (id, parent, title, number).
pub async fn outline(
    conn: &mut Conn,
    region: RegionId,
    plan_id: i64,
) -> Result<Vec<(i64, Option<i64>, String, String)>> {
    Ok(fetch_all!(
        conn,
        (i64, Option<i64>, String, String),
        "SELECT t.id, t.parent_id, t.title, s.outline FROM task t JOIN task_state s ON s.region_id = t.region_id AND s.task_id = t.id
         WHERE t.region_id = $1 AND t.plan_id = $2 ORDER BY s.pos",
        region,
        plan_id
    )?)
}

/// A leader's portfolio: the tasks they are responsible for or led by a unit they oversee, and
/// every task under one of those — found a level of the tree at a time (a few small queries;
/// a recursive query misled PostgreSQL's planner into scanning every task).
pub async fn portfolio(conn: &mut Conn, region: RegionId, leader: i64) -> Result<Vec<i64>> {
    let mut all: Vec<i64> = fetch_all!(
        conn,
        (i64,),
        "SELECT id FROM task WHERE region_id = $1 AND (leader_id = $2
            OR lead_unit_id IN (SELECT unit_id FROM leader_unit WHERE region_id = $1 AND leader_id = $2))",
        region,
        leader
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let mut seen: std::collections::HashSet<i64> = all.iter().copied().collect();
    let mut frontier = all.clone();
    while !frontier.is_empty() {
        let list: Vec<String> = frontier.iter().map(i64::to_string).collect();
        // Integers we read, never user text.
        let sql = format!(
            "SELECT id FROM task WHERE region_id = $1 AND parent_id IN ({})",
            list.join(", ")
        );
        let kids: Vec<(i64,)> = fetch_all!(conn, (i64,), AssertSqlSafe(sql), region)?;
        frontier = kids.into_iter().map(|(id,)| id).filter(|id| seen.insert(*id)).collect();
        all.extend(&frontier);
    }
    Ok(all)
}
