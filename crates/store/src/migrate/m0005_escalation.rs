//! The escalation ladder per plan, the record of every rung that fired (unique per task, rung
//! and key, so nothing fires twice), in-app notifications, and accountability records.

use super::Step;

pub const STEP: Step = Step {
    version: 5,
    name: "escalation ladder, notifications, accountability",
    sql: r#"
ALTER TABLE plan ADD COLUMN ladder TEXT NOT NULL DEFAULT '';
CREATE TABLE escalation (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    unit_id BIGINT REFERENCES unit(id),
    rung TEXT NOT NULL,
    fire_key {date} NOT NULL,
    status TEXT NOT NULL DEFAULT 'sent',
    detail TEXT NOT NULL DEFAULT '',
    fired_at {ts} NOT NULL,
    decided_by BIGINT REFERENCES app_user(id),
    decided_at {ts},
    decision_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (region_id, task_id, rung, fire_key)
);
CREATE INDEX escalation_status ON escalation (region_id, status);
CREATE INDEX escalation_unit ON escalation (region_id, unit_id);
CREATE TABLE notification (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at {ts} NOT NULL,
    read_at {ts}
);
CREATE INDEX notification_user ON notification (region_id, user_id, created_at);
CREATE TABLE accountability (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    task_id BIGINT REFERENCES task(id),
    escalation_id BIGINT REFERENCES escalation(id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by BIGINT REFERENCES app_user(id),
    decided_on {date} NOT NULL,
    created_at {ts} NOT NULL
);
CREATE INDEX accountability_unit ON accountability (region_id, unit_id);
"#,
    ..Step::PLAIN
};
