//! The core loop: the working-day calendar, 责任人 and unit-made sub-tasks, change requests,
//! co-unit notes, evidence files, the task history and per-period light snapshots.

use super::Step;

pub const STEP: Step = Step {
    version: 2,
    name: "core loop: calendar, requests, notes, evidence, history, light snapshots",
    sql: r#"
ALTER TABLE task ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE task ADD COLUMN decomposed_by BIGINT REFERENCES unit(id);
ALTER TABLE report ADD COLUMN milestones_reached TEXT NOT NULL DEFAULT '';
CREATE TABLE calendar_day (
    region_id BIGINT NOT NULL REFERENCES region(id),
    day {date} NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, day)
);
CREATE TABLE task_request (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL,
    old_due {date},
    new_due {date},
    progress BIGINT,
    new_title TEXT,
    new_description TEXT,
    requested_by BIGINT REFERENCES app_user(id),
    requested_at {ts} NOT NULL,
    decided_by BIGINT REFERENCES app_user(id),
    decided_at {ts},
    decision_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX task_request_task ON task_request (region_id, task_id);
CREATE INDEX task_request_status ON task_request (region_id, status, requested_at);
CREATE TABLE report_note (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    report_id BIGINT NOT NULL REFERENCES report(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    author_id BIGINT REFERENCES app_user(id),
    body TEXT NOT NULL,
    created_at {ts} NOT NULL
);
CREATE INDEX report_note_report ON report_note (region_id, report_id);
CREATE TABLE evidence (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    report_id BIGINT NOT NULL REFERENCES report(id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sm3 TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES app_user(id),
    uploaded_at {ts} NOT NULL
);
CREATE INDEX evidence_report ON evidence (region_id, report_id);
CREATE TABLE evidence_blob (
    evidence_id BIGINT PRIMARY KEY REFERENCES evidence(id),
    region_id BIGINT NOT NULL REFERENCES region(id),
    data {blob} NOT NULL
);
CREATE TABLE task_event (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    at {ts} NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX task_event_task ON task_event (region_id, task_id, at);
CREATE TABLE light_snapshot (
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    period {date} NOT NULL,
    light TEXT NOT NULL,
    progress BIGINT NOT NULL,
    time_progress BIGINT,
    reason TEXT NOT NULL,
    recorded_on {date} NOT NULL,
    PRIMARY KEY (task_id, period)
);
CREATE INDEX light_snapshot_region ON light_snapshot (region_id, period)
"#,
    ..Step::PLAIN
};
