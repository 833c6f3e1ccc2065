//! Writes a .docx in the layout of Chinese official documents (GB/T 9704—2012 《党政机关公文
//! 格式》): A4 with 37 mm top, 35 mm bottom, 28 mm left and 26 mm right margins (a 156 × 225 mm
//! text block); the masthead in red 小标宋 over a red rule; the title in 2号小标宋; the body in
//! 3号仿宋 at 22 lines a page; first-level headings in 黑体, second-level in 楷体; page numbers
//! `— 1 —` in 4号宋体, odd pages right and even pages left; the colophon (版记) with 抄送 and
//! 印发 between rules.

use std::io::Write;

use luoshi_domain::Block;

use crate::DocxError;

/// Fonts, by their names in Word.
pub mod fonts {
    /// Title and masthead: 方正小标宋简体.
    pub const TITLE: &str = "方正小标宋简体";
    /// Body: 仿宋_GB2312.
    pub const BODY: &str = "仿宋_GB2312";
    /// First-level headings: 黑体.
    pub const HEADING: &str = "黑体";
    /// Second-level headings: 楷体_GB2312.
    pub const SUBHEADING: &str = "楷体_GB2312";
    /// Page numbers: 宋体.
    pub const PAGE_NUMBER: &str = "宋体";
}

/// Sizes in half-points, as Word stores them.
pub mod sizes {
    /// 初号 less a little, for the masthead (GB/T 9704 leaves it to the issuer): 36 pt.
    pub const MASTHEAD: u32 = 72;
    /// 2号: 22 pt.
    pub const TITLE: u32 = 44;
    /// 3号: 16 pt.
    pub const BODY: u32 = 32;
    /// 4号: 14 pt.
    pub const SMALL: u32 = 28;
}

/// Page margins in twentieths of a point (twips): 37, 35, 28 and 26 mm.
pub mod margins {
    /// Top, 37 mm.
    pub const TOP: u32 = 2098;
    /// Bottom, 35 mm.
    pub const BOTTOM: u32 = 1984;
    /// Left (订口), 28 mm.
    pub const LEFT: u32 = 1587;
    /// Right, 26 mm.
    pub const RIGHT: u32 = 1474;
}

/// Line pitch of the body: 225 mm over 22 lines, in twips.
pub const LINE_PITCH: u32 = 579;

const RED: &str = "FF0000";

/// An official document to write.
#[derive(Debug, Clone)]
pub struct OfficialDoc<'a> {
    /// 发文机关标志, e.g. `督查通报`.
    pub masthead: &'a str,
    /// The number under the masthead, e.g. `2020年第3期`.
    pub number: &'a str,
    /// 发文机关, printed left under the number.
    pub issuer: &'a str,
    /// The date, printed right under the number: `2020年6月30日`.
    pub date: &'a str,
    /// 标题.
    pub title: &'a str,
    /// 正文.
    pub body: &'a [Block],
    /// 抄送 (without the label); empty for none.
    pub cc: &'a str,
    /// 印发机关.
    pub printed_by: &'a str,
    /// 印发日期.
    pub printed_on: &'a str,
}

/// The .docx bytes of `doc`.
pub fn official_docx(doc: &OfficialDoc) -> Result<Vec<u8>, DocxError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, String); 9] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("docProps/core.xml", core(doc)),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
            ("word/styles.xml", styles()),
            ("word/settings.xml", SETTINGS.to_string()),
            ("word/footer1.xml", footer(true)),
            ("word/footer2.xml", footer(false)),
            ("word/document.xml", document(doc)),
        ];
        for (name, xml) in parts {
            z.start_file(name, opts).map_err(|e| DocxError::Xml(e.to_string()))?;
            z.write_all(xml.as_bytes()).map_err(|e| DocxError::Xml(e.to_string()))?;
        }
        z.finish().map_err(|e| DocxError::Xml(e.to_string()))?;
    }
    Ok(buf.into_inner())
}

