//! Writing a ledger: read again inside one transaction (a preview confirmed after the ledger
//! changed is refused), then the categories it adds, each project added or changed, each
//! month's report sent for review — and every unit whose projects it touched told once.

use std::collections::BTreeMap;

use luoshi_domain::{Lang, ValidationError};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{Plan, Sent};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
    ops::{
        notify::{Message, tell_unit},
        project::{add_category_in, insert_in, update_in},
        project_report::send_in,
    },
};

/// What an import wrote.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Imported {
    /// Projects added, in row order.
    pub added: Vec<i64>,
    /// Projects changed.
    pub changed: Vec<i64>,
    /// Monthly reports sent (first or again), waiting for review.
    pub reports: Vec<i64>,
    /// Categories added.
    pub categories: Vec<i64>,
}

/// What a unit is told: the projects added, changed and reported for it.
#[derive(Default)]
struct Told {
    added: Vec<String>,
    changed: Vec<String>,
    reported: Vec<String>,
}

/// The plan's problems as field problems, each with its place.
fn problems(plan: &Plan) -> AppError {
    AppError::Validation(
        plan.problems
            .iter()
            .map(|p| {
                ValidationError::new(
                    p.error.field,
                    p.error.code,
                    format!("{}：{}", p.place(Lang::Zh), p.error.message(Lang::Zh)),
                    format!("{}: {}", p.place(Lang::En), p.error.message(Lang::En)),
                )
            })
            .collect(),
    )
}

/// Imports `sent` whole: every project and report, or nothing. `expect` is the fingerprint of
/// the preview confirmed, when there was one.
pub async fn import(
    state: &AppState,
    cap: &SupervisorCap,
    sent: &Sent,
    lang: Lang,
    expect: Option<&str>,
) -> AppResult<(Plan, Imported)> {
    // The file is read before the transaction: the writer waits only for the plan and the writes.
    let read = super::read_file(sent).await?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    // One import of the region's ledger at a time: a second confirm waits, then finds the
    // first one's projects and is refused as stale rather than adding them twice.
    luoshi_store::import::lock_ledger(&mut tx, cap.region).await?;
    let plan = super::plan_read(state, &mut tx, cap, sent, read, lang).await?;
    if !plan.problems.is_empty() {
        return Err(problems(&plan));
    }
    if let Some(e) = expect.filter(|e| !e.is_empty())
        && e != plan.fingerprint()
    {
        return Err(AppError::Conflict {
            message: "the ledger changed after the preview: preview it again".into(),
            current: Some(json!({ "entity": "ledger", "fingerprint": plan.fingerprint() })),
        });
    }
    let reason = sent.reason.trim();
    let mut out = Imported::default();
    let mut categories = BTreeMap::new();
    for name in &plan.new_categories {
        let id = add_category_in(&mut tx, cap.region, &cap.actor, name, now).await?;
        categories.insert(name.clone(), id);
        out.categories.push(id);
    }
    let mut told: BTreeMap<i64, Told> = BTreeMap::new();
    for p in &plan.prepared {
        let mut form = p.form.clone();
        if let Some(id) = p.new_category.as_ref().and_then(|n| categories.get(n)) {
            form.category_id = *id;
        }
        let name = p.valid.name.clone();
        let id = match &p.project {
            None => {
                let id = insert_in(&mut tx, cap.region, &cap.actor, &p.valid, &form, now).await?;
                out.added.push(id);
                told.entry(form.unit_id).or_default().added.push(name.clone());
                id
            }
            Some(old) if p.changed => {
                update_in(
                    &mut tx,
                    cap.region,
                    &cap.actor,
                    old,
                    old.version,
                    &p.valid,
                    &form,
                    &p.moved,
                    reason,
                    now,
                )
                .await?;
                out.changed.push(old.id);
                told.entry(form.unit_id).or_default().changed.push(name.clone());
                if old.unit_id != form.unit_id {
                    told.entry(old.unit_id).or_default().changed.push(name.clone());
                }
                old.id
            }
            Some(old) => old.id,
        };
        if let Some((m, existing)) = &p.report {
            let r = send_in(
                &mut tx,
                cap.region,
                &cap.actor,
                id,
                form.unit_id,
                existing.as_ref(),
                m,
                0,
                now,
            )
            .await?;
            out.reports.push(r);
            told.entry(form.unit_id).or_default().reported.push(name);
        }
    }
    let month = plan.month.text(Lang::Zh);
    for (unit, t) in &told {
        let mut parts = Vec::new();
        for (what, list) in [
            ("新增项目", &t.added),
            ("调整项目", &t.changed),
            ("代录月报", &t.reported),
        ] {
            if !list.is_empty() {
                parts.push(format!("{what}{}个", list.len()));
            }
        }
        let title = format!("督查室导入了{month}项目台账：{}，请核对", parts.join("、"));
        let mut body = Vec::new();
        for (what, list) in [
            ("新增：", &t.added),
            ("调整：", &t.changed),
            ("代录月报（待审核）：", &t.reported),
        ] {
            if !list.is_empty() {
                body.push(format!("{what}{}", list.join("、")));
            }
        }
        let m = Message {
            event_key: &format!("ledger:{}:{unit}", now.timestamp_millis()),
            kind: "project_ledger_imported",
            title: &title,
            body: &body.join("\n"),
            link: "/projects",
        };
        tell_unit(&mut tx, &state.config, cap.region, *unit, m, now).await?;
    }
    tx.commit().await?;
    Ok((plan, out))
}
