//! Tables in and out (issue 18): names a region's users mapped to units once (融媒体中心 →
//! 市融媒体中心), remembered for every later import and text; and the key of each row an import
//! created a task from, so a re-import of the edited sheet updates that task.

use super::Step;

pub const STEP: Step = Step {
    version: 25,
    name: "table imports",
    sql: r#"
CREATE TABLE unit_alias (
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    PRIMARY KEY (region_id, name),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id)
);
CREATE TABLE import_key (
    region_id BIGINT NOT NULL REFERENCES region(id),
    plan_id BIGINT NOT NULL,
    row_key TEXT NOT NULL,
    task_id BIGINT NOT NULL,
    PRIMARY KEY (region_id, plan_id, row_key),
    FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id)
);
CREATE INDEX import_key_task ON import_key (region_id, task_id);
"#,
    ..Step::PLAIN
};
