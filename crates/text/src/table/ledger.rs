//! The project ledger (项目台账) as a table (issue 18, item 5): its header found by the same
//! machinery as a task table's, its columns given ledger roles by their usual wording
//! (项目编号, 项目名称, 建设性质, 建设内容及规模, 总投资, 年度计划投资, 本月完成投资, 累计完成投资,
//! 计划开工, 计划竣工, 包联领导, 责任单位, 服务单位, 项目类型, 建设阶段, 本月进展, 存在问题), and
//! each project row read as its cells by role. Section rows (一、省级重点项目), footnotes and
//! signatures are set aside; a merged cell carries the one above.

use serde::{Deserialize, Serialize};

use super::{cells, header::find_by};
use crate::grid::Grid;

/// What a ledger column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerRole {
    /// 项目编号 (`P12` as Luoshi exports it).
    Key,
    /// 项目名称.
    Name,
    /// 项目级别 (省级/市级/县级).
    Level,
    /// 建设性质.
    Nature,
    /// 建设内容及规模.
    Content,
    /// 总投资.
    Total,
    /// 年度计划投资.
    AnnualPlan,
    /// 本月完成投资.
    MonthInvested,
    /// 累计完成投资 (this year's).
    Cumulative,
    /// 计划开工.
    PlannedStart,
    /// 计划竣工.
    PlannedFinish,
    /// 实际开工.
    ActualStart,
    /// 实际竣工.
    ActualFinish,
    /// 包联领导.
    Liaison,
    /// 责任单位.
    Unit,
    /// 服务单位.
    ServiceUnit,
    /// 项目类型.
    Category,
    /// 建设阶段.
    Stage,
    /// 本月进展 / 形象进度.
    Progress,
    /// 存在问题.
    Problems,
    /// 下步计划.
    NextSteps,
    /// Not read (序号, 备注…).
    Other,
}

/// The role a ledger header's wording gives its column.
pub fn ledger_role_of(header: &str) -> Option<LedgerRole> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*'))
        .collect();
    let h = h.split(['（', '(']).next().unwrap_or("").to_string();
    if h.is_empty() {
        return None;
    }
    let has = |w: &[&str]| w.iter().any(|x| h.contains(x));
    use LedgerRole::*;
    Some(if has(&["项目编号", "项目代码", "项目编码"]) {
        Key
    } else if has(&["项目名称"]) || h == "名称" {
        Name
    } else if has(&["级别", "层级"]) {
        Level
    } else if has(&["建设性质", "性质"]) {
        Nature
    } else if has(&["建设内容", "建设规模"]) {
        Content
    } else if has(&["本月完成", "当月完成", "本月投资"]) {
        MonthInvested
    } else if has(&["开工以来", "自开工", "历年累计", "至今累计"]) {
        // Since the start, not this year's: not read.
        Other
    } else if has(&["累计完成", "年度累计", "累计投资", "今年完成"]) {
        Cumulative
    } else if has(&["年度计划", "年计划", "本年计划"]) {
        AnnualPlan
    } else if has(&["总投资"]) {
        Total
    } else if has(&["实际开工"]) {
        ActualStart
    } else if has(&["实际竣工", "实际完工"]) {
        ActualFinish
    } else if has(&["计划开工", "开工时间"]) {
        PlannedStart
    } else if has(&["计划竣工", "竣工时间", "计划完工"]) {
        PlannedFinish
    } else if has(&["包联", "领导"]) {
        Liaison
    } else if has(&["服务单位"]) {
        ServiceUnit
    } else if has(&["责任单位", "责任部门", "业主单位", "项目单位"]) {
        Unit
    } else if has(&["项目类型", "类别", "类型", "产业"]) {
        Category
    } else if has(&["建设阶段", "项目阶段", "阶段", "进度阶段"]) {
        Stage
    } else if has(&["进展", "形象进度"]) {
        Progress
    } else if has(&["问题", "困难"]) {
        Problems
    } else if has(&["下步", "下一步"]) {
        NextSteps
    } else if has(&["序号", "备注"]) {
        Other
    } else {
        return None;
    })
}

