//! Text addressed by characters (as the UI and the stored spans count them), with the byte
//! offsets regular expressions work in.

/// A text with a byte → character index.
#[derive(Debug)]
pub struct Text<'a> {
    /// The text.
    pub s: &'a str,
    starts: Vec<usize>,
}

impl<'a> Text<'a> {
    /// Indexes `s`.
    pub fn new(s: &'a str) -> Text<'a> {
        Text {
            s,
            starts: s.char_indices().map(|(b, _)| b).collect(),
        }
    }

    /// The character index of byte offset `b` (the end of the text for `b == len`).
    #[allow(dead_code)]
    pub fn char_at(&self, b: usize) -> usize {
        match self.starts.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// The byte offset of character `c`.
    pub fn byte_at(&self, c: usize) -> usize {
        self.starts.get(c).copied().unwrap_or(self.s.len())
    }

    /// The characters `from..to`.
    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.s.get(a..b).unwrap_or("")
    }

    /// The length in characters.
    pub fn len(&self) -> usize {
        self.starts.len()
    }
}

/// `(from, to)` narrowed to exclude leading and trailing whitespace and the given characters.
pub fn trim_span(t: &Text<'_>, mut from: usize, mut to: usize, extra: &[char]) -> (usize, usize) {
    let is_trim = |c: char| c.is_whitespace() || extra.contains(&c);
    while from < to && t.slice(from, from + 1).chars().next().is_some_and(is_trim) {
        from += 1;
    }
    while to > from && t.slice(to - 1, to).chars().next().is_some_and(is_trim) {
        to -= 1;
    }
    (from, to)
}
