//! The public site's views (政务公开): a public task with its status in words and its latest
//! accepted progress; the open-data rows of each page; the QR code of a page's address.

use chrono::NaiveDate;
use luoshi_domain::{Lang, Light, fmt_date};
use luoshi_store::report::PublicProgress;
use serde::Serialize;

use crate::{access::public::PublicPlan, directory::Directory, i18n::Tr};
use luoshi_lights::LightCounts;

/// A task on a public plan page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicTask {
    /// Outline number.
    pub number: String,
    /// The task.
    pub title: String,
    /// 牵头单位.
    pub lead_unit: String,
    /// 完成时限 in words.
    pub due: String,
    /// Light code.
    pub light: String,
    /// The status in words a citizen reads: 已完成, 正常推进, 进度滞后, 严重滞后.
    pub status: String,
    /// Percent complete.
    pub progress: u8,
    /// The latest progress accepted by the supervision office; empty if none yet.
    pub latest: String,
    /// The day that progress was accepted, in words.
    pub latest_on: String,
    /// Whether its progress rolls up from sub-tasks.
    pub has_children: bool,
}

/// A status in words for the public: a light's meaning, not its colour.
pub fn public_status(l: Light, lang: Lang) -> &'static str {
    match l {
        Light::Blue => lang.pick("已完成", "Done"),
        Light::Green => lang.pick("正常推进", "On track"),
        Light::Yellow => lang.pick("进度滞后", "Behind"),
        Light::Red => lang.pick("严重滞后", "Well behind"),
    }
}

/// A public plan's tasks, in tree order, with their light counts.
pub fn public_tasks(p: &PublicPlan, dir: &Directory, lang: Lang) -> (Vec<PublicTask>, LightCounts) {
    let tr = Tr::new(lang);
    let mut counts = LightCounts::default();
    let rows = p
        .board
        .tasks
        .iter()
        .map(|t| {
            // Counted like everywhere else: tasks without sub-tasks, so nothing twice.
            if !t.has_children {
                counts.add(t.verdict.light);
            }
            let latest: Option<&PublicProgress> = p.progress.iter().find(|r| r.task_id == t.task.id);
            PublicTask {
                number: t.number.clone(),
                title: t.task.title.clone(),
                lead_unit: dir.unit_name(t.task.lead_unit_id),
                due: t
                    .task
                    .due
                    .map(|d| fmt_date(d, lang))
                    .unwrap_or_else(|| tr.t("task.ongoing")),
                light: t.verdict.light.code().to_string(),
                status: public_status(t.verdict.light, lang).to_string(),
                progress: t.verdict.progress,
                latest: latest.map(|r| r.content.clone()).unwrap_or_default(),
                latest_on: latest
                    .and_then(|r| r.reviewed_at)
                    .map(|at| fmt_date(at.with_timezone(&crate::clock::cst()).date_naive(), lang))
                    .unwrap_or_default(),
                has_children: t.has_children,
            }
        })
        .collect();
    (rows, counts)
}

/// The day a public plan page's data last changed: the latest acceptance of a public task's
/// report, or the plan's own date.
pub fn plan_updated(p: &PublicPlan) -> NaiveDate {
    p.progress
        .iter()
        .filter_map(|r| r.reviewed_at)
        .max()
        .map(|at| at.with_timezone(&crate::clock::cst()).date_naive())
        .unwrap_or(p.board.plan.issued_on)
}

/// The page title of a plan: `2020年度重点工作进展和完成情况`.
pub fn plan_page_title(year: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{year}年度重点工作进展和完成情况"),
        Lang::En => format!("Progress of the key work of {year}"),
    }
}

/// The QR code of `url` as inline SVG, black on white with its quiet zone.
pub fn qr_svg(url: &str) -> String {
    // Drawing a code costs more than the rest of a public page; each page's address is drawn
    // once per server (a site has a few hundred pages; the memo is emptied past 4,096).
    static DRAWN: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(svg) = DRAWN.lock().ok().and_then(|m| m.get(url).cloned()) {
        return svg;
    }
    let svg = draw_qr(url);
    if let Ok(mut m) = DRAWN.lock() {
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(url.to_string(), svg.clone());
    }
    svg
}

/// Draws the QR code of `url` (never kept: a second factor's address is a secret).
pub(crate) fn draw_qr(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(168, 168)
                .quiet_zone(true)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build();
            // Inline in HTML: without the XML declaration.
            match svg.find("<svg") {
                Some(i) => svg[i..].to_string(),
                None => svg,
            }
        }
        Err(_) => String::new(),
    }
}

/// One CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with `'`
/// so that a spreadsheet never runs it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Rows as CSV with a byte-order mark, so Excel on Chinese Windows opens it as UTF-8.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_it_must_and_defuses_formulas() {
        let c = csv(
            &["a", "b"],
            &[vec!["x,y".into(), "=1+1".into()], vec!["say \"hi\"".into(), "2".into()]],
        );
        assert_eq!(c, "\u{feff}a,b\r\n\"x,y\",'=1+1\r\n\"say \"\"hi\"\"\",2\r\n");
    }

    #[test]
    fn the_qr_code_is_inline_svg() {
        let s = qr_svg("http://127.0.0.1:8080/public/plans/1");
        assert!(s.starts_with("<svg"), "{s}");
        assert!(s.contains("#000000"));
    }
}
