//! Accountability and commendation records kept by the office (issue 19): 约谈, 通报批评, 问责,
//! 通报表扬 and 记功 against a unit or a named person, with the reason, the day, the document
//! number and the records that justify it — each record checked to be the region's. Every
//! entry, change and removal is audited, tells the unit, and moves open schemes' scores (they
//! are judged stale by the audit sequence).

use chrono::NaiveDate;
use luoshi_domain::{
    accountability::{AccountabilityKind, Basis, BasisRef, Entry, bases_code, check_entry, parse_bases},
    codes,
};
use luoshi_lights::Change;
use luoshi_store::{Tx, accountability as store};
use serde_json::json;

use super::{Record, invalid, notify, record};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

/// What the office enters, as typed.
#[derive(Debug, Clone)]
pub struct Input {
    /// The unit.
    pub unit_id: i64,
    /// `interview`, `criticism`, `accountability`, `praise` or `merit`.
    pub kind: String,
    /// The person named, if any.
    pub person: String,
    /// Why.
    pub reason: String,
    /// The document number, if any.
    pub doc_no: String,
    /// The day decided.
    pub decided_on: NaiveDate,
    /// The records that justify it: `task:12, order:3`.
    pub records: String,
    /// Shown on the public site.
    pub public: bool,
}

/// An entry checked against the region: its kind, unit and every record named.
struct Checked {
    entry: Entry,
    records: String,
    task_id: Option<i64>,
}

async fn exists(tx: &mut Tx, region: i64, b: BasisRef) -> AppResult<bool> {
    Ok(match b.kind {
        Basis::Task => luoshi_store::task::task(tx, region, b.id).await?.is_some(),
        Basis::Order => luoshi_store::supervision::order(tx, region, b.id).await?.is_some(),
        Basis::Report => luoshi_store::report::report(tx, region, b.id).await?.is_some(),
        Basis::Project => luoshi_store::project::project(tx, region, b.id).await?.is_some(),
        Basis::Indicator => luoshi_store::indicator::indicator(tx, region, b.id).await?.is_some(),
    })
}

async fn checked(tx: &mut Tx, region: i64, i: &Input, today: NaiveDate) -> AppResult<Checked> {
    let kind = AccountabilityKind::parse(&i.kind).ok_or_else(|| {
        AppError::Validation(vec![luoshi_domain::ValidationError::of(
            "kind",
            codes::ACCOUNTABILITY_KIND_UNKNOWN,
        )])
    })?;
    let unit = luoshi_store::unit::unit(tx, region, i.unit_id).await?;
    if !unit.is_some_and(|u| u.active) {
        return Err(invalid(
            "unit_id",
            codes::ACCOUNTABILITY_INVALID,
            "请选择单位",
            "Choose a unit",
        ));
    }
    let bases = parse_bases(&i.records).ok_or_else(|| {
        invalid(
            "records",
            codes::ACCOUNTABILITY_INVALID,
            "依据的记录请写作“任务12、督办单3”（任务、督办单、报送、项目或指标，加编号）",
            "Name records as Task 12, Supervision order 3 (task, order, report, project or indicator, then its number)",
        )
    })?;
    let entry = Entry {
        kind,
        person: i.person.trim().to_string(),
        reason: i.reason.trim().to_string(),
        doc_no: i.doc_no.trim().to_string(),
        decided_on: i.decided_on,
        bases,
        public: i.public,
    };
    check_entry(&entry, today).map_err(AppError::Validation)?;
    for b in &entry.bases {
        if !exists(tx, region, *b).await? {
            return Err(invalid(
                "records",
                codes::ACCOUNTABILITY_INVALID,
                format!("没有{}{}", b.kind.names().0, b.id),
                format!("There is no {} {}", b.kind.names().1.to_lowercase(), b.id),
            ));
        }
    }
    Ok(Checked {
        records: bases_code(&entry.bases),
        task_id: entry.bases.iter().find(|b| b.kind == Basis::Task).map(|b| b.id),
        entry,
    })
}

fn fields(unit_id: i64, c: &Checked) -> store::Fields<'_> {
    store::Fields {
        unit_id,
        task_id: c.task_id,
        kind: c.entry.kind.code(),
        reason: &c.entry.reason,
        person: &c.entry.person,
        doc_no: &c.entry.doc_no,
        records: &c.records,
        public: c.entry.public,
        decided_on: c.entry.decided_on,
    }
}

