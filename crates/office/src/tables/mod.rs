//! Tables from whatever file a user hands us (issue 18), as grids for the one table reader: the
//! sheets of a workbook (.xlsx, .xls, .ods; merged cells marked), the tables of a Word
//! document (.docx), or a CSV file. A file that is none of these, encrypted, or too large
//! is refused with the reason; memory stays bounded (see [`MAX_FILE`]).

use std::io::Cursor;

use calamine::{Reader, Sheets};
use luoshi_text::grid::{Cell, Grid, MAX_CELL, MAX_ROWS};

use crate::sheet::{check_unpacked, read_csv};

/// The largest file read, in bytes. With [`crate::sheet::MAX_UNPACKED`] for what a zip may unpack to,
/// [`MAX_ROWS`] rows and [`MAX_CELL`] characters a cell, this bounds what one file can cost.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// One table found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The sheet's name, or 表格N for a Word table.
    pub name: String,
    /// Its cells.
    pub grid: Grid,
}

/// Why a file's tables could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// Not a workbook, a Word document or a CSV file.
    #[error("not a spreadsheet, Word document or CSV file")]
    NotTable,
    /// Protected by a password.
    #[error("the file is protected by a password")]
    Encrypted,
    /// An old binary Word file (.doc).
    #[error("old Word (.doc) files are not read; save it as .docx")]
    OldWord,
    /// More than [`MAX_FILE`] bytes, or unpacking to more than [`crate::sheet::MAX_UNPACKED`].
    #[error("the file is larger than the limit")]
    TooLarge,
    /// A sheet of more than [`MAX_ROWS`] rows.
    #[error("a sheet has more than {MAX_ROWS} rows")]
    TooManyRows(String),
    /// Damaged: its parts could not be read.
    #[error("the file is damaged: {0}")]
    Damaged(String),
}

/// Whether an OLE compound file (the container of .xls, .doc and encrypted .xlsx) holds a
/// stream named `name` (directory entries are UTF-16).
fn ole_has(bytes: &[u8], name: &str) -> bool {
    let wide: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(wide.len()).any(|w| w == wide.as_slice())
}

/// Every table in `bytes`, the file named `file_name`.
pub fn read_tables(bytes: &[u8], file_name: &str) -> Result<Vec<Found>, TableError> {
    if bytes.len() > MAX_FILE {
        return Err(TableError::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_unpacked(bytes).map_err(|e| match e {
            crate::sheet::SheetError::TooLarge => TableError::TooLarge,
            e => TableError::Damaged(e.to_string()),
        })?;
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| TableError::Damaged(e.to_string()))?;
        if zip.index_for_name("word/document.xml").is_some() {
            let grids = crate::docx_tables::docx_tables(bytes).map_err(|e| TableError::Damaged(e.to_string()))?;
            return Ok(grids
                .into_iter()
                .enumerate()
                .map(|(i, grid)| Found {
                    name: format!("表格{}", i + 1),
                    grid,
                })
                .collect());
        }
        return workbook(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        if ole_has(bytes, "EncryptedPackage") {
            return Err(TableError::Encrypted);
        }
        if ole_has(bytes, "WordDocument") {
            return Err(TableError::OldWord);
        }
        return workbook(bytes);
    }
    let lower = file_name.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        let rows = read_csv(bytes).map_err(|_| TableError::NotTable)?;
        if rows.len() > MAX_ROWS {
            return Err(TableError::TooManyRows(file_name.to_string()));
        }
        return Ok(vec![Found {
            name: file_name.to_string(),
            grid: Grid::of(rows),
        }]);
    }
    Err(TableError::NotTable)
}

/// Whether a file is one to read as tables rather than as text: a workbook, a CSV file, or a
/// Word document whose body holds a table with a task header.
pub fn is_table_file(bytes: &[u8], file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    if [".xlsx", ".xls", ".ods", ".csv", ".xlsm"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return true;
    }
    lower.ends_with(".docx")
        && crate::docx_tables::docx_tables(bytes)
            .is_ok_and(|gs| gs.iter().any(|g| luoshi_text::table::header::find(g).is_some()))
}

/// The first table of `found` with a task header, read as tasks; relative dates belong to the
/// year its title names, else `year`.
pub fn first_task_table(found: &[Found], year: i32) -> Option<(String, luoshi_text::Extraction)> {
    found.iter().find_map(|f| {
        let m = luoshi_text::table::header::find(&f.grid)?;
        let year = luoshi_text::year_of(&m.above.join(" ")).unwrap_or(year);
        luoshi_text::table::extract(&f.grid, year, &[]).map(|x| (f.name.clone(), x))
    })
}

/// Reads a workbook; a panic inside the reading crate on a damaged file (the fuzzer found one
/// in calamine: a cell reference too long overflows its column number) is a damaged file, not
/// a crash.
fn workbook(bytes: &[u8]) -> Result<Vec<Found>, TableError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(bytes)))
        .unwrap_or_else(|_| Err(TableError::Damaged("the workbook's parts are malformed".into())))
}

/// The most columns read from a sheet (a task table has a dozen; Excel allows 16,384).
pub const MAX_COLS: usize = 256;

/// The most cells a sheet's grid may hold (rows × its widest row): a few cells far apart in a
/// workbook must not make a grid of billions.
pub const MAX_GRID: usize = 4_000_000;

