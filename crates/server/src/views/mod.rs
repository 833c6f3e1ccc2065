//! View models: what a page shows and what the API returns, built once from the store and the
//! domain rules, in the request's language. HTML templates and JSON handlers share them.

pub mod accountability;
pub mod activity;
pub mod admin;
pub mod assessment;
pub mod assessment_history;
pub mod audit_words;
pub mod bulletin;
pub mod chart;
pub mod directory;
pub mod dispatch;
pub mod export;
pub mod export_projects;
pub mod export_reports;
pub mod feed;
pub mod home;
pub mod inbox;
pub mod indicator;
pub mod indicator_chart;
pub mod indicator_detail;
pub mod indicator_queue;
pub mod instruction;
pub mod likelihood;
pub mod lists;
pub mod order_doc;
pub mod paging;
pub mod plan;
pub mod project;
pub mod project_chart;
pub mod project_detail;
pub mod project_liaison;
pub mod project_queue;
pub mod project_sums;
pub mod proposals;
pub mod public;
pub mod public_projects;
pub mod records;
pub mod reviews;
pub mod supervision;
pub mod task;
pub mod task_detail;
pub mod task_force;

pub use home::HomeView;
pub use plan::{PlanSummary, PlanTree};
pub use task::{ReportOut, TaskDetail, TaskRow};

use chrono::{DateTime, NaiveDate, Utc};
use luoshi_domain::{Lang, fmt_date};

use crate::clock::cst;

/// A date in the reader's language; `None` as the given fallback.
pub fn date_text(d: Option<NaiveDate>, lang: Lang, none: &str) -> String {
    d.map(|d| fmt_date(d, lang)).unwrap_or_else(|| none.to_string())
}

/// An instant in China time: `2020年6月30日 09:15`.
pub fn instant_text(t: Option<DateTime<Utc>>, lang: Lang) -> String {
    t.map(|t| {
        let local = t.with_timezone(&cst());
        format!("{} {}", fmt_date(local.date_naive(), lang), local.format("%H:%M"))
    })
    .unwrap_or_default()
}