/// Escapes text for XML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// Run properties: the font for Chinese and Latin text, size, colour, bold.
fn rpr(font: &str, size: u32, color: Option<&str>) -> String {
    let color = color.map(|c| format!(r#"<w:color w:val="{c}"/>"#)).unwrap_or_default();
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>{color}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
        f = esc(font)
    )
}

fn run(text: &str, font: &str, size: u32, color: Option<&str>) -> String {
    format!(
        r#"<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        rpr(font, size, color),
        esc(text)
    )
}

/// Paragraph properties: alignment, first-line indent in characters (hundredths), exact line
/// spacing, and an optional bottom or top border.
struct Para<'a> {
    jc: &'a str,
    indent_chars: u32,
    line: u32,
    border: &'a str,
    keep_next: bool,
}

impl Para<'_> {
    fn body() -> Para<'static> {
        Para {
            jc: "both",
            indent_chars: 200,
            line: LINE_PITCH,
            border: "",
            keep_next: false,
        }
    }

    fn xml(&self, runs: &str) -> String {
        let ind = if self.indent_chars > 0 {
            // In characters for Word and WPS, and the same in twips of 3号 (16 pt a character)
            // for LibreOffice, which reads only the latter: every reader indents by two.
            format!(
                r#"<w:ind w:firstLine="{}" w:firstLineChars="{}"/>"#,
                self.indent_chars * sizes::BODY * 10 / 100,
                self.indent_chars
            )
        } else {
            String::new()
        };
        let keep = if self.keep_next { "<w:keepNext/>" } else { "" };
        format!(
            r#"<w:p><w:pPr>{keep}{border}<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>{ind}<w:jc w:val="{jc}"/></w:pPr>{runs}</w:p>"#,
            border = self.border,
            line = self.line,
            jc = self.jc
        )
    }
}

fn document(doc: &OfficialDoc) -> String {
    let mut b = String::new();
    // 版头: the masthead in red, the number, the issuer and date, and a red rule under them.
    b.push_str(
        &Para {
            jc: "center",
            indent_chars: 0,
            line: 1200,
            border: "",
            keep_next: true,
        }
        .xml(&run(doc.masthead, fonts::TITLE, sizes::MASTHEAD, Some(RED))),
    );
    b.push_str(
        &Para {
            jc: "center",
            indent_chars: 0,
            line: LINE_PITCH,
            border: "",
            keep_next: true,
        }
        .xml(&run(doc.number, fonts::BODY, sizes::BODY, None)),
    );
    let rule = format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{RED}"/></w:pBdr>"#);
    b.push_str(
        &Para {
            jc: "left",
            indent_chars: 0,
            line: LINE_PITCH,
            border: &rule,
            keep_next: true,
        }
        .xml(&format!(
            r#"{}<w:r><w:tab/></w:r>{}"#,
            run(doc.issuer, fonts::BODY, sizes::BODY, None),
            run(doc.date, fonts::BODY, sizes::BODY, None)
        ))
        .replace(
            "<w:jc w:val=\"left\"/>",
            r#"<w:tabs><w:tab w:val="right" w:pos="8845"/></w:tabs><w:jc w:val="left"/>"#,
        ),
    );
    b.push_str(&empty_line());
    // 标题: 2号小标宋, centred, one line per line of the title.
    for l in doc.title.lines() {
        b.push_str(
            &Para {
                jc: "center",
                indent_chars: 0,
                line: 700,
                border: "",
                keep_next: true,
            }
            .xml(&run(l, fonts::TITLE, sizes::TITLE, None)),
        );
    }
    b.push_str(&empty_line());
    for (i, block) in doc.body.iter().enumerate() {
        match block {
            Block::Heading(t) => b.push_str(
                &Para {
                    keep_next: true,
                    ..Para::body()
                }
                .xml(&run(t, fonts::HEADING, sizes::BODY, None)),
            ),
            Block::Subheading(t) => b.push_str(
                &Para {
                    keep_next: true,
                    ..Para::body()
                }
                .xml(&run(t, fonts::SUBHEADING, sizes::BODY, None)),
            ),
            // The salutation (主送机关) is flush left.
            Block::Paragraph(t) if i == 0 && t.ends_with('：') => b.push_str(
                &Para {
                    indent_chars: 0,
                    ..Para::body()
                }
                .xml(&run(t, fonts::BODY, sizes::BODY, None)),
            ),
            Block::Paragraph(t) => b.push_str(&Para::body().xml(&run(t, fonts::BODY, sizes::BODY, None))),
            Block::Table(rows) => b.push_str(&table(rows)),
        }
    }
    b.push_str(&empty_line());
    b.push_str(&colophon(doc));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{b}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{pitch}"/></w:sectPr></w:body></w:document>"#,
        top = margins::TOP,
        right = margins::RIGHT,
        bottom = margins::BOTTOM,
        left = margins::LEFT,
        pitch = LINE_PITCH,
    )
}

