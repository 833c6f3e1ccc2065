//! Three task-division documents written here, one per way of naming owners; owners,
//! deadlines and outline levels must come out exactly as labelled.
#![allow(clippy::unwrap_used, clippy::panic)]

use luoshi_text::{DocKind, eval, extract};

fn check(text: &str, gold: &str) {
    let gold: eval::DivisionGold = serde_json::from_str(gold).unwrap();
    let x = extract(text, gold.year);
    assert_eq!(x.doc_kind, DocKind::Division);
    let s = eval::score_division(&x, &gold);
    assert!(s.errors.is_empty(), "{:#?}", s.errors);
    assert_eq!(s.exact, s.expected);
    let chars: Vec<char> = text.chars().collect();
    for p in &x.items {
        // The span is the item's own text, starting at its number.
        let span: String = chars[p.span.0..p.span.1].iter().collect();
        let ascii: String = span.trim_start().replace('（', "(").replace('）', ")");
        assert!(ascii.starts_with(p.number.as_str()), "{}: span {span:?}", p.number);
        let head: String = p.title.chars().take(6).collect();
        assert!(span.contains(&head), "{}: span {span:?} lacks {head:?}", p.number);
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

#[test]
fn every_owner_style_mixed_in_one_document_labelled_by_someone_else() {
    check(
        include_str!("../testdata/holdout/division-mixed.txt"),
        include_str!("../testdata/holdout/division-mixed.gold.json"),
    );
}

#[test]
fn owners_written_after_the_words_on_the_same_line() {
    check(
        include_str!("../testdata/holdout2/division-table.txt"),
        include_str!("../testdata/holdout2/division-table.gold.json"),
    );
}
