//! Indicators and task forces (issue 17): the region's indicators (指标) with their annual
//! targets and the profile of their time progress, the figures the responsible units enter
//! month by month (the figure judged when last accepted kept beside the one entered), the
//! judged light of each indicator and its history by month, the region's thresholds; task
//! forces (专班) with their member units and the tasks they own or lead; a project's task force.
//!
//! Figures are in ten-thousandths (`luoshi_domain::indicator::Figure`); months are `2020-06`.

use super::Step;

pub const STEP: Step = Step {
    version: 24,
    name: "indicators and task forces",
    sql: r#"
ALTER TABLE region ADD COLUMN indicator_yellow BIGINT NOT NULL DEFAULT 0;
ALTER TABLE region ADD COLUMN indicator_red BIGINT NOT NULL DEFAULT 50;
CREATE TABLE task_force (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    leader_id BIGINT,
    lead_unit_id BIGINT NOT NULL,
    established_on {date} NOT NULL,
    term_end {date},
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, name),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, lead_unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id)
);
CREATE TABLE task_force_unit (
    region_id BIGINT NOT NULL REFERENCES region(id),
    force_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    PRIMARY KEY (region_id, force_id, unit_id),
    FOREIGN KEY (region_id, force_id) REFERENCES task_force (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
CREATE INDEX task_force_unit_unit ON task_force_unit (region_id, unit_id);
CREATE TABLE task_force_task (
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    force_id BIGINT NOT NULL,
    leads BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (region_id, task_id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, force_id) REFERENCES task_force (region_id, id)
);
CREATE INDEX task_force_task_force ON task_force_task (region_id, force_id);
ALTER TABLE project ADD COLUMN task_force_id BIGINT;
CREATE INDEX project_task_force ON project (region_id, task_force_id);
CREATE TABLE indicator (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    measure TEXT NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    frequency TEXT NOT NULL,
    source TEXT NOT NULL,
    year INTEGER NOT NULL,
    target BIGINT NOT NULL,
    profile TEXT NOT NULL,
    decimals INTEGER NOT NULL,
    computed BOOLEAN NOT NULL DEFAULT FALSE,
    unit_id BIGINT NOT NULL,
    leader_id BIGINT,
    task_id BIGINT,
    task_force_id BIGINT,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    sort BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    judged_rev BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, year, name),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, task_force_id) REFERENCES task_force (region_id, id),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX indicator_unit ON indicator (region_id, unit_id);
CREATE INDEX indicator_force ON indicator (region_id, task_force_id);
CREATE TABLE indicator_actual (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    indicator_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    value BIGINT NOT NULL,
    last_year BIGINT,
    judged BIGINT NOT NULL,
    accepted BIGINT,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    review_note TEXT NOT NULL DEFAULT '',
    submitted_by BIGINT NOT NULL,
    submitted_at {ts} NOT NULL,
    reviewed_by BIGINT,
    reviewed_at {ts},
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, indicator_id, month),
    FOREIGN KEY (region_id, indicator_id) REFERENCES indicator (region_id, id),
    FOREIGN KEY (region_id, submitted_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, reviewed_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX indicator_actual_status ON indicator_actual (region_id, status);
CREATE TABLE indicator_state (
    region_id BIGINT NOT NULL REFERENCES region(id),
    indicator_id BIGINT NOT NULL,
    judged_on {date} NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    missing TEXT NOT NULL DEFAULT '',
    rev BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, indicator_id),
    FOREIGN KEY (region_id, indicator_id) REFERENCES indicator (region_id, id)
);
CREATE TABLE indicator_light (
    region_id BIGINT NOT NULL REFERENCES region(id),
    indicator_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    missing TEXT NOT NULL DEFAULT '',
    recorded_on {date} NOT NULL,
    PRIMARY KEY (region_id, indicator_id, month),
    FOREIGN KEY (region_id, indicator_id) REFERENCES indicator (region_id, id)
);
"#,
    ..Step::PLAIN
};