fn empty_line() -> String {
    Para {
        indent_chars: 0,
        ..Para::body()
    }
    .xml("")
}

/// A table in 4号仿宋 with single borders; its first row is the header, in 黑体.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    // The text block is 156 mm = 8845 twips wide; the first column (a name) gets two shares.
    let share = 8845 / (cols as u32 + 1);
    let widths: Vec<u32> = (0..cols)
        .map(|c| match c {
            0 if cols > 1 => 8845 - share * (cols as u32 - 1),
            _ if cols == 1 => 8845,
            _ => share,
        })
        .collect();
    let grid: String = widths.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let mut t = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="8845" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/><w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/></w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for (i, row) in rows.iter().enumerate() {
        let font = if i == 0 { fonts::HEADING } else { fonts::BODY };
        t.push_str(if i == 0 {
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for (c, width) in widths.iter().enumerate() {
            let text = row.get(c).map(String::as_str).unwrap_or("");
            let p = Para {
                jc: "center",
                indent_chars: 0,
                line: 400,
                border: "",
                keep_next: false,
            }
            .xml(&run(text, font, sizes::SMALL, None));
            t.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p}</w:tc>"#
            ));
        }
        t.push_str("</w:tr>");
    }
    t.push_str("</w:tbl>");
    t
}

/// 版记: 抄送 and 印发 between rules, thick first and last, thin between.
fn colophon(doc: &OfficialDoc) -> String {
    let rule = |side: &str, sz: u32| {
        format!(r#"<w:pBdr><w:{side} w:val="single" w:sz="{sz}" w:space="1" w:color="000000"/></w:pBdr>"#)
    };
    let mut out = String::new();
    let printed = format!(
        r#"{}<w:r><w:tab/></w:r>{}"#,
        run(doc.printed_by, fonts::BODY, sizes::SMALL, None),
        run(&format!("{}印发", doc.printed_on), fonts::BODY, sizes::SMALL, None)
    );
    let tabs = r#"<w:tabs><w:tab w:val="right" w:pos="8565"/></w:tabs>"#;
    if !doc.cc.trim().is_empty() {
        let top = rule("top", 8);
        out.push_str(
            &Para {
                jc: "left",
                indent_chars: 0,
                line: LINE_PITCH,
                border: &top,
                keep_next: true,
            }
            .xml(&run(
                &format!("抄送：{}", doc.cc.trim()),
                fonts::BODY,
                sizes::SMALL,
                None,
            )),
        );
    }
    let borders = if doc.cc.trim().is_empty() {
        r#"<w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/></w:pBdr>"#.to_string()
    } else {
        r#"<w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/></w:pBdr>"#.to_string()
    };
    out.push_str(
        &Para {
            jc: "left",
            indent_chars: 0,
            line: LINE_PITCH,
            border: &borders,
            keep_next: false,
        }
        .xml(&printed)
        .replace(
            "<w:jc w:val=\"left\"/>",
            &format!("{tabs}<w:ind w:left=\"280\"/><w:jc w:val=\"left\"/>"),
        ),
    );
    out
}

/// A footer with the page number as `— 1 —`, right on odd pages and left on even ones, a
/// character in from the edge.
fn footer(odd: bool) -> String {
    let (jc, ind) = if odd {
        ("right", r#"<w:ind w:right="280"/>"#)
    } else {
        ("left", r#"<w:ind w:left="280"/>"#)
    };
    let r = rpr(fonts::PAGE_NUMBER, sizes::SMALL, None);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr>{ind}<w:jc w:val="{jc}"/></w:pPr><w:r>{r}<w:t xml:space="preserve">— </w:t></w:r><w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{r}<w:t>1</w:t></w:r><w:r>{r}<w:fldChar w:fldCharType="end"/></w:r><w:r>{r}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#,
        rpr(fonts::BODY, sizes::BODY, None)
    )
}

fn core(doc: &OfficialDoc) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        esc(doc.title),
        esc(doc.issuer)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>"#;

#[cfg(test)]
mod tests;
