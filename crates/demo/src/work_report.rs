//! The 2020 government work report's task-division plan (重点工作任务分解方案): 8 goals,
//! 29 tasks and 87 measures in three levels, with monthly reports from February to June shaped
//! so that every status light occurs. Its source text is generated from the same data, in the
//! layout such documents have (一、 (一) 1. with 牵头单位/配合单位 lines).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use luoshi_domain::Thresholds;
use luoshi_store::{
    Result, Tx,
    plan::{NewPlan, insert_plan},
    task::{NewTask, insert_task, set_done, set_milestone_done},
};

use crate::{
    city::{City, UNITS},
    day,
    reports::{self, Step},
    rng::Rng,
};

mod data;

use data::GOALS;

/// How a measure's year goes, chosen so that every light occurs on the demo day (30 June).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    OnTrack,
    Done,
    Lagging,
    SeriouslyLagging,
    ReportMissing,
    ReportReturned,
    MilestoneLate,
    MilestoneVeryLate,
    Overdue,
}

/// One cycle of 20 profiles; measures take them in turn, shuffled by the seed.
const CYCLE: [Profile; 20] = {
    use Profile::*;
    [
        OnTrack,
        Done,
        Lagging,
        OnTrack,
        ReportMissing,
        OnTrack,
        MilestoneLate,
        OnTrack,
        SeriouslyLagging,
        Done,
        OnTrack,
        Overdue,
        OnTrack,
        ReportReturned,
        OnTrack,
        Lagging,
        MilestoneVeryLate,
        OnTrack,
        Done,
        OnTrack,
    ]
};

const CHINESE_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn unit_full_name(key: &str) -> &'static str {
    UNITS.iter().find(|u| u.0 == key).map(|u| u.1).unwrap_or("")
}

fn due_text(d: NaiveDate) -> String {
    let month_end = d.succ_opt().is_none_or(|n| n.month() != d.month());
    if month_end {
        format!("{}年{}月底前", d.year(), d.month())
    } else {
        format!("{}年{}月{}日前", d.year(), d.month(), d.day())
    }
}

