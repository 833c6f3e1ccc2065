//! Importing the project ledger (项目台账, issue 18): a sheet's rows matched to the region's
//! projects (by 项目编号 `P12` as Luoshi exports it, or the same name), each read into a project
//! — added, changed or the same — and a month's figures into that month's reports, sent for the
//! office's review as a unit's would be. A dry run shows every line and every problem by row and
//! column; the import writes all of it in one transaction, or nothing.

mod apply;
mod read;

use std::collections::HashMap;

use luoshi_domain::{Lang, ValidationError, codes, directory::sheet::column_letter, project::Month};
use luoshi_office::tables::{Found, read_tables};
use luoshi_text::table::ledger::{Ledger, LedgerRole, read_ledger};
use serde::Serialize;
use utoipa::ToSchema;

pub use apply::{Imported, import};
use read::{Context, Prepared};

use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
    ops::invalid,
};

/// What a ledger row does to its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A new project.
    Add,
    /// A project changed.
    Change,
    /// A project as it is.
    Same,
}

/// What a row does to the month's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// The month's first report.
    New,
    /// The month's report sent again (a correction when the office had accepted it).
    Resend,
    /// The month's report as it is.
    Same,
}

/// A field a row changes: its header, the value before and after, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldChange {
    /// The field (`total`, `unit`…).
    pub field: String,
    /// Its name as the ledger's header says it.
    pub header: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
}

/// One project row of the ledger, as it will be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Line {
    /// The sheet's row, from 1.
    pub row: usize,
    /// The project's name.
    pub name: String,
    /// The project it is, when it is on the ledger already.
    pub project_id: Option<i64>,
    /// What happens to the project.
    pub action: Action,
    /// What changes, when it changes.
    pub changes: Vec<FieldChange>,
    /// The responsible unit.
    pub unit: String,
    /// What happens to the month's report, when the row has the month's figures.
    pub report: Option<ReportAction>,
    /// The month's investment as it will be sent, 万元 in words.
    pub invested: String,
    /// The month's investment as sent before, when it is sent again.
    pub invested_before: String,
    /// Whether the month's investment is worked out from the cumulative figure (the year so far
    /// less the months already reported).
    pub from_cumulative: bool,
}

/// A problem, placed by row and column.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The sheet's row, from 1 (none for the whole file).
    pub row: Option<usize>,
    /// The column, 0 for A.
    pub column: Option<usize>,
    /// The column's header.
    pub header: String,
    /// What is wrong.
    pub error: ValidationError,
}

impl Problem {
    /// Where it is, in words: `第6行 E列（总投资）`.
    pub fn place(&self, lang: Lang) -> String {
        let col = self.column.map(|c| match lang {
            Lang::Zh => format!("{}列（{}）", column_letter(c), self.header),
            Lang::En => format!("column {} ({})", column_letter(c), self.header),
        });
        match (self.row, col, lang) {
            (Some(r), Some(c), Lang::Zh) => format!("第{r}行 {c}"),
            (Some(r), Some(c), Lang::En) => format!("row {r}, {c}"),
            (Some(r), None, Lang::Zh) => format!("第{r}行"),
            (Some(r), None, Lang::En) => format!("row {r}"),
            (None, _, _) => lang.pick("文件", "The file").to_string(),
        }
    }

    /// As the API shows it.
    pub fn view(&self, lang: Lang) -> ProblemView {
        ProblemView {
            row: self.row,
            column: self.column.map(column_letter),
            header: self.header.clone(),
            field: self.error.field.to_string(),
            code: self.error.code.name.to_string(),
            message: format!("{}：{}", self.place(lang), self.error.message(lang)),
        }
    }
}

/// A problem as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemView {
    /// The sheet's row, from 1.
    pub row: Option<usize>,
    /// The column's letter.
    pub column: Option<String>,
    /// The column's header.
    pub header: String,
    /// The field.
    pub field: String,
    /// The stable code.
    pub code: String,
    /// The problem with its place, in the request's language.
    pub message: String,
}

/// A ledger read against the region: every line, the categories it adds, its problems.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The sheet read.
    pub sheet: String,
    /// The month its figures are for.
    pub month: Month,
    /// Its project rows.
    pub lines: Vec<Line>,
    /// Categories (项目类型) it names that the region has not: added with it.
    pub new_categories: Vec<String>,
    /// Rows set aside (sections, sums, footnotes).
    pub set_aside: Vec<String>,
    /// What is wrong; nothing is imported while there is any.
    pub problems: Vec<Problem>,
    prepared: Vec<Prepared>,
}

impl Plan {
    /// A digest of what the import would do: the same file read against a changed ledger
    /// gives another, so a confirmation of a stale preview is refused.
    pub fn fingerprint(&self) -> String {
        use sm3::Digest;
        // The versions read too: a project or report saved by someone else since is another plan.
        let versions: Vec<[Option<(i64, i64)>; 2]> = self
            .prepared
            .iter()
            .map(|p| {
                [
                    p.project.as_ref().map(|x| (x.id, x.version)),
                    p.report.as_ref().and_then(|r| r.1.as_ref()).map(|r| (r.id, r.version)),
                ]
            })
            .collect();
        let text = serde_json::json!([self.month.code(), self.lines, self.new_categories, versions]).to_string();
        crate::ctx::hex(&sm3::Sm3::digest(text.as_bytes()))[..16].to_string()
    }

