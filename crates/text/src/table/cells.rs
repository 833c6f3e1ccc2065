//! What one cell of a table says: the units of an owner cell (several in one cell, with notes
//! such as “分别牵头” or “列第一位的为牵头单位”), the people of a leader cell, a deadline cell
//! (words or a spreadsheet's date number), and whether a row is a footnote or a signature.

use crate::{
    deadline::{self, Deadline},
    owners::{self, Owners},
};

/// Notes written inside an owner cell that say who leads but are not units.
const NOTES: &[&str] = &[
    "列第一位的为牵头单位",
    "排在第一位的为牵头单位",
    "排第一位的为牵头单位",
    "第一个为牵头单位",
    "排名第一的为牵头单位",
    "分别牵头",
    "分别负责",
    "按职责分工负责",
    "按职责负责",
];

/// Owners from an owner cell of `lead` (牵头单位 column) or not (责任 or 配合 columns). A
/// cell may say itself who leads: `市发改委牵头，市财政局配合`.
pub fn units(cell: &str, lead: bool) -> Owners {
    let mut s = cell.to_string();
    for n in NOTES {
        s = s.replace(&format!("（{n}）"), "").replace(&format!("({n})"), "");
    }
    let each_leads = s.contains("分别牵头") || s.contains("分别负责");
    for n in NOTES {
        s = s.replace(n, "");
    }
    let s = s.trim();
    if s.is_empty() {
        return Owners::default();
    }
    let marked = ["牵头", "配合", "参与", "协助", "负责"].iter().any(|m| s.contains(m));
    if marked && let Some(o) = owners::from_parenthesis(s) {
        return o;
    }
    let names = owners::split_units(s);
    if lead || each_leads {
        Owners {
            lead: names,
            co: vec![],
        }
    } else {
        Owners {
            lead: vec![],
            co: names,
        }
    }
}

/// The people named in a leader cell: `王市长、李副市长` → both, titles kept for matching.
pub fn people(cell: &str) -> Vec<String> {
    owners::split_units(cell)
        .into_iter()
        .map(|p| p.replace(['（', '）', '(', ')'], "").trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A deadline cell: words (`9月底前`, `2020.10`, `长期坚持`) or a date number a spreadsheet
/// left in a cell formatted as a number.
pub fn deadline(cell: &str, year: i32) -> Option<Deadline> {
    let t = cell.trim();
    if t.len() == 5
        && t.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = t.parse::<f64>()
        && (20_000.0..80_000.0).contains(&n)
    {
        return deadline::from_serial(n).map(|d| Deadline {
            text: t.to_string(),
            date: Some(d),
            ongoing: false,
        });
    }
    deadline::find(t, year).map(|(d, _, _)| d)
}

/// Words that start a footnote, a note on the table, or a signature row.
const FOOT: &[&str] = &[
    "注：",
    "注:",
    "注1",
    "注 ",
    "备注：",
    "说明：",
    "填表说明",
    "填报说明",
    "填表人",
    "填报人",
    "制表人",
    "制表：",
    "联系人",
    "审核人",
    "审核：",
    "负责人：",
    "签字",
    "联系电话",
    "单位盖章",
    "（盖章）",
    "(盖章)",
];

/// Whether a row whose first words are `first` is a footnote or signature rather than a task.
pub fn is_foot(first: &str) -> bool {
    let t = first.trim_start();
    FOOT.iter().any(|f| t.starts_with(f)) || t == "注"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_cells_with_several_units_and_notes() {
        let u = |c, l| units(c, l);
        assert_eq!(
            u("市发改委、市财政局\n市自然资源局", false).co,
            ["市发改委", "市财政局", "市自然资源局"]
        );
        assert_eq!(u("市发改委；市财政局", true).lead, ["市发改委", "市财政局"]);
        let o = u("市发改委、市财政局分别牵头", false);
        assert_eq!(o.lead, ["市发改委", "市财政局"]);
        let o = u("市住建局（列第一位的为牵头单位）、市城管局", false);
        assert_eq!(o.co, ["市住建局", "市城管局"]);
        let o = u("市应急局牵头，市公安局、市消防救援支队配合", false);
        assert_eq!(o.lead, ["市应急局"]);
        assert_eq!(o.co, ["市公安局", "市消防救援支队"]);
        assert!(u(" ", true).is_empty());
    }

    #[test]
    fn deadline_cells_in_words_and_numbers() {
        let d = |c| deadline(c, 2020).and_then(|d| d.date).map(|d| d.to_string());
        assert_eq!(d("44135").as_deref(), Some("2020-10-31"));
        assert_eq!(d("2020.10").as_deref(), Some("2020-10-31"));
        assert_eq!(d("9月底").as_deref(), Some("2020-09-30"));
        assert_eq!(d("三季度").as_deref(), Some("2020-09-30"));
        assert_eq!(d("上半年").as_deref(), Some("2020-06-30"));
        assert_eq!(d("年内").as_deref(), Some("2020-12-31"));
        assert_eq!(d("全年").as_deref(), Some("2020-12-31"));
        assert!(deadline("长期坚持", 2020).is_some_and(|d| d.ongoing));
        assert!(deadline("持续推进", 2020).is_some_and(|d| d.ongoing));
        assert_eq!(d("12345"), None);
    }

    #[test]
    fn footnotes_and_signatures() {
        assert!(is_foot("注：列第一位的为牵头单位"));
        assert!(is_foot("填表人：张三"));
        assert!(!is_foot("注重实效推进改革"));
    }
}
