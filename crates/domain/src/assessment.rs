//! Assessment (考核, DOMAIN.md; issue 19): a scheme of rules as data ([`scheme`]), the records its
//! rules count, read from what Luoshi holds ([`facts`]), a unit's score from them with every line
//! naming its rule and record ([`score`]), and the rankings per group with grades and the change
//! of place ([`rank`]).

pub mod facts;
pub mod rank;
pub mod scheme;
pub mod score;

pub use rank::{Entry, Place, rank};
pub use scheme::{
    DEFAULT_GRADING, Grade, Grading, Group, PeriodKind, Rule, RuleKind, Scheme, Visibility, check_scheme,
    default_groups, default_rules,
};
pub use score::{Fact, LineKind, Record, RecordKind, ScoreLine, UnitScore, points_text, score};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_facts;
