//! Creating the tasks a reading proposed: checked row by row against the plan and the
//! directory, all or nothing, once per reading.

use chrono::NaiveDate;
use luoshi_domain::{Lang, PlanInput, ValidationError, check_plan};
use luoshi_lights::Change;
use luoshi_store::plan;
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use utoipa::ToSchema;

use super::{Row, check};
use crate::{
    AppState,
    access::SupervisorCap,
    directory::Directory,
    error::{AppError, AppResult},
    ops::{
        Record, record,
        task::{Placement, insert_in},
    },
};

/// Where the tasks go.
#[derive(Debug, Clone)]
pub enum Target {
    /// A new plan with these fields; its text is the document.
    New(PlanInput),
    /// An existing plan; the document is added to its text if it is not there yet.
    Existing(i64),
}

/// The confirmed rows and the settings they share.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Where the tasks go.
    pub target: Target,
    /// The document's text (spans point into it).
    pub text: String,
    /// The rows.
    pub rows: Vec<Row>,
    /// Reporting cycle of every task.
    pub cycle: String,
    /// Its due day.
    pub cycle_due_day: i64,
    /// The day supervision of the tasks starts (default: today); reports are owed from then.
    pub start: Option<NaiveDate>,
    /// The token of the form or call that confirmed the batch: the same token never creates
    /// twice.
    pub token: Option<String>,
    /// Names the user mapped to units in this batch (name as written, unit): used for its
    /// rows and remembered for the next import or text; a unit of `-1` forgets the name's
    /// remembered unit.
    pub aliases: Vec<(String, i64)>,
}

/// One problem, with the row it is in (`None` for the batch as a whole).
#[derive(Debug, Clone)]
pub struct Problem {
    /// The row, by index.
    pub row: Option<usize>,
    /// What is wrong.
    pub error: ValidationError,
}

/// What was created.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Outcome {
    /// The plan.
    pub plan_id: i64,
    /// The tasks created, in row order of the included rows.
    pub task_ids: Vec<i64>,
    /// The indicators of the rows marked 指标, beside their tasks.
    pub indicator_ids: Vec<i64>,
    /// The tasks a re-imported table updated (their rows' keys were imported before).
    pub updated_ids: Vec<i64>,
}

/// The problems as one validation error list, each message naming its row.
pub fn as_validation(problems: &[Problem], rows: &[Row]) -> AppError {
    let errs = problems
        .iter()
        .map(|p| match p.row {
            None => p.error.clone(),
            Some(i) => {
                let title: String = rows
                    .get(i)
                    .map(|r| r.title.chars().take(20).collect())
                    .unwrap_or_default();
                ValidationError::new(
                    "rows",
                    p.error.code,
                    format!("第{}条（{title}）：{}", i + 1, p.error.message(Lang::Zh)),
                    format!("Item {} ({title}): {}", i + 1, p.error.message(Lang::En)),
                )
            }
        })
        .collect();
    AppError::Validation(errs)
}

/// Creates the included rows as tasks of the target plan, in one transaction; problems are a
/// validation error whose messages name their rows.
pub async fn create(state: &AppState, cap: &SupervisorCap, batch: &Batch) -> AppResult<Outcome> {
    match try_create(state, cap, batch).await? {
        Ok(done) => Ok(done),
        Err(problems) => Err(as_validation(&problems, &batch.rows)),
    }
}

