//! Supervision bulletins (督查通报): drafts written from a period's facts, edited, then
//! published with the next number of their year's series (第N期); and the counters that hand
//! out the numbers of every series (orders too) one at a time.

use super::Step;

pub const STEP: Step = Step {
    version: 7,
    name: "bulletins",
    sql: r#"
CREATE TABLE bulletin (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    year BIGINT NOT NULL,
    seq BIGINT,
    period_from {date} NOT NULL,
    period_to {date} NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '',
    editor TEXT NOT NULL DEFAULT '',
    facts TEXT NOT NULL,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'draft',
    created_by BIGINT REFERENCES app_user(id),
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    published_by BIGINT REFERENCES app_user(id),
    published_at {ts},
    published_on {date},
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (region_id, year, seq)
);
CREATE INDEX bulletin_status ON bulletin (region_id, status, published_on);
CREATE TABLE doc_sequence (
    region_id BIGINT NOT NULL REFERENCES region(id),
    series TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (region_id, series, year)
);
"#,
    ..Step::PLAIN
};
