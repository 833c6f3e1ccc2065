//! Counting lights: a board's (or any list's) light counts over the tasks without sub-tasks,
//! its overall progress, and the shares of the stacked light bar.

use luoshi_domain::{Lang, Light, weighted_progress};

use crate::board_task::BoardTask;

/// Light counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct LightCounts {
    /// Red.
    pub red: usize,
    /// Yellow.
    pub yellow: usize,
    /// Green.
    pub green: usize,
    /// Blue (done).
    pub blue: usize,
}

impl LightCounts {
    /// Counts one more of `light`.
    pub fn add(&mut self, light: Light) {
        self.add_many(light, 1);
    }

    /// Counts `n` more of `light`.
    pub fn add_many(&mut self, light: Light, n: usize) {
        match light {
            Light::Red => self.red += n,
            Light::Yellow => self.yellow += n,
            Light::Green => self.green += n,
            Light::Blue => self.blue += n,
        }
    }

    /// All counted.
    pub fn total(&self) -> usize {
        self.red + self.yellow + self.green + self.blue
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, o: &LightCounts) {
        self.red += o.red;
        self.yellow += o.yellow;
        self.green += o.green;
        self.blue += o.blue;
    }

    /// The counts in words, for screen readers: `红灯2项、黄灯3项、绿灯10项、已办结1项`.
    pub fn summary<L: std::borrow::Borrow<Lang>>(&self, lang: L) -> String {
        match *lang.borrow() {
            Lang::Zh => format!(
                "红灯{}项、黄灯{}项、绿灯{}项、已办结{}项",
                self.red, self.yellow, self.green, self.blue
            ),
            Lang::En => format!(
                "{} red, {} yellow, {} green, {} done",
                self.red, self.yellow, self.green, self.blue
            ),
        }
    }

    /// The segments of the stacked light bar.
    pub fn segments(&self) -> Vec<Segment> {
        segments_of(self)
    }
}

/// One segment of the stacked light bar.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Left edge, percent.
    pub x: usize,
    /// Width, percent.
    pub w: usize,
    /// CSS class: r, y, g or b.
    pub class: &'static str,
}

/// The segments of a stacked bar of light counts (drawn as SVG, no inline styles).
pub fn segments_of(c: &LightCounts) -> Vec<Segment> {
    let total = c.total();
    if total == 0 {
        return Vec::new();
    }
    let mut x = 0;
    let mut out = Vec::new();
    for (n, class) in [(c.red, "r"), (c.yellow, "y"), (c.green, "g"), (c.blue, "b")] {
        let w = (n * 100 + total / 2) / total;
        if n > 0 {
            out.push(Segment { x, w: w.max(1), class });
        }
        x += w;
    }
    out
}

/// [`PlanBoard::leaf_counts`] of some board tasks.
pub fn leaf_counts<'a>(tasks: impl IntoIterator<Item = &'a BoardTask>) -> LightCounts {
    let mut c = LightCounts::default();
    for t in tasks.into_iter().filter(|t| !t.has_children) {
        c.add(t.verdict.light);
    }
    c
}

/// Of some board tasks without sub-tasks: how many have a light resting on a report the office
/// has not yet accepted (待审核), and their lights counted on accepted reports only (what the
/// public site counts).
pub fn checked_counts<'a>(tasks: impl IntoIterator<Item = &'a BoardTask>) -> (usize, LightCounts) {
    let (mut pending, mut c) = (0, LightCounts::default());
    for t in tasks.into_iter().filter(|t| !t.has_children) {
        match t.verdict.checked.as_deref() {
            Some(checked) => {
                pending += 1;
                c.add(checked.light);
            }
            None => c.add(t.verdict.light),
        }
    }
    (pending, c)
}

/// [`PlanBoard::progress`] of some board tasks: the weighted mean of the topmost ones (those
/// whose parent is not among them), by the domain's one roll-up of progress.
pub fn progress<'a>(tasks: impl IntoIterator<Item = &'a BoardTask> + Clone) -> u8 {
    let ids: std::collections::HashSet<i64> = tasks.clone().into_iter().map(|t| t.task.id).collect();
    weighted_progress(
        tasks
            .into_iter()
            .filter(|t| t.task.parent_id.is_none_or(|p| !ids.contains(&p)))
            .map(|t| (u64::try_from(t.task.weight).unwrap_or(1), t.verdict.progress)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_segments_start_where_the_previous_ends() {
        let s = LightCounts {
            red: 1,
            yellow: 1,
            green: 2,
            blue: 0,
        }
        .segments();
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].x, s[0].w), (0, 25));
        assert_eq!((s[1].x, s[1].w), (25, 25));
        assert_eq!((s[2].x, s[2].w, s[2].class), (50, 50, "g"));
    }
}
