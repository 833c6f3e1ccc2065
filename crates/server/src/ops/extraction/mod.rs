//! Tasks from text: a document read by `luoshi_text` becomes proposed rows, with the units it
//! names matched to the region's units (by full, short or former name, or nearly:
//! 市发改委 ≈ 市发展和改革委员会); the supervision office edits the rows and they become tasks
//! of a new or an existing plan in one transaction — all of them or none.

use std::collections::HashMap;

use chrono::NaiveDate;
use luoshi_domain::{TaskInput, ValidationError};
use luoshi_text::units::UnitMatch;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

mod create;
pub mod indicator;
mod names;
mod reimport;
pub mod table;

pub use create::{Batch, Outcome, Problem, Target, as_validation, create, try_create};

pub use names::{NameMatch, Names, all_counties, split_names};

use super::task::{TaskForm, form_errors};
use crate::directory::Directory;

/// The longest text read, in characters (a work report is about 30,000).
pub const MAX_TEXT_CHARS: usize = 300_000;

/// One proposed task, as the text gave it and the supervisor edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Row {
    /// Create this one (unchecked rows are left out).
    #[serde(default = "yes")]
    pub include: bool,
    /// Its number in the document (`一`, `(二)`, `3`), if it had one.
    #[serde(default)]
    pub number: String,
    /// Outline level, 1 at the top.
    #[serde(default = "one")]
    pub level: u8,
    /// Its parent among the rows, by index; it goes under the nearest included ancestor.
    #[serde(default)]
    pub parent: Option<usize>,
    /// `task`, `task_force`, `project_call` or `indicator`.
    #[serde(default)]
    pub kind: String,
    /// Title.
    pub title: String,
    /// 工作要求: the item's words in the text.
    #[serde(default)]
    pub description: String,
    /// Lead unit by name: full, short or former name.
    #[serde(default)]
    pub lead: String,
    /// Co-units by name.
    #[serde(default)]
    pub co: Vec<String>,
    /// Deadline.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// 长期坚持.
    #[serde(default)]
    pub ongoing: bool,
    /// Domain tag.
    #[serde(default)]
    pub domain: String,
    /// Its words in the text: first and one-past-last character.
    #[serde(default)]
    pub span: Option<(usize, usize)>,
    /// The unit names as the text wrote them (for showing what was matched nearly).
    #[serde(default, skip_deserializing)]
    pub written: Vec<String>,
    /// Whether the deadline is the year's end because the text gave none.
    #[serde(default, skip_deserializing)]
    pub due_assumed: bool,
    /// A table row's key (its 任务编号, else its outline numbers, else its title): importing
    /// the table into the same plan again updates the task this row created.
    #[serde(default)]
    pub key: String,
    /// Whether the key was written in the sheet's 任务编号 column (it then updates its task even
    /// when the title changed); a key worked out from the row's place or title updates a task
    /// only with the same title.
    #[serde(default)]
    pub key_typed: bool,
    /// The table row it came from, counted from 1 as the spreadsheet shows it.
    #[serde(default)]
    pub sheet_row: Option<usize>,
    /// The leaders its leader cell names; the first found in the directory is the task's
    /// responsible leader (else the one overseeing the lead unit).
    #[serde(default)]
    pub leaders: Vec<String>,
    /// The task of the target plan this row will update (its key was imported before).
    #[serde(default, skip_deserializing)]
    pub updates: Option<i64>,
}

fn yes() -> bool {
    true
}

fn one() -> u8 {
    1
}

/// What a text proposes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Proposed {
    /// `division` (任务分工方案) or `narrative`.
    pub doc_kind: String,
    /// The year relative dates were read in.
    pub year: i32,
    /// The proposed tasks, in text order.
    pub rows: Vec<Row>,
    /// Every unit name in the text and what it matched.
    pub names: Vec<NameMatch>,
    /// The text the rows' spans point into: the text read, or a table's rows one per line.
    pub text: String,
    /// What a table gave: its sheet, column mapping and notes (a table only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<table::TableView>,
}

