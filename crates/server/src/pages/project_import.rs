//! Importing the project ledger on a page (`/projects/import`, the office): a file, the month
//! its figures are for and the reason for changed figures; the preview of every project and
//! report with the problems by row and column; then the import, whole — the file travels in
//! the page between the two, nothing is stored before the import.

use askama::Template;
use axum::{extract::State, response::Response};
use base64::Engine;
use luoshi_domain::Lang;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::PostedFiles,
    ops::ledger::{self, Action, Plan, ReportAction, Sent},
    uploads::{Fits, Upload},
};

/// The largest ledger file read.
pub const MAX_FILE: usize = luoshi_office::tables::MAX_FILE;

/// A row of the preview.
struct LineView {
    row: usize,
    name: String,
    project_id: Option<i64>,
    action: String,
    class: &'static str,
    changes: Vec<String>,
    unit: String,
    report: String,
}

/// The preview (or the result).
struct PlanView {
    title: String,
    counts: String,
    new_categories: String,
    lines: Vec<LineView>,
    set_aside: Vec<String>,
    nothing: bool,
    can_import: bool,
}

#[derive(Template)]
#[template(path = "project_import.html")]
struct ImportPage {
    l: Layout,
    fits: Fits,
    heading: String,
    problems: Vec<(String, String)>,
    plan: Option<PlanView>,
    done: bool,
    stale: bool,
    file_name: String,
    data: String,
    month: String,
    reason: String,
    expect: String,
}

impl ImportPage {
    fn new(state: &AppState, l: Layout) -> ImportPage {
        ImportPage {
            fits: Fits::new(&state.config, Upload::Document(MAX_FILE), l.lang),
            l,
            heading: String::new(),
            problems: Vec::new(),
            plan: None,
            done: false,
            stale: false,
            file_name: String::new(),
            data: String::new(),
            month: String::new(),
            reason: String::new(),
            expect: String::new(),
        }
    }
}

fn view(plan: &Plan, done: bool, lang: Lang, tr: crate::i18n::Tr) -> PlanView {
    let (added, changed, same, reports) = plan.counts();
    let lines = plan
        .lines
        .iter()
        .filter(|x| x.action != Action::Same || matches!(x.report, Some(ReportAction::New | ReportAction::Resend)))
        .map(|x| {
            let (action, class) = match x.action {
                Action::Add => (tr.t("ledger.add"), "status status-submitted"),
                Action::Change => (tr.t("ledger.change"), "status status-late"),
                Action::Same => (tr.t("ledger.same"), "status"),
            };
            let wan = || vec![("wan", x.invested.clone()), ("before", x.invested_before.clone())];
            let worked = if x.from_cumulative {
                tr.t("ledger.from_cumulative")
            } else {
                String::new()
            };
            LineView {
                row: x.row,
                name: x.name.clone(),
                project_id: x.project_id,
                action,
                class,
                changes: x
                    .changes
                    .iter()
                    .map(|c| match (c.before.is_empty(), lang) {
                        (true, Lang::Zh) => format!("{}：{}", c.header, c.after),
                        (true, Lang::En) => format!("{}: {}", c.header, c.after),
                        (false, Lang::Zh) => format!("{}：{} → {}", c.header, c.before, c.after),
                        (false, Lang::En) => format!("{}: {} → {}", c.header, c.before, c.after),
                    })
                    .collect(),
                unit: x.unit.clone(),
                report: match x.report {
                    Some(ReportAction::New) => tr.t_with("ledger.report_new", &wan()) + &worked,
                    Some(ReportAction::Resend) => tr.t_with("ledger.report_resend", &wan()) + &worked,
                    Some(ReportAction::Same) => tr.t("ledger.report_same"),
                    None => String::new(),
                },
            }
        })
        .collect();
    let key = if done { "ledger.done" } else { "ledger.preview" };
    PlanView {
        title: tr.t_with(key, &[("month", plan.month.text(lang))]),
        counts: tr.t_with(
            "ledger.counts",
            &[
                ("added", added.to_string()),
                ("changed", changed.to_string()),
                ("same", same.to_string()),
                ("reports", reports.to_string()),
            ],
        ),
        new_categories: if plan.new_categories.is_empty() {
            String::new()
        } else {
            tr.t_with(
                "ledger.new_categories",
                &[("names", plan.new_categories.join(lang.pick("、", ", ")))],
            )
        },
        lines,
        set_aside: plan.set_aside.clone(),
        nothing: plan.is_empty(),
        can_import: !done && plan.problems.is_empty() && !plan.is_empty(),
    }
}

/// `GET /projects/import`
pub async fn page(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let l = Layout::new(&state, &viewer, "/projects/import").await?;
    render(&ImportPage::new(&state, l))
}

/// `POST /projects/import`: checks the ledger (nothing written) or, with `confirm`, imports it.
pub async fn import(
    State(state): State<AppState>,
    PostedFiles(viewer, form, files): PostedFiles,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let l = Layout::new(&state, &viewer, "/projects/import").await?;
    let lang = l.lang;
    let tr = crate::i18n::Tr::new(lang);
    let mut p = ImportPage::new(&state, l);
    let confirm = !form.get("confirm").is_empty();
    let (file_name, bytes) = match files.into_iter().find(|f| !f.bytes.is_empty()) {
        Some(f) => (f.name, f.bytes),
        None => (
            form.get("file_name").to_string(),
            base64::engine::general_purpose::STANDARD
                .decode(form.get("data"))
                .map_err(|_| AppError::BadRequest("the file's data is not base64".into()))?,
        ),
    };
    if bytes.is_empty() {
        return Err(AppError::BadRequest("no file".into()));
    }
    let sent = Sent {
        file_name,
        bytes,
        month: form.get("month").trim().to_string(),
        reason: form.get("reason").trim().to_string(),
    };
    p.month = sent.month.clone();
    p.reason = sent.reason.clone();
    let outcome = if confirm {
        ledger::import(&state, &cap, &sent, lang, Some(form.get("expect")))
            .await
            .map(|(plan, _)| plan)
    } else {
        ledger::plan(&state, &cap, &sent, lang).await
    };
    let mut carry = true;
    match outcome {
        Ok(plan) => {
            if !plan.problems.is_empty() {
                p.heading = tr.t_with("ledger.problems", &[("n", plan.problems.len().to_string())]);
                p.problems = plan
                    .problems
                    .iter()
                    .map(|x| (x.place(lang), x.error.message(lang).to_string()))
                    .collect();
            }
            p.done = confirm;
            carry = !confirm;
            p.month = plan.month.code();
            p.expect = plan.fingerprint();
            p.plan = Some(view(&plan, confirm, lang, tr));
        }
        Err(AppError::Validation(errs)) => {
            p.heading = tr.t_with("ledger.problems", &[("n", errs.len().to_string())]);
            p.problems = errs
                .iter()
                .map(|e| (String::new(), e.message(lang).to_string()))
                .collect();
        }
        Err(AppError::Conflict { .. }) => p.stale = true,
        Err(e) => return Err(e),
    }
    if carry {
        p.file_name = sent.file_name;
        p.data = base64::engine::general_purpose::STANDARD.encode(&sent.bytes);
    }
    render(&p)
}

/// `GET /projects/import/template.xlsx`: the blank ledger with its instructions.
pub async fn template(viewer: Viewer) -> AppResult<Response> {
    viewer.supervisor()?;
    let bytes = crate::views::export_projects::ledger_template()?;
    Ok(super::export::xlsx(bytes, "重点项目台账模板.xlsx"))
}
