//! The project page's chart: the year's planned investment, cumulated month by month in equal
//! shares (序时), against the figures the office accepted, as an SVG drawn by the template from
//! the points computed here.

use luoshi_domain::{Lang, project::Wan};
use serde::Serialize;
use utoipa::ToSchema;

/// Width and height of the drawing, in its own units.
const W: i64 = 360;
const H: i64 = 180;
/// Margins: left (for the scale), top, bottom (for the months).
const LEFT: i64 = 44;
const TOP: i64 = 12;
const BOTTOM: i64 = 22;

/// A month's mark on the axis.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AxisMark {
    /// Where.
    pub x: i64,
    /// `1`…`12`.
    pub label: String,
}

/// A point with what it shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChartPoint {
    /// Where.
    pub x: i64,
    /// Where.
    pub y: i64,
    /// `1–5月 累计 2,300.00 万元`.
    pub label: String,
}

/// The chart.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvestChart {
    /// The drawing's width.
    pub width: i64,
    /// The drawing's height.
    pub height: i64,
    /// The plan's line, `x,y x,y …`.
    pub planned: String,
    /// The accepted figures' line.
    pub actual: String,
    /// The accepted figures' points.
    pub points: Vec<ChartPoint>,
    /// The months.
    pub months: Vec<AxisMark>,
    /// The top of the scale in 万元.
    pub top_text: String,
    /// The bottom line's y.
    pub base_y: i64,
    /// The left edge of the plot.
    pub left: i64,
    /// The chart in words, for screen readers.
    pub summary: String,
}

fn x_of(month: u32) -> i64 {
    LEFT + (W - LEFT - 8) * i64::from(month) / 12
}

/// The chart of a year with `plan` and the accepted `monthly` figures (month 1–12, amount).
pub fn chart(plan: Wan, monthly: &[(u32, Wan)], lang: Lang) -> InvestChart {
    let mut cum = Vec::new();
    let mut total = Wan(0);
    for m in 1..=12u32 {
        let of: Vec<Wan> = monthly.iter().filter(|(mm, _)| *mm == m).map(|(_, w)| *w).collect();
        if !of.is_empty() {
            total = total + of.into_iter().sum();
            cum.push((m, total));
        }
    }
    let top = cum.iter().map(|(_, w)| w.0).max().unwrap_or(0).max(plan.0).max(100);
    let y_of = |w: Wan| TOP + (H - TOP - BOTTOM) * (top - w.0.max(0)) / top;
    let base_y = H - BOTTOM;
    let planned = std::iter::once(format!("{LEFT},{base_y}"))
        .chain((1..=12).map(|m| format!("{},{}", x_of(m), y_of(Wan(plan.0 * i64::from(m) / 12)))))
        .collect::<Vec<_>>()
        .join(" ");
    let points: Vec<ChartPoint> = cum
        .iter()
        .map(|(m, w)| ChartPoint {
            x: x_of(*m),
            y: y_of(*w),
            label: format!(
                "{} {}{}",
                luoshi_domain::project::Month { year: 2000, month: *m }.to_date_text(lang),
                w.wan_text(),
                lang.pick("万元", " 万元")
            ),
        })
        .collect();
    let actual = std::iter::once(format!("{LEFT},{base_y}"))
        .chain(points.iter().map(|p| format!("{},{}", p.x, p.y)))
        .collect::<Vec<_>>()
        .join(" ");
    let summary = match (lang, cum.last()) {
        (Lang::Zh, Some((m, w))) => format!(
            "年度计划投资{}万元；1–{m}月累计完成{}万元",
            plan.wan_text(),
            w.wan_text()
        ),
        (Lang::Zh, None) => format!("年度计划投资{}万元；尚无采纳的月报", plan.wan_text()),
        (Lang::En, Some((m, w))) => format!(
            "Planned this year {} 万元; invested to month {m}: {} 万元",
            plan.wan_text(),
            w.wan_text()
        ),
        (Lang::En, None) => format!("Planned this year {} 万元; no accepted report yet", plan.wan_text()),
    };
    InvestChart {
        width: W,
        height: H,
        planned,
        actual: if points.is_empty() { String::new() } else { actual },
        points,
        months: (1..=12)
            .map(|m| AxisMark {
                x: x_of(m),
                label: m.to_string(),
            })
            .collect(),
        top_text: Wan(top).wan_text(),
        base_y,
        left: LEFT,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_runs_evenly_and_the_figures_cumulate() {
        let c = chart(
            Wan::whole(1200),
            &[(1, Wan::whole(100)), (2, Wan::whole(300))],
            Lang::Zh,
        );
        assert_eq!(c.points.len(), 2);
        // Cumulated: 100, then 400 of a 1,200 scale.
        assert!(c.points[1].label.contains("400万元"), "{}", c.points[1].label);
        assert!(c.points[0].y > c.points[1].y);
        assert_eq!(c.planned.split(' ').count(), 13);
        assert!(c.summary.contains("1–2月累计完成400万元"), "{}", c.summary);
    }

    #[test]
    fn no_figure_draws_the_plan_alone() {
        let c = chart(Wan::whole(500), &[], Lang::En);
        assert!(c.actual.is_empty());
        assert!(c.summary.contains("no accepted report"));
    }
}
