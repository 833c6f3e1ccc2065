//! A ledger row's cells as a project's fields and a month's report, and what they change.

use luoshi_domain::{
    Lang, ValidationError, codes,
    project::{
        Level, Month, MonthlyInput, Nature, ProjectInput, Reported, Stage, ValidProject, Wan, check_monthly,
        owed::reports_at,
    },
};
use luoshi_store::project::Project;
use luoshi_text::table::{
    ledger::{LedgerRole, LedgerRow},
    ledger_cells::{money_cell, month_cell},
};

use super::{
    Context, Headers, MonthReport,
    words::{level_in, nature_in, plain, role_of_field, stage_in},
};
use crate::ops::{
    ledger::{FieldChange, Problem, ReportAction},
    project::ProjectForm,
};

/// A month cell as the form takes it: `2020-03`, or as written when it is not a month.
fn month_text(s: &str) -> String {
    month_cell(s).map_or_else(|| s.to_string(), |(y, m)| format!("{y}-{m:02}"))
}

/// A named value's code, or the words as written when they name none.
fn code_or<T>(written: &str, parse: fn(&str) -> Option<T>, code: fn(T) -> &'static str) -> String {
    parse(written).map_or_else(|| written.to_string(), |v| code(v).to_string())
}

/// A field compared: its name, column, header words (中文, English), before and after.
type Compared = (&'static str, LedgerRole, (&'static str, &'static str), String, String);

fn short(s: &str) -> String {
    let n = s.chars().count();
    if n > 30 {
        format!("{}…", s.chars().take(30).collect::<String>())
    } else {
        s.to_string()
    }
}

impl Context {
    /// The project as the row says it, over what `old` has: the input, whether no level could
    /// be found, and the month taken as the actual start (a started project the sheet gives no
    /// actual start for starts as planned).
    pub(super) fn input(&self, row: &LedgerRow, old: Option<&Project>) -> (ProjectInput, bool, Option<Month>) {
        use LedgerRole as R;
        let cell = |r: R| row.get(r);
        let or = |r: R, kept: Option<String>, read: &dyn Fn(&str) -> String| -> String {
            let c = cell(r);
            if c.is_empty() {
                kept.unwrap_or_default()
            } else {
                read(c)
            }
        };
        let level = if !cell(R::Level).is_empty() {
            code_or(cell(R::Level), level_in, Level::code)
        } else if let Some(l) = level_in(&row.section) {
            l.code().to_string()
        } else {
            old.map(|p| p.level.clone()).unwrap_or_default()
        };
        let stage = or(R::Stage, old.map(|p| p.stage.clone()), &|c| {
            code_or(c, stage_in, Stage::code)
        });
        let planned_start = or(R::PlannedStart, old.map(|p| p.planned_start.clone()), &month_text);
        let mut as_planned = None;
        let mut actual_start = or(R::ActualStart, old.and_then(|p| p.actual_start.clone()), &month_text);
        if actual_start.is_empty()
            && Stage::parse(&stage).is_some_and(Stage::started)
            && let Some(m) = Month::parse(&planned_start).filter(|m| *m <= self.now)
        {
            actual_start = m.code();
            as_planned = Some(m);
        }
        let input = ProjectInput {
            name: or(R::Name, old.map(|p| p.name.clone()), &str::to_string),
            level: level.clone(),
            nature: or(R::Nature, old.map(|p| p.nature.clone()), &|c| {
                code_or(c, nature_in, Nature::code)
            }),
            stage,
            total: or(R::Total, old.map(|p| plain(p.total)), &money_cell),
            year: self.month.year,
            annual_plan: or(
                R::AnnualPlan,
                old.and_then(|p| self.plans.get(&p.id)).map(|v| plain(*v)),
                &money_cell,
            ),
            planned_start,
            planned_finish: or(R::PlannedFinish, old.map(|p| p.planned_finish.clone()), &month_text),
            actual_start,
            actual_finish: or(R::ActualFinish, old.and_then(|p| p.actual_finish.clone()), &month_text),
            content: or(R::Content, old.map(|p| p.content.clone()), &str::to_string),
        };
        (input, level.is_empty(), as_planned)
    }

    /// The month's report the row gives, when it gives one: the same as stored, or checked to
    /// be sent (problems placed by column).
    pub(super) fn report(
        &self,
        row: &LedgerRow,
        old: Option<&Project>,
        v: &ValidProject,
        problems: &mut Vec<Problem>,
        at: &dyn Fn(Option<LedgerRole>, ValidationError) -> Problem,
    ) -> Option<MonthReport> {
        use LedgerRole as R;
        let invested = money_cell(row.get(R::MonthInvested));
        let cumulative = money_cell(row.get(R::Cumulative));
        let (progress, troubles, next) = (row.get(R::Progress), row.get(R::Problems), row.get(R::NextSteps));
        let all = old.and_then(|p| self.reports.get(&p.id));
        let code = self.month.code();
        let existing = all.and_then(|rs| rs.iter().find(|r| r.month == code));
        let before = Reported {
            months: all
                .into_iter()
                .flatten()
                .filter(|r| r.month != code)
                .filter_map(|r| Some((Month::parse(&r.month)?, Wan(r.invested))))
                .collect(),
            accepted: existing.and_then(|r| r.accepted).map(Wan),
        };
        // The cumulative figure as exported (accepted through the month) or as sent is no news.
        let known = [
            old.and_then(|p| self.through.get(&p.id)).copied().unwrap_or(0),
            (before.cumulative(self.month.previous()) + Wan(existing.map_or(0, |r| r.invested))).0,
        ];
        let cumulative_new = !cumulative.is_empty() && Wan::parse(&cumulative).map_or(true, |c| !known.contains(&c.0));
        if invested.is_empty() && progress.is_empty() && troubles.is_empty() && next.is_empty() && !cumulative_new {
            return None;
        }
        // A word left empty keeps what the month's report says.
        let word = |cell: &str, kept: Option<&String>| {
            if cell.is_empty() {
                kept.map(|k| k.trim().to_string()).unwrap_or_default()
            } else {
                cell.to_string()
            }
        };
        let progress = word(progress, existing.map(|x| &x.progress));
        let troubles = word(troubles, existing.map(|x| &x.problems));
        let next = word(next, existing.map(|x| &x.next_steps));
        let typed = (!invested.is_empty()).then(|| Wan::parse(&invested).ok()).flatten();
        if let Some(x) = existing {
            let words_same =
                progress == x.progress.trim() && troubles == x.problems.trim() && next == x.next_steps.trim();
            let figure_same = match typed {
                None => invested.is_empty() && !cumulative_new,
                Some(w) => w.0 == x.invested || Some(w.0) == x.accepted,
            };
            if figure_same && words_same {
                return Some(MonthReport {
                    action: ReportAction::Same,
                    invested: Wan(x.accepted.unwrap_or(x.invested)),
                    before: None,
                    from_cumulative: false,
                    send: None,
                });
            }
            // The sheet has the accepted figure while the unit's correction waits for review:
            // sending it would undo the unit's correction unseen.
            if let Some(w) = typed
                && w.0 != x.invested
                && Some(w.0) == x.accepted
                && x.status == "submitted"
            {
                problems.push(at(
                    Some(R::MonthInvested),
                    ValidationError::new(
                        "invested",
                        codes::LEDGER_REPORT_PENDING,
                        format!(
                            "该月月报单位已改报为{}万元，尚待审核；请先在“审核”页处理后再导入",
                            Wan(x.invested).wan_text()
                        ),
                        format!(
                            "The unit corrected this month to {} 万元, waiting for review: review it first",
                            Wan(x.invested).wan_text()
                        ),
                    ),
                ));
                return None;
            }
        }
        // A project that reported before this import and is built now may send the month it
        // is built in.
        let reported = v.stage.finished() && old.and_then(|p| Stage::parse(&p.stage)).is_some_and(reports_at);
        if !reports_at(v.stage) && !reported {
            let nothing = typed.is_none_or(|w| w.0 == 0)
                && row.get(R::Progress).is_empty()
                && row.get(R::Problems).is_empty()
                && row.get(R::NextSteps).is_empty()
                && !cumulative_new;
            if nothing {
                // 0 for a project that does not report (as the template says to write): no report.
                return None;
            }
            problems.push(at(
                Some(R::Stage),
                ValidationError::new(
                    "stage",
                    codes::PROJECT_NOT_REPORTING,
                    format!("阶段为“{}”的项目无需报送月报，本月数字未能导入", v.stage.names().0),
                    format!("A project at the stage “{}” does not report monthly", v.stage.names().1),
                ),
            ));
            return None;
        }
        let from_cumulative = invested.is_empty();
        let input = MonthlyInput {
            month: code,
            // The month's figure when given; else the cumulative one, from which it is worked out.
            cumulative: if from_cumulative { cumulative } else { String::new() },
            invested,
            progress,
            problems: troubles,
            next_steps: next,
            correction_reason: self.reason.clone(),
        };
        match check_monthly(&input, &before, self.now) {
            Ok(m) => Some(MonthReport {
                action: if existing.is_some() {
                    ReportAction::Resend
                } else {
                    ReportAction::New
                },
                invested: m.invested,
                before: existing.map(|x| Wan(x.invested)),
                from_cumulative,
                send: Some((m, existing.cloned())),
            }),
            Err(errs) => {
                for e in errs {
                    let role = role_of_field(e.field);
                    problems.push(at(role, e));
                }
                None
            }
        }
    }

    /// What importing `v` and `f` changes of project `p`, in words.
    pub(super) fn changes(
        &self,
        p: &Project,
        v: &ValidProject,
        f: &ProjectForm,
        new_category: Option<&str>,
        headers: &Headers,
    ) -> Vec<FieldChange> {
        let lang = self.lang;
        let named = |code: &str, parse: fn(&str) -> Option<(&'static str, &'static str)>| {
            parse(code).map_or_else(|| code.to_string(), |n| lang.pick(n.0, n.1).to_string())
        };
        let month = |c: &str| Month::parse(c).map_or_else(|| c.to_string(), |m| m.text(lang));
        let category = |id: i64| {
            self.categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        };
        let plan = self.plans.get(&p.id).copied();
        let leader = |id: Option<i64>| self.dir.leader_name(id);
        let rows: Vec<Compared> = vec![
            (
                "name",
                LedgerRole::Name,
                ("项目名称", "Name"),
                p.name.clone(),
                v.name.clone(),
            ),
            (
                "level",
                LedgerRole::Level,
                ("项目级别", "Level"),
                named(&p.level, |c| Level::parse(c).map(Level::names)),
                v.level.name(lang).to_string(),
            ),
            (
                "nature",
                LedgerRole::Nature,
                ("建设性质", "Nature"),
                named(&p.nature, |c| Nature::parse(c).map(Nature::names)),
                v.nature.name(lang).to_string(),
            ),
            (
                "stage",
                LedgerRole::Stage,
                ("建设阶段", "Stage"),
                named(&p.stage, |c| Stage::parse(c).map(Stage::names)),
                v.stage.name(lang).to_string(),
            ),
            (
                "content",
                LedgerRole::Content,
                ("建设内容", "Content"),
                p.content.trim().to_string(),
                v.content.clone(),
            ),
            (
                "total",
                LedgerRole::Total,
                ("总投资", "Total"),
                Wan(p.total).wan_text(),
                v.total.wan_text(),
            ),
            (
                "annual_plan",
                LedgerRole::AnnualPlan,
                ("年度计划投资", "Year's plan"),
                plan.map(|x| Wan(x).wan_text()).unwrap_or_default(),
                v.annual_plan.wan_text(),
            ),
            (
                "planned_start",
                LedgerRole::PlannedStart,
                ("计划开工", "Planned start"),
                month(&p.planned_start),
                v.planned.0.text(lang),
            ),
            (
                "planned_finish",
                LedgerRole::PlannedFinish,
                ("计划竣工", "Planned completion"),
                month(&p.planned_finish),
                v.planned.1.text(lang),
            ),
            (
                "actual_start",
                LedgerRole::ActualStart,
                ("实际开工", "Actual start"),
                p.actual_start.as_deref().map(month).unwrap_or_default(),
                v.actual.0.map(|m| m.text(lang)).unwrap_or_default(),
            ),
            (
                "actual_finish",
                LedgerRole::ActualFinish,
                ("实际竣工", "Actual completion"),
                p.actual_finish.as_deref().map(month).unwrap_or_default(),
                v.actual.1.map(|m| m.text(lang)).unwrap_or_default(),
            ),
            (
                "unit",
                LedgerRole::Unit,
                ("责任单位", "Responsible unit"),
                self.dir.unit_name(Some(p.unit_id)),
                self.dir.unit_name(Some(f.unit_id)),
            ),
            (
                "service_unit",
                LedgerRole::ServiceUnit,
                ("服务单位", "Service unit"),
                self.dir.unit_name(p.service_unit_id),
                self.dir.unit_name(f.service_unit_id),
            ),
            (
                "liaison",
                LedgerRole::Liaison,
                ("包联领导", "Liaison leader"),
                leader(p.liaison_id),
                leader(f.liaison_id),
            ),
            (
                "category",
                LedgerRole::Category,
                ("项目类型", "Category"),
                category(p.category_id),
                new_category.map_or_else(|| category(f.category_id), str::to_string),
            ),
        ];
        rows.into_iter()
            .filter(|(_, _, _, before, after)| before != after)
            .map(|(field, role, names, before, after)| FieldChange {
                field: field.to_string(),
                header: headers
                    .get(&role)
                    .map(|h| h.1.clone())
                    .unwrap_or_else(|| lang.pick(names.0, names.1).to_string()),
                // Compared whole, shown short.
                before: short(&before),
                after: short(&after),
            })
            .collect()
    }
}

/// The figures the year began with in `lang`'s words.
pub(super) fn figure_names(moved: &[(&'static str, String, String)], lang: Lang) -> String {
    moved
        .iter()
        .map(|m| match m.0 {
            "total" => lang.pick("总投资", "the total"),
            "plan" => lang.pick("年度计划投资", "the year's plan"),
            "planned_start" => lang.pick("计划开工", "the planned start"),
            _ => lang.pick("计划竣工", "the planned completion"),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}
