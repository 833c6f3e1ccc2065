//! Notifications beyond the app: webhook channels (企业微信群机器人, 钉钉机器人, plain JSON),
//! users' e-mail and preferences, and every delivery with its attempts.

use super::Step;

pub const STEP: Step = Step {
    version: 6,
    name: "notification channels, deliveries and their attempts",
    sql: r#"
ALTER TABLE app_user ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN notify_email BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE app_user ADD COLUMN notify_channels BOOLEAN NOT NULL DEFAULT TRUE;
CREATE TABLE channel (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT REFERENCES unit(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX channel_unit ON channel (region_id, unit_id);
CREATE TABLE delivery (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel_id BIGINT REFERENCES channel(id),
    user_id BIGINT REFERENCES app_user(id),
    target TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at {ts} NOT NULL,
    sent_at {ts},
    UNIQUE (region_id, event_key, kind, target)
);
CREATE INDEX delivery_status ON delivery (region_id, status);
CREATE TABLE delivery_attempt (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    delivery_id BIGINT NOT NULL REFERENCES delivery(id),
    at {ts} NOT NULL,
    ok BOOLEAN NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (region_id, delivery_id);
"#,
    ..Step::PLAIN
};
