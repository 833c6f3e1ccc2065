//! Assessment schemes and their scores (issue 19): the office starts a scheme for a period (the
//! defaults of common practice, or a copy of an earlier scheme), and every unit's score under an
//! open scheme is judged from the records — every line with its rule and record — ranked per
//! group against the previous period, and stored; a closed scheme's scores stay as they were.

use luoshi_domain::{
    ValidationError,
    assessment::{
        Scheme, check_scheme,
        scheme::{grading_code, groups_code},
    },
    codes,
};
use luoshi_lights::Change;
use luoshi_store::assessment::{self as store, SchemeFields};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::SupervisorCap,
    error::{AppError, AppResult},
};

fn stored_rules(s: &Scheme) -> Vec<store::StoredRule> {
    s.rules
        .iter()
        .map(|r| (r.kind.code().to_string(), r.points, r.cap))
        .collect()
}

/// Starts scheme `s` (checked); returns its id. Its scores are judged at once.
pub async fn create(state: &AppState, cap: &SupervisorCap, s: &Scheme, copied_from: Option<i64>) -> AppResult<i64> {
    check_scheme(s).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let (groups, grading) = (groups_code(&s.groups), grading_code(s.grading));
    let f = SchemeFields {
        name: s.name.trim(),
        kind: s.kind.code(),
        from: s.from,
        to: s.to,
        base: s.base,
        floor: s.floor,
        evaluation_share: s.evaluation_share,
        groups: &groups,
        grading: &grading,
        visibility: s.visibility.code(),
    };
    let mut tx = state.store.begin().await?;
    if store::schemes(&mut tx, cap.region)
        .await?
        .iter()
        .any(|x| x.name == f.name)
    {
        return Err(AppError::Validation(vec![ValidationError::new(
            "name",
            codes::SCHEME_INVALID,
            "已有同名的考核方案",
            "A scheme of this name exists",
        )]));
    }
    let id = store::insert_scheme(&mut tx, cap.region, f, &stored_rules(s), copied_from, cap.actor.id, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::SchemeSet,
            entity: "scheme",
            entity_id: id,
            before: None,
            after: json!({ "name": f.name, "from": s.from, "to": s.to, "rules": s.rules.len() }),
        },
        now,
    )
    .await?;
    luoshi_lights::judge_scheme(&mut tx, cap.region, id, state.clock.today(), now).await?;
    tx.commit().await?;
    Ok(id)
}
