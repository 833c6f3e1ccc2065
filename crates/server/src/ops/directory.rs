//! The system administrator's writes to the directory, one record at a time: units (added,
//! changed, renamed with the old name kept, merged, taken out of use) and leaders with the units
//! they oversee. Accounts: [`super::directory_accounts`].

use chrono::NaiveDate;
use luoshi_domain::{LeaderInput, UnitInput, ValidationError, check_leader, check_unit, codes};
use luoshi_lights::Change;
use luoshi_store::{Conn, Tx, leader, session, unit, user};
use serde_json::json;

use super::{Record, notify, record};
use crate::{
    AppState,
    access::{Actor, AdminCap},
    error::{AppError, AppResult},
};

/// Problems of a form.
pub(super) fn invalid(errs: Vec<ValidationError>) -> AppError {
    AppError::Validation(errs)
}

/// Someone saved `what` since it was read.
pub(super) fn conflict(what: &str) -> AppError {
    AppError::Conflict {
        message: format!("{what} was saved by someone else"),
        current: None,
    }
}

/// The other unit, if any, that has `name` now.
async fn name_holder(conn: &mut Conn, region: i64, name: &str, not: Option<i64>) -> AppResult<Option<unit::Unit>> {
    Ok(unit::units(conn, region)
        .await?
        .into_iter()
        .find(|u| u.name == name && Some(u.id) != not))
}

fn name_taken(u: &unit::Unit) -> ValidationError {
    ValidationError::new(
        "name",
        codes::UNIT_NAME_TAKEN,
        format!("本地区已有单位“{}”", u.name),
        format!("The region already has a unit named “{}”", u.name),
    )
}

