//! The access layer: the one place that decides who may see and do what (DOMAIN.md, Roles).
//! Handlers ask the viewer for a capability; only a capability can load business data, so a
//! handler cannot read without having passed the check.

pub mod bulletin;
pub mod indicator;
pub mod instruction;
pub mod project;
pub mod public;
pub mod supervision;
pub mod task;

use chrono::NaiveDate;
use luoshi_domain::Role;
use luoshi_store::{
    Conn,
    plan::{self, Plan},
    state::{Filter, Order},
};

use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
};
use luoshi_lights::{BoardTask, PlanBoard};

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
        Reader::of_user(&self.user)
    }

    /// The system administrator's capability.
    pub fn administrator(&self) -> AppResult<AdminCap> {
        (self.role == Role::Admin)
            .then_some(AdminCap { region: self.region() })
            .ok_or(AppError::Forbidden)
    }

    /// The security officer's capability.
    pub fn security_officer(&self) -> AppResult<SecurityCap> {
        (self.role == Role::SecurityOfficer)
            .then_some(SecurityCap { region: self.region() })
            .ok_or(AppError::Forbidden)
    }

    /// The auditor's capability.
    pub fn auditor(&self) -> AppResult<AuditCap> {
        (self.role == Role::Auditor)
            .then_some(AuditCap { region: self.region() })
            .ok_or(AppError::Forbidden)
    }
}

impl Reader {
    /// What an account may read, by its role (see [`Viewer::reader`]): also what a request that
    /// carries no session acts as, e.g. a calendar feed's secret address.
    pub fn of_user(user: &luoshi_store::user::User) -> AppResult<Reader> {
        let scope = match user.role {
            Role::Supervisor | Role::Leader => Scope::Region,
            Role::UnitUser => Scope::Unit(user.unit_id.ok_or(AppError::Forbidden)?),
            Role::Admin | Role::SecurityOfficer | Role::Auditor => return Err(AppError::Forbidden),
        };
        Ok(Reader {
            region: user.region_id,
            scope,
            role: user.role,
            leader_id: user.leader_id,
        })
    }

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
        let p = plan::plan(conn, self.region, id).await?.ok_or(AppError::NotFound)?;
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

    /// A plan's board with the tasks this reader may see (from the server's copy of the plan's
    /// board when it is current).
    pub async fn board(
        &self,
        boards: &luoshi_lights::BoardCache,
        conn: &mut Conn,
        plan: Plan,
        today: NaiveDate,
    ) -> AppResult<PlanBoard> {
        let mut b = boards.board(conn, self.region, plan, today).await?;
        b.retain(|t| self.sees(t));
        Ok(b)
    }

    /// The filter every stored-light query of this reader starts from: a unit user's narrows
    /// to its own unit's tasks.
    pub fn filter(&self) -> Filter {
        Filter {
            involves_unit: self.unit(),
            ..Filter::default()
        }
    }

    /// A page of tasks with their stored lights (current as of `today`), and how many pass the
    /// filter in all. A unit user's filter is always narrowed to its own tasks.
    pub async fn stored_tasks(
        &self,
        conn: &mut Conn,
        mut f: Filter,
        order: Order,
        limit: i64,
        offset: i64,
    ) -> AppResult<(Vec<BoardTask>, i64)> {
        if let Scope::Unit(u) = self.scope {
            if f.involves_unit.is_some_and(|x| x != u) {
                return Ok((Vec::new(), 0));
            }
            f.involves_unit = Some(u);
        }
        let page = luoshi_store::state::tasks(conn, self.region, &f, order, limit, offset).await?;
        let tasks = page
            .rows
            .into_iter()
            .filter_map(|(t, s)| BoardTask::stored(t, &s))
            .collect();
        Ok((tasks, page.total))
    }

