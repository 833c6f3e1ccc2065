//! The types of DOMAIN.md and the pure rules that judge them: status lights, rollups,
//! reporting cycles, validation. No I/O, no clock: every rule takes `today` as an argument.

pub mod accountability;
pub mod assessment;
pub mod bulletin;
pub mod calendar;
pub mod codes;
pub mod cycle;
pub mod directory;
pub mod error;
pub mod escalation;
pub mod evidence;
pub mod indicator;
pub mod input;
pub mod instruction;
pub mod lang;
pub mod light;
pub mod likelihood;
mod named;
pub mod owed;
pub mod project;
pub mod role;
pub mod rollup;
pub mod stored;
pub mod supervision;
pub mod task;
pub mod task_force;
pub mod text;
pub mod tree;
pub mod workflow;

pub use bulletin::{
    Block, BulletinFacts, BulletinInput, BulletinStatus, Draft, NamedTask, OrderCounts, PlanCounts, UnitLine,
    addressees, blocks, check_bulletin, check_period, draft, issue_name, period_name,
};
pub use calendar::{DayKind, WorkCalendar, parse_calendar};
pub use codes::Code;
pub use cycle::{Cycle, CycleKind, Period};
pub use directory::{
    LeaderInput, UnitInput, UserInput, ValidLeader, ValidUnit, ValidUser, check_leader, check_link, check_unit,
    check_user,
};
pub use error::ValidationError;
pub use escalation::{EscalationStatus, Firing, Ladder, LadderFacts, Rung, firings};
pub use evidence::{EvidenceKind, check_evidence, safe_file_name};
pub use input::{PlanInput, TaskInput, ValidPlan, ValidTask, check_plan, check_task};
pub use instruction::{InstructionStatus, InstructionTarget};
pub use lang::{Lang, fmt_date};
pub use light::{Basis, Light, LightInput, MilestoneState, Reason, Thresholds, Verdict, evaluate};
pub use role::Role;
pub use rollup::{Rolled, RollupChild, rollup, weighted_progress};
pub use stored::{Ids, UnknownCode};
pub use supervision::{
    OrderInput, OrderLight, ReplyDecision, ReplyMode, ReplyStatus, SupervisionLevel, SupervisionSource,
    SupervisionStatus, ValidOrder, check_order, check_reply, order_light,
};
pub use task::{PlanKind, Progress, ReportStatus, TaskTitle, UnitCategory, Weight};
pub use tree::{TaskFacts, judge_task, judge_tree, missing_report_due, outline_order};
pub use workflow::{
    ReportAction, RequestContext, RequestInput, RequestKind, RequestStatus, check_reason, check_report, check_request,
    next_report_status,
};
