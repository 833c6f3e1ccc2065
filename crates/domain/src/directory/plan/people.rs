//! Planning the leaders' and users' tables: each row matched to a record by id or by name, the
//! units and leaders it names found among the file's rows and the region's records.

use std::collections::HashMap;

use super::{
    Action, Known, LeaderStep, Target, UnitNames, UserStep, duplicate, field_problems, parse_active, parse_id,
    parse_sort, unknown_id,
};
use crate::{
    Role, codes,
    directory::{
        LeaderInput, UserInput, check_leader, check_link, check_user,
        sheet::{Problem, Table, split_names},
    },
};

pub(super) fn plan_leaders(
    known: &Known,
    t: &Table,
    units: &UnitNames,
    problems: &mut Vec<Problem>,
) -> Vec<LeaderStep> {
    let mut steps = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut next_sort = known.leaders.iter().map(|l| l.sort).max().unwrap_or(0);
    for row in &t.rows {
        let before = problems.len();
        let id = parse_id(t, row, problems);
        let sort = parse_sort(t, row, problems);
        let active = parse_active(t, row, problems);
        let input = LeaderInput {
            name: row.get("name").to_string(),
            title: row.get("title").to_string(),
            portfolio: row.get("portfolio").to_string(),
            sort,
        };
        let leader = check_leader(&input)
            .map_err(|errs| problems.extend(field_problems(t, row, errs)))
            .ok();
        let kept: &[i64] = id
            .and_then(|id| known.leaders.iter().find(|l| l.id == id))
            .or_else(|| known.leaders.iter().find(|l| l.name == row.get("name")))
            .map_or(&[], |l| &l.units);
        let mut targets = Vec::new();
        for name in split_names(row.get("units")) {
            match units.find(&name, kept) {
                Some(target) if !targets.contains(&target) => targets.push(target),
                Some(_) => {}
                None => problems.push(t.problem(
                    row,
                    "units",
                    codes::LEADER_UNIT_UNKNOWN,
                    format!("单位“{name}”不在单位表中，也不是本地区在用的单位"),
                    format!("“{name}” is neither in the units table nor a unit of the region in use"),
                )),
            }
        }
        targets.sort();
        let by_id = id.map(|id| known.leaders.iter().find(|l| l.id == id));
        if let (Some(id), Some(None)) = (id, by_id) {
            problems.push(unknown_id(t, row, id));
        }
        let Some(mut leader) = leader else { continue };
        if let Some(first) = seen.insert(leader.name.clone(), row.line) {
            problems.push(duplicate(t, row, "name", &leader.name, first));
        }
        if problems.len() > before {
            continue;
        }
        let existing = match by_id {
            Some(found) => found,
            None => known.leaders.iter().find(|l| l.name == leader.name),
        };
        let action = match existing {
            None => {
                next_sort = leader.sort.unwrap_or(next_sort + 10).max(next_sort);
                leader.sort = Some(leader.sort.unwrap_or(next_sort));
                Action::Add
            }
            Some(e) => {
                leader.sort = Some(leader.sort.unwrap_or(e.sort));
                let known_targets: Vec<Target> = e.units.iter().map(|u| Target::Known(*u)).collect();
                let same = e.name == leader.name
                    && e.title == leader.title
                    && e.portfolio == leader.portfolio
                    && Some(e.sort) == leader.sort
                    && e.active == active
                    && known_targets == targets;
                if same { Action::Same(e.id) } else { Action::Change(e.id) }
            }
        };
        steps.push(LeaderStep {
            line: row.line,
            action,
            leader,
            active,
            units: targets,
        });
    }
    steps
}

