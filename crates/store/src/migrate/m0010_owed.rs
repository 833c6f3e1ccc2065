//! What each task's lead unit still owes (its inbox's periods), stored with the task's light so
//! an inbox reads one row per task instead of every report of every task. Every plan is judged
//! whole again on its next read, which fills the new column.

use super::Step;

pub const STEP: Step = Step {
    version: 10,
    name: "owed periods",
    sql: r#"
ALTER TABLE task_state ADD COLUMN owed TEXT NOT NULL DEFAULT '';
UPDATE plan SET state_on = NULL;
"#,
    ..Step::PLAIN
};
