//! Keys by region: every business table's primary key and unique constraints begin with
//! `region_id`, and every foreign key between business tables includes it, so that no row can
//! point into another region and a distributed PostgreSQL can keep each region's rows together
//! (docs/scaling.md). SQLite rebuilds each table (its keys cannot be altered) in the step's one
//! transaction, with foreign keys checked once at the end; PostgreSQL alters the constraints in
//! place. Ids stay unique across regions: PostgreSQL's identity counters, and on SQLite the
//! counters of `id_counter` (a table of its own, not per region), seeded here from
//! `sqlite_sequence` so no id is given twice.
//!
//! Generated once from the schema of steps 1–11 and the key list of docs/scaling.md.

use super::Step;

pub const STEP: Step = Step {
    version: 12,
    name: "keys by region",
    sql: "",
    sqlite: include_str!("m0012_region_keys.sqlite.sql"),
    postgres: r#"
ALTER TABLE unit DROP CONSTRAINT unit_merged_into_fkey;
ALTER TABLE unit_name DROP CONSTRAINT unit_name_unit_id_fkey;
ALTER TABLE leader_unit DROP CONSTRAINT leader_unit_leader_id_fkey;
ALTER TABLE leader_unit DROP CONSTRAINT leader_unit_unit_id_fkey;
ALTER TABLE app_user DROP CONSTRAINT app_user_unit_id_fkey;
ALTER TABLE app_user DROP CONSTRAINT app_user_leader_id_fkey;
ALTER TABLE user_session DROP CONSTRAINT user_session_user_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_plan_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_parent_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_lead_unit_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_leader_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_decomposed_by_fkey;
ALTER TABLE task_co_unit DROP CONSTRAINT task_co_unit_task_id_fkey;
ALTER TABLE task_co_unit DROP CONSTRAINT task_co_unit_unit_id_fkey;
ALTER TABLE milestone DROP CONSTRAINT milestone_task_id_fkey;
ALTER TABLE report DROP CONSTRAINT report_task_id_fkey;
ALTER TABLE report DROP CONSTRAINT report_unit_id_fkey;
ALTER TABLE report DROP CONSTRAINT report_author_id_fkey;
ALTER TABLE report DROP CONSTRAINT report_reviewer_id_fkey;
ALTER TABLE task_request DROP CONSTRAINT task_request_task_id_fkey;
ALTER TABLE task_request DROP CONSTRAINT task_request_unit_id_fkey;
ALTER TABLE task_request DROP CONSTRAINT task_request_requested_by_fkey;
ALTER TABLE task_request DROP CONSTRAINT task_request_decided_by_fkey;
ALTER TABLE report_note DROP CONSTRAINT report_note_report_id_fkey;
ALTER TABLE report_note DROP CONSTRAINT report_note_unit_id_fkey;
ALTER TABLE report_note DROP CONSTRAINT report_note_author_id_fkey;
ALTER TABLE evidence DROP CONSTRAINT evidence_report_id_fkey;
ALTER TABLE evidence DROP CONSTRAINT evidence_uploaded_by_fkey;
ALTER TABLE evidence_blob DROP CONSTRAINT evidence_blob_evidence_id_fkey;
ALTER TABLE task_event DROP CONSTRAINT task_event_task_id_fkey;
ALTER TABLE light_snapshot DROP CONSTRAINT light_snapshot_task_id_fkey;
ALTER TABLE extraction_batch DROP CONSTRAINT extraction_batch_plan_id_fkey;
ALTER TABLE supervision DROP CONSTRAINT supervision_task_id_fkey;
ALTER TABLE supervision DROP CONSTRAINT supervision_lead_unit_id_fkey;
ALTER TABLE supervision DROP CONSTRAINT supervision_issued_by_fkey;
ALTER TABLE supervision_unit DROP CONSTRAINT supervision_unit_supervision_id_fkey;
ALTER TABLE supervision_unit DROP CONSTRAINT supervision_unit_unit_id_fkey;
ALTER TABLE supervision_reply DROP CONSTRAINT supervision_reply_supervision_id_fkey;
ALTER TABLE supervision_reply DROP CONSTRAINT supervision_reply_unit_id_fkey;
ALTER TABLE supervision_reply DROP CONSTRAINT supervision_reply_submitted_by_fkey;
ALTER TABLE supervision_reply DROP CONSTRAINT supervision_reply_reviewed_by_fkey;
ALTER TABLE escalation DROP CONSTRAINT escalation_task_id_fkey;
ALTER TABLE escalation DROP CONSTRAINT escalation_unit_id_fkey;
ALTER TABLE escalation DROP CONSTRAINT escalation_decided_by_fkey;
ALTER TABLE notification DROP CONSTRAINT notification_user_id_fkey;
ALTER TABLE accountability DROP CONSTRAINT accountability_unit_id_fkey;
ALTER TABLE accountability DROP CONSTRAINT accountability_task_id_fkey;
ALTER TABLE accountability DROP CONSTRAINT accountability_escalation_id_fkey;
ALTER TABLE accountability DROP CONSTRAINT accountability_decided_by_fkey;
ALTER TABLE channel DROP CONSTRAINT channel_unit_id_fkey;
ALTER TABLE delivery DROP CONSTRAINT delivery_channel_id_fkey;
ALTER TABLE delivery DROP CONSTRAINT delivery_user_id_fkey;
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_delivery_id_fkey;
ALTER TABLE bulletin DROP CONSTRAINT bulletin_created_by_fkey;
ALTER TABLE bulletin DROP CONSTRAINT bulletin_published_by_fkey;
ALTER TABLE task_state DROP CONSTRAINT task_state_task_id_fkey;
ALTER TABLE task_state DROP CONSTRAINT task_state_plan_id_fkey;
ALTER TABLE unit DROP CONSTRAINT unit_pkey;
ALTER TABLE unit ADD PRIMARY KEY (region_id, id);
ALTER TABLE unit_name DROP CONSTRAINT unit_name_pkey;
ALTER TABLE unit_name ADD PRIMARY KEY (region_id, id);
ALTER TABLE leader DROP CONSTRAINT leader_pkey;
ALTER TABLE leader ADD PRIMARY KEY (region_id, id);
ALTER TABLE leader_unit DROP CONSTRAINT leader_unit_pkey;
ALTER TABLE leader_unit ADD PRIMARY KEY (region_id, leader_id, unit_id);
ALTER TABLE app_user DROP CONSTRAINT app_user_pkey;
ALTER TABLE app_user ADD PRIMARY KEY (region_id, id);
ALTER TABLE user_session DROP CONSTRAINT user_session_pkey;
ALTER TABLE user_session ADD PRIMARY KEY (region_id, id);
ALTER TABLE plan DROP CONSTRAINT plan_pkey;
ALTER TABLE plan ADD PRIMARY KEY (region_id, id);
ALTER TABLE task DROP CONSTRAINT task_pkey;
ALTER TABLE task ADD PRIMARY KEY (region_id, id);
ALTER TABLE task_co_unit DROP CONSTRAINT task_co_unit_pkey;
ALTER TABLE task_co_unit ADD PRIMARY KEY (region_id, task_id, unit_id);
ALTER TABLE milestone DROP CONSTRAINT milestone_pkey;
ALTER TABLE milestone ADD PRIMARY KEY (region_id, id);
ALTER TABLE report DROP CONSTRAINT report_pkey;
ALTER TABLE report ADD PRIMARY KEY (region_id, id);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD PRIMARY KEY (region_id, id);
ALTER TABLE task_request DROP CONSTRAINT task_request_pkey;
ALTER TABLE task_request ADD PRIMARY KEY (region_id, id);
ALTER TABLE report_note DROP CONSTRAINT report_note_pkey;
ALTER TABLE report_note ADD PRIMARY KEY (region_id, id);
ALTER TABLE evidence DROP CONSTRAINT evidence_pkey;
ALTER TABLE evidence ADD PRIMARY KEY (region_id, id);
ALTER TABLE evidence_blob DROP CONSTRAINT evidence_blob_pkey;
ALTER TABLE evidence_blob ADD PRIMARY KEY (region_id, evidence_id);
ALTER TABLE task_event DROP CONSTRAINT task_event_pkey;
ALTER TABLE task_event ADD PRIMARY KEY (region_id, id);
ALTER TABLE light_snapshot DROP CONSTRAINT light_snapshot_pkey;
ALTER TABLE light_snapshot ADD PRIMARY KEY (region_id, task_id, period);
ALTER TABLE supervision DROP CONSTRAINT supervision_pkey;
ALTER TABLE supervision ADD PRIMARY KEY (region_id, id);
ALTER TABLE supervision_unit DROP CONSTRAINT supervision_unit_pkey;
ALTER TABLE supervision_unit ADD PRIMARY KEY (region_id, supervision_id, unit_id);
ALTER TABLE supervision_reply DROP CONSTRAINT supervision_reply_pkey;
ALTER TABLE supervision_reply ADD PRIMARY KEY (region_id, id);
ALTER TABLE escalation DROP CONSTRAINT escalation_pkey;
ALTER TABLE escalation ADD PRIMARY KEY (region_id, id);
ALTER TABLE notification DROP CONSTRAINT notification_pkey;
ALTER TABLE notification ADD PRIMARY KEY (region_id, id);
ALTER TABLE accountability DROP CONSTRAINT accountability_pkey;
ALTER TABLE accountability ADD PRIMARY KEY (region_id, id);
ALTER TABLE channel DROP CONSTRAINT channel_pkey;
ALTER TABLE channel ADD PRIMARY KEY (region_id, id);
ALTER TABLE delivery DROP CONSTRAINT delivery_pkey;
ALTER TABLE delivery ADD PRIMARY KEY (region_id, id);
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_pkey;
ALTER TABLE delivery_attempt ADD PRIMARY KEY (region_id, id);
ALTER TABLE bulletin DROP CONSTRAINT bulletin_pkey;
ALTER TABLE bulletin ADD PRIMARY KEY (region_id, id);
ALTER TABLE task_state DROP CONSTRAINT task_state_pkey;
ALTER TABLE task_state ADD PRIMARY KEY (region_id, task_id);
ALTER TABLE app_user DROP CONSTRAINT app_user_username_key;
ALTER TABLE app_user ADD UNIQUE (region_id, username);
ALTER TABLE report DROP CONSTRAINT report_task_id_period_key;
ALTER TABLE report ADD UNIQUE (region_id, task_id, period);
ALTER TABLE unit ADD FOREIGN KEY (region_id, merged_into) REFERENCES unit (region_id, id);
ALTER TABLE unit_name ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE leader_unit ADD FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id);
ALTER TABLE leader_unit ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE app_user ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE app_user ADD FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id);
ALTER TABLE user_session ADD FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id);
ALTER TABLE task ADD FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id);
ALTER TABLE task ADD FOREIGN KEY (region_id, parent_id) REFERENCES task (region_id, id);
ALTER TABLE task ADD FOREIGN KEY (region_id, lead_unit_id) REFERENCES unit (region_id, id);
ALTER TABLE task ADD FOREIGN KEY (region_id, leader_id) REFERENCES leader (region_id, id);
ALTER TABLE task ADD FOREIGN KEY (region_id, decomposed_by) REFERENCES unit (region_id, id);
ALTER TABLE task_co_unit ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE task_co_unit ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE milestone ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE report ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE report ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE report ADD FOREIGN KEY (region_id, author_id) REFERENCES app_user (region_id, id);
ALTER TABLE report ADD FOREIGN KEY (region_id, reviewer_id) REFERENCES app_user (region_id, id);
ALTER TABLE task_request ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE task_request ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE task_request ADD FOREIGN KEY (region_id, requested_by) REFERENCES app_user (region_id, id);
ALTER TABLE task_request ADD FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id);
ALTER TABLE report_note ADD FOREIGN KEY (region_id, report_id) REFERENCES report (region_id, id);
ALTER TABLE report_note ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE report_note ADD FOREIGN KEY (region_id, author_id) REFERENCES app_user (region_id, id);
ALTER TABLE evidence ADD FOREIGN KEY (region_id, report_id) REFERENCES report (region_id, id);
ALTER TABLE evidence ADD FOREIGN KEY (region_id, uploaded_by) REFERENCES app_user (region_id, id);
ALTER TABLE evidence_blob ADD FOREIGN KEY (region_id, evidence_id) REFERENCES evidence (region_id, id);
ALTER TABLE task_event ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE light_snapshot ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE extraction_batch ADD FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id);
ALTER TABLE supervision ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE supervision ADD FOREIGN KEY (region_id, lead_unit_id) REFERENCES unit (region_id, id);
ALTER TABLE supervision ADD FOREIGN KEY (region_id, issued_by) REFERENCES app_user (region_id, id);
ALTER TABLE supervision_unit ADD FOREIGN KEY (region_id, supervision_id) REFERENCES supervision (region_id, id);
ALTER TABLE supervision_unit ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE supervision_reply ADD FOREIGN KEY (region_id, supervision_id) REFERENCES supervision (region_id, id);
ALTER TABLE supervision_reply ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE supervision_reply ADD FOREIGN KEY (region_id, submitted_by) REFERENCES app_user (region_id, id);
ALTER TABLE supervision_reply ADD FOREIGN KEY (region_id, reviewed_by) REFERENCES app_user (region_id, id);
ALTER TABLE escalation ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE escalation ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE escalation ADD FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id);
ALTER TABLE notification ADD FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id);
ALTER TABLE accountability ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE accountability ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE accountability ADD FOREIGN KEY (region_id, escalation_id) REFERENCES escalation (region_id, id);
ALTER TABLE accountability ADD FOREIGN KEY (region_id, decided_by) REFERENCES app_user (region_id, id);
ALTER TABLE channel ADD FOREIGN KEY (region_id, unit_id) REFERENCES unit (region_id, id);
ALTER TABLE delivery ADD FOREIGN KEY (region_id, channel_id) REFERENCES channel (region_id, id);
ALTER TABLE delivery ADD FOREIGN KEY (region_id, user_id) REFERENCES app_user (region_id, id);
ALTER TABLE delivery_attempt ADD FOREIGN KEY (region_id, delivery_id) REFERENCES delivery (region_id, id);
ALTER TABLE bulletin ADD FOREIGN KEY (region_id, created_by) REFERENCES app_user (region_id, id);
ALTER TABLE bulletin ADD FOREIGN KEY (region_id, published_by) REFERENCES app_user (region_id, id);
ALTER TABLE task_state ADD FOREIGN KEY (region_id, task_id) REFERENCES task (region_id, id);
ALTER TABLE task_state ADD FOREIGN KEY (region_id, plan_id) REFERENCES plan (region_id, id);
DROP INDEX user_session_user;
CREATE INDEX user_session_user ON user_session (region_id, user_id);
DROP INDEX task_state_rev;
CREATE INDEX task_state_rev ON task_state (region_id, plan_id, rev)
"#,
    rebuild: true,
};
