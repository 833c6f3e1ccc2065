//! The ledger's sums: by level in the published form (项目数, 总投资, 年度计划投资, 完成投资 and the
//! completion rate, and the sentence `省级重点工程6项，概算总投资140.16亿元，…`), and the pipeline
//! by stage.

use luoshi_domain::{
    Lang,
    project::{Level, LevelSums, Month, Stage, Wan, warning::published_percent},
};
use serde::Serialize;
use utoipa::ToSchema;

/// The sums of one level's projects on the ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelSum {
    /// `province`, `city` or `county`.
    pub level: String,
    /// 省级 / 市级 / 县级.
    pub level_name: String,
    /// How many projects.
    pub count: usize,
    /// Their total investment in 亿元, two decimals.
    pub total_yi: String,
    /// This year's plan in 亿元, two decimals.
    pub plan_yi: String,
    /// Invested this year (accepted figures) in 亿元, two decimals.
    pub done_yi: String,
    /// The share of the plan invested, `151.47%`, or empty.
    pub rate_text: String,
    /// The published sentence: `省级重点工程6项，概算总投资140.16亿元，…，投资完成率151.47%`;
    /// empty before any figure was accepted.
    pub sentence: String,
}

/// What the sums and the pipeline read of a project.
#[derive(Debug, Clone)]
pub struct Summed {
    /// Level code.
    pub level: String,
    /// Stage code.
    pub stage: String,
    /// Total investment.
    pub total: i64,
    /// This year's plan.
    pub plan: i64,
    /// Invested this year (accepted).
    pub done: i64,
    /// The latest month accepted.
    pub done_to: String,
}

/// The sums by level of `rows`, levels with none left out.
pub fn sums(rows: &[Summed], lang: Lang) -> Vec<LevelSum> {
    Level::ALL
        .iter()
        .filter_map(|l| {
            let of: Vec<&Summed> = rows.iter().filter(|r| r.level == l.code()).collect();
            if of.is_empty() {
                return None;
            }
            let s = LevelSums {
                level: *l,
                count: of.len(),
                total: of.iter().map(|r| Wan(r.total)).sum(),
                plan: of.iter().map(|r| Wan(r.plan)).sum(),
                done: of.iter().map(|r| Wan(r.done)).sum(),
                to: of
                    .iter()
                    .filter_map(|r| Month::parse(&r.done_to))
                    .max()
                    .unwrap_or(Month { year: 0, month: 1 }),
            };
            Some(LevelSum {
                level: l.code().into(),
                level_name: l.name(lang).into(),
                count: of.len(),
                total_yi: s.total.yi_text(),
                plan_yi: s.plan.yi_text(),
                done_yi: s.done.yi_text(),
                rate_text: s.rate().map(published_percent).unwrap_or_default(),
                sentence: if s.to.year == 0 {
                    String::new()
                } else {
                    s.sentence(lang)
                },
            })
        })
        .collect()
}

/// How many projects are at one stage.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageCount {
    /// Stage code.
    pub stage: String,
    /// In words.
    pub stage_name: String,
    /// How many.
    pub count: usize,
    /// Their total investment in 亿元.
    pub total_yi: String,
}

/// The pipeline of `rows`: every stage, in order, with how many are at it.
pub fn pipeline(rows: &[Summed], lang: Lang) -> Vec<StageCount> {
    Stage::ALL
        .iter()
        .map(|s| {
            let of: Vec<&Summed> = rows.iter().filter(|r| r.stage == s.code()).collect();
            StageCount {
                stage: s.code().into(),
                stage_name: s.name(lang).into(),
                count: of.len(),
                total_yi: of.iter().map(|r| Wan(r.total)).sum::<Wan>().yi_text(),
            }
        })
        .collect()
}
