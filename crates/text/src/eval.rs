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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_width_and_spaces_do_not_matter() {
        assert_eq!(normalize("“两违” 专项整治，"), normalize("\"两违\"专项整治,"));
    }
}
