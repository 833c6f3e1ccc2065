//! The plan of the 7 May 2020 city-government plenary meeting (`seed/meeting-2020-05-07.txt`),
//! decomposed by hand into tasks covering every actionable item of its hand labels.

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Cycle, CycleKind, Thresholds};
use luoshi_store::{
    Result, Tx,
    plan::{NewPlan, insert_plan},
    task::{NewTask, insert_task, set_done},
};

use crate::{
    city::City,
    day,
    reports::{self, Step},
    rng::Rng,
};

/// The meeting report as published, verbatim.
pub const TEXT: &str = include_str!("../../../seed/meeting-2020-05-07.txt");

/// How a demo task's reports go: (month, progress, status) of each monthly report.
type Reports = &'static [(u32, i64, &'static str)];

struct Item {
    /// The labelled phrase this task answers; its place in the text is the task's source.
    phrase: &'static str,
    title: &'static str,
    lead: &'static str,
    co: &'static [&'static str],
    /// Deadline (month, day) in 2020; `None` for 长期坚持.
    due: Option<(u32, u32)>,
    milestones: &'static [(&'static str, u32, u32)],
    reports: Reports,
    /// Completion approved on (month, day).
    done: Option<(u32, u32)>,
    weekly: bool,
}

struct Group {
    title: &'static str,
    domain: &'static str,
    lead: &'static str,
    leader: &'static str,
    items: &'static [Item],
}

const A: &str = "accepted";
const S: &str = "submitted";
const R: &str = "returned";

const fn item(
    phrase: &'static str,
    title: &'static str,
    lead: &'static str,
    co: &'static [&'static str],
    due: Option<(u32, u32)>,
    reports: Reports,
) -> Item {
    Item {
        phrase,
        title,
        lead,
        co,
        due,
        milestones: &[],
        reports,
        done: None,
        weekly: false,
    }
}

