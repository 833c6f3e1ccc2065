//! Files fuzzed on stable Rust (issue 18): arbitrary bytes under any name, real workbooks and
//! Word documents with bytes flipped or cut, and arbitrary valid sheets (random cells, merged
//! ranges, numbers) — reading them never panics, and a valid sheet always reads back.
//! `PROPTEST_CASES` sets how many inputs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use luoshi_office::tables::read_tables;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};

fn sheet(cells: &[(u32, u16, String)], merges: &[(u32, u16, u32, u16)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    let mut taken: Vec<(u32, u16, u32, u16)> = Vec::new();
    for &(r0, c0, h, w) in merges {
        let (r1, c1) = (r0 + h, c0 + w);
        let overlaps = taken
            .iter()
            .any(|&(a0, b0, a1, b1)| r0 <= a1 && a0 <= r1 && c0 <= b1 && b0 <= c1);
        if (h, w) != (0, 0) && !overlaps && ws.merge_range(r0, c0, r1, c1, "合并", &f).is_ok() {
            taken.push((r0, c0, r1, c1));
        }
    }
    for (r, c, v) in cells {
        if taken
            .iter()
            .any(|&(a0, b0, a1, b1)| (a0..=a1).contains(r) && (b0..=b1).contains(c))
        {
            continue;
        }
        let _ = match v.parse::<f64>() {
            Ok(n) if n.is_finite() => ws.write_number(*r, *c, n).map(|_| ()),
            _ => ws.write_string(*r, *c, v).map(|_| ()),
        };
    }
    book.save_to_buffer().unwrap_or_default()
}

fn docx_bytes() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        write!(z, "<w:document xmlns:w=\"w\"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>重点任务</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>").unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

const WORDS: &[&str] = &[
    "序号",
    "重点任务",
    "牵头单位",
    "完成时限",
    "市发改委",
    "9月底前",
    "一、总体",
    "1",
    "44135",
    "=1+1",
    "",
];

fn cells() -> impl Strategy<Value = Vec<(u32, u16, String)>> {
    proptest::collection::vec(
        (
            0u32..40,
            0u16..10,
            prop_oneof![proptest::sample::select(WORDS).prop_map(str::to_string), ".{0,20}"],
        ),
        0..120,
    )
}

proptest! {
    #[test]
    fn any_bytes_under_any_name_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        name in prop_oneof![Just("a.xlsx"), Just("a.csv"), Just("a.docx"), Just("a.xls"), Just("a")],
    ) {
        let _ = read_tables(&bytes, name);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&bytes);
        let _ = read_tables(&zipped, name);
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(&bytes);
        let _ = read_tables(&ole, name);
    }

    #[test]
    fn valid_files_damaged_never_panic(
        cells in cells(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        for mut bytes in [sheet(&cells, &[]), docx_bytes()] {
            for (at, b) in &flips {
                let i = at.index(bytes.len());
                bytes[i] ^= b | 1;
            }
            let _ = read_tables(&bytes, "x.xlsx");
            let n = cut.index(bytes.len());
            let _ = read_tables(&bytes[..n], "x.xlsx");
        }
    }

    #[test]
    fn any_valid_sheet_reads_back(
        cells in cells(),
        merges in proptest::collection::vec((0u32..40, 0u16..10, 0u32..4, 0u16..4), 0..10),
    ) {
        let bytes = sheet(&cells, &merges);
        let found = read_tables(&bytes, "x.xlsx").expect("a valid sheet reads");
        prop_assert_eq!(found.len(), 1);
        if let Some(x) = luoshi_text::table::extract(&found[0].grid, 2020, &[]) {
            for (i, p) in x.items.iter().enumerate() {
                prop_assert!(p.parent.is_none_or(|q| q < i));
            }
        }
    }
}
