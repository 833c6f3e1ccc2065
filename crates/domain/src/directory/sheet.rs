//! The directory's template sheet: three tables (单位, 领导, 用户), their columns in order, and
//! reading a table's rows as people fill them in — the header found by its words, empty rows
//! skipped, every problem placed by sheet, row and column.

use std::collections::HashMap;

use crate::{Lang, codes::Code};

/// One table of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    /// 单位.
    Units,
    /// 领导.
    Leaders,
    /// 用户.
    Users,
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its key (also the form field's name).
    pub key: &'static str,
    /// Its header in Chinese (the template's words).
    pub zh: &'static str,
    /// Its header in English (also accepted on import).
    pub en: &'static str,
    /// Whether a row must fill it.
    pub required: bool,
    /// How to fill it, in Chinese (the template's notes sheet).
    pub note: &'static str,
}

const fn col(key: &'static str, zh: &'static str, en: &'static str, required: bool, note: &'static str) -> Column {
    Column {
        key,
        zh,
        en,
        required,
        note,
    }
}

const ID_NOTE: &str = "系统编号。导出时填好；新增的行留空。修改已有记录时保留编号，即可改名";

const UNITS: &[Column] = &[
    col("id", "编号", "Id", false, ID_NOTE),
    col(
        "name",
        "单位全称",
        "Full name",
        true,
        "如：晋城市发展和改革委员会。不超过60字，本地区内不重复",
    ),
    col(
        "short_name",
        "简称",
        "Short name",
        false,
        "如：市发改委。不超过20字；留空则与全称相同",
    ),
    col(
        "category",
        "类别",
        "Category",
        true,
        "市直部门、县（市、区）、开发区、政府办公室、其他（考核按类别排名）",
    ),
    col(
        "sort",
        "排序",
        "Order",
        false,
        "0到99999的整数，小的在前；留空则排在最后",
    ),
    col(
        "status",
        "状态",
        "Status",
        false,
        "在用或停用；留空为在用。停用单位的用户同时停用",
    ),
    col(
        "former_names",
        "曾用名",
        "Former names",
        false,
        "导出时列出，导入时不读取",
    ),
];

const LEADERS: &[Column] = &[
    col("id", "编号", "Id", false, ID_NOTE),
    col("name", "姓名", "Name", true, "不超过30字"),
    col("title", "职务", "Title", true, "如：市长、副市长、秘书长"),
    col("portfolio", "分管领域", "Portfolio", false, "如：发展改革、财政、统计"),
    col(
        "units",
        "分管单位",
        "Units overseen",
        false,
        "单位全称或简称，多个用顿号“、”分隔；须是单位表或系统中在用的单位",
    ),
    col("sort", "排序", "Order", false, "0到99999的整数，小的在前（市长在最前）"),
    col("status", "状态", "Status", false, "在用或停用；留空为在用"),
];

const USERS: &[Column] = &[
    col("id", "编号", "Id", false, ID_NOTE),
    col(
        "username",
        "登录名",
        "Login name",
        true,
        "2到32位小写字母、数字、下划线、点或连字符，如 fgw_zhang；本地区内不重复",
    ),
    col("display_name", "姓名", "Name", true, "不超过30字"),
    col(
        "role",
        "角色",
        "Role",
        true,
        "督查室、领导、单位联络员（三员账号用命令行管理）",
    ),
    col(
        "unit",
        "所属单位",
        "Unit",
        false,
        "单位联络员必填（全称或简称）；督查室可填",
    ),
    col(
        "leader",
        "对应领导",
        "Leader",
        false,
        "领导账号必填：领导表或系统中的领导姓名",
    ),
    col("email", "电子邮箱", "E-mail", false, "接收通知用，可留空"),
    col(
        "status",
        "状态",
        "Status",
        false,
        "在用或停用；留空为在用。新账号的初始密码导入后显示一次",
    ),
];

impl SheetKind {
    /// The tables, in the order they are read (a leader names units, a user both).
    pub const ALL: [SheetKind; 3] = [SheetKind::Units, SheetKind::Leaders, SheetKind::Users];

