//! The audit chain keyed with a key outside the database (HMAC-SM3), and the outcome of its
//! last verification kept, so that the auditor's page shows it without checking a long chain
//! on every view.

use super::Step;

pub const STEP: Step = Step {
    version: 19,
    name: "keyed audit chain",
    sql: r#"
ALTER TABLE audit_chain ADD COLUMN keyed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE audit_chain ADD COLUMN verified_at {ts};
ALTER TABLE audit_chain ADD COLUMN verified_lines BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN broken_seq BIGINT;
ALTER TABLE audit_chain ADD COLUMN broken_why TEXT;
"#,
    ..Step::PLAIN
};
