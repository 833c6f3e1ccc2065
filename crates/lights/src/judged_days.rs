//! The day up to which each region's projects and indicators are known judged, in this server:
//! once they are for a day, nothing makes one stale again that day (every write judges what it
//! touches, a new one included), so later reads skip the check. Shared by a server's requests.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDate;
use luoshi_store::{RegionId, Result, Store};

/// What is judged once a day before pages read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Judged {
    /// The key projects' warnings.
    Projects,
    /// The indicators' lights.
    Indicators,
}

/// The day each region's judged state of each kind is known current.
#[derive(Debug, Default)]
pub struct JudgedDays(Mutex<HashMap<(RegionId, Judged), NaiveDate>>);

impl JudgedDays {
    /// Judges the region's stale `what` for `today`, at most once per region and day in this
    /// server.
    pub async fn ensure(&self, store: &Store, region: RegionId, what: Judged, today: NaiveDate) -> Result<()> {
        let known = self.0.lock().ok().and_then(|m| m.get(&(region, what)).copied());
        if known.is_some_and(|d| d >= today) {
            return Ok(());
        }
        match what {
            Judged::Projects => crate::project::refresh_stale_projects(store, region, today).await?,
            Judged::Indicators => crate::indicator::refresh_stale_indicators(store, region, today).await?,
        };
        if let Ok(mut m) = self.0.lock() {
            m.insert((region, what), today);
        }
        Ok(())
    }
}
