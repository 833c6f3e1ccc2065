//! Logins that hold under attack: failed attempts counted per login name and source address
//! (and for all sources together), whether or not the name is an account's, so that parallel
//! guesses cannot pass the limit and an unknown name answers as a real one; and each account's
//! earlier password hashes, so a new password cannot be an old one.

use super::Step;

pub const STEP: Step = Step {
    version: 18,
    name: "login guard and password history",
    sql: r#"
CREATE TABLE login_attempt (
    region_id BIGINT NOT NULL REFERENCES region(id),
    username TEXT NOT NULL,
    source TEXT NOT NULL,
    failures BIGINT NOT NULL,
    locked_until {ts},
    last_at {ts} NOT NULL,
    PRIMARY KEY (region_id, username, source)
);
CREATE TABLE password_history (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    user_id BIGINT NOT NULL,
    hash TEXT NOT NULL,
    set_at {ts} NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id)
);
CREATE INDEX password_history_user ON password_history (region_id, user_id, set_at);
"#,
    ..Step::PLAIN
};
