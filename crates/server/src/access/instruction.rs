//! Who may read and write leaders' instructions (批示): the region's supervisor and leaders read
//! every one; a unit reads those it must answer; a leader writes on what they oversee.

use luoshi_domain::Role;
use luoshi_store::{Conn, instruction, instruction::Instruction};

use super::Actor;
use crate::{
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
};

/// An instruction as its reader may see it.
#[derive(Debug, Clone)]
pub struct InstructionAccess {
    /// The region.
    pub region: i64,
    /// The instruction.
    pub instruction: Instruction,
    /// The viewer's unit, for a unit user.
    pub unit: Option<i64>,
}

impl InstructionAccess {
    /// Whether the viewer's unit must answer it.
    pub fn answers(&self) -> bool {
        self.unit == Some(self.instruction.unit_id)
    }
}

/// The capability of a leader (领导): to write instructions on what they oversee.
#[derive(Debug, Clone)]
pub struct LeaderCap {
    /// The region.
    pub region: i64,
    /// Who.
    pub actor: Actor,
    /// The leader record.
    pub leader_id: i64,
    /// The leader's display name.
    pub name: String,
}

impl LeaderCap {
    /// Whether this leader oversees a task with this responsible leader and lead unit.
    pub fn oversees(&self, dir: &Directory, task_leader: Option<i64>, lead_unit: Option<i64>) -> bool {
        let principal = dir.leader_order.first() == Some(&self.leader_id);
        luoshi_domain::instruction::oversees(
            self.leader_id,
            principal,
            task_leader,
            &dir.overseen_by(self.leader_id),
            lead_unit,
        )
    }
}

impl Viewer {
    /// A leader's capability: an account with the leader role and a leader record.
    pub fn leader(&self) -> AppResult<LeaderCap> {
        match (self.role, self.user.leader_id) {
            (Role::Leader, Some(leader_id)) => Ok(LeaderCap {
                region: self.region(),
                actor: self.actor(),
                leader_id,
                name: self.user.display_name.clone(),
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The right to read instruction `id`: the region's supervisor and leaders, and the unit
    /// that must answer it; `NOT_FOUND` for anyone else.
    pub async fn instruction(&self, conn: &mut Conn, id: i64) -> AppResult<InstructionAccess> {
        let reader = self.reader()?;
        let found = instruction::instruction(conn, reader.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let unit = reader.unit();
        if unit.is_some_and(|u| u != found.unit_id) {
            return Err(AppError::NotFound);
        }
        Ok(InstructionAccess {
            region: reader.region,
            instruction: found,
            unit,
        })
    }
}