/// Tells unit `unit` of record `id` under `title`, linking to `link`.
async fn tell(
    state: &AppState,
    tx: &mut Tx,
    region: i64,
    unit: i64,
    id: i64,
    title: &str,
    link: &str,
) -> AppResult<()> {
    let now = state.clock.now();
    let m = notify::Message {
        event_key: &format!("accountability:{id}:{}", now.timestamp_millis()),
        kind: "accountability_recorded",
        title,
        body: "",
        link,
    };
    notify::tell_unit(tx, &state.config, region, unit, m, now).await?;
    Ok(())
}

/// The audit line of a change to record `id`.
async fn audit(
    tx: &mut Tx,
    cap: &SupervisorCap,
    id: i64,
    before: Option<&store::Accountability>,
    after: serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::AccountabilitySet,
            entity: "accountability",
            entity_id: id,
            before: before.map(|b| serde_json::to_value(b).unwrap_or_default()),
            after,
        },
        now,
    )
    .await
}

/// What a record is after an entry or a change, for the audit line.
fn after(unit_id: i64, c: &Checked) -> serde_json::Value {
    json!({ "unit_id": unit_id, "kind": c.entry.kind.code(), "reason": c.entry.reason,
        "person": c.entry.person, "doc_no": c.entry.doc_no, "records": c.records, "public": c.entry.public })
}

fn conflict(id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("accountability record {id} was changed or removed by someone else"),
        current: Some(json!({ "entity": "accountability", "id": id, "version": version })),
    }
}

/// Enters a record; returns its id. The unit is told.
pub async fn enter(state: &AppState, cap: &SupervisorCap, i: &Input) -> AppResult<i64> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let c = checked(&mut tx, cap.region, i, state.clock.today()).await?;
    let id = store::insert(&mut tx, cap.region, fields(i.unit_id, &c), None, cap.actor.id, now).await?;
    audit(&mut tx, cap, id, None, after(i.unit_id, &c), now).await?;
    let title = format!("督查室登记了对本单位的{}：{}", c.entry.kind.names().0, c.entry.reason);
    tell(
        state,
        &mut tx,
        cap.region,
        i.unit_id,
        id,
        &title,
        &format!("/accountability/{id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes record `id` read at `version`; the unit (and the unit it was against before) is told.
pub async fn change(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, i: &Input) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = store::get(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    let c = checked(&mut tx, cap.region, i, state.clock.today()).await?;
    if !store::update(&mut tx, cap.region, id, version, fields(i.unit_id, &c)).await? {
        return Err(conflict(id, before.version));
    }
    audit(&mut tx, cap, id, Some(&before), after(i.unit_id, &c), now).await?;
    let title = format!("督查室修改了对本单位的{}记录", c.entry.kind.names().0);
    tell(
        state,
        &mut tx,
        cap.region,
        i.unit_id,
        id,
        &title,
        &format!("/accountability/{id}"),
    )
    .await?;
    if before.unit_id != i.unit_id {
        let title = format!(
            "督查室撤销了对本单位的{}记录（改为其他单位）",
            before_kind(&before.kind)
        );
        tell(
            state,
            &mut tx,
            cap.region,
            before.unit_id,
            id,
            &title,
            &format!("/units/{}", before.unit_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn before_kind(code: &str) -> &'static str {
    AccountabilityKind::parse(code).map(|k| k.names().0).unwrap_or("问责")
}

/// Removes record `id` read at `version` (entered in error), with the reason; the audit log
/// keeps what it was, and the unit is told.
pub async fn remove(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, why: &str) -> AppResult<()> {
    luoshi_domain::check_reason("why", why).map_err(|e| AppError::Validation(vec![e]))?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = store::get(&mut tx, cap.region, id).await?.ok_or(AppError::NotFound)?;
    if !store::delete(&mut tx, cap.region, id, version).await? {
        return Err(conflict(id, before.version));
    }
    audit(
        &mut tx,
        cap,
        id,
        Some(&before),
        json!({ "removed": true, "why": why.trim() }),
        now,
    )
    .await?;
    let title = format!(
        "督查室撤销了对本单位的{}记录：{}",
        before_kind(&before.kind),
        why.trim()
    );
    let link = format!("/units/{}", before.unit_id);
    tell(state, &mut tx, cap.region, before.unit_id, id, &title, &link).await?;
    tx.commit().await?;
    Ok(())
}
