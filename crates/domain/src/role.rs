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

    /// The roles the system administrator gives in the pages, the API and the directory sheet.
    /// The three administrators' own accounts are made by `luoshi init` and changed only with
    /// the command line (`luoshi user`), so no administrator can make another's account
    /// (三员分立, docs/security.md).
    pub const ASSIGNABLE: [Role; 3] = [Role::Supervisor, Role::Leader, Role::UnitUser];

    /// Whether the system administrator may give this role (see [`Role::ASSIGNABLE`]).
    pub fn assignable(self) -> bool {
        Role::ASSIGNABLE.contains(&self)
    }

    /// Parses a code or the role's words, Chinese or English, as typed in a sheet.
    pub fn parse_words(words: &str) -> Option<Role> {
        let w = words.trim();
        let lower = w.to_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| lower == r.code() || w == r.names().0 || lower == r.names().1.to_lowercase())
            .or(match w {
                "联络员" | "单位用户" | "单位" => Some(Role::UnitUser),
                "督查室用户" | "督查" => Some(Role::Supervisor),
                "市领导" => Some(Role::Leader),
                _ => None,
            })
    }

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
