//! Word's automatic numbering (`word/numbering.xml`): the number a numbered paragraph shows
//! (一、 (一) 1. (1) ①) is not in its text, so it is rebuilt from the list's level formats and
//! counters — otherwise an outline typed with Word's numbering would lose its structure.

use std::collections::HashMap;

use quick_xml::{Reader, events::Event};

/// One level of a list: its number format and the text around the number (`%1、`).
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of a document and their counters.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// (numId) → counters by level.
    counters: HashMap<String, [u32; 9]>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.value.to_string())
}

impl Numbering {
    /// Reads `word/numbering.xml`; a malformed file gives no formats (levels then fall back to
    /// 一、 (一) 1. (1)).
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut lvl: Option<u8> = None;
        let mut num: Option<String> = None;
        while let Ok(ev) = reader.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                    "abstractNum" => abs = attr(&e, "abstractNumId"),
                    "lvl" => lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "numFmt" | "lvlText" | "start" => {
                        if let (Some(a), Some(l), Some(v)) = (&abs, lvl, attr(&e, "val")) {
                            let level = n.abstracts.entry(a.clone()).or_default().entry(l).or_default();
                            match e.local_name().into_inner() {
                                "numFmt" => level.format = v,
                                "lvlText" => level.text = v,
                                _ => level.start = v.parse().unwrap_or(1),
                            }
                        }
                    }
                    "num" => num = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num, attr(&e, "val")) {
                            n.nums.insert(id.clone(), v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().into_inner() {
                    "abstractNum" => abs = None,
                    "lvl" => lvl = None,
                    "num" => num = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        n
    }

    fn level(&self, num_id: &str, ilvl: u8) -> Option<&Level> {
        self.abstracts.get(self.nums.get(num_id)?)?.get(&ilvl)
    }

    /// The marker the next paragraph of list `num_id` at level `ilvl` shows, counting it.
    /// Bullets give none.
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let i = usize::from(ilvl.min(8));
        let starts: Vec<u32> = (0..9u8)
            .map(|l| self.level(num_id, l).map_or(1, |x| x.start.max(1)))
            .collect();
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        counters[i] = if counters[i] == 0 { starts[i] } else { counters[i] + 1 };
        for (deeper, start) in counters.iter_mut().zip(&starts).skip(i + 1) {
            let _ = start;
            *deeper = 0;
        }
        let counters = *counters;
        let Some(level) = self.level(num_id, ilvl).cloned() else {
            return Some(default_marker(ilvl, counters[i]));
        };
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut text = if level.text.is_empty() {
            format!("%{}.", i + 1)
        } else {
            level.text.clone()
        };
        for l in (0..9usize).rev() {
            let key = format!("%{}", l + 1);
            if text.contains(&key) {
                let format = self
                    .level(num_id, l as u8)
                    .map(|x| x.format.clone())
                    .unwrap_or_default();
                text = text.replace(&key, &format_number(counters[l].max(1), &format));
            }
        }
        Some(text)
    }
}

/// 一、 (一) 1. (1) by level, when the list's formats are unknown.
fn default_marker(ilvl: u8, n: u32) -> String {
    match ilvl {
        0 => format!("{}、", chinese(n)),
        1 => format!("（{}）", chinese(n)),
        2 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// A number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        f if f.starts_with("chinese")
            || f.starts_with("ideograph")
            || f.starts_with("japanese")
            || f == "taiwaneseCounting" =>
        {
            chinese(n)
        }
        f if f.starts_with("decimalEnclosedCircle") => char::from_u32(0x2460 + n.saturating_sub(1))
            .filter(|_| (1..=20).contains(&n))
            .map_or(n.to_string(), |c| c.to_string()),
        "lowerLetter" => {
            char::from_u32(u32::from(b'a') + (n.saturating_sub(1) % 26)).map_or(n.to_string(), |c| c.to_string())
        }
        "upperLetter" => {
            char::from_u32(u32::from(b'A') + (n.saturating_sub(1) % 26)).map_or(n.to_string(), |c| c.to_string())
        }
        _ => n.to_string(),
    }
}

/// The outline number of the `n`th item (from 1) at `depth` (0 for the top) as a table's 序号
/// column writes it: 一, (一), 1, (1), ①.
pub fn outline_number(depth: usize, n: u32) -> String {
    match depth {
        0 => chinese(n),
        1 => format!("（{}）", chinese(n)),
        2 => n.to_string(),
        3 => format!("（{n}）"),
        _ => char::from_u32(0x2460 + n.saturating_sub(1))
            .filter(|_| (1..=20).contains(&n))
            .map_or(n.to_string(), |c| c.to_string()),
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99).
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_list_formats_and_restart_below() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="7">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;
        let mut n = Numbering::parse(xml);
        let seq: Vec<Option<String>> = [(0, "3"), (1, "3"), (2, "3"), (2, "3"), (1, "3"), (2, "3"), (0, "3")]
            .iter()
            .map(|(l, id)| n.next(id, *l))
            .collect();
        let want = ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、"];
        assert_eq!(seq, want.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>());
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(30), "三十");
    }

    #[test]
    fn without_formats_levels_fall_back_to_the_usual_outline() {
        let mut n = Numbering::default();
        assert_eq!(n.next("1", 0).as_deref(), Some("一、"));
        assert_eq!(n.next("1", 1).as_deref(), Some("（一）"));
        assert_eq!(n.next("0", 0), None, "numId 0 switches numbering off");
    }
}
