//! The text of a Word document (.docx): paragraphs become lines, tabs and breaks are kept,
//! tables are read row by row.

use std::io::{Cursor, Read};

use quick_xml::{Reader, events::Event};

use crate::numbering::Numbering;

/// Why a file could not be read as a .docx.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or no `word/document.xml` in it.
    #[error("not a Word (.docx) document: {0}")]
    NotDocx(String),
    /// The document's XML is malformed.
    #[error("the document's content is damaged: {0}")]
    Xml(String),
}

/// The largest document body read (a safety limit against zip bombs), in bytes.
pub const MAX_XML: u64 = 50 * 1024 * 1024;

/// Reads one member of the archive as text, at most [`MAX_XML`] bytes; `None` if absent.
fn member(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, DocxError> {
    let Ok(file) = zip.by_name(name) else { return Ok(None) };
    let mut xml = String::new();
    file.take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::NotDocx(e.to_string()))?;
    Ok(Some(xml))
}

pub(crate) fn val(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == "val")
        .map(|a| a.value.to_string())
}

/// A .docx's `word/document.xml` and its lists (from `word/numbering.xml`, empty without one).
pub(crate) fn body_and_numbering(bytes: &[u8]) -> Result<(String, Numbering), DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotDocx(e.to_string()))?;
    let xml =
        member(&mut zip, "word/document.xml")?.ok_or_else(|| DocxError::NotDocx("no word/document.xml".into()))?;
    let numbering = member(&mut zip, "word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    Ok((xml, numbering))
}

/// The text of a .docx, one line per paragraph. A paragraph numbered by Word shows its number
/// (rebuilt from `numbering.xml`); a table row becomes one line with its cells separated by
/// tabs.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let (xml, mut numbering) = body_and_numbering(bytes)?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    // Table nesting, and whether the current cell has had a paragraph yet.
    let mut in_cell = 0usize;
    let mut cell_started = false;
    // The list of the paragraph being read: (numId, ilvl), and whether its number is out.
    let mut list: (Option<String>, u8) = (None, 0);
    let mut numbered = false;
    loop {
        match reader.read_event().map_err(|e| DocxError::Xml(e.to_string()))? {
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => {
                    if let (Some(id), false) = (&list.0, numbered) {
                        if let Some(m) = numbering.next(id, list.1) {
                            out.push_str(&m);
                        }
                        numbered = true;
                    }
                    in_text = true;
                }
                "p" => {
                    list = (None, 0);
                    numbered = false;
                    if in_cell > 0 && cell_started {
                        out.push(' ');
                    }
                    cell_started = in_cell > 0;
                }
                "tc" => {
                    in_cell += 1;
                    cell_started = false;
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "p" if in_cell == 0 => out.push('\n'),
                "tc" => {
                    in_cell = in_cell.saturating_sub(1);
                    out.push('\t');
                }
                "tr" => {
                    while out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push(if in_cell > 0 { ' ' } else { '\n' }),
                "ilvl" => list.1 = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                "numId" => list.0 = val(&e),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = entity(r.as_ref()) {
                    out.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The character an XML entity names: `amp`, `lt`…, or a character reference (`#20013`,
/// `#x4E2D`).
pub(crate) fn entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        n => {
            let code = n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| n.strip_prefix('#').map(|d| d.parse::<u32>()))?
                .ok()?;
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx with the given paragraphs.
    pub fn make_docx(paragraphs: &[&str]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            z.start_file("word/document.xml", opts).unwrap();
            let body: String = paragraphs
                .iter()
                .map(|p| {
                    format!(
                        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                        p.replace('&', "&amp;").replace('<', "&lt;")
                    )
                })
                .collect();
            write!(z, "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>").unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn paragraphs_become_lines() {
        let d = make_docx(&["一、总体要求", "1.加快项目建设。(市发改委牵头)", "A & B <C>"]);
        assert_eq!(
            docx_text(&d).unwrap(),
            "一、总体要求\n1.加快项目建设。(市发改委牵头)\nA & B <C>\n"
        );
    }

    /// A .docx with the given body XML and, optionally, a numbering part.
    fn docx_with(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            z.start_file("word/document.xml", opts).unwrap();
            write!(
                z,
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
            )
            .unwrap();
            if let Some(n) = numbering {
                z.start_file("word/numbering.xml", opts).unwrap();
                write!(z, "{n}").unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn word_numbering_is_written_out_and_table_rows_become_lines() {
        let numbered = |lvl: u8, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let body = format!(
            "{}{}{}<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            numbered(0, "稳定经济运行"),
            numbered(1, "扩大有效投资"),
            numbered(1, "促进消费"),
            cell("序号"),
            cell("重点任务"),
            cell("牵头单位"),
            cell("1"),
            cell("开工项目50个"),
            cell("市发改委")
        );
        let d = docx_with(&body, None);
        assert_eq!(
            docx_text(&d).unwrap(),
            "一、稳定经济运行\n（一）扩大有效投资\n（二）促进消费\n序号\t重点任务\t牵头单位\n1\t开工项目50个\t市发改委\n"
        );
    }

    #[test]
    fn other_files_are_refused() {
        assert!(matches!(docx_text(b"%PDF-1.4"), Err(DocxError::NotDocx(_))));
    }
}
