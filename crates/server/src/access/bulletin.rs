//! Who may read a bulletin: the supervision office sees drafts; anyone else in the region sees
//! published ones only (the public site's rule is in `access/public.rs`).

use luoshi_domain::BulletinStatus;
use luoshi_store::bulletin::{self, Bulletin};

use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
};

/// Bulletin `id` as `viewer` may read it; `NOT_FOUND` for a draft read by anyone but the office.
pub async fn read(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Bulletin> {
    let reader = viewer.reader()?;
    let mut conn = state.store.conn().await?;
    let b = bulletin::bulletin(&mut conn, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if b.status != BulletinStatus::Published && viewer.supervisor().is_err() {
        return Err(AppError::NotFound);
    }
    Ok(b)
}
