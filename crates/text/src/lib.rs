//! Chinese plan text → proposed tasks. Two kinds of text are read: task-division documents
//! (任务分工方案: numbered items in outline levels with their owners and deadlines) and
//! narrative texts such as a meeting report (directive clauses split into actionable items).
//! Pure: text in, proposals out; every proposal keeps the exact span of text it came from.

mod chars;
pub mod deadline;
mod directive;
pub mod eval;
pub mod grid;
pub mod indicator;
mod lexicon;
mod outline;
pub mod owners;
mod segment;
pub mod table;
pub mod units;

use serde::{Deserialize, Serialize};

pub use deadline::Deadline;
pub use indicator::Indicator;
pub use segment::warm_up;

/// Which kind of document a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 任务分工方案: numbered items in outline levels with owners.
    Division,
    /// A narrative text: a meeting report, a speech, a leader's instruction.
    Narrative,
}

/// What a proposed item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A piece of work with an owner and a result.
    Task,
    /// Setting up a task force (专班, 工作组, 领导小组).
    TaskForce,
    /// A call to plan and prepare projects (谋划包装一批项目).
    ProjectCall,
    /// A number with a target (指标, 增长X%, 双过半).
    Indicator,
    /// A principle or attitude (坚持…, 强化…意识): recognised, not proposed as a task.
    Principle,
}

impl ItemKind {
    /// The code used in JSON and the UI.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Task => "task",
            ItemKind::TaskForce => "task_force",
            ItemKind::ProjectCall => "project_call",
            ItemKind::Indicator => "indicator",
            ItemKind::Principle => "principle",
        }
    }

    /// The kind in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ItemKind::Task => ("任务", "Task"),
            ItemKind::TaskForce => ("工作专班", "Task force"),
            ItemKind::ProjectCall => ("项目谋划", "Project call"),
            ItemKind::Indicator => ("指标", "Indicator"),
            ItemKind::Principle => ("原则要求", "Principle"),
        }
    }
}

/// A proposed task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its kind.
    pub kind: ItemKind,
    /// Its title: the words of the text, without numbering and owner notes.
    pub title: String,
    /// The exact span of the source it came from: first and one-past-last character.
    pub span: (usize, usize),
    /// Its outline level, 1 for the top (division documents; 1 for narrative items).
    pub level: u8,
    /// Its number as written, e.g. `一`, `（二）`, `3` (division documents).
    pub number: String,
    /// Its parent among the proposals, by index.
    pub parent: Option<usize>,
    /// Units that lead (牵头), in the order named.
    pub lead_units: Vec<String>,
    /// Units that help (配合).
    pub co_units: Vec<String>,
    /// Every unit the item names.
    pub units: Vec<String>,
    /// Its deadline, if one is written.
    pub deadline: Option<Deadline>,
    /// Its target, if it is a number.
    pub indicator: Option<Indicator>,
    /// Its domain (产业转型, 城市建设…), when one is recognised.
    pub domain: Option<String>,
}

/// What was read from a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The kind of document.
    pub doc_kind: DocKind,
    /// Every item found, in text order. Principles are included (kind `principle`); they are
    /// not proposed as tasks.
    pub items: Vec<Proposal>,
    /// The text the items' spans point into, when it is not the text read: a table's rows
    /// rendered one per line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// What a table gave beside its items: the column mapping, each row's key and facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<table::Table>,
}

impl Extraction {
    /// The items proposed as tasks: everything but principles.
    pub fn proposals(&self) -> impl Iterator<Item = &Proposal> {
        self.items.iter().filter(|p| p.kind != ItemKind::Principle)
    }
}

/// The year a document is about: the first year it writes (`2020年`), if any. Relative dates
/// (`6月底前`) belong to it.
pub fn year_of(text: &str) -> Option<i32> {
    let cs: Vec<char> = text.chars().collect();
    cs.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        let ok = w[4] == '年' && (digits.starts_with("19") || digits.starts_with("20"));
        if ok { digits.parse().ok() } else { None }
    })
}

/// The date a document was held or issued, as a default for the plan made from it: a full date
/// standing on a line of its own (the 落款 of an official document), or else one written near
/// the start (`发布时间：2021-07-16`); never a time limit (`2022年9月30日前`, `完成时限：…`).
pub fn date_of(text: &str) -> Option<chrono::NaiveDate> {
    static R: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = R
        .get_or_init(|| regex::Regex::new(r"((?:19|20)\d{2})(?:年|-)(\d{1,2})(?:月|-)(\d{1,2})日?").ok())
        .as_ref()?;
    let mut dates = re.captures_iter(text).filter_map(|c| {
        let m = c.get(0)?;
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(n(1)?).ok()?, n(2)?, n(3)?)?;
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[m.end()..].find('\n').map_or(text.len(), |i| m.end() + i);
        let line = &text[line_start..line_end];
        let after = text[m.end()..].trim_start();
        let limit = after.starts_with(['前', '起', '止']) || after.starts_with("之前") || line.contains("时限");
        (!limit).then_some((date, line.trim() == m.as_str().trim(), m.start()))
    });
    let all: Vec<_> = dates.by_ref().collect();
    all.iter()
        .rev()
        .find(|(_, alone, _)| *alone)
        .or_else(|| all.iter().find(|(_, _, at)| *at < 600))
        .map(|(d, _, _)| *d)
}

/// Reads `text` — a table pasted with tabs or `|` columns, a task-division document or a
/// narrative text — whose relative dates (`6月底前`) belong to `year`.
pub fn extract(text: &str, year: i32) -> Extraction {
    if let Some(x) = table::from_text(text, year) {
        return x;
    }
    let t = chars::Text::new(text);
    let (doc_kind, items) = if outline::is_division(&t) {
        (DocKind::Division, outline::parse(&t, year))
    } else {
        (DocKind::Narrative, directive::extract(&t, year))
    };
    Extraction {
        doc_kind,
        items,
        text: None,
        table: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_year_is_the_first_one_written() {
        assert_eq!(super::year_of("2022年工作要点：到2025年…"), Some(2022));
        assert_eq!(super::year_of("6月底前完成"), None);
        assert_eq!(super::year_of("编号12345年"), None);
    }

    #[test]
    fn the_date_is_the_first_full_one_written() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(super::date_of("（2020年5月7日）会议要求6月底前完成"), d(2020, 5, 7));
        assert_eq!(super::date_of("发布时间：2021-07-16 17:42"), d(2021, 7, 16));
        assert_eq!(super::date_of("2020年13月40日前"), None);
        assert_eq!(
            super::date_of("一、…［完成时限：2022年9月30日］\n二、2022年6月30日前完成"),
            None
        );
        assert_eq!(
            super::date_of("标题\n正文，2021年3月1日起施行。\n\n云州市人民政府\n2021年2月20日\n"),
            d(2021, 2, 20)
        );
    }
}
