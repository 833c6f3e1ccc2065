//! A table's header: the row (or two rows) that name its columns, found among the title and
//! 填报单位 rows above it, each column given a role by its wording in any order; the roles can be
//! corrected by the reader's user before anything is created.

use serde::{Deserialize, Serialize};

use crate::grid::Grid;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 序号: the outline number of the row.
    Number,
    /// 类别 / 领域: a section the rows below belong to.
    Section,
    /// 重点任务 / 工作任务: the task.
    Task,
    /// 具体措施: one measure of the task (a task spanning several rows has several).
    Measure,
    /// 工作目标 / 目标要求: what the task must achieve.
    Target,
    /// 工作要求: the task's requirements, word for word (as Luoshi exports them).
    Description,
    /// 牵头单位.
    Lead,
    /// 配合单位.
    Co,
    /// 责任单位: the first named leads unless a lead column names one.
    Responsible,
    /// 责任领导 / 分管领导.
    Leader,
    /// 完成时限 / 时间节点.
    Deadline,
    /// 备注.
    Note,
    /// 任务编号: the key Luoshi wrote on export, so a re-import updates the same task.
    Key,
    /// Not read.
    Other,
}

impl Role {
    /// Every role, in the order a mapping form lists them.
    pub const ALL: [Role; 14] = [
        Role::Number,
        Role::Section,
        Role::Task,
        Role::Measure,
        Role::Target,
        Role::Description,
        Role::Lead,
        Role::Co,
        Role::Responsible,
        Role::Leader,
        Role::Deadline,
        Role::Note,
        Role::Key,
        Role::Other,
    ];

    /// The code used in forms and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Role::Number => "number",
            Role::Section => "section",
            Role::Task => "task",
            Role::Measure => "measure",
            Role::Target => "target",
            Role::Description => "description",
            Role::Lead => "lead",
            Role::Co => "co",
            Role::Responsible => "responsible",
            Role::Leader => "leader",
            Role::Deadline => "deadline",
            Role::Note => "note",
            Role::Key => "key",
            Role::Other => "other",
        }
    }

    /// The role a code names.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role in Chinese and English, as the mapping is shown.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Role::Number => ("序号（层级）", "Number (outline)"),
            Role::Section => ("类别（分组）", "Section"),
            Role::Task => ("任务", "Task"),
            Role::Measure => ("具体措施", "Measure"),
            Role::Target => ("工作目标", "Target"),
            Role::Description => ("工作要求", "Requirements"),
            Role::Lead => ("牵头单位", "Lead unit"),
            Role::Co => ("配合单位", "Co-units"),
            Role::Responsible => ("责任单位", "Responsible units"),
            Role::Leader => ("责任领导", "Leader"),
            Role::Deadline => ("完成时限", "Deadline"),
            Role::Note => ("备注", "Note"),
            Role::Key => ("任务编号", "Task key"),
            Role::Other => ("不导入", "Not imported"),
        }
    }
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Its index, 0 for the first.
    pub index: usize,
    /// Its header as written (both lines of a two-line header, joined by `/`).
    pub header: String,
    /// What it holds.
    pub role: Role,
}

/// Where a table's header is and what its columns hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The header's first row, 0 for the grid's first.
    pub first: usize,
    /// The row after the header (the first that may hold a task).
    pub body: usize,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows above the header: the title, 填报单位, dates.
    pub above: Vec<String>,
}

impl Mapping {
    /// The columns holding `role`.
    pub fn of(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.columns.iter().filter(move |c| c.role == role).map(|c| c.index)
    }

    /// Whether a column holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.of(role).next().is_some()
    }

    /// The mapping with the columns in `changes` given other roles; a change of a column the
    /// table does not have is ignored. A measure column without a task column is the task.
    pub fn with(mut self, changes: &[(usize, Role)]) -> Mapping {
        for (i, role) in changes {
            if let Some(c) = self.columns.iter_mut().find(|c| c.index == *i) {
                c.role = *role;
            }
        }
        self.settle();
        self
    }

    fn settle(&mut self) {
        if !self.has(Role::Task)
            && let Some(c) = self.columns.iter_mut().find(|c| c.role == Role::Measure)
        {
            c.role = Role::Task;
        }
    }
}

/// The header's words without spaces, line breaks, colons and a bracketed note.
fn bare(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in h.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth -= 1,
            c if depth <= 0 && !c.is_whitespace() && !matches!(c, ':' | '：' | '*' | '★') => out.push(c),
            _ => {}
        }
    }
    out
}