/// [`propose`] on a blocking thread: reading a long text is seconds of work that must not hold
/// up the async workers answering everyone else.
pub async fn propose_apart(dir: Directory, text: String, year: i32) -> crate::error::AppResult<Proposed> {
    tokio::task::spawn_blocking(move || propose(&dir, &text, year))
        .await
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))
}

/// Reads `text` and proposes its tasks, with names matched to the region's units; where a
/// name is near a unit's, the row carries the unit's name (shown flagged for checking).
pub fn propose(dir: &Directory, text: &str, year: i32) -> Proposed {
    propose_read(dir, luoshi_text::extract(text, year), text, year)
}

/// The proposed rows of what was read from `text` (a table's items cite its rendering).
pub fn propose_read(dir: &Directory, x: luoshi_text::Extraction, text: &str, year: i32) -> Proposed {
    let text = x.text.clone().unwrap_or_else(|| text.to_string());
    let text = text.as_str();
    let names = Names::of(dir);
    let mut matches: Vec<NameMatch> = Vec::new();
    let mut name_of = |n: &str| -> String {
        let m = match matches.iter().find(|m| m.name == n) {
            Some(m) => m.clone(),
            None => {
                let m = names.matched(dir, n);
                matches.push(m.clone());
                m
            }
        };
        if m.unit_id.is_some() && !all_counties(&m.name) {
            m.unit_name
        } else {
            m.name
        }
    };
    // Principles are recognised, not proposed; parents are re-indexed to the rows kept.
    let kept: Vec<usize> = (0..x.items.len())
        .filter(|i| x.items[*i].kind != luoshi_text::ItemKind::Principle)
        .collect();
    let index: HashMap<usize, usize> = kept.iter().enumerate().map(|(row, item)| (*item, row)).collect();
    let mut rows: Vec<Row> = Vec::new();
    for &i in &kept {
        let p = &x.items[i];
        let lead = p.lead_units.first().map(|n| name_of(n)).unwrap_or_default();
        let mut co: Vec<String> = p
            .lead_units
            .iter()
            .skip(1)
            .chain(&p.co_units)
            .map(|n| name_of(n))
            .collect();
        co.retain(|c| *c != lead);
        co.dedup();
        for n in &p.units {
            name_of(n);
        }
        let facts = x.table.as_ref().and_then(|t| t.facts.get(i));
        rows.push(Row {
            include: true,
            number: p.number.clone(),
            level: p.level,
            parent: p.parent.and_then(|q| index.get(&q).copied()),
            kind: p.kind.code().to_string(),
            title: p.title.clone(),
            description: match facts {
                // A table's cells say it all: re-importing an export must change nothing.
                Some(f) => f.description.clone(),
                None => {
                    let words: String = text.chars().skip(p.span.0).take(p.span.1 - p.span.0).collect();
                    requirements(&words, p)
                }
            },
            lead,
            co,
            // Without a time limit in the text, the end of the year is proposed (and flagged).
            due: p.deadline.as_ref().and_then(|d| d.date).or(if p.deadline.is_none() {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                None
            }),
            ongoing: p.deadline.as_ref().is_some_and(|d| d.ongoing),
            due_assumed: p.deadline.is_none(),
            domain: p.domain.clone().unwrap_or_default(),
            span: Some(p.span),
            written: p.lead_units.iter().chain(&p.co_units).cloned().collect(),
            key: facts.map(|f| f.key.clone()).unwrap_or_default(),
            key_typed: facts.is_some_and(|f| f.typed),
            sheet_row: facts.map(|f| f.row),
            leaders: facts.map(|f| f.leaders.clone()).unwrap_or_default(),
            updates: None,
        });
    }
    // A heading without owners is led by the unit that leads its first item that has one.
    for i in (0..rows.len()).rev() {
        if rows[i].lead.is_empty()
            && let Some(lead) = rows
                .iter()
                .skip(i + 1)
                .find(|r| r.parent == Some(i) && !r.lead.is_empty())
                .map(|r| r.lead.clone())
        {
            rows[i].lead = lead;
        }
    }
    // An item still without a lead is its parent's work.
    for i in 0..rows.len() {
        if rows[i].lead.is_empty()
            && let Some(lead) = rows[i].parent.and_then(|p| rows.get(p)).map(|p| p.lead.clone())
        {
            rows[i].lead = lead;
        }
    }
    Proposed {
        doc_kind: match x.doc_kind {
            luoshi_text::DocKind::Division => "division".into(),
            luoshi_text::DocKind::Narrative => "narrative".into(),
        },
        year,
        rows,
        names: matches,
        text: text.to_string(),
        table: None,
    }
}

