//! The demo's leaders' instructions (领导批示) on 2020-06-30, from the mayor and vice-mayors, in
//! every state: waiting for an answer, late without one, answered (落实情况), and made into a
//! supervision order; written on tasks, on a report and on an order.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use luoshi_domain::{InstructionTarget, instruction::default_answer_due};
use luoshi_store::{
    Result, Tx, event,
    instruction::{self, NewInstruction},
    report, supervision, task, user,
};
use serde_json::json;

use crate::{city::City, day};

fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(hour, 10, 0).unwrap_or_default())
}

/// What happened to an instruction after it was written.
#[derive(Clone, Copy)]
enum Then {
    /// Nothing yet.
    Waiting,
    /// The unit answered on the day.
    Answered(&'static str, (u32, u32)),
    /// The office made an order of it on the day, with this requirement.
    Ordered(&'static str, (u32, u32)),
}

/// What it is written on.
#[derive(Clone, Copy)]
enum On {
    /// The unit's first open task.
    Task,
    /// The latest submitted report on that task.
    Report,
    /// The order with this title.
    Order(&'static str),
}

struct Demo {
    leader: &'static str,
    unit: &'static str,
    on: On,
    content: &'static str,
    written: (u32, u32),
    then: Then,
}

const INSTRUCTIONS: &[Demo] = &[
    Demo {
        leader: "chenweiguo",
        unit: "zjj",
        on: On::Task,
        content: "老旧小区改造是民生实事，要倒排工期、挂图作战，确保年底前全部完工。",
        written: (6, 12),
        then: Then::Answered(
            "已制定倒排工期计划，42个小区已开工38个，每周调度一次，确保年底前全部完工。",
            (6, 18),
        ),
    },
    Demo {
        leader: "lijianping",
        unit: "fgw",
        on: On::Task,
        content: "请发改委会同财政局研究资金保障方案，7月初报市政府常务会议。",
        written: (6, 26),
        then: Then::Waiting,
    },
    Demo {
        leader: "wuzhiqiang",
        unit: "sthjj",
        on: On::Report,
        content: "报送中反映的问题要逐项建立台账，明确整改时限和责任人。",
        written: (6, 15),
        then: Then::Waiting,
    },
    Demo {
        leader: "zhouwenbin",
        unit: "jtj",
        on: On::Task,
        content: "进度明显滞后，请交通局说明原因并拿出赶工措施。",
        written: (6, 10),
        then: Then::Ordered("7月10日前报送滞后原因分析和赶工计划，明确每周节点。", (6, 20)),
    },
    Demo {
        leader: "chenweiguo",
        unit: "yjj",
        on: On::Order("危险化学品运输车辆安全隐患整治"),
        content: "专项检查要覆盖所有运输企业，发现问题立即停运整改，检查结果报我。",
        written: (6, 29),
        then: Then::Waiting,
    },
    Demo {
        leader: "zhaominghua",
        unit: "gxj",
        on: On::Task,
        content: "要盯紧重点企业用工和原材料保障，帮助企业解决实际困难。",
        written: (6, 5),
        then: Then::Answered(
            "已建立重点企业包联机制，协调解决用工缺口1,200人、原材料运输问题17项。",
            (6, 11),
        ),
    },
    Demo {
        leader: "zhenghaitao",
        unit: "gaj",
        on: On::Task,
        content: "请公安局加强夜间巡逻防控，每周报告一次工作进展。",
        written: (6, 19),
        then: Then::Waiting,
    },
];

/// Writes the demo's instructions; the office (`by`) makes an order of one. Returns how many.
pub async fn build(tx: &mut Tx, city: &City, by: i64) -> Result<usize> {
    let region = city.region;
    let mut written = 0;
    for d in INSTRUCTIONS {
        let Some(leader) = user::user_by_username(tx, region, d.leader).await? else {
            continue;
        };
        let unit = city.unit(d.unit);
        let first_task = task::tasks_of_unit(tx, region, unit)
            .await?
            .into_iter()
            .find(|t| t.lead_unit_id == Some(unit) && t.done_on.is_none());
        let (target, task_id, report_id, supervision_id) = match d.on {
            On::Task => (InstructionTarget::Task, first_task.map(|t| t.id), None, None),
            On::Report => {
                let Some(t) = first_task else { continue };
                let latest = report::reports_of_task(tx, region, t.id)
                    .await?
                    .into_iter()
                    .filter(|r| r.status != luoshi_domain::ReportStatus::Draft)
                    .max_by_key(|r| r.period);
                match latest {
                    Some(r) => (InstructionTarget::Report, Some(t.id), Some(r.id), None),
                    None => (InstructionTarget::Task, Some(t.id), None, None),
                }
            }
            On::Order(title) => {
                let order = supervision::orders(tx, region, "", 100, 0)
                    .await?
                    .into_iter()
                    .find(|o| o.title == title);
                match order {
                    Some(o) => (InstructionTarget::Order, o.task_id, None, Some(o.id)),
                    None => continue,
                }
            }
        };
        if target != InstructionTarget::Order && task_id.is_none() {
            continue;
        }
        let on = day(2020, d.written.0, d.written.1);
        let id = instruction::insert(
            tx,
            region,
            &NewInstruction {
                target,
                task_id,
                report_id,
                supervision_id,
                unit_id: unit,
                written_by: leader.id,
                content: d.content,
                answer_due: default_answer_due(on),
            },
            at(on, 1),
        )
        .await?;
        written += 1;
        let history =
            |kind: &'static str, actor: (i64, String), detail: serde_json::Value, when| (kind, actor, detail, when);
        let mut steps = vec![history(
            "instruction.written",
            (leader.id, leader.username.clone()),
            json!({ "leader": leader.display_name, "content": d.content }),
            at(on, 1),
        )];
        match d.then {
            Then::Waiting => {}
            Then::Answered(text, (m, dd)) => {
                let when = at(day(2020, m, dd), 2);
                let answerer = user::user_by_username(tx, region, d.unit).await?;
                let (aid, aname) = answerer
                    .map(|u| (u.id, u.username))
                    .unwrap_or((leader.id, String::new()));
                instruction::answer(tx, region, id, 1, text, aid, when).await?;
                steps.push(history(
                    "instruction.answered",
                    (aid, aname),
                    json!({ "leader": leader.display_name, "answer": text }),
                    when,
                ));
            }
            Then::Ordered(requirement, (m, dd)) => {
                let when = at(day(2020, m, dd), 3);
                let due = day(2020, 7, 10);
                let quoted = format!(
                    "{}{}批示：{}",
                    leader_title(city, &leader),
                    leader.display_name,
                    d.content
                );
                let title = format!("落实{}批示：交通重点任务进度滞后", leader.display_name);
                let (order_id, doc_no) = supervision::insert(
                    tx,
                    region,
                    &supervision::NewOrder {
                        year: 2020,
                        prefix: "督",
                        level: "key",
                        source: "instruction",
                        task_id,
                        title: &title,
                        requirement,
                        source_text: &quoted,
                        lead_unit_id: unit,
                        co_unit_ids: &[],
                        reply_due: due,
                        mode: "once",
                        issued_by: Some(by),
                    },
                    when,
                )
                .await?;
                instruction::mark_ordered(tx, region, id, 1, order_id, when).await?;
                steps.push(history(
                    "instruction.ordered",
                    (by, "duchashi".to_string()),
                    json!({ "leader": leader.display_name, "doc_no": doc_no }),
                    when,
                ));
            }
        }
        if let Some(t) = task_id {
            for (kind, (actor_id, actor), detail, when) in steps {
                event::record(tx, region, t, Some(actor_id), &actor, kind, &detail, when).await?;
            }
        }
    }
    Ok(written)
}

/// A leader's title as the city lists it (市长, 副市长…).
fn leader_title(city: &City, u: &user::User) -> String {
    crate::city::LEADERS
        .iter()
        .find(|l| l.4 == u.username)
        .filter(|l| u.leader_id.is_some() && city.leaders.contains_key(l.0))
        .map(|l| l.2.to_string())
        .unwrap_or_default()
}
