//! An optional second factor (TOTP, RFC 6238) for the three administrators and the supervision
//! office: the secret in use, one being set up until its first code confirms it, and the last
//! time step accepted (a code is good once).

use super::Step;

pub const STEP: Step = Step {
    version: 20,
    name: "second factor",
    sql: r#"
ALTER TABLE app_user ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
"#,
    ..Step::PLAIN
};
