//! The official layout written and read back.
use std::io::{Cursor, Read};

use luoshi_domain::blocks;

use super::*;

fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn sample() -> Vec<u8> {
    let body = blocks(
        "各县（区）人民政府，市直各有关单位：\n现将情况通报如下。<注意>&\n一、总体情况\n（一）超期任务\n| 单位 | 超期 |\n| 市住建局 | 2 |\n",
    );
    official_docx(&OfficialDoc {
        masthead: "督查通报",
        number: "2020年第3期",
        issuer: "云州市人民政府督查室",
        date: "2020年6月30日",
        title: "关于2020年6月重点工作推进情况的通报",
        body: &body,
        cc: "市委办公室。",
        printed_by: "云州市人民政府督查室",
        printed_on: "2020年6月30日",
    })
    .unwrap()
}

#[test]
fn the_document_reads_back_with_our_own_reader() {
    let text = crate::docx_text(&sample()).unwrap();
    for want in [
        "督查通报",
        "2020年第3期",
        "关于2020年6月重点工作推进情况的通报",
        "现将情况通报如下。<注意>&",
        "一、总体情况",
        "（一）超期任务",
        "市住建局",
        "抄送：市委办公室。",
        "2020年6月30日印发",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
}

#[test]
fn the_layout_follows_gb_t_9704() {
    let bytes = sample();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    // Masthead red, title 2号小标宋, headings 黑体 and 楷体, body 3号仿宋.
    assert!(doc.contains(r#"w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/>"#));
    assert!(doc.contains(
        r#"w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr><w:t xml:space="preserve">关于"#
    ));
    assert!(doc.contains(r#"w:eastAsia="黑体" w:cs="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">一、总体情况"#));
    assert!(doc.contains(r#"w:eastAsia="楷体_GB2312" w:cs="楷体_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">（一）"#));
    assert!(doc.contains(r#"w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">现将"#));
    assert!(doc.contains("&lt;注意&gt;&amp;"));
    // GB/T 9704: body paragraphs and headings start two characters in (32 pt = 640 twips,
    // given in twips too, which LibreOffice reads); the salutation is flush left.
    let indent = r#"<w:ind w:firstLine="640" w:firstLineChars="200"/>"#;
    for start in ["现将", "一、总体情况", "（一）"] {
        let at = doc.find(&format!(r#"<w:t xml:space="preserve">{start}"#)).unwrap();
        let para = &doc[doc[..at].rfind("<w:p>").unwrap()..at];
        assert!(para.contains(indent), "{start}: {para}");
    }
    let at = doc.find("各县（区）人民政府").unwrap();
    assert!(!doc[doc[..at].rfind("<w:p>").unwrap()..at].contains("<w:ind"));
    // Odd pages right, even pages left, as — 1 —.
    assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let odd = part(&bytes, "word/footer1.xml");
    assert!(odd.contains(r#"<w:jc w:val="right"/>"#) && odd.contains(" PAGE ") && odd.contains("— "));
    assert!(part(&bytes, "word/footer2.xml").contains(r#"<w:jc w:val="left"/>"#));
}

#[test]
fn a_task_table_in_our_own_document_reads_back_as_tasks() {
    let body = blocks(
        "现将任务分解如下。\n| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n| 1 | 推行“一件事一次办” | 市行政审批服务管理局 | 市发改委、市司法局 | 2020年9月底前 |\n| 2 | 开展涉企收费专项清理 | 市发展和改革委员会 | 市财政局 | 长期坚持 |\n",
    );
    let bytes = official_docx(&OfficialDoc {
        masthead: "督查通报",
        number: "2020年第4期",
        issuer: "云州市人民政府督查室",
        date: "2020年7月1日",
        title: "关于印发任务分解表的通知",
        body: &body,
        cc: "",
        printed_by: "云州市人民政府督查室",
        printed_on: "2020年7月1日",
    })
    .unwrap();
    let found = crate::tables::read_tables(&bytes, "通知.docx").unwrap();
    let x = found
        .iter()
        .find_map(|f| luoshi_text::table::extract(&f.grid, 2020, &[]))
        .expect("the table has a header");
    assert_eq!(x.items.len(), 2);
    assert_eq!(x.items[0].title, "推行“一件事一次办”");
    assert_eq!(x.items[0].co_units, ["市发改委", "市司法局"]);
    assert_eq!(
        x.items[0].deadline.as_ref().map(luoshi_text::deadline::label),
        Some("2020-09-30".to_string())
    );
    assert!(x.items[1].deadline.as_ref().is_some_and(|d| d.ongoing));
}
