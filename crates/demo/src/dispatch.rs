//! The demo's dispatch meeting: the mayor's June meeting on the whole city's key projects (10
//! June 2020), held; its agenda has the projects then furthest behind, one not started and the
//! funding issue; its decisions became two tasks in the meeting's plan (followed up like any
//! task), the issue resolved, and one item noted.

use luoshi_domain::Thresholds;
use luoshi_store::{
    Result, Tx,
    dispatch::{self, Decided, NewMeeting},
    plan::{NewPlan, insert_plan},
    project_issue,
    task::{NewTask, insert_task},
};

use crate::{at, city::City, day, projects::Built1};

/// Builds the meeting; returns how many tasks its decisions became.
pub async fn build(tx: &mut Tx, city: &City, office: i64, projects: &[Built1]) -> Result<usize> {
    let region = city.region;
    let Some(mayor) = city.leaders.get("shizhang").copied() else {
        return Ok(0);
    };
    let held = day(2020, 6, 10);
    let title = "全市重点项目6月调度会";
    let new = NewMeeting {
        title,
        leader_id: mayor,
        whole: true,
        held_on: held,
        place: "市政府第一会议室",
    };
    let meeting = dispatch::insert(tx, region, new, office, at(day(2020, 6, 8), 10)).await?;
    let plan = insert_plan(
        tx,
        region,
        &NewPlan {
            kind: "meeting",
            title: "全市重点项目6月调度会议定事项",
            doc_no: "",
            issued_on: held,
            year: 2020,
            summary: "全市重点项目6月调度会议定事项的落实。",
            source_text: "",
            thresholds: Thresholds::default(),
        },
        at(held, 17),
    )
    .await?;
    dispatch::set_meeting(tx, region, meeting, 1, "held", Some(plan)).await?;
    // The projects furthest behind (a fifth of their plan's pace) and one not started.
    let behind: Vec<&Built1> = projects
        .iter()
        .filter(|p| p.stage == "building" && p.n % 8 == 4)
        .take(2)
        .collect();
    let mut tasks = 0;
    for (k, p) in behind.iter().enumerate() {
        let topic = format!("{}投资进度严重滞后", name_of(tx, region, p.id).await?);
        let item = dispatch::insert_item(tx, region, meeting, k as i64 + 1, Some(p.id), None, &topic).await?;
        let (decision, due) = if k == 0 {
            (
                "责任单位倒排工期、挂图作战，7月底前完成年度计划投资的40%",
                day(2020, 7, 31),
            )
        } else {
            (
                "责任单位会同服务单位加快设备采购招标，8月底前设备进场",
                day(2020, 8, 31),
            )
        };
        let task = insert_task(
            tx,
            region,
            &NewTask {
                plan_id: plan,
                parent_id: None,
                seq: k as i64,
                title: decision,
                description: &format!("{title}：{topic}"),
                lead_unit_id: Some(p.unit),
                co_unit_ids: &[],
                leader_id: Some(mayor),
                start: held,
                due: Some(due),
                cycle: "monthly",
                cycle_due_day: 25,
                weight: 1,
                domain: "重点项目",
                public: false,
                source: None,
                milestones: &[],
                owner: "",
                decomposed_by: None,
            },
            at(held, 17),
        )
        .await?;
        let d = Decided {
            decision,
            outcome: "task",
            unit_id: Some(p.unit),
            due_on: Some(due),
            task_id: Some(task),
            order_id: None,
        };
        dispatch::decide(tx, region, item, 1, d).await?;
        tasks += 1;
    }
    // The funding issue, resolved at the meeting.
    let issues = project_issue::all(tx, region, 100).await?;
    if let Some(i) = issues.iter().find(|i| i.kind == "funding") {
        let topic = format!("协调事项（资金）：{}", i.title);
        let item = dispatch::insert_item(tx, region, meeting, 3, Some(i.project_id), Some(i.id), &topic).await?;
        let d = Decided {
            decision: "市财政局7月10日前拨付到位",
            outcome: "resolved",
            unit_id: None,
            due_on: None,
            task_id: None,
            order_id: None,
        };
        dispatch::decide(tx, region, item, 1, d).await?;
    }
    if let Some(p) = projects.iter().find(|p| p.stage == "preliminary") {
        let topic = format!("{}前期工作进展", name_of(tx, region, p.id).await?);
        let item = dispatch::insert_item(tx, region, meeting, 4, Some(p.id), None, &topic).await?;
        let d = Decided {
            decision: "听取汇报，前期手续按计划推进",
            outcome: "noted",
            unit_id: None,
            due_on: None,
            task_id: None,
            order_id: None,
        };
        dispatch::decide(tx, region, item, 1, d).await?;
    }
    Ok(tasks)
}

async fn name_of(tx: &mut Tx, region: i64, project: i64) -> Result<String> {
    Ok(luoshi_store::project::project(tx, region, project)
        .await?
        .map(|p| p.name)
        .unwrap_or_default())
}