const GROUPS: &[Group] = &[
    Group {
        title: "坚持转型为纲，推动产业转型发展",
        domain: "产业转型",
        lead: "fgw",
        leader: "changwu",
        items: &[
            Item {
                milestones: &[("完成规划初稿并征求意见", 7, 31)],
                ..item(
                    "科学制定区域产业发展规划",
                    "科学制定区域产业发展规划，解决“往哪转”的问题",
                    "fgw",
                    &["gxj", "zrzyj", "kjj"],
                    Some((9, 30)),
                    &[(5, 10, A), (6, 30, S)],
                )
            },
            item(
                "把开发区打造成转型发展的主战场",
                "把开发区打造成转型发展的主战场、主引擎、主力军",
                "kfq",
                &["fgw", "gxj", "tczx"],
                Some((12, 31)),
                &[(5, 8, A), (6, 20, A)],
            ),
            Item {
                milestones: &[("引进亿元以上项目10个", 7, 31)],
                ..item(
                    "加大招商引资",
                    "加大招商引资力度，推动重点产业链精准招商",
                    "tczx",
                    &["swuj", "kfq", "dcq", "xsq", "hyx", "qqx", "smx", "lqs"],
                    Some((12, 31)),
                    &[(5, 5, A)],
                )
            },
            item(
                "推动重点产业集群做大做强",
                "推动重点产业集群做大做强，解决“如何转”的问题",
                "gxj",
                &["fgw", "kjj", "kfq"],
                Some((12, 31)),
                &[(5, 5, A), (6, 8, S)],
            ),
            Item {
                done: Some((5, 29)),
                ..item(
                    "组建由市领导牵头的产业集群培育专班",
                    "组建由市领导牵头的产业集群培育专班，抽调骨干力量加强产业研究",
                    "gxj",
                    &["zfb", "fgw", "rsj"],
                    Some((5, 31)),
                    &[(5, 100, A)],
                )
            },
        ],
    },
    Group {
        title: "坚持项目为王，全力抓好项目建设",
        domain: "项目建设",
        lead: "fgw",
        leader: "changwu",
        items: &[
            item(
                "加大考核奖惩力度",
                "把项目建设作为“一把手”工程，加大考核奖惩力度",
                "dcs",
                &["zfb", "fgw"],
                Some((7, 31)),
                &[(5, 10, A), (6, 35, S)],
            ),
            Item {
                done: Some((5, 18)),
                ..item(
                    "成立工作专班",
                    "成立项目谋划包装工作专班，聘请专门团队",
                    "fgw",
                    &["czj", "zrzyj"],
                    Some((5, 20)),
                    &[(5, 100, A)],
                )
            },
            Item {
                milestones: &[("完成第一批项目谋划包装", 6, 15)],
                ..item(
                    "抓紧谋划包装一批打基础、利长远的项目",
                    "在城建交通、生态环保、科教文旅、卫生健康、农业水利、新基建等领域抓紧谋划包装一批打基础、利长远的项目",
                    "fgw",
                    &["zjj", "jtj", "sthjj", "wlj", "wjw", "nyj", "swj", "gxj"],
                    Some((8, 31)),
                    &[(5, 10, A), (6, 30, S)],
                )
            },
            item(
                "全力加快项目建设",
                "聚焦省、市、县三级重点工程，全力加快项目建设",
                "fgw",
                &["zjj", "zrzyj", "spj", "dcq", "xsq", "hyx", "qqx", "smx", "lqs"],
                Some((12, 31)),
                &[(5, 10, A), (6, 25, S)],
            ),
            item(
                "领导带头包联",
                "市级领导带头包联重点工程，加强协调调度",
                "zfb",
                &["fgw", "dcs"],
                None,
                &[(5, 20, A), (6, 40, S)],
            ),
        ],
    },
    Group {
        title: "统筹推进城市规划建设管理",
        domain: "城市建设",
        lead: "zjj",
        leader: "chengjian",
        items: &[
            item(
                "统筹推进规划、融资、拆迁、建设、管理",
                "按照“一体两翼、协同发展”布局，统筹推进规划、融资、拆迁、建设、管理",
                "zjj",
                &["zrzyj", "czj", "jrj", "dcq", "xsq"],
                Some((12, 31)),
                &[(5, 5, A)],
            ),
            item(
                "全方位完善城市规划体系",
                "突出规划引领，全方位完善城市规划体系",
                "zrzyj",
                &["zjj", "cgj", "wlj"],
                Some((10, 31)),
                &[(5, 10, A), (6, 25, A)],
            ),
            item(
                "优化空间布局",
                "拓展发展空间，优化空间布局，完善城市功能",
                "zrzyj",
                &["fgw", "kfq"],
                Some((12, 31)),
                &[(5, 8, A), (6, 22, S)],
            ),
            item(
                "“两违”专项整治",
                "扎实开展“两违”专项整治",
                "cgj",
                &["zrzyj", "gaj", "dcq", "xsq"],
                Some((6, 20)),
                &[(5, 60, A), (6, 85, S)],
            ),
            item(
                "数字城管全覆盖",
                "推进数字城管全覆盖",
                "cgj",
                &["gxj", "czj"],
                Some((9, 30)),
                &[(5, 10, A), (6, 25, R)],
            ),
            item(
                "全面提升城市精细化管理水平",
                "开展“两下两进两拆四提升”活动，全面提升城市精细化管理水平",
                "cgj",
                &["zjj", "dcq", "xsq"],
                None,
                &[(5, 20, A), (6, 35, S)],
            ),
        ],
    },
    Group {
        title: "强化责任落实，发挥督查“尖兵”“利剑”作用",
        domain: "督查考核",
        lead: "dcs",
        leader: "mishuzhang",
        items: &[
            item(
                "层层压实责任",
                "围绕政府工作报告确定的重点任务层层压实责任，严肃问责",
                "dcs",
                &["zfb"],
                None,
                &[(5, 30, A), (6, 50, S)],
            ),
            item(
                "高质量完成市委、市政府交办的督查任务",
                "高质量完成市委、市政府交办的督查任务",
                "dcs",
                &[],
                None,
                &[(5, 40, A), (6, 50, A)],
            ),
            item(
                "圆满完成政府工作报告确定的各项目标任务",
                "圆满完成政府工作报告确定的各项目标任务",
                "zfb",
                &["dcs", "fgw"],
                Some((12, 31)),
                &[(5, 15, A), (6, 30, S)],
            ),
        ],
    },
    Group {
        title: "统筹抓好安全生产、环境保护等各项工作",
        domain: "综合",
        lead: "zfb",
        leader: "shizhang",
        items: &[
            item(
                "安全生产",
                "持续不断抓好安全生产",
                "yjj",
                &["gaj", "jtj", "zjj", "nyuj", "scjgj"],
                None,
                &[(5, 40, A), (6, 50, S)],
            ),
            Item {
                milestones: &[("完成燃煤锅炉淘汰改造", 6, 10)],
                ..item(
                    "环境保护",
                    "持续不断抓好环境保护，完成环境约束性指标",
                    "sthjj",
                    &["gxj", "zjj", "jtj", "cgj"],
                    Some((12, 31)),
                    &[(5, 10, A), (6, 20, S)],
                )
            },
            Item {
                weekly: true,
                ..item(
                    "森林防火",
                    "持续不断抓好森林防火",
                    "lyj",
                    &["yjj", "gaj", "hyx", "qqx", "smx", "lqs"],
                    None,
                    &[],
                )
            },
            item(
                "国资国企改革",
                "持续推进国资国企改革",
                "gzw",
                &["czj", "fgw"],
                Some((12, 31)),
                &[(5, 10, A), (6, 25, S)],
            ),
            Item {
                milestones: &[("新增煤成气产能1亿立方米", 9, 30)],
                ..item(
                    "煤成气增储上产",
                    "推动煤成气增储上产",
                    "nyuj",
                    &["zrzyj", "sthjj"],
                    Some((12, 31)),
                    &[(5, 8, A), (6, 12, S)],
                )
            },
            item(
                "“三零”单位创建",
                "深化“三零”单位创建",
                "sfj",
                &["gaj", "yjj", "mzj", "dcq", "xsq", "hyx", "qqx", "smx", "lqs"],
                Some((11, 30)),
                &[(5, 15, A), (6, 30, A)],
            ),
            item(
                "经济指标双过半",
                "确保主要经济指标实现“双过半”",
                "tjj",
                &["fgw", "gxj", "czj", "swuj"],
                Some((7, 15)),
                &[(5, 40, A), (6, 60, S)],
            ),
        ],
    },
];

