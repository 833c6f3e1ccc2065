//! An indicator's figures (指标数据): the responsible unit enters a month's figure — the
//! cumulative amount, or the rate (or the amounts it is computed from) — with last year's
//! same-period figure; an accepted figure changed needs the reason in the note. The office
//! accepts or returns it, and the unit is told; only accepted figures move the light.

use luoshi_domain::{
    Lang, codes,
    indicator::{ActualContext, ActualInput, Figure, check_actual},
    project::Month,
};
use luoshi_lights::Change;
use luoshi_store::indicator_actual::{self as store, Entered};
use serde_json::json;

use super::{Record, invalid, record};
use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    error::{AppError, AppResult},
};

/// A month's figure as sent: the typed fields and, when the month was entered before, the
/// version of that figure as read.
#[derive(Debug, Clone, Default)]
pub struct FigureForm {
    /// The typed fields.
    pub input: ActualInput,
    /// The version read, when the month was entered before.
    pub version: Option<i64>,
}

fn conflict(id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("indicator figure {id} was changed by someone else"),
        current: Some(json!({ "entity": "indicator_figure", "id": id, "version": version })),
    }
}

/// The responsible unit enters (or enters again) a month's figure of indicator `indicator`;
/// returns the figure's id.
pub async fn enter(state: &AppState, viewer: &Viewer, indicator: i64, f: &FigureForm) -> AppResult<i64> {
    let reader = viewer.reader()?;
    let (i, all) = {
        let mut c = state.store.conn().await?;
        let i = reader.indicator(&mut c, indicator).await?;
        let all = store::of_indicator(&mut c, reader.region, indicator).await?;
        (i, all)
    };
    if !reader.enters_figures(&i) {
        return Err(AppError::Forbidden);
    }
    let r = luoshi_lights::read_indicator(&i);
    let month = Month::parse(&f.input.month);
    let existing = month.and_then(|m| all.iter().find(|a| a.month == m.code()));
    let cx = ActualContext {
        kind: r.kind,
        year: i.year,
        frequency: r.frequency,
        computed: i.computed,
        now: Month::of(state.clock.today()),
        accepted: existing.and_then(|a| a.accepted).map(Figure),
    };
    let v = check_actual(&f.input, cx).map_err(AppError::Validation)?;
    if let Some(a) = existing
        && f.version != Some(a.version)
    {
        return Err(conflict(a.id, a.version));
    }
    let actor = viewer.actor();
    let now = state.clock.now();
    let note = f.input.note.trim();
    let e = Entered {
        value: v.value.0,
        last_year: v.last_year.map(|l| l.0),
        judged: v.judged.0,
        note,
    };
    let mut tx = state.store.begin().await?;
    let id = match existing {
        Some(a) => {
            if !store::resend(&mut tx, reader.region, a.id, a.version, e, actor.id, now).await? {
                return Err(conflict(a.id, a.version));
            }
            a.id
        }
        None => store::insert(&mut tx, reader.region, indicator, &v.month.code(), e, actor.id, now).await?,
    };
    record(
        &mut tx,
        reader.region,
        Record {
            actor: &actor,
            change: Change::FigureEntered { indicator },
            entity: "indicator_figure",
            entity_id: id,
            before: existing.map(
                |a| json!({ "value": a.value, "last_year": a.last_year, "accepted": a.accepted, "status": a.status }),
            ),
            after: json!({ "indicator_id": indicator, "month": v.month.code(), "value": v.value.0,
                "last_year": v.last_year.map(|l| l.0), "judged": v.judged.0, "note": note }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The office accepts or returns (with a `note`) figure `id` read at `version`; the responsible
/// unit is told.
pub async fn review(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    accept: bool,
    note: &str,
) -> AppResult<()> {
    let note = note.trim();
    if !accept && note.is_empty() {
        return Err(invalid(
            "note",
            codes::INDICATOR_RETURN_NOTE_REQUIRED,
            "退回指标数据须写明意见",
            "Returning a figure needs a note",
        ));
    }
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let a = store::actual(&mut tx, cap.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.status != "submitted" {
        return Err(invalid(
            "status",
            codes::INDICATOR_NOT_WAITING,
            "该数据不在待审核状态",
            "This figure is not waiting for review",
        ));
    }
    if !store::review(&mut tx, cap.region, id, version, accept, note, cap.actor.id, now).await? {
        return Err(conflict(id, a.version));
    }
    let indicator = a.indicator_id;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: if accept {
                Change::FigureAccepted { indicator }
            } else {
                Change::FigureReturned { indicator }
            },
            entity: "indicator_figure",
            entity_id: id,
            before: Some(json!({ "status": a.status, "accepted": a.accepted })),
            after: json!({ "indicator_id": indicator, "month": a.month, "status": if accept { "accepted" } else { "returned" },
                "judged": a.judged, "note": note }),
        },
        now,
    )
    .await?;
    let i = cap.indicator(&mut tx, indicator).await?;
    let month = Month::parse(&a.month).map(|m| m.text(Lang::Zh)).unwrap_or_default();
    let (kind, title, body) = if accept {
        (
            "indicator_figure_accepted",
            format!("{month}指标数据已采纳：{}", i.name),
            String::new(),
        )
    } else {
        (
            "indicator_figure_returned",
            format!("{month}指标数据被退回，请核实后重新报送：{}", i.name),
            format!("审核意见：{note}"),
        )
    };
    let m = super::notify::Message {
        event_key: &format!("indicator_figure:{id}:v{}", version + 1),
        kind,
        title: &title,
        body: &body,
        link: &format!("/indicators/{indicator}"),
    };
    super::notify::tell_unit(&mut tx, &state.config, cap.region, i.unit_id, m, now).await?;
    tx.commit().await?;
    Ok(())
}
