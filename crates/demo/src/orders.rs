//! The demo's supervision orders (督办单) on 2020-06-30, one in every state: overdue without a
//! reply (red), due in a few days (yellow), a reply sent back (yellow), a reply waiting for the
//! office, a periodic order supervised on, and one closed (办结销号).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use luoshi_store::{
    Result, Tx,
    supervision::{self, NewOrder, Review},
    task,
};

use crate::{city::City, day};

fn at(d: Md, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&md(d).and_hms_opt(hour, 30, 0).unwrap_or_default())
}

/// One order of the demo.
struct Demo {
    unit: &'static str,
    co: &'static [&'static str],
    level: &'static str,
    source: &'static str,
    about_task: bool,
    title: &'static str,
    requirement: &'static str,
    source_text: &'static str,
    issued: Md,
    due: Md,
    mode: &'static str,
    /// What happened since: replies and reviews in order.
    story: &'static [Step],
}

#[derive(Clone, Copy)]
enum Step {
    Reply(&'static str, Md),
    Return(&'static str, Md),
    Continue(Md),
    Close(Md),
}

/// A day of 2020 as (month, day).
type Md = (u32, u32);

fn md((m, d): Md) -> NaiveDate {
    day(2020, m, d)
}

const ORDERS: &[Demo] = &[
    Demo {
        unit: "zjj",
        co: &["zrzyj"],
        level: "key",
        source: "task",
        about_task: true,
        title: "老旧小区改造开工进度滞后",
        requirement: "请说明滞后原因，提出加快推进的具体措施和时间表，6月24日前书面答复。",
        source_text: "",
        issued: (6, 15),
        due: (6, 24),
        mode: "once",
        story: &[],
    },
    Demo {
        unit: "yjj",
        co: &["jtj", "gaj"],
        level: "listed",
        source: "instruction",
        about_task: false,
        title: "危险化学品运输车辆安全隐患整治",
        requirement: "立即组织开展危化品运输车辆专项检查，7月3日前报送检查情况和整改清单。",
        source_text: "请应急局牵头，会同交通、公安部门立即开展专项检查，举一反三，坚决遏制事故发生。——陈卫国，2020年6月27日",
        issued: (6, 28),
        due: (7, 3),
        mode: "once",
        story: &[],
    },
    Demo {
        unit: "gxj",
        co: &[],
        level: "general",
        source: "task",
        about_task: true,
        title: "重点工业企业复工达产情况",
        requirement: "每周报送重点工业企业复工达产进展，直至全部达产。",
        source_text: "",
        issued: (6, 1),
        due: (6, 8),
        mode: "weekly",
        story: &[
            Step::Reply("本周新增达产企业12家，累计达产率87%。", (6, 8)),
            Step::Continue((6, 9)),
            Step::Reply("本周新增达产企业9家，累计达产率91%。", (6, 15)),
            Step::Continue((6, 16)),
            Step::Reply("本周新增达产企业6家，累计达产率94%。", (6, 22)),
            Step::Continue((6, 23)),
            Step::Reply("本周新增达产企业4家，累计达产率96%。", (6, 29)),
            Step::Continue((6, 30)),
        ],
    },
    Demo {
        unit: "fgw",
        co: &["czj"],
        level: "key",
        source: "meeting",
        about_task: false,
        title: "新基建项目谋划储备",
        requirement: "按照市政府常务会议要求，6月底前完成首批新基建项目谋划包装，报送项目清单。",
        source_text: "会议要求，市发改委要抓紧谋划储备一批新基建项目，6月底前完成首批项目包装。",
        issued: (6, 10),
        due: (6, 30),
        mode: "once",
        story: &[Step::Reply(
            "已完成首批32个新基建项目谋划包装，总投资186亿元，清单已报市政府办。",
            (6, 29),
        )],
    },
    Demo {
        unit: "sthjj",
        co: &[],
        level: "general",
        source: "task",
        about_task: true,
        title: "城区扬尘污染治理",
        requirement: "针对群众反映的建筑工地扬尘问题，7月6日前报送整治情况。",
        source_text: "",
        issued: (6, 18),
        due: (7, 6),
        mode: "once",
        story: &[
            Step::Reply("已督促相关工地落实围挡和洒水措施。", (6, 25)),
            Step::Return("答复过于笼统，请列明检查工地数量、问题清单和整改完成时间。", (6, 26)),
        ],
    },
    Demo {
        unit: "swj",
        co: &["yjj"],
        level: "general",
        source: "other",
        about_task: false,
        title: "汛前水库除险加固",
        requirement: "汛前完成病险水库除险加固，报送完成情况。",
        source_text: "",
        issued: (5, 20),
        due: (6, 10),
        mode: "once",
        story: &[
            Step::Reply("3座病险水库除险加固工程已于6月5日全部完工并通过验收。", (6, 8)),
            Step::Close((6, 9)),
        ],
    },
];

/// Issues the demo's orders as the supervision office (`by`); returns how many.
pub async fn build(tx: &mut Tx, city: &City, by: i64) -> Result<usize> {
    for o in ORDERS {
        let unit = city.unit(o.unit);
        let task_id = if o.about_task {
            task::tasks_of_unit(tx, city.region, unit)
                .await?
                .into_iter()
                .find(|t| t.lead_unit_id == Some(unit) && t.done_on.is_none())
                .map(|t| t.id)
        } else {
            None
        };
        let co: Vec<i64> = o.co.iter().map(|k| city.unit(k)).collect();
        let (id, _) = supervision::insert(
            tx,
            city.region,
            &NewOrder {
                year: 2020,
                prefix: "督",
                level: o.level,
                source: if task_id.is_some() || o.source != "task" {
                    o.source
                } else {
                    "other"
                },
                task_id,
                title: o.title,
                requirement: o.requirement,
                source_text: o.source_text,
                lead_unit_id: unit,
                co_unit_ids: &co,
                reply_due: md(o.due),
                mode: o.mode,
                issued_by: Some(by),
            },
            at(o.issued, 1),
        )
        .await?;
        let mut due = md(o.due);
        for (version, step) in (1..).zip(o.story.iter()) {
            let review = |status, returned, reply_status, due, closed_on, note| Review {
                status,
                returned,
                reply_status,
                reply_due: due,
                closed_on,
                note,
            };
            match *step {
                Step::Reply(text, on) => {
                    supervision::insert_reply(tx, city.region, id, version, unit, text, None, at(on, 2)).await?;
                }
                Step::Return(note, on) => {
                    let r = review("open", true, "returned", due, None, note);
                    supervision::review(tx, city.region, id, version, &r, by, at(on, 3)).await?;
                }
                Step::Continue(on) => {
                    due = due + chrono::Days::new(7);
                    let r = review("open", false, "accepted", due, None, "");
                    supervision::review(tx, city.region, id, version, &r, by, at(on, 3)).await?;
                }
                Step::Close(on) => {
                    let r = review("closed", false, "accepted", due, Some(md(on)), "同意办结销号。");
                    supervision::review(tx, city.region, id, version, &r, by, at(on, 3)).await?;
                }
            }
        }
    }
    Ok(ORDERS.len())
}
