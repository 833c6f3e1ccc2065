//! Spreadsheets, bytes in and bytes out: the sheets of an .xlsx or .xls workbook, or a CSV file
//! (UTF-8 or, as Excel saves it on a Chinese Windows, GB18030), read as rows of text — a
//! workbook's declared unpacked size checked first, so a zip bomb is refused before it is
//! opened; and a workbook written from tables, each with its header, column widths and drop-down
//! lists, and a sheet of notes.

use std::io::Cursor;

use calamine::Data;
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook};

/// A sheet as read: its name and its rows of cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The workbook's sheet name, or the CSV file's name.
    pub name: String,
    /// Its rows, each cell as text.
    pub rows: Vec<Vec<String>>,
}

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Not a workbook or CSV this can read.
    #[error("not a spreadsheet or CSV file: {0}")]
    Unreadable(String),
    /// A workbook that would unpack to more than [`MAX_UNPACKED`] bytes or entries.
    #[error("the workbook unpacks to more than the limit")]
    TooLarge,
    /// Writing failed.
    #[error("the workbook could not be written: {0}")]
    Write(String),
}

/// The most bytes a workbook may declare its parts unpack to (a directory sheet of ten
/// thousand rows is a few megabytes).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
/// The most parts a workbook may have.
pub const MAX_PARTS: usize = 2_000;

/// Reads every sheet of `bytes`: an .xlsx or .xls workbook by its signature, else CSV named
/// `file_name`.
pub fn read_book(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>, SheetError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The same bounded reader as task tables (cell by cell for .xlsx, merges ignored here).
        crate::tables::read_tables(bytes, file_name)
            .map(|found| {
                found
                    .into_iter()
                    .map(|f| Sheet {
                        name: f.name,
                        rows: f
                            .grid
                            .rows
                            .into_iter()
                            .map(|r| r.into_iter().map(|c| c.text).collect())
                            .collect(),
                    })
                    .collect()
            })
            .map_err(|e| match e {
                crate::tables::TableError::TooLarge => SheetError::TooLarge,
                e => SheetError::Unreadable(e.to_string()),
            })
    } else {
        let name = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(file_name)
            .trim_end_matches(".csv")
            .to_string();
        Ok(vec![Sheet {
            name,
            rows: read_csv(bytes)?,
        }])
    }
}

/// Refuses a zip whose parts declare more than [`MAX_UNPACKED`] bytes in all, or too many parts.
/// The zip reader stops each part at its declared size, so a part cannot unpack to more.
pub(crate) fn check_unpacked(bytes: &[u8]) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| SheetError::Unreadable(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(SheetError::TooLarge);
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| SheetError::Unreadable(e.to_string()))?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNPACKED {
        return Err(SheetError::TooLarge);
    }
    Ok(())
}

/// A cell as text: whole numbers without a decimal point (an id typed as 12 is read as 12.0).
pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        // A date as the day it is (2020-10-31), not the spreadsheet's day number.
        Data::DateTime(d) if d.is_datetime() => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(chrono::Days::new(d.as_f64().max(0.0) as u64)))
            .map(|day| day.to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// The text of a CSV file: UTF-8 (with or without its byte-order mark), else GB18030.
fn csv_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

pub(crate) fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let text = csv_text(bytes);
    if text.contains('\0') {
        return Err(SheetError::Unreadable("binary data".into()));
    }
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            rec.map(|rec| rec.iter().map(unguard).collect())
                .map_err(|e| SheetError::Unreadable(e.to_string()))
        })
        .collect()
}

