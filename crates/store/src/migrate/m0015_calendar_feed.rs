//! Each user's deadline calendar feed (日程订阅): the hash of the secret in its address, empty
//! while the user has none. The address names the region, as a session token does.

use super::Step;

pub const STEP: Step = Step {
    version: 15,
    name: "calendar feed",
    sql: r#"
ALTER TABLE app_user ADD COLUMN feed_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX app_user_feed ON app_user (region_id, feed_hash);
"#,
    ..Step::PLAIN
};