/// The character span of the first occurrence of `phrase` in `text`.
pub fn span(text: &str, phrase: &str) -> Option<(i64, i64)> {
    let byte = text.find(phrase)?;
    let start = text[..byte].chars().count() as i64;
    Some((start, start + phrase.chars().count() as i64))
}

/// Builds the meeting plan; returns (tasks, reports) written.
pub async fn build(tx: &mut Tx, city: &City, today: NaiveDate, now: DateTime<Utc>) -> Result<(usize, usize)> {
    let region = city.region;
    let plan_id = insert_plan(
        tx,
        region,
        &NewPlan {
            kind: "meeting",
            title: "市政府全体（扩大）会议（2020年5月7日）",
            doc_no: "",
            issued_on: day(2020, 5, 7),
            year: 2020,
            summary: "就当前重点工作进行安排部署：推动转型发展、抓好项目建设、提升城市建设管理水平、狠抓工作落实、加强督查，统筹抓好安全生产、环境保护、森林防火等各项工作。",
            source_text: TEXT,
            thresholds: Thresholds::default(),
        },
        now,
    )
    .await?;
    let start = day(2020, 5, 8);
    let mut rng = Rng::new(20200507);
    let (mut tasks, mut reports_written) = (0, 0);
    for (g_seq, g) in GROUPS.iter().enumerate() {
        let parent = insert_task(
            tx,
            region,
            &NewTask {
                plan_id,
                parent_id: None,
                seq: g_seq as i64,
                title: g.title,
                description: "",
                lead_unit_id: Some(city.unit(g.lead)),
                co_unit_ids: &[],
                leader_id: city.leaders.get(g.leader).copied(),
                start,
                due: Some(day(2020, 12, 31)),
                cycle: "monthly",
                cycle_due_day: 25,
                weight: 1,
                domain: g.domain,
                public: true,
                source: None,
                milestones: &[],
                owner: "",
                decomposed_by: None,
            },
            now,
        )
        .await?;
        tasks += 1;
        for (seq, it) in g.items.iter().enumerate() {
            let co: Vec<i64> = it.co.iter().map(|k| city.unit(k)).collect();
            let ms: Vec<(&str, NaiveDate)> = it.milestones.iter().map(|(t, m, d)| (*t, day(2020, *m, *d))).collect();
            let (cycle, due_day) = if it.weekly { ("weekly", 5) } else { ("monthly", 25) };
            let id = insert_task(
                tx,
                region,
                &NewTask {
                    plan_id,
                    parent_id: Some(parent),
                    seq: seq as i64,
                    title: it.title,
                    description: "",
                    lead_unit_id: Some(city.unit(it.lead)),
                    co_unit_ids: &co,
                    leader_id: city.leader_of(it.lead),
                    start,
                    due: it.due.map(|(m, d)| day(2020, m, d)),
                    cycle,
                    cycle_due_day: due_day,
                    weight: 1,
                    domain: g.domain,
                    public: true,
                    source: span(TEXT, it.phrase),
                    milestones: &ms,
                    owner: "",
                    decomposed_by: None,
                },
                now,
            )
            .await?;
            tasks += 1;
            if let Some((m, d)) = it.done
                && day(2020, m, d) <= today
            {
                set_done(tx, region, id, day(2020, m, d), now).await?;
            }
            let steps: Vec<Step> = if it.weekly {
                weekly_steps(start, today)
            } else {
                it.reports
                    .iter()
                    .map(|(m, p, s)| Step {
                        period: day(2020, *m, 1),
                        due: day(2020, *m, 25),
                        progress: *p,
                        status: s,
                    })
                    .collect()
            };
            let lead = city.unit(it.lead);
            reports_written += reports::write(tx, region, id, |_| lead, it.title, &steps, today, &mut rng).await?;
        }
    }
    Ok((tasks, reports_written))
}

/// Weekly reports due each Friday from the week after `start`, all sent; progress is the share
/// of the fire season (to 30 June) gone.
fn weekly_steps(start: NaiveDate, today: NaiveDate) -> Vec<Step> {
    let cycle = Cycle {
        kind: CycleKind::Weekly,
        due_day: 5,
    };
    cycle
        .due_between(start, today.min(day(2020, 6, 30)))
        .into_iter()
        .map(|p| {
            let due = cycle.due_date(p);
            let progress = ((due - start).num_days() * 100 / (day(2020, 6, 30) - start).num_days()).clamp(0, 100);
            Step {
                period: p.start,
                due,
                progress,
                status: "accepted",
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
