//! An indicator's charts, as SVG the templates draw from the points computed here: the monthly
//! chart of its page — the accepted figures, the target's trajectory (序时进度 by its profile,
//! or a rate's target as a level line) and last year's same-period figures — and the
//! dashboard's sparkline of the same two lines.

use luoshi_domain::{
    Lang,
    indicator::{Figure, Kind, Measure, Profile},
    project::Month,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::project_chart::{AxisMark, ChartPoint};

/// The chart of an indicator's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorChart {
    /// The drawing's width.
    pub width: i64,
    /// The drawing's height.
    pub height: i64,
    /// The target's trajectory, `x,y x,y …`.
    pub target: String,
    /// The accepted figures' line.
    pub actual: String,
    /// Last year's same-period line (empty when there is none).
    pub last_year: String,
    /// The accepted figures' points.
    pub points: Vec<ChartPoint>,
    /// The months.
    pub months: Vec<AxisMark>,
    /// The top of the scale.
    pub top_text: String,
    /// The bottom of the scale.
    pub bottom_text: String,
    /// The bottom line's y.
    pub base_y: i64,
    /// The left edge of the plot.
    pub left: i64,
    /// The chart in words, for screen readers.
    pub summary: String,
}

/// The dashboard's sparkline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Spark {
    /// The accepted figures' line.
    pub actual: String,
    /// The target's trajectory.
    pub target: String,
}

/// What a chart draws: the year's months with figures.
pub struct Lines<'a> {
    /// Amount or rate.
    pub kind: Kind,
    /// The annual target.
    pub target: Figure,
    /// Time progress.
    pub profile: &'a Profile,
    /// The year.
    pub year: i32,
    /// Accepted figures by month.
    pub actual: &'a [(u32, Figure)],
    /// Last year's same period by month (in the judged figure's measure).
    pub last_year: &'a [(u32, Figure)],
}

impl Lines<'_> {
    /// The target's trajectory at the end of `month` (`0` before January).
    fn expected(&self, month: u32) -> Figure {
        match self.kind {
            Kind::Rate => self.target,
            Kind::Amount if month == 0 => Figure(0),
            Kind::Amount => {
                let share = Month::new(self.year, month)
                    .map(|m| self.profile.at(m).0)
                    .unwrap_or(1000);
                Figure((self.target.0 as i128 * share as i128 / 1000) as i64)
            }
        }
    }

    fn range(&self) -> (i64, i64) {
        let all = self
            .actual
            .iter()
            .chain(self.last_year)
            .map(|(_, f)| f.0)
            .chain((0..=12).map(|m| self.expected(m).0));
        let (lo, hi) = all.fold((0, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo, if hi == lo { lo + 10_000 } else { hi })
    }
}

/// Draws `lines` in a `w` × `h` box with margins `left`, `top`, `bottom`.
struct Frame {
    w: i64,
    h: i64,
    left: i64,
    top: i64,
    bottom: i64,
    lo: i64,
    hi: i64,
}

impl Frame {
    fn x(&self, month: u32) -> i64 {
        self.left + (self.w - self.left - 6) * i64::from(month) / 12
    }

    fn y(&self, f: Figure) -> i64 {
        let span = (self.hi - self.lo).max(1) as i128;
        self.top + ((self.h - self.top - self.bottom) as i128 * (self.hi - f.0) as i128 / span) as i64
    }

    fn line(&self, pts: impl Iterator<Item = (u32, Figure)>) -> String {
        pts.map(|(m, f)| format!("{},{}", self.x(m), self.y(f)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn trajectory(l: &Lines, fr: &Frame) -> String {
    let from = if l.kind == Kind::Rate { 1 } else { 0 };
    fr.line((from..=12).map(|m| (m, l.expected(m))))
}

/// The chart of an indicator's page.
pub fn chart(l: &Lines, m: &Measure, lang: Lang) -> IndicatorChart {
    let (lo, hi) = l.range();
    let fr = Frame {
        w: 360,
        h: 190,
        left: 48,
        top: 12,
        bottom: 22,
        lo,
        hi,
    };
    let unit = if l.kind == Kind::Rate { "%" } else { m.unit };
    let points: Vec<ChartPoint> = l
        .actual
        .iter()
        .map(|(mo, f)| ChartPoint {
            x: fr.x(*mo),
            y: fr.y(*f),
            label: format!(
                "{} {}{unit}",
                Month {
                    year: l.year,
                    month: *mo
                }
                .to_date_text(lang),
                f.text(m.decimals)
            ),
        })
        .collect();
    let summary = match (lang, l.actual.last()) {
        (Lang::Zh, Some((mo, f))) => format!(
            "年度目标{}{unit}；{}{}{unit}",
            l.target.text(m.decimals),
            Month {
                year: l.year,
                month: *mo
            }
            .to_date_text(lang),
            f.text(m.decimals)
        ),
        (Lang::Zh, None) => format!("年度目标{}{unit}；尚无已采纳的数据", l.target.text(m.decimals)),
        (Lang::En, Some((mo, f))) => format!(
            "Annual target {}{unit}; {}: {}{unit}",
            l.target.text(m.decimals),
            Month {
                year: l.year,
                month: *mo
            }
            .to_date_text(lang),
            f.text(m.decimals)
        ),
        (Lang::En, None) => format!(
            "Annual target {}{unit}; no accepted figure yet",
            l.target.text(m.decimals)
        ),
    };
    IndicatorChart {
        width: fr.w,
        height: fr.h,
        target: trajectory(l, &fr),
        actual: fr.line(l.actual.iter().copied()),
        last_year: fr.line(l.last_year.iter().copied()),
        points,
        months: (1..=12)
            .map(|mo| AxisMark {
                x: fr.x(mo),
                label: mo.to_string(),
            })
            .collect(),
        top_text: Figure(hi).text(m.decimals),
        bottom_text: Figure(lo).text(m.decimals),
        base_y: fr.y(Figure(lo)),
        left: fr.left,
        summary,
    }
}

/// The dashboard's sparkline, in a 120 × 32 box.
pub fn spark(l: &Lines) -> Spark {
    let (lo, hi) = l.range();
    let fr = Frame {
        w: 120,
        h: 32,
        left: 2,
        top: 3,
        bottom: 3,
        lo,
        hi,
    };
    Spark {
        actual: fr.line(l.actual.iter().copied()),
        target: trajectory(l, &fr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    #[test]
    fn an_amount_climbs_to_its_target_and_a_rate_holds_level() {
        let m = Measure {
            unit: "亿元",
            decimals: 1,
            direction: luoshi_domain::indicator::Direction::Higher,
            growth: false,
        };
        let actual = [(1, f("10")), (2, f("25"))];
        let l = Lines {
            kind: Kind::Amount,
            target: f("120"),
            profile: &Profile::Linear,
            year: 2020,
            actual: &actual,
            last_year: &[],
        };
        let c = chart(&l, &m, Lang::Zh);
        // Thirteen points from January 1st to December; the second figure above the first.
        assert_eq!(c.target.split(' ').count(), 13);
        assert!(c.points[1].y < c.points[0].y);
        assert_eq!(c.summary, "年度目标120.0亿元；1–2月25.0亿元");
        let rate = Lines {
            kind: Kind::Rate,
            target: f("7.5"),
            ..l
        };
        let s = spark(&rate);
        let ys: Vec<&str> = s.target.split(' ').map(|p| p.split(',').nth(1).unwrap()).collect();
        assert!(
            ys.windows(2).all(|w| w[0] == w[1]),
            "a rate's target is level: {}",
            s.target
        );
    }
}
