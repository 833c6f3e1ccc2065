//! Tasks from text: each confirmed batch of rows is recorded by a token the review form
//! carries, so a second submit of the same form creates nothing twice.

use super::Step;

pub const STEP: Step = Step {
    version: 3,
    name: "tasks from text: one record per confirmed batch",
    sql: r#"
CREATE TABLE extraction_batch (
    region_id BIGINT NOT NULL REFERENCES region(id),
    token TEXT NOT NULL,
    plan_id BIGINT REFERENCES plan(id),
    tasks BIGINT NOT NULL DEFAULT 0,
    created_at {ts} NOT NULL,
    PRIMARY KEY (region_id, token)
);
"#,
    ..Step::PLAIN
};
