//! The demo's key projects at work over the first half of 2020: each month's report sent on the
//! 3rd of the next month and accepted on the 4th, at a pace that differs by project — so every
//! warning is present (on plan, behind by 10–30 points, by more, a month missing, a node
//! overdue, an issue overdue, not started, built); June's reports partly sent and waiting for
//! the office, one returned, one correcting an accepted month; and coordination issues in every
//! state.

use chrono::NaiveDate;
use luoshi_store::{
    Result, Tx, project, project_issue,
    project_issue::NewIssue,
    project_report::{self, Sent},
};

use crate::{at, city::City, day, projects::Built1};

/// How a project's pace compares with its plan, in hundredths, by its place in the list: on
/// plan, a little behind (yellow), far behind (red), or its May report missing (`None`).
fn pace(n: usize) -> Option<i64> {
    match n % 8 {
        0 => Some(105),
        1 => Some(95),
        2 => Some(70),
        3 => Some(50),
        4 => Some(22),
        5 => Some(120),
        6 => None,
        _ => Some(90),
    }
}

const PROGRESS: &[&str] = &[
    "土方开挖完成，基础施工有序推进",
    "主体结构施工中，完成总工程量的三成",
    "钢结构吊装过半，设备采购合同已签订",
    "路基工程基本完成，桥梁下部结构施工中",
    "完成征地拆迁，施工单位已进场",
];

/// Writes the reports and issues; returns how many reports.
pub async fn build(tx: &mut Tx, city: &City, office: i64, projects: &[Built1], today: NaiveDate) -> Result<usize> {
    let region = city.region;
    let mut n = 0;
    for p in projects {
        let reporting = matches!(p.stage, "preliminary" | "new_start" | "building");
        if !reporting {
            continue;
        }
        let factor = if p.stage == "preliminary" { Some(2) } else { pace(p.n) };
        let last = if factor.is_none() { 4 } else { 5 };
        let monthly = p.plan * factor.unwrap_or(100) / 100 / 12 / 100 * 100;
        for m in 1..=last {
            let sent_on = day(2020, m + 1, 3);
            if sent_on > today {
                break;
            }
            let month = format!("2020-{m:02}");
            let progress = PROGRESS[(p.n + m as usize) % PROGRESS.len()];
            let s = Sent {
                invested: monthly,
                progress,
                problems: if p.n % 4 == 2 { "资金到位偏慢" } else { "" },
                next_steps: "加快施工进度，确保完成年度投资计划",
                correction_reason: "",
            };
            let id = project_report::insert(tx, region, p.id, &month, p.unit, s, office, at(sent_on, 10)).await?;
            // One May report sent back by the office; the rest accepted the next day.
            let returned = m == 5 && p.n % 11 == 5;
            let note = if returned {
                "投资完成数与财务报表不一致，请核实"
            } else {
                ""
            };
            project_report::review(tx, region, id, 1, !returned, note, office, at(day(2020, m + 1, 4), 15)).await?;
            n += 1;
        }
        // June's reports from some units, sent early, waiting for the office.
        if p.n % 3 == 0 && factor.is_some() {
            let s = Sent {
                invested: monthly,
                progress: PROGRESS[p.n % PROGRESS.len()],
                problems: "",
                next_steps: "7月完成主体工程",
                correction_reason: "",
            };
            project_report::insert(tx, region, p.id, "2020-06", p.unit, s, office, at(day(2020, 6, 29), 16)).await?;
            n += 1;
        }
    }
    correct_one(tx, region, office, projects).await?;
    nodes(tx, region, projects).await?;
    issues(tx, city, office, projects).await?;
    Ok(n)
}

/// One unit corrects its accepted May figure, with the reason, waiting for the office.
async fn correct_one(tx: &mut Tx, region: i64, office: i64, projects: &[Built1]) -> Result<()> {
    let Some(p) = projects
        .iter()
        .find(|p| p.stage == "building" && pace(p.n) == Some(105))
    else {
        return Ok(());
    };
    let Some(r) = project_report::of_project(tx, region, p.id)
        .await?
        .into_iter()
        .find(|r| r.month == "2020-05")
    else {
        return Ok(());
    };
    let fixed = r.invested - 50_000;
    let reason = "5月设备款500万元实际于6月支付，更正为实际完成数";
    let s = Sent {
        invested: fixed,
        progress: &r.progress,
        problems: &r.problems,
        next_steps: &r.next_steps,
        correction_reason: reason,
    };
    let when = at(day(2020, 6, 28), 11);
    project_report::resend(tx, region, r.id, r.version, s, office, when).await?;
    let c = project::NewChange {
        field: "invested:2020-05",
        old_value: &luoshi_domain::project::Wan(r.invested).wan_text(),
        new_value: &luoshi_domain::project::Wan(fixed).wan_text(),
        reason,
    };
    project::record_change(tx, region, p.id, &c, office, when).await?;
    Ok(())
}