/// The role a header's wording gives its column, if it is one a header would say.
pub fn role_of(header: &str) -> Option<Role> {
    let h = bare(header);
    if h.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    let is = |words: &[&str]| words.contains(&h.as_str());
    let role = if is(&["序号", "编号", "序", "项次", "序列"]) {
        Role::Number
    } else if has(&["任务编号", "系统编号", "导入编号", "任务代码"]) {
        Role::Key
    } else if has(&["牵头单位", "牵头部门", "主办单位", "主责单位", "牵头责任单位"]) || is(&["牵头"])
    {
        Role::Lead
    } else if has(&["配合单位", "配合部门", "协办单位", "参与单位", "协同单位", "协助单位"]) || is(&["配合"])
    {
        Role::Co
    } else if has(&["责任单位", "责任部门", "承办单位", "责任主体", "落实单位"]) {
        Role::Responsible
    } else if has(&["领导", "包联"]) {
        Role::Leader
    } else if has(&[
        "时限",
        "完成时间",
        "时间节点",
        "完成期限",
        "进度安排",
        "时间要求",
        "截止时间",
    ]) {
        Role::Deadline
    } else if has(&["措施", "举措", "具体工作", "工作步骤", "推进计划"]) {
        Role::Measure
    } else if is(&["工作要求", "任务要求", "具体要求", "任务描述", "工作内容及要求"]) {
        Role::Description
    } else if has(&["目标", "要求", "标准", "成果", "完成标志"]) && !has(&["任务"]) {
        Role::Target
    } else if has(&["任务", "事项", "工作内容", "主要内容", "重点工作"]) {
        Role::Task
    } else if is(&[
        "类别",
        "领域",
        "板块",
        "分类",
        "方面",
        "类型",
        "重点领域",
        "工作类别",
        "专项",
    ]) {
        Role::Section
    } else if has(&["备注", "说明"]) {
        Role::Note
    } else {
        return None;
    };
    Some(role)
}

/// How many rows from the top are searched for the header.
const SEARCH: usize = 30;

/// The text a header cell shows: a cell covered by a merge from the left shows the merge's.
fn header_cells(grid: &Grid, row: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in 0..grid.width() {
        let cell = grid.rows.get(row).and_then(|r| r.get(c));
        let text = match cell {
            Some(x) if x.merged && x.across && x.text.is_empty() => out.last().cloned().unwrap_or_default(),
            Some(x) => x.text.clone(),
            None => String::new(),
        };
        out.push(text);
    }
    out
}

/// A header found by [`find_by`]: its first row, the first row below it, each column's header
/// (both lines of a two-line header joined by `/`) and role, and the rows above it.
pub struct Found<R> {
    /// The header's first row.
    pub first: usize,
    /// The row after the header.
    pub body: usize,
    /// Each column: header and role (`None`: no role found).
    pub columns: Vec<(String, Option<R>)>,
    /// The rows above the header, each as its cells joined.
    pub above: Vec<String>,
}

/// The first row (of the first thirty) whose roles by `role_of` pass `accept`, with a second
/// header row under it read as part of it (责任单位 over 牵头 | 配合): a row whose every cell is
/// empty, merged or a header's word. Shared by the task table and the project ledger.
pub fn find_by<R: Copy>(
    grid: &Grid,
    role_of: impl Fn(&str) -> Option<R>,
    accept: impl Fn(&[Option<R>]) -> bool,
) -> Option<Found<R>> {
    for r in 0..grid.rows.len().min(SEARCH) {
        let top = header_cells(grid, r);
        let roles: Vec<Option<R>> = top.iter().map(|h| role_of(h)).collect();
        if !accept(&roles) {
            continue;
        }
        let below = r + 1;
        let second = grid.rows.get(below).is_some_and(|row| {
            let named = row
                .iter()
                .filter(|c| !c.text.is_empty() && role_of(&c.text).is_some())
                .count();
            named > 0
                && row
                    .iter()
                    .all(|c| c.text.is_empty() || c.merged || role_of(&c.text).is_some())
        });
        let columns = (0..top.len())
            .map(|i| {
                let low = if second { grid.text(below, i) } else { "" };
                let low_merged = second && grid.rows[below].get(i).is_some_and(|c| c.merged);
                match role_of(low) {
                    Some(role) if !low_merged => (
                        format!("{}/{low}", top[i]).trim_start_matches('/').to_string(),
                        Some(role),
                    ),
                    _ => (top[i].clone(), roles[i]),
                }
            })
            .collect();
        let above = (0..r)
            .filter_map(|i| {
                let words: Vec<&str> = grid.rows[i]
                    .iter()
                    .filter(|c| !c.merged && !c.text.is_empty())
                    .map(|c| c.text.as_str())
                    .collect();
                (!words.is_empty()).then(|| words.join("  "))
            })
            .collect();
        return Some(Found {
            first: r,
            body: if second { below + 1 } else { below },
            columns,
            above,
        });
    }
    None
}

