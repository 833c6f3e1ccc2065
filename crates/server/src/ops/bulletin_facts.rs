//! What a bulletin says, gathered from live data: plans' lights, units' lines, orders and the tasks to name.

use crate::{AppState, directory::Directory, error::AppError, error::AppResult};
use chrono::{NaiveDate, NaiveTime};
use luoshi_domain::{BulletinFacts, Light, NamedTask, OrderCounts, PlanCounts, Reason, UnitLine, ValidationError};
use luoshi_lights::PlanBoard;
use luoshi_store::{Conn, RegionId, bulletin, bulletin::Bulletin, plan, supervision};

/// Gathers the facts of `from..=to` as things stood at the end of `to` (or now, when `to` is
/// today): lights of every started task without sub-tasks, by plan; overdue, lagging and
/// unreported tasks by lead unit; supervision orders issued, closed and still open.
pub async fn gather(state: &AppState, region: RegionId, from: NaiveDate, to: NaiveDate) -> AppResult<BulletinFacts> {
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let dir = Directory::load(&mut conn, region).await?;
    let mut plans = Vec::new();
    let mut total = PlanCounts {
        plan: "合计".into(),
        ..PlanCounts::default()
    };
    let mut units: Vec<(i64, UnitLine)> = Vec::new();
    for p in plan::plans(&mut conn, region).await? {
        let board = if to >= today {
            PlanBoard::load(&mut conn, region, p, today).await?
        } else {
            let end = to
                .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default())
                .and_utc();
            PlanBoard::load_as_of(&mut conn, region, p, to, end).await?
        };
        let mut c = PlanCounts {
            plan: board.plan.title.clone(),
            ..PlanCounts::default()
        };
        for t in board.tasks.iter().filter(|t| !t.has_children && t.task.start <= to) {
            c.tasks += 1;
            match t.verdict.light {
                Light::Blue => c.blue += 1,
                Light::Green => c.green += 1,
                Light::Yellow => c.yellow += 1,
                Light::Red => c.red += 1,
            }
            let Some(unit) = t.task.lead_unit_id else { continue };
            let named = |why: String| NamedTask {
                number: t.number.clone(),
                title: t.task.title.clone(),
                why,
            };
            let (overdue, lagging, missing) = match &t.verdict.reason {
                Reason::Overdue { days, .. } => (Some(named(format!("超期{days}天"))), None, false),
                Reason::Lagging { gap, .. } => (None, Some(named(format!("进度滞后{gap}个百分点"))), false),
                Reason::MilestoneLate { title, days, .. } => {
                    (None, Some(named(format!("节点“{title}”延误{days}天"))), false)
                }
                Reason::ReportMissing { .. } => (None, None, true),
                _ => continue,
            };
            let line = match units.iter().position(|(u, _)| *u == unit) {
                Some(i) => &mut units[i].1,
                None => {
                    units.push((
                        unit,
                        UnitLine {
                            unit: dir.unit_name_on(unit, to),
                            overdue: vec![],
                            lagging: vec![],
                            missing: 0,
                        },
                    ));
                    let last = units.len() - 1;
                    &mut units[last].1
                }
            };
            line.overdue.extend(overdue);
            line.lagging.extend(lagging);
            line.missing += usize::from(missing);
        }
        if c.tasks == 0 {
            continue;
        }
        for (sum, part) in [
            (&mut total.tasks, c.tasks),
            (&mut total.blue, c.blue),
            (&mut total.green, c.green),
            (&mut total.yellow, c.yellow),
            (&mut total.red, c.red),
        ] {
            *sum += part;
        }
        plans.push(c);
    }
    // Worst first: most overdue, then most lagging, then most unreported, then the directory
    // order.
    let order: Vec<i64> = dir.unit_order.clone();
    units.sort_by_key(|(id, l)| {
        (
            std::cmp::Reverse(l.overdue.len()),
            std::cmp::Reverse(l.lagging.len()),
            std::cmp::Reverse(l.missing),
            order.iter().position(|u| u == id).unwrap_or(usize::MAX),
        )
    });
    let mut orders = OrderCounts::default();
    for o in supervision::orders(&mut conn, region, "", i64::MAX, 0).await? {
        let issued = o.issued_at.date_naive();
        if issued > to {
            continue;
        }
        if issued >= from {
            orders.issued += 1;
        }
        match o.closed_on {
            Some(c) if c <= to => {
                if c >= from {
                    orders.closed += 1;
                }
            }
            _ => {
                orders.open += 1;
                if o.reply_due < to && o.status == luoshi_domain::SupervisionStatus::Open {
                    orders.overdue += 1;
                }
            }
        }
    }
    Ok(BulletinFacts {
        from,
        to,
        plans,
        total,
        units: units.into_iter().map(|(_, l)| l).collect(),
        orders,
    })
}

/// A draft of the region, or `NOT_FOUND`; a published one is `BULLETIN_PUBLISHED`.
pub async fn draft_at(conn: &mut Conn, region: RegionId, id: i64) -> AppResult<Bulletin> {
    let b = bulletin::bulletin(conn, region, id).await?.ok_or(AppError::NotFound)?;
    if b.status != luoshi_domain::BulletinStatus::Draft {
        return Err(AppError::Validation(vec![ValidationError::new(
            "status",
            luoshi_domain::codes::BULLETIN_PUBLISHED,
            "通报已发布，不能再修改",
            "The bulletin is published and can no longer change",
        )]));
    }
    Ok(b)
}

/// The facts stored with a bulletin.
pub fn facts_of(b: &Bulletin) -> Option<BulletinFacts> {
    serde_json::from_str(&b.facts).ok()
}
