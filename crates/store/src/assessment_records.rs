//! What an assessment reads of a region over a period, in one pass per kind of record: the tasks
//! without sub-tasks (with their co-units and cycles), the reports sent, the returns, the
//! supervision orders, the project and indicator months judged behind 序时进度, and the
//! accountability records — as `luoshi_domain::assessment::facts::Records`.

use chrono::{DateTime, Days, NaiveDate, Utc};
use luoshi_domain::{
    CycleKind,
    assessment::{
        RuleKind,
        facts::{AccountabilityRecord, MonthBehind, OrderRecord, Records, ReportRecord, ReturnRecord, TaskRecord},
        score::{Record, RecordKind},
    },
    cycle::Cycle,
    owed::china_day,
    project::Month,
};

use crate::{RegionId, conn::Conn, error::Result};

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    title: String,
    lead_unit_id: Option<i64>,
    start: NaiveDate,
    due: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    #[sqlx(try_from = "crate::code::Code<CycleKind>")]
    cycle: CycleKind,
    cycle_due_day: i64,
}

/// An order as read: id, number, lead unit, issued, reply due, closed.
type OrderRow = (i64, String, i64, DateTime<Utc>, NaiveDate, Option<NaiveDate>);

/// The records of the region that can count between `from` and `to`.
pub async fn records(conn: &mut Conn, region: RegionId, from: NaiveDate, to: NaiveDate) -> Result<Records> {
    // Tasks without sub-tasks, begun by the period's end, not done before it began.
    let tasks: Vec<TaskRow> = fetch_all!(
        conn,
        TaskRow,
        "SELECT t.id, t.title, t.lead_unit_id, t.start, t.due, t.done_on, t.cycle, t.cycle_due_day FROM task t
         WHERE t.region_id = $1 AND t.start <= $3 AND (t.done_on IS NULL OR t.done_on >= $2)
           AND NOT EXISTS (SELECT 1 FROM task c WHERE c.region_id = t.region_id AND c.parent_id = t.id)
         ORDER BY t.id",
        region,
        from,
        to
    )?;
    let co: Vec<(i64, i64)> = fetch_all!(
        conn,
        (i64, i64),
        "SELECT c.task_id, c.unit_id FROM task_co_unit c WHERE c.region_id = $1 ORDER BY c.task_id, c.unit_id",
        region
    )?;
    let mut co_of: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (t, u) in co {
        co_of.entry(t).or_default().push(u);
    }
    let tasks = tasks
        .into_iter()
        .filter_map(|t| {
            Some(TaskRecord {
                id: t.id,
                title: t.title,
                lead: t.lead_unit_id,
                co: co_of.remove(&t.id).unwrap_or_default(),
                start: t.start,
                due: t.due,
                done_on: t.done_on,
                cycle: Cycle::new(t.cycle, t.cycle_due_day).ok()?,
            })
        })
        .collect();
    // Reports on periods that can fall due in the period (a quarter's begins up to 92 days before).
    let early = from.checked_sub_days(Days::new(100)).unwrap_or(from);
    let reports: Vec<(i64, i64, i64, NaiveDate, DateTime<Utc>)> = fetch_all!(
        conn,
        (i64, i64, i64, NaiveDate, DateTime<Utc>),
        "SELECT r.id, r.task_id, r.unit_id, r.period, r.submitted_at FROM report r
         WHERE r.region_id = $1 AND r.submitted_at IS NOT NULL AND r.period >= $2 AND r.period <= $3",
        region,
        early,
        to
    )?;
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::TimeDelta::hours(8);
    let end = to.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() + chrono::TimeDelta::hours(16);
    let returns: Vec<(i64, Option<i64>, DateTime<Utc>)> = fetch_all!(
        conn,
        (i64, Option<i64>, DateTime<Utc>),
        "SELECT e.task_id, t.lead_unit_id, e.at FROM task_event e
         JOIN task t ON t.region_id = e.region_id AND t.id = e.task_id
         WHERE e.region_id = $1 AND e.kind = 'report.returned' AND e.at >= $2 AND e.at < $3",
        region,
        start,
        end
    )?;
    let orders: Vec<OrderRow> = fetch_all!(
        conn,
        OrderRow,
        "SELECT s.id, s.doc_no, s.lead_unit_id, s.issued_at, s.reply_due, s.closed_on FROM supervision s
         WHERE s.region_id = $1 AND ((s.issued_at >= $2 AND s.issued_at < $3) OR (s.reply_due >= $4 AND s.reply_due <= $5))",
        region,
        start,
        end,
        from,
        to
    )?;
    let (first, last) = (Month::of(from).code(), Month::of(to).code());
    let projects: Vec<(i64, String, i64, String)> = fetch_all!(
        conn,
        (i64, String, i64, String),
        "SELECT p.id, p.name, p.unit_id, w.month FROM project_warning w
         JOIN project p ON p.region_id = w.region_id AND p.id = w.project_id
         WHERE w.region_id = $1 AND w.month >= $2 AND w.month <= $3 AND w.rule = 'behind'
           AND w.light IN ('yellow', 'red')",
        region,
        &first,
        &last
    )?;
    let indicators: Vec<(i64, String, i64, String)> = fetch_all!(
        conn,
        (i64, String, i64, String),
        "SELECT i.id, i.name, i.unit_id, l.month FROM indicator_light l
         JOIN indicator i ON i.region_id = l.region_id AND i.id = l.indicator_id
         WHERE l.region_id = $1 AND l.month >= $2 AND l.month <= $3 AND l.rule IN ('amount', 'rate')
           AND l.light IN ('yellow', 'red')",
        region,
        &first,
        &last
    )?;
    let accountability: Vec<(i64, i64, String, String, NaiveDate)> = fetch_all!(
        conn,
        (i64, i64, String, String, NaiveDate),
        "SELECT a.id, a.unit_id, a.kind, a.reason, a.decided_on FROM accountability a
         WHERE a.region_id = $1 AND a.decided_on >= $2 AND a.decided_on <= $3",
        region,
        from,
        to
    )?;
    let behind = |kind: RecordKind, rows: Vec<(i64, String, i64, String)>| {
        rows.into_iter()
            .filter_map(move |(id, name, unit, month)| {
                Some(MonthBehind {
                    record: Record { kind, id },
                    name,
                    unit,
                    month: Month::parse(&month)?,
                })
            })
            .collect::<Vec<_>>()
    };
    Ok(Records {
        tasks,
        reports: reports
            .into_iter()
            .map(|(id, task_id, unit, period, submitted_at)| ReportRecord {
                id,
                task_id,
                unit,
                period,
                submitted_at,
            })
            .collect(),
        returns: returns
            .into_iter()
            .filter_map(|(task_id, unit, at)| {
                Some(ReturnRecord {
                    task_id,
                    unit: unit?,
                    on: china_day(at),
                })
            })
            .collect(),
        orders: orders
            .into_iter()
            .map(|(id, doc_no, lead, issued_at, reply_due, closed_on)| OrderRecord {
                id,
                doc_no,
                lead,
                issued_on: china_day(issued_at),
                reply_due,
                closed_on,
            })
            .collect(),
        behind: behind(RecordKind::Project, projects)
            .into_iter()
            .chain(behind(RecordKind::Indicator, indicators))
            .collect(),
        accountability: accountability
            .into_iter()
            .filter_map(|(id, unit, kind, reason, decided_on)| {
                Some(AccountabilityRecord {
                    id,
                    unit,
                    kind: RuleKind::parse(&kind)?,
                    reason,
                    decided_on,
                })
            })
            .collect(),
    })
}
