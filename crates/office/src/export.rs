//! Lists written as workbooks to print and to import again (issue 18): a title row across the
//! table, a line of notes (unit, date), the header frozen and repeated on every printed page,
//! column widths, wrapped text, fonts every government PC has (宋体 for the body, 黑体 for the
//! title), A4 landscape fitted to the page width, and footnotes below. The header is the one the
//! table reader maps, so a list exported can be imported back.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::sheet::SheetError;

/// One sheet to write.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The sheet's name (31 characters at most; cut if longer).
    pub sheet: String,
    /// The title across the top.
    pub title: String,
    /// A line under the title: who exported it, when, with which filters.
    pub subtitle: String,
    /// The header row.
    pub header: Vec<String>,
    /// Column widths, in characters (14 where not given).
    pub widths: Vec<f64>,
    /// Which columns hold numbers (written as numbers, to sum in Excel).
    pub numeric: Vec<bool>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// Lines below the table (填表说明, the rule behind a light).
    pub notes: Vec<String>,
}

fn xe(e: rust_xlsxwriter::XlsxError) -> SheetError {
    SheetError::Write(e.to_string())
}

/// The row the header is written in, counted from 0: under the title and the subtitle.
pub const HEADER_ROW: u32 = 2;

/// A workbook of `reports`, one sheet each.
pub fn write_reports(reports: &[Report]) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let title = Format::new()
        .set_font_name("黑体")
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let sub = Format::new().set_font_name("宋体").set_font_size(10);
    let head = Format::new()
        .set_font_name("宋体")
        .set_font_size(11)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE8EEF7))
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_font_name("宋体")
        .set_font_size(10.5)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let number = body.clone().set_num_format("#,##0.00");
    let note = Format::new().set_font_name("宋体").set_font_size(10).set_text_wrap();
    for r in reports {
        let ws = book.add_worksheet();
        let name: String = r
            .sheet
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        ws.set_name(if name.is_empty() { "Sheet1" } else { &name })
            .map_err(xe)?;
        let cols = r.header.len().max(1) as u16;
        for c in 0..cols {
            let w = r.widths.get(usize::from(c)).copied().unwrap_or(14.0);
            ws.set_column_width(c, w).map_err(xe)?;
        }
        if cols > 1 {
            ws.merge_range(0, 0, 0, cols - 1, &r.title, &title).map_err(xe)?;
        } else {
            ws.write_string_with_format(0, 0, &r.title, &title).map_err(xe)?;
        }
        ws.set_row_height(0, 30).map_err(xe)?;
        ws.write_string_with_format(1, 0, &r.subtitle, &sub).map_err(xe)?;
        for (c, h) in r.header.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, h, &head)
                .map_err(xe)?;
        }
        for (i, row) in r.rows.iter().enumerate() {
            let at = HEADER_ROW + 1 + i as u32;
            for c in 0..cols {
                let v = row.get(usize::from(c)).map(String::as_str).unwrap_or("");
                let is_number = r.numeric.get(usize::from(c)).copied().unwrap_or(false);
                match v.parse::<f64>() {
                    Ok(n) if is_number && n.is_finite() => ws.write_number_with_format(at, c, n, &number),
                    _ => ws.write_string_with_format(at, c, v, &body),
                }
                .map_err(xe)?;
            }
        }
        let below = HEADER_ROW + 2 + r.rows.len() as u32;
        for (i, n) in r.notes.iter().enumerate() {
            let at = below + i as u32;
            if cols > 1 {
                ws.merge_range(at, 0, at, cols - 1, n, &note).map_err(xe)?;
            } else {
                ws.write_string_with_format(at, 0, n, &note).map_err(xe)?;
            }
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(xe)?;
        ws.set_repeat_rows(HEADER_ROW, HEADER_ROW).map_err(xe)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
        if !r.rows.is_empty() {
            ws.autofilter(HEADER_ROW, 0, HEADER_ROW + r.rows.len() as u32, cols - 1)
                .map_err(xe)?;
        }
    }
    book.save_to_buffer().map_err(xe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_back_as_a_table_with_its_header_under_the_title() {
        let r = Report {
            sheet: "任务分解表".into(),
            title: "2020年重点任务分解表".into(),
            subtitle: "导出：市政府督查室 2020年6月30日".into(),
            header: vec![
                "序号".into(),
                "任务编号".into(),
                "重点任务".into(),
                "牵头单位".into(),
                "完成时限".into(),
                "总投资（万元）".into(),
            ],
            widths: vec![6.0, 10.0, 40.0, 20.0, 12.0, 12.0],
            numeric: vec![false, false, false, false, false, true],
            rows: vec![
                vec![
                    "一".into(),
                    "T-1".into(),
                    "稳定增长".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                ],
                vec![
                    "（一）".into(),
                    "T-2".into(),
                    "=SUM(A1)".into(),
                    "市发展和改革委员会".into(),
                    "2020-09-30".into(),
                    "1234.5".into(),
                ],
            ],
            notes: vec!["注：灯色按序时进度判定。".into()],
        };
        let bytes = write_reports(&[r]).unwrap();
        let found = crate::tables::read_tables(&bytes, "x.xlsx").unwrap();
        let g = &found[0].grid;
        assert_eq!(g.text(0, 0), "2020年重点任务分解表");
        assert!(g.rows[0][1].merged);
        assert_eq!(g.text(2, 2), "重点任务");
        assert_eq!(g.text(4, 2), "=SUM(A1)", "text that looks like a formula stays text");
        assert_eq!(g.text(4, 5), "1234.5", "a number is a number");
        let m = luoshi_text::table::header::find(g).unwrap();
        assert_eq!(m.first, HEADER_ROW as usize);
        let x = luoshi_text::table::extract(g, 2020, &[]).unwrap();
        assert_eq!(x.items.len(), 2);
        assert_eq!(x.items[1].parent, Some(0));
        assert_eq!(x.table.unwrap().facts[1].key, "T-2");
    }
}
