//! The likelihood of delivery as pages and the API show it: a task's current judgement beside
//! its light — who gave it, why, and what the page says where it and the light disagree — and
//! the judgements before it.

use luoshi_domain::{
    Lang, Light,
    likelihood::{Likelihood, mismatch},
};
use luoshi_store::likelihood::{self as store, Judged};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{AppState, error::AppResult};

/// A judgement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JudgementOut {
    /// `likely`, `probable`, `at_risk` or `unlikely`.
    pub judgement: String,
    /// In words (很可能 …).
    pub name: String,
    /// The colour of its badge.
    pub class: String,
    /// Why.
    pub reason: String,
    /// Set by the office (else the lead unit's, with a report).
    pub by_office: bool,
    /// When, in words.
    pub when: String,
    /// What the page says where it and the light disagree, else empty.
    pub mismatch: String,
}

/// A task's current judgement and the ones before it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskLikelihood {
    /// The judgement that counts now, if any.
    pub current: Option<JudgementOut>,
    /// Every judgement counted, the latest first.
    pub history: Vec<JudgementOut>,
}

fn out(j: &Judged, light: Option<Light>, lang: Lang) -> Option<JudgementOut> {
    let l = Likelihood::parse(&j.judgement)?;
    Some(JudgementOut {
        judgement: j.judgement.clone(),
        name: l.name(lang).to_string(),
        class: l.class().to_string(),
        reason: j.reason.clone(),
        by_office: j.overridden,
        when: super::instant_text(Some(j.judged_at), lang),
        mismatch: light
            .and_then(|x| mismatch(x, l))
            .map(|(zh, en)| lang.pick(zh, en).to_string())
            .unwrap_or_default(),
    })
}

/// Task `task`'s judgements, the current one put against its light `light` (a light code).
pub async fn of_task(state: &AppState, region: i64, task: i64, light: &str, lang: Lang) -> AppResult<TaskLikelihood> {
    let mut c = state.store.conn().await?;
    let rows = store::history(&mut c, region, "task", task).await?;
    let light = Light::parse(light);
    let history: Vec<JudgementOut> = rows.iter().filter_map(|j| out(j, None, lang)).collect();
    Ok(TaskLikelihood {
        current: rows.first().and_then(|j| out(j, light, lang)),
        history,
    })
}

/// How often one judgement came true.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccuracyRow {
    /// `likely` … `unlikely`.
    pub judgement: String,
    /// In words.
    pub name: String,
    /// Its badge's colour.
    pub class: String,
    /// Judgements of this kind on tasks since closed.
    pub judged: usize,
    /// Those the outcome bore out (on time for 很可能/较可能, late for 存在风险/难以完成).
    pub came_true: usize,
    /// `75%`, or `—` when none.
    pub rate_text: String,
}

/// The accuracy of the judgements on closed tasks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Accuracy {
    /// One row per judgement.
    pub rows: Vec<AccuracyRow>,
    /// Closed tasks with a judgement made before they closed.
    pub tasks: usize,
}

/// For the region's tasks done by now, every judgement made before each was done, put against
/// whether it was done by its deadline. The office and leaders only.
pub async fn accuracy(state: &AppState, reader: &crate::access::Reader, lang: Lang) -> AppResult<Accuracy> {
    if reader.unit().is_some() {
        return Err(crate::error::AppError::Forbidden);
    }
    let mut c = state.store.conn().await?;
    let judged = store::counted(&mut c, reader.region, "task").await?;
    let mut ids: Vec<i64> = judged.iter().map(|j| j.entity_id).collect();
    ids.dedup();
    let tasks = luoshi_store::task::tasks_by_ids(&mut c, reader.region, &ids).await?;
    let mut pairs = Vec::new();
    let mut closed = std::collections::BTreeSet::new();
    for j in &judged {
        let Some(t) = tasks.iter().find(|t| t.id == j.entity_id) else {
            continue;
        };
        let (Some(done), Some(due), Some(l)) = (t.done_on, t.due, Likelihood::parse(&j.judgement)) else {
            continue;
        };
        if luoshi_domain::owed::china_day(j.judged_at) > done {
            continue;
        }
        closed.insert(t.id);
        pairs.push((l, done <= due));
    }
    let rows = luoshi_domain::likelihood::accuracy(&pairs)
        .into_iter()
        .map(|(l, judged, came_true)| AccuracyRow {
            judgement: l.code().into(),
            name: l.name(lang).into(),
            class: l.class().into(),
            judged,
            came_true,
            rate_text: (came_true * 100 + judged / 2)
                .checked_div(judged)
                .map(|r| format!("{r}%"))
                .unwrap_or_else(|| "—".into()),
        })
        .collect();
    Ok(Accuracy {
        rows,
        tasks: closed.len(),
    })
}
