//! Who may see and keep indicators and task forces (DOMAIN.md, Roles; issue 17): the office and
//! the leaders see the region's; a unit sees the indicators it answers for and everything a
//! task force it belongs to (as leading or member unit) owns, and those task forces; only the
//! responsible unit enters an indicator's figures; the office keeps indicators and task forces;
//! the three administrators see none (三员分立).

use luoshi_store::{
    Conn,
    indicator::{self, Indicator},
    task_force::{self, TaskForce},
};

use super::{Reader, Scope, SupervisorCap};
use crate::error::{AppError, AppResult};

/// The task forces a unit belongs to, as leading or member unit.
pub async fn forces_of_unit(conn: &mut Conn, region: i64, unit: i64) -> AppResult<Vec<i64>> {
    let mut ids: Vec<i64> = task_force::members(conn, region)
        .await?
        .into_iter()
        .filter(|(_, u)| *u == unit)
        .map(|(f, _)| f)
        .collect();
    ids.extend(
        task_force::forces(conn, region)
            .await?
            .into_iter()
            .filter(|f| f.lead_unit_id == unit)
            .map(|f| f.id),
    );
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

impl Reader {
    /// The task forces whose holdings this reader sees: every one for the region, a unit's own.
    async fn force_scope(&self, conn: &mut Conn) -> AppResult<Option<Vec<i64>>> {
        Ok(match self.scope {
            Scope::Region => None,
            Scope::Unit(u) => Some(forces_of_unit(conn, self.region, u).await?),
        })
    }

    /// The indicators this reader may see (`year = 0`: of every year).
    pub async fn indicators(&self, conn: &mut Conn, year: i32) -> AppResult<Vec<Indicator>> {
        let forces = self.force_scope(conn).await?;
        Ok(indicator::indicators(conn, self.region, year)
            .await?
            .into_iter()
            .filter(|i| sees_indicator(self.scope, forces.as_deref(), i))
            .collect())
    }

    /// The indicator `id`, if this reader may see it; `NOT_FOUND` otherwise.
    pub async fn indicator(&self, conn: &mut Conn, id: i64) -> AppResult<Indicator> {
        let forces = self.force_scope(conn).await?;
        indicator::indicator(conn, self.region, id)
            .await?
            .filter(|i| sees_indicator(self.scope, forces.as_deref(), i))
            .ok_or(AppError::NotFound)
    }

    /// The task forces this reader may see.
    pub async fn task_forces(&self, conn: &mut Conn) -> AppResult<Vec<TaskForce>> {
        let forces = self.force_scope(conn).await?;
        Ok(task_force::forces(conn, self.region)
            .await?
            .into_iter()
            .filter(|f| forces.as_ref().is_none_or(|ids| ids.contains(&f.id)))
            .collect())
    }

    /// The task force `id`, if this reader may see it; `NOT_FOUND` otherwise.
    pub async fn task_force(&self, conn: &mut Conn, id: i64) -> AppResult<TaskForce> {
        let forces = self.force_scope(conn).await?;
        task_force::force(conn, self.region, id)
            .await?
            .filter(|f| forces.as_ref().is_none_or(|ids| ids.contains(&f.id)))
            .ok_or(AppError::NotFound)
    }

    /// Whether this reader enters `i`'s figures: its responsible unit only.
    pub fn enters_figures(&self, i: &Indicator) -> bool {
        self.unit() == Some(i.unit_id)
    }
}

/// Whether a reader of `scope`, whose task forces are `forces` (`None`: every one), sees `i`.
fn sees_indicator(scope: Scope, forces: Option<&[i64]>, i: &Indicator) -> bool {
    match scope {
        Scope::Region => true,
        Scope::Unit(u) => {
            i.unit_id == u
                || i.task_force_id
                    .is_some_and(|f| forces.is_some_and(|ids| ids.contains(&f)))
        }
    }
}

impl SupervisorCap {
    /// The indicator `id` to change; `NOT_FOUND` when the region has none.
    pub async fn indicator(&self, conn: &mut Conn, id: i64) -> AppResult<Indicator> {
        indicator::indicator(conn, self.region, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The task force `id` to change; `NOT_FOUND` when the region has none.
    pub async fn task_force(&self, conn: &mut Conn, id: i64) -> AppResult<TaskForce> {
        task_force::force(conn, self.region, id)
            .await?
            .ok_or(AppError::NotFound)
    }
}

impl super::public::PublicReader {
    /// The indicators the public site shows: those marked public, in use.
    pub async fn indicators(&self, conn: &mut Conn, year: i32) -> AppResult<Vec<Indicator>> {
        Ok(indicator::indicators(conn, self.region, year)
            .await?
            .into_iter()
            .filter(|i| i.public)
            .collect())
    }
}
