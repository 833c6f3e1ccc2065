//! Coordination issues on the reminder ladder: the daily escalation scan puts every open issue
//! against the ladder of the plan its project belongs to (the default ladder otherwise); each
//! step reached is counted on the issue in one atomic step — so two instances, or a second
//! run, never send it twice — and tells whom it concerns: the handling unit before the
//! deadline, the unit and the coordinating leader once it passes, the office when a supervision
//! order is due. A step passed over (a scan that first sees an issue well overdue) is counted
//! without a message.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{
    Ladder, Lang, Role, fmt_date,
    project::issue_ladder::{IssueStep, issue_step},
};
use luoshi_store::{RegionId, Store, project_issue, user::User};

use super::notify;
use crate::error::AppResult;

/// The words of a step, in Chinese.
fn words(step: IssueStep, title: &str, project: &str, due: NaiveDate, today: NaiveDate) -> (String, String) {
    let day = fmt_date(due, Lang::Zh);
    let late = (today - due).num_days();
    match step {
        IssueStep::Soon => (
            format!("协调事项临近办结时限：{title}"),
            format!("“{project}”的协调事项应于{day}前办结，请抓紧办理并答复。"),
        ),
        IssueStep::Overdue => (
            format!("协调事项已逾期：{title}"),
            format!("“{project}”的协调事项应于{day}办结，已逾期{late}天，请立即办理。"),
        ),
        IssueStep::OrderProposed => (
            format!("建议督办：协调事项“{title}”"),
            format!("“{project}”的协调事项应于{day}办结，已逾期{late}天，建议下发督办单。"),
        ),
    }
}

/// Scans the open issues of `region` on `today`; returns (steps fired, notifications written).
pub async fn scan(
    store: &Store,
    region: RegionId,
    today: NaiveDate,
    now: DateTime<Utc>,
    config: &crate::Config,
) -> AppResult<(usize, usize)> {
    let mut conn = store.conn().await?;
    let issues: Vec<project_issue::Issue> = project_issue::unclosed(&mut conn, region)
        .await?
        .into_iter()
        .filter(|i| i.status == "open")
        .collect();
    if issues.is_empty() {
        return Ok((0, 0));
    }
    let reach = notify::reach(&mut conn, region, config).await?;
    let calendar = luoshi_store::calendar::work_calendar(&mut conn, region).await?;
    let users = luoshi_store::user::users(&mut conn, region).await?;
    let projects: HashMap<i64, luoshi_store::project::Project> = luoshi_store::project::projects(&mut conn, region)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    // A project's ladder: its plan task's plan's, else the default.
    let task_ids: Vec<i64> = projects.values().filter_map(|p| p.task_id).collect();
    let plan_of: HashMap<i64, i64> = luoshi_store::task::tasks_by_ids(&mut conn, region, &task_ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t.plan_id))
        .collect();
    let ladders: HashMap<i64, Ladder> = luoshi_store::plan::plans(&mut conn, region)
        .await?
        .into_iter()
        .map(|p| (p.id, Ladder::parse(&p.ladder)))
        .collect();
    drop(conn);
    let (mut fired, mut notified) = (0, 0);
    for i in &issues {
        let Some(p) = projects.get(&i.project_id) else { continue };
        let ladder = p
            .task_id
            .and_then(|t| plan_of.get(&t))
            .and_then(|plan| ladders.get(plan))
            .copied()
            .unwrap_or_default();
        let target = issue_step(&ladder, &calendar, i.due_on, today);
        let mut had = i.reminded;
        while had < target {
            let mut tx = store.begin().await?;
            if !project_issue::count_reminder(&mut tx, region, i.id, had).await? {
                // Another scan counted it first.
                break;
            }
            had += 1;
            if had == target
                && let Some(step) = IssueStep::nth(had)
            {
                let to: Vec<&User> = users
                    .iter()
                    .filter(|u| u.active)
                    .filter(|u| match step {
                        IssueStep::Soon => u.role == Role::UnitUser && u.unit_id == Some(i.unit_id),
                        IssueStep::Overdue => {
                            (u.role == Role::UnitUser && u.unit_id == Some(i.unit_id))
                                || (u.role == Role::Leader && u.leader_id.is_some() && u.leader_id == i.leader_id)
                        }
                        IssueStep::OrderProposed => u.role == Role::Supervisor,
                    })
                    .collect();
                let (title, body) = words(step, &i.title, &p.name, i.due_on, today);
                let m = notify::Message {
                    event_key: &format!("project_issue:{}:step{had}", i.id),
                    kind: step.code(),
                    title: &title,
                    body: &body,
                    link: &format!("/projects/{}#issue-{}", i.project_id, i.id),
                };
                notified += notify::notify(&mut tx, region, &to, m, &reach, now).await?;
                fired += 1;
            }
            tx.commit().await?;
        }
    }
    Ok((fired, notified))
}