/// The grid an .ods would make, counted before it is read: its rows (with their repeats) and,
/// for each, the columns up to its last cell with content (with theirs); refused past
/// [`MAX_ROWS`] rows or [`MAX_GRID`] cells, as calamine would make them dense.
fn check_ods(bytes: &[u8]) -> Result<(), TableError> {
    use quick_xml::{Reader, events::Event};
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(mut part) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = String::new();
    if std::io::Read::read_to_string(
        &mut std::io::Read::take(&mut part, crate::sheet::MAX_UNPACKED),
        &mut xml,
    )
    .is_err()
    {
        return Err(TableError::Damaged("content.xml".into()));
    }
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let mut reader = Reader::from_str(&xml);
    let (mut rows, mut cells) = (0u64, 0u64);
    let (mut row_repeats, mut col, mut last) = (1u64, 0u64, 0u64);
    let mut cell_repeats = 1u64;
    let mut in_cell = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().as_ref() == "table:table" => {
                (rows, cells) = (0, 0);
            }
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                row_repeats = attr(&e, "table:number-rows-repeated");
                (col, last) = (0, 0);
            }
            Ok(Event::Empty(e)) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(attr(&e, "table:number-rows-repeated"));
            }
            Ok(Event::Start(e)) if e.name().as_ref().ends_with("table-cell") => {
                cell_repeats = attr(&e, "table:number-columns-repeated");
                in_cell = true;
            }
            Ok(Event::Empty(e)) if e.name().as_ref().ends_with("table-cell") => {
                let n = attr(&e, "table:number-columns-repeated");
                // A cell with a value written as an attribute has content too.
                if e.attributes().flatten().any(|a| a.key.as_ref() == "office:value") {
                    last = col.saturating_add(n);
                }
                col = col.saturating_add(n);
            }
            Ok(Event::Text(t)) if in_cell && !t.as_ref().trim().is_empty() => {
                last = col.saturating_add(cell_repeats);
            }
            Ok(Event::End(e)) if e.name().as_ref().ends_with("table-cell") => {
                col = col.saturating_add(cell_repeats);
                in_cell = false;
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeats);
                if last > 0 {
                    cells = cells.saturating_add(row_repeats.saturating_mul(last));
                }
                if cells > MAX_GRID as u64 || (last > 0 && rows > MAX_ROWS as u64) {
                    return Err(TableError::TooLarge);
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(TableError::Damaged(e.to_string())),
            _ => {}
        }
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Found>, TableError> {
    if bytes.starts_with(b"PK\x03\x04") {
        check_ods(bytes)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let s = e.to_string();
        if s.contains("password") {
            TableError::Encrypted
        } else {
            TableError::NotTable
        }
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let mut rows = match &mut book {
            // An .xlsx sheet is read cell by cell, so its size is known before any grid is made.
            Sheets::Xlsx(x) => xlsx_rows(x, &name)?,
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| TableError::Damaged(e.to_string()))?;
                let (top, left) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
                if top + range.height() > MAX_ROWS {
                    return Err(TableError::TooManyRows(name));
                }
                let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
                for row in range.rows() {
                    let mut cells = vec![Cell::default(); left.min(MAX_COLS)];
                    cells.extend(row.iter().take(MAX_COLS.saturating_sub(left)).map(text_cell));
                    rows.push(cells);
                }
                rows
            }
        };
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        // Merges mark cells only within the sheet's data: its rows and its widest row.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for m in merges {
            let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
            let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
            for r in r0..=r1.min(rows.len().saturating_sub(1)) {
                for c in c0..=c1.min(width.saturating_sub(1)) {
                    if (r, c) == (r0, c0) {
                        continue;
                    }
                    let row = &mut rows[r];
                    if row.len() <= c {
                        row.resize(c + 1, Cell::default());
                    }
                    row[c] = if r == r0 { Cell::across() } else { Cell::below() };
                }
            }
        }
        out.push(Found {
            name,
            grid: Grid { rows },
        });
    }
    Ok(out)
}

fn text_cell(d: &calamine::Data) -> Cell {
    Cell::text(
        crate::sheet::cell_text(d)
            .trim()
            .chars()
            .take(MAX_CELL)
            .collect::<String>(),
    )
}

/// The rows of an .xlsx sheet read cell by cell: refused past [`MAX_ROWS`] rows or a grid of
/// [`MAX_GRID`] cells; cells past [`MAX_COLS`] are not read.
fn xlsx_rows<R: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<R>,
    name: &str,
) -> Result<Vec<Vec<Cell>>, TableError> {
    let damaged = |e: calamine::XlsxError| TableError::Damaged(e.to_string());
    let mut reader = x.worksheet_cells_reader(name).map_err(damaged)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut width = 0usize;
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if r >= MAX_ROWS {
            return Err(TableError::TooManyRows(name.to_string()));
        }
        if c >= MAX_COLS {
            continue;
        }
        let data: calamine::Data = cell.get_value().clone().into();
        let cell = text_cell(&data);
        if cell.text.is_empty() {
            continue;
        }
        width = width.max(c + 1);
        if (r + 1).saturating_mul(width) > MAX_GRID {
            return Err(TableError::TooLarge);
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::default());
        }
        row[c] = cell;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests;
