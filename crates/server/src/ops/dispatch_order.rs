//! What a dispatch meeting's decision becomes when it charges a unit: a task in the meeting's
//! plan (the plan made with the first one, kind 会议纪要), or a supervision order (source 会议议定)
//! — each in one transaction with the decision recorded on its item, the unit told.

use luoshi_domain::OrderInput;
use luoshi_domain::{PlanInput, check_plan, project::Outcome};
use luoshi_store::dispatch::{self as store, Decided, Item, Meeting};
use serde_json::json;

use super::{
    dispatch::{DecisionForm, recorded, task_of},
    notify,
    supervision::Addressees,
    task::{Placement, form_errors, insert_in},
};
use crate::{
    AppState,
    access::SupervisorCap,
    directory::Directory,
    error::{AppError, AppResult},
};

fn changed(id: i64, version: i64) -> AppError {
    AppError::Conflict {
        message: format!("dispatch item {id} was changed by someone else"),
        current: Some(json!({ "entity": "dispatch_item", "id": id, "version": version })),
    }
}

/// The decision becomes a task of the meeting's plan.
pub(crate) async fn task(
    state: &AppState,
    cap: &SupervisorCap,
    meeting: &Meeting,
    item: &Item,
    version: i64,
    decision: &str,
    f: &DecisionForm,
) -> AppResult<()> {
    let form = task_of(meeting, item, decision, f);
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, cap.region).await?
    };
    let v = form_errors(&dir, &form).map_err(AppError::Validation)?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let plan_id = match meeting.plan_id {
        Some(p) => p,
        None => {
            let input = PlanInput {
                kind: "meeting".into(),
                title: format!("{}议定事项", meeting.title),
                issued_on: Some(meeting.held_on),
                yellow_lag: 20,
                red_lag: 40,
                milestone_red_days: 15,
                ..PlanInput::default()
            };
            let valid = check_plan(&input).map_err(AppError::Validation)?;
            let plan = super::plan::insert(&mut tx, cap, &valid, now).await?;
            if !store::set_meeting(
                &mut tx,
                cap.region,
                meeting.id,
                meeting.version,
                &meeting.status,
                Some(plan),
            )
            .await?
            {
                return Err(AppError::Conflict {
                    message: format!("dispatch meeting {} was changed by someone else", meeting.id),
                    current: Some(json!({ "entity": "dispatch_meeting", "id": meeting.id })),
                });
            }
            plan
        }
    };
    let at = Placement {
        plan_id,
        parent: None,
        seq: None,
        decomposed_by: None,
        source: None,
    };
    let task = insert_in(&mut tx, cap.region, &cap.actor, &at, &v, &form, now).await?;
    let d = Decided {
        decision,
        outcome: Outcome::Task.code(),
        unit_id: f.unit_id,
        due_on: f.due_on,
        task_id: Some(task),
        order_id: None,
    };
    if !store::decide(&mut tx, cap.region, item.id, version, d).await? {
        return Err(changed(item.id, item.version));
    }
    recorded(&mut tx, cap, meeting, item, Outcome::Task, decision, now).await?;
    if let Some(unit) = f.unit_id {
        let title = format!("调度会议定事项：{}", v.title.as_str());
        let body = format!(
            "{}议定由你单位牵头办理，完成时限{}。",
            meeting.title,
            f.due_on
                .map(|d| luoshi_domain::fmt_date(d, luoshi_domain::Lang::Zh))
                .unwrap_or_default()
        );
        let m = notify::Message {
            event_key: &format!("dispatch_item:{}", item.id),
            kind: "dispatch_task",
            title: &title,
            body: &body,
            link: &format!("/tasks/{task}"),
        };
        notify::tell_unit(&mut tx, &state.config, cap.region, unit, m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A decision to record inside the transaction that issues its order.
#[derive(Debug, Clone)]
pub struct OrderedDecision {
    /// The meeting.
    pub meeting: Meeting,
    /// The item.
    pub item: Item,
    /// Its version as read.
    pub version: i64,
    /// 议定事项.
    pub decision: String,
    /// The unit and the reply deadline.
    pub form: DecisionForm,
}

/// The decision becomes a supervision order (numbered as every order is), to the unit charged.
pub(crate) async fn order(
    state: &AppState,
    cap: &SupervisorCap,
    meeting: &Meeting,
    item: &Item,
    version: i64,
    decision: &str,
    f: &DecisionForm,
) -> AppResult<()> {
    let input = OrderInput {
        level: "key".into(),
        source: "meeting".into(),
        title: item.topic.chars().take(200).collect(),
        requirement: decision.to_string(),
        source_text: format!("{}议定：{decision}", meeting.title),
        reply_due: f.due_on,
        mode: "once".into(),
    };
    let to = Addressees {
        lead_unit_id: f.unit_id,
        dispatch: Some(OrderedDecision {
            meeting: meeting.clone(),
            item: item.clone(),
            version,
            decision: decision.to_string(),
            form: f.clone(),
        }),
        ..Addressees::default()
    };
    super::supervision::issue(state, cap, &input, &to).await.map(|_| ())
}

/// Records the decision whose order `order` was just issued, inside the order's transaction.
pub(crate) async fn ordered(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    d: &OrderedDecision,
    order: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let decided = Decided {
        decision: &d.decision,
        outcome: Outcome::Order.code(),
        unit_id: d.form.unit_id,
        due_on: d.form.due_on,
        task_id: None,
        order_id: Some(order),
    };
    if !store::decide(tx, cap.region, d.item.id, d.version, decided).await? {
        return Err(changed(d.item.id, d.item.version));
    }
    recorded(tx, cap, &d.meeting, &d.item, Outcome::Order, &d.decision, now).await
}
