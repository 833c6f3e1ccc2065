//! The demo's task forces (专班) from the founding meeting: the 产业集群培育专班 led by the vice
//! mayor for industry with the industry bureau leading, and the 项目谋划工作专班 led by the
//! executive vice mayor with the development commission leading — each owning the meeting's
//! tasks about it, some key projects and indicators, and the first with its own meeting's
//! decisions (a plan of meeting minutes).

use luoshi_domain::Thresholds;
use luoshi_store::{
    Result, Tx,
    plan::{NewPlan, insert_plan},
    task::{NewTask, insert_task},
    task_force::{self, ForceFields},
};

use crate::{at, city::City, day, projects::Built1};

/// A task force of the demo.
struct Spec {
    name: &'static str,
    purpose: &'static str,
    leader: &'static str,
    lead: &'static str,
    members: &'static [&'static str],
    established: (u32, u32),
    /// Tasks of the founding meeting it owns, by title, and whether it leads each.
    tasks: &'static [(&'static str, bool)],
    /// Indicators it owns, by name.
    indicators: &'static [&'static str],
}

const SPECS: &[Spec] = &[
    Spec {
        name: "产业集群培育专班",
        purpose: "加强产业研究，理清思路、明确重点，全力破解制约产业集群培育的突出问题，为转型发展提供组织领导、人才技术、发展要素、发展环境等保障。",
        leader: "gongye",
        lead: "gxj",
        members: &["fgw", "kjj", "swuj", "tczx", "kfq"],
        established: (5, 29),
        tasks: &[
            ("推动重点产业集群做大做强", true),
            ("组建由市领导牵头的产业集群培育专班", false),
            ("加大招商引资", false),
        ],
        indicators: crate::indicators::OF_CLUSTERS,
    },
    Spec {
        name: "项目谋划工作专班",
        purpose: "聘请专门团队，精准把握政策，在城建交通、生态环保、科教文旅、卫生健康、农业水利、新基建等重点领域谋划包装一批打基础、利长远的项目。",
        leader: "changwu",
        lead: "fgw",
        members: &["czj", "zrzyj", "zjj", "jtj"],
        established: (5, 18),
        tasks: &[
            ("抓紧谋划包装一批打基础、利长远的项目", true),
            ("成立工作专班", false),
            ("全力加快项目建设", false),
        ],
        indicators: crate::indicators::OF_PROJECTS,
    },
];

/// The decisions of the 产业集群培育专班's first meeting: title, lead unit, due (month, day).
const DECISIONS: &[(&str, &str, (u32, u32))] = &[
    ("编制全市重点产业集群培育方案，明确主导产业和发展路径", "gxj", (7, 31)),
    ("建立产业链链长制，每条产业链明确一名市领导包联", "fgw", (7, 15)),
    ("梳理产业链缺失环节，形成精准招商目录", "tczx", (8, 31)),
];

/// Writes the task forces; returns how many tasks their meetings added.
pub async fn build(
    tx: &mut Tx,
    city: &City,
    office: i64,
    projects: &[Built1],
    indicators: &[(&'static str, i64)],
) -> Result<usize> {
    let region = city.region;
    let mut all_tasks = Vec::new();
    for p in luoshi_store::plan::plans(tx, region).await? {
        all_tasks.extend(luoshi_store::task::tasks_of_plan(tx, region, p.id).await?);
    }
    let mut added = 0;
    for (k, s) in SPECS.iter().enumerate() {
        let established = day(2020, s.established.0, s.established.1);
        let f = ForceFields {
            name: s.name,
            purpose: s.purpose,
            leader_id: city.leaders.get(s.leader).copied(),
            lead_unit_id: city.unit(s.lead),
            established_on: established,
            term_end: Some(day(2020, 12, 31)),
            status: "active",
        };
        let id = task_force::insert(tx, region, f, office, at(established, 16)).await?;
        let members: Vec<i64> = s.members.iter().map(|m| city.unit(m)).collect();
        task_force::set_members(tx, region, id, &members).await?;
        for (title, leads) in s.tasks {
            if let Some(t) = all_tasks.iter().find(|t| t.title == *title) {
                task_force::set_task(tx, region, t.id, Some(id), *leads).await?;
            }
        }
        for name in s.indicators {
            if let Some((_, i)) = indicators.iter().find(|(n, _)| n == name) {
                task_force::set_indicator(tx, region, *i, Some(id)).await?;
            }
        }
        // The clusters own the industrial projects; the planning task force those being shaped.
        for p in projects.iter().filter(|p| {
            if k == 0 {
                p.unit_key == "gxj" || p.unit_key == "kfq"
            } else {
                matches!(p.stage, "planning" | "reserve")
            }
        }) {
            task_force::set_project(tx, region, p.id, Some(id)).await?;
        }
        if k == 0 {
            added += meeting(tx, city, id, s).await?;
        }
    }
    Ok(added)
}

/// The task force's first working meeting and its decisions, owned by it.
async fn meeting(tx: &mut Tx, city: &City, force: i64, s: &Spec) -> Result<usize> {
    let region = city.region;
    let held = day(2020, 6, 10);
    let plan = insert_plan(
        tx,
        region,
        &NewPlan {
            kind: "meeting",
            title: "产业集群培育专班第一次工作会议议定事项",
            doc_no: "",
            issued_on: held,
            year: 2020,
            summary: "专班第一次工作会议研究产业集群培育方案、产业链链长制和精准招商。",
            source_text: "",
            thresholds: Thresholds::default(),
        },
        at(held, 17),
    )
    .await?;
    for (seq, (title, lead, due)) in DECISIONS.iter().enumerate() {
        let task = insert_task(
            tx,
            region,
            &NewTask {
                plan_id: plan,
                parent_id: None,
                seq: seq as i64,
                title,
                description: "",
                lead_unit_id: Some(city.unit(lead)),
                co_unit_ids: &[],
                leader_id: city.leaders.get(s.leader).copied(),
                start: held,
                due: Some(day(2020, due.0, due.1)),
                cycle: "monthly",
                cycle_due_day: 25,
                weight: 1,
                domain: "产业集群",
                public: false,
                source: None,
                milestones: &[],
                owner: "",
                decomposed_by: None,
            },
            at(held, 17),
        )
        .await?;
        task_force::set_task(tx, region, task, Some(force), false).await?;
    }
    Ok(DECISIONS.len())
}
