//! Tasks from a table file (issue 18): the tables of a workbook, a Word document or a CSV file
//! read on a blocking thread, the sheet with a task header chosen (or the one asked for), its
//! column mapping shown for confirmation and correctable, and its rows proposed as the rows of
//! a text are — each with the sheet row it came from, its key, and the task of the target plan
//! it will update when the key was imported before.

use luoshi_domain::{Lang, ValidationError, codes};
use luoshi_office::tables::{Found, TableError};
use luoshi_text::table::Role;
use serde::Serialize;
use utoipa::ToSchema;

use super::{Proposed, Row, propose_read};
use crate::{
    directory::Directory,
    error::{AppError, AppResult},
};

/// One column as the mapping shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ColumnView {
    /// Its index, 0 for column A.
    pub index: usize,
    /// Its letter as the spreadsheet shows it (A, B, … AA).
    pub letter: String,
    /// Its header as written.
    pub header: String,
    /// What it is read as: `number`, `section`, `task`, `measure`, `target`, `description`,
    /// `lead`, `co`, `responsible`, `leader`, `deadline`, `note`, `key` or `other`.
    pub role: String,
}

/// What a table gave beside its rows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TableView {
    /// The file's name.
    pub file_name: String,
    /// The sheet (or Word table) read.
    pub sheet: String,
    /// Every sheet of the file.
    pub sheets: Vec<String>,
    /// The header's row, counted from 1.
    pub header_row: usize,
    /// The columns and what each is read as.
    pub columns: Vec<ColumnView>,
    /// The rows above the header: the title, 填报单位.
    pub above: Vec<String>,
    /// Footnotes and signature rows below the table.
    pub notes: Vec<String>,
}

/// A column's letter: 0 → A, 25 → Z, 26 → AA.
pub fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(char::from(b'A' + (i % 26) as u8));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The role a column is read as, in the user's language.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    let (zh, en) = role.names();
    lang.pick(zh, en)
}

/// A table file that cannot be read, as a field problem of `file`.
pub fn file_error(e: &TableError) -> ValidationError {
    let code = match e {
        TableError::NotTable => codes::TABLE_NOT_TABLE,
        TableError::Encrypted => codes::TABLE_ENCRYPTED,
        TableError::OldWord => codes::TABLE_OLD_WORD,
        TableError::TooLarge => codes::TABLE_TOO_LARGE,
        TableError::TooManyRows(_) => codes::TABLE_TOO_MANY_ROWS,
        TableError::Damaged(_) => codes::TABLE_DAMAGED,
    };
    let sheet = match e {
        TableError::TooManyRows(s) => format!("（{s}）"),
        _ => String::new(),
    };
    ValidationError::new(
        "file",
        code,
        format!("{}{sheet}", code.zh),
        format!("{}{sheet}", code.en),
    )
}

fn no_header() -> ValidationError {
    ValidationError::new(
        "file",
        codes::TABLE_NO_HEADER,
        codes::TABLE_NO_HEADER.zh,
        codes::TABLE_NO_HEADER.en,
    )
}

pub use luoshi_office::tables::is_table_file;

/// What the user chose on the mapping form: the sheet and the roles they corrected.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// The sheet to read (default: the first with a task header).
    pub sheet: Option<String>,
    /// Columns given another role.
    pub roles: Vec<(usize, Role)>,
}

/// Reads the file's tables and proposes the rows of the chosen one; `keys` are the rows
/// imported into the target plan before (key, task).
pub fn propose_table(
    dir: &Directory,
    bytes: &[u8],
    file_name: &str,
    choice: &Choice,
    year: i32,
    keys: &[PlanKey],
) -> Result<Proposed, ValidationError> {
    let found = luoshi_office::tables::read_tables(bytes, file_name).map_err(|e| file_error(&e))?;
    let chosen: Option<&Found> = match &choice.sheet {
        Some(name) => found.iter().find(|f| &f.name == name),
        None => found
            .iter()
            .find(|f| luoshi_text::table::header::find(&f.grid).is_some()),
    };
    let f = chosen.ok_or_else(no_header)?;
    let x = luoshi_text::table::extract(&f.grid, year, &choice.roles).ok_or_else(no_header)?;
    let table = x.table.clone().ok_or_else(no_header)?;
    let mut proposed = propose_read(dir, x, "", year);
    mark_updates(&mut proposed.rows, keys);
    proposed.table = Some(TableView {
        file_name: file_name.to_string(),
        sheet: f.name.clone(),
        sheets: found.iter().map(|f| f.name.clone()).collect(),
        header_row: table.mapping.first + 1,
        columns: table
            .mapping
            .columns
            .iter()
            .map(|c| ColumnView {
                index: c.index,
                letter: letter(c.index),
                header: c.header.clone(),
                role: c.role.code().to_string(),
            })
            .collect(),
        above: table.mapping.above.clone(),
        notes: table.notes.clone(),
    });
    Ok(proposed)
}

