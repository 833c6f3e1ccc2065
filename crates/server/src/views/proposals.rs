//! The escalation's proposals waiting for the supervision office, as its page and the API list them.

use crate::error::AppResult;
use luoshi_domain::Lang;
use luoshi_store::escalation;

/// A proposal waiting for the office, as listed.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ProposalRow {
    /// Its id.
    pub id: i64,
    /// `order_proposed` or `accountability_proposed`.
    pub rung: String,
    /// The task.
    pub task_id: i64,
    /// Its title.
    pub task_title: String,
    /// Its lead unit.
    pub unit_id: Option<i64>,
    /// The unit's name.
    pub unit: String,
    /// What the ladder says.
    pub text: String,
    /// When, in words.
    pub at: String,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// The proposals waiting for the office, oldest first.
pub async fn proposals(
    state: &crate::AppState,
    cap: &crate::access::SupervisorCap,
    lang: Lang,
) -> AppResult<Vec<ProposalRow>> {
    let mut c = state.store.conn().await?;
    let rows = escalation::in_status(
        &mut c,
        cap.region,
        luoshi_domain::EscalationStatus::Proposed.code(),
        200,
    )
    .await?;
    let dir = crate::directory::Directory::load(&mut c, cap.region).await?;
    let mut out = Vec::new();
    for e in rows {
        let title = luoshi_store::task::task(&mut c, cap.region, e.task_id)
            .await?
            .map(|t| t.title)
            .unwrap_or_default();
        let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
        out.push(ProposalRow {
            id: e.id,
            rung: e.rung.code().to_string(),
            task_id: e.task_id,
            task_title: title,
            unit_id: e.unit_id,
            unit: dir.unit_name(e.unit_id),
            text: detail["body"].as_str().unwrap_or_default().to_string(),
            at: crate::views::instant_text(Some(e.fired_at), lang),
            version: e.version,
        });
    }
    Ok(out)
}
