//! Keeping the region's indicators (the office): adding one, changing it (its target, profile,
//! owners — a conflict when someone saved it since), and the thresholds of their lights. The
//! responsible unit is told when an indicator becomes its own.

use luoshi_domain::{
    ValidationError, codes,
    indicator::{IndicatorInput, ValidIndicator, check_indicator},
};
use luoshi_lights::Change;
use luoshi_store::indicator::{self as store, IndicatorFields};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::SupervisorCap,
    directory::Directory,
    error::{AppError, AppResult},
};

/// An indicator as entered, with the records it points at.
#[derive(Debug, Clone, Default)]
pub struct IndicatorForm {
    /// The typed fields.
    pub input: IndicatorInput,
    /// 责任单位.
    pub unit_id: i64,
    /// 分管领导.
    pub leader_id: Option<i64>,
    /// The plan task that drives it.
    pub task_id: Option<i64>,
    /// The task force that owns it.
    pub task_force_id: Option<i64>,
    /// Shown on the public site.
    pub public: bool,
    /// Place in lists.
    pub sort: i64,
}

fn unknown(field: &'static str, zh: &str, en: &str) -> ValidationError {
    ValidationError::new(field, codes::INDICATOR_CHOICE_UNKNOWN, zh.to_string(), en.to_string())
}

/// Checks `f` field by field, and the unit, leader, task and task force against the region.
async fn checked(state: &AppState, region: i64, f: &IndicatorForm) -> AppResult<ValidIndicator> {
    let (valid, mut errs) = match check_indicator(&f.input) {
        Ok(v) => (Some(v), Vec::new()),
        Err(e) => (None, e),
    };
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, region).await?;
    if !dir.unit(f.unit_id).is_some_and(|u| u.active) {
        errs.push(ValidationError::of("unit_id", codes::INDICATOR_UNIT_MISSING));
    }
    if f.leader_id.is_some_and(|l| !dir.leader(l).is_some_and(|l| l.active)) {
        errs.push(unknown(
            "leader_id",
            "分管领导不是在任的领导",
            "The leader is not in office",
        ));
    }
    if let Some(t) = f.task_id
        && luoshi_store::task::task(&mut c, region, t).await?.is_none()
    {
        errs.push(unknown("task_id", "所属任务不存在", "No such task"));
    }
    if let Some(t) = f.task_force_id
        && luoshi_store::task_force::force(&mut c, region, t).await?.is_none()
    {
        errs.push(unknown("task_force_id", "专班不存在", "No such task force"));
    }
    match valid {
        Some(v) if errs.is_empty() => Ok(v),
        _ => Err(AppError::Validation(errs)),
    }
}

fn fields<'a>(v: &'a ValidIndicator, f: &IndicatorForm, profile: &'a str) -> IndicatorFields<'a> {
    IndicatorFields {
        name: &v.name,
        measure: &v.measure,
        kind: v.kind.code(),
        direction: v.direction.code(),
        frequency: v.frequency.code(),
        source: v.source.code(),
        year: v.year,
        target: v.target.0,
        profile,
        decimals: v.decimals as i32,
        computed: v.computed,
        unit_id: f.unit_id,
        leader_id: f.leader_id,
        task_id: f.task_id,
        task_force_id: f.task_force_id,
        public: f.public,
        sort: f.sort,
    }
}

fn conflict(id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("indicator {id} was changed by someone else"),
        current: Some(json!({ "entity": "indicator", "id": id, "version": version })),
    }
}

/// Tells `unit` an indicator is now its own to report on.
async fn tell_owner(
    state: &AppState,
    tx: &mut luoshi_store::Tx,
    region: i64,
    id: i64,
    unit: i64,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let title = format!("请按月报送指标数据：{name}");
    let m = super::notify::Message {
        event_key: &format!("indicator:{id}:unit:{unit}"),
        kind: "indicator_assigned",
        title: &title,
        body: "数据于次月15日前报送，经督查室审核后计入序时进度。",
        link: &format!("/indicators/{id}"),
    };
    super::notify::tell_unit(tx, &state.config, region, unit, m, now).await?;
    Ok(())
}

