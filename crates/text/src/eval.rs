//! Measuring extraction against hand labels, by the rule written in the gold file of the seed:
//! a proposal matches an item when the item's phrase occurs in the proposal's text after
//! removing spaces and full/half-width punctuation differences. Items of kind task, task_force,
//! project_call and indicator must be found (recall); principles may be proposed without
//! counting against precision; any proposal matching no item is a false positive.

use serde::{Deserialize, Serialize};

use crate::Extraction;

/// One labelled item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct GoldItem {
    /// The words that must occur.
    pub phrase: String,
    /// task, task_force, project_call, indicator or principle.
    pub kind: String,
    /// The domain, when labelled.
    #[serde(default)]
    pub domain: Option<String>,
}

/// A gold file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Gold {
    /// The rule, in words.
    #[serde(default)]
    pub about: String,
    /// The items.
    pub items: Vec<GoldItem>,
}

/// The outcome of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Proposals made (principles are not proposals).
    pub proposed: usize,
    /// Proposals that match an item.
    pub true_positives: usize,
    /// Items that must be found.
    pub required: usize,
    /// Required items found.
    pub found: usize,
    /// true positives / proposed.
    pub precision: f64,
    /// found / required.
    pub recall: f64,
    /// Required items not found.
    pub missed: Vec<String>,
    /// Proposals matching no item.
    pub false_positives: Vec<String>,
}

/// Text with spaces removed and full-width punctuation folded to half-width.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '“' | '”' | '「' | '」' => '"',
            '‘' | '’' => '\'',
            '、' => ',',
            '。' => '.',
            c => c,
        })
        .collect()
}

fn required(kind: &str) -> bool {
    matches!(kind, "task" | "task_force" | "project_call" | "indicator")
}

/// Scores an extraction against gold items.
pub fn score(x: &Extraction, gold: &Gold) -> Score {
    let proposals: Vec<String> = x.proposals().map(|p| p.title.clone()).collect();
    let norm: Vec<String> = proposals.iter().map(|p| normalize(p)).collect();
    let phrases: Vec<(String, &GoldItem)> = gold.items.iter().map(|g| (normalize(&g.phrase), g)).collect();
    let mut tp = 0;
    let mut fps = Vec::new();
    for (p, n) in proposals.iter().zip(&norm) {
        if phrases.iter().any(|(ph, _)| n.contains(ph.as_str())) {
            tp += 1;
        } else {
            fps.push(p.clone());
        }
    }
    let req: Vec<&(String, &GoldItem)> = phrases.iter().filter(|(_, g)| required(&g.kind)).collect();
    let missed: Vec<String> = req
        .iter()
        .filter(|(ph, _)| !norm.iter().any(|n| n.contains(ph.as_str())))
        .map(|(_, g)| g.phrase.clone())
        .collect();
    let found = req.len() - missed.len();
    Score {
        proposed: proposals.len(),
        true_positives: tp,
        required: req.len(),
        found,
        precision: if proposals.is_empty() {
            0.0
        } else {
            tp as f64 / proposals.len() as f64
        },
        recall: if req.is_empty() {
            1.0
        } else {
            found as f64 / req.len() as f64
        },
        missed,
        false_positives: fps,
    }
}

/// One labelled item of a task-division document: its place in the outline and its owners,
/// deadline (`YYYY-MM-DD` or `ongoing`) and indicator, exactly as they must be read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct DivisionItem {
    /// Its number as written, with ASCII brackets: `一`, `(二)`, `3`, `(1)`.
    pub number: String,
    /// Its outline level, 1 for the top.
    pub level: u8,
    /// Its parent's number.
    pub parent: Option<String>,
    /// Lead units.
    pub lead: Vec<String>,
    /// Co-units.
    pub co: Vec<String>,
    /// Its deadline.
    pub deadline: Option<String>,
    /// Its target, as written.
    pub indicator: Option<String>,
}

/// A gold file for a task-division document.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DivisionGold {
    /// What the document shows, in words.
    #[serde(default)]
    pub about: String,
    /// The year relative dates belong to.
    pub year: i32,
    /// The items in text order.
    pub items: Vec<DivisionItem>,
}

/// How a task-division document was read against its labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivisionScore {
    /// Items labelled.
    pub expected: usize,
    /// Items read.
    pub read: usize,
    /// Items read with every field right.
    pub exact: usize,
    /// Every wrong field, in words: `item 3 (2): lead units: read [..], labelled [..]`.
    pub errors: Vec<String>,
}

/// Compares a division document's items, in order, field by field with their labels.
pub fn score_division(x: &Extraction, gold: &DivisionGold) -> DivisionScore {
    let mut errors = Vec::new();
    let mut exact = 0;
    if x.items.len() != gold.items.len() {
        let read: Vec<&str> = x.items.iter().map(|p| p.number.as_str()).collect();
        errors.push(format!(
            "{} items read, {} labelled; read: {read:?}",
            x.items.len(),
            gold.items.len()
        ));
    }
    for (i, (p, w)) in x.items.iter().zip(&gold.items).enumerate() {
        let at = format!("item {i} ({})", w.number);
        let parent = p.parent.and_then(|i| x.items.get(i)).map(|q| q.number.clone());
        let deadline = p.deadline.as_ref().map(crate::deadline::label);
        let indicator = p.indicator.as_ref().map(|x| x.text.clone());
        let fields: [(&str, String, String); 7] = [
            ("number", p.number.clone(), w.number.clone()),
            ("level", p.level.to_string(), w.level.to_string()),
            ("parent", format!("{parent:?}"), format!("{:?}", w.parent)),
            ("lead units", format!("{:?}", p.lead_units), format!("{:?}", w.lead)),
            ("co-units", format!("{:?}", p.co_units), format!("{:?}", w.co)),
            ("deadline", format!("{deadline:?}"), format!("{:?}", w.deadline)),
            ("indicator", format!("{indicator:?}"), format!("{:?}", w.indicator)),
        ];
        let before = errors.len();
        for (name, read, labelled) in fields {
            if read != labelled {
                errors.push(format!("{at}: {name}: read {read}, labelled {labelled}"));
            }
        }
        if errors.len() == before {
            exact += 1;
        }
    }
    DivisionScore {
        expected: gold.items.len(),
        read: x.items.len(),
        exact,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_width_and_spaces_do_not_matter() {
        assert_eq!(normalize("“两违” 专项整治，"), normalize("\"两违\"专项整治,"));
    }
}
