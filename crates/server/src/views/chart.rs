//! Charts drawn by the server as inline SVG (no script, no fetched library): vertical bars for
//! a distribution or a history, and lines of one or more series over months. Every chart names
//! itself for screen readers and scales to its box, so it fits a 360 px phone and a projector.

use std::fmt::Write;

/// One bar: its label under it, its value, the text over it, a CSS class and, if any, the list
/// it opens.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Under the bar.
    pub label: String,
    /// Its height, in the chart's unit.
    pub value: f64,
    /// Over the bar (`12`, `96.5`).
    pub text: String,
    /// `red`, `yellow`, `green`, `blue` or empty.
    pub class: &'static str,
    /// The page behind it.
    pub href: Option<String>,
}

/// One series of a line chart: its name, class and a value per point (`None`: no figure).
#[derive(Debug, Clone)]
pub struct Series {
    /// Its name, in the legend.
    pub name: String,
    /// Its CSS class.
    pub class: &'static str,
    /// A value per point.
    pub values: Vec<Option<f64>>,
}

/// `s` safe inside SVG text and attributes.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const W: f64 = 320.0;
const H: f64 = 160.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 16.0;

/// Vertical bars, named `title`.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    let most = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max).max(1.0);
    let n = bars.len().max(1) as f64;
    let slot = W / n;
    let width = (slot * 0.7).min(48.0);
    let mut s = format!(
        r#"<svg class="chart bars" viewBox="0 0 {W} {H}" role="img" aria-label="{t}" preserveAspectRatio="xMidYMid meet"><title>{t}</title>"#,
        t = esc(title)
    );
    let _ = write!(
        s,
        r#"<line class="axis" x1="0" y1="{y}" x2="{W}" y2="{y}"/>"#,
        y = H - BOTTOM
    );
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value.max(0.0) / most) * (H - BOTTOM - TOP);
        let x = slot * i as f64 + (slot - width) / 2.0;
        let y = H - BOTTOM - h;
        let cx = slot * i as f64 + slot / 2.0;
        let bar = format!(
            r#"<rect class="bar {c}" x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{h:.1}"><title>{l}：{t}</title></rect><text class="value" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">{t}</text><text class="label" x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{l}</text>"#,
            c = b.class,
            l = esc(&b.label),
            t = esc(&b.text),
            ty = y - 3.0,
            ly = H - 7.0,
        );
        match &b.href {
            Some(href) => {
                let _ = write!(s, r#"<a href="{}">{bar}</a>"#, esc(href));
            }
            None => s.push_str(&bar),
        }
    }
    s.push_str("</svg>");
    s
}

/// Lines over `labels` (months), from `low` to `high`, named `title`; a dashed `guide` series
/// (序时进度) may be among them by its class.
pub fn lines(title: &str, labels: &[String], series: &[Series], low: f64, high: f64) -> String {
    let span = (high - low).max(1e-9);
    let n = labels.len().max(2) as f64 - 1.0;
    let x_of = |i: usize| 8.0 + (W - 16.0) * i as f64 / n;
    let y_of = |v: f64| TOP + (H - BOTTOM - TOP) * (1.0 - ((v - low) / span).clamp(0.0, 1.0));
    let mut s = format!(
        r#"<svg class="chart lines" viewBox="0 0 {W} {H}" role="img" aria-label="{t}" preserveAspectRatio="xMidYMid meet"><title>{t}</title>"#,
        t = esc(title)
    );
    let _ = write!(
        s,
        r#"<line class="axis" x1="0" y1="{y}" x2="{W}" y2="{y}"/>"#,
        y = H - BOTTOM
    );
    for (i, l) in labels.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x_of(i),
            H - 7.0,
            esc(l)
        );
    }
    for se in series {
        let mut d = String::new();
        for (i, v) in se.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1} ",
                    if d.is_empty() { "M" } else { "L" },
                    x_of(i),
                    y_of(*v)
                );
            }
        }
        if !d.is_empty() {
            let _ = write!(
                s,
                r#"<path class="line {}" d="{}"><title>{}</title></path>"#,
                se.class,
                d.trim(),
                esc(&se.name)
            );
        }
        if let Some((i, Some(v))) = se.values.iter().enumerate().rev().find(|(_, v)| v.is_some()) {
            let _ = write!(
                s,
                r#"<circle class="dot {}" cx="{:.1}" cy="{:.1}" r="2.5"/>"#,
                se.class,
                x_of(i),
                y_of(*v)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_escape_their_words_and_scale_to_the_tallest() {
        let b = |label: &str, value| Bar {
            label: label.into(),
            value,
            text: format!("{value}"),
            class: "green",
            href: Some("/lists/overdue?a=1&b=2".into()),
        };
        let svg = bars("分布<图>", &[b("90-95", 4.0), b("<script>", 8.0)]);
        assert!(svg.contains("分布&lt;图&gt;") && svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains(r#"href="/lists/overdue?a=1&amp;b=2""#));
        // The tallest bar fills the height between the margins.
        assert!(svg.contains(r#"height="122.0""#), "{svg}");
    }

    #[test]
    fn lines_skip_months_without_a_figure() {
        let svg = lines(
            "趋势",
            &["1月".into(), "2月".into(), "3月".into()],
            &[Series {
                name: "红灯".into(),
                class: "red",
                values: vec![Some(0.0), None, Some(10.0)],
            }],
            0.0,
            10.0,
        );
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(svg.contains("M8.0,138.0 L312.0,16.0"), "{svg}");
    }
}
