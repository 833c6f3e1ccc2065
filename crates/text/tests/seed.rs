//! The seed meeting report, scored by the rule written in its gold file.
#![allow(clippy::unwrap_used, clippy::panic)]

use luoshi_text::{eval, extract};

const TEXT: &str = include_str!("../../../seed/meeting-2020-05-07.txt");
const GOLD: &str = include_str!("../../../seed/meeting-2020-05-07.gold.json");

#[test]
fn the_seed_meeting_is_read_with_recall_at_least_90_and_precision_at_least_80_percent() {
    let x = extract(TEXT, 2020);
    let gold: eval::Gold = serde_json::from_str(GOLD).unwrap();
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
fn every_proposal_keeps_the_exact_words_it_came_from() {
    let x = extract(TEXT, 2020);
    let chars: Vec<char> = TEXT.chars().collect();
    for p in &x.items {
        let span: String = chars[p.span.0..p.span.1].iter().collect();
        // A list entry's title is its verb and the entry; the entry is the span.
        assert!(
            p.title.contains(&span) || span.contains(&p.title),
            "{:?} vs {:?}",
            p.title,
            span
        );
    }
}
