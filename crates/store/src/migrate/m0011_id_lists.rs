//! Lists of ids stored as JSON arrays (`[3,7]`), read once into typed lists: a task's co-units
//! beside its light, and the milestones a report reaches — they were comma-joined text.

use super::Step;

pub const STEP: Step = Step {
    version: 11,
    name: "id lists as arrays",
    sql: r#"
UPDATE task_state SET co_units = '[' || co_units || ']' WHERE co_units NOT LIKE '[%';
UPDATE report SET milestones_reached = '[' || milestones_reached || ']' WHERE milestones_reached NOT LIKE '[%';
"#,
    ..Step::PLAIN
};
