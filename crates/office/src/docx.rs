//! The text of a Word document (.docx): paragraphs become lines, tabs and breaks are kept,
//! tables are read row by row.

use std::io::{Cursor, Read};

use quick_xml::{Reader, events::Event};

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

/// The text of a .docx, one line per paragraph.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotDocx(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| DocxError::NotDocx(e.to_string()))?
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::NotDocx(e.to_string()))?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| DocxError::Xml(e.to_string()))? {
            Event::Start(e) if e.local_name().into_inner() == "t" => in_text = true,
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                "tc" => out.push('\t'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                match name {
                    "lt" => out.push('<'),
                    "gt" => out.push('>'),
                    "amp" => out.push('&'),
                    "quot" => out.push('"'),
                    "apos" => out.push('\''),
                    n => {
                        // A character reference: &#20013; or &#x4E2D;
                        let code = n
                            .strip_prefix("#x")
                            .or_else(|| n.strip_prefix("#X"))
                            .map(|h| u32::from_str_radix(h, 16))
                            .or_else(|| n.strip_prefix('#').map(|d| d.parse::<u32>()));
                        if let Some(Ok(c)) = code
                            && let Some(ch) = char::from_u32(c)
                        {
                            out.push(ch);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
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

    #[test]
    fn other_files_are_refused() {
        assert!(matches!(docx_text(b"%PDF-1.4"), Err(DocxError::NotDocx(_))));
    }
}
