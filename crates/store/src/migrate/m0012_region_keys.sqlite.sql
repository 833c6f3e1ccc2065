CREATE TABLE id_counter (
    name TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);
INSERT INTO id_counter (name, last) SELECT name, seq FROM sqlite_sequence WHERE name <> 'job';
CREATE TABLE luoshi_new_unit (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    category TEXT NOT NULL,
    sort BIGINT NOT NULL DEFAULT 0,
    created_on TEXT NOT NULL,
    merged_into BIGINT,
    merged_on TEXT,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, merged_into) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_unit (id, region_id, category, sort, created_on, merged_into, merged_on)
    SELECT id, region_id, category, sort, created_on, merged_into, merged_on FROM unit;
DROP TABLE unit;
ALTER TABLE luoshi_new_unit RENAME TO unit;
CREATE TABLE luoshi_new_unit_name (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_unit_name (id, region_id, unit_id, name, short_name, valid_from, valid_to)
    SELECT id, region_id, unit_id, name, short_name, valid_from, valid_to FROM unit_name;
DROP TABLE unit_name;
ALTER TABLE luoshi_new_unit_name RENAME TO unit_name;
CREATE TABLE luoshi_new_leader (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    portfolio TEXT NOT NULL DEFAULT '',
    sort BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, id)
);
INSERT INTO luoshi_new_leader (id, region_id, name, title, portfolio, sort)
    SELECT id, region_id, name, title, portfolio, sort FROM leader;
DROP TABLE leader;
ALTER TABLE luoshi_new_leader RENAME TO leader;
CREATE TABLE luoshi_new_leader_unit (
    region_id BIGINT NOT NULL REFERENCES region(id),
    leader_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    PRIMARY KEY (region_id, leader_id, unit_id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_leader_unit (region_id, leader_id, unit_id)
    SELECT region_id, leader_id, unit_id FROM leader_unit;
DROP TABLE leader_unit;
ALTER TABLE luoshi_new_leader_unit RENAME TO leader_unit;
CREATE TABLE luoshi_new_app_user (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT,
    leader_id BIGINT,
    lang TEXT NOT NULL DEFAULT 'zh',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    email TEXT NOT NULL DEFAULT '',
    notify_email BOOLEAN NOT NULL DEFAULT TRUE,
    notify_channels BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, username),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id)
);
INSERT INTO luoshi_new_app_user (id, region_id, username, display_name, password_hash, role, unit_id, leader_id, lang, active, failed_logins, locked_until, last_login_at, created_at, version, email, notify_email, notify_channels)
    SELECT id, region_id, username, display_name, password_hash, role, unit_id, leader_id, lang, active, failed_logins, locked_until, last_login_at, created_at, version, email, notify_email, notify_channels FROM app_user;
