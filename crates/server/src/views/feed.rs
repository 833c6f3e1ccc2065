//! A user's deadline calendar (日程订阅) as all-day events: the deadlines of their open tasks, the
//! due days of the reports their unit owes, the reply days of their open supervision orders and
//! the answer days of open leaders' instructions — what they would otherwise copy into a
//! calendar by hand. Read through the access layer as the user (a unit its own, a leader their
//! portfolio, the office the region).

use chrono::NaiveDate;
use luoshi_domain::{InstructionStatus, Lang, Role, fmt_date};
use luoshi_office::ics::Event;
use luoshi_store::{Conn, state::Order};

use crate::{
    access::{Reader, Scope},
    directory::Directory,
    error::AppResult,
};

/// The most items of each kind one feed carries.
const MOST: i64 = 2000;

/// The events of `reader`'s calendar on `today`, links under `base` (the server's address).
pub async fn events(
    reader: &Reader,
    user_id: i64,
    conn: &mut Conn,
    dir: &Directory,
    lang: Lang,
    today: NaiveDate,
    base: &str,
) -> AppResult<Vec<Event>> {
    let mut out = Vec::new();
    let link = |path: String| format!("{base}{path}");

    // Open tasks with a deadline: a unit's own, a leader's portfolio, the whole region.
    let mut f = reader.filter();
    if let (Role::Leader, Some(leader)) = (reader.role, reader.leader_id) {
        f.task_ids = Some(luoshi_store::state::portfolio(conn, reader.region, leader).await?);
    }
    let (tasks, _) = reader.stored_tasks(conn, f, Order::Tree, MOST, 0).await?;
    for t in tasks.iter().filter(|t| t.task.done_on.is_none()) {
        let Some(due) = t.task.due else { continue };
        out.push(Event {
            uid: format!("task-{}-due", t.task.id),
            day: due,
            summary: format!("{}{}", lang.pick("【任务截止】", "[Task due] "), t.task.title),
            description: format!(
                "{}{}\n{}{}\n{}",
                lang.pick("牵头单位：", "Lead unit: "),
                dir.unit_name(t.task.lead_unit_id),
                lang.pick("完成时限：", "Deadline: "),
                fmt_date(due, lang),
                t.verdict.explain(lang)
            ),
            url: link(format!("/tasks/{}", t.task.id)),
        });
    }

    // A unit: the reports it owes, the orders it must answer, the instructions it must answer.
    if let Scope::Unit(_) = reader.scope {
        let inbox = super::inbox::InboxView::build(reader, conn, dir, lang, today).await?;
        for i in &inbox.items {
            out.push(Event {
                uid: format!("report-{}-{}", i.task_id, i.period),
                day: i.due,
                summary: format!(
                    "{}{}（{}）",
                    lang.pick("【报送进展】", "[Report due] "),
                    i.task_title,
                    i.period_label
                ),
                description: i.state_name.clone(),
                url: link(format!("/tasks/{}/report?period={}", i.task_id, i.period)),
            });
        }
        for o in &inbox.orders {
            out.push(order_event(o.id, &o.doc_no, &o.title, o.reply_due, lang, &link));
        }
        for i in &inbox.instructions {
            out.push(instruction_event(i, lang, &link));
        }
        return Ok(out);
    }

    // The office: every open order's reply day. Leaders and the office: open instructions (a
    // leader's own, the office's all).
    if reader.role == Role::Supervisor {
        for o in luoshi_store::supervision::orders(conn, reader.region, "open", MOST, 0).await? {
            out.push(order_event(o.id, &o.doc_no, &o.title, o.reply_due, lang, &link));
        }
    }
    let which = luoshi_store::instruction::Which {
        written_by: (reader.role == Role::Leader).then_some(user_id),
        status: Some(InstructionStatus::Open),
        ..Default::default()
    };
    for i in luoshi_store::instruction::instructions(conn, reader.region, which, MOST, 0).await? {
        out.push(instruction_event(
            &super::instruction::InstructionRow::new(&i, dir, today, lang),
            lang,
            &link,
        ));
    }
    Ok(out)
}

fn order_event(
    id: i64,
    doc_no: &str,
    title: &str,
    due: NaiveDate,
    lang: Lang,
    link: &impl Fn(String) -> String,
) -> Event {
    Event {
        uid: format!("order-{id}-reply"),
        day: due,
        summary: format!("{}{doc_no} {title}", lang.pick("【督办回复】", "[Order reply due] ")),
        description: String::new(),
        url: link(format!("/supervisions/{id}")),
    }
}

fn instruction_event(i: &super::instruction::InstructionRow, lang: Lang, link: &impl Fn(String) -> String) -> Event {
    Event {
        uid: format!("instruction-{}-answer", i.id),
        day: i.answer_due,
        summary: format!(
            "{}{}：{}",
            lang.pick("【批示反馈】", "[Instruction answer due] "),
            i.leader,
            i.about
        ),
        description: format!("{}\n{}", i.content, i.unit),
        url: link(format!("/instructions/{}", i.id)),
    }
}