    /// How many rows add, change, leave the same, and send a report.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let n = |a: Action| self.lines.iter().filter(|l| l.action == a).count();
        let reports = self
            .lines
            .iter()
            .filter(|l| matches!(l.report, Some(ReportAction::New | ReportAction::Resend)))
            .count();
        (n(Action::Add), n(Action::Change), n(Action::Same), reports)
    }

    /// Whether importing it changes nothing.
    pub fn is_empty(&self) -> bool {
        let (a, c, _, r) = self.counts();
        a + c + r == 0
    }
}

/// A ledger as sent: the file, the month its figures are for (read from its title when not
/// given), and the reason for the figures the year began with that it changes.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    /// The file's name.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// `2020-05`, or empty for the title's month (else last month).
    pub month: String,
    /// Why total, plan or planned months change; also the reason of a corrected report.
    pub reason: String,
}

fn file_problem(code: luoshi_domain::Code) -> AppError {
    AppError::Validation(vec![ValidationError::of("file", code)])
}

/// A ledger file read: its sheet's name and the ledger.
pub(crate) type Read = (String, Ledger);

/// Reads the file's first sheet that is a ledger (apart from the runtime's threads).
async fn read_file(sent: &Sent) -> AppResult<Read> {
    let (bytes, name) = (sent.bytes.clone(), sent.file_name.clone());
    let found: Result<Vec<Found>, _> = tokio::task::spawn_blocking(move || read_tables(&bytes, &name))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let found = found.map_err(|e| AppError::Validation(vec![super::extraction::table::file_error(&e)]))?;
    found
        .iter()
        .find_map(|f| read_ledger(&f.grid).map(|l| (f.name.clone(), l)))
        .ok_or_else(|| file_problem(codes::LEDGER_NO_HEADER))
}

/// The month the figures are for: as chosen, else the title's, else last month; not after
/// this month.
fn month_of(sent: &Sent, ledger: &Ledger, now: Month) -> AppResult<Month> {
    let m = if sent.month.trim().is_empty() {
        luoshi_text::table::ledger_cells::ledger_month(&ledger.above)
            .and_then(|(y, m)| Month::new(y, m))
            .unwrap_or(now.previous())
    } else {
        Month::parse(&sent.month).ok_or_else(|| file_problem(codes::LEDGER_MONTH_INVALID))?
    };
    if m > now {
        return Err(invalid(
            "month",
            codes::LEDGER_MONTH_INVALID,
            format!("{}尚未结束，不能导入该月的台账", m.text(Lang::Zh)),
            format!("{} is not over yet", m.text(Lang::En)),
        ));
    }
    Ok(m)
}

/// Reads `sent` against the region's ledger as it stands on `conn` (a transaction's, for the
/// import): nothing written.
pub async fn plan_on(
    state: &AppState,
    conn: &mut luoshi_store::Conn,
    cap: &SupervisorCap,
    sent: &Sent,
    lang: Lang,
) -> AppResult<Plan> {
    let read = read_file(sent).await?;
    plan_read(state, conn, cap, sent, read, lang).await
}

/// Plans the ledger `read` from `sent` against the region as it stands on `conn`.
async fn plan_read(
    state: &AppState,
    conn: &mut luoshi_store::Conn,
    cap: &SupervisorCap,
    sent: &Sent,
    (sheet, ledger): Read,
    lang: Lang,
) -> AppResult<Plan> {
    let now = Month::of(state.clock.today());
    let month = month_of(sent, &ledger, now)?;
    if ledger.rows.is_empty() {
        return Err(file_problem(codes::LEDGER_NOTHING));
    }
    let headers: read::Headers = ledger
        .columns
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (h, r))| (*r, (i, h.clone())))
        .collect();
    let ctx = Context::load(conn, cap.region, month, now, sent.reason.trim(), lang).await?;
    let mut plan = Plan {
        sheet,
        month,
        lines: Vec::new(),
        new_categories: Vec::new(),
        set_aside: ledger.notes.clone(),
        problems: Vec::new(),
        prepared: Vec::new(),
    };
    let mut seen: HashMap<i64, usize> = HashMap::new();
    let mut added: HashMap<String, usize> = HashMap::new();
    for row in &ledger.rows {
        let r = ctx.read(row, &headers, &mut plan.new_categories);
        // The first row of a project, or of a new project's name: a later one repeats it.
        let first = match r.line.project_id {
            Some(id) => *seen.entry(id).or_insert(row.row),
            None => *added.entry(r.line.name.clone()).or_insert(row.row),
        };
        if first != row.row {
            plan.problems.push(Problem {
                row: Some(row.row),
                column: headers.get(&LedgerRole::Name).map(|h| h.0),
                header: headers.get(&LedgerRole::Name).map(|h| h.1.clone()).unwrap_or_default(),
                error: ValidationError::new(
                    "name",
                    codes::LEDGER_ROW_REPEATED,
                    format!("与第{first}行是同一项目"),
                    format!("The same project as row {first}"),
                ),
            });
        }
        plan.problems.extend(r.problems);
        plan.lines.push(r.line);
        plan.prepared.extend(r.prepared);
    }
    Ok(plan)
}

/// Reads `sent` against the region's ledger: the dry run.
pub async fn plan(state: &AppState, cap: &SupervisorCap, sent: &Sent, lang: Lang) -> AppResult<Plan> {
    let mut c = state.store.conn().await?;
    plan_on(state, &mut c, cap, sent, lang).await
}
