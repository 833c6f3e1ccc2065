//! The directory kept by the system administrator: units and leaders can be taken out of use
//! (停用) instead of deleted, and carry a version so two administrators saving one record get a
//! conflict; an account remembers when its password was last set by its owner (empty: set by
//! an administrator, to be changed at the next login).

use super::Step;

pub const STEP: Step = Step {
    version: 17,
    name: "directory administration",
    sql: r#"
ALTER TABLE unit ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE unit ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
UPDATE unit SET active = FALSE WHERE merged_into IS NOT NULL;
ALTER TABLE leader ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE leader ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE app_user ADD COLUMN password_changed_at {ts};
UPDATE app_user SET password_changed_at = created_at;
"#,
    ..Step::PLAIN
};
