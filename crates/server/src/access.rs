//! The access layer: the one place that decides who may see and do what (DOMAIN.md, Roles).
//! Handlers ask the viewer for a capability; only a capability can load business data, so a
//! handler cannot read without having passed the check.

use chrono::NaiveDate;
use luoshi_domain::Role;
use luoshi_store::{
    Conn,
    plan::{self, Plan},
};

use crate::{
    auth::Viewer,
    board::{BoardTask, PlanBoard},
    error::{AppError, AppResult},
};

/// What part of the region's business data a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything in the region (supervisor, leader).
    Region,
    /// Only tasks where this unit is lead or co-unit (unit user).
    Unit(i64),
}

/// The capability to read business data: plans, tasks, reports.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The region.
    pub region: i64,
    /// What part of it.
    pub scope: Scope,
    /// The reader's role.
    pub role: Role,
    /// The leader record of a leader.
    pub leader_id: Option<i64>,
}

/// The capability of the system administrator: regions, units, users.
#[derive(Debug, Clone, Copy)]
pub struct AdminCap {
    /// The region.
    pub region: i64,
}

/// The capability of the security officer: locks and sessions.
#[derive(Debug, Clone, Copy)]
pub struct SecurityCap {
    /// The region.
    pub region: i64,
}

/// The capability of the auditor: the audit log.
#[derive(Debug, Clone, Copy)]
pub struct AuditCap {
    /// The region.
    pub region: i64,
}

impl Viewer {
    /// Reading business data: supervisors and leaders see the region, unit users their unit's
    /// tasks; the three administrators see none (三员分立).
    pub fn reader(&self) -> AppResult<Reader> {
        let scope = match self.role {
            Role::Supervisor | Role::Leader => Scope::Region,
            Role::UnitUser => Scope::Unit(self.user.unit_id.ok_or(AppError::Forbidden)?),
            Role::Admin | Role::SecurityOfficer | Role::Auditor => return Err(AppError::Forbidden),
        };
        Ok(Reader {
            region: self.region(),
            scope,
            role: self.role,
            leader_id: self.user.leader_id,
        })
    }

    /// The system administrator's capability.
    pub fn administrator(&self) -> AppResult<AdminCap> {
        (self.role == Role::Admin)
            .then_some(AdminCap {
                region: self.region(),
            })
            .ok_or(AppError::Forbidden)
    }

    /// The security officer's capability.
    pub fn security_officer(&self) -> AppResult<SecurityCap> {
        (self.role == Role::SecurityOfficer)
            .then_some(SecurityCap {
                region: self.region(),
            })
            .ok_or(AppError::Forbidden)
    }

    /// The auditor's capability.
    pub fn auditor(&self) -> AppResult<AuditCap> {
        (self.role == Role::Auditor)
            .then_some(AuditCap {
                region: self.region(),
            })
            .ok_or(AppError::Forbidden)
    }
}

impl Reader {
    /// Whether this reader may see a task with this lead unit and co-units.
    pub fn sees(&self, t: &BoardTask) -> bool {
        match self.scope {
            Scope::Region => true,
            Scope::Unit(u) => t.involves(u),
        }
    }

    /// The unit of a unit reader.
    pub fn unit(&self) -> Option<i64> {
        match self.scope {
            Scope::Unit(u) => Some(u),
            Scope::Region => None,
        }
    }

    /// The plans this reader may see.
    pub async fn plans(&self, conn: &mut Conn) -> AppResult<Vec<Plan>> {
        Ok(match self.scope {
            Scope::Region => plan::plans(conn, self.region).await?,
            Scope::Unit(u) => plan::plans_of_unit(conn, self.region, u).await?,
        })
    }

    /// One plan, if this reader may see it; otherwise `NOT_FOUND`.
    pub async fn plan(&self, conn: &mut Conn, id: i64) -> AppResult<Plan> {
        let p = plan::plan(conn, self.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Scope::Unit(u) = self.scope
            && !plan::plans_of_unit(conn, self.region, u)
                .await?
                .iter()
                .any(|q| q.id == id)
        {
            return Err(AppError::NotFound);
        }
        Ok(p)
    }

    /// A plan's board with the tasks this reader may see.
    pub async fn board(
        &self,
        conn: &mut Conn,
        plan: Plan,
        today: NaiveDate,
    ) -> AppResult<PlanBoard> {
        let mut b = PlanBoard::load(conn, self.region, plan, today).await?;
        b.retain(|t| self.sees(t));
        Ok(b)
    }

    /// Every board this reader may see.
    pub async fn boards(&self, conn: &mut Conn, today: NaiveDate) -> AppResult<Vec<PlanBoard>> {
        let mut out = Vec::new();
        for p in self.plans(conn).await? {
            out.push(self.board(conn, p, today).await?);
        }
        Ok(out)
    }

    /// One task with the full board of its plan (for its ancestors, children and rollup), if
    /// this reader may see it; otherwise `NOT_FOUND`.
    pub async fn task_board(
        &self,
        conn: &mut Conn,
        task_id: i64,
        today: NaiveDate,
    ) -> AppResult<PlanBoard> {
        let t = luoshi_store::task::task(conn, self.region, task_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let p = plan::plan(conn, self.region, t.plan_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let b = PlanBoard::load(conn, self.region, p, today).await?;
        match b.task(task_id) {
            Some(bt) if self.sees(bt) => Ok(b),
            _ => Err(AppError::NotFound),
        }
    }
}
