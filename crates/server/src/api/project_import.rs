//! Importing the project ledger through the API (issue 18, item 5): a dry run by default, showing
//! every row, what it does and every problem by row and column; with `dry_run: false` the
//! whole ledger is imported, or nothing.

use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, writer::Writer};
use crate::{
    AppState,
    error::AppResult,
    ops::ledger::{self, Imported, Line, ProblemView, Sent},
};

/// A ledger to import.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LedgerBody {
    /// The file's name (its ending tells a CSV file).
    pub file_name: String,
    /// The file, in base64: .xlsx, .xls, .ods or .csv, 10 MB at most.
    pub data: String,
    /// The month its figures are for, `2020-05` (default: the month its title names, else last
    /// month).
    #[serde(default)]
    pub month: String,
    /// Why it changes a project's total, year's plan or planned months, or corrects an accepted
    /// report.
    #[serde(default)]
    pub reason: String,
    /// Only check and show what would happen (the default).
    #[serde(default = "yes")]
    pub dry_run: bool,
    /// The `fingerprint` of the dry run being confirmed: refused (409) when the ledger changed
    /// since.
    #[serde(default)]
    pub expect: String,
}

fn yes() -> bool {
    true
}

/// How many rows do what.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCounts {
    /// Projects added.
    pub added: usize,
    /// Projects changed.
    pub changed: usize,
    /// Projects as they are.
    pub same: usize,
    /// Monthly reports sent.
    pub reports: usize,
}

/// A ledger read: what importing it does, or did.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerAnswer {
    /// The sheet read.
    pub sheet: String,
    /// The month its figures are for.
    pub month: String,
    /// A digest of what it does, to confirm with.
    pub fingerprint: String,
    /// The counts.
    pub counts: LedgerCounts,
    /// Every project row.
    pub lines: Vec<Line>,
    /// Categories it adds.
    pub new_categories: Vec<String>,
    /// Rows set aside (sections, sums, footnotes).
    pub set_aside: Vec<String>,
    /// What is wrong (nothing is imported while there is any).
    pub problems: Vec<ProblemView>,
    /// What was written, when not a dry run.
    pub imported: Option<Imported>,
}

/// `POST /api/v1/projects/import`
#[utoipa::path(post, path = "/api/v1/projects/import", tag = "projects", security(("bearer" = [])), request_body = LedgerBody,
    responses((status = 200, body = LedgerAnswer), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<LedgerBody>,
) -> AppResult<Json<LedgerAnswer>> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let bytes = super::extraction::file_data(&b.data)?;
    let sent = Sent {
        file_name: b.file_name,
        bytes,
        month: b.month,
        reason: b.reason,
    };
    let (plan, imported) = if b.dry_run {
        (ledger::plan(&state, &cap, &sent, lang).await?, None)
    } else {
        let (plan, done) = ledger::import(&state, &cap, &sent, lang, Some(&b.expect)).await?;
        (plan, Some(done))
    };
    let (added, changed, same, reports) = plan.counts();
    Ok(Json(LedgerAnswer {
        sheet: plan.sheet.clone(),
        month: plan.month.code(),
        fingerprint: plan.fingerprint(),
        counts: LedgerCounts {
            added,
            changed,
            same,
            reports,
        },
        lines: plan.lines.clone(),
        new_categories: plan.new_categories.clone(),
        set_aside: plan.set_aside.clone(),
        problems: plan.problems.iter().map(|p| p.view(lang)).collect(),
        imported,
    }))
}
