//! What anyone may read without logging in (政务公开): bulletins published as public, and the
//! tasks marked public with their latest accepted progress, in the one region the public site
//! serves. Nothing else is reachable from here.

use std::sync::Arc;

use chrono::NaiveDate;
use luoshi_store::{
    Conn,
    bulletin::{self, Bulletin},
    plan, region,
    report::{self, PublicProgress},
};

use crate::{
    config::Config,
    error::{AppError, AppResult},
};
use luoshi_lights::{DayRev, Kept, PlanBoard};

/// The capability to read the public site of one region.
#[derive(Debug, Clone)]
pub struct PublicReader {
    /// The region.
    pub region: i64,
    /// Its name.
    pub region_name: String,
    cache: PublicCache,
}

/// The public plans as last judged, per region and plan, each kept with the day and the plan's
/// public revision it was judged for: served again until either moves (a write that may show on
/// the public site counts a new revision in the same transaction), so anonymous readers do not
/// judge plans on every request. Shared by the requests of one server.
#[derive(Debug, Clone, Default)]
pub struct PublicCache(Arc<Kept<(i64, i64), DayRev, PublicPlan>>);

/// A plan's public tasks with their public progress.
#[derive(Debug, Clone)]
pub struct PublicPlan {
    /// The board, holding only the tasks marked public.
    pub board: PlanBoard,
    /// The latest accepted report of each public task that has one.
    pub progress: Vec<PublicProgress>,
}

impl PublicReader {
    /// The reader of the region named by `public_region`, or of the first city.
    pub async fn for_site(conn: &mut Conn, config: &Config, cache: &PublicCache) -> AppResult<PublicReader> {
        let regions = region::regions(conn).await?;
        let r = if config.public_region.is_empty() {
            regions.iter().find(|r| r.level == "city").or_else(|| regions.first())
        } else {
            regions.iter().find(|r| r.code == config.public_region)
        }
        .ok_or(AppError::NotFound)?;
        Ok(PublicReader {
            region: r.id,
            region_name: r.name.clone(),
            cache: cache.clone(),
        })
    }

    /// A bulletin, if it is published and public; `NOT_FOUND` otherwise.
    pub async fn bulletin(&self, conn: &mut Conn, id: i64) -> AppResult<Bulletin> {
        match bulletin::bulletin(conn, self.region, id).await? {
            Some(b) if b.status == luoshi_domain::BulletinStatus::Published && b.public => Ok(b),
            _ => Err(AppError::NotFound),
        }
    }

    /// The published public bulletins, newest first.
    pub async fn bulletins(&self, conn: &mut Conn) -> AppResult<Vec<Bulletin>> {
        Ok(bulletin::public_bulletins(conn, self.region).await?)
    }

    /// A plan with only its public tasks; `NOT_FOUND` when it has none.
    pub async fn plan(&self, conn: &mut Conn, id: i64, today: NaiveDate) -> AppResult<Arc<PublicPlan>> {
        let rev = luoshi_store::state::public_rev(conn, self.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let key = (self.region, id);
        let p = match self.cache.0.current(&key, (today, rev)) {
            Some(p) => p,
            None => {
                let plan = plan::plan(conn, self.region, id).await?.ok_or(AppError::NotFound)?;
                let board = PlanBoard::load_public(conn, self.region, plan, today).await?;
                let progress = report::public_progress_of_plan(conn, self.region, id).await?;
                let p = Arc::new(PublicPlan { board, progress });
                self.cache.0.put(key, (today, rev), p.clone());
                p
            }
        };
        if p.board.tasks.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(p)
    }

    /// Every plan with at least one public task.
    pub async fn plans(&self, conn: &mut Conn, today: NaiveDate) -> AppResult<Vec<Arc<PublicPlan>>> {
        let mut out = Vec::new();
        for p in plan::plans(conn, self.region).await? {
            match self.plan(conn, p.id, today).await {
                Ok(pp) => out.push(pp),
                Err(AppError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