/// Whether a cell would be read by a spreadsheet as a formula (CSV injection).
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// A CSV cell as written: one that would read as a formula is guarded by a leading `'`.
fn guard(s: &str) -> String {
    if formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A CSV cell as read: [`guard`]'s `'` taken off again.
fn unguard(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest.to_string(),
        _ => s.to_string(),
    }
}

/// A table of text for a CSV file: UTF-8 with a byte-order mark (so Excel reads the Chinese),
/// lines ended CRLF, cells that would read as formulas guarded.
pub fn write_csv(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, SheetError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for row in std::iter::once(header).chain(rows.iter().map(|r| r.as_slice())) {
            w.write_record(row.iter().map(|c| guard(c)))
                .map_err(|e| SheetError::Write(e.to_string()))?;
        }
        w.flush().map_err(|e| SheetError::Write(e.to_string()))?;
    }
    Ok(out)
}

/// A table to write as a sheet.
#[derive(Debug, Clone, Default)]
pub struct TableOut {
    /// The sheet's name.
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// Which header cells mark a column that must be filled (shown in bold red).
    pub required: Vec<bool>,
    /// The rows below it.
    pub rows: Vec<Vec<String>>,
    /// Column widths, in characters.
    pub widths: Vec<f64>,
    /// Drop-down lists: (column, the choices).
    pub lists: Vec<(u16, Vec<String>)>,
}

/// Rows below the header that get a column's drop-down list.
const LIST_ROWS: u32 = 5_000;

fn xe(e: rust_xlsxwriter::XlsxError) -> SheetError {
    SheetError::Write(e.to_string())
}

/// A workbook of `tables`, then a sheet `notes_name` of (heading, text) lines. Every cell is
/// text, so ids and login names keep their digits as typed.
pub fn write_book(tables: &[TableOut], notes_name: &str, notes: &[(String, String)]) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8EEF7))
        .set_border(FormatBorder::Thin);
    let must = head.clone().set_font_color(Color::RGB(0xB00020));
    let text = Format::new().set_num_format("@");
    for t in tables {
        let ws = book.add_worksheet();
        ws.set_name(&t.name).map_err(xe)?;
        for (c, h) in t.header.iter().enumerate() {
            let c = c as u16;
            let width = t.widths.get(c as usize).copied().unwrap_or(14.0);
            ws.set_column_width(c, width).map_err(xe)?;
            ws.set_column_format(c, &text).map_err(xe)?;
            let f = if t.required.get(c as usize).copied().unwrap_or(false) {
                &must
            } else {
                &head
            };
            ws.write_string_with_format(0, c, h, f).map_err(xe)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v).map_err(xe)?;
                }
            }
        }
        for (c, choices) in &t.lists {
            let dv = DataValidation::new().allow_list_strings(choices).map_err(xe)?;
            ws.add_data_validation(1, *c, LIST_ROWS, *c, &dv).map_err(xe)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xe)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(notes_name).map_err(xe)?;
    ws.set_column_width(0, 16.0).map_err(xe)?;
    ws.set_column_width(1, 90.0).map_err(xe)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (r, (a, b)) in notes.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, a, &bold).map_err(xe)?;
        ws.write_string_with_format(r as u32, 1, b, &wrap).map_err(xe)?;
    }
    book.save_to_buffer().map_err(xe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> TableOut {
        TableOut {
            name: "单位".into(),
            header: vec!["编号".into(), "单位全称".into(), "类别".into()],
            required: vec![false, true, true],
            rows: vec![vec!["7".into(), "=晋城市财政局".into(), "市直部门".into()]],
            widths: vec![8.0, 30.0, 12.0],
            lists: vec![(2, vec!["市直部门".into(), "开发区".into()])],
        }
    }

    #[test]
    fn a_written_workbook_reads_back_cell_for_cell() {
        let bytes = write_book(&[table()], "填写说明", &[("单位".into(), "每行一个单位".into())]).unwrap();
        let sheets = read_book(&bytes, "x.xlsx").unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].name, "单位");
        assert_eq!(sheets[0].rows[1], ["7", "=晋城市财政局", "市直部门"]);
        assert_eq!(sheets[1].rows[0], ["单位", "每行一个单位"]);
    }

    #[test]
    fn csv_reads_back_in_utf8_and_gb18030_with_formulas_guarded() {
        let t = table();
        let bytes = write_csv(&t.header, &t.rows).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains(",'=晋城市财政局,"));
        let back = read_book(&bytes, "units.csv").unwrap();
        assert_eq!(back[0].name, "units");
        assert_eq!(back[0].rows[1], ["7", "=晋城市财政局", "市直部门"]);
        let (gbk, _, _) = encoding_rs::GB18030.encode("单位全称,类别\r\n晋城市财政局,市直部门\r\n");
        let back = read_book(&gbk, "单位.csv").unwrap();
        assert_eq!(back[0].rows[1], ["晋城市财政局", "市直部门"]);
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..(MAX_UNPACKED >> 20) + 1 {
                z.write_all(&zeros).unwrap();
            }
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
        assert!(matches!(read_book(&bytes, "bomb.xlsx"), Err(SheetError::TooLarge)));
        assert!(matches!(
            read_book(b"PK\x03\x04garbage", "x.xlsx"),
            Err(SheetError::Unreadable(_))
        ));
    }
}
