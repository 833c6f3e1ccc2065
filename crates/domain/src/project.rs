//! Key projects (重点项目, DOMAIN.md): their levels, kinds and stages, money in 万元
//! ([`money`]), time progress by month ([`month`]), and the warning rules (项目预警) that judge
//! them month by month ([`warning`]).

pub mod agenda;
pub mod input;
pub mod issue_ladder;
pub mod money;
pub mod month;
pub mod owed;
pub mod report;
pub mod summary;
pub mod warning;

use crate::named::named_codes;
pub use input::{ProjectInput, ValidProject, check_project};
pub use money::Wan;
pub use month::Month;
pub use owed::{OwedMonth, owed_months};
pub use report::{MonthlyInput, Reported, ValidMonthly, check_monthly};
pub use summary::LevelSums;
pub use warning::{ProjectFacts, ProjectThresholds, ProjectVerdict, WarningRule, judge_project};

named_codes! {
    /// Whose key-project list a project is on.
    Level {
        /// 省级重点工程.
        Province => "province", "省级", "Provincial";
        /// 市级重点工程.
        City => "city", "市级", "Municipal";
        /// 县级重点工程.
        County => "county", "县级", "County";
    }
}

named_codes! {
    /// 建设性质.
    Nature {
        /// 新建.
        New => "new", "新建", "New";
        /// 续建: started in an earlier year.
        Continued => "continued", "续建", "Continued";
        /// 改扩建.
        Expansion => "expansion", "改扩建", "Expansion";
    }
}

named_codes! {
    /// 项目阶段: where a project is in its life, in order.
    Stage {
        /// 谋划: an idea being shaped.
        Planning => "planning", "谋划", "Planning";
        /// 储备: in the reserve, waiting for its turn.
        Reserve => "reserve", "储备", "Reserve";
        /// 前期: approvals under way.
        Preliminary => "preliminary", "前期", "Preliminary";
        /// 新开工: started this year.
        NewStart => "new_start", "新开工", "Newly started";
        /// 在建: under construction.
        Building => "building", "在建", "Under construction";
        /// 竣工: built.
        Completed => "completed", "竣工", "Completed";
        /// 投产: in operation.
        Operating => "operating", "投产", "In operation";
    }
}

impl Stage {
    /// Whether a project at this stage has started construction.
    pub fn started(self) -> bool {
        self >= Stage::NewStart
    }

    /// Whether a project at this stage is built (its warnings end).
    pub fn finished(self) -> bool {
        self >= Stage::Completed
    }
}

named_codes! {
    /// 协调事项的类别: what a coordination issue is about.
    IssueKind {
        /// 用地.
        Land => "land", "用地", "Land";
        /// 规划.
        Planning => "planning", "规划", "Planning";
        /// 资金.
        Funding => "funding", "资金", "Funding";
        /// 拆迁.
        Demolition => "demolition", "拆迁", "Demolition";
        /// 审批.
        Approval => "approval", "审批", "Approvals";
        /// 水电气.
        Utilities => "utilities", "水电气", "Water, power, gas";
        /// 其他.
        Other => "other", "其他", "Other";
    }
}

named_codes! {
    /// The state of a coordination issue.
    IssueStatus {
        /// Raised, routed to a handling unit, not yet answered.
        Open => "open", "办理中", "Open";
        /// The handling unit answered; the office decides.
        Answered => "answered", "已答复", "Answered";
        /// Resolved and closed by the office.
        Closed => "closed", "已解决", "Closed";
    }
}

named_codes! {
    /// What a dispatch meeting's decision on an agenda item became.
    Outcome {
        /// A task with owners and a deadline.
        Task => "task", "转为任务", "A task";
        /// A supervision order.
        Order => "order", "下发督办单", "A supervision order";
        /// The coordination issue resolved and closed.
        Resolved => "resolved", "协调事项办结", "The issue resolved";
        /// Studied, nothing to follow.
        Noted => "noted", "已研究", "Noted";
    }
}

#[cfg(test)]
mod tests;
