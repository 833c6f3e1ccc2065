//! A light's reason in words (`Reason::explain`), and the code of the rule that decided it.

use super::Reason;
use crate::lang::{Lang, fmt_date};

impl Reason {
    /// The rule that decided, looking through [`Reason::Kept`] to the task's own.
    pub fn decisive(&self) -> &Reason {
        match self {
            Reason::Kept { own, .. } => own.decisive(),
            r => r,
        }
    }

    /// The rule's stored code (`overdue`, `lagging`, …), of the rule that decided.
    pub fn code(&self) -> &'static str {
        match self.decisive() {
            Reason::Done { .. } => "done",
            Reason::Overdue { .. } => "overdue",
            Reason::MilestoneLate { .. } => "milestone_late",
            Reason::Lagging { .. } => "lagging",
            Reason::ReportMissing { .. } => "report_missing",
            Reason::OnTrack { .. } => "on_track",
            Reason::Rollup { .. } => "rollup",
            Reason::Kept { .. } => "kept",
        }
    }

    /// The rule and its numbers in words, without the light's name.
    pub fn explain(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::Kept { sub_tasks, own }, Lang::Zh) => format!(
                "已分解为{sub_tasks}项下级任务，下级任务尚未报送，仍按本任务的报送判定：{}",
                own.explain(lang)
            ),
            (Reason::Kept { sub_tasks, own }, Lang::En) => format!(
                "broken down into {sub_tasks} sub-tasks, none of which has reported yet, so judged on its own reports: {}",
                own.explain(lang)
            ),
            (Reason::Done { on: Some(d) }, Lang::Zh) => format!("已办结（{}）", fmt_date(*d, lang)),
            (Reason::Done { on: Some(d) }, Lang::En) => {
                format!("completed on {}", fmt_date(*d, lang))
            }
            (Reason::Done { on: None }, _) => lang.pick("已办结", "completed").to_string(),
            (Reason::Overdue { due, days }, Lang::Zh) => {
                format!("已超过完成时限（{}）{}天", fmt_date(*due, lang), days)
            }
            (Reason::Overdue { due, days }, Lang::En) => {
                format!("{} days past the deadline ({})", days, fmt_date(*due, lang))
            }
            (Reason::MilestoneLate { title, due, days, .. }, Lang::Zh) => {
                format!(
                    "节点目标「{}」逾期{}天（应于{}完成）",
                    title,
                    days,
                    fmt_date(*due, lang)
                )
            }
            (Reason::MilestoneLate { title, due, days, .. }, Lang::En) => format!(
                "milestone “{}” is {} days overdue (due {}）",
                title,
                days,
                fmt_date(*due, lang)
            ),
            (
                Reason::Lagging {
                    time, reported, gap, ..
                },
                Lang::Zh,
            ) => {
                format!("时间进度{time}%，报送进度{reported}%，落后{gap}个百分点")
            }
            (
                Reason::Lagging {
                    time, reported, gap, ..
                },
                Lang::En,
            ) => {
                format!("time progress {time}%, reported progress {reported}%, {gap} points behind")
            }
            (Reason::ReportMissing { due, returned: false }, Lang::Zh) => {
                format!("应于{}报送的进展未报送", fmt_date(*due, lang))
            }
            (Reason::ReportMissing { due, returned: true }, Lang::Zh) => {
                format!("应于{}报送的进展已被退回，尚未重新报送", fmt_date(*due, lang))
            }
            (Reason::ReportMissing { due, returned: false }, Lang::En) => {
                format!("the progress report due on {} is missing", fmt_date(*due, lang))
            }
            (Reason::ReportMissing { due, returned: true }, Lang::En) => {
                format!(
                    "the progress report due on {} was returned and not yet sent again",
                    fmt_date(*due, lang)
                )
            }
            (
                Reason::OnTrack {
                    time: Some(t),
                    reported,
                },
                Lang::Zh,
            ) => {
                format!("时间进度{}%，报送进度{}%", t, reported.unwrap_or(0))
            }
            (
                Reason::OnTrack {
                    time: Some(t),
                    reported,
                },
                Lang::En,
            ) => format!("time progress {}%, reported progress {}%", t, reported.unwrap_or(0)),
            (Reason::OnTrack { time: None, reported }, Lang::Zh) => {
                format!("长期坚持，按期报送，报送进度{}%", reported.unwrap_or(0))
            }
            (Reason::OnTrack { time: None, reported }, Lang::En) => {
                format!("ongoing, reports on time, reported progress {}%", reported.unwrap_or(0))
            }
            (
                Reason::Rollup {
                    total,
                    red,
                    yellow,
                    green,
                    blue,
                    progress,
                    own,
                },
                Lang::Zh,
            ) => format!(
                "由{total}项下级任务汇总：红灯{red}项、黄灯{yellow}项、绿灯{green}项、已办结{blue}项；取最差者，进度按权重加权平均为{progress}%{}",
                own.map(|o| format!("（本任务分解前最近报送进度{o}%）"))
                    .unwrap_or_default()
            ),
            (
                Reason::Rollup {
                    total,
                    red,
                    yellow,
                    green,
                    blue,
                    progress,
                    own,
                },
                Lang::En,
            ) => format!(
                "rolled up from {total} sub-tasks: {red} red, {yellow} yellow, {green} green, {blue} done; the worst one counts, progress is their weighted mean, {progress}%{}",
                own.map(|o| format!(" (its own last report before the breakdown: {o}%)"))
                    .unwrap_or_default()
            ),
        }
    }
}
