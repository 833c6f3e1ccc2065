//! Dispatch meetings (调度会, issue 16): the office prepares one for a leader's portfolio (or the
//! whole region's, for the mayor); its agenda items name a project or a coordination issue;
//! each item's decision becomes a task, a supervision order or an issue's resolution, and the
//! item keeps what it became. (And a unit's returned monthly reports, found by unit, for its
//! inbox.)

use super::Step;

pub const STEP: Step = Step {
    version: 23,
    name: "dispatch meetings",
    sql: r#"
CREATE TABLE dispatch_meeting (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    title TEXT NOT NULL,
    leader_id BIGINT NOT NULL,
    whole BOOLEAN NOT NULL DEFAULT FALSE,
    held_on {date} NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    plan_id BIGINT,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id)
);
CREATE TABLE dispatch_item (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    meeting_id BIGINT NOT NULL,
    sort BIGINT NOT NULL,
    project_id BIGINT,
    issue_id BIGINT,
    topic TEXT NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    unit_id BIGINT,
    due_on {date},
    task_id BIGINT,
    order_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, meeting_id) REFERENCES dispatch_meeting (region_id, id),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id),
    FOREIGN KEY (region_id, issue_id) REFERENCES project_issue (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, order_id) REFERENCES supervision (region_id, id)
);
CREATE INDEX dispatch_item_meeting ON dispatch_item (region_id, meeting_id);
CREATE INDEX project_report_unit ON project_report (region_id, unit_id, status);
"#,
    ..Step::PLAIN
};
