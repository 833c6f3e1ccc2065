//! Looking projects up for the warnings and the pages: approval nodes overdue on a day, the
//! projects of a plan task (the task's page).

use chrono::NaiveDate;

use crate::{RegionId, conn::Conn, error::Result, project::Project};

/// Approval nodes not done by `today` whose planned day is before it: `(project, name,
/// planned)` of `project`, or of every project with `project = 0`, the earliest first. (A node
/// done later counts as not done, so the same query reads a past day.)
pub async fn overdue_nodes(
    conn: &mut Conn,
    region: RegionId,
    project: i64,
    today: NaiveDate,
) -> Result<Vec<(i64, String, NaiveDate)>> {
    Ok(fetch_all!(
        conn,
        (i64, String, NaiveDate),
        "SELECT project_id, name, planned_on FROM project_node
         WHERE region_id = $1 AND (done_on IS NULL OR done_on > $2) AND planned_on < $2 AND ($3 = 0 OR project_id = $3)
         ORDER BY project_id, planned_on, id",
        region,
        today,
        project
    )?)
}

/// The projects that belong to plan task `task`.
pub async fn projects_of_task(conn: &mut Conn, region: RegionId, task: i64) -> Result<Vec<Project>> {
    Ok(fetch_all!(
        conn,
        Project,
        "SELECT id, name, level, category_id, nature, stage, content, total, planned_start, planned_finish,
            actual_start, actual_finish, unit_id, service_unit_id, place_unit_id, liaison_id, task_id, public, active,
            created_at, version
         FROM project WHERE region_id = $1 AND task_id = $2 AND active ORDER BY id",
        region,
        task
    )?)
}
