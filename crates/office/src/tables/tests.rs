//! Tables from files: workbooks with merges, dates and formulas; bad files refused with their reason.
use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;

fn sheet_with_merges() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("分解表").unwrap();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 4, "2020年重点任务分解表", &plain).unwrap();
    for (c, h) in ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.merge_range(2, 0, 2, 4, "一、稳定增长", &plain).unwrap();
    ws.write_number(3, 0, 1).unwrap();
    ws.write_string(3, 1, "扩大有效投资").unwrap();
    ws.merge_range(3, 2, 4, 2, "市发改委", &plain).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(2020, 10, 31).unwrap(), &date)
        .unwrap();
    ws.write_number(4, 0, 2).unwrap();
    ws.write_string(4, 1, "谋划储备项目").unwrap();
    ws.write_formula(4, 4, "=\"9月\"&\"底前\"").unwrap();
    ws.set_formula_result(4, 4, "9月底前");
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_keeps_its_merges_dates_and_formula_values() {
    let found = read_tables(&sheet_with_merges(), "分解表.xlsx").unwrap();
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!(found[0].name, "分解表");
    assert!(g.rows[0][1].merged, "the title spans the table");
    assert!(g.rows[4][2].merged, "the unit cell covers the row below");
    assert_eq!(g.text(3, 4), "2020-10-31", "a date cell reads as its day");
    assert_eq!(g.text(4, 4), "9月底前", "a formula reads as its value");
    let x = luoshi_text::table::extract(g, 2020, &[]).unwrap();
    let leads: Vec<Vec<String>> = x.items.iter().map(|p| p.lead_units.clone()).collect();
    assert_eq!(leads[2], ["市发改委"]);
    assert_eq!(x.items.len(), 3);
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    assert_eq!(read_tables(b"%PDF-1.7 ...", "a.pdf"), Err(TableError::NotTable));
    assert!(matches!(
        read_tables(b"PK\x03\x04junk", "a.xlsx"),
        Err(TableError::Damaged(_))
    ));
    // An encrypted workbook is an OLE file with an EncryptedPackage stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 504]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_tables(&ole, "a.xlsx"), Err(TableError::Encrypted));
    let mut doc = ole[..512].to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_tables(&doc, "a.doc"), Err(TableError::OldWord));
    assert_eq!(
        read_tables(&vec![b'a'; MAX_FILE + 1], "a.csv"),
        Err(TableError::TooLarge)
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..(crate::sheet::MAX_UNPACKED >> 20) + 1 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    assert_eq!(read_tables(&buf.into_inner(), "bomb.xlsx"), Err(TableError::TooLarge));
}

#[test]
fn too_many_rows_are_refused_and_huge_cells_cut() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for r in 0..=MAX_ROWS as u32 {
        ws.write_number(r, 0, 1).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    assert!(matches!(
        read_tables(&bytes, "big.xlsx"),
        Err(TableError::TooManyRows(_))
    ));
    let big = format!("序号,重点任务,牵头单位\n1,{},市发改委\n", "字".repeat(1 << 20));
    let found = read_tables(big.as_bytes(), "big.csv").unwrap();
    assert_eq!(found[0].grid.text(1, 1).chars().count(), MAX_CELL);
}

#[test]
fn a_workbook_that_makes_the_reading_crate_panic_is_a_damaged_file() {
    // A cell reference of thirty letters: calamine's column number overflows (a panic in debug
    // builds) — found by the fuzzer.
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "序号").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut body = String::new();
            std::io::Read::read_to_string(&mut f, &mut body).unwrap();
            if name.ends_with("sheet1.xml") {
                body = body.replace("r=\"A1\"", &format!("r=\"{}1\"", "Z".repeat(30)));
            }
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    let got = read_tables(&out.into_inner(), "x.xlsx");
    if cfg!(debug_assertions) {
        // (A release build wraps the number instead of panicking.)
        assert!(matches!(got, Err(TableError::Damaged(_))), "{got:?}");
    }
}

#[test]
fn a_few_cells_far_apart_do_not_make_a_huge_grid() {
    // Two cells in a corner each: read cell by cell, the sheet is refused before any grid of
    // 100,000 × 256 is made; a cell beyond the last column read is left out.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    ws.write_string(99_998, 255, "远").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert_eq!(read_tables(&bytes, "far.xlsx"), Err(TableError::TooLarge));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    ws.write_string(5, 16_000, "远").unwrap();
    let found = read_tables(&book.save_to_buffer().unwrap(), "wide.xlsx").unwrap();
    assert_eq!(found[0].grid.width(), 1);
}

#[test]
fn an_ods_that_would_make_a_huge_grid_is_refused_before_it_is_read() {
    // One row repeated a million times with a cell 16,000 columns in: counted, refused.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="string"><text:p>远</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("mimetype", stored).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        z.start_file("content.xml", stored).unwrap();
        z.write_all(content.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    assert_eq!(read_tables(&buf.into_inner(), "bomb.ods"), Err(TableError::TooLarge));
}