/// A project row: the sheet row (from 1) and its cells by role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// The row, counted from 1 as the spreadsheet shows it.
    pub row: usize,
    /// The section row above it (一、省级重点项目), empty when none.
    pub section: String,
    /// Each role's cell, in column order (a merged cell has the one above's words).
    pub cells: Vec<(LedgerRole, usize, String)>,
}

impl LedgerRow {
    /// The cell of `role`, trimmed (empty when the sheet has no such column).
    pub fn get(&self, role: LedgerRole) -> &str {
        self.cells
            .iter()
            .find(|(r, _, _)| *r == role)
            .map(|(_, _, v)| v.trim())
            .unwrap_or("")
    }

    /// The column of `role`, 0 for A.
    pub fn column(&self, role: LedgerRole) -> Option<usize> {
        self.cells.iter().find(|(r, _, _)| *r == role).map(|(_, c, _)| *c)
    }
}

/// A ledger read: its header row (from 1), its columns and their roles, and its project rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// The header's row, counted from 1.
    pub header_row: usize,
    /// Each column's header and role.
    pub columns: Vec<(String, LedgerRole)>,
    /// The rows above the header.
    pub above: Vec<String>,
    /// The project rows.
    pub rows: Vec<LedgerRow>,
    /// Footnotes, signatures and section rows set aside.
    pub notes: Vec<String>,
}

/// Reads `grid` as a project ledger: `None` when no row has a 项目名称 column and a money or
/// unit column.
pub fn read_ledger(grid: &Grid) -> Option<Ledger> {
    let f = find_by(grid, ledger_role_of, |roles| {
        roles.contains(&Some(LedgerRole::Name))
            && roles.iter().any(|r| {
                matches!(
                    r,
                    Some(LedgerRole::Total | LedgerRole::MonthInvested | LedgerRole::Unit | LedgerRole::AnnualPlan)
                )
            })
    })?;
    let columns: Vec<(String, LedgerRole)> = f
        .columns
        .into_iter()
        .map(|(h, r)| (h, r.unwrap_or(LedgerRole::Other)))
        .collect();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut above: Vec<String> = vec![String::new(); columns.len()];
    let mut section = String::new();
    for r in f.body..grid.rows.len() {
        let row = &grid.rows[r];
        let filled: Vec<&str> = row
            .iter()
            .filter(|c| !c.merged && !c.text.trim().is_empty())
            .map(|c| c.text.trim())
            .collect();
        let Some(first) = filled.first() else { continue };
        if cells::is_foot(first) {
            notes.push(filled.join("  "));
            continue;
        }
        let mut these = Vec::new();
        for (c, (_, role)) in columns.iter().enumerate() {
            if *role == LedgerRole::Other {
                continue;
            }
            let cell = row.get(c);
            let text = match cell {
                Some(x) if x.merged && !x.across && x.text.is_empty() => above[c].clone(),
                Some(x) => x.text.trim().to_string(),
                None => String::new(),
            };
            above[c] = text.clone();
            these.push((*role, c, text));
        }
        let name = these
            .iter()
            .find(|(r, _, _)| *r == LedgerRole::Name)
            .map(|(_, _, v)| v.as_str())
            .unwrap_or("");
        // A row of one cell, or without a name, is a section or a sum: set aside. A section
        // may carry its subtotals (二、市级重点项目 merged over the name columns, sums beside).
        let bare: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if filled.len() == 1 || name.is_empty() || ["合计", "小计", "总计", "共计"].iter().any(|w| bare.starts_with(w))
        {
            if filled.len() == 1 || is_section(filled[0]) {
                section = filled[0].to_string();
            }
            notes.push(filled.join("  "));
            continue;
        }
        rows.push(LedgerRow {
            row: r + 1,
            section: section.clone(),
            cells: these,
        });
    }
    Some(Ledger {
        header_row: f.first + 1,
        columns,
        above: f.above,
        rows,
        notes,
    })
}

