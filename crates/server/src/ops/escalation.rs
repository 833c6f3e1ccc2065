//! The daily escalation scan: every leaf task of every plan is put against its plan's ladder
//! (and every open coordination issue of a key project, `project_ladder`);
//! each rung reached is recorded once (a unique key) and, the first time only, tells the
//! people it concerns — the lead unit's users, the responsible leader, the supervision office —
//! in their in-app notifications. Running it twice, or on two instances at once, sends nothing
//! twice.

use luoshi_domain::Role;
use luoshi_domain::accountability::AccountabilityKind;
use luoshi_lights::Change;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Ladder, LadderFacts, Lang, Rung, firings, fmt_date};
use luoshi_store::{RegionId, Store, escalation, plan, snapshot, user};
use serde_json::json;

use crate::error::AppResult;
use luoshi_lights::{PlanBoard, cycle_of};

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    /// Rungs that fired for the first time.
    pub fired: usize,
    /// Notifications written.
    pub notified: usize,
}

/// The words of a firing, in Chinese (notifications are written once, for people who work in
/// Chinese; the kind lets a page show them in English too).
/// `red_periods` is the plan's ladder's number of red periods in a row.
fn words(rung: Rung, task: &str, key: NaiveDate, today: NaiveDate, red_periods: u32) -> (String, String) {
    let day = fmt_date(key, Lang::Zh);
    match rung {
        Rung::ReportSoon => (
            format!("报送提醒：《{task}》"),
            format!("本期进展应于{day}前报送，请及时填报。"),
        ),
        Rung::ReportMissing => (
            format!("逾期未报：《{task}》"),
            format!("本期进展应于{day}报送，至今未报送，请立即补报。"),
        ),
        Rung::OrderProposed => (
            format!("建议督办：《{task}》"),
            format!(
                "该任务完成时限为{day}，已超期{}天，建议下发督办单。",
                (today - key).num_days()
            ),
        ),
        Rung::AccountabilityProposed => (
            format!("建议问责：《{task}》"),
            format!("该任务已连续{red_periods}个报送周期亮红灯，建议启动问责程序。"),
        ),
    }
}

/// Scans region `region` on `today`; `now` stamps what it writes; `config` says where
/// messages may go besides the app.
pub async fn scan(
    store: &Store,
    region: RegionId,
    today: NaiveDate,
    now: DateTime<Utc>,
    config: &crate::Config,
) -> AppResult<Scan> {
    let mut conn = store.conn().await?;
    let reach = super::notify::reach(&mut conn, region, config).await?;
    let plans = plan::plans(&mut conn, region).await?;
    let users = user::users(&mut conn, region).await?;
    let mut boards = Vec::with_capacity(plans.len());
    for p in plans {
        let ladder = Ladder::parse(&p.ladder);
        boards.push((ladder, PlanBoard::load(&mut conn, region, p, today).await?));
    }
    // Red history per task, from the recorded lights.
    let mut red: HashMap<i64, Vec<(NaiveDate, bool)>> = HashMap::new();
    for (_, b) in &boards {
        for t in b.tasks.iter().filter(|t| !t.has_children) {
            let mut h: Vec<(NaiveDate, bool)> = snapshot::snapshots_of_task(&mut conn, region, t.task.id)
                .await?
                .into_iter()
                .filter(|s| s.period < cycle_of(&t.task).period_containing(today).start)
                .map(|s| (s.period, s.light == luoshi_domain::Light::Red))
                .collect();
            h.sort();
            red.insert(t.task.id, h);
        }
    }
    drop(conn);
    let office: Vec<&luoshi_store::user::User> = users
        .iter()
        .filter(|u| u.role == Role::Supervisor && u.active)
        .collect();
    let mut out = Scan::default();
    for (ladder, b) in &boards {
        for t in b.tasks.iter().filter(|t| !t.has_children) {
            let facts = LadderFacts {
                cycle: cycle_of(&t.task),
                start: t.task.start,
                due: t.task.due,
                done: t.task.done_on.is_some(),
                latest_sent: t.latest.as_ref().map(|l| l.period),
                red_history: red.get(&t.task.id).map(Vec::as_slice).unwrap_or(&[]),
            };
            for f in firings(ladder, &facts, &b.calendar, today) {
                let unit_users: Vec<&luoshi_store::user::User> = users
                    .iter()
                    .filter(|u| {
                        u.active && u.role == Role::UnitUser && u.unit_id.is_some() && u.unit_id == t.task.lead_unit_id
                    })
                    .collect();
                let leader_users: Vec<&luoshi_store::user::User> = users
                    .iter()
                    .filter(|u| {
                        u.active && u.role == Role::Leader && u.leader_id.is_some() && u.leader_id == t.task.leader_id
                    })
                    .collect();
                let to: Vec<&luoshi_store::user::User> = match f.rung {
                    Rung::ReportSoon => unit_users,
                    Rung::ReportMissing => unit_users.into_iter().chain(leader_users).collect(),
                    Rung::OrderProposed | Rung::AccountabilityProposed => office.clone(),
                };
                let (title, body) = words(f.rung, &t.task.title, f.key, today, ladder.red_periods);
                let status = if f.rung.proposes() {
                    luoshi_domain::EscalationStatus::Proposed
                } else {
                    luoshi_domain::EscalationStatus::Sent
                }
                .code();
                let ids: Vec<i64> = to.iter().map(|u| u.id).collect();
                let detail = json!({ "title": title, "body": body, "to": ids }).to_string();
                let mut tx = store.begin().await?;
                let Some(id) = escalation::fire(
                    &mut tx,
                    region,
                    t.task.id,
                    t.task.lead_unit_id,
                    f.rung.code(),
                    f.key,
                    status,
                    &detail,
                    now,
                )
                .await?
                else {
                    // Fired before: nothing more to say.
                    continue;
                };
                let link = match f.rung {
                    Rung::ReportSoon | Rung::ReportMissing => format!("/tasks/{}/report", t.task.id),
                    Rung::OrderProposed => format!("/supervisions/new?task={}&proposal={id}", t.task.id),
                    Rung::AccountabilityProposed => format!("/reviews#proposal-{id}"),
                };
                let m = super::notify::Message {
                    event_key: &format!("escalation:{id}"),
                    kind: f.rung.code(),
                    title: &title,
                    body: &body,
                    link: &link,
                };
                out.notified += super::notify::notify(&mut tx, region, &to, m, &reach, now).await?;
                tx.commit().await?;
                out.fired += 1;
            }
        }
    }
    // The key projects' coordination issues climb the same ladder.
    let (fired, notified) = super::project_ladder::scan(store, region, today, now, config).await?;
    out.fired += fired;
    out.notified += notified;
    Ok(out)
}