/// 工作要求 for a row: the item's words beyond its title (the task cites the whole of them
/// anyway), and the target of an indicator.
fn requirements(words: &str, p: &luoshi_text::Proposal) -> String {
    let words = words.trim();
    let out = match words.find(p.title.trim()) {
        Some(at) if !p.title.trim().is_empty() => {
            let rest = words[at + p.title.trim().len()..].trim_start_matches(['。', '，', '；', ',', ';', ' ']);
            rest.trim().to_string()
        }
        _ => String::new(),
    };
    with_target(out, p)
}

/// 工作要求 with the target of an indicator added.
fn with_target(mut out: String, p: &luoshi_text::Proposal) -> String {
    if let Some(i) = &p.indicator {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("指标目标：{}", i.text));
    }
    out
}

fn unit_error(code: luoshi_domain::Code, which: (&str, &str), name: &str, near: &[String]) -> ValidationError {
    let (zh_which, en_which) = which;
    let hint_zh = if near.is_empty() {
        String::new()
    } else {
        format!("，是否指：{}", near.join("、"))
    };
    let hint_en = if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}", near.join(", "))
    };
    ValidationError::new(
        "units",
        code,
        format!("{zh_which}“{name}”不是本行政区的单位{hint_zh}"),
        format!("{en_which} “{name}” is not a unit of this region{hint_en}"),
    )
}

/// The task form of a row, with its units resolved; problems with the names are returned.
fn form_of(
    dir: &Directory,
    names: &Names,
    batch: &Batch,
    row: &Row,
    start: NaiveDate,
) -> (TaskForm, Vec<ValidationError>) {
    let mut errs = Vec::new();
    let near = |ms: Vec<UnitMatch>| ms.iter().map(|m| dir.unit_name(Some(m.id))).collect::<Vec<_>>();
    let lead_unit_id = match row.lead.trim() {
        "" => None,
        n if all_counties(n) => {
            errs.push(ValidationError::new(
                "units",
                luoshi_domain::codes::EXTRACTION_LEAD_COLLECTIVE,
                format!("牵头单位须是一个单位：“{n}”可填为配合单位，另指定牵头单位；或为每个县（市、区）分别添加任务"),
                format!("The lead unit must be one unit: put “{n}” among the co-units and name a lead, or add a task per county"),
            ));
            None
        }
        n => match names.resolve(n) {
            Ok(id) => Some(id),
            Err(ms) => {
                errs.push(unit_error(
                    luoshi_domain::codes::EXTRACTION_UNIT_UNKNOWN,
                    ("牵头单位", "Lead unit"),
                    n,
                    &near(ms),
                ));
                None
            }
        },
    };
    let mut co_unit_ids = Vec::new();
    for n in row.co.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        match names.resolve_all(n) {
            Ok(ids) => {
                for id in ids {
                    if !co_unit_ids.contains(&id) && Some(id) != lead_unit_id {
                        co_unit_ids.push(id);
                    }
                }
            }
            Err(ms) => errs.push(unit_error(
                luoshi_domain::codes::EXTRACTION_UNIT_UNKNOWN,
                ("配合单位", "Co-unit"),
                n,
                &near(ms),
            )),
        }
    }
    // The leader who oversees the lead unit is the responsible leader.
    let named = row.leaders.iter().find_map(|n| dir.leader_named(n));
    if named.is_none()
        && let Some(n) = row.leaders.first()
    {
        errs.push(ValidationError::new(
            "leaders",
            luoshi_domain::codes::EXTRACTION_LEADER_UNKNOWN,
            format!("责任领导“{n}”不是本行政区的领导，请在领导名录中添加或改正表格"),
            format!("Leader “{n}” is not a leader of this region: add them to the directory or correct the sheet"),
        ));
    }
    let leader_id =
        named.or_else(|| lead_unit_id.and_then(|u| dir.oversight.iter().find(|(_, ou)| *ou == u).map(|(l, _)| *l)));
    let form = TaskForm {
        input: TaskInput {
            title: row.title.clone(),
            description: row.description.clone(),
            start: Some(start),
            due: if row.ongoing { None } else { row.due },
            ongoing: row.ongoing,
            cycle: batch.cycle.clone(),
            cycle_due_day: batch.cycle_due_day,
            weight: 1,
            domain: row.domain.clone(),
            owner: String::new(),
            milestones: Vec::new(),
        },
        lead_unit_id,
        co_unit_ids,
        leader_id,
        public: false,
    };
    (form, errs)
}

