//! Who may see and keep key projects (DOMAIN.md, Roles): the office and the leaders see the
//! region's; a unit sees the projects it answers for (责任单位), serves (服务单位) or hosts (the
//! county or zone where one is built); the office keeps the ledger; a node's unit or the
//! project's service unit marks a node done; the three administrators see none (三员分立).

use luoshi_store::{
    Conn,
    project::{self, Node, Project},
};

use super::{Reader, Scope, SupervisorCap};
use crate::error::{AppError, AppResult};

impl Reader {
    /// Whether this reader may see `p`.
    pub fn sees_project(&self, p: &Project) -> bool {
        match self.scope {
            Scope::Region => true,
            Scope::Unit(u) => p.unit_id == u || p.service_unit_id == Some(u) || p.place_unit_id == Some(u),
        }
    }

    /// The project `id`, if this reader may see it; `NOT_FOUND` otherwise.
    pub async fn project(&self, conn: &mut Conn, id: i64) -> AppResult<Project> {
        project::project(conn, self.region, id)
            .await?
            .filter(|p| self.sees_project(p))
            .ok_or(AppError::NotFound)
    }

    /// The projects this reader may see.
    pub async fn projects(&self, conn: &mut Conn) -> AppResult<Vec<Project>> {
        Ok(project::projects(conn, self.region)
            .await?
            .into_iter()
            .filter(|p| self.sees_project(p))
            .collect())
    }

    /// Whether this reader may mark `node` of `p` done: the office, or the node's unit, or
    /// the project's service unit.
    pub fn keeps_node(&self, p: &Project, node: &Node) -> bool {
        match self.scope {
            Scope::Region => self.role == luoshi_domain::Role::Supervisor,
            Scope::Unit(u) => node.unit_id == Some(u) || p.service_unit_id == Some(u),
        }
    }
}

impl SupervisorCap {
    /// The project `id` to change; `NOT_FOUND` when the region has none.
    pub async fn project(&self, conn: &mut Conn, id: i64) -> AppResult<Project> {
        project::project(conn, self.region, id).await?.ok_or(AppError::NotFound)
    }
}

impl super::public::PublicReader {
    /// The projects the public site shows: those marked public, on the ledger.
    pub async fn projects(&self, conn: &mut Conn) -> AppResult<Vec<Project>> {
        Ok(project::projects(conn, self.region)
            .await?
            .into_iter()
            .filter(|p| p.public && p.active)
            .collect())
    }
}