DROP TABLE app_user;
ALTER TABLE luoshi_new_app_user RENAME TO app_user;
CREATE TABLE luoshi_new_user_session (
    id TEXT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES region(id),
    user_id BIGINT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_user_session (id, region_id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
    SELECT id, region_id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent FROM user_session;
DROP TABLE user_session;
ALTER TABLE luoshi_new_user_session RENAME TO user_session;
CREATE TABLE luoshi_new_plan (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_no TEXT NOT NULL DEFAULT '',
    issued_on TEXT NOT NULL,
    year BIGINT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    source_text TEXT NOT NULL DEFAULT '',
    yellow_lag BIGINT NOT NULL DEFAULT 20,
    red_lag BIGINT NOT NULL DEFAULT 40,
    milestone_red_days BIGINT NOT NULL DEFAULT 15,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    ladder TEXT NOT NULL DEFAULT '',
    state_on TEXT,
    public_rev BIGINT NOT NULL DEFAULT 0,
    rows_rev BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, id)
);
INSERT INTO luoshi_new_plan (id, region_id, kind, title, doc_no, issued_on, year, summary, source_text, yellow_lag, red_lag, milestone_red_days, created_at, updated_at, version, ladder, state_on, public_rev, rows_rev)
    SELECT id, region_id, kind, title, doc_no, issued_on, year, summary, source_text, yellow_lag, red_lag, milestone_red_days, created_at, updated_at, version, ladder, state_on, public_rev, rows_rev FROM plan;
DROP TABLE plan;
ALTER TABLE luoshi_new_plan RENAME TO plan;
CREATE TABLE luoshi_new_task (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    plan_id BIGINT NOT NULL,
    parent_id BIGINT,
    seq BIGINT NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lead_unit_id BIGINT,
    leader_id BIGINT,
    start TEXT NOT NULL,
    due TEXT,
    cycle TEXT NOT NULL DEFAULT 'monthly',
    cycle_due_day BIGINT NOT NULL DEFAULT 25,
    weight BIGINT NOT NULL DEFAULT 1,
    domain TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE,
    source_start BIGINT,
    source_end BIGINT,
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    owner TEXT NOT NULL DEFAULT '',
    decomposed_by BIGINT,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id),
    FOREIGN KEY (region_id, parent_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, lead_unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id),
    FOREIGN KEY (region_id, decomposed_by) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_task (id, region_id, plan_id, parent_id, seq, title, description, lead_unit_id, leader_id, start, due, cycle, cycle_due_day, weight, domain, public, source_start, source_end, done_on, created_at, updated_at, version, owner, decomposed_by)
    SELECT id, region_id, plan_id, parent_id, seq, title, description, lead_unit_id, leader_id, start, due, cycle, cycle_due_day, weight, domain, public, source_start, source_end, done_on, created_at, updated_at, version, owner, decomposed_by FROM task;
DROP TABLE task;
ALTER TABLE luoshi_new_task RENAME TO task;
CREATE TABLE luoshi_new_task_co_unit (
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    PRIMARY KEY (region_id, task_id, unit_id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_task_co_unit (region_id, task_id, unit_id)
    SELECT region_id, task_id, unit_id FROM task_co_unit;
DROP TABLE task_co_unit;
ALTER TABLE luoshi_new_task_co_unit RENAME TO task_co_unit;
CREATE TABLE luoshi_new_milestone (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    seq BIGINT NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    due TEXT NOT NULL,
    done_on TEXT,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id)
);
INSERT INTO luoshi_new_milestone (id, region_id, task_id, seq, title, due, done_on)
    SELECT id, region_id, task_id, seq, title, due, done_on FROM milestone;
DROP TABLE milestone;
ALTER TABLE luoshi_new_milestone RENAME TO milestone;
CREATE TABLE luoshi_new_report (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    author_id BIGINT,
    submitted_at TEXT,
    reviewer_id BIGINT,
    reviewed_at TEXT,
    review_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    milestones_reached TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, task_id, period),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, author_id) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, reviewer_id) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_report (id, region_id, task_id, unit_id, period, status, progress, content, problems, next_steps, author_id, submitted_at, reviewer_id, reviewed_at, review_note, created_at, updated_at, version, milestones_reached)
    SELECT id, region_id, task_id, unit_id, period, status, progress, content, problems, next_steps, author_id, submitted_at, reviewer_id, reviewed_at, review_note, created_at, updated_at, version, milestones_reached FROM report;
DROP TABLE report;
ALTER TABLE luoshi_new_report RENAME TO report;
CREATE TABLE luoshi_new_audit_chain (
    region_id BIGINT NOT NULL REFERENCES region(id),
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL,
    PRIMARY KEY (region_id)
);
INSERT INTO luoshi_new_audit_chain (region_id, seq, last_hash)
    SELECT region_id, seq, last_hash FROM audit_chain;
