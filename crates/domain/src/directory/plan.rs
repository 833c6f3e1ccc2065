//! Planning an import of the directory sheet against what the region has: each row becomes a
//! step (add, change, or nothing to do), or problems placed by table, row and column. Nothing is
//! written here; the server carries out a plan without problems in one transaction, so a file
//! imports whole or not at all, and a dry run shows the same plan.

mod people;

use std::collections::HashMap;

use super::{
    UnitInput, ValidLeader, ValidUnit, ValidUser, check_unit,
    sheet::{Problem, Row, SheetKind, Table, parse_status},
};
use crate::{Role, UnitCategory, ValidationError, codes};

/// A unit the region has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownUnit {
    /// Id.
    pub id: i64,
    /// Current full name.
    pub name: String,
    /// Current short name.
    pub short_name: String,
    /// Category.
    pub category: UnitCategory,
    /// Place in lists.
    pub sort: i64,
    /// Whether it is in use.
    pub active: bool,
    /// Whether it was merged into another (it stays as it is).
    pub merged: bool,
}

/// A leader the region has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownLeader {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Portfolio.
    pub portfolio: String,
    /// Place in lists.
    pub sort: i64,
    /// Whether in office.
    pub active: bool,
    /// Units overseen, ascending.
    pub units: Vec<i64>,
}

/// An account the region has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownUser {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Unit.
    pub unit_id: Option<i64>,
    /// Leader record.
    pub leader_id: Option<i64>,
    /// E-mail.
    pub email: String,
    /// Whether it may log in.
    pub active: bool,
}

/// The region's directory as an import finds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Units.
    pub units: Vec<KnownUnit>,
    /// Leaders.
    pub leaders: Vec<KnownLeader>,
    /// Accounts.
    pub users: Vec<KnownUser>,
}

/// What a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Adds a record.
    Add,
    /// Changes record `id`.
    Change(i64),
    /// Record `id` is already as the row says.
    Same(i64),
}

impl Action {
    /// The record's id, when it exists.
    pub fn id(self) -> Option<i64> {
        match self {
            Action::Add => None,
            Action::Change(id) | Action::Same(id) => Some(id),
        }
    }
}

/// A unit or leader a row names: one the region has, or one added by an earlier row of this
/// file (its place among the steps of its table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// Id of a record the region has.
    Known(i64),
    /// Index of an added record's step.
    Added(usize),
}

/// A unit row's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitStep {
    /// The sheet's row.
    pub line: usize,
    /// What it does.
    pub action: Action,
    /// The unit as it will be (`sort` filled in).
    pub unit: ValidUnit,
    /// Whether it will be in use.
    pub active: bool,
}

/// A leader row's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderStep {
    /// The sheet's row.
    pub line: usize,
    /// What it does.
    pub action: Action,
    /// The leader as they will be (`sort` filled in).
    pub leader: ValidLeader,
    /// Whether in office.
    pub active: bool,
    /// Units overseen.
    pub units: Vec<Target>,
}

/// A user row's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserStep {
    /// The sheet's row.
    pub line: usize,
    /// What it does.
    pub action: Action,
    /// The account as it will be.
    pub user: ValidUser,
    /// Its unit.
    pub unit: Option<Target>,
    /// Its leader record.
    pub leader: Option<Target>,
    /// Whether it may log in.
    pub active: bool,
}

/// Every step of an import, by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Units.
    pub units: Vec<UnitStep>,
    /// Leaders.
    pub leaders: Vec<LeaderStep>,
    /// Users.
    pub users: Vec<UserStep>,
}

/// How many rows of a table add, change and leave records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows that add a record.
    pub added: usize,
    /// Rows that change one.
    pub changed: usize,
    /// Rows already as the region has them.
    pub same: usize,
}

impl ImportPlan {
    /// The counts of table `kind`.
    pub fn counts(&self, kind: SheetKind) -> Counts {
        let actions: Vec<Action> = match kind {
            SheetKind::Units => self.units.iter().map(|s| s.action).collect(),
            SheetKind::Leaders => self.leaders.iter().map(|s| s.action).collect(),
            SheetKind::Users => self.users.iter().map(|s| s.action).collect(),
        };
        let mut c = Counts::default();
        for a in actions {
            match a {
                Action::Add => c.added += 1,
                Action::Change(_) => c.changed += 1,
                Action::Same(_) => c.same += 1,
            }
        }
        c
    }