/// Approval nodes: those of projects under way done on time, but one in ten with its land step
/// (用地) still open past its day.
async fn nodes(tx: &mut Tx, region: i64, projects: &[Built1]) -> Result<()> {
    for p in projects.iter().filter(|p| p.stage != "preliminary") {
        for (k, node) in p.nodes.iter().enumerate() {
            let open = k == 1 && p.n % 10 == 0;
            let done = [day(2020, 3, 20), day(2020, 5, 22), day(2020, 6, 18)][k.min(2)];
            if !open && k < 2 {
                project::set_node_done(tx, region, *node, 1, Some(done), "已批复").await?;
            }
        }
    }
    Ok(())
}

/// Coordination issues in every state on projects under way.
async fn issues(tx: &mut Tx, city: &City, office: i64, projects: &[Built1]) -> Result<()> {
    let region = city.region;
    let building: Vec<&Built1> = projects
        .iter()
        .filter(|p| p.stage == "building" && pace(p.n).is_some_and(|f| f >= 90))
        .collect();
    // (kind, title, handling unit, due, raised, answered, closed, returned note)
    type Plan = (
        &'static str,
        &'static str,
        &'static str,
        NaiveDate,
        NaiveDate,
        bool,
        bool,
        &'static str,
    );
    let plans: [Plan; 6] = [
        (
            "land",
            "二期工程用地指标尚未落实",
            "zrzyj",
            day(2020, 7, 15),
            day(2020, 6, 10),
            false,
            false,
            "",
        ),
        (
            "demolition",
            "沿线12户房屋征收补偿未达成协议",
            "dcq",
            day(2020, 6, 20),
            day(2020, 5, 20),
            false,
            false,
            "",
        ),
        (
            "utilities",
            "施工临时用电增容",
            "fgw",
            day(2020, 7, 10),
            day(2020, 6, 15),
            true,
            false,
            "",
        ),
        (
            "funding",
            "省级专项资金拨付",
            "czj",
            day(2020, 5, 31),
            day(2020, 4, 25),
            true,
            true,
            "",
        ),
        (
            "approval",
            "环评批复办理",
            "sthjj",
            day(2020, 7, 5),
            day(2020, 6, 1),
            true,
            false,
            "请附环评批复文号",
        ),
        (
            "planning",
            "规划条件调整",
            "zrzyj",
            day(2020, 6, 25),
            day(2020, 6, 2),
            true,
            false,
            "",
        ),
    ];
    for (k, (kind, title, unit, due, raised, answered, closed, returned)) in plans.iter().enumerate() {
        let Some(p) = building.get(k * 2 % building.len().max(1)) else {
            break;
        };
        let new = NewIssue {
            project_id: p.id,
            kind,
            title,
            detail: "",
            unit_id: city.unit(unit),
            leader_id: city.leader_of(p.unit_key),
            due_on: *due,
        };
        let id = project_issue::insert(tx, region, new, office, at(*raised, 10)).await?;
        if *answered {
            let answer = "已会同有关部门研究，正在按程序办理";
            project_issue::answer(
                tx,
                region,
                id,
                1,
                answer,
                office,
                at(*raised + chrono::Days::new(5), 16),
            )
            .await?;
            if *closed {
                // Resolved at the June dispatch meeting (see `dispatch`).
                let note = "全市重点项目6月调度会议定：市财政局7月10日前拨付到位";
                project_issue::decide(tx, region, id, 2, true, note, at(day(2020, 6, 10), 11)).await?;
            } else if !returned.is_empty() {
                project_issue::decide(
                    tx,
                    region,
                    id,
                    2,
                    false,
                    returned,
                    at(*raised + chrono::Days::new(7), 9),
                )
                .await?;
            }
        }
    }
    Ok(())
}