/// Adds a unit, in use from today; returns its id.
pub async fn add_unit(state: &AppState, cap: AdminCap, actor: &Actor, input: &UnitInput) -> AppResult<i64> {
    let u = check_unit(input).map_err(invalid)?;
    let today = state.clock.today();
    let mut tx = state.store.begin().await?;
    if let Some(other) = name_holder(&mut tx, cap.region, &u.name, None).await? {
        return Err(invalid(vec![name_taken(&other)]));
    }
    let last = unit::units(&mut tx, cap.region)
        .await?
        .iter()
        .map(|u| u.sort)
        .max()
        .unwrap_or(0);
    let sort = u.sort.unwrap_or(last + 10);
    let id = unit::insert_unit(
        &mut tx,
        cap.region,
        &unit::NewUnit {
            category: u.category.code(),
            name: &u.name,
            short_name: &u.short_name,
            sort,
            created_on: today,
        },
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::UnitAdded,
            entity: "unit",
            entity_id: id,
            before: None,
            after: json!({ "name": u.name, "short_name": u.short_name, "category": u.category.code(), "sort": sort }),
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A unit's edit form.
#[derive(Debug, Clone)]
pub struct UnitEdit {
    /// The fields.
    pub input: UnitInput,
    /// Whether it stays in use.
    pub active: bool,
    /// The day a new name takes effect (today when not given); the old name stays on the
    /// records before it.
    pub renamed_on: Option<NaiveDate>,
    /// The version the form was read at.
    pub version: i64,
}

async fn unit_or_404(conn: &mut Conn, region: i64, id: i64) -> AppResult<unit::Unit> {
    unit::unit(conn, region, id).await?.ok_or(AppError::NotFound)
}

/// Changes unit `id`. A new full name is a rename from `renamed_on`, the old one kept; taking
/// it out of use disables its accounts and tells the supervision office, whose tasks it may
/// still lead.
pub async fn edit_unit(state: &AppState, cap: AdminCap, actor: &Actor, id: i64, e: &UnitEdit) -> AppResult<()> {
    let u = check_unit(&e.input).map_err(invalid)?;
    let today = state.clock.today();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = unit_or_404(&mut tx, cap.region, id).await?;
    if before.merged_into.is_some() {
        return Err(invalid(vec![ValidationError::of("name", codes::UNIT_MERGED)]));
    }
    if let Some(other) = name_holder(&mut tx, cap.region, &u.name, Some(id)).await? {
        return Err(invalid(vec![name_taken(&other)]));
    }
    let sort = u.sort.unwrap_or(before.sort);
    if !unit::update_unit(&mut tx, cap.region, id, e.version, u.category.code(), sort, e.active).await? {
        return Err(conflict("the unit"));
    }
    if before.name != u.name {
        let on = e.renamed_on.unwrap_or(today);
        unit::rename_unit(&mut tx, cap.region, id, &u.name, &u.short_name, on).await?;
        record(
            &mut tx,
            cap.region,
            Record {
                actor,
                change: Change::UnitRenamed,
                entity: "unit",
                entity_id: id,
                before: Some(json!({ "name": before.name, "short_name": before.short_name })),
                after: json!({ "name": u.name, "short_name": u.short_name, "from": on }),
            },
            now,
        )
        .await?;
    } else if before.short_name != u.short_name {
        unit::set_short_name(&mut tx, cap.region, id, &u.short_name).await?;
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::UnitChanged,
            entity: "unit",
            entity_id: id,
            before: Some(json!({ "short_name": before.short_name, "category": before.category, "sort": before.sort, "active": before.active })),
            after: json!({ "short_name": u.short_name, "category": u.category.code(), "sort": sort, "active": e.active }),
        },
        now,
    )
    .await?;
    if before.active && !e.active {
        retire(state, &mut tx, cap.region, id, &u.name, None).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// What taking unit `id` out of use does besides: its accounts are disabled and their sessions
/// ended, and the supervision office is told (the tasks it leads need another lead unit).
async fn retire(state: &AppState, tx: &mut Tx, region: i64, id: i64, name: &str, into: Option<&str>) -> AppResult<()> {
    for uid in user::disable_unit_accounts(tx, region, id).await? {
        session::delete_user_sessions(tx, region, uid).await?;
    }
    let open = luoshi_store::task::tasks_of_unit(tx, region, id)
        .await?
        .iter()
        .filter(|t| t.lead_unit_id == Some(id) && t.done_on.is_none())
        .count();
    let (title, body) = match into {
        Some(into) => (
            format!("{name}已并入{into}"),
            format!("{name}已并入{into}，其账号已停用。该单位牵头的未办结任务有{open}项，请调整牵头单位。"),
        ),
        None => (
            format!("{name}已停用"),
            format!("{name}已停用，其账号已停用。该单位牵头的未办结任务有{open}项，请调整牵头单位。"),
        ),
    };
    let key = format!("unit-retired:{id}");
    let m = notify::Message {
        event_key: &key,
        kind: "unit_retired",
        title: &title,
        body: &body,
        link: &format!("/units/{id}"),
    };
    notify::tell_office(tx, &state.config, region, m, state.clock.now()).await?;
    Ok(())
}

/// Merges unit `id` into unit `into` from day `on`: `id` goes out of use (its accounts too)
/// and keeps its name on its records; the supervision office is told.
pub async fn merge_unit(
    state: &AppState,
    cap: AdminCap,
    actor: &Actor,
    id: i64,
    version: i64,
    into: i64,
    on: Option<NaiveDate>,
) -> AppResult<()> {
    let on = on.unwrap_or(state.clock.today());
    let mut tx = state.store.begin().await?;
    let before = unit_or_404(&mut tx, cap.region, id).await?;
    if before.merged_into.is_some() {
        return Err(invalid(vec![ValidationError::of("into", codes::UNIT_MERGED)]));
    }
    let target = unit::unit(&mut tx, cap.region, into).await?;
    let Some(target) = target.filter(|t| t.id != id && t.active) else {
        return Err(invalid(vec![ValidationError::of(
            "into",
            codes::UNIT_MERGE_TARGET_INVALID,
        )]));
    };
    // The version check first: a merge of a unit someone just changed is a conflict.
    if !unit::update_unit(&mut tx, cap.region, id, version, &before.category, before.sort, false).await? {
        return Err(conflict("the unit"));
    }
    unit::merge_unit(&mut tx, cap.region, id, into, on).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change: Change::UnitMerged,
            entity: "unit",
            entity_id: id,
            before: Some(json!({ "active": before.active })),
            after: json!({ "merged_into": into, "on": on }),
        },
        state.clock.now(),
    )
    .await?;
    retire(state, &mut tx, cap.region, id, &before.name, Some(&target.name)).await?;
    tx.commit().await?;
    Ok(())
}

/// A leader's form: the fields, the units overseen, whether in office.
#[derive(Debug, Clone, Default)]
pub struct LeaderEdit {
    /// The fields.
    pub input: LeaderInput,
    /// Units overseen.
    pub units: Vec<i64>,
    /// Whether in office.
    pub active: bool,
    /// The version the form was read at (0 for a new leader).
    pub version: i64,
}

/// The units of `ids` that are in use, or the problem with the first that is not.
async fn units_in_use(conn: &mut Conn, region: i64, ids: &[i64], field: &'static str) -> AppResult<Vec<i64>> {
    if let Some(e) = luoshi_domain::text::repeated(field, ids) {
        return Err(invalid(vec![e]));
    }
    let all = unit::units(conn, region).await?;
    let mut out: Vec<i64> = Vec::new();
    for id in ids {
        if !all.iter().any(|u| u.id == *id && u.active) {
            return Err(invalid(vec![ValidationError::of(field, codes::LEADER_UNIT_UNKNOWN)]));
        }
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Adds a leader (`id` None) or changes one; returns the id.
pub async fn save_leader(
    state: &AppState,
    cap: AdminCap,
    actor: &Actor,
    id: Option<i64>,
    e: &LeaderEdit,
) -> AppResult<i64> {
    let l = check_leader(&e.input).map_err(invalid)?;
    let mut tx = state.store.begin().await?;
    let units = units_in_use(&mut tx, cap.region, &e.units, "units").await?;
    let all = leader::leaders(&mut tx, cap.region).await?;
    let (id, before, change) = match id {
        None => {
            let sort = l.sort.unwrap_or(all.iter().map(|l| l.sort).max().unwrap_or(0) + 10);
            let id = leader::insert_leader(&mut tx, cap.region, &l.name, &l.title, &l.portfolio, sort).await?;
            if !e.active {
                leader::update_leader(&mut tx, cap.region, id, 1, fields(&l, sort, false)).await?;
            }
            (id, None, Change::LeaderAdded)
        }
        Some(id) => {
            let before = all.iter().find(|x| x.id == id).ok_or(AppError::NotFound)?;
            let sort = l.sort.unwrap_or(before.sort);
            if !leader::update_leader(&mut tx, cap.region, id, e.version, fields(&l, sort, e.active)).await? {
                return Err(conflict("the leader"));
            }
            let was: Vec<i64> = leader::oversight(&mut tx, cap.region)
                .await?
                .into_iter()
                .filter(|(lid, _)| *lid == id)
                .map(|(_, u)| u)
                .collect();
            let before = json!({ "name": before.name, "title": before.title, "portfolio": before.portfolio,
                "sort": before.sort, "active": before.active, "units": was });
            (id, Some(before), Change::LeaderChanged)
        }
    };
    leader::set_oversight(&mut tx, cap.region, id, &units).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor,
            change,
            entity: "leader",
            entity_id: id,
            before,
            after: json!({ "name": l.name, "title": l.title, "portfolio": l.portfolio, "active": e.active, "units": units }),
        },
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn fields(l: &luoshi_domain::directory::ValidLeader, sort: i64, active: bool) -> leader::LeaderFields<'_> {
    leader::LeaderFields {
        name: &l.name,
        title: &l.title,
        portfolio: &l.portfolio,
        sort,
        active,
    }
}