DROP TABLE audit_chain;
ALTER TABLE luoshi_new_audit_chain RENAME TO audit_chain;
CREATE TABLE luoshi_new_audit_log (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, seq)
);
INSERT INTO luoshi_new_audit_log (id, region_id, seq, at, actor_id, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
    SELECT id, region_id, seq, at, actor_id, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE luoshi_new_audit_log RENAME TO audit_log;
CREATE TABLE luoshi_new_calendar_day (
    region_id BIGINT NOT NULL REFERENCES region(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, day)
);
INSERT INTO luoshi_new_calendar_day (region_id, day, kind, name)
    SELECT region_id, day, kind, name FROM calendar_day;
DROP TABLE calendar_day;
ALTER TABLE luoshi_new_calendar_day RENAME TO calendar_day;
CREATE TABLE luoshi_new_task_request (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL,
    old_due TEXT,
    new_due TEXT,
    progress BIGINT,
    new_title TEXT,
    new_description TEXT,
    requested_by BIGINT,
    requested_at TEXT NOT NULL,
    decided_by BIGINT,
    decided_at TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, requested_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_task_request (id, region_id, task_id, unit_id, kind, status, reason, old_due, new_due, progress, new_title, new_description, requested_by, requested_at, decided_by, decided_at, decision_note, version)
    SELECT id, region_id, task_id, unit_id, kind, status, reason, old_due, new_due, progress, new_title, new_description, requested_by, requested_at, decided_by, decided_at, decision_note, version FROM task_request;
DROP TABLE task_request;
ALTER TABLE luoshi_new_task_request RENAME TO task_request;
CREATE TABLE luoshi_new_report_note (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    report_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    author_id BIGINT,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, report_id) REFERENCES report (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, author_id) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_report_note (id, region_id, report_id, unit_id, author_id, body, created_at)
    SELECT id, region_id, report_id, unit_id, author_id, body, created_at FROM report_note;
DROP TABLE report_note;
ALTER TABLE luoshi_new_report_note RENAME TO report_note;
CREATE TABLE luoshi_new_evidence (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    report_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sm3 TEXT NOT NULL,
    uploaded_by BIGINT,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, report_id) REFERENCES report (region_id, id),
    FOREIGN KEY (region_id, uploaded_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_evidence (id, region_id, report_id, file_name, kind, size, sm3, uploaded_by, uploaded_at)
    SELECT id, region_id, report_id, file_name, kind, size, sm3, uploaded_by, uploaded_at FROM evidence;
DROP TABLE evidence;
ALTER TABLE luoshi_new_evidence RENAME TO evidence;
CREATE TABLE luoshi_new_evidence_blob (
    evidence_id BIGINT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES region(id),
    data BLOB NOT NULL,
    PRIMARY KEY (region_id, evidence_id),
    FOREIGN KEY (region_id, evidence_id) REFERENCES evidence (region_id, id)
);
INSERT INTO luoshi_new_evidence_blob (evidence_id, region_id, data)
    SELECT evidence_id, region_id, data FROM evidence_blob;
DROP TABLE evidence_blob;
ALTER TABLE luoshi_new_evidence_blob RENAME TO evidence_blob;
CREATE TABLE luoshi_new_task_event (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id)
);
INSERT INTO luoshi_new_task_event (id, region_id, task_id, at, actor_id, actor, kind, detail)
    SELECT id, region_id, task_id, at, actor_id, actor, kind, detail FROM task_event;
DROP TABLE task_event;
ALTER TABLE luoshi_new_task_event RENAME TO task_event;
CREATE TABLE luoshi_new_light_snapshot (
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    light TEXT NOT NULL,
    progress BIGINT NOT NULL,
    time_progress BIGINT,
    reason TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (region_id, task_id, period),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id)
);
INSERT INTO luoshi_new_light_snapshot (region_id, task_id, period, light, progress, time_progress, reason, recorded_on)
    SELECT region_id, task_id, period, light, progress, time_progress, reason, recorded_on FROM light_snapshot;
DROP TABLE light_snapshot;
ALTER TABLE luoshi_new_light_snapshot RENAME TO light_snapshot;
CREATE TABLE luoshi_new_extraction_batch (
    region_id BIGINT NOT NULL REFERENCES region(id),
    token TEXT NOT NULL,
    plan_id BIGINT,
    tasks BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (region_id, token),
    FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id)
);
INSERT INTO luoshi_new_extraction_batch (region_id, token, plan_id, tasks, created_at)
    SELECT region_id, token, plan_id, tasks, created_at FROM extraction_batch;
