//! Project warnings (项目预警) as judged state: each key project judged by
//! `luoshi_domain::project::judge_project` from its records — the year's plan, the figures the
//! office accepted, the months owed, overdue approval nodes and coordination issues, the
//! region's thresholds — stored with its reason, and kept by month as its history (the last
//! judgement of a month stands for the month). Written after every write that touches a
//! project, in that write's transaction, and for every project on a new day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Offset, Utc};
use luoshi_domain::project::{
    Month, ProjectFacts, ProjectThresholds, ProjectVerdict, Stage, Wan, WarningRule, judge_project, owed, owed_months,
};
use luoshi_store::{
    Conn, RegionId, Result, Store, Tx, project, project_issue, project_report,
    project_state::{self, ProjectState},
};

use crate::project_rows;

/// Reads the facts of `only` (or of every project in use, with `only = 0`) as of `today` —
/// and, with `at`, as things stood at that instant (for the history of past months) — and
/// judges each.
pub(crate) async fn judge(
    conn: &mut Conn,
    region: RegionId,
    only: i64,
    today: NaiveDate,
    at: Option<DateTime<Utc>>,
) -> Result<Vec<ProjectState>> {
    let year = Month::of(today).year;
    let by = |t: DateTime<Utc>| at.is_none_or(|at| t <= at);
    let projects = if only == 0 {
        project::projects(conn, region).await?
    } else {
        project::project(conn, region, only).await?.into_iter().collect()
    };
    let plans: HashMap<i64, i64> = project::year_plans(conn, region, year).await?.into_iter().collect();
    let mut done: HashMap<i64, (Month, Wan)> = HashMap::new();
    let mut sent: HashMap<i64, Vec<Month>> = HashMap::new();
    for r in project_report::year_rows(conn, region, year, only).await? {
        let Some(m) = Month::parse(&r.month) else { continue };
        // Sent by then (and, today, not returned): the month is not owed.
        let counts = match at {
            None => r.status != "returned",
            Some(_) => by(r.submitted_at),
        };
        if counts {
            sent.entry(r.project_id).or_default().push(m);
        }
        if let Some(figure) = r.accepted
            && r.reviewed_at.is_some_and(by)
        {
            let e = done.entry(r.project_id).or_insert((m, Wan(0)));
            e.0 = e.0.max(m);
            e.1 = e.1 + Wan(figure);
        }
    }
    let mut nodes: HashMap<i64, (String, NaiveDate)> = HashMap::new();
    for (p, name, due) in luoshi_store::project_lookup::overdue_nodes(conn, region, only, today).await? {
        nodes.entry(p).or_insert((name, due));
    }
    let mut issues: HashMap<i64, (String, NaiveDate)> = HashMap::new();
    for i in project_issue::due_before(conn, region, only, today).await? {
        let open = by(i.raised_at) && i.closed_at.is_none_or(|c| at.is_some_and(|at| c > at));
        if open {
            issues.entry(i.project_id).or_insert((i.title, i.due_on));
        }
    }
    let t = project_state::thresholds(conn, region).await?;
    let th = ProjectThresholds {
        yellow_lag: t.project_yellow_lag,
        red_lag: t.project_red_lag,
        red_months_late: t.project_red_months,
    };
    let mut out = Vec::with_capacity(projects.len());
    for p in projects.iter().filter(|p| p.active && by(p.created_at)) {
        let stage = Stage::parse(&p.stage);
        let since = Month::of(p.created_at.with_timezone(&china_time()).date_naive());
        let reported = sent.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        let owed = stage
            .map(|s| owed_months(s, since, reported, today))
            .unwrap_or_default();
        let facts = ProjectFacts {
            stage,
            planned_start: Month::parse(&p.planned_start),
            annual_plan: Wan(plans.get(&p.id).copied().unwrap_or(0)),
            done_to: done.get(&p.id).copied(),
            node_overdue: nodes.remove(&p.id),
            issue_overdue: issues.remove(&p.id),
            report_missing: owed::first_missing(&owed),
        };
        let v = judge_project(&facts, th, today);
        out.push(ProjectState {
            project_id: p.id,
            judged_on: today,
            light: v.light.code().to_string(),
            rule: v.rule_code().to_string(),
            reason: serde_json::to_string(&v.rule).unwrap_or_default(),
            year,
            done_to: facts.done_to.map(|(m, _)| m.code()).unwrap_or_default(),
            cumulative: facts.done_to.map(|(_, w)| w.0).unwrap_or(0),
            owed: encode_owed(&owed),
        });
    }
    Ok(out)
}