    /// Whether carrying it out changes nothing.
    pub fn is_empty(&self) -> bool {
        SheetKind::ALL.iter().all(|k| {
            let c = self.counts(*k);
            c.added == 0 && c.changed == 0
        })
    }
}

/// A form's problems placed in the row's cells (a field's name is its column's key).
fn field_problems(t: &Table, row: &Row, errs: Vec<ValidationError>) -> Vec<Problem> {
    errs.into_iter()
        .map(|e| {
            t.problem(
                row,
                e.field,
                e.code,
                e.message(crate::Lang::Zh),
                e.message(crate::Lang::En),
            )
        })
        .collect()
}

fn parse_id(t: &Table, row: &Row, problems: &mut Vec<Problem>) -> Option<i64> {
    let cell = row.get("id");
    if cell.is_empty() {
        return None;
    }
    match cell.trim_end_matches(".0").parse::<i64>() {
        Ok(id) => Some(id),
        Err(_) => {
            problems.push(t.problem(
                row,
                "id",
                codes::IMPORT_ID_UNKNOWN,
                format!("编号“{cell}”不是整数；新增的行请留空"),
                format!("The id “{cell}” is not a whole number; leave it empty for a new row"),
            ));
            None
        }
    }
}

fn parse_sort(t: &Table, row: &Row, problems: &mut Vec<Problem>) -> Option<i64> {
    let cell = row.get("sort");
    if cell.is_empty() {
        return None;
    }
    match cell.trim_end_matches(".0").parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(t.problem(
                row,
                "sort",
                codes::SORT_OUT_OF_RANGE,
                format!("排序“{cell}”不是整数"),
                format!("The order “{cell}” is not a whole number"),
            ));
            None
        }
    }
}

fn parse_active(t: &Table, row: &Row, problems: &mut Vec<Problem>) -> bool {
    let cell = row.get("status");
    parse_status(cell).unwrap_or_else(|| {
        problems.push(t.problem(
            row,
            "status",
            codes::IMPORT_STATUS_UNKNOWN,
            format!("状态“{cell}”无法识别，应为“在用”或“停用”"),
            format!("The status “{cell}” is neither 在用 (active) nor 停用 (inactive)"),
        ));
        true
    })
}

fn unknown_id(t: &Table, row: &Row, id: i64) -> Problem {
    t.problem(
        row,
        "id",
        codes::IMPORT_ID_UNKNOWN,
        format!("编号{id}在本地区没有对应的记录；新增的行请留空编号"),
        format!("No record of this region has the id {id}; leave the id empty for a new row"),
    )
}

fn duplicate(t: &Table, row: &Row, key: &str, value: &str, first: usize) -> Problem {
    t.problem(
        row,
        key,
        codes::IMPORT_ROW_DUPLICATE,
        format!("“{value}”与第{first}行重复"),
        format!("“{value}” repeats row {first}"),
    )
}

/// Plans importing `tables` (at most one of each kind) into a region that has `known`. Every
/// problem of every row is listed; the plan comes only when there are none.
pub fn plan_import(known: &Known, tables: &[Table]) -> Result<ImportPlan, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut plan = ImportPlan::default();
    let table = |k: SheetKind| tables.iter().find(|t| t.kind == k);
    if let Some(t) = table(SheetKind::Units) {
        plan.units = plan_units(known, t, &mut problems);
    }
    let units = UnitNames::new(known, &plan.units);
    if let Some(t) = table(SheetKind::Leaders) {
        plan.leaders = people::plan_leaders(known, t, &units, &mut problems);
    }
    if let Some(t) = table(SheetKind::Users) {
        plan.users = people::plan_users(known, t, &units, &plan.leaders, &mut problems);
    }
    if problems.is_empty() { Ok(plan) } else { Err(problems) }
}

