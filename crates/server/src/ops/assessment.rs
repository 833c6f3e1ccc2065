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

/// The stored form of a scheme's groups and grading.
struct Codes {
    groups: String,
    grading: String,
}

impl Codes {
    fn of(s: &Scheme) -> Codes {
        Codes {
            groups: groups_code(&s.groups),
            grading: grading_code(s.grading),
        }
    }

    fn fields<'a>(&'a self, s: &'a Scheme) -> SchemeFields<'a> {
        SchemeFields {
            name: s.name.trim(),
            kind: s.kind.code(),
            from: s.from,
            to: s.to,
            base: s.base,
            floor: s.floor,
            evaluation_share: s.evaluation_share,
            groups: &self.groups,
            grading: &self.grading,
            visibility: s.visibility.code(),
        }
    }
}

/// Refuses a name another scheme of the region has.
async fn name_free(tx: &mut luoshi_store::Tx, region: i64, name: &str, other_than: Option<i64>) -> AppResult<()> {
    if store::schemes(tx, region)
        .await?
        .iter()
        .any(|x| x.name == name && Some(x.id) != other_than)
    {
        return Err(AppError::Validation(vec![ValidationError::new(
            "name",
            codes::SCHEME_INVALID,
            "已有同名的考核方案",
            "A scheme of this name exists",
        )]));
    }
    Ok(())
}

/// Scheme `s` was saved or closed by someone else since it was read.
fn conflict(s: &luoshi_store::assessment::StoredScheme) -> AppError {
    AppError::Conflict {
        message: format!("scheme {} was changed or closed by someone else", s.id),
        current: Some(json!({ "entity": "scheme", "id": s.id, "version": s.version, "status": s.status })),
    }
}

fn closed() -> AppError {
    AppError::Validation(vec![ValidationError::of("status", codes::SCHEME_CLOSED)])
}

/// Starts scheme `s` (checked); returns its id. Its scores are judged at once.
pub async fn create(state: &AppState, cap: &SupervisorCap, s: &Scheme, copied_from: Option<i64>) -> AppResult<i64> {
    check_scheme(s).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let codes = Codes::of(s);
    let f = codes.fields(s);
    let mut tx = state.store.begin().await?;
    name_free(&mut tx, cap.region, f.name, None).await?;
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

/// Changes open scheme `id` read at `version` to `s` (checked) and judges its scores again; a
/// closed scheme is `SCHEME_CLOSED` (its scores stay frozen), a stale version `CONFLICT`.
pub async fn update(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, s: &Scheme) -> AppResult<()> {
    check_scheme(s).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let codes = Codes::of(s);
    let f = codes.fields(s);
    let mut tx = state.store.begin().await?;
    let before = store::scheme(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.status != "open" {
        return Err(closed());
    }
    name_free(&mut tx, cap.region, f.name, Some(id)).await?;
    if !store::update_scheme(&mut tx, cap.region, id, version, f, &stored_rules(s)).await? {
        return Err(conflict(&before));
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::SchemeSet,
            entity: "scheme",
            entity_id: id,
            before: Some(json!({ "name": before.name, "version": before.version })),
            after: json!({ "name": s.name.trim(), "from": s.from, "to": s.to, "rules": s.rules.len() }),
        },
        now,
    )
    .await?;
    luoshi_lights::judge_scheme(&mut tx, cap.region, id, state.clock.today(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes open scheme `id` read at `version`: judged one last time, then frozen — a record
/// changed afterwards does not move its scores.
pub async fn close(state: &AppState, cap: &SupervisorCap, id: i64, version: i64) -> AppResult<()> {
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let s = store::scheme(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.status != "open" {
        return Err(closed());
    }
    luoshi_lights::judge_scheme(&mut tx, cap.region, id, state.clock.today(), now).await?;
    if !store::close_scheme(&mut tx, cap.region, id, version, cap.actor.id, now).await? {
        return Err(conflict(&s));
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::SchemeSet,
            entity: "scheme",
            entity_id: id,
            before: Some(json!({ "status": s.status, "version": s.version })),
            after: json!({ "status": "closed" }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Points as typed (`90`, `87.5`) in hundredths: 0 to 100, at most two decimals.
pub fn evaluation_points(typed: f64) -> Option<i64> {
    let h = (typed * 100.0).round();
    ((0.0..=10_000.0).contains(&h) && (typed * 100.0 - h).abs() < 1e-6).then_some(h as i64)
}

/// The leaders' evaluation of `unit` under open scheme `id` (0–100 points), entered by the
/// office; the scheme's scores are judged again and the unit is told.
pub async fn set_evaluation(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    unit: i64,
    points: f64,
    note: &str,
) -> AppResult<()> {
    let Some(points) = evaluation_points(points) else {
        return Err(AppError::Validation(vec![ValidationError::new(
            "points",
            codes::SCHEME_INVALID,
            "评议得分应在0至100分之间，最多两位小数",
            "The evaluation is 0 to 100 points, at most two decimals",
        )]));
    };
    let note = note.trim();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let s = store::scheme(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scored = store::scores(&mut tx, cap.region, id)
        .await?
        .iter()
        .any(|x| x.unit_id == unit);
    if s.status != "open" {
        return Err(closed());
    }
    if !scored {
        return Err(AppError::Validation(vec![ValidationError::new(
            "unit_id",
            codes::SCHEME_INVALID,
            "只能为进行中方案的参评单位录入评议得分",
            "Evaluations are entered for the units of an open scheme",
        )]));
    }
    store::set_evaluation(&mut tx, cap.region, id, unit, points, note, cap.actor.id, now).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::SchemeSet,
            entity: "evaluation",
            entity_id: id,
            before: None,
            after: json!({ "scheme_id": id, "unit_id": unit, "points": points, "note": note }),
        },
        now,
    )
    .await?;
    luoshi_lights::judge_scheme(&mut tx, cap.region, id, state.clock.today(), now).await?;
    let m = super::notify::Message {
        event_key: &format!("evaluation:{id}:{unit}:{}", now.timestamp_millis()),
        kind: "evaluation_entered",
        title: &format!("{}：领导评议得分已录入", s.name),
        body: "",
        link: &format!("/assessment/{id}/units/{unit}"),
    };
    super::notify::tell_unit(&mut tx, &state.config, cap.region, unit, m, now).await?;
    tx.commit().await?;
    Ok(())
}
