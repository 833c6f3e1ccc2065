//! What anyone may read without logging in (政务公开): bulletins published as public, and the
//! tasks marked public with their latest accepted progress, in the one region the public site
//! serves. Nothing else is reachable from here.

use chrono::NaiveDate;
use luoshi_store::{
    Conn,
    bulletin::{self, Bulletin},
    plan, region,
    report::{self, PublicProgress},
};

use crate::{
    board::PlanBoard,
    config::Config,
    error::{AppError, AppResult},
};

/// The capability to read the public site of one region.
#[derive(Debug, Clone)]
pub struct PublicReader {
    /// The region.
    pub region: i64,
    /// Its name.
    pub region_name: String,
}

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
    pub async fn for_site(conn: &mut Conn, config: &Config) -> AppResult<PublicReader> {
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
        })
    }

    /// A bulletin, if it is published and public; `NOT_FOUND` otherwise.
    pub async fn bulletin(&self, conn: &mut Conn, id: i64) -> AppResult<Bulletin> {
        match bulletin::bulletin(conn, self.region, id).await? {
            Some(b) if b.status == "published" && b.public => Ok(b),
            _ => Err(AppError::NotFound),
        }
    }

    /// The published public bulletins, newest first.
    pub async fn bulletins(&self, conn: &mut Conn) -> AppResult<Vec<Bulletin>> {
        Ok(bulletin::public_bulletins(conn, self.region).await?)
    }

    /// A plan with only its public tasks; `NOT_FOUND` when it has none.
    pub async fn plan(&self, conn: &mut Conn, id: i64, today: NaiveDate) -> AppResult<PublicPlan> {
        let p = plan::plan(conn, self.region, id).await?.ok_or(AppError::NotFound)?;
        let board = PlanBoard::load_public(conn, self.region, p, today).await?;
        if board.tasks.is_empty() {
            return Err(AppError::NotFound);
        }
        let progress = report::public_progress_of_plan(conn, self.region, id).await?;
        Ok(PublicPlan { board, progress })
    }

    /// Every plan with at least one public task.
    pub async fn plans(&self, conn: &mut Conn, today: NaiveDate) -> AppResult<Vec<PublicPlan>> {
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
