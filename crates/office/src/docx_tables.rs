//! The tables of a Word document (.docx) as grids: a cell spanning columns (`gridSpan`) or rows
//! (`vMerge`) marks the cells it covers as merged; a cell's paragraphs are its lines; Word's
//! automatic numbering in a cell (a 序号 column numbered by Word) is written out; a table
//! inside a cell is read as that cell's text.

use luoshi_text::grid::{Cell, Grid, MAX_CELL, MAX_ROWS};
use quick_xml::{Reader, events::Event};

use crate::docx::{DocxError, val};

/// Every table of the document, in order.
pub fn docx_tables(bytes: &[u8]) -> Result<Vec<Grid>, DocxError> {
    let (xml, mut numbering) = crate::docx::body_and_numbering(bytes)?;
    let mut reader = Reader::from_str(&xml);
    let mut grids: Vec<Grid> = Vec::new();
    // Nesting of tables; only the outermost makes a grid.
    let mut depth = 0usize;
    let mut grid = Grid::default();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let mut span = 1usize;
    let mut continues = false;
    let mut in_text = false;
    let mut list: (Option<String>, u8) = (None, 0);
    let mut numbered = false;
    loop {
        match reader.read_event().map_err(|e| DocxError::Xml(e.to_string()))? {
            Event::Start(e) => match e.local_name().into_inner() {
                "tbl" => {
                    depth += 1;
                    if depth == 1 {
                        grid = Grid::default();
                    }
                }
                "tr" if depth == 1 => row = Vec::new(),
                "tc" if depth == 1 => {
                    cell.clear();
                    span = 1;
                    continues = false;
                }
                "p" if depth >= 1 => {
                    list = (None, 0);
                    numbered = false;
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                }
                "t" if depth >= 1 => {
                    if let (Some(id), false) = (&list.0, numbered) {
                        if let Some(m) = numbering.next(id, list.1) {
                            cell.push_str(&m);
                        }
                        numbered = true;
                    }
                    in_text = true;
                }
                "vMerge" if depth == 1 => continues = val(&e).is_none_or(|v| v == "continue"),
                _ => {}
            },
            Event::Empty(e) if depth >= 1 => match e.local_name().into_inner() {
                "gridSpan" if depth == 1 => span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64),
                "vMerge" if depth == 1 => continues = val(&e).is_none_or(|v| v == "continue"),
                "tab" => cell.push(' '),
                "br" | "cr" => cell.push('\n'),
                "ilvl" => list.1 = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                "numId" => list.0 = val(&e),
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                // (At most MAX_COLS cells a row are kept.)
                "tc" if depth == 1 && row.len() < crate::tables::MAX_COLS => {
                    row.push(if continues {
                        Cell::below()
                    } else {
                        Cell::text(cell.trim().chars().take(MAX_CELL).collect::<String>())
                    });
                    for _ in 1..span.min(crate::tables::MAX_COLS.saturating_sub(row.len()) + 1) {
                        row.push(Cell::across());
                    }
                }
                "tr" if depth == 1 && grid.rows.len() < MAX_ROWS => grid.rows.push(std::mem::take(&mut row)),
                "tbl" => {
                    if depth == 1 {
                        grids.push(std::mem::take(&mut grid));
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(t) if in_text && cell.len() < MAX_CELL * 4 => cell.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = crate::docx::entity(r.as_ref()) {
                    cell.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn docx(body: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            write!(
                z,
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
            )
            .unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn spans_and_vertical_merges_mark_the_cells_they_cover() {
        let tc =
            |pr: &str, text: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let body = format!(
            "<w:p><w:r><w:t>附件</w:t></w:r></w:p><w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("", "序号"),
            tc("", "重点任务"),
            tc("", "牵头单位"),
            tc("<w:gridSpan w:val=\"3\"/>", "一、稳定增长"),
            tc("", "1"),
            tc("", "扩大投资 &amp; 消费"),
            tc("<w:vMerge w:val=\"restart\"/>", "市发改委"),
            tc("", "2"),
            tc("", "谋划项目"),
            tc("<w:vMerge/>", ""),
        );
        let grids = docx_tables(&docx(&body)).unwrap();
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.rows[1].len(), 3);
        assert!(g.rows[1][1].merged && g.rows[1][2].merged);
        assert_eq!(g.text(2, 1), "扩大投资 & 消费");
        assert!(g.rows[3][2].merged);
        let x = luoshi_text::table::extract(g, 2020, &[]).unwrap();
        assert_eq!(x.items.len(), 3);
        assert_eq!(x.items[2].lead_units, ["市发改委"]);
    }
}