/// The header of a task table: the first row with a task column and an owner or deadline
/// column (see [`find_by`]). `None` when no row looks like one.
pub fn find(grid: &Grid) -> Option<Mapping> {
    let f = find_by(grid, role_of, |roles| {
        let task = roles.iter().any(|x| matches!(x, Some(Role::Task | Role::Measure)));
        let owner = roles
            .iter()
            .any(|x| matches!(x, Some(Role::Lead | Role::Responsible | Role::Co | Role::Deadline)));
        task && owner
    })?;
    let mut m = Mapping {
        first: f.first,
        body: f.body,
        columns: f
            .columns
            .into_iter()
            .enumerate()
            .map(|(index, (header, role))| Column {
                index,
                header,
                role: role.unwrap_or(Role::Other),
            })
            .collect(),
        above: f.above,
    };
    m.settle();
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;

    #[test]
    fn headers_in_any_wording_get_their_roles() {
        let r = |h| role_of(h);
        assert_eq!(r("序号"), Some(Role::Number));
        assert_eq!(r("重点任务"), Some(Role::Task));
        assert_eq!(r("工作任务及目标"), Some(Role::Task));
        assert_eq!(r("具体措施"), Some(Role::Measure));
        assert_eq!(r("工作目标"), Some(Role::Target));
        assert_eq!(r("工作要求"), Some(Role::Description));
        assert_eq!(r("牵头单位"), Some(Role::Lead));
        assert_eq!(r("责任单位（列第一位的为牵头单位）"), Some(Role::Responsible));
        assert_eq!(r("配合单位"), Some(Role::Co));
        assert_eq!(r("责任领导"), Some(Role::Leader));
        assert_eq!(r("完成\n时限"), Some(Role::Deadline));
        assert_eq!(r("时间节点"), Some(Role::Deadline));
        assert_eq!(r("备注"), Some(Role::Note));
        assert_eq!(r("任务编号"), Some(Role::Key));
        assert_eq!(r("类别"), Some(Role::Section));
        assert_eq!(r("联系电话"), None);
    }

    fn cell(t: &str, merged: bool) -> Cell {
        Cell {
            text: t.into(),
            merged,
            across: merged,
        }
    }

    #[test]
    fn a_header_split_over_two_rows_is_read_as_one() {
        let grid = Grid {
            rows: vec![
                vec![
                    cell("2020年重点工作任务分解表", false),
                    cell("", true),
                    cell("", true),
                    cell("", true),
                    cell("", true),
                ],
                vec![cell("填报单位：市政府督查室", false)],
                vec![
                    cell("序号", false),
                    cell("重点任务", false),
                    cell("责任单位", false),
                    cell("", true),
                    cell("完成时限", false),
                ],
                vec![
                    cell("", true),
                    cell("", true),
                    cell("牵头单位", false),
                    cell("配合单位", false),
                    cell("", true),
                ],
                vec![
                    cell("1", false),
                    cell("建设智慧城市", false),
                    cell("市大数据局", false),
                    cell("", false),
                    cell("年底前", false),
                ],
            ],
        };
        let m = find(&grid).unwrap();
        assert_eq!(m.first, 2);
        assert_eq!(m.body, 4);
        let roles: Vec<Role> = m.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::Number, Role::Task, Role::Lead, Role::Co, Role::Deadline]);
        assert_eq!(m.columns[3].header, "责任单位/配合单位");
        assert_eq!(m.above, ["2020年重点工作任务分解表", "填报单位：市政府督查室"]);
    }

    #[test]
    fn a_measure_column_alone_is_the_task_and_roles_can_be_corrected() {
        let grid = Grid::of(vec![
            vec!["序号".into(), "具体措施".into(), "责任单位".into(), "联系人".into()],
            vec!["1".into(), "疏浚管网".into(), "市住建局".into(), "张三".into()],
        ]);
        let m = find(&grid).unwrap();
        assert_eq!(m.columns[1].role, Role::Task);
        assert_eq!(m.columns[3].role, Role::Other);
        let m = m.with(&[(3, Role::Note), (9, Role::Lead)]);
        assert_eq!(m.columns[3].role, Role::Note);
        assert!(find(&Grid::of(vec![vec!["姓名".into(), "单位".into()]])).is_none());
    }
}