fn plan_units(known: &Known, t: &Table, problems: &mut Vec<Problem>) -> Vec<UnitStep> {
    let mut steps = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut seen_ids: HashMap<i64, usize> = HashMap::new();
    let mut next_sort = known.units.iter().map(|u| u.sort).max().unwrap_or(0);
    for row in &t.rows {
        let before = problems.len();
        let id = parse_id(t, row, problems);
        let sort = parse_sort(t, row, problems);
        let active = parse_active(t, row, problems);
        let input = UnitInput {
            name: row.get("name").to_string(),
            short_name: row.get("short_name").to_string(),
            category: row.get("category").to_string(),
            sort,
        };
        let unit = match check_unit(&input) {
            Ok(u) => Some(u),
            Err(errs) => {
                problems.extend(field_problems(t, row, errs));
                None
            }
        };
        let by_id = id.map(|id| known.units.iter().find(|u| u.id == id));
        if let (Some(id), Some(None)) = (id, by_id) {
            problems.push(unknown_id(t, row, id));
        }
        let Some(mut unit) = unit else { continue };
        if let Some(first) = seen.insert(unit.name.clone(), row.line) {
            problems.push(duplicate(t, row, "name", &unit.name, first));
        }
        if let Some(id) = id
            && let Some(first) = seen_ids.insert(id, row.line)
        {
            problems.push(duplicate(t, row, "id", &id.to_string(), first));
        }
        let existing = match by_id {
            Some(found) => found,
            None => known.units.iter().find(|u| u.name == unit.name),
        };
        if let Some(other) = known.units.iter().find(|u| u.name == unit.name)
            && existing.is_none_or(|e| e.id != other.id)
        {
            problems.push(t.problem(
                row,
                "name",
                codes::UNIT_NAME_TAKEN,
                format!("本地区已有单位“{}”（编号{}）", unit.name, other.id),
                format!("The region already has a unit named “{}” (id {})", unit.name, other.id),
            ));
        }
        if problems.len() > before {
            continue;
        }
        let action = match existing {
            None => {
                next_sort = unit.sort.unwrap_or(next_sort + 10).max(next_sort);
                unit.sort = Some(unit.sort.unwrap_or(next_sort));
                Action::Add
            }
            Some(e) => {
                unit.sort = Some(unit.sort.unwrap_or(e.sort));
                // A merged unit stays as it is: its status is not read.
                let active = if e.merged { e.active } else { active };
                let same = e.name == unit.name
                    && e.short_name == unit.short_name
                    && e.category == unit.category
                    && Some(e.sort) == unit.sort
                    && e.active == active;
                // A merged unit stays as it was on the day it merged.
                if same || e.merged {
                    Action::Same(e.id)
                } else {
                    Action::Change(e.id)
                }
            }
        };
        steps.push(UnitStep {
            line: row.line,
            action,
            active: existing.filter(|e| e.merged).map_or(active, |e| e.active),
            unit,
        });
    }
    steps
}

/// Every name a unit may be called by in the file: the full and short names of the region's
/// units in use, and of the units this file adds or keeps in use (these win).
struct UnitNames {
    by_name: HashMap<String, Target>,
    /// Every unit the region has, in use or not, by its current full and short names.
    any: HashMap<String, i64>,
}

impl UnitNames {
    fn new(known: &Known, steps: &[UnitStep]) -> UnitNames {
        let mut by_name = HashMap::new();
        let retired: Vec<i64> = steps
            .iter()
            .filter(|s| !s.active)
            .filter_map(|s| s.action.id())
            .collect();
        for u in known
            .units
            .iter()
            .filter(|u| u.active && !u.merged && !retired.contains(&u.id))
        {
            by_name.insert(u.short_name.clone(), Target::Known(u.id));
            by_name.insert(u.name.clone(), Target::Known(u.id));
        }
        for (i, s) in steps.iter().enumerate().filter(|(_, s)| s.active) {
            let t = s.action.id().map(Target::Known).unwrap_or(Target::Added(i));
            by_name.insert(s.unit.short_name.clone(), t);
            by_name.insert(s.unit.name.clone(), t);
        }
        let mut any = HashMap::new();
        for u in &known.units {
            any.insert(u.short_name.clone(), u.id);
            any.insert(u.name.clone(), u.id);
        }
        UnitNames { by_name, any }
    }

    /// The unit in use called `name`; or, failing that, one out of use that the record already
    /// names (`kept`): an exported sheet names a merged unit a leader oversaw, and imported
    /// again it changes nothing.
    fn find(&self, name: &str, kept: &[i64]) -> Option<Target> {
        let name = name.trim();
        self.by_name.get(name).copied().or_else(|| {
            self.any
                .get(name)
                .filter(|id| kept.contains(id))
                .map(|id| Target::Known(*id))
        })
    }
}
