//! The summary of a level's projects in the published form: `省级重点工程6项，概算总投资
//! 140.16亿元，当年计划投资19亿元，1–12月完成投资28.78亿元，投资完成率151.47%`.

use super::{Level, Month, Wan, warning::published_percent};
use crate::Lang;

/// The sums of one level's projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelSums {
    /// The level.
    pub level: Level,
    /// How many projects.
    pub count: usize,
    /// Their total investment (概算总投资).
    pub total: Wan,
    /// This year's planned investment.
    pub plan: Wan,
    /// Invested this year up to `to`.
    pub done: Wan,
    /// The last month counted.
    pub to: Month,
}

/// 亿元 as a published sentence writes it: two decimals, trailing zeros dropped (`19`, `21.6`).
fn yi_published(w: Wan) -> String {
    let t = w.yi_text();
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl LevelSums {
    /// The share of the year's plan invested, in hundredths of a percent.
    pub fn rate(&self) -> Option<i64> {
        self.done.share_of(self.plan)
    }

    /// The published sentence.
    pub fn sentence(&self, lang: Lang) -> String {
        let rate = self.rate().map(published_percent).unwrap_or_else(|| "—".into());
        match lang {
            Lang::Zh => format!(
                "{}重点工程{}项，概算总投资{}亿元，当年计划投资{}亿元，{}完成投资{}亿元，投资完成率{rate}",
                self.level.names().0,
                self.count,
                yi_published(self.total),
                yi_published(self.plan),
                self.to.to_date_text(lang),
                yi_published(self.done),
            ),
            Lang::En => format!(
                "{} key projects: {}, total investment {} 亿元, planned this year {} 亿元, invested {} {} 亿元, {rate} of the plan",
                self.level.names().1,
                self.count,
                yi_published(self.total),
                yi_published(self.plan),
                self.to.to_date_text(lang),
                yi_published(self.done),
            ),
        }
    }
}
