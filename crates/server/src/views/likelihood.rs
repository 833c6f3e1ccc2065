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
