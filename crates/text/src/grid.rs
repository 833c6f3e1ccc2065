//! A table as rows of cells, whatever it came in (issue 18): text pasted from Excel (cells
//! separated by tabs; a cell with line breaks in quotes, as Excel copies it), or from a text
//! or Markdown table (`| 序号 | 重点任务 | 牵头单位 |`, its `|---|` rule skipped). The containers
//! that keep merged cells (.xlsx, .docx) mark the cells a merge covers, so the reader can tell
//! a merged cell from an empty one. Bounded: at most [`MAX_ROWS`] rows and [`MAX_CELL`]
//! characters a cell are read.

/// The most rows read from one table.
pub const MAX_ROWS: usize = 100_000;
/// The most characters kept of one cell.
pub const MAX_CELL: usize = 10_000;

/// One cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Its text, trimmed.
    pub text: String,
    /// Covered by a merge that starts above or to the left (its text is the merge's).
    pub merged: bool,
    /// Covered by a merge from the left, in the merge's own row (a title or section row across
    /// the table, a header over two columns) rather than from above (a unit cell over rows).
    pub across: bool,
}

impl Cell {
    /// A cell holding `text`.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            merged: false,
            across: false,
        }
    }

    /// A cell covered by a merge from the left (a title or section row across the table).
    pub fn across() -> Cell {
        Cell {
            text: String::new(),
            merged: true,
            across: true,
        }
    }

    /// A cell covered by a merge from above (a unit cell over several rows).
    pub fn below() -> Cell {
        Cell {
            text: String::new(),
            merged: true,
            across: false,
        }
    }
}

/// A table: rows of cells, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// A grid of plain cells.
    pub fn of(rows: Vec<Vec<String>>) -> Grid {
        Grid {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(|text| Cell::text(bounded(text.trim()))).collect())
                .collect(),
        }
    }

    /// The text of the cell at `row`, `col` (empty when the row is shorter).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map(|c| c.text.as_str())
            .unwrap_or("")
    }

    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

fn bounded(s: &str) -> String {
    s.chars().take(MAX_CELL).collect()
}

/// A pasted table: rows separated by tabs (two or more rows with a tab) or by `|` (two or more
/// rows that start and end with one); `None` when the text is not a table.
pub fn from_pasted(text: &str) -> Option<Grid> {
    let tabbed = text.lines().filter(|l| l.contains('\t')).count();
    let piped = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            t.starts_with('|') && t.ends_with('|') && t.len() > 1
        })
        .count();
    if tabbed >= 2 {
        Some(Grid::of(tab_rows(text)))
    } else if piped >= 2 {
        Some(Grid::of(pipe_rows(text)))
    } else {
        None
    }
}

/// Rows of tab-separated cells; a cell in double quotes may hold tabs, line breaks and `""`
/// for a quote, as spreadsheets copy a cell with line breaks.
fn tab_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if rows.len() >= MAX_ROWS {
            break;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            }
            '\t' if !quoted => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                if row.iter().any(|c| !c.trim().is_empty()) {
                    rows.push(std::mem::take(&mut row));
                } else {
                    row.clear();
                }
                at_start = true;
            }
            c => {
                if cell.chars().count() < MAX_CELL {
                    cell.push(c);
                }
                at_start = false;
            }
        }
    }
    row.push(cell);
    if row.iter().any(|c| !c.trim().is_empty()) && rows.len() < MAX_ROWS {
        rows.push(row);
    }
    rows
}

/// Rows of a `|` table; rule rows (`|---|:--:|`) and lines outside the table are skipped.
fn pipe_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|') && l.ends_with('|') && l.len() > 1)
        .filter(|l| !l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '—')))
        .take(MAX_ROWS)
        .map(|l| l[1..l.len() - 1].split('|').map(|c| c.trim().to_string()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_pasted_from_a_spreadsheet_keep_their_line_breaks() {
        let text = "序号\t重点任务\t牵头单位\t完成时限\n1\t\"开展安全生产\n专项整治\"\t市应急局\t2020.10\n\t\t\t\n2\t疏浚排水管网\t\"市住建局、\n开发区\"\t9月底前\n";
        let g = from_pasted(text).unwrap();
        assert_eq!(g.rows.len(), 3, "the empty row is dropped: {g:?}");
        assert_eq!(g.text(1, 1), "开展安全生产\n专项整治");
        assert_eq!(g.text(2, 2), "市住建局、\n开发区");
        assert_eq!(g.text(2, 3), "9月底前");
        assert_eq!(g.width(), 4);
    }

    #[test]
    fn a_pipe_table_skips_its_rule_and_the_text_around_it() {
        let text = "附件：任务分解表\n| 序号 | 工作任务 | 责任单位 |\n|---|:---|---|\n| 1 | 建设智慧城市平台 | 市大数据局 |\n| 2 | 完善应急预案 | 市应急局 |\n以上任务请抓好落实。";
        let g = from_pasted(text).unwrap();
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.text(0, 1), "工作任务");
        assert_eq!(g.text(2, 2), "市应急局");
    }

    #[test]
    fn prose_is_not_a_table_and_short_rows_read_as_empty() {
        assert_eq!(from_pasted("会议要求，各单位抓好落实。\n一、加强领导。"), None);
        let g = from_pasted("a\tb\tc\nd\n").map(|g| g.text(1, 2).to_string());
        assert_eq!(g.as_deref(), None, "one tabbed line is not a table");
        let g = from_pasted("a\tb\tc\nd\te\n").unwrap();
        assert_eq!(g.text(1, 2), "");
    }

    #[test]
    fn a_huge_cell_is_cut_and_rows_are_bounded() {
        let big = "字".repeat(MAX_CELL + 50);
        let g = from_pasted(&format!("a\t{big}\nb\tc\n")).unwrap();
        assert_eq!(g.text(0, 1).chars().count(), MAX_CELL);
    }
}