/// [`propose_table`] on a blocking thread: unzipping and reading a workbook must not hold up
/// the async workers answering everyone else.
pub async fn propose_table_apart(
    dir: Directory,
    bytes: Vec<u8>,
    file_name: String,
    choice: Choice,
    year: i32,
    keys: Vec<PlanKey>,
) -> AppResult<Result<Proposed, ValidationError>> {
    tokio::task::spawn_blocking(move || propose_table(&dir, &bytes, &file_name, &choice, year, &keys))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// A key a row may give to update a task of the plan: the key its row was imported under, or
/// `T` and its id (as an export writes them), with the task's title and start.
#[derive(Debug, Clone)]
pub struct PlanKey {
    /// The key.
    pub key: String,
    /// The task.
    pub task: i64,
    /// Its title now.
    pub title: String,
    /// Its start (an update keeps it).
    pub start: chrono::NaiveDate,
}

impl PlanKey {
    /// Whether `row` updates this key's task: the same key, written in the sheet's 任务编号
    /// column — or worked out from the row's place or title, and the task's title the same (a
    /// row inserted above must not shift its neighbours onto other tasks).
    pub fn matches(&self, row: &Row) -> bool {
        let key = row.key.trim();
        !key.is_empty() && self.key == key && (row.key_typed || self.title.trim() == row.title.trim())
    }
}

/// The keys rows may give to update the tasks of `plan` (read in the transaction that uses
/// them when `conn` is one).
pub async fn plan_keys(conn: &mut luoshi_store::Conn, region: i64, plan: i64) -> AppResult<Vec<PlanKey>> {
    let tasks = luoshi_store::task::tasks_of_plan(conn, region, plan).await?;
    let of = |id: i64| tasks.iter().find(|t| t.id == id);
    let mut keys: Vec<PlanKey> = luoshi_store::import::keys(conn, region, plan)
        .await?
        .into_iter()
        .filter_map(|(key, t)| {
            of(t).map(|x| PlanKey {
                key,
                task: t,
                title: x.title.clone(),
                start: x.start,
            })
        })
        .collect();
    keys.extend(tasks.iter().map(|t| PlanKey {
        key: format!("T{}", t.id),
        task: t.id,
        title: t.title.clone(),
        start: t.start,
    }));
    Ok(keys)
}

/// Marks the rows that will update a task of the plan with that task.
pub fn mark_updates(rows: &mut [Row], keys: &[PlanKey]) {
    for r in rows.iter_mut() {
        r.updates = keys.iter().find(|k| k.matches(r)).map(|k| k.task);
    }
}

#[cfg(test)]
mod tests {
    use super::{PlanKey, Row};

    #[test]
    fn a_key_worked_out_from_a_rows_place_needs_the_same_title() {
        let k = PlanKey {
            key: "一/2".into(),
            task: 7,
            title: "开展涉企收费专项清理".into(),
            start: chrono::NaiveDate::default(),
        };
        let row = |title: &str, typed: bool| Row {
            key: "一/2".into(),
            key_typed: typed,
            title: title.into(),
            ..Row::default()
        };
        assert!(k.matches(&row("开展涉企收费专项清理", false)));
        assert!(
            !k.matches(&row("新插入的一行", false)),
            "a row inserted above does not take its place"
        );
        assert!(
            k.matches(&row("开展涉企收费专项清理（修改）", true)),
            "a written key updates whatever the title"
        );
    }

    #[test]
    fn column_letters_as_a_spreadsheet_shows_them() {
        let l: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|i| super::letter(*i))
            .collect();
        assert_eq!(l, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