    /// The table's title: the sheet's name in the template.
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            SheetKind::Units => ("单位", "Units"),
            SheetKind::Leaders => ("领导", "Leaders"),
            SheetKind::Users => ("用户", "Users"),
        }
    }

    /// A short code for addresses and the API: `units`, `leaders`, `users`.
    pub fn code(self) -> &'static str {
        match self {
            SheetKind::Units => "units",
            SheetKind::Leaders => "leaders",
            SheetKind::Users => "users",
        }
    }

    /// Parses [`SheetKind::code`].
    pub fn parse(code: &str) -> Option<SheetKind> {
        SheetKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its columns, in the template's order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            SheetKind::Units => UNITS,
            SheetKind::Leaders => LEADERS,
            SheetKind::Users => USERS,
        }
    }

    /// The table a sheet of this name holds (its Chinese or English title, as a workbook's
    /// sheet name or a file's name begins).
    pub fn by_title(name: &str) -> Option<SheetKind> {
        let n = name.trim().to_lowercase();
        SheetKind::ALL.into_iter().find(|k| {
            let (zh, en) = k.title();
            n.starts_with(zh) || n.starts_with(&en.to_lowercase()) || n.starts_with(k.code())
        })
    }

    /// The table whose required columns all appear in this header row (a CSV file holds one
    /// table and says which by its header).
    pub fn by_header(cells: &[String]) -> Option<SheetKind> {
        // Users first: a users' header has a 姓名 too, but no 职务.
        [SheetKind::Users, SheetKind::Leaders, SheetKind::Units]
            .into_iter()
            .find(|k| {
                k.columns()
                    .iter()
                    .filter(|c| c.required)
                    .all(|c| cells.iter().any(|h| header_is(h, c)))
            })
    }

    /// The template's header row in Chinese.
    pub fn header(self) -> Vec<String> {
        self.columns().iter().map(|c| c.zh.to_string()).collect()
    }
}

/// Whether a header cell names column `c` (its words in either language, with a trailing `*`
/// or `（必填）` and spaces ignored).
fn header_is(cell: &str, c: &Column) -> bool {
    let h: String = cell
        .replace("（必填）", "")
        .replace("(必填)", "")
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '*' && *ch != '\u{FEFF}')
        .collect();
    h == c.zh || h.eq_ignore_ascii_case(&c.en.replace(' ', "")) || h.eq_ignore_ascii_case(c.key)
}

/// A problem in the file, placed by table, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The table (`None` for the file as a whole).
    pub sheet: Option<SheetKind>,
    /// The sheet's row, counting from 1 as a spreadsheet does (0: the whole table).
    pub row: usize,
    /// The column's key (`None`: the whole row).
    pub key: Option<&'static str>,
    /// The column's place in the file, counting from 0, when the file has it.
    pub col: Option<usize>,
    /// Its registered code.
    pub code: Code,
    zh: String,
    en: String,
}

