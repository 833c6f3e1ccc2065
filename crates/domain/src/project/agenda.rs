//! A dispatch meeting's agenda (调度会议程), generated from a leader's portfolio: its red
//! projects, then its yellow ones, each with its warning in words; then the open coordination
//! issues on its projects, the earliest deadline first. The office edits it before the meeting.
//! Each item's decision becomes a task, a supervision order or an issue's resolution.

use chrono::NaiveDate;

use crate::Light;

/// A project as the agenda reads it.
#[derive(Debug, Clone)]
pub struct AgendaProject {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its warning.
    pub light: Light,
    /// The warning in words.
    pub warning: String,
}

/// A coordination issue as the agenda reads it.
#[derive(Debug, Clone)]
pub struct AgendaIssue {
    /// Its id.
    pub id: i64,
    /// Its project.
    pub project_id: i64,
    /// Its project's name.
    pub project: String,
    /// Its kind, in words.
    pub kind: String,
    /// In a line.
    pub title: String,
    /// Its deadline.
    pub due_on: NaiveDate,
}

/// An agenda line: what it is about and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    /// The project.
    pub project_id: Option<i64>,
    /// The issue.
    pub issue_id: Option<i64>,
    /// The words.
    pub topic: String,
}

/// The agenda of `projects` (the portfolio's) and their open `issues`.
pub fn agenda(projects: &[AgendaProject], issues: &[AgendaIssue]) -> Vec<AgendaLine> {
    let mut out = Vec::new();
    for light in [Light::Red, Light::Yellow] {
        for p in projects.iter().filter(|p| p.light == light) {
            out.push(AgendaLine {
                project_id: Some(p.id),
                issue_id: None,
                topic: format!("{}（{}：{}）", p.name, light.name(crate::Lang::Zh), p.warning),
            });
        }
    }
    let mut open: Vec<&AgendaIssue> = issues.iter().collect();
    open.sort_by_key(|i| (i.due_on, i.id));
    for i in open {
        out.push(AgendaLine {
            project_id: Some(i.project_id),
            issue_id: Some(i.id),
            topic: format!("协调事项（{}）：{}——{}", i.kind, i.title, i.project),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn red_comes_before_yellow_and_issues_follow_by_deadline() {
        let p = |id, light, name: &str| AgendaProject {
            id,
            name: name.into(),
            light,
            warning: "落后序时进度".into(),
        };
        let projects = [
            p(1, Light::Yellow, "甲"),
            p(2, Light::Green, "乙"),
            p(3, Light::Red, "丙"),
        ];
        let d = |day| NaiveDate::from_ymd_opt(2020, 7, day).unwrap();
        let i = |id, day| AgendaIssue {
            id,
            project_id: 2,
            project: "乙".into(),
            kind: "用地".into(),
            title: format!("事项{id}"),
            due_on: d(day),
        };
        let a = agenda(&projects, &[i(10, 20), i(11, 5)]);
        let topics: Vec<&str> = a.iter().map(|l| l.topic.as_str()).collect();
        assert_eq!(
            topics,
            vec![
                "丙（红灯：落后序时进度）",
                "甲（黄灯：落后序时进度）",
                "协调事项（用地）：事项11——乙",
                "协调事项（用地）：事项10——乙"
            ]
        );
        assert_eq!(a[2].issue_id, Some(11));
    }
}
