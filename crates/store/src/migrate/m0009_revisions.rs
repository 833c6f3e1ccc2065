//! Revisions of a plan's stored rows, so each server keeps a copy of a plan's board and reads
//! only the rows written since; indexes for the two reads every office page makes (the unread
//! count under the bell, the oldest reports waiting for review); and a report index that holds
//! each report's status and time, so a unit's inbox reads its reports from the index alone.

use super::Step;

pub const STEP: Step = Step {
    version: 9,
    name: "row revisions",
    sql: r#"
ALTER TABLE plan ADD COLUMN rows_rev BIGINT NOT NULL DEFAULT 0;
ALTER TABLE task_state ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
CREATE INDEX task_state_rev ON task_state (plan_id, rev);
CREATE INDEX notification_unread ON notification (region_id, user_id) WHERE read_at IS NULL;
DROP INDEX report_task;
CREATE INDEX report_task ON report (region_id, task_id, period, status, submitted_at);
CREATE INDEX report_queue ON report (region_id, submitted_at, id) WHERE status = 'submitted';
"#,
    ..Step::PLAIN
};
