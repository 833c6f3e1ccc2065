//! Task-division documents (任务分工方案): items numbered in outline levels — 一、 (一) 1. (1)
//! ① — each with its owners (lines, a trailing bracket or a trailing parenthesis) and its
//! deadline. Levels follow the order in which the numbering styles first appear, so a document
//! that starts at (一) or 1. reads as well as one that starts at 一、.

use std::sync::OnceLock;

use regex::Regex;

use crate::{
    ItemKind, Proposal,
    chars::{Text, trim_span},
    deadline::{self, Deadline},
    indicator,
    lexicon::domain_of,
    owners::{self, Field, Owners},
    units,
};

/// A numbering style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Chinese,
    ParenChinese,
    Arabic,
    ParenArabic,
    Circled,
}

fn marker_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^(?:([一二三四五六七八九十百零]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d{1,3})(?:[\.．、](?:\s|[^\d])|\s)|[（(](\d{1,3})[)）]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))").ok()
    })
    .as_ref()
}

/// A numbering marker at the start of `s`: its style, its number as written, and its length in
/// characters (the number and its punctuation).
pub(crate) fn marker(s: &str) -> Option<(Style, String, usize)> {
    let c = marker_re()?.captures(s)?;
    let (style, number) = if let Some(m) = c.get(1) {
        (Style::Chinese, m.as_str().to_string())
    } else if let Some(m) = c.get(2) {
        (Style::ParenChinese, format!("({})", m.as_str()))
    } else if let Some(m) = c.get(3) {
        (Style::Arabic, m.as_str().to_string())
    } else if let Some(m) = c.get(4) {
        (Style::ParenArabic, format!("({})", m.as_str()))
    } else {
        (Style::Circled, c.get(5)?.as_str().to_string())
    };
    let whole = c.get(0)?.as_str();
    // The Arabic pattern looks one character past the dot; that character is the text's.
    let len = match style {
        Style::Arabic => {
            let n = number.chars().count();
            let next = whole.chars().nth(n);
            if matches!(next, Some('.' | '．' | '、')) {
                n + 1
            } else {
                n
            }
        }
        _ => whole.chars().count(),
    };
    Some((style, number, len))
}

/// An owner line: `牵头单位:A、B` → (field, value).
fn owner_line(line: &str) -> Option<(Field, &str)> {
    let (label, value) = line
        .trim()
        .trim_start_matches(['(', '（', '[', '【'])
        .split_once([':', '：'])?;
    let f = owners::field(label)?;
    Some((f, value.trim().trim_end_matches([')', '）', ']', '】'])))
}

