//! A ledger row read against the region: the project it is (by `P12` or the same name), each
//! cell read into the project's fields — a column the sheet lacks, or a required cell left
//! empty, keeps what the project has — checked by the same rules as the form, and the month's
//! figures read into the month's report, checked as a unit's would be.

mod fields;
mod words;

use std::collections::HashMap;

use luoshi_domain::{
    Lang, ValidationError, codes,
    project::{Month, ValidMonthly, ValidProject, Wan, check_project},
};
use luoshi_store::{
    Conn,
    project::{self as store, Category, Project},
    project_report::{self as reports, MonthlyReport},
};
use luoshi_text::table::ledger::{LedgerRole, LedgerRow};

use super::{Action, FieldChange, Line, Problem, ReportAction};
use crate::{
    directory::Directory,
    error::AppResult,
    ops::{
        extraction::{Names, split_names},
        project::{ProjectForm, moved_figures},
    },
};
use words::role_of_field;

/// A row ready to write.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    /// The project as stored, when the row changes one.
    pub project: Option<Project>,
    /// The project as checked.
    pub valid: ValidProject,
    /// Its units, leader and category (`category_id` 0 for a category the import adds).
    pub form: ProjectForm,
    /// The category the import adds for it.
    pub new_category: Option<String>,
    /// The figures the year began with that it changes.
    pub moved: Vec<(&'static str, String, String)>,
    /// Whether the project changes at all.
    pub changed: bool,
    /// The month's report to send, and the one it sends again.
    pub report: Option<(ValidMonthly, Option<MonthlyReport>)>,
}

/// The month's report a row gives: what happens to it, the month's figure, and what to send.
pub(super) struct MonthReport {
    pub action: ReportAction,
    pub invested: Wan,
    /// The month's figure as sent before, when it is sent again.
    pub before: Option<Wan>,
    /// Whether the month's figure was worked out from the cumulative one.
    pub from_cumulative: bool,
    pub send: Option<(ValidMonthly, Option<MonthlyReport>)>,
}

/// A row read: what it does, what it needs written, what is wrong.
pub(super) struct ReadRow {
    pub line: Line,
    pub prepared: Option<Prepared>,
    pub problems: Vec<Problem>,
}

/// The region's ledger, read once for all rows.
pub(super) struct Context {
    dir: Directory,
    names: Names,
    categories: Vec<Category>,
    projects: HashMap<i64, Project>,
    plans: HashMap<i64, i64>,
    reports: HashMap<i64, Vec<MonthlyReport>>,
    through: HashMap<i64, i64>,
    month: Month,
    now: Month,
    reason: String,
    lang: Lang,
}

/// The columns the sheet has: each role's column and header.
pub(super) type Headers = HashMap<LedgerRole, (usize, String)>;

impl Context {
    /// Reads the region's projects, their plans for `month`'s year and that year's reports.
    #[allow(clippy::too_many_arguments)]
    pub async fn load(
        conn: &mut Conn,
        region: i64,
        month: Month,
        now: Month,
        reason: &str,
        lang: Lang,
    ) -> AppResult<Context> {
        let dir = Directory::load(conn, region).await?;
        let names = Names::of(&dir);
        let categories = store::categories(conn, region).await?;
        let projects = store::projects(conn, region)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let plans = store::year_plans(conn, region, month.year).await?.into_iter().collect();
        let mut by_project: HashMap<i64, Vec<MonthlyReport>> = HashMap::new();
        let mut m = month.january();
        while m <= month {
            for r in reports::of_month(conn, region, &m.code()).await? {
                by_project.entry(r.project_id).or_default().push(r);
            }
            m = m.next();
        }
        let through = reports::accepted_through(conn, region, &month.code())
            .await?
            .into_iter()
            .collect();
        Ok(Context {
            dir,
            names,
            categories,
            projects,
            plans,
            reports: by_project,
            through,
            month,
            now,
            reason: reason.to_string(),
            lang,
        })
    }

