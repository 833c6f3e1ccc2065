//! A unit's supervision record (督办与催办记录): the orders naming it, what the escalation
//! ladder did about its tasks, and the accountability and commendation records about it. A unit reading its own
//! record sees the reminders sent to it, not the proposals the office has not acted on.

use std::collections::HashMap;

use luoshi_domain::fmt_date;
use serde::Serialize;
use utoipa::ToSchema;

use super::supervision::OrderRow;
use crate::{
    AppState,
    access::Scope,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    i18n::Tr,
};

/// One firing of the escalation ladder.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EscalationRow {
    /// When it fired, in words.
    pub at: String,
    /// The task.
    pub task_id: i64,
    /// Its title.
    pub task: String,
    /// Rung code: `report_soon`, `report_missing`, `order_proposed`, `accountability_proposed`.
    pub rung: String,
    /// The rung and its day, in words.
    pub what: String,
    /// Status code: `sent`, `proposed`, `accepted`, `dismissed`.
    pub status: String,
    /// The outcome in words.
    pub outcome: String,
}

/// A unit's supervision record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitActivity {
    /// Supervision orders naming the unit, newest first.
    pub orders: Vec<OrderRow>,
    /// The ladder's firings about the unit's tasks, newest first.
    pub escalations: Vec<EscalationRow>,
    /// Accountability and commendation records about the unit, newest first.
    pub accountability: Vec<super::accountability::AccountabilityOut>,
}

/// The record of unit `id` as `viewer` may see it: the region's readers see any unit's; a unit
/// user only its own (`NOT_FOUND` for another).
pub async fn unit_activity(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<UnitActivity> {
    let reader = viewer.reader()?;
    let own_unit = match reader.scope {
        Scope::Unit(u) if u != id => return Err(AppError::NotFound),
        Scope::Unit(_) => true,
        Scope::Region => false,
    };
    let lang = viewer.lang();
    let tr = Tr::new(lang);
    let today = state.clock.today();
    let mut conn = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut conn, reader.region).await?;
    dir.unit(id).ok_or(AppError::NotFound)?;
    // The orders and all their co-units in two queries, as the order list reads them.
    let found = luoshi_store::supervision::orders_of_unit(&mut conn, reader.region, id, "", 100, 0).await?;
    let (first, last) = (
        found.iter().map(|o| o.id).min().unwrap_or(0),
        found.iter().map(|o| o.id).max().unwrap_or(0),
    );
    let co = luoshi_store::supervision::co_units_between(&mut conn, reader.region, first, last).await?;
    let orders = found
        .iter()
        .map(|o| {
            let ids: Vec<i64> = co.iter().filter(|(s, _)| *s == o.id).map(|(_, u)| *u).collect();
            OrderRow::new(o, &ids, &dir, today, lang)
        })
        .collect();
    let fired = luoshi_store::escalation::of_unit(&mut conn, reader.region, id, 200).await?;
    // Every task named, read at once (not one query per firing).
    let mut named: Vec<i64> = fired.iter().map(|e| e.task_id).collect();
    named.sort_unstable();
    named.dedup();
    let titles: HashMap<i64, String> = luoshi_store::task::tasks_by_ids(&mut conn, reader.region, &named)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let title_of = |task_id: i64| titles.get(&task_id).cloned().unwrap_or_default();
    let mut escalations = Vec::new();
    for e in fired {
        if own_unit && e.status != luoshi_domain::EscalationStatus::Sent {
            continue;
        }
        let task = title_of(e.task_id);
        escalations.push(EscalationRow {
            at: super::instant_text(Some(e.fired_at), lang),
            task_id: e.task_id,
            task,
            what: format!(
                "{}（{}）",
                tr.t(&format!("rung.{}", e.rung.code())),
                fmt_date(e.fire_key, lang)
            ),
            outcome: tr.t(&format!("rung_status.{}", e.status.code())),
            rung: e.rung.code().to_string(),
            status: e.status.code().to_string(),
        });
    }
    drop(conn);
    let accountability = super::accountability::list(state, &reader, Some(id), lang).await?;
    Ok(UnitActivity {
        orders,
        escalations,
        accountability,
    })
}
