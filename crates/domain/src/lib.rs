//! The types of DOMAIN.md and the pure rules that judge them: status lights, rollups,
//! reporting cycles, validation. No I/O, no clock: every rule takes `today` as an argument.

pub mod cycle;
pub mod error;
pub mod lang;
pub mod light;
pub mod role;
pub mod rollup;
pub mod task;
pub mod tree;

pub use cycle::{Cycle, CycleKind, Period};
pub use error::ValidationError;
pub use lang::{Lang, fmt_date};
pub use light::{Light, LightInput, MilestoneState, Reason, Thresholds, Verdict, evaluate};
pub use role::Role;
pub use rollup::{Rolled, RollupChild, rollup};
pub use task::{PlanKind, Progress, ReportStatus, TaskTitle, UnitCategory, Weight};
pub use tree::{TaskFacts, judge_tree, missing_report_due};
