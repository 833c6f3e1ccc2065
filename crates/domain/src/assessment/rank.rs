//! Rankings per group (排名): places by total, ties sharing a place (1, 2, 2, 4); the change of
//! place against the previous period (↑2 / ↓1); grades by cut-offs, or by shares of the group —
//! a tie that would overrun a share gets the next grade, so a share is never exceeded.

use std::collections::HashMap;

use super::scheme::{Grade, Grading};

/// A unit's total in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The unit.
    pub unit: i64,
    /// Its group (index into the scheme's groups).
    pub group: usize,
    /// Its total (hundredths).
    pub total: i64,
}

/// A unit's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The unit.
    pub unit: i64,
    /// Its group.
    pub group: usize,
    /// Its total.
    pub total: i64,
    /// Its place, from 1; tied units share it.
    pub rank: usize,
    /// How many units its group ranks.
    pub of: usize,
    /// Its grade.
    pub grade: Grade,
    /// Places gained since the previous period (negative: lost), when it was ranked then.
    pub change: Option<i64>,
}

/// Ranks `entries` group by group, graded by `grading`, against the `previous` period's places.
pub fn rank(entries: &[Entry], grading: Grading, previous: &HashMap<i64, usize>) -> Vec<Place> {
    let mut groups: Vec<usize> = entries.iter().map(|e| e.group).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut out = Vec::new();
    for g in groups {
        let mut these: Vec<Entry> = entries.iter().copied().filter(|e| e.group == g).collect();
        these.sort_by(|a, b| b.total.cmp(&a.total).then(a.unit.cmp(&b.unit)));
        let n = these.len();
        for (i, e) in these.iter().enumerate() {
            // Tied with the one before: the same place.
            let rank = these[..i]
                .iter()
                .position(|x| x.total == e.total)
                .map_or(i + 1, |p| p + 1);
            let tied_to = rank - 1 + these.iter().filter(|x| x.total == e.total).count();
            let grade = match grading {
                Grading::CutOffs { excellent, good, pass } => {
                    if e.total >= excellent {
                        Grade::Excellent
                    } else if e.total >= good {
                        Grade::Good
                    } else if e.total >= pass {
                        Grade::Pass
                    } else {
                        Grade::Fail
                    }
                }
                Grading::Shares { excellent, good, pass } => {
                    let top = n * excellent as usize / 100;
                    let next = n * (excellent + good) as usize / 100;
                    if e.total < pass {
                        Grade::Fail
                    } else if tied_to <= top {
                        Grade::Excellent
                    } else if tied_to <= next {
                        Grade::Good
                    } else {
                        Grade::Pass
                    }
                }
            };
            out.push(Place {
                unit: e.unit,
                group: g,
                total: e.total,
                rank,
                of: n,
                grade,
                change: previous.get(&e.unit).map(|p| *p as i64 - rank as i64),
            });
        }
    }
    out
}