pub(super) fn plan_users(
    known: &Known,
    t: &Table,
    units: &UnitNames,
    leaders: &[LeaderStep],
    problems: &mut Vec<Problem>,
) -> Vec<UserStep> {
    let leader_named = |name: &str| -> Option<Target> {
        leaders
            .iter()
            .enumerate()
            .find(|(_, s)| s.leader.name == name && s.active)
            .map(|(i, s)| s.action.id().map(Target::Known).unwrap_or(Target::Added(i)))
            .or_else(|| {
                let listed: Vec<i64> = leaders.iter().filter_map(|s| s.action.id()).collect();
                known
                    .leaders
                    .iter()
                    .find(|l| l.name == name && l.active && !listed.contains(&l.id))
                    .map(|l| Target::Known(l.id))
            })
    };
    let mut steps = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        let before = problems.len();
        let id = parse_id(t, row, problems);
        let active = parse_active(t, row, problems);
        let input = UserInput {
            username: row.get("username").to_string(),
            display_name: row.get("display_name").to_string(),
            role: row.get("role").to_string(),
            email: row.get("email").to_string(),
        };
        let user = check_user(&input)
            .map_err(|errs| problems.extend(field_problems(t, row, errs)))
            .ok();
        let pre = id.and_then(|id| known.users.iter().find(|u| u.id == id)).or_else(|| {
            known
                .users
                .iter()
                .find(|u| u.username == crate::directory::login_name(row.get("username")))
        });
        let unit_cell = row.get("unit");
        let unit = if unit_cell.is_empty() {
            None
        } else {
            let kept: Vec<i64> = pre.and_then(|u| u.unit_id).into_iter().collect();
            let found = units.find(unit_cell, &kept);
            if found.is_none() {
                problems.push(t.problem(
                    row,
                    "unit",
                    codes::USER_UNIT_UNKNOWN,
                    format!("单位“{unit_cell}”不在单位表中，也不是本地区在用的单位"),
                    format!("“{unit_cell}” is neither in the units table nor a unit of the region in use"),
                ));
            }
            found
        };
        let leader_cell = row.get("leader");
        let leader = if leader_cell.is_empty() {
            None
        } else {
            let kept = pre.and_then(|u| u.leader_id);
            let found = leader_named(leader_cell).or_else(|| {
                known
                    .leaders
                    .iter()
                    .find(|l| l.name == leader_cell && Some(l.id) == kept)
                    .map(|l| Target::Known(l.id))
            });
            if found.is_none() {
                problems.push(t.problem(
                    row,
                    "leader",
                    codes::USER_LEADER_UNKNOWN,
                    format!("领导“{leader_cell}”不在领导表中，也不是本地区在任的领导"),
                    format!("“{leader_cell}” is neither in the leaders table nor a leader of the region in office"),
                ));
            }
            found
        };
        let by_id = id.map(|id| known.users.iter().find(|u| u.id == id));
        if let (Some(id), Some(None)) = (id, by_id) {
            problems.push(unknown_id(t, row, id));
        }
        let Some(user) = user else { continue };
        if let Some(first) = seen.insert(user.username.clone(), row.line) {
            problems.push(duplicate(t, row, "username", &user.username, first));
        }
        let existing = match by_id {
            Some(found) => found,
            None => known.users.iter().find(|u| u.username == user.username),
        };
        if let Some(other) = known.users.iter().find(|u| u.username == user.username)
            && existing.is_none_or(|e| e.id != other.id)
        {
            problems.push(t.problem(
                row,
                "username",
                codes::USERNAME_TAKEN,
                format!("登录名“{}”已被其他账号使用", user.username),
                format!("The login name “{}” belongs to another account", user.username),
            ));
        }
        // Placeholder ids stand in for units and leaders the file adds: only presence counts.
        let present = |t: Option<Target>| {
            t.map(|t| match t {
                Target::Known(id) => id,
                Target::Added(_) => -1,
            })
        };
        let link = check_link(user.role, present(unit), present(leader));
        problems.extend(field_problems(t, row, link));
        let administrator = !user.role.assignable() || existing.is_some_and(|e| !e.role.assignable());
        let (unit, leader) = match user.role {
            Role::UnitUser | Role::Supervisor => (unit, None),
            Role::Leader => (None, leader),
            _ => (None, None),
        };
        let action = existing.map_or(Action::Add, |e| {
            let same = e.username == user.username
                && e.display_name == user.display_name
                && e.role == user.role
                && e.unit_id.map(Target::Known) == unit
                && e.leader_id.map(Target::Known) == leader
                && e.email == user.email
                && e.active == active;
            if same { Action::Same(e.id) } else { Action::Change(e.id) }
        });
        if administrator && !matches!(action, Action::Same(_)) {
            problems.push(t.problem(
                row,
                "role",
                codes::USER_ROLE_NOT_ASSIGNABLE,
                "系统管理员、安全管理员、审计管理员的账号不能在此新增或修改，请用命令行 luoshi user 管理",
                "The three administrators' accounts cannot be added or changed here; use the command `luoshi user`",
            ));
        }
        if problems.len() > before {
            continue;
        }
        steps.push(UserStep {
            line: row.line,
            action,
            user,
            unit,
            leader,
            active,
        });
    }
    steps
}
