//! Which reports a plan's lights read (`plan.judge_basis`: the latest sent, or accepted only),
//! and beside each stored light the light on accepted reports only when it rests on a report the
//! office has not yet accepted (`task_state.checked_light`, `checked`: 待审核). Every plan is
//! judged whole again on its next read, which fills the new columns.

use super::Step;

pub const STEP: Step = Step {
    version: 14,
    name: "light basis",
    sql: r#"
ALTER TABLE plan ADD COLUMN judge_basis TEXT NOT NULL DEFAULT 'sent';
ALTER TABLE task_state ADD COLUMN checked_light TEXT NOT NULL DEFAULT '';
ALTER TABLE task_state ADD COLUMN checked TEXT NOT NULL DEFAULT '';
UPDATE plan SET state_on = NULL;
"#,
    ..Step::PLAIN
};
