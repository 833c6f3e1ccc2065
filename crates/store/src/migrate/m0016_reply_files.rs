//! Files attached to a unit's reply to a supervision order (佐证材料 of the 办理情况), kept in the
//! database with the reply, like a report's evidence.

use super::Step;

pub const STEP: Step = Step {
    version: 16,
    name: "reply files",
    sql: r#"
CREATE TABLE reply_file (
    id {id},
    region_id BIGINT NOT NULL REFERENCES region(id),
    reply_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sm3 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL,
    uploaded_at {ts} NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (region_id, id),
    FOREIGN KEY (region_id, reply_id) REFERENCES supervision_reply (region_id, id),
    FOREIGN KEY (region_id, uploaded_by) REFERENCES app_user (region_id, id)
);
CREATE INDEX reply_file_reply ON reply_file (region_id, reply_id);
"#,
    ..Step::PLAIN
};