/// Creates the included rows as tasks of the target plan, in one transaction — or changes
/// nothing and returns every problem, by row.
pub async fn try_create(
    state: &AppState,
    cap: &SupervisorCap,
    batch: &Batch,
) -> AppResult<Result<Outcome, Vec<Problem>>> {
    let today = state.clock.today();
    let (dir, existing, updates) = {
        let mut conn = state.store.conn().await?;
        let dir = Directory::load(&mut conn, cap.region).await?;
        let existing = match batch.target {
            Target::Existing(id) => Some(plan::plan(&mut conn, cap.region, id).await?.ok_or(AppError::NotFound)?),
            Target::New(_) => None,
        };
        // The keys rows may update tasks by (read again in the transaction below).
        let updates = match &existing {
            Some(p) => super::table::plan_keys(&mut conn, cap.region, p.id).await?,
            None => Vec::new(),
        };
        (dir, existing, updates)
    };
    let mut problems = alias_problems(&dir, &batch.aliases);
    let mut dir = dir;
    dir.aliases.retain(|(n, _)| !batch.aliases.iter().any(|(m, _)| m == n));
    dir.aliases
        .extend(batch.aliases.iter().filter(|(_, u)| *u > 0).cloned());
    let dir = dir;
    problems.extend(repeated_keys(&batch.rows));
    let new_plan = match &batch.target {
        Target::New(input) => {
            let mut input = input.clone();
            input.source_text = batch.text.clone();
            match check_plan(&input) {
                Ok(v) => Some(v),
                Err(errs) => {
                    problems.extend(errs.into_iter().map(|error| Problem { row: None, error }));
                    None
                }
            }
        }
        Target::Existing(_) => None,
    };
    // Supervision starts when the tasks are set, not when the plan was issued: a report
    // read in June owes no reports for February.
    let start = batch.start.unwrap_or(today);
    let (more, ready) = check(&dir, batch, start, &updates);
    problems.extend(more);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    if let Some(token) = &batch.token {
        match luoshi_store::extraction::claim(&mut tx, cap.region, token, now).await {
            Err(luoshi_store::StoreError::Duplicate(_)) => {
                drop(tx);
                let mut conn = state.store.conn().await?;
                let plan_id = luoshi_store::extraction::plan_of(&mut conn, cap.region, token).await?;
                return Err(AppError::Conflict {
                    message: "这批任务已经生成过，不再重复生成 · These tasks were created already".into(),
                    current: Some(
                        json!({ "code": luoshi_domain::codes::EXTRACTION_ALREADY_DONE.name, "plan_id": plan_id }),
                    ),
                });
            }
            other => other?,
        }
    }
    let (plan_id, offset) = match (&new_plan, &existing) {
        (Some(v), _) => (crate::ops::plan::insert(&mut tx, cap, v, now).await?, 0),
        (None, Some(p)) => {
            // Re-read inside the transaction: the text is added to what is stored now.
            let p = plan::plan(&mut tx, cap.region, p.id).await?.ok_or(AppError::NotFound)?;
            let (text, offset) = if p.source_text.trim().is_empty() {
                (batch.text.clone(), 0)
            } else if p.source_text.contains(batch.text.as_str()) {
                let at = p.source_text.find(batch.text.as_str()).unwrap_or(0);
                (p.source_text.clone(), p.source_text[..at].chars().count())
            } else {
                (
                    format!("{}\n\n{}", p.source_text, batch.text),
                    p.source_text.chars().count() + 2,
                )
            };
            if text != p.source_text {
                plan::set_source_text(&mut tx, cap.region, p.id, &text, now).await?;
            }
            (p.id, offset)
        }
        (None, None) => return Err(AppError::Internal("extraction without a target plan".into())),
    };
    for (name, unit) in &batch.aliases {
        if *unit > 0 {
            luoshi_store::import::set_alias(&mut tx, cap.region, name.trim(), *unit, cap.actor.id, now).await?;
        } else {
            luoshi_store::import::drop_alias(&mut tx, cap.region, name.trim()).await?;
        }
    }
    if !batch.aliases.is_empty() {
        luoshi_store::region::bump_directory(&mut tx, cap.region).await?;
    }
    // The rows imported into this plan before, whose tasks are still in it.
    // The keys as they stand inside the transaction: a task moved away meanwhile is not updated.
    let keys = match existing {
        Some(_) => super::table::plan_keys(&mut tx, cap.region, plan_id).await?,
        None => Vec::new(),
    };
    let mut touched: Vec<i64> = Vec::new();
    let mut given = super::reimport::Given::default();
    let mut updated_ids = Vec::new();
    let mut ids: Vec<Option<i64>> = vec![None; batch.rows.len()];
    let mut task_ids = Vec::new();
    let mut indicator_ids = Vec::new();
    let year = match (&new_plan, &existing) {
        (Some(v), _) => chrono::Datelike::year(&v.issued_on),
        (None, Some(p)) => p.year as i32,
        (None, None) => chrono::Datelike::year(&today),
    };
    // The next place among each parent's children, read once per parent.
    let mut next_seq: HashMap<Option<i64>, i64> = HashMap::new();
    for (i, v, form) in &ready {
        let key = batch.rows[*i].key.trim();
        if let Some(k) = keys.iter().find(|k| k.matches(&batch.rows[*i])) {
            let id = k.task;
            // Two rows naming one task (its T-key and its imported key): the first updates it.
            if touched.contains(&id) {
                ids[*i] = Some(id);
                continue;
            }
            touched.push(id);
            ids[*i] = Some(id);
            let named = !batch.rows[*i].leaders.is_empty();
            if super::reimport::update_in(&mut tx, cap, plan_id, id, v, form, named, now).await? {
                given.count(form.lead_unit_id, true);
                updated_ids.push(id);
            }
            continue;
        }
        // The nearest included ancestor is the parent.
        let mut parent = batch.rows[*i].parent;
        while let Some(p) = parent {
            if ids.get(p).copied().flatten().is_some() {
                break;
            }
            parent = batch.rows.get(p).and_then(|r| r.parent);
        }
        let parent = parent.and_then(|p| ids[p]);
        let seq = match next_seq.get(&parent) {
            Some(s) => *s,
            None => luoshi_store::task::siblings(&mut tx, cap.region, plan_id, parent)
                .await?
                .iter()
                .map(|t| t.seq + 1)
                .max()
                .unwrap_or(0),
        };
        next_seq.insert(parent, seq + 1);
        let at = Placement {
            plan_id,
            parent,
            seq: Some(seq),
            decomposed_by: None,
            source: batch.rows[*i]
                .span
                .map(|(a, b)| ((a + offset) as i64, (b + offset) as i64)),
        };
        let id = insert_in(&mut tx, cap.region, &cap.actor, &at, v, form, now).await?;
        ids[*i] = Some(id);
        task_ids.push(id);
        given.count(form.lead_unit_id, false);
        if !key.is_empty() {
            luoshi_store::import::set_key(&mut tx, cap.region, plan_id, key, id).await?;
        }
        let row = &batch.rows[*i];
        if let Some(ind) = super::indicator::add(&mut tx, cap, row, year, id, form.lead_unit_id, now).await? {
            indicator_ids.push(ind);
        }
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::TasksExtracted { plan: plan_id },
            entity: "plan",
            entity_id: plan_id,
            before: None,
            after: json!({ "tasks": task_ids.len(), "updated": updated_ids.len(), "rows": batch.rows.len(), "start": start.to_string(), "aliases": batch.aliases.len() }),
        },
        now,
    )
    .await?;
    if let Some(token) = &batch.token {
        luoshi_store::extraction::finish(&mut tx, cap.region, token, plan_id, task_ids.len() as i64).await?;
    }
    let plan_title = plan::plan(&mut tx, cap.region, plan_id)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    given
        .tell(state, &mut tx, cap.region, (plan_id, &plan_title), now)
        .await?;
    tx.commit().await?;
    Ok(Ok(Outcome {
        plan_id,
        task_ids,
        indicator_ids,
        updated_ids,
    }))
}

