//! Supervision orders (督办单) with their co-units and the units' replies.

use super::Step;

pub const STEP: Step = Step {
    version: 4,
    name: "supervision orders and replies",
    sql: r#"
CREATE TABLE supervision (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    doc_no TEXT NOT NULL,
    level TEXT NOT NULL,
    source TEXT NOT NULL,
    task_id BIGINT REFERENCES task(id),
    title TEXT NOT NULL,
    requirement TEXT NOT NULL,
    source_text TEXT NOT NULL DEFAULT '',
    lead_unit_id BIGINT NOT NULL REFERENCES unit(id),
    reply_due {date} NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    returned BOOLEAN NOT NULL DEFAULT FALSE,
    issued_by BIGINT REFERENCES app_user(id),
    issued_at {ts} NOT NULL,
    closed_on {date},
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (region_id, year, seq)
);
CREATE INDEX supervision_task ON supervision (region_id, task_id);
CREATE INDEX supervision_lead ON supervision (region_id, lead_unit_id, status);
CREATE TABLE supervision_unit (
    supervision_id BIGINT NOT NULL REFERENCES supervision(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    region_id BIGINT NOT NULL REFERENCES region(id),
    PRIMARY KEY (supervision_id, unit_id)
);
CREATE INDEX supervision_unit_unit ON supervision_unit (region_id, unit_id);
CREATE TABLE supervision_reply (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    supervision_id BIGINT NOT NULL REFERENCES supervision(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    due {date} NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'submitted',
    submitted_by BIGINT REFERENCES app_user(id),
    submitted_at {ts} NOT NULL,
    reviewed_by BIGINT REFERENCES app_user(id),
    reviewed_at {ts},
    review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supervision_reply_order ON supervision_reply (region_id, supervision_id);
"#,
    ..Step::PLAIN
};
