//! Key projects, their running part (issue 16): the responsible unit's monthly reports (项目月报)
//! with their files, the figure each month had when the office last accepted it; coordination
//! issues (协调事项); the judged warning of each project and its history by month; the region's
//! warning thresholds.
//!
//! Money is in hundredths of 万元; months are `2020-06`.

use super::Step;

pub const STEP: Step = Step {
    version: 22,
    name: "project reports",
    sql: r#"
ALTER TABLE region ADD COLUMN project_yellow_lag BIGINT NOT NULL DEFAULT 10;
ALTER TABLE region ADD COLUMN project_red_lag BIGINT NOT NULL DEFAULT 30;
ALTER TABLE region ADD COLUMN project_red_months BIGINT NOT NULL DEFAULT 3;
ALTER TABLE project ADD COLUMN judged_rev BIGINT NOT NULL DEFAULT 0;
CREATE TABLE project_report (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    invested BIGINT NOT NULL,
    accepted BIGINT,
    progress TEXT NOT NULL,
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    correction_reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    review_note TEXT NOT NULL DEFAULT '',
    submitted_by BIGINT NOT NULL,
    submitted_at {ts} NOT NULL,
    reviewed_by BIGINT,
    reviewed_at {ts},
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, project_id, month),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, submitted_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, reviewed_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX project_report_status ON project_report (region_id, status);
CREATE TABLE project_report_file (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    report_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sm3 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL,
    uploaded_at {ts} NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, report_id) REFERENCES project_report (region_id, id),
    FOREIGN KEY (region_id, uploaded_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX project_report_file_report ON project_report_file (region_id, report_id);
CREATE TABLE project_issue (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    raised_by BIGINT NOT NULL,
    raised_at {ts} NOT NULL,
    unit_id BIGINT NOT NULL,
    leader_id BIGINT,
    due_on {date} NOT NULL,
    status TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by BIGINT,
    answered_at {ts},
    office_note TEXT NOT NULL DEFAULT '',
    closed_at {ts},
    reminded BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, raised_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, answered_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX project_issue_project ON project_issue (region_id, project_id);
CREATE INDEX project_issue_unit ON project_issue (region_id, unit_id, status);
CREATE TABLE project_state (
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    judged_on {date} NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    year INTEGER NOT NULL,
    done_to TEXT NOT NULL DEFAULT '',
    cumulative BIGINT NOT NULL DEFAULT 0,
    owed TEXT NOT NULL DEFAULT '',
    rev BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, project_id),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id)
);
CREATE TABLE project_warning (
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_on {date} NOT NULL,
    PRIMARY KEY (region_id, project_id, month),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id)
);
"#,
    ..Step::PLAIN
};
