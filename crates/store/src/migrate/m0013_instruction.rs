//! Leaders' instructions (领导批示) on a task, a report or a supervision order, with the
//! responsible unit's answer (落实情况) and the order the office made of one, if any.

use super::Step;

pub const STEP: Step = Step {
    version: 13,
    name: "instructions",
    sql: r#"
CREATE TABLE instruction (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    target TEXT NOT NULL,
    task_id BIGINT,
    report_id BIGINT,
    supervision_id BIGINT,
    unit_id BIGINT NOT NULL,
    written_by BIGINT NOT NULL,
    content TEXT NOT NULL,
    written_at {ts} NOT NULL,
    answer_due {date} NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    answer TEXT NOT NULL DEFAULT '',
    answered_by BIGINT,
    answered_at {ts},
    order_id BIGINT,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, report_id) REFERENCES report (region_id, id),
    FOREIGN KEY (region_id, supervision_id) REFERENCES supervision (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, written_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, answered_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, order_id) REFERENCES supervision (region_id, id)
);
CREATE INDEX instruction_unit ON instruction (region_id, unit_id, status);
CREATE INDEX instruction_task ON instruction (region_id, task_id);
CREATE INDEX instruction_writer ON instruction (region_id, written_by);
CREATE INDEX instruction_order ON instruction (region_id, supervision_id);
"#,
    ..Step::PLAIN
};