DROP TABLE extraction_batch;
ALTER TABLE luoshi_new_extraction_batch RENAME TO extraction_batch;
CREATE TABLE luoshi_new_supervision (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    doc_no TEXT NOT NULL,
    level TEXT NOT NULL,
    source TEXT NOT NULL,
    task_id BIGINT,
    title TEXT NOT NULL,
    requirement TEXT NOT NULL,
    source_text TEXT NOT NULL DEFAULT '',
    lead_unit_id BIGINT NOT NULL,
    reply_due TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    returned BOOLEAN NOT NULL DEFAULT FALSE,
    issued_by BIGINT,
    issued_at TEXT NOT NULL,
    closed_on TEXT,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, year, seq),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, lead_unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, issued_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_supervision (id, region_id, year, seq, doc_no, level, source, task_id, title, requirement, source_text, lead_unit_id, reply_due, mode, status, returned, issued_by, issued_at, closed_on, updated_at, version)
    SELECT id, region_id, year, seq, doc_no, level, source, task_id, title, requirement, source_text, lead_unit_id, reply_due, mode, status, returned, issued_by, issued_at, closed_on, updated_at, version FROM supervision;
DROP TABLE supervision;
ALTER TABLE luoshi_new_supervision RENAME TO supervision;
CREATE TABLE luoshi_new_supervision_unit (
    supervision_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES region(id),
    PRIMARY KEY (region_id, supervision_id, unit_id),
    FOREIGN KEY (region_id, supervision_id) REFERENCES supervision (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_supervision_unit (supervision_id, unit_id, region_id)
    SELECT supervision_id, unit_id, region_id FROM supervision_unit;
DROP TABLE supervision_unit;
ALTER TABLE luoshi_new_supervision_unit RENAME TO supervision_unit;
CREATE TABLE luoshi_new_supervision_reply (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    supervision_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    due TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'submitted',
    submitted_by BIGINT,
    submitted_at TEXT NOT NULL,
    reviewed_by BIGINT,
    reviewed_at TEXT,
    review_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, supervision_id) REFERENCES supervision (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, submitted_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, reviewed_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_supervision_reply (id, region_id, supervision_id, unit_id, due, content, status, submitted_by, submitted_at, reviewed_by, reviewed_at, review_note)
    SELECT id, region_id, supervision_id, unit_id, due, content, status, submitted_by, submitted_at, reviewed_by, reviewed_at, review_note FROM supervision_reply;
DROP TABLE supervision_reply;
ALTER TABLE luoshi_new_supervision_reply RENAME TO supervision_reply;
CREATE TABLE luoshi_new_escalation (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    task_id BIGINT NOT NULL,
    unit_id BIGINT,
    rung TEXT NOT NULL,
    fire_key TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'sent',
    detail TEXT NOT NULL DEFAULT '',
    fired_at TEXT NOT NULL,
    decided_by BIGINT,
    decided_at TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, task_id, rung, fire_key),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_escalation (id, region_id, task_id, unit_id, rung, fire_key, status, detail, fired_at, decided_by, decided_at, decision_note, version)
    SELECT id, region_id, task_id, unit_id, rung, fire_key, status, detail, fired_at, decided_by, decided_at, decision_note, version FROM escalation;
DROP TABLE escalation;
ALTER TABLE luoshi_new_escalation RENAME TO escalation;
CREATE TABLE luoshi_new_notification (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_notification (id, region_id, user_id, kind, title, body, link, created_at, read_at)
    SELECT id, region_id, user_id, kind, title, body, link, created_at, read_at FROM notification;
DROP TABLE notification;
ALTER TABLE luoshi_new_notification RENAME TO notification;
CREATE TABLE luoshi_new_accountability (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT NOT NULL,
    task_id BIGINT,
    escalation_id BIGINT,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by BIGINT,
    decided_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, escalation_id) REFERENCES escalation (region_id, id),
    FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_accountability (id, region_id, unit_id, task_id, escalation_id, kind, reason, decided_by, decided_on, created_at)
    SELECT id, region_id, unit_id, task_id, escalation_id, kind, reason, decided_by, decided_on, created_at FROM accountability;
DROP TABLE accountability;
ALTER TABLE luoshi_new_accountability RENAME TO accountability;
CREATE TABLE luoshi_new_channel (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    unit_id BIGINT,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id)
);
INSERT INTO luoshi_new_channel (id, region_id, unit_id, kind, name, url, secret, active, created_at, version)
    SELECT id, region_id, unit_id, kind, name, url, secret, active, created_at, version FROM channel;
DROP TABLE channel;
ALTER TABLE luoshi_new_channel RENAME TO channel;
CREATE TABLE luoshi_new_delivery (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel_id BIGINT,
    user_id BIGINT,
    target TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, event_key, kind, target),
    FOREIGN KEY (region_id, channel_id) REFERENCES channel (region_id, id),
    FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_delivery (id, region_id, event_key, kind, channel_id, user_id, target, title, body, link, status, attempts, last_error, created_at, sent_at)
    SELECT id, region_id, event_key, kind, channel_id, user_id, target, title, body, link, status, attempts, last_error, created_at, sent_at FROM delivery;
DROP TABLE delivery;
ALTER TABLE luoshi_new_delivery RENAME TO delivery;
CREATE TABLE luoshi_new_delivery_attempt (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    delivery_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    ok BOOLEAN NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, delivery_id) REFERENCES delivery (region_id, id)
);
INSERT INTO luoshi_new_delivery_attempt (id, region_id, delivery_id, at, ok, detail)
    SELECT id, region_id, delivery_id, at, ok, detail FROM delivery_attempt;
DROP TABLE delivery_attempt;
ALTER TABLE luoshi_new_delivery_attempt RENAME TO delivery_attempt;
CREATE TABLE luoshi_new_bulletin (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    year BIGINT NOT NULL,
    seq BIGINT,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    cc TEXT NOT NULL DEFAULT '',
    editor TEXT NOT NULL DEFAULT '',
    facts TEXT NOT NULL,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'draft',
    created_by BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_by BIGINT,
    published_at TEXT,
    published_on TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (region_id, id),
    UNIQUE (region_id, year, seq),
    FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id),
    FOREIGN KEY (region_id, published_by) REFERENCES app_user (region_id, id)
);
INSERT INTO luoshi_new_bulletin (id, region_id, year, seq, period_from, period_to, title, body, cc, editor, facts, public, status, created_by, created_at, updated_at, published_by, published_at, published_on, version)
    SELECT id, region_id, year, seq, period_from, period_to, title, body, cc, editor, facts, public, status, created_by, created_at, updated_at, published_by, published_at, published_on, version FROM bulletin;
DROP TABLE bulletin;
ALTER TABLE luoshi_new_bulletin RENAME TO bulletin;
CREATE TABLE luoshi_new_doc_sequence (
    region_id BIGINT NOT NULL REFERENCES region(id),
    series TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (region_id, series, year)
);
INSERT INTO luoshi_new_doc_sequence (region_id, series, year, last)
    SELECT region_id, series, year, last FROM doc_sequence;
DROP TABLE doc_sequence;
ALTER TABLE luoshi_new_doc_sequence RENAME TO doc_sequence;
CREATE TABLE luoshi_new_task_state (
    task_id INTEGER NOT NULL,
    region_id BIGINT NOT NULL REFERENCES region(id),
    plan_id BIGINT NOT NULL,
    judged_on TEXT NOT NULL,
    light TEXT NOT NULL,
    rule TEXT NOT NULL,
    progress BIGINT NOT NULL,
    time_progress BIGINT,
    reason TEXT NOT NULL,
    leaf BOOLEAN NOT NULL,
    latest_period TEXT,
    latest_progress BIGINT,
    latest_at TEXT,
    last_accepted_at TEXT,
    rank BIGINT NOT NULL DEFAULT 0,
    worst BIGINT NOT NULL DEFAULT 0,
    pos BIGINT NOT NULL DEFAULT 0,
    depth BIGINT NOT NULL DEFAULT 0,
    outline TEXT NOT NULL DEFAULT '',
    co_units TEXT NOT NULL DEFAULT '',
    rev BIGINT NOT NULL DEFAULT 0,
    owed TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (region_id, task_id),
    FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id),
    FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id)
);
INSERT INTO luoshi_new_task_state (task_id, region_id, plan_id, judged_on, light, rule, progress, time_progress, reason, leaf, latest_period, latest_progress, latest_at, last_accepted_at, rank, worst, pos, depth, outline, co_units, rev, owed)
    SELECT task_id, region_id, plan_id, judged_on, light, rule, progress, time_progress, reason, leaf, latest_period, latest_progress, latest_at, last_accepted_at, rank, worst, pos, depth, outline, co_units, rev, owed FROM task_state;