/// The kinds a proposal of accountability may be confirmed as (约谈, 通报批评, 问责).
pub fn proposal_kinds() -> impl Iterator<Item = AccountabilityKind> {
    AccountabilityKind::ALL.iter().copied().filter(|k| !k.is_commendation())
}

/// The office decides on a proposal read at `version`: dismiss it (with a reason), or confirm
/// an accountability proposal as a record of `kind`.
pub async fn decide(
    state: &crate::AppState,
    cap: &crate::access::SupervisorCap,
    id: i64,
    version: i64,
    confirm: bool,
    kind: &str,
    note: &str,
) -> AppResult<()> {
    use crate::error::AppError;
    luoshi_domain::check_reason("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let e = escalation::escalation(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if confirm {
        if e.rung != Rung::AccountabilityProposed {
            return Err(crate::ops::invalid(
                "action",
                luoshi_domain::codes::PROPOSAL_CONFIRM_ORDER,
                "督办建议请通过下发督办单采纳",
                "Accept an order proposal by issuing the order",
            ));
        }
        if !proposal_kinds().any(|k| k.code() == kind) {
            return Err(crate::ops::invalid(
                "kind",
                luoshi_domain::codes::ACCOUNTABILITY_KIND_UNKNOWN,
                "请选择问责方式",
                "Choose the kind of accountability",
            ));
        }
        let unit = e.unit_id.ok_or(AppError::NotFound)?;
        let records = format!("task:{}", e.task_id);
        let f = luoshi_store::accountability::Fields {
            unit_id: unit,
            task_id: Some(e.task_id),
            kind,
            reason: note.trim(),
            person: "",
            doc_no: "",
            records: &records,
            public: false,
            decided_on: state.clock.today(),
        };
        let record =
            luoshi_store::accountability::insert(&mut tx, cap.region, f, Some(e.id), cap.actor.id, now).await?;
        let name = AccountabilityKind::parse(kind).map(|k| k.names().0).unwrap_or_default();
        let m = super::notify::Message {
            event_key: &format!("accountability:{record}"),
            kind: "accountability_recorded",
            title: &format!("督查室对本单位作出{name}：{}", note.trim()),
            body: "",
            link: &format!("/accountability/{record}"),
        };
        super::notify::tell_unit(&mut tx, &state.config, cap.region, unit, m, now).await?;
    }
    escalation::decide(
        &mut tx,
        cap.region,
        id,
        version,
        if confirm {
            luoshi_domain::EscalationStatus::Accepted
        } else {
            luoshi_domain::EscalationStatus::Dismissed
        }
        .code(),
        cap.actor.id,
        note.trim(),
        now,
    )
    .await?;
    crate::ops::record(
        &mut tx,
        cap.region,
        crate::ops::Record {
            actor: &cap.actor,
            change: if confirm {
                Change::AccountabilityRecorded { task: e.task_id }
            } else {
                Change::ProposalDismissed { task: e.task_id }
            },
            entity: "escalation",
            entity_id: id,
            before: None,
            after: json!({ "rung": e.rung, "kind": kind, "note": note.trim() }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
