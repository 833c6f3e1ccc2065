//! Assessment (issue 19): the office's schemes (考核方案) with their rules; the accountability
//! records (问责, from issue 5) widened to commendations (通报表扬, 记功), with the person named,
//! the document number, the records that justify them and whether they are public; the leaders'
//! evaluation (评议) of each unit under a scheme; the judged scores — each unit's total, place
//! and grade, and every line with the rule and the record it came from; and the likelihood of
//! delivery (交付研判) given for tasks and projects, kept as history.
//!
//! Points are hundredths (`-10` is −0.1).

use super::Step;

pub const STEP: Step = Step {
    version: 26,
    name: "assessment",
    sql: r#"
CREATE TABLE scheme (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    period_from {date} NOT NULL,
    period_to {date} NOT NULL,
    base_points BIGINT NOT NULL,
    floor_points BIGINT NOT NULL,
    evaluation_share BIGINT NOT NULL,
    unit_groups TEXT NOT NULL,
    grading TEXT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    copied_from BIGINT,
    created_by BIGINT NOT NULL,
    created_at {ts} NOT NULL,
    closed_by BIGINT,
    closed_at {ts},
    judged_seq BIGINT NOT NULL DEFAULT 0,
    judged_on {date},
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, name),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, closed_by) REFERENCES app_user (region_id, id)
);
CREATE TABLE scheme_rule (
    region_id BIGINT NOT NULL REFERENCES region(id),
    scheme_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    points BIGINT NOT NULL,
    cap BIGINT,
    PRIMARY KEY (region_id, scheme_id, kind),
    FOREIGN KEY (region_id, scheme_id) REFERENCES scheme (region_id, id)
);
ALTER TABLE accountability ADD COLUMN person TEXT NOT NULL DEFAULT '';
ALTER TABLE accountability ADD COLUMN doc_no TEXT NOT NULL DEFAULT '';
ALTER TABLE accountability ADD COLUMN records TEXT NOT NULL DEFAULT '';
ALTER TABLE accountability ADD COLUMN public BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accountability ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX accountability_decided ON accountability (region_id, decided_on);
CREATE TABLE evaluation (
    region_id BIGINT NOT NULL REFERENCES region(id),
    scheme_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    points BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    entered_by BIGINT NOT NULL,
    entered_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, scheme_id, unit_id),
    FOREIGN KEY (region_id, scheme_id) REFERENCES scheme (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, entered_by) REFERENCES app_user (region_id, id)
);
CREATE TABLE score (
    region_id BIGINT NOT NULL REFERENCES region(id),
    scheme_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    group_index BIGINT NOT NULL,
    performance BIGINT NOT NULL,
    total BIGINT NOT NULL,
    evaluation_pending BOOLEAN NOT NULL,
    place BIGINT NOT NULL,
    ranked BIGINT NOT NULL,
    grade TEXT NOT NULL,
    place_change BIGINT,
    judged_at {ts} NOT NULL,
    PRIMARY KEY (region_id, scheme_id, unit_id),
    FOREIGN KEY (region_id, scheme_id) REFERENCES scheme (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
CREATE TABLE score_line (
    region_id BIGINT NOT NULL REFERENCES region(id),
    scheme_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL DEFAULT '',
    points BIGINT NOT NULL,
    uncapped BIGINT NOT NULL,
    record_kind TEXT NOT NULL DEFAULT '',
    record_id BIGINT,
    label TEXT NOT NULL DEFAULT '',
    times BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, scheme_id, unit_id, seq),
    FOREIGN KEY (region_id, scheme_id, unit_id) REFERENCES score (region_id, scheme_id, unit_id)
);
CREATE INDEX score_line_record ON score_line (region_id, record_kind, record_id);
CREATE TABLE likelihood (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    judgement TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    override BOOLEAN NOT NULL DEFAULT FALSE,
    report_id BIGINT,
    judged_by BIGINT NOT NULL,
    judged_at {ts} NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, judged_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX likelihood_entity ON likelihood (region_id, entity, entity_id, judged_at);
"#,
    ..Step::PLAIN
};