DROP TABLE task_state;
ALTER TABLE luoshi_new_task_state RENAME TO task_state;
CREATE INDEX unit_region ON unit (region_id, category, sort);
CREATE INDEX unit_name_unit ON unit_name (region_id, unit_id, valid_from);
CREATE INDEX leader_unit_unit ON leader_unit (region_id, unit_id);
CREATE INDEX app_user_region ON app_user (region_id, role);
CREATE INDEX user_session_user ON user_session (region_id, user_id);
CREATE INDEX plan_region ON plan (region_id, year, issued_on);
CREATE INDEX task_plan ON task (region_id, plan_id, parent_id, seq);
CREATE INDEX task_lead_unit ON task (region_id, lead_unit_id);
CREATE INDEX task_leader ON task (region_id, leader_id);
CREATE INDEX task_co_unit_unit ON task_co_unit (region_id, unit_id);
CREATE INDEX milestone_task ON milestone (region_id, task_id, seq);
CREATE INDEX report_status ON report (region_id, status, period);
CREATE INDEX audit_log_entity ON audit_log (region_id, entity, entity_id);
CREATE INDEX task_request_task ON task_request (region_id, task_id);
CREATE INDEX task_request_status ON task_request (region_id, status, requested_at);
CREATE INDEX report_note_report ON report_note (region_id, report_id);
CREATE INDEX evidence_report ON evidence (region_id, report_id);
CREATE INDEX task_event_task ON task_event (region_id, task_id, at);
CREATE INDEX light_snapshot_region ON light_snapshot (region_id, period);
CREATE INDEX supervision_task ON supervision (region_id, task_id);
CREATE INDEX supervision_lead ON supervision (region_id, lead_unit_id, status);
CREATE INDEX supervision_unit_unit ON supervision_unit (region_id, unit_id);
CREATE INDEX supervision_reply_order ON supervision_reply (region_id, supervision_id);
CREATE INDEX escalation_status ON escalation (region_id, status);
CREATE INDEX escalation_unit ON escalation (region_id, unit_id);
CREATE INDEX notification_user ON notification (region_id, user_id, created_at);
CREATE INDEX accountability_unit ON accountability (region_id, unit_id);
CREATE INDEX channel_unit ON channel (region_id, unit_id);
CREATE INDEX delivery_status ON delivery (region_id, status);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (region_id, delivery_id);
CREATE INDEX bulletin_status ON bulletin (region_id, status, published_on);
CREATE INDEX task_state_plan ON task_state (region_id, plan_id, pos);
CREATE INDEX task_state_leaf ON task_state (region_id, leaf, plan_id, light);
CREATE INDEX task_state_worst ON task_state (region_id, leaf, worst);
CREATE INDEX task_state_rule ON task_state (region_id, rule, leaf, rank, light);
CREATE INDEX task_parent ON task (region_id, parent_id, plan_id);
CREATE INDEX task_state_rev ON task_state (region_id, plan_id, rev);
CREATE INDEX notification_unread ON notification (region_id, user_id) WHERE read_at IS NULL;
CREATE INDEX report_task ON report (region_id, task_id, period, status, submitted_at);
CREATE INDEX report_queue ON report (region_id, submitted_at, id) WHERE status = 'submitted'
