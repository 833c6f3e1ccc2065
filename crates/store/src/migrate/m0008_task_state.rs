//! Stored lights: each task's current light, progress and the report facts shown beside it,
//! kept up to date by the writes that change them, so pages read them instead of judging every
//! task of every plan on each request; and the revisions that tell a server its cached public
//! pages or directory of units and leaders are out of date.

use super::Step;

pub const STEP: Step = Step {
    version: 8,
    name: "task state",
    sql: r#"
CREATE TABLE task_state (
    task_id {key} REFERENCES task(id),
    region_id BIGINT NOT NULL REFERENCES region(id),
    plan_id BIGINT NOT NULL REFERENCES plan(id),
    judged_on {date} NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    progress BIGINT NOT NULL,
    time_progress BIGINT,
    reason TEXT NOT NULL,
    leaf BOOLEAN NOT NULL,
    latest_period {date},
    latest_progress BIGINT,
    latest_at {ts},
    last_accepted_at {ts},
    rank BIGINT NOT NULL DEFAULT 0,
    worst BIGINT NOT NULL DEFAULT 0,
    pos BIGINT NOT NULL DEFAULT 0,
    depth BIGINT NOT NULL DEFAULT 0,
    outline TEXT NOT NULL DEFAULT '',
    co_units TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_state_plan ON task_state (region_id, plan_id, pos);
CREATE INDEX task_state_leaf ON task_state (region_id, leaf, plan_id, light);
CREATE INDEX task_state_worst ON task_state (region_id, leaf, worst);
CREATE INDEX task_state_rule ON task_state (region_id, rule, leaf, rank, light);
CREATE INDEX task_parent ON task (region_id, parent_id, plan_id);
ALTER TABLE plan ADD COLUMN state_on {date};
ALTER TABLE plan ADD COLUMN public_rev BIGINT NOT NULL DEFAULT 0;
ALTER TABLE region ADD COLUMN directory_rev BIGINT NOT NULL DEFAULT 0;
"#,
    ..Step::PLAIN
};