/// Lines of the text with their character ranges.
fn lines(t: &Text<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.s.chars().enumerate() {
        if c == '\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, t.len()));
    out
}

/// Parentheses that name owners: `(A、B牵头,C按职责分工负责)`, `(市医保局负责)`.
fn owner_parentheses(s: &str) -> usize {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[（(][^（）()]{0,60}?(?:牵头|负责|配合)[^（）()]{0,40}[）)]").ok())
        .as_ref()
        .map_or(0, |re| re.find_iter(s).count())
}

/// Whether the text is a task-division document: several numbered lines, or owner lines.
pub fn is_division(t: &Text<'_>) -> bool {
    let ls = lines(t);
    let numbered = ls
        .iter()
        .filter(|(a, b)| marker(t.slice(*a, *b).trim_start()).is_some())
        .count();
    let owner_lines = ls.iter().filter(|(a, b)| owner_line(t.slice(*a, *b)).is_some()).count();
    // Owner notes: labelled fields, or a parenthesis closing with 牵头/负责.
    let brackets = t.s.matches("单位:").count() + t.s.matches("单位：").count() + owner_parentheses(t.s);
    // Numbered sections whose words direct with a subject and a modal (一、市住建局要…; a
    // notice's 一、提早做好供热准备 followed by 市城管局…要…) are the decisions of a meeting
    // summary or a notice: read as narrative, sentence by sentence.
    let items = starts(t);
    let directing = items
        .iter()
        .enumerate()
        .filter(|(i, st)| {
            let end = items.get(i + 1).map_or(t.len(), |n| n.at);
            let body = t.slice(st.at, end);
            body.split(['。', '；', '，', '\n'])
                .any(|clause| crate::directive::modal_end(clause).is_some_and(|m| m <= 12))
        })
        .count();
    // 一、关于防汛工作: the topics of a meeting summary.
    let topics = items
        .iter()
        .filter(|st| t.slice(st.at + st.marker_len, t.len()).trim_start().starts_with("关于"))
        .count();
    let summary = owner_lines == 0 && brackets < 2 && (directing * 2 >= numbered || topics * 2 >= numbered);
    numbered >= 3 && !summary && (owner_lines >= 1 || brackets >= 2 || numbered >= 5)
}

/// An item's start: the character where its marker begins and the marker.
struct Start {
    at: usize,
    style: Style,
    number: String,
    marker_len: usize,
}

fn starts(t: &Text<'_>) -> Vec<Start> {
    let mut out = Vec::new();
    for (a, b) in lines(t) {
        let line = t.slice(a, b);
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        if let Some((style, number, len)) = marker(&line.chars().skip(lead).collect::<String>()) {
            out.push(Start {
                at: a + lead,
                style,
                number,
                marker_len: len,
            });
        }
        // Numbered sub-items may also follow a sentence on the same line: …。(2)…
        let cs: Vec<char> = line.chars().collect();
        for i in 1..cs.len() {
            if matches!(cs[i - 1], '。' | '；' | ';') && matches!(cs[i], '(' | '（' | '①'..='⑳') {
                let rest: String = cs[i..].iter().collect();
                if let Some((style @ (Style::ParenArabic | Style::Circled), number, len)) = marker(&rest) {
                    out.push(Start {
                        at: a + i,
                        style,
                        number,
                        marker_len: len,
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| s.at);
    out
}

/// The owners, deadline and title of an item's text.
struct Fields {
    owners: Owners,
    deadline: Option<Deadline>,
    title: String,
}

fn fields(body: &str, year: i32) -> Fields {
    let mut owners = Owners::default();
    let mut helpers = Owners::default();
    let mut deadline_words: Option<String> = None;
    let mut text_lines = Vec::new();
    let mut last: Option<Field> = None;
    let apply =
        |f: Field, v: &str, owners: &mut Owners, helpers: &mut Owners, deadline_words: &mut Option<String>| match f {
            Field::Deadline => *deadline_words = Some(v.to_string()),
            Field::Leader => {}
            Field::Co => helpers.merge(owners::from_field(Field::Co, v)),
            f => owners.merge(owners::from_field(f, v)),
        };
    for line in body.lines() {
        match owner_line(line) {
            Some((f, v)) => {
                last = Some(f);
                apply(f, v, &mut owners, &mut helpers, &mut deadline_words);
            }
            // A list of units may go on over the following lines.
            None if last.is_some_and(|f| matches!(f, Field::Lead | Field::Responsible | Field::Co))
                && units::looks_like_unit(line.trim()) =>
            {
                if let Some(f) = last {
                    apply(f, line.trim(), &mut owners, &mut helpers, &mut deadline_words);
                }
            }
            // Owner fields after the item's words on the same line.
            None if owners::inline_fields(line).is_some() => {
                last = None;
                if let Some((at, o, d)) = owners::inline_fields(line) {
                    text_lines.push(line[..at].trim());
                    owners.merge(o);
                    if d.is_some() {
                        deadline_words = d;
                    }
                }
            }
            None => {
                last = None;
                text_lines.push(line.trim());
            }
        }
    }
    // Owner notes and deadlines in brackets or parentheses, wherever they stand in the text.
    let mut text = String::new();
    for piece in groups(&text_lines.join("")) {
        match piece {
            Piece::Text(t) => text.push_str(&t),
            Piece::Group(open, inner, close) => {
                if let Some((o, d)) = owners::from_bracket(&inner) {
                    owners.merge(o);
                    if d.is_some() {
                        deadline_words = d;
                    }
                } else if let Some(o) = owners::from_parenthesis(&inner) {
                    owners.merge(o);
                    if let Some(seg) = inner
                        .split([',', '，', ';', '；'])
                        .find(|s| deadline::find(s, year).is_some())
                    {
                        deadline_words = Some(seg.to_string());
                    }
                } else if inner.chars().count() <= 20
                    && deadline::find(&inner, year).is_some_and(|(_, a, b)| b - a + 4 >= inner.len())
                {
                    deadline_words = Some(inner);
                } else {
                    text.push(open);
                    text.push_str(&inner);
                    text.push(close);
                }
            }
        }
    }
    let lead_named = body.lines().filter_map(owner_line).any(|(f, _)| f == Field::Lead);
    let owners = owners::responsible_lead_when_helpers_named(owners, &helpers, &lead_named);
    let mut owners = owners.settle();
    owners.merge(Owners {
        lead: vec![],
        co: helpers.co,
    });
    let owners = owners.settle();
    let deadline = deadline_words
        .as_deref()
        .and_then(|w| deadline::find(w, year).map(|(d, _, _)| d))
        .or_else(|| deadline::find(&text, year).map(|(d, _, _)| d));
    let title = text
        .split(['。'])
        .next()
        .unwrap_or(&text)
        .trim()
        .trim_end_matches(['；', ';', '，', ','])
        .to_string();
    Fields {
        owners,
        deadline,
        title,
    }
}

/// Text and the bracketed groups in it.
enum Piece {
    Text(String),
    Group(char, String, char),
}

/// Splits text into plain runs and top-level bracketed groups: ( ) （ ） [ ] 【 】 ［ ］.
fn groups(s: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut inner = String::new();
    let mut depth = 0usize;
    let mut open = ' ';
    for c in s.chars() {
        let opening = matches!(c, '(' | '（' | '[' | '【' | '［');
        let closing = matches!(c, ')' | '）' | ']' | '】' | '］');
        if depth == 0 && opening {
            out.push(Piece::Text(std::mem::take(&mut cur)));
            open = c;
            depth = 1;
        } else if depth > 0 && opening {
            depth += 1;
            inner.push(c);
        } else if depth > 0 && closing {
            depth -= 1;
            if depth == 0 {
                out.push(Piece::Group(open, std::mem::take(&mut inner), c));
            } else {
                inner.push(c);
            }
        } else if depth > 0 {
            inner.push(c);
        } else {
            cur.push(c);
        }
    }
    if depth > 0 {
        cur.push(open);
        cur.push_str(&inner);
    }
    out.push(Piece::Text(cur));
    out
}

/// Where an item's text ends once a signature after it is cut off: the issuing body and the
/// date, each on a line of its own (`云州市人民政府办公室` / `2020年2月18日`), or the date alone.
fn without_signature(t: &Text<'_>, from: usize, to: usize) -> usize {
    let text = t.slice(from, to);
    let lines: Vec<&str> = text.lines().collect();
    let is_date = |l: &str| {
        let l = l.trim();
        !l.is_empty() && crate::date_of(l).is_some() && l.chars().count() <= 12
    };
    let mut keep = lines.len();
    if keep > 1 && is_date(lines[keep - 1]) {
        keep -= 1;
        while keep > 1 && {
            let l = lines[keep - 1].trim();
            l.is_empty() || (units::looks_like_unit(l) && !l.contains(['：', ':']))
        } {
            keep -= 1;
        }
    }
    if keep == lines.len() {
        return to;
    }
    let kept: usize = lines[..keep].iter().map(|l| l.chars().count() + 1).sum::<usize>();
    trim_span(t, from, (from + kept).min(to), &[]).1
}

/// Every numbered item of a task-division document, parents before children.
pub fn parse(t: &Text<'_>, year: i32) -> Vec<Proposal> {
    let starts = starts(t);
    let mut styles: Vec<Style> = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Proposal> = Vec::new();
    for (i, st) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map(|n| n.at).unwrap_or(t.len());
        let (a, b) = trim_span(t, st.at, end, &[]);
        let b = without_signature(t, st.at + st.marker_len, b);
        let body = t.slice(st.at + st.marker_len, b);
        if !styles.contains(&st.style) {
            styles.push(st.style);
        }
        // A style's rank is the order it first appears in; an item's level is how deep it
        // sits under items of higher rank (三、 followed directly by 1. puts 1. at level 2).
        let rank = styles.iter().position(|s| *s == st.style).unwrap_or(0);
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            stack.pop();
        }
        let parent = stack.last().map(|(_, idx)| *idx);
        let level = u8::try_from(stack.len() + 1).unwrap_or(u8::MAX);
        let mut f = fields(body, year);
        // A sub-item that names no owner is its parent's work.
        if f.owners.is_empty()
            && let Some(p) = parent.and_then(|p| out.get(p))
        {
            f.owners = Owners {
                lead: p.lead_units.clone(),
                co: p.co_units.clone(),
            };
        }
        let ind = indicator::find(&f.title).map(|(x, _, _)| x);
        let mut mentioned = f.owners.lead.clone();
        mentioned.extend(f.owners.co.iter().cloned());
        for u in units::mentions(body) {
            if !mentioned.contains(&u) {
                mentioned.push(u);
            }
        }
        let kind = if ind.is_some() {
            ItemKind::Indicator
        } else if ["成立", "组建", "设立"].iter().any(|v| f.title.contains(v))
            && crate::lexicon::TASK_FORCE_NOUNS.iter().any(|n| f.title.contains(n))
        {
            ItemKind::TaskForce
        } else {
            ItemKind::Task
        };
        let domain = domain_of(&f.title)
            .map(str::to_string)
            .or_else(|| parent.and_then(|p| out.get(p).and_then(|x: &Proposal| x.domain.clone())));
        stack.push((rank, out.len()));
        out.push(Proposal {
            kind,
            title: f.title,
            span: (a, b),
            level,
            number: st.number.clone(),
            parent,
            lead_units: f.owners.lead,
            co_units: f.owners.co,
            units: mentioned,
            deadline: f.deadline,
            indicator: ind,
            domain,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_every_style_are_read() {
        let m = |s: &str| marker(s);
        assert_eq!(m("一、总体要求"), Some((Style::Chinese, "一".into(), 2)));
        assert_eq!(m("（三）重点任务"), Some((Style::ParenChinese, "(三)".into(), 3)));
        assert_eq!(m("12.推进"), Some((Style::Arabic, "12".into(), 3)));
        assert_eq!(m("(2)完成"), Some((Style::ParenArabic, "(2)".into(), 3)));
        assert_eq!(m("③建设"), Some((Style::Circled, "③".into(), 1)));
        assert_eq!(m("2020年完成"), None, "a year is not a number");
        assert_eq!(m("6.2%左右"), None, "a decimal is not a number");
    }
}