/// Whether a cell heads a section: 一、省级重点项目, （二）市级项目.
fn is_section(cell: &str) -> bool {
    let t = cell.trim().trim_start_matches(['（', '(']);
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numeral > 0
        && t.chars()
            .nth(numeral)
            .is_some_and(|c| matches!(c, '、' | '）' | ')' | '.' | '．'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;

    fn c(t: &str) -> Cell {
        Cell::text(t)
    }

    fn m() -> Cell {
        Cell::across()
    }

    fn v() -> Cell {
        Cell::below()
    }

    #[test]
    fn a_ledger_reads_its_projects_by_their_columns() {
        let g = Grid {
            rows: vec![
                vec![c("2020年重点项目台账（5月）"), m(), m(), m(), m(), m(), m()],
                vec![
                    c("序号"),
                    c("项目编号"),
                    c("项目名称"),
                    c("总投资（万元）"),
                    c("本月完成投资（万元）"),
                    c("责任单位"),
                    c("本月进展"),
                ],
                vec![c("一、省级重点项目"), m(), m(), m(), m(), m(), m()],
                vec![
                    c("1"),
                    c("P12"),
                    c("光机电产业园"),
                    c("140160"),
                    c("2300.5"),
                    c("市工信局"),
                    c("主体完工"),
                ],
                vec![c("2"), c(""), c("智慧物流园"), c("52000"), c(""), v(), c("")],
                vec![c("二、市级重点项目"), m(), m(), c("1000"), c(""), c(""), c("")],
                vec![c("3"), c(""), c("城区道路"), c("1000"), c(""), c("市住建局"), c("")],
                vec![c("总 计"), c(""), c(""), c("192160"), c("2300.5"), c(""), c("")],
                vec![c("填表人：张三")],
            ],
        };
        let l = read_ledger(&g).unwrap();
        assert_eq!(l.header_row, 2);
        let roles: Vec<LedgerRole> = l.columns.iter().map(|(_, r)| *r).collect();
        use LedgerRole::*;
        assert_eq!(roles, [Other, Key, Name, Total, MonthInvested, Unit, Progress]);
        assert_eq!(l.rows.len(), 3, "{:?}", l.rows);
        assert_eq!(
            l.rows[2].section, "二、市级重点项目",
            "a section with its subtotals beside"
        );
        assert_eq!(l.rows[0].get(Key), "P12");
        assert_eq!(l.rows[0].get(MonthInvested), "2300.5");
        assert_eq!(l.rows[0].row, 4);
        assert_eq!(l.rows[1].section, "一、省级重点项目");
        assert_eq!(
            l.rows[1].get(Unit),
            "市工信局",
            "a merged unit cell covers the row below"
        );
        assert_eq!(l.rows[1].column(Total), Some(3));
        assert_eq!(
            l.notes.len(),
            4,
            "the sections, the sum and the signature: {:?}",
            l.notes
        );
    }

    #[test]
    fn the_usual_ledger_headers_get_their_roles() {
        use LedgerRole::*;
        for (h, want) in [
            ("项目编号", Key),
            ("项目名称", Name),
            ("建设性质", Nature),
            ("建设内容及规模", Content),
            ("总投资（万元）", Total),
            ("年度计划投资（万元）", AnnualPlan),
            ("本月完成投资（万元）", MonthInvested),
            ("累计完成投资（万元）", Cumulative),
            ("计划开工", PlannedStart),
            ("计划竣工", PlannedFinish),
            ("实际开工时间", ActualStart),
            ("实际竣工", ActualFinish),
            ("项目级别", Level),
            ("开工以来累计完成投资", Other),
            ("包联领导", Liaison),
            ("责任单位", Unit),
            ("服务单位", ServiceUnit),
            ("项目类型", Category),
            ("建设阶段", Stage),
            ("本月进展", Progress),
            ("存在问题", Problems),
        ] {
            assert_eq!(ledger_role_of(h), Some(want), "{h}");
        }
        assert!(read_ledger(&Grid::of(vec![vec!["姓名".into(), "电话".into()]])).is_none());
    }
}
