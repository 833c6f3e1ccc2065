//! Supervision orders (督办单): the office issues them, the lead unit replies, the office closes
//! them (办结销号), accepts a periodic reply and keeps supervising, or sends the reply back.
//! Who may see an order is decided here too: the region's supervisor and leaders, and the
//! units it names.

use luoshi_domain::{
    OrderInput, ReplyDecision, SupervisionStatus, ValidationError, check_order, check_reason, check_reply,
};
use luoshi_lights::Change;
use luoshi_store::{
    StoreError,
    supervision::{self, NewOrder, Review, Supervision},
    task,
};
use serde_json::json;

use super::{Record, fail_if, invalid, record};
use crate::{
    AppState,
    access::{Actor, SupervisorCap},
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
};

/// The prefix of an order's number (督〔2020〕12号).
pub const PREFIX: &str = "督";

/// Who an order goes to, as chosen.
#[derive(Debug, Clone, Default)]
pub struct Addressees {
    /// The task it is about.
    pub task_id: Option<i64>,
    /// 牵头单位.
    pub lead_unit_id: Option<i64>,
    /// 配合单位.
    pub co_unit_ids: Vec<i64>,
    /// The ladder's proposal this order answers, if any.
    pub proposal: Option<i64>,
    /// The leader's instruction this order is made of, as read, with the version read.
    pub instruction: Option<(luoshi_store::instruction::Instruction, i64)>,
    /// The dispatch meeting's decision this order is made of.
    pub dispatch: Option<super::dispatch_order::OrderedDecision>,
}

fn check_addressees(dir: &Directory, a: &Addressees) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    let live = |id: i64| dir.unit(id).is_some_and(|u| u.merged_into.is_none());
    match a.lead_unit_id {
        None => errs.push(ValidationError::new(
            "lead_unit_id",
            luoshi_domain::codes::ORDER_LEAD_MISSING,
            "请选择责任单位",
            "Choose the unit the order goes to",
        )),
        Some(u) if !live(u) => errs.push(ValidationError::new(
            "lead_unit_id",
            luoshi_domain::codes::ORDER_UNIT_UNKNOWN,
            "责任单位不存在或已撤并",
            "The unit does not exist or was merged",
        )),
        _ => {}
    }
    errs.extend(luoshi_domain::text::repeated("co_unit_ids", &a.co_unit_ids));
    if a.co_unit_ids.iter().any(|u| !live(*u)) {
        errs.push(ValidationError::new(
            "co_unit_ids",
            luoshi_domain::codes::ORDER_UNIT_UNKNOWN,
            "配合单位不存在或已撤并",
            "A co-unit does not exist or was merged",
        ));
    }
    if a.lead_unit_id.is_some_and(|l| a.co_unit_ids.contains(&l)) {
        errs.push(ValidationError::new(
            "co_unit_ids",
            luoshi_domain::codes::ORDER_LEAD_ALSO_CO,
            "责任单位不能同时作为配合单位",
            "The unit the order goes to cannot also be a co-unit",
        ));
    }
    errs
}