    /// Light counts of the tasks passing `f` (narrowed like [`Reader::stored_tasks`]), per `by`.
    pub async fn tally(
        &self,
        conn: &mut Conn,
        mut f: Filter,
        by: luoshi_store::state::By,
    ) -> AppResult<Vec<luoshi_store::state::Tally>> {
        if let Scope::Unit(u) = self.scope {
            if f.involves_unit.is_some_and(|x| x != u) {
                return Ok(Vec::new());
            }
            f.involves_unit = Some(u);
        }
        Ok(luoshi_store::state::tally(conn, self.region, &f, by).await?)
    }

    /// One task with the part of its plan's board its page shows (its ancestors and children),
    /// if this reader may see it; otherwise `NOT_FOUND`.
    pub async fn task_board(&self, conn: &mut Conn, task_id: i64, today: NaiveDate) -> AppResult<PlanBoard> {
        let t = luoshi_store::task::task(conn, self.region, task_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let p = plan::plan(conn, self.region, t.plan_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let b = PlanBoard::around(conn, self.region, p, task_id, today).await?;
        match b.task(task_id) {
            Some(bt) if self.sees(bt) => Ok(b),
            _ => Err(AppError::NotFound),
        }
    }
}

/// Who is acting, for the audit log and the task history.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user's id.
    pub id: i64,
    /// The user's login name.
    pub name: String,
}

/// The capability of the supervision office: plans, tasks, reviews, decisions, the calendar.
#[derive(Debug, Clone)]
pub struct SupervisorCap {
    /// The region.
    pub region: i64,
    /// Who.
    pub actor: Actor,
}

/// Proof that the viewer's unit leads a task: it may report, file requests and break the task
/// down.
#[derive(Debug, Clone)]
pub struct LeadCap {
    /// The region.
    pub region: i64,
    /// The unit.
    pub unit: i64,
    /// Who.
    pub actor: Actor,
    /// The task, as read when the capability was given.
    pub task: luoshi_store::task::Task,
}

/// Proof that the viewer's unit is a co-unit of a task: it may add notes to its reports.
#[derive(Debug, Clone)]
pub struct CoUnitCap {
    /// The region.
    pub region: i64,
    /// The unit.
    pub unit: i64,
    /// Who.
    pub actor: Actor,
    /// The task.
    pub task_id: i64,
}

impl Viewer {
    /// Who is acting.
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.user.id,
            name: self.user.username.clone(),
        }
    }

    /// The supervision office's capability.
    pub fn supervisor(&self) -> AppResult<SupervisorCap> {
        (self.role == Role::Supervisor)
            .then(|| SupervisorCap {
                region: self.region(),
                actor: self.actor(),
            })
            .ok_or(AppError::Forbidden)
    }

    /// The lead unit's capability on `task_id`: `NOT_FOUND` when the unit cannot see the task,
    /// `FORBIDDEN` when it sees it (as a co-unit) but does not lead it, or is not a unit.
    pub async fn lead(&self, conn: &mut Conn, task_id: i64) -> AppResult<LeadCap> {
        let reader = self.reader()?;
        let unit = reader.unit().ok_or(AppError::Forbidden)?;
        let task = luoshi_store::task::task(conn, reader.region, task_id)
            .await?
            .ok_or(AppError::NotFound)?;
        match luoshi_store::task::unit_role_in_task(conn, reader.region, task_id, unit).await? {
            Some(true) => Ok(LeadCap {
                region: reader.region,
                unit,
                actor: self.actor(),
                task,
            }),
            Some(false) => Err(AppError::Forbidden),
            None => Err(AppError::NotFound),
        }
    }

    /// A co-unit's capability on `task_id`.
    pub async fn co_unit(&self, conn: &mut Conn, task_id: i64) -> AppResult<CoUnitCap> {
        let reader = self.reader()?;
        let unit = reader.unit().ok_or(AppError::Forbidden)?;
        match luoshi_store::task::unit_role_in_task(conn, reader.region, task_id, unit).await? {
            Some(false) => Ok(CoUnitCap {
                region: reader.region,
                unit,
                actor: self.actor(),
                task_id,
            }),
            Some(true) => Err(AppError::Forbidden),
            None => Err(AppError::NotFound),
        }
    }
}
