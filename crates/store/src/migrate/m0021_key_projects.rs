//! Key projects (重点项目, issue 16), their ledger part: the region's categories, the projects
//! with their current figures, each year's plan with the baseline the year began with, the
//! history of figures changed with a reason, and the approval nodes (审批节点). Monthly reports,
//! coordination issues, warnings and dispatch meetings come in later steps.
//!
//! Money is in hundredths of 万元 (`luoshi_domain::project::Wan`); months are `2020-06`.

use super::Step;

pub const STEP: Step = Step {
    version: 21,
    name: "key projects",
    sql: r#"
CREATE TABLE project_category (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    sort BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, name)
);
CREATE TABLE project (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    category_id BIGINT NOT NULL,
    nature TEXT NOT NULL,
    stage TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    total BIGINT NOT NULL,
    planned_start TEXT NOT NULL,
    planned_finish TEXT NOT NULL,
    actual_start TEXT,
    actual_finish TEXT,
    unit_id BIGINT NOT NULL,
    service_unit_id BIGINT,
    place_unit_id BIGINT,
    liaison_id BIGINT,
    task_id BIGINT,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, category_id) REFERENCES project_category (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, service_unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, place_unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, liaison_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX project_unit ON project (region_id, unit_id);
CREATE INDEX project_service_unit ON project (region_id, service_unit_id);
CREATE INDEX project_liaison ON project (region_id, liaison_id);
CREATE INDEX project_task ON project (region_id, task_id);
CREATE TABLE project_year (
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    year INTEGER NOT NULL,
    plan BIGINT NOT NULL,
    base_plan BIGINT NOT NULL,
    base_total BIGINT NOT NULL,
    base_start TEXT NOT NULL,
    base_finish TEXT NOT NULL,
    PRIMARY KEY (region_id, project_id, year),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id)
);
CREATE TABLE project_change (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT NOT NULL,
    changed_at {ts} NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id),
    FOREIGN KEY (region_id, changed_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX project_change_project ON project_change (region_id, project_id);
CREATE TABLE project_node (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    project_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    planned_on {date} NOT NULL,
    unit_id BIGINT,
    done_on {date},
    note TEXT NOT NULL DEFAULT '',
    sort BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, project_id) REFERENCES project (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
CREATE INDEX project_node_project ON project_node (region_id, project_id);
"#,
    ..Step::PLAIN
};
