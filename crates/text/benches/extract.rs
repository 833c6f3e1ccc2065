//! How long reading a work report of 30,000 characters takes: a narrative one (meeting reports
//! and speeches) and a task-division one. The segmenter's dictionary is built before timing.

use criterion::{Criterion, criterion_group, criterion_main};

/// `parts` repeated until the text has at least `chars` characters.
fn document(parts: &[&str], chars: usize) -> String {
    let mut out = String::new();
    while out.chars().count() < chars {
        for p in parts {
            out.push_str(p);
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let t = std::time::Instant::now();
    luoshi_text::warm_up();
    eprintln!(
        "segmenter (jieba dictionary and lexicon) built once in {:?}",
        t.elapsed()
    );
    let narrative = document(
        &[
            include_str!("../../../seed/meeting-2020-05-07.txt"),
            include_str!("../testdata/narrative-safety.txt"),
            include_str!("../testdata/holdout/narrative-economy.txt"),
        ],
        30_000,
    );
    let division = document(
        &[
            include_str!("../testdata/division-lines.txt"),
            include_str!("../testdata/division-brackets.txt"),
            include_str!("../testdata/division-parens.txt"),
            include_str!("../testdata/holdout/division-mixed.txt"),
        ],
        30_000,
    );
    assert!(luoshi_text::extract(&narrative, 2020).items.len() > 100);
    assert_eq!(
        luoshi_text::extract(&division, 2020).doc_kind,
        luoshi_text::DocKind::Division
    );
    let mut g = c.benchmark_group("extract_30000_chars");
    g.sample_size(30);
    g.bench_function("narrative", |b| {
        b.iter(|| luoshi_text::extract(std::hint::black_box(&narrative), 2020))
    });
    g.bench_function("division", |b| {
        b.iter(|| luoshi_text::extract(std::hint::black_box(&division), 2020))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
