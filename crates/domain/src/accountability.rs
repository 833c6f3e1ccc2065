//! Accountability and commendation (问责与表扬): a record the office keeps against a unit or a
//! named person — 约谈, 通报批评, 问责, 通报表扬 or 记功 — with its reason, day, document number
//! and the records that justify it. Each feeds the assessment through the rule of its kind; a
//! record marked public is shown on the public site.

use chrono::NaiveDate;

use crate::{ValidationError, codes, named::named_codes};

named_codes! {
    /// The kind of a record: three consequences and two commendations.
    AccountabilityKind {
        /// 约谈.
        Interview => "interview", "约谈", "Admonition talk";
        /// 通报批评.
        Criticism => "criticism", "通报批评", "Public criticism";
        /// 问责.
        Accountability => "accountability", "问责", "Accountability";
        /// 通报表扬.
        Praise => "praise", "通报表扬", "Public praise";
        /// 记功.
        Merit => "merit", "记功", "Merit";
    }
}

impl AccountabilityKind {
    /// 通报表扬 and 记功.
    pub fn is_commendation(self) -> bool {
        matches!(self, AccountabilityKind::Praise | AccountabilityKind::Merit)
    }
}

named_codes! {
    /// The kind of record that justifies an accountability record.
    Basis {
        /// A task.
        Task => "task", "任务", "Task";
        /// A supervision order.
        Order => "order", "督办单", "Supervision order";
        /// A progress report.
        Report => "report", "报送", "Report";
        /// A key project.
        Project => "project", "项目", "Project";
        /// An indicator.
        Indicator => "indicator", "指标", "Indicator";
    }
}

/// One record that justifies it: `task:12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasisRef {
    /// What it is.
    pub kind: Basis,
    /// Its id.
    pub id: i64,
}

/// The records as typed or stored: `任务12、督办单3` (or `task:12, order:3`), separated by
/// commas, 、 or new lines; a kind's word (or code) then its number.
pub fn parse_bases(s: &str) -> Option<Vec<BasisRef>> {
    s.split([',', '，', '、', ';', '；', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| {
            let digits = x.len() - x.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let (word, id) = x.split_at(x.len() - digits);
            let word = word.trim_end_matches([':', '：', '#', '＃', '第', ' ']);
            Some(BasisRef {
                kind: Basis::parse_words(word)?,
                id: id.parse().ok().filter(|i: &i64| *i > 0)?,
            })
        })
        .collect()
}

/// The records in words: `任务12、督办单3`.
pub fn bases_words(b: &[BasisRef], lang: crate::Lang) -> String {
    b.iter()
        .map(|r| format!("{}{}", r.kind.name(lang), r.id))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// The records as stored.
pub fn bases_code(b: &[BasisRef]) -> String {
    b.iter()
        .map(|r| format!("{}:{}", r.kind.code(), r.id))
        .collect::<Vec<_>>()
        .join(",")
}

/// What the office enters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its kind.
    pub kind: AccountabilityKind,
    /// The person named, if any (empty: the unit).
    pub person: String,
    /// Why.
    pub reason: String,
    /// The document number (督查通报〔2020〕3号), if any.
    pub doc_no: String,
    /// The day decided.
    pub decided_on: NaiveDate,
    /// The records that justify it.
    pub bases: Vec<BasisRef>,
    /// Shown on the public site.
    pub public: bool,
}

fn bad(field: &'static str, zh: &str, en: &str) -> ValidationError {
    ValidationError::new(field, codes::ACCOUNTABILITY_INVALID, zh, en)
}

/// Checks an entry on `today`: a reason, a person's name and a document number of sensible
/// length, a day not in the future, each record named once.
pub fn check_entry(e: &Entry, today: NaiveDate) -> Result<(), Vec<ValidationError>> {
    let mut errs = Vec::new();
    if let Err(x) = crate::check_reason("reason", &e.reason) {
        errs.push(x);
    }
    if e.person.chars().count() > 50 || crate::text::has_hidden(&e.person) {
        errs.push(bad(
            "person",
            "姓名或职务不超过50字",
            "The person is at most 50 characters",
        ));
    }
    if e.doc_no.chars().count() > 60 || crate::text::has_hidden(&e.doc_no) {
        errs.push(bad(
            "doc_no",
            "文号不超过60字",
            "The document number is at most 60 characters",
        ));
    }
    if e.decided_on > today {
        errs.push(bad(
            "decided_on",
            "决定日期不能晚于今天",
            "The day decided is not in the future",
        ));
    }
    let mut seen = Vec::new();
    for b in &e.bases {
        if seen.contains(b) {
            errs.push(bad("records", "依据的记录重复", "A record is named twice"));
        }
        seen.push(*b);
    }
    if e.bases.len() > 20 {
        errs.push(bad("records", "依据的记录不超过20条", "At most 20 records"));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_read_back_as_written() {
        let b = parse_bases("task:12， order:3、report:9").unwrap();
        assert_eq!(bases_code(&b), "task:12,order:3,report:9");
        let b = parse_bases("任务12、督办单 3，项目：7").unwrap();
        assert_eq!(bases_code(&b), "task:12,order:3,project:7");
        assert_eq!(bases_words(&b, crate::Lang::Zh), "任务12、督办单3、项目7");
        assert_eq!(parse_bases(&bases_words(&b, crate::Lang::En)).unwrap(), b);
        assert_eq!(parse_bases("").unwrap(), vec![]);
        assert!(parse_bases("task:x").is_none());
        assert!(parse_bases("unit:1").is_none());
        assert!(parse_bases("task:-1").is_none());
        assert!(parse_bases("任务").is_none());
    }

    #[test]
    fn an_entry_needs_a_reason_and_a_day_past() {
        let day = |d| NaiveDate::from_ymd_opt(2020, 6, d).unwrap();
        let mut e = Entry {
            kind: AccountabilityKind::Praise,
            person: String::new(),
            reason: "提前完成".into(),
            doc_no: String::new(),
            decided_on: day(30),
            bases: vec![],
            public: true,
        };
        assert!(check_entry(&e, day(30)).is_ok());
        assert!(e.kind.is_commendation() && !AccountabilityKind::Interview.is_commendation());
        e.reason = " ".into();
        e.decided_on = day(30).succ_opt().unwrap();
        let errs = check_entry(&e, day(30)).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["reason", "decided_on"]);
    }
}