/// Issues an order; returns its id and number. Two orders issued at the same moment get two
/// numbers: a clash on the number is retried.
pub async fn issue(
    state: &AppState,
    cap: &SupervisorCap,
    input: &OrderInput,
    to: &Addressees,
) -> AppResult<(i64, String)> {
    let today = state.clock.today();
    let dir = {
        let mut conn = state.store.conn().await?;
        if let Some(t) = to.task_id {
            task::task(&mut conn, cap.region, t).await?.ok_or(AppError::NotFound)?;
        }
        Directory::load(&mut conn, cap.region).await?
    };
    let mut errs = check_addressees(&dir, to);
    let v = check_order(input, today, to.task_id.is_some())
        .map_err(|e| errs.extend(e))
        .ok();
    fail_if(errs)?;
    let v = v.ok_or_else(|| AppError::Internal("order checked without errors but not valid".into()))?;
    let lead = to
        .lead_unit_id
        .ok_or_else(|| AppError::Internal("order without a lead unit".into()))?;
    let year = i64::from(chrono::Datelike::year(&today));
    for attempt in 0..5 {
        let now = state.clock.now();
        let mut tx = state.store.begin().await?;
        let issued = supervision::insert(
            &mut tx,
            cap.region,
            &NewOrder {
                year,
                prefix: PREFIX,
                level: v.level.code(),
                source: v.source.code(),
                task_id: to.task_id,
                title: &v.title,
                requirement: &v.requirement,
                source_text: &v.source_text,
                lead_unit_id: lead,
                co_unit_ids: &to.co_unit_ids,
                reply_due: v.reply_due,
                mode: v.mode.code(),
                issued_by: Some(cap.actor.id),
            },
            now,
        )
        .await;
        let (id, doc_no) = match issued {
            Err(StoreError::Duplicate(_)) if attempt < 4 => continue,
            other => other?,
        };
        if let Some(p) = to.proposal {
            luoshi_store::escalation::accept_if_proposed(&mut tx, cap.region, p, cap.actor.id, &doc_no, now).await?;
        }
        if let Some((i, version)) = &to.instruction {
            super::instruction::ordered(&mut tx, state, cap, i, *version, id, &doc_no, now).await?;
        }
        if let Some(d) = &to.dispatch {
            super::dispatch_order::ordered(&mut tx, cap, d, id, now).await?;
        }
        // The units it names hear of it at once.
        let users = luoshi_store::user::users(&mut tx, cap.region).await?;
        let reach = super::notify::reach(&mut tx, cap.region, &state.config).await?;
        let named: Vec<&luoshi_store::user::User> = users
            .iter()
            .filter(|u| u.active && u.role == luoshi_domain::Role::UnitUser)
            .filter(|u| u.unit_id.is_some_and(|x| x == lead || to.co_unit_ids.contains(&x)))
            .collect();
        let title = format!("督办通知：{doc_no}");
        let body = format!(
            "{}（答复时限{}）",
            v.title,
            luoshi_domain::fmt_date(v.reply_due, luoshi_domain::Lang::Zh)
        );
        let m = super::notify::Message {
            event_key: &format!("supervision:{id}"),
            kind: "supervision_issued",
            title: &title,
            body: &body,
            link: &format!("/supervisions/{id}"),
        };
        super::notify::notify(&mut tx, cap.region, &named, m, &reach, now).await?;
        record(
            &mut tx,
            cap.region,
            Record {
                actor: &cap.actor,
                change: Change::OrderIssued { task: to.task_id },
                entity: "supervision",
                entity_id: id,
                before: None,
                after: json!({ "doc_no": doc_no, "level": v.level.code(), "title": v.title, "lead_unit_id": lead,
                    "co_unit_ids": to.co_unit_ids, "reply_due": v.reply_due, "mode": v.mode.code() }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok((id, doc_no));
    }
    Err(AppError::Internal("no free supervision number after five tries".into()))
}

/// The lead unit replies to an open order read at `version`.
pub async fn reply(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    version: i64,
    content: &str,
    uploads: &[super::report::Upload],
) -> AppResult<i64> {
    let access = {
        let mut conn = state.store.conn().await?;
        viewer.order(&mut conn, id).await?
    };
    let unit = access.unit.filter(|_| access.leads()).ok_or(AppError::Forbidden)?;
    if access.order.status != SupervisionStatus::Open {
        return Err(invalid(
            "status",
            luoshi_domain::codes::ORDER_NOT_OPEN,
            "该督办单不在待答复状态",
            "This order is not waiting for a reply",
        ));
    }
    let mut errs: Vec<luoshi_domain::ValidationError> = check_reply(content).err().into_iter().collect();
    if uploads.len() > super::report::MAX_FILES {
        errs.push(luoshi_domain::ValidationError::new(
            "evidence",
            luoshi_domain::codes::EVIDENCE_TOO_MANY,
            format!("每次答复最多附{}个文件", super::report::MAX_FILES),
            format!("A reply may carry at most {} files", super::report::MAX_FILES),
        ));
    }
    let files = super::report::checked_uploads(uploads, state.config.max_upload_mb * 1024 * 1024, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let actor: Actor = viewer.actor();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let rid = supervision::insert_reply(
        &mut tx,
        access.region,
        id,
        version,
        unit,
        content.trim(),
        Some(actor.id),
        now,
    )
    .await?;
    for (name, kind, bytes) in &files {
        let sm3 = {
            use sm3::Digest;
            crate::ctx::hex(&sm3::Sm3::digest(bytes))
        };
        let f = luoshi_store::reply_file::NewFile {
            name,
            kind: &super::report::kind_code(*kind),
            sm3: &sm3,
            data: bytes,
        };
        luoshi_store::reply_file::insert(&mut tx, access.region, rid, f, actor.id, now).await?;
    }
    record(
        &mut tx,
        access.region,
        Record {
            actor: &actor,
            change: Change::OrderReplied {
                task: access.order.task_id,
            },
            entity: "supervision",
            entity_id: id,
            before: None,
            after: json!({ "reply_id": rid, "doc_no": access.order.doc_no, "content": content.trim(), "files": files.len() }),
        },
        now,
    )
    .await?;
    // The office hears of the reply at once.
    let title = format!("督办单已答复：{}", access.order.doc_no);
    let m = super::notify::Message {
        event_key: &format!("supervision:{}:v{}", id, version + 1),
        kind: "supervision_replied",
        title: &title,
        body: content.trim(),
        link: &format!("/supervisions/{id}"),
    };
    super::notify::tell_office(&mut tx, &state.config, access.region, m, now).await?;
    tx.commit().await?;
    Ok(rid)
}

/// The office decides on the waiting reply of order `id` read at `version`: close it, accept it
/// and keep supervising to the next periodic deadline, or send it back (with a reason).
pub async fn review(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    decision: ReplyDecision,
    note: &str,
) -> AppResult<()> {
    if decision == ReplyDecision::Return {
        check_reason("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    }
    let today = state.clock.today();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let o = supervision::order(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if o.status != SupervisionStatus::Replied {
        return Err(invalid(
            "action",
            luoshi_domain::codes::ORDER_NO_REPLY,
            "该督办单没有待审核的答复",
            "This order has no reply waiting for review",
        ));
    }
    let mode = o.mode;
    let r = match decision {
        ReplyDecision::Close => Review {
            status: SupervisionStatus::Closed.code(),
            returned: false,
            reply_status: luoshi_domain::ReplyStatus::Accepted.code(),
            reply_due: o.reply_due,
            closed_on: Some(today),
            note: note.trim(),
        },
        ReplyDecision::Continue => Review {
            status: SupervisionStatus::Open.code(),
            returned: false,
            reply_status: luoshi_domain::ReplyStatus::Accepted.code(),
            reply_due: mode.next_due(o.reply_due.max(today)).ok_or_else(|| {
                AppError::Validation(vec![ValidationError::new(
                    "action",
                    luoshi_domain::codes::ORDER_ONCE_NO_CONTINUE,
                    "一次性答复的督办单请办结销号或退回",
                    "An order replied to once is closed or sent back",
                )])
            })?,
            closed_on: None,
            note: note.trim(),
        },
        ReplyDecision::Return => Review {
            status: SupervisionStatus::Open.code(),
            returned: true,
            reply_status: luoshi_domain::ReplyStatus::Returned.code(),
            reply_due: o.reply_due,
            closed_on: None,
            note: note.trim(),
        },
    };
    supervision::review(&mut tx, cap.region, id, version, &r, cap.actor.id, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::OrderDecided {
                task: o.task_id,
                decision,
            },
            entity: "supervision",
            entity_id: id,
            before: Some(json!({ "status": o.status, "reply_due": o.reply_due })),
            after: json!({ "doc_no": o.doc_no, "status": r.status, "reply_due": r.reply_due, "note": note.trim() }),
        },
        now,
    )
    .await?;
    let (kind, title, body) = match decision {
        ReplyDecision::Close => (
            "supervision_closed",
            format!("督办单已办结销号：{}", o.doc_no),
            o.title.clone(),
        ),
        ReplyDecision::Continue => (
            "supervision_continued",
            format!("继续督办：{}", o.doc_no),
            format!(
                "{}（下次答复时限{}）",
                o.title,
                luoshi_domain::fmt_date(r.reply_due, luoshi_domain::Lang::Zh)
            ),
        ),
        ReplyDecision::Return => (
            "supervision_returned",
            format!("督办答复被退回：{}", o.doc_no),
            format!("{}（退回原因：{}）", o.title, note.trim()),
        ),
    };
    tell_lead_unit(&mut tx, state, cap.region, &o, (kind, &title, &body), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Tells the lead unit's users what the office decided on order `o` (the event's key names the
/// order's new version, so each decision is delivered once).
async fn tell_lead_unit(
    tx: &mut luoshi_store::Tx,
    state: &AppState,
    region: i64,
    o: &Supervision,
    (kind, title, body): (&str, &str, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let m = super::notify::Message {
        event_key: &format!("supervision:{}:v{}", o.id, o.version + 1),
        kind,
        title,
        body,
        link: &format!("/supervisions/{}", o.id),
    };
    super::notify::tell_unit(tx, &state.config, region, o.lead_unit_id, m, now).await?;
    Ok(())
}

/// Closes an order without a waiting reply (the matter was settled otherwise); needs a reason.
pub async fn close(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, note: &str) -> AppResult<()> {
    check_reason("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    let today = state.clock.today();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let o = supervision::order(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    supervision::close(&mut tx, cap.region, id, version, today, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::OrderClosed { task: o.task_id },
            entity: "supervision",
            entity_id: id,
            before: Some(json!({ "status": o.status })),
            after: json!({ "doc_no": o.doc_no, "status": "closed", "note": note.trim() }),
        },
        now,
    )
    .await?;
    let title = format!("督办单已办结销号：{}", o.doc_no);
    tell_lead_unit(
        &mut tx,
        state,
        cap.region,
        &o,
        ("supervision_closed", &title, &o.title),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
