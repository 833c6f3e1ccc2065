//! The first schema: regions, units with name history, leaders, users and sessions, plans,
//! the task tree, milestones, reports, the audit log and the job queue.

use super::Step;

pub const STEP: Step = Step {
    version: 1,
    name: "initial schema",
    sql: r#"
CREATE TABLE region (
    id {pk},
    parent_id BIGINT REFERENCES region(id),
    level TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at {ts} NOT NULL
);
CREATE TABLE unit (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    category TEXT NOT NULL,
    sort BIGINT NOT NULL DEFAULT 0,
    created_on {date} NOT NULL,
    merged_into BIGINT REFERENCES unit(id),
    merged_on {date}
);
CREATE INDEX unit_region ON unit (region_id, category, sort);
CREATE TABLE unit_name (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    valid_from {date} NOT NULL,
    valid_to {date}
);
CREATE INDEX unit_name_unit ON unit_name (region_id, unit_id, valid_from);
CREATE TABLE leader (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    portfolio TEXT NOT NULL DEFAULT '',
    sort BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE leader_unit (
    region_id BIGINT NOT NULL REFERENCES region(id),
    leader_id BIGINT NOT NULL REFERENCES leader(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    PRIMARY KEY (leader_id, unit_id)
);
CREATE INDEX leader_unit_unit ON leader_unit (region_id, unit_id);
CREATE TABLE app_user (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES unit(id),
    leader_id BIGINT REFERENCES leader(id),
    lang TEXT NOT NULL DEFAULT 'zh',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until {ts},
    last_login_at {ts},
    created_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX app_user_region ON app_user (region_id, role);
CREATE TABLE user_session (
    id TEXT PRIMARY KEY,
    region_id BIGINT NOT NULL REFERENCES region(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    csrf_token TEXT NOT NULL,
    created_at {ts} NOT NULL,
    last_seen_at {ts} NOT NULL,
    expires_at {ts} NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE TABLE plan (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_no TEXT NOT NULL DEFAULT '',
    issued_on {date} NOT NULL,
    year BIGINT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    source_text TEXT NOT NULL DEFAULT '',
    yellow_lag BIGINT NOT NULL DEFAULT 20,
    red_lag BIGINT NOT NULL DEFAULT 40,
    milestone_red_days BIGINT NOT NULL DEFAULT 15,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX plan_region ON plan (region_id, year, issued_on);
CREATE TABLE task (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    plan_id BIGINT NOT NULL REFERENCES plan(id),
    parent_id BIGINT REFERENCES task(id),
    seq BIGINT NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lead_unit_id BIGINT REFERENCES unit(id),
    leader_id BIGINT REFERENCES leader(id),
    start {date} NOT NULL,
    due {date},
    cycle TEXT NOT NULL DEFAULT 'monthly',
    cycle_due_day BIGINT NOT NULL DEFAULT 25,
    weight BIGINT NOT NULL DEFAULT 1,
    domain TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE,
    source_start BIGINT,
    source_end BIGINT,
    done_on {date},
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX task_plan ON task (region_id, plan_id, parent_id, seq);
CREATE INDEX task_lead_unit ON task (region_id, lead_unit_id);
CREATE INDEX task_leader ON task (region_id, leader_id);
CREATE TABLE task_co_unit (
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_co_unit_unit ON task_co_unit (region_id, unit_id);
CREATE TABLE milestone (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    seq BIGINT NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    due {date} NOT NULL,
    done_on {date}
);
CREATE INDEX milestone_task ON milestone (region_id, task_id, seq);
CREATE TABLE report (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL REFERENCES task(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    period {date} NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES app_user(id),
    submitted_at {ts},
    reviewer_id BIGINT REFERENCES app_user(id),
    reviewed_at {ts},
    review_note TEXT NOT NULL DEFAULT '',
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (task_id, period)
);
CREATE INDEX report_task ON report (region_id, task_id, period);
CREATE INDEX report_status ON report (region_id, status, period);
CREATE TABLE audit_chain (
    region_id BIGINT PRIMARY KEY REFERENCES region(id),
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
CREATE TABLE audit_log (
    id {pk},
    region_id BIGINT NOT NULL REFERENCES region(id),
    seq BIGINT NOT NULL,
    at {ts} NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (region_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (region_id, entity, entity_id);
CREATE TABLE job (
    id {pk},
    region_id BIGINT REFERENCES region(id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'queued',
    run_at {ts} NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 5,
    locked_by TEXT,
    lease_until {ts},
    last_error TEXT,
    created_at {ts} NOT NULL,
    finished_at {ts}
);
CREATE INDEX job_ready ON job (status, run_at)
"#,
    ..Step::PLAIN
};
