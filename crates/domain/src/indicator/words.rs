//! An indicator's figures in the words the city publishes them: `1–6月完成45.3亿元，占年度目标的
//! 52.1%，超序时进度2.1个百分点`, `1–6月增长6.3%，低于全年目标1.2个百分点`.

use super::{Direction, Figure, IndicatorRule, IndicatorVerdict, Tenths};
use crate::Lang;

/// How an indicator's amounts are written: its unit of measure and decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure<'a> {
    /// 亿元, 万吨, %.
    pub unit: &'a str,
    /// Decimals shown (0 to 4).
    pub decimals: u32,
    /// Which way is better.
    pub direction: Direction,
    /// A rate is a growth over last year (增长6.3% / 下降2.1%), not a level (失业率为3.8%).
    pub growth: bool,
}

impl Measure<'_> {
    /// Whether an indicator named `name` is a growth rate by its name (增速, 增长, 下降, 降低…).
    pub fn growth_named(name: &str) -> bool {
        ["增速", "增长", "增幅", "下降", "降低", "降幅"]
            .iter()
            .any(|w| name.contains(w))
    }
}

impl Measure<'_> {
    fn amount(&self, f: Figure) -> String {
        format!("{}{}", f.text(self.decimals), self.unit)
    }
}

/// `超序时进度2.1个百分点` and its kin: points `ahead` of a reference, in words.
fn against(ahead: Tenths, m: &Measure, rate: bool, lang: Lang) -> String {
    let n = ahead.abs_text();
    let lower = m.direction == Direction::Lower;
    // How the figure stands to its reference: above (超, 高于) or below (落后, 低于) it.
    let above = if lower { ahead.0 < 0 } else { ahead.0 > 0 };
    match (lang, rate, ahead.0 == 0) {
        (Lang::Zh, false, true) => "与序时进度持平".into(),
        (Lang::Zh, true, true) if lower => "与全年控制目标持平".into(),
        (Lang::Zh, true, true) => "与全年目标持平".into(),
        (Lang::Zh, false, false) if lower && above => format!("超出序时进度{n}个百分点"),
        (Lang::Zh, false, false) if lower => format!("低于序时进度{n}个百分点"),
        (Lang::Zh, false, false) if above => format!("超序时进度{n}个百分点"),
        (Lang::Zh, false, false) => format!("落后序时进度{n}个百分点"),
        (Lang::Zh, true, false) => format!(
            "{}全年{}目标{n}个百分点",
            if above { "高于" } else { "低于" },
            if lower { "控制" } else { "" }
        ),
        (Lang::En, false, true) => "level with time progress".into(),
        (Lang::En, true, true) => "level with the annual target".into(),
        (Lang::En, false, false) => format!("{n} points {} time progress", if above { "above" } else { "below" }),
        (Lang::En, true, false) => format!("{n} points {} the annual target", if above { "above" } else { "below" }),
    }
}

/// A rate in words: a growth `增长6.3%` / `下降2.1%`, a level `为3.8%`.
fn growth(rate: Tenths, growth: bool, lang: Lang) -> String {
    match lang {
        Lang::Zh if !growth => format!("为{}%", rate.text()),
        Lang::En if !growth => format!("at {}%", rate.text()),
        Lang::Zh if rate.0 < 0 => format!("下降{}%", rate.abs_text()),
        Lang::Zh => format!("增长{}%", rate.text()),
        Lang::En if rate.0 < 0 => format!("down {}%", rate.abs_text()),
        Lang::En => format!("up {}%", rate.text()),
    }
}

/// The published sentence of a compared figure.
pub fn sentence(rule: &IndicatorRule, m: &Measure, lang: Lang) -> String {
    let lower = m.direction == Direction::Lower;
    match (rule, lang) {
        (IndicatorRule::Met { to, actual, share }, Lang::Zh) => format!(
            "{}完成{}，占年度目标的{}%，已完成全年目标",
            to.to_date_text(lang),
            m.amount(*actual),
            share.text()
        ),
        (IndicatorRule::Met { to, actual, share }, Lang::En) => format!(
            "{}: {}, {}% of the annual target: the year's target is reached",
            to.to_date_text(lang),
            m.amount(*actual),
            share.text()
        ),
        (
            IndicatorRule::Amount {
                to,
                actual,
                share,
                ahead,
                ..
            },
            Lang::Zh,
        ) => format!(
            "{}{}{}，占年度{}目标的{}%，{}",
            to.to_date_text(lang),
            if lower { "累计" } else { "完成" },
            m.amount(*actual),
            if lower { "控制" } else { "" },
            share.text(),
            against(*ahead, m, false, lang)
        ),
        (
            IndicatorRule::Amount {
                to,
                actual,
                share,
                ahead,
                ..
            },
            Lang::En,
        ) => format!(
            "{}: {}, {}% of the annual target, {}",
            to.to_date_text(lang),
            m.amount(*actual),
            share.text(),
            against(*ahead, m, false, lang)
        ),
        (IndicatorRule::Rate { to, rate, ahead, .. }, Lang::Zh) => format!(
            "{}{}，{}",
            to.to_date_text(lang),
            growth(*rate, m.growth, lang),
            against(*ahead, m, true, lang)
        ),
        (IndicatorRule::Rate { to, rate, ahead, .. }, Lang::En) => format!(
            "{}: {}, {}",
            to.to_date_text(lang),
            growth(*rate, m.growth, lang),
            against(*ahead, m, true, lang)
        ),
        (IndicatorRule::Missing { month }, Lang::Zh) => format!("{}数据未报送", month.text(lang)),
        (IndicatorRule::Missing { month }, Lang::En) => format!("The figure for {} is missing", month.text(lang)),
        (IndicatorRule::NoFigure, _) => lang
            .pick("本年尚无已采纳的数据", "No accepted figure this year yet")
            .into(),
    }
}

impl IndicatorVerdict {
    /// Why, in words with the numbers, and the figure owed when one is missing beside it.
    pub fn explain(&self, m: &Measure, lang: Lang) -> String {
        let mut s = sentence(&self.rule, m, lang);
        if let Some(month) = self.missing
            && !matches!(self.rule, IndicatorRule::Missing { .. })
        {
            s.push_str(lang.pick("；", "; "));
            s.push_str(&sentence(&IndicatorRule::Missing { month }, m, lang));
        }
        s
    }
}