/// Every problem with the batch, by row, and the checked rows ready to insert; `updates` are the
/// keys of rows that update a task, with the task and its start.
pub fn check(
    dir: &Directory,
    batch: &Batch,
    start: NaiveDate,
    updates: &[table::PlanKey],
) -> (Vec<Problem>, Vec<(usize, luoshi_domain::ValidTask, TaskForm)>) {
    let names = Names::of(dir);
    let mut problems = Vec::new();
    let mut ready = Vec::new();
    if batch.text.chars().count() > MAX_TEXT_CHARS {
        problems.push(Problem {
            row: None,
            error: ValidationError::new(
                "text",
                luoshi_domain::codes::EXTRACTION_TEXT_TOO_LONG,
                format!("文本过长（最多{MAX_TEXT_CHARS}字）"),
                format!("The text is too long (at most {MAX_TEXT_CHARS} characters)"),
            ),
        });
    }
    if !batch.rows.iter().any(|r| r.include) {
        problems.push(Problem {
            row: None,
            error: ValidationError::new(
                "rows",
                luoshi_domain::codes::EXTRACTION_NOTHING_CHOSEN,
                "没有勾选任何任务",
                "No task is ticked",
            ),
        });
    }
    let chars = batch.text.chars().count();
    for (i, row) in batch.rows.iter().enumerate().filter(|(_, r)| r.include) {
        // A row updating a task keeps that task's start.
        let start = updates.iter().find(|k| k.matches(row)).map_or(start, |k| k.start);
        let (form, mut errs) = form_of(dir, &names, batch, row, start);
        if !["", "task", "task_force", "project_call", "indicator"].contains(&row.kind.as_str()) {
            errs.push(ValidationError::new(
                "rows",
                luoshi_domain::codes::EXTRACTION_KIND_UNKNOWN,
                format!("类型“{}”无效，应为task、task_force、project_call或indicator", row.kind),
                format!("Kind “{}” is not task, task_force, project_call or indicator", row.kind),
            ));
        }
        if row.span.is_some_and(|(a, b)| a > b || b > chars) || row.parent.is_some_and(|p| p >= i) {
            errs.push(ValidationError::new(
                "rows",
                luoshi_domain::codes::EXTRACTION_ROW_INVALID,
                "任务的原文位置或上级任务无效",
                "The row's place in the text or its parent is not valid",
            ));
        }
        match form_errors(dir, &form) {
            // Unknown names were reported already; do not report them again as missing.
            Err(more) => errs.extend(
                more.into_iter()
                    .filter(|e| e.code != "TASK_LEAD_UNIT_MISSING" || row.lead.trim().is_empty()),
            ),
            Ok(v) if errs.is_empty() => ready.push((i, v, form)),
            Ok(_) => {}
        }
        problems.extend(errs.into_iter().map(|error| Problem { row: Some(i), error }));
    }
    (problems, ready)
}
