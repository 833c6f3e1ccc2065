//! Three task-division documents written here, one per way of naming owners; owners,
//! deadlines and outline levels must come out exactly as labelled.
#![allow(clippy::unwrap_used, clippy::panic)]

use luoshi_text::{DocKind, deadline, extract};
use serde_json::Value;

fn check(text: &str, gold: &str) {
    let gold: Value = serde_json::from_str(gold).unwrap();
    let year = gold["year"].as_i64().unwrap() as i32;
    let x = extract(text, year);
    assert_eq!(x.doc_kind, DocKind::Division);
    let want = gold["items"].as_array().unwrap();
    let got: Vec<_> = x.items.iter().collect();
    let numbers: Vec<&str> = got.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(got.len(), want.len(), "items found: {numbers:?}");
    let strings = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    for (i, (p, w)) in got.iter().zip(want).enumerate() {
        let at = format!("item {i} ({} {:?})", p.number, p.title);
        assert_eq!(p.number, w["number"].as_str().unwrap(), "{at}: number");
        assert_eq!(i64::from(p.level), w["level"].as_i64().unwrap(), "{at}: level");
        let parent = p.parent.map(|i| got[i].number.clone());
        assert_eq!(parent.as_deref(), w["parent"].as_str(), "{at}: parent");
        assert_eq!(p.lead_units, strings(&w["lead"]), "{at}: lead units");
        assert_eq!(p.co_units, strings(&w["co"]), "{at}: co-units");
        let d = p.deadline.as_ref().map(deadline::label);
        assert_eq!(d.as_deref(), w["deadline"].as_str(), "{at}: deadline");
        let ind = p.indicator.as_ref().map(|i| i.text.clone());
        assert_eq!(ind.as_deref(), w["indicator"].as_str(), "{at}: indicator");
        // The span is the item's own text, starting at its number.
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[p.span.0..p.span.1].iter().collect();
        let ascii: String = span.trim_start().replace('（', "(").replace('）', ")");
        assert!(ascii.starts_with(p.number.as_str()), "{at}: span {span:?}");
        let head: String = p.title.chars().take(6).collect();
        assert!(span.contains(&head), "{at}: span {span:?} lacks {head:?}");
    }
}

#[test]
fn owners_on_separate_lines() {
    check(
        include_str!("../testdata/division-lines.txt"),
        include_str!("../testdata/division-lines.gold.json"),
    );
}

#[test]
fn owners_in_trailing_brackets() {
    check(
        include_str!("../testdata/division-brackets.txt"),
        include_str!("../testdata/division-brackets.gold.json"),
    );
}

#[test]
fn owners_in_parentheses() {
    check(
        include_str!("../testdata/division-parens.txt"),
        include_str!("../testdata/division-parens.gold.json"),
    );
}