/// A measure's plan for the year.
struct Shape {
    due: NaiveDate,
    milestones: Vec<(&'static str, NaiveDate, bool)>,
    done_on: Option<NaiveDate>,
    steps: Vec<Step>,
}

fn shape(profile: Profile, rng: &mut Rng, start: NaiveDate) -> Shape {
    let months = [2u32, 3, 4, 5, 6];
    let year_end = day(2020, 12, 31);
    let time_pct = |due: NaiveDate, on: NaiveDate| -> i64 {
        let total = (due - start).num_days().max(1);
        ((on - start).num_days().clamp(0, total) * 100 / total).clamp(0, 100)
    };
    let track = |due: NaiveDate, offset: i64, rng: &mut Rng| -> Vec<Step> {
        months
            .iter()
            .map(|&mo| {
                let rdue = day(2020, mo, 25);
                let p = (time_pct(due, rdue) + offset + rng.below(6) as i64).clamp(0, 95);
                Step {
                    period: day(2020, mo, 1),
                    due: rdue,
                    progress: p,
                    status: "accepted",
                }
            })
            .collect()
    };
    let mut s = match profile {
        Profile::OnTrack
        | Profile::ReportMissing
        | Profile::ReportReturned
        | Profile::MilestoneLate
        | Profile::MilestoneVeryLate => {
            let due = [year_end, day(2020, 11, 30), day(2020, 10, 31)][rng.below(3) as usize];
            Shape {
                due,
                milestones: vec![],
                done_on: None,
                steps: track(due, 2, rng),
            }
        }
        Profile::Done => {
            let due = [day(2020, 5, 31), day(2020, 6, 30), day(2020, 4, 30)][rng.below(3) as usize];
            let mut steps: Vec<Step> = track(due, 8, rng).into_iter().filter(|st| st.period <= due).collect();
            if let Some(last) = steps.last_mut() {
                last.progress = 100;
            }
            let done_on = steps.last().map(|st| st.due.succ_opt().unwrap_or(st.due));
            Shape {
                due,
                milestones: vec![],
                done_on,
                steps,
            }
        }
        Profile::Lagging => Shape {
            due: year_end,
            milestones: vec![],
            done_on: None,
            steps: track(year_end, -28, rng),
        },
        Profile::SeriouslyLagging => {
            let due = day(2020, 9, 30);
            Shape {
                due,
                milestones: vec![],
                done_on: None,
                steps: track(due, -50, rng),
            }
        }
        Profile::Overdue => {
            let due = day(2020, 6, 15);
            let mut steps = track(due, -15, rng);
            for st in &mut steps {
                st.progress = st.progress.min(85);
            }
            Shape {
                due,
                milestones: vec![],
                done_on: None,
                steps,
            }
        }
    };
    match profile {
        Profile::ReportMissing => {
            s.steps.pop();
        }
        Profile::ReportReturned => {
            if let Some(last) = s.steps.last_mut() {
                last.status = "returned";
            }
        }
        Profile::MilestoneLate => s.milestones.push(("完成年度中期目标", day(2020, 6, 20), false)),
        Profile::MilestoneVeryLate => s.milestones.push(("完成项目前期手续", day(2020, 5, 31), false)),
        Profile::OnTrack => {
            s.milestones.push(("完成实施方案制定", day(2020, 3, 31), true));
            s.milestones.push(("完成年度目标任务的60%", day(2020, 9, 30), false));
        }
        _ => {}
    }
    // The latest report of most measures still waits for review; older ones were accepted.
    if let Some(last) = s.steps.last_mut()
        && last.status == "accepted"
        && profile != Profile::Done
        && rng.below(10) < 6
    {
        last.status = "submitted";
    }
    s
}

/// Builds the plan; returns (tasks, reports) written.
pub async fn build(tx: &mut Tx, city: &City, today: NaiveDate, now: DateTime<Utc>) -> Result<(usize, usize)> {
    let region = city.region;
    let start = day(2020, 2, 1);
    let mut rng = Rng::new(2020);

    // First pass: the document, recording where each task's words are.
    let mut text = String::from(
        "云州市人民政府关于印发2020年《政府工作报告》重点工作任务分解方案的通知\n云政发〔2020〕3号\n\n各县（市、区）人民政府，开发区管委会，市直各有关单位：\n    现将2020年《政府工作报告》重点工作任务分解方案印发给你们，请认真贯彻落实。各牵头单位要制定具体实施方案，明确时间节点，每月25日前向市政府督查室报送进展情况。\n\n",
    );
    let mut spans: Vec<(i64, i64)> = Vec::new();
    let mut push_span = |text: &mut String, s: &str| {
        let start = text.chars().count() as i64;
        text.push_str(s);
        spans.push((start, start + s.chars().count() as i64));
    };
    let mut shapes: Vec<Shape> = Vec::new();
    let mut n = 0usize;
    for (gi, g) in GOALS.iter().enumerate() {
        text.push_str(&format!("{}、", CHINESE_NUMBERS[gi % 10]));
        push_span(&mut text, g.title);
        text.push('\n');
        for (ti, tk) in g.tasks.iter().enumerate() {
            text.push_str(&format!("({})", CHINESE_NUMBERS[ti % 10]));
            push_span(&mut text, tk.title);
            text.push('\n');
            for (mi, me) in tk.measures.iter().enumerate() {
                let profile = CYCLE[(n * 7 + 3) % CYCLE.len()];
                n += 1;
                let sh = shape(profile, &mut rng, start);
                text.push_str(&format!("{}.", mi + 1));
                push_span(&mut text, me.title);
                text.push_str("。\n牵头单位：");
                text.push_str(unit_full_name(me.lead));
                text.push('\n');
                if !me.co.is_empty() {
                    text.push_str("配合单位：");
                    text.push_str(&me.co.iter().map(|k| unit_full_name(k)).collect::<Vec<_>>().join("、"));
                    text.push('\n');
                }
                text.push_str("完成时限：");
                text.push_str(&due_text(sh.due));
                text.push('\n');
                shapes.push(sh);
            }
        }
        text.push('\n');
    }
    text.push_str("\n云州市人民政府\n2020年1月20日\n");

    let plan_id = insert_plan(
        tx,
        region,
        &NewPlan {
            kind: "work_report",
            title: "2020年《政府工作报告》重点工作任务分解",
            doc_no: "云政发〔2020〕3号",
            issued_on: day(2020, 1, 20),
            year: 2020,
            summary: "将市十六届人大五次会议审议通过的《政府工作报告》确定的目标任务分解到各县（市、区）和市直有关单位，明确牵头单位、配合单位、责任领导和完成时限。",
            source_text: &text,
            thresholds: Thresholds::default(),
        },
        now,
    )
    .await?;

    // Second pass: the tasks and their reports.
    let (mut tasks, mut reports_written) = (0, 0);
    let mut span_i = 0;
    let mut shape_i = 0;
    for (gi, g) in GOALS.iter().enumerate() {
        let goal_leader = city.leader_of(g.lead);
        let goal_id = insert_task(
            tx,
            region,
            &NewTask {
                plan_id,
                parent_id: None,
                seq: gi as i64,
                title: g.title,
                description: "",
                lead_unit_id: Some(city.unit(g.lead)),
                co_unit_ids: &[],
                leader_id: goal_leader,
                start,
                due: Some(day(2020, 12, 31)),
                cycle: "monthly",
                cycle_due_day: 25,
                weight: 1,
                domain: g.domain,
                public: true,
                source: spans.get(span_i).copied(),
                milestones: &[],
                owner: "",
                decomposed_by: None,
            },
            now,
        )
        .await?;
        span_i += 1;
        tasks += 1;
        for (ti, tk) in g.tasks.iter().enumerate() {
            let task_id = insert_task(
                tx,
                region,
                &NewTask {
                    plan_id,
                    parent_id: Some(goal_id),
                    seq: ti as i64,
                    title: tk.title,
                    description: "",
                    lead_unit_id: Some(city.unit(tk.lead)),
                    co_unit_ids: &[],
                    leader_id: city.leader_of(tk.lead),
                    start,
                    due: Some(day(2020, 12, 31)),
                    cycle: "monthly",
                    cycle_due_day: 25,
                    weight: 1,
                    domain: g.domain,
                    public: true,
                    source: spans.get(span_i).copied(),
                    milestones: &[],
                    owner: "",
                    decomposed_by: None,
                },
                now,
            )
            .await?;
            span_i += 1;
            tasks += 1;
            for (mi, me) in tk.measures.iter().enumerate() {
                let Some(sh) = shapes.get(shape_i) else { break };
                shape_i += 1;
                let co: Vec<i64> = me.co.iter().map(|k| city.unit(k)).collect();
                let ms: Vec<(&str, NaiveDate)> = sh.milestones.iter().map(|(t, d, _)| (*t, *d)).collect();
                let id = insert_task(
                    tx,
                    region,
                    &NewTask {
                        plan_id,
                        parent_id: Some(task_id),
                        seq: mi as i64,
                        title: me.title,
                        description: "",
                        lead_unit_id: Some(city.unit(me.lead)),
                        co_unit_ids: &co,
                        leader_id: city.leader_of(me.lead),
                        start,
                        due: Some(sh.due),
                        cycle: "monthly",
                        cycle_due_day: 25,
                        weight: 1 + rng.below(3) as i64,
                        domain: g.domain,
                        public: rng.below(4) > 0,
                        source: spans.get(span_i).copied(),
                        milestones: &ms,
                        owner: "",
                        decomposed_by: None,
                    },
                    now,
                )
                .await?;
                span_i += 1;
                tasks += 1;
                // Reached milestones, and the approved completion, as of the demo day.
                let stored = luoshi_store::task::milestones(tx, region, id).await?;
                for (m, (_, due, reached)) in stored.iter().zip(&sh.milestones) {
                    if *reached && *due <= today {
                        set_milestone_done(tx, region, m.id, *due).await?;
                    }
                }
                if let Some(d) = sh.done_on
                    && d <= today
                {
                    set_done(tx, region, id, d, now).await?;
                }
                // Reports on tourism before the merge came from 市旅游发展委员会; reports on
                // commerce before April name 市商务粮食局 through the unit's name history.
                let lead = city.unit(me.lead);
                let (lfw, wlj) = (city.unit("lfw"), city.unit("wlj"));
                let unit_for = |d: NaiveDate| {
                    if lead == wlj && d < day(2020, 3, 1) { lfw } else { lead }
                };
                reports_written +=
                    reports::write(tx, region, id, unit_for, me.title, &sh.steps, today, &mut rng).await?;
            }
        }
    }
    Ok((tasks, reports_written))
}

#[cfg(test)]
mod tests;