    /// Reads one row; `new_categories` gathers the categories rows name that the region lacks.
    pub fn read(&self, row: &LedgerRow, headers: &Headers, new_categories: &mut Vec<String>) -> ReadRow {
        let mut problems = Vec::new();
        let at = |role: Option<LedgerRole>, error: ValidationError| Problem {
            row: Some(row.row),
            column: role.and_then(|r| headers.get(&r)).map(|h| h.0),
            header: role
                .and_then(|r| headers.get(&r))
                .map(|h| h.1.clone())
                .unwrap_or_default(),
            error,
        };
        let cell = |r: LedgerRole| row.get(r);
        let old = self.matched(row, &mut problems, &at);
        let (input, level_missing, started_as_planned) = self.input(row, old);
        if level_missing {
            problems.push(at(
                Some(LedgerRole::Level),
                ValidationError::of("level", codes::LEDGER_LEVEL_MISSING),
            ));
        }
        let valid = match check_project(&input, self.now) {
            Ok(v) => Some(v),
            Err(errs) => {
                for e in errs.into_iter().filter(|e| !(level_missing && e.field == "level")) {
                    let empty = match e.field {
                        "total" => input
                            .total
                            .trim()
                            .is_empty()
                            .then_some(("总投资", "the total investment")),
                        "annual_plan" => input
                            .annual_plan
                            .trim()
                            .is_empty()
                            .then_some(("年度计划投资", "the year's planned investment")),
                        _ => None,
                    };
                    let e = match empty {
                        Some((zh, en)) => ValidationError::new(
                            e.field,
                            codes::PROJECT_MONEY_NOT_A_NUMBER,
                            format!("请填写{zh}（万元）"),
                            format!("Give {en} (万元)"),
                        ),
                        None => e,
                    };
                    problems.push(at(role_of_field(e.field), e));
                }
                None
            }
        };
        let mut form = ProjectForm {
            input,
            category_id: old.map_or(0, |p| p.category_id),
            unit_id: old.map_or(0, |p| p.unit_id),
            service_unit_id: old.and_then(|p| p.service_unit_id),
            place_unit_id: old.and_then(|p| p.place_unit_id),
            liaison_id: old.and_then(|p| p.liaison_id),
            task_id: old.and_then(|p| p.task_id),
            public: old.is_some_and(|p| p.public),
        };
        // Units and the leader by name; an empty cell keeps what the project has (a ledger sent
        // back with only the month's columns filled must not clear anything).
        let unit = |role: LedgerRole, problems: &mut Vec<Problem>| -> Option<Option<i64>> {
            let written = cell(role);
            if written.is_empty() {
                return None;
            }
            let names = split_names(written);
            if names.len() > 1 {
                problems.push(at(Some(role), ValidationError::of("unit", codes::LEDGER_SEVERAL)));
                return Some(None);
            }
            let first = names.into_iter().next().unwrap_or_default();
            match self.names.resolve(&first) {
                Ok(id) if self.dir.unit(id).is_some_and(|u| u.active) => Some(Some(id)),
                found => {
                    let near = match found {
                        Err(near) if !near.is_empty() => {
                            let n: Vec<String> = near.iter().map(|m| self.dir.unit_name(Some(m.id))).collect();
                            (
                                format!("（是否为：{}）", n.join("、")),
                                format!(" (perhaps {})", n.join(", ")),
                            )
                        }
                        _ => (String::new(), String::new()),
                    };
                    problems.push(at(
                        Some(role),
                        ValidationError::new(
                            "unit",
                            codes::LEDGER_UNIT_UNKNOWN,
                            format!("“{first}”未能对应到本地区在用的单位{}", near.0),
                            format!("“{first}” matches none of the region's units in use{}", near.1),
                        ),
                    ));
                    Some(None)
                }
            }
        };
        if let Some(Some(id)) = unit(LedgerRole::Unit, &mut problems) {
            form.unit_id = id;
        } else if form.unit_id == 0 && cell(LedgerRole::Unit).is_empty() {
            problems.push(at(
                Some(LedgerRole::Unit),
                ValidationError::new(
                    "unit",
                    codes::PROJECT_CHOICE_UNKNOWN,
                    "请填写责任单位",
                    "Give the responsible unit",
                ),
            ));
        }
        if let Some(s) = unit(LedgerRole::ServiceUnit, &mut problems) {
            form.service_unit_id = s;
        }
        {
            let w = cell(LedgerRole::Liaison);
            if split_names(w).len() > 1 {
                problems.push(at(
                    Some(LedgerRole::Liaison),
                    ValidationError::of("liaison", codes::LEDGER_SEVERAL),
                ));
            } else if !w.is_empty() {
                match self
                    .dir
                    .leader_named(w)
                    .filter(|l| self.dir.leader(*l).is_some_and(|l| l.active))
                {
                    Some(l) => form.liaison_id = Some(l),
                    None => problems.push(at(
                        Some(LedgerRole::Liaison),
                        ValidationError::new(
                            "liaison",
                            codes::LEDGER_LEADER_UNKNOWN,
                            format!("“{w}”不是在任的领导"),
                            format!("“{w}” is not a leader in office"),
                        ),
                    )),
                }
            }
        }
        let mut new_category = None;
        let cat = cell(LedgerRole::Category);
        if !cat.is_empty() {
            match self.categories.iter().find(|c| c.name == cat) {
                Some(c) => form.category_id = c.id,
                None if cat.chars().count() > 20 || luoshi_domain::text::has_hidden(cat) => problems.push(at(
                    Some(LedgerRole::Category),
                    ValidationError::of("category", codes::LEDGER_CATEGORY_INVALID),
                )),
                None => {
                    form.category_id = 0;
                    new_category = Some(cat.to_string());
                    if !new_categories.iter().any(|c| c == cat) {
                        new_categories.push(cat.to_string());
                    }
                }
            }
        } else if old.is_none() {
            problems.push(at(
                Some(LedgerRole::Category),
                ValidationError::new(
                    "category",
                    codes::PROJECT_CHOICE_UNKNOWN,
                    "请填写项目类型",
                    "Give the category",
                ),
            ));
        }
        let report = valid
            .as_ref()
            .and_then(|v| self.report(row, old, v, &mut problems, &at));
        let name = form.input.name.trim().to_string();
        let (changes, moved) = match (old, &valid) {
            (Some(p), Some(v)) => (
                self.changes(p, v, &form, new_category.as_deref(), headers),
                moved_figures(p, self.plans.get(&p.id).copied(), v),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        if !moved.is_empty() && self.reason.is_empty() {
            problems.push(at(
                None,
                ValidationError::new(
                    "reason",
                    codes::PROJECT_REASON_REQUIRED,
                    format!(
                        "调整了{}，请在“调整理由”中说明理由",
                        fields::figure_names(&moved, Lang::Zh)
                    ),
                    format!("Changing {} needs a reason", fields::figure_names(&moved, Lang::En)),
                ),
            ));
        }
        let action = match old {
            None => Action::Add,
            Some(_) if changes.is_empty() => Action::Same,
            Some(_) => Action::Change,
        };
        // What the row keeps must still be of the region when the project changes (as the form
        // checks it): a unit since merged or closed, a leader no longer in office.
        if action == Action::Change {
            let gone = |id: i64| !self.dir.unit(id).is_some_and(|u| u.active);
            for (role, id) in [
                (LedgerRole::Unit, Some(form.unit_id)),
                (LedgerRole::ServiceUnit, form.service_unit_id),
            ] {
                if let Some(id) = id.filter(|id| gone(*id)) {
                    problems.push(at(
                        Some(role),
                        ValidationError::new(
                            "unit",
                            codes::LEDGER_UNIT_UNKNOWN,
                            format!(
                                "“{}”已不是本地区在用的单位，请填写现在的单位",
                                self.dir.unit_name(Some(id))
                            ),
                            format!(
                                "“{}” is no longer a unit in use: give the current one",
                                self.dir.unit_name(Some(id))
                            ),
                        ),
                    ));
                }
            }
            if let Some(l) = form
                .liaison_id
                .filter(|l| !self.dir.leader(*l).is_some_and(|l| l.active))
            {
                problems.push(at(
                    Some(LedgerRole::Liaison),
                    ValidationError::new(
                        "liaison",
                        codes::LEDGER_LEADER_UNKNOWN,
                        format!("“{}”已不在任，请填写现在的包联领导", self.dir.leader_name(Some(l))),
                        format!(
                            "“{}” is no longer in office: give the current liaison leader",
                            self.dir.leader_name(Some(l))
                        ),
                    ),
                ));
            }
        }
        let mut changes = changes;
        if let (Some(m), Action::Add) = (started_as_planned, action) {
            changes.push(FieldChange {
                field: "actual_start".into(),
                header: self.lang.pick("实际开工", "Actual start").into(),
                before: String::new(),
                after: match self.lang {
                    Lang::Zh => format!("{}（按计划开工记）", m.text(Lang::Zh)),
                    Lang::En => format!("{} (as planned)", m.text(Lang::En)),
                },
            });
        }
        let line = Line {
            row: row.row,
            name,
            project_id: old.map(|p| p.id),
            action,
            changes,
            unit: self.dir.unit_name(Some(form.unit_id).filter(|u| *u != 0)),
            report: report.as_ref().map(|r| r.action),
            invested: report.as_ref().map(|r| r.invested.wan_text()).unwrap_or_default(),
            invested_before: report
                .as_ref()
                .and_then(|r| r.before)
                .map(Wan::wan_text)
                .unwrap_or_default(),
            from_cumulative: report.as_ref().is_some_and(|r| r.from_cumulative),
        };
        let prepared = valid.filter(|_| problems.is_empty()).map(|valid| Prepared {
            changed: action != Action::Same,
            project: old.cloned(),
            valid,
            form,
            new_category,
            moved,
            report: report.and_then(|r| r.send),
        });
        ReadRow {
            line,
            prepared,
            problems,
        }
    }

    /// The project a row is: `P12` in its 项目编号, else the project of the same name.
    fn matched<'a>(
        &'a self,
        row: &LedgerRow,
        problems: &mut Vec<Problem>,
        at: &dyn Fn(Option<LedgerRole>, ValidationError) -> Problem,
    ) -> Option<&'a Project> {
        let key = row.get(LedgerRole::Key);
        let id = key.strip_prefix(['P', 'p']).and_then(|n| n.trim().parse::<i64>().ok());
        match id {
            Some(id) => {
                let p = self.projects.get(&id);
                if p.is_none() {
                    problems.push(at(
                        Some(LedgerRole::Key),
                        ValidationError::new(
                            "key",
                            codes::LEDGER_KEY_UNKNOWN,
                            format!("项目编号“{key}”不是本地区的项目（新项目请留空）"),
                            format!("“{key}” is no project of this region (leave it empty for a new one)"),
                        ),
                    ));
                }
                p
            }
            // Another numbering (the province's codes): matched by name.
            None => {
                let name = row.get(LedgerRole::Name);
                let mut same: Vec<&Project> = self.projects.values().filter(|p| p.name.trim() == name).collect();
                same.sort_by_key(|p| (!p.active, p.id));
                same.first().copied()
            }
        }
    }
}
