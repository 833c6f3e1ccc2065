//! The roles of DOMAIN.md, including the three separate administrators (三员分立).

use serde::{Deserialize, Serialize};

/// What a user is allowed to be. One role per account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: regions, units, users; no business data.
    Admin,
    /// 安全管理员: password policy, locks, sessions.
    SecurityOfficer,
    /// 审计管理员: reads the audit log only.
    Auditor,
    /// 督查室: plans, tasks, reviews, orders, bulletins, assessments.
    Supervisor,
    /// 领导: reads everything in the region; comments and instructions.
    Leader,
    /// 单位联络员: reports for their unit.
    UnitUser,
}

impl Role {
    /// Every role, in the order the admin pages list them.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::SecurityOfficer,
        Role::Auditor,
        Role::Supervisor,
        Role::Leader,
        Role::UnitUser,
    ];

    /// The code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::SecurityOfficer => "security_officer",
            Role::Auditor => "auditor",
            Role::Supervisor => "supervisor",
            Role::Leader => "leader",
            Role::UnitUser => "unit_user",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Role::Admin => ("系统管理员", "System administrator"),
            Role::SecurityOfficer => ("安全管理员", "Security officer"),
            Role::Auditor => ("审计管理员", "Auditor"),
            Role::Supervisor => ("督查室", "Supervision office"),
            Role::Leader => ("领导", "Leader"),
            Role::UnitUser => ("单位联络员", "Unit liaison"),
        }
    }

    /// Whether the role may read business data (plans, tasks, reports) at all.
    /// The three administrators may not (DOMAIN.md, Roles).
    pub fn reads_business_data(self) -> bool {
        matches!(self, Role::Supervisor | Role::Leader | Role::UnitUser)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_code_round_trips() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
    }

    #[test]
    fn the_three_administrators_cannot_read_business_data() {
        assert!(!Role::Admin.reads_business_data());
        assert!(!Role::SecurityOfficer.reads_business_data());
        assert!(!Role::Auditor.reads_business_data());
        assert!(Role::UnitUser.reads_business_data());
    }
}