/// Records the region's project warnings as things stood at `at`, on `day`, in their history
/// (the month of `day`); returns how many.
pub(crate) async fn record_as_of(store: &Store, region: RegionId, day: NaiveDate, at: DateTime<Utc>) -> Result<usize> {
    let judged = {
        let mut conn = store.conn().await?;
        judge(&mut conn, region, 0, day, Some(at)).await?
    };
    let mut tx = store.begin().await?;
    for s in &judged {
        project_rows::record(&mut tx, region, s).await?;
    }
    tx.commit().await?;
    Ok(judged.len())
}

/// Judges project `id` again inside `tx` (after a write that touched it).
pub(crate) async fn refresh_project(tx: &mut Tx, region: RegionId, id: i64, today: NaiveDate) -> Result<()> {
    // Lock first, then read: a write committed while this one waited is seen.
    project_rows::lock(tx, region, id).await?;
    for j in judge(tx, region, id, today, None).await? {
        project_rows::store(tx, region, &j).await?;
    }
    Ok(())
}

/// Judges every project of the region again inside `tx` (thresholds, the calendar).
pub(crate) async fn refresh_all(tx: &mut Tx, region: RegionId, today: NaiveDate) -> Result<()> {
    for j in judge(tx, region, 0, today, None).await? {
        project_rows::store(tx, region, &j).await?;
    }
    Ok(())
}

/// Judges the region's projects not yet judged for `today` (on a new day: dates pass, reports
/// fall due); returns how many.
pub async fn refresh_stale_projects(store: &Store, region: RegionId, today: NaiveDate) -> Result<usize> {
    let stale = {
        let mut conn = store.conn().await?;
        project_state::stale(&mut conn, region, today).await?
    };
    if stale.is_empty() {
        return Ok(0);
    }
    let judged = {
        let mut conn = store.conn().await?;
        judge(&mut conn, region, 0, today, None).await?
    };
    let mut tx = store.begin().await?;
    let mut n = 0;
    for j in judged.iter().filter(|j| stale.contains(&j.project_id)) {
        // A write since the read judged it afresh already: keep that.
        if project_rows::judged_on(&mut tx, region, j.project_id).await? < Some(today) {
            project_rows::store(&mut tx, region, j).await?;
            n += 1;
        }
    }
    tx.commit().await?;
    Ok(n)
}

/// A stored warning's rule and numbers, to explain it in words.
pub fn project_verdict(light: &str, reason: &str) -> Option<ProjectVerdict> {
    let rule: WarningRule = serde_json::from_str(reason).ok()?;
    Some(ProjectVerdict {
        light: luoshi_domain::Light::parse(light)?,
        rule,
    })
}

/// The owed months as stored: `2020-05:m,2020-06:o`.
fn encode_owed(owed: &[luoshi_domain::project::OwedMonth]) -> String {
    owed.iter()
        .map(|o| format!("{}:{}", o.month.code(), if o.missing { 'm' } else { 'o' }))
        .collect::<Vec<_>>()
        .join(",")
}

/// The owed months read back: each month and whether it is missing (past its due day).
pub fn decode_owed(s: &str) -> Vec<(Month, bool)> {
    s.split(',')
        .filter_map(|part| {
            let (m, flag) = part.split_once(':')?;
            Some((Month::parse(m)?, flag == "m"))
        })
        .collect()
}

/// China Standard Time, in whose days a project came on the ledger.
fn china_time() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}
