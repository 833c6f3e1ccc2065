//! Indicators (指标) and the half-way check (双过半, DOMAIN.md): a number with an annual target
//! and monthly (or quarterly) actuals — a cumulative amount (亿元, 万吨) or a growth rate
//! against the same period last year — judged against time progress (序时进度, [`progress`]),
//! in the form the city publishes ([`words`]), with a light and the numbers that decided it
//! ([`judge`]). Figures are exact fixed-point numbers ([`figure`]).

pub mod figure;
pub mod half_way;
pub mod input;
pub mod judge;
pub mod owed;
pub mod progress;
pub mod words;

pub use figure::{Figure, FigureError, Tenths};
pub use half_way::{HalfWay, half_way};
pub use input::{
    ActualContext, ActualInput, IndicatorInput, ValidActual, ValidIndicator, check_actual, check_indicator,
};
pub use judge::{IndicatorFacts, IndicatorRule, IndicatorThresholds, IndicatorVerdict, Latest, judge_indicator};
pub use progress::Profile;
pub use words::Measure;

use crate::named::named_codes;

named_codes! {
    /// What an indicator counts.
    Kind {
        /// A cumulative amount since January (1–M月累计): 亿元, 万吨.
        Amount => "amount", "累计值", "Cumulative amount";
        /// A growth rate against the same period last year (同比增长), in %.
        Rate => "rate", "增速", "Growth rate";
    }
}

named_codes! {
    /// Which way is better.
    Direction {
        /// More is better (产值, 投资, 收入).
        Higher => "higher", "越高越好", "Higher is better";
        /// Less is better (能耗, 排放): the target is a ceiling (控制目标).
        Lower => "lower", "越低越好", "Lower is better";
    }
}

named_codes! {
    /// How often the figure comes.
    Frequency {
        /// Every month (月度).
        Monthly => "monthly", "月度", "Monthly";
        /// At the end of each quarter (季度): March, June, September, December.
        Quarterly => "quarterly", "季度", "Quarterly";
    }
}

named_codes! {
    /// Where the figure comes from.
    Source {
        /// The statistics bureau (统计部门).
        Statistics => "statistics", "统计部门", "Statistics bureau";
        /// The responsible unit's own records.
        Unit => "unit", "责任单位", "The responsible unit";
    }
}

named_codes! {
    /// Where an entered figure is.
    ActualStatus {
        /// Entered by the unit, waiting for the office.
        Submitted => "submitted", "待审核", "Waiting for review";
        /// Accepted by the office: it counts.
        Accepted => "accepted", "已采纳", "Accepted";
        /// Returned by the office with a note.
        Returned => "returned", "已退回", "Returned";
    }
}

impl Frequency {
    /// Whether a figure is due for `month` (1 to 12).
    pub fn reports_in(self, month: u32) -> bool {
        match self {
            Frequency::Monthly => true,
            Frequency::Quarterly => month.is_multiple_of(3),
        }
    }
}

#[cfg(test)]
mod input_tests;
#[cfg(test)]
mod tests;
