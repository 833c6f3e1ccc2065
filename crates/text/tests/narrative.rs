//! Narrative documents written for these tests, labelled before the extractor read them, and
//! scored by the seed's rule: the extractor must read a meeting it was not built from as well
//! as the seed.
#![allow(clippy::unwrap_used, clippy::panic)]

use luoshi_text::{eval, extract};

fn check(text: &str, gold: &str) {
    let x = extract(text, 2020);
    let gold: eval::Gold = serde_json::from_str(gold).unwrap();
    let s = eval::score(&x, &gold);
    eprintln!("{s:#?}");
    assert!(s.recall >= 0.9, "recall {:.2}; missed {:?}", s.recall, s.missed);
    assert!(
        s.precision >= 0.8,
        "precision {:.2}; false positives {:?}",
        s.precision,
        s.false_positives
    );
}

#[test]
fn a_safety_meeting_with_numbered_directives_and_an_unseen_verb() {
    check(
        include_str!("../testdata/narrative-safety.txt"),
        include_str!("../testdata/narrative-safety.gold.json"),
    );
}

#[test]
fn an_executive_meeting_labelled_by_someone_who_never_saw_the_rules() {
    check(
        include_str!("../testdata/holdout/narrative-economy.txt"),
        include_str!("../testdata/holdout/narrative-economy.gold.json"),
    );
}

#[test]
fn a_meeting_summary_with_numbered_decisions() {
    check(
        include_str!("../testdata/holdout/narrative-instruction.txt"),
        include_str!("../testdata/holdout/narrative-instruction.gold.json"),
    );
}

#[test]
fn a_mayors_speech_in_first_person_plural() {
    check(
        include_str!("../testdata/holdout2/narrative-speech.txt"),
        include_str!("../testdata/holdout2/narrative-speech.gold.json"),
    );
}

#[test]
fn an_official_notice_with_numbered_sections() {
    check(
        include_str!("../testdata/holdout2/narrative-notice.txt"),
        include_str!("../testdata/holdout2/narrative-notice.gold.json"),
    );
}