/// Adds an indicator; returns its id.
pub async fn create(state: &AppState, cap: &SupervisorCap, f: &IndicatorForm) -> AppResult<i64> {
    let v = checked(state, cap.region, f).await?;
    let profile = serde_json::to_string(&v.profile).unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let id = match store::insert(&mut tx, cap.region, fields(&v, f, &profile), cap.actor.id, now).await {
        Ok(id) => id,
        Err(e) => return Err(duplicate_or(e, &v)),
    };
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::IndicatorAdded { indicator: id },
            entity: "indicator",
            entity_id: id,
            before: None,
            after: json!({ "name": v.name, "year": v.year, "target": v.target.0, "unit_id": f.unit_id,
                "kind": v.kind.code(), "profile": profile }),
        },
        now,
    )
    .await?;
    tell_owner(state, &mut tx, cap.region, id, f.unit_id, &v.name, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A second indicator of the same name and year: an error on the name; else the error itself.
fn duplicate_or(e: luoshi_store::StoreError, v: &ValidIndicator) -> AppError {
    match e.duplicate_as("indicator") {
        luoshi_store::StoreError::Duplicate(_) => duplicate(v),
        e => e.into(),
    }
}

fn duplicate(v: &ValidIndicator) -> AppError {
    AppError::Validation(vec![ValidationError::new(
        "name",
        codes::INDICATOR_NAME_INVALID,
        format!("{}年已有名为“{}”的指标", v.year, v.name),
        format!("{} already has an indicator named “{}”", v.year, v.name),
    )])
}

/// Changes indicator `id`, read at `version`.
pub async fn update(state: &AppState, cap: &SupervisorCap, id: i64, version: i64, f: &IndicatorForm) -> AppResult<()> {
    let v = checked(state, cap.region, f).await?;
    let profile = serde_json::to_string(&v.profile).unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = cap.indicator(&mut tx, id).await?;
    let saved = match store::update(&mut tx, cap.region, id, version, fields(&v, f, &profile)).await {
        Ok(saved) => saved,
        Err(e) => return Err(duplicate_or(e, &v)),
    };
    if !saved {
        return Err(conflict(id, before.version));
    }
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::IndicatorChanged { indicator: id },
            entity: "indicator",
            entity_id: id,
            before: Some(json!(before)),
            after: json!({ "name": v.name, "year": v.year, "target": v.target.0, "unit_id": f.unit_id,
                "kind": v.kind.code(), "profile": profile }),
        },
        now,
    )
    .await?;
    if before.unit_id != f.unit_id {
        tell_owner(state, &mut tx, cap.region, id, f.unit_id, &v.name, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The office sets the region's indicator thresholds, in tenths of a point behind: yellow when
/// behind by more than `yellow`, red by more than `red`. Every indicator is judged again in
/// the same transaction.
pub async fn set_thresholds(state: &AppState, cap: &SupervisorCap, yellow: i64, red: i64) -> AppResult<()> {
    if !(0..=500).contains(&yellow) || !(0..=500).contains(&red) || yellow >= red {
        return Err(AppError::Validation(vec![ValidationError::of(
            "yellow",
            codes::INDICATOR_THRESHOLDS_INVALID,
        )]));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let before = luoshi_store::indicator_state::thresholds(&mut tx, cap.region).await?;
    let t = luoshi_store::indicator_state::Thresholds {
        indicator_yellow: yellow,
        indicator_red: red,
    };
    luoshi_store::indicator_state::set_thresholds(&mut tx, cap.region, t).await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::IndicatorThresholdsSet,
            entity: "region",
            entity_id: cap.region,
            before: Some(json!(before)),
            after: json!(t),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