impl Problem {
    /// A problem at this place.
    pub fn new(
        sheet: Option<SheetKind>,
        row: usize,
        key: Option<&'static str>,
        col: Option<usize>,
        code: Code,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Problem {
        Problem {
            sheet,
            row,
            key,
            col,
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Where it is, in words: `用户表第5行C列（所属单位）` / `Users, row 5, column C (Unit)`.
    pub fn place(&self, lang: Lang) -> String {
        let Some(sheet) = self.sheet else {
            return lang.pick("文件", "The file").to_string();
        };
        let (zh, en) = sheet.title();
        let name = self
            .key
            .and_then(|k| sheet.columns().iter().find(|c| c.key == k))
            .map(|c| (c.zh, c.en));
        let letter = self.col.map(column_letter);
        match lang {
            Lang::Zh => {
                let mut s = format!("{zh}表");
                if self.row > 0 {
                    s.push_str(&format!("第{}行", self.row));
                }
                if let Some(letter) = &letter {
                    s.push_str(&format!("{letter}列"));
                }
                if let Some((zh, _)) = name {
                    s.push_str(&format!("（{zh}）"));
                }
                s
            }
            Lang::En => {
                let mut s = en.to_string();
                if self.row > 0 {
                    s.push_str(&format!(", row {}", self.row));
                }
                if let Some(letter) = &letter {
                    s.push_str(&format!(", column {letter}"));
                }
                if let Some((_, en)) = name {
                    s.push_str(&format!(" ({en})"));
                }
                s
            }
        }
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// A column's letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One filled row of a table: its cells by column key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The sheet's row, counting from 1.
    pub line: usize,
    cells: HashMap<&'static str, String>,
}

impl Row {
    /// The cell of column `key`, trimmed ("" when the table has no such column).
    pub fn get(&self, key: &str) -> &str {
        self.cells.get(key).map(|s| s.trim()).unwrap_or("")
    }
}

/// A table read from a sheet: where each of its columns is, and its filled rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Which table.
    pub kind: SheetKind,
    /// The filled rows, in order.
    pub rows: Vec<Row>,
    /// Where each column the file has is, by key.
    at: Vec<(usize, &'static str)>,
}

impl Table {
    /// Where column `key` is in the file, counting from 0.
    pub fn col(&self, key: &str) -> Option<usize> {
        self.at.iter().find(|(_, k)| *k == key).map(|(i, _)| *i)
    }

    /// A problem in cell (`row`, `key`): placed where the file has that column.
    pub fn problem(&self, row: &Row, key: &str, code: Code, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        let key = self.kind.columns().iter().find(|c| c.key == key).map(|c| c.key);
        Problem::new(
            Some(self.kind),
            row.line,
            key,
            key.and_then(|k| self.col(k)),
            code,
            zh,
            en,
        )
    }
}

/// The most rows a table may have: a region's directory is hundreds of rows, not a million.
pub const MAX_ROWS: usize = 10_000;

/// Reads table `kind` from a sheet's cells: the header is the first row with any text; a column
/// the template does not know is ignored; a required column that is missing is a problem.
pub fn read_table(kind: SheetKind, cells: &[Vec<String>]) -> Result<Table, Vec<Problem>> {
    let Some(header_at) = cells.iter().position(|r| r.iter().any(|c| !c.trim().is_empty())) else {
        return Ok(Table {
            kind,
            rows: Vec::new(),
            at: Vec::new(),
        });
    };
    let header = &cells[header_at];
    let mut at: Vec<(usize, &'static str)> = Vec::new();
    let mut problems = Vec::new();
    for c in kind.columns() {
        match header.iter().position(|h| header_is(h, c)) {
            Some(i) => at.push((i, c.key)),
            None if c.required => problems.push(Problem::new(
                Some(kind),
                header_at + 1,
                Some(c.key),
                None,
                crate::codes::IMPORT_COLUMN_MISSING,
                format!("缺少“{}”列（表头应与模板一致）", c.zh),
                format!("The column “{}” is missing (the header must match the template)", c.en),
            )),
            None => {}
        }
    }
    let filled: Vec<(usize, &Vec<String>)> = cells
        .iter()
        .enumerate()
        .skip(header_at + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if filled.len() > MAX_ROWS {
        problems.push(Problem::new(
            Some(kind),
            0,
            None,
            None,
            crate::codes::IMPORT_TOO_MANY_ROWS,
            format!("一张表最多{MAX_ROWS}行"),
            format!("A table has at most {MAX_ROWS} rows"),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let rows = filled
        .into_iter()
        .map(|(i, r)| Row {
            line: i + 1,
            cells: at
                .iter()
                .map(|(c, key)| (*key, r.get(*c).cloned().unwrap_or_default()))
                .collect(),
        })
        .collect();
    Ok(Table { kind, rows, at })
}

/// The words a row's status may be in: active (在用) or not (停用), with "" meaning active.
pub fn parse_status(words: &str) -> Option<bool> {
    match words.trim().to_lowercase().as_str() {
        "" | "在用" | "启用" | "正常" | "active" | "yes" | "是" => Some(true),
        "停用" | "禁用" | "inactive" | "disabled" | "no" | "否" => Some(false),
        _ => None,
    }
}

/// A status in the template's words.
pub fn status_words(active: bool) -> &'static str {
    if active { "在用" } else { "停用" }
}

/// Splits a cell that lists names (顿号, commas, semicolons, slashes or line breaks between
/// them).
pub fn split_names(cell: &str) -> Vec<String> {
    cell.split(['、', ',', '，', ';', '；', '/', '／', '\n', '\r'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