/// Problems with the names mapped to units: a unit not of the region (or merged away), an
/// empty or overlong name.
fn alias_problems(dir: &Directory, aliases: &[(String, i64)]) -> Vec<Problem> {
    aliases
        .iter()
        .filter(|(name, unit)| {
            let n = name.trim().chars().count();
            n == 0 || n > 100 || (*unit != -1 && dir.unit(*unit).is_none_or(|u| u.merged_into.is_some()))
        })
        .map(|(name, _)| Problem {
            row: None,
            error: ValidationError::new(
                "aliases",
                luoshi_domain::codes::EXTRACTION_ALIAS_INVALID,
                format!("“{name}”对应的单位无效，请从本行政区的单位中选择"),
                format!("The unit “{name}” is mapped to is not valid: choose a unit of this region"),
            ),
        })
        .collect()
}

/// A key given to two included rows: each after the first is a problem.
fn repeated_keys(rows: &[Row]) -> Vec<Problem> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (i, r) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.include && !r.key.trim().is_empty())
    {
        let k = r.key.trim();
        if seen.contains(&k) {
            out.push(Problem {
                row: Some(i),
                error: ValidationError::new(
                    "key",
                    luoshi_domain::codes::EXTRACTION_KEY_REPEATED,
                    format!("任务编号“{k}”与前面的行重复"),
                    format!("Task key “{k}” repeats an earlier row's"),
                ),
            });
        } else {
            seen.push(k);
        }
    }
    out
}
