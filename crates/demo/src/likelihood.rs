//! The demo's likelihood of delivery (交付研判): each leaf task's latest report sent (for a task
//! done, its last before it was done) carries its lead unit's judgement — from how far its progress trails its time — and a few disagree
//! with their lights, as real judgements do, so that the task pages show every state; the
//! office has set one.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::ReportStatus;
use luoshi_store::{Result, Tx};

use crate::city::City;

/// The judgement a unit gives from its progress and the time gone, both in percent.
fn judgement(progress: i64, time: i64, overdue: bool) -> (&'static str, &'static str) {
    let gap = time - progress;
    if overdue {
        ("unlikely", "已超过完成时限，剩余工作量较大，难以按期完成")
    } else if gap <= 0 {
        ("likely", "")
    } else if gap <= 10 {
        ("probable", "")
    } else if gap <= 25 {
        ("at_risk", "前期手续办理滞后，后续需加快进度")
    } else {
        ("unlikely", "进度明显滞后，资金和要素保障尚未落实")
    }
}

/// Writes the judgements; returns how many.
pub async fn build(tx: &mut Tx, city: &City, office: i64, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
    let users = luoshi_store::user::users(&mut *tx, city.region).await?;
    let user_of = |unit: i64| {
        users
            .iter()
            .find(|u| u.unit_id == Some(unit))
            .map(|u| u.id)
            .unwrap_or(office)
    };
    let mut n = 0;
    let mut contrary = 0;
    for plan in luoshi_store::plan::plans(&mut *tx, city.region).await? {
        let tasks = luoshi_store::task::tasks_of_plan(&mut *tx, city.region, plan.id).await?;
        for t in &tasks {
            if tasks.iter().any(|c| c.parent_id == Some(t.id)) {
                continue;
            }
            let reports = luoshi_store::report::reports_of_task(&mut *tx, city.region, t.id).await?;
            // A task done: its last report before it was done, judged as of then.
            let as_of = t.done_on.unwrap_or(today);
            let Some(r) = reports
                .iter()
                .filter(|r| matches!(r.status, ReportStatus::Submitted | ReportStatus::Accepted))
                .filter(|r| {
                    r.submitted_at
                        .is_none_or(|at| luoshi_domain::owed::china_day(at) <= as_of)
                })
                .max_by_key(|r| r.period)
            else {
                continue;
            };
            let Some(due) = t.due else { continue };
            let on = r.submitted_at.map(luoshi_domain::owed::china_day).unwrap_or(as_of);
            let span = (due - t.start).num_days().max(1);
            let time = ((on - t.start).num_days() * 100 / span).clamp(0, 100);
            let (mut judged, mut reason) = judgement(r.progress, time, due < on);
            // Two units see what their lights do not: a task on time judged 难以完成, one
            // behind judged 很可能.
            if t.done_on.is_none() && contrary < 2 && t.title.contains("老旧小区") {
                (judged, reason) = ("unlikely", "部分小区居民意见不统一，改造方案尚未确定");
                contrary += 1;
            } else if t.done_on.is_none() && contrary < 2 && t.title.contains("国土空间") {
                (judged, reason) = ("likely", "规划成果已报省政府审查，预计7月上旬批复");
                contrary += 1;
            }
            let at = r.submitted_at.unwrap_or(now);
            let by = user_of(r.unit_id);
            luoshi_store::likelihood::insert(tx, city.region, "task", t.id, judged, reason, false, Some(r.id), by, at)
                .await?;
            n += 1;
        }
    }
    // The office has set one task's judgement, with its reason.
    let tasks = luoshi_store::task::tasks_of_unit(&mut *tx, city.region, city.unit("mzj")).await?;
    if let Some(t) = tasks.iter().find(|t| t.title.contains("养老") && t.done_on.is_none()) {
        luoshi_store::likelihood::insert(
            tx,
            city.region,
            "task",
            t.id,
            "at_risk",
            "实地督查发现3个中心尚未开工，调整为存在风险",
            true,
            None,
            office,
            now,
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
