//! One generated plan: its task tree over the city's units, a year of reports shaped like the deadline day, and the light history rolled up from them.

use super::{GenSummary, Ids, Rows, Shape};
use crate::{day, gen_names::DOMAINS, rng::Rng};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use luoshi_domain::{Light, Reason};
use luoshi_store::{Result, Tx, bulk::Val};

pub(super) const PLAN_TITLES: &[&str] = &[
    "2020年《政府工作报告》重点工作任务分解",
    "2020年市政府常务会议议定事项",
    "2020年重点工程项目建设计划",
    "2020年民生实事",
    "2020年营商环境优化提升行动",
    "2020年生态环境保护攻坚行动",
    "2020年安全生产专项整治三年行动",
    "2020年乡村振兴重点任务",
    "2020年城市更新行动",
    "2020年领导批示事项",
];

/// Month-end of `m` in 2020.
pub(super) fn month_end(m: u32) -> NaiveDate {
    if m >= 12 {
        day(2020, 12, 31)
    } else {
        day(2020, m + 1, 1) - Duration::days(1)
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn plan(
    tx: &mut Tx,
    ids: &mut Ids,
    rng: &mut Rng,
    summary: &mut GenSummary,
    (region, p, shape): (i64, usize, Shape),
    leads: &[i64],
    overseer: &std::collections::HashMap<i64, i64>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let plan_id = Ids::take(&mut ids.plan);
    let start = day(2020, 1, 1);
    let mut plans = Rows::new(
        "plan",
        &[
            "id",
            "region_id",
            "kind",
            "title",
            "doc_no",
            "issued_on",
            "year",
            "created_at",
            "updated_at",
        ],
    );
    plans.push(vec![
        plan_id.into(),
        region.into(),
        if p == 0 { "work_report" } else { "meeting" }.into(),
        PLAN_TITLES.get(p).copied().unwrap_or("2020年重点工作").into(),
        format!("政发〔2020〕{}号", p + 1).into(),
        start.into(),
        2020i64.into(),
        now.into(),
        now.into(),
    ]);
    summary.plans += plans.flush(tx).await?;

    let task_cols: &'static [&'static str] = &[
        "id",
        "region_id",
        "plan_id",
        "parent_id",
        "seq",
        "title",
        "lead_unit_id",
        "leader_id",
        "start",
        "due",
        "cycle",
        "cycle_due_day",
        "weight",
        "domain",
        "public",
        "done_on",
        "created_at",
        "updated_at",
    ];
    let mut tasks = Rows::new("task", task_cols);
    let mut co = Rows::new("task_co_unit", &["region_id", "task_id", "unit_id"]);
    let mut reports = Rows::new(
        "report",
        &[
            "id",
            "region_id",
            "task_id",
            "unit_id",
            "period",
            "status",
            "progress",
            "content",
            "submitted_at",
            "reviewed_at",
            "created_at",
            "updated_at",
        ],
    );
    let mut snaps = Rows::new(
        "light_snapshot",
        &[
            "region_id",
            "task_id",
            "period",
            "light",
            "progress",
            "time_progress",
            "reason",
            "recorded_on",
        ],
    );
    // A task's row: (id, parent, position), title, (lead unit, deadline, weight), (domain,
    // public, done on); every task starts on 1 January and reports monthly by the 25th.
    let task_vals = |(id, parent, seq): (i64, Option<i64>, usize),
                     title: String,
                     (unit, due, weight): (i64, NaiveDate, i64),
                     (domain, public, done_on): (&str, bool, Option<NaiveDate>)|
     -> Vec<Val> {
        vec![
            id.into(),
            region.into(),
            plan_id.into(),
            parent.into(),
            (seq as i64).into(),
            title.into(),
            Some(unit).into(),
            overseer.get(&unit).copied().into(),
            day(2020, 1, 1).into(),
            Some(due).into(),
            "monthly".into(),
            25i64.into(),
            weight.into(),
            domain.into(),
            public.into(),
            done_on.into(),
            now.into(),
            now.into(),
        ]
    };
    // Months whose period has closed (their report was due) by today, and the current one.
    let current = today.month();
    for t in 0..shape.top {
        let (domain, verbs, objects) = DOMAINS[(p + t) % DOMAINS.len()];
        let top_id = Ids::take(&mut ids.task);
        let lead = leads[rng.below(leads.len() as u64) as usize];
        let object = objects[rng.below(objects.len() as u64) as usize];
        let verb = verbs[rng.below(verbs.len() as u64) as usize];
        let top_title = format!("{verb}{object}");
        let public = rng.below(10) < 3;
        // Per month: (worst light, progress sum, count) over the leaves below.
        let mut top_months: Vec<(Light, u32, u32)> = vec![(Light::Blue, 0, 0); 12];
        let mut mids = Vec::new();
        for m in 0..shape.middle {
            let mid_id = Ids::take(&mut ids.task);
            let mut mid_months: Vec<(Light, u32, u32)> = vec![(Light::Blue, 0, 0); 12];
            for l in 0..shape.leaves {
                let id = Ids::take(&mut ids.task);
                let unit = if rng.below(3) == 0 {
                    leads[rng.below(leads.len() as u64) as usize]
                } else {
                    lead
                };
                let due = month_end(6 + rng.below(7) as u32);
                let pace = 55 + rng.below(60) as u32; // percent of the pace the deadline needs
                let months = f64::from(due.month());
                let mut done_on = None;
                for mo in 1..=12u32 {
                    let period = day(2020, mo, 1);
                    if mo > current || done_on.is_some() {
                        break;
                    }
                    let elapsed = f64::from(mo) / months;
                    let progress = ((elapsed * f64::from(pace)).min(100.0)) as i64;
                    let due_day = day(2020, mo, 25);
                    let reported = mo < current || rng.below(4) == 0;
                    if !reported {
                        continue;
                    }
                    let status = if mo == current {
                        "submitted"
                    } else if rng.below(40) == 0 {
                        "returned"
                    } else {
                        "accepted"
                    };
                    let sent = due_day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
                        - Duration::minutes(rng.below(4 * 24 * 60) as i64);
                    let reviewed = (status != "submitted").then(|| sent + Duration::hours(30));
                    reports.push(vec![
                        Ids::take(&mut ids.report).into(),
                        region.into(),
                        id.into(),
                        unit.into(),
                        period.into(),
                        status.into(),
                        progress.into(),
                        format!("按计划推进，本月完成阶段任务，累计完成年度目标的{progress}%。").into(),
                        sent.into(),
                        reviewed.into(),
                        sent.into(),
                        reviewed.unwrap_or(sent).into(),
                    ]);
                    if progress >= 100 && status == "accepted" && rng.below(2) == 0 {
                        done_on = Some(month_end(mo).min(today));
                    }
                }
                // Light history: the state at each closed month's end.
                for mo in 1..current {
                    let end = month_end(mo);
                    let elapsed = (f64::from(mo) / months).min(1.0);
                    let time = (elapsed * 100.0) as u8;
                    let reported = ((elapsed * f64::from(pace)).min(100.0)) as u8;
                    let (light, reason) = if done_on.is_some_and(|d| d <= end) {
                        (Light::Blue, Reason::Done { on: done_on })
                    } else if end > due {
                        (
                            Light::Red,
                            Reason::Overdue {
                                due,
                                days: (end - due).num_days(),
                            },
                        )
                    } else {
                        let gap = time.saturating_sub(reported);
                        let light = if gap > 40 {
                            Light::Red
                        } else if gap > 20 {
                            Light::Yellow
                        } else {
                            Light::Green
                        };
                        let reason = if gap > 20 {
                            Reason::Lagging {
                                time,
                                reported,
                                gap,
                                serious: gap > 40,
                            }
                        } else {
                            Reason::OnTrack {
                                time: Some(time),
                                reported: Some(reported),
                            }
                        };
                        (light, reason)
                    };
                    let i = (mo - 1) as usize;
                    for acc in [&mut mid_months[i], &mut top_months[i]] {
                        if light.severity() > acc.0.severity() {
                            acc.0 = light;
                        }
                        acc.1 += u32::from(reported);
                        acc.2 += 1;
                    }
                    snaps.push(vec![
                        region.into(),
                        id.into(),
                        day(2020, mo, 1).into(),
                        light.code().into(),
                        i64::from(reported).into(),
                        Some(i64::from(time)).into(),
                        serde_json::to_string(&reason).unwrap_or_default().into(),
                        end.into(),
                    ]);
                }
                let (verb, object) = (
                    verbs[rng.below(verbs.len() as u64) as usize],
                    objects[rng.below(objects.len() as u64) as usize],
                );
                let weight = 1 + rng.below(3) as i64;
                let shown = public && rng.below(10) < 8;
                tasks.push(task_vals(
                    (id, Some(mid_id), l),
                    format!("{verb}{object}（{}.{}.{}）", t + 1, m + 1, l + 1),
                    (unit, due, weight),
                    (domain, shown, done_on),
                ));
                if rng.below(2) == 0 {
                    let other = leads[rng.below(leads.len() as u64) as usize];
                    if other != unit {
                        co.push(vec![region.into(), id.into(), other.into()]);
                    }
                }
            }
            rollup_snaps(&mut snaps, region, mid_id, &mid_months, current);
            mids.push((mid_id, m));
        }
        rollup_snaps(&mut snaps, region, top_id, &top_months, current);
        let year_end = day(2020, 12, 31);
        tasks.push(task_vals(
            (top_id, None, t),
            top_title.clone(),
            (lead, year_end, 1),
            (domain, public, None),
        ));
        for (mid_id, m) in mids {
            tasks.push(task_vals(
                (mid_id, Some(top_id), m),
                format!("{top_title}：第{}项措施", m + 1),
                (lead, year_end, 1),
                (domain, public, None),
            ));
        }
    }
    // Parents before children: the rows of a top-level task were pushed after its leaves, so
    // insert in id order.
    tasks.rows.sort_by_key(|r| match r.first() {
        Some(Val::Int(id)) => *id,
        _ => 0,
    });
    summary.tasks += tasks.flush(tx).await?;
    co.flush(tx).await?;
    summary.reports += reports.flush(tx).await?;
    summary.snapshots += snaps.flush(tx).await?;
    Ok(())
}

/// A parent's light history: its worst child and their mean progress, per closed month.
pub(super) fn rollup_snaps(snaps: &mut Rows, region: i64, id: i64, months: &[(Light, u32, u32)], current: u32) {
    for mo in 1..current {
        let Some((light, sum, n)) = months.get((mo - 1) as usize) else {
            continue;
        };
        if *n == 0 {
            continue;
        }
        let progress = (sum / n) as u8;
        let reason = Reason::Rollup {
            total: *n as usize,
            red: 0,
            yellow: 0,
            green: 0,
            blue: 0,
            progress,
            own: None,
        };
        snaps.push(vec![
            region.into(),
            id.into(),
            day(2020, mo, 1).into(),
            light.code().into(),
            i64::from(progress).into(),
            None::<i64>.into(),
            serde_json::to_string(&reason).unwrap_or_default().into(),
            month_end(mo).into(),
        ]);
    }
}
