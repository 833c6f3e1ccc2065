//! The public page 重点项目建设进展 of a year: the public projects with the figures the office
//! accepted only — the year's plan, the investment accepted up to the latest month, its share,
//! the latest accepted 形象进度 — and the sums by level in the published sentence.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use luoshi_domain::{
    Lang,
    project::{Level, LevelSums, Month, Stage, Wan, money::percent_text},
};
use luoshi_store::Conn;
use serde::Serialize;

use crate::{access::public::PublicReader, error::AppResult};

/// A public project's row.
#[derive(Debug, Clone, Serialize)]
pub struct PublicProject {
    /// 序号.
    pub number: usize,
    /// Name.
    pub name: String,
    /// 省级 / 市级 / 县级.
    pub level: String,
    /// Stage in words.
    pub stage: String,
    /// 责任单位.
    pub unit: String,
    /// Total investment, 万元.
    pub total: String,
    /// The year's plan, 万元.
    pub plan: String,
    /// Invested this year (accepted), 万元.
    pub done: String,
    /// Its share of the plan, `45.20%`, or empty.
    pub share: String,
    /// The months counted, `1–5月`, or empty.
    pub to: String,
    /// The latest accepted 形象进度.
    pub progress: String,
}

/// The page's data.
#[derive(Debug, Clone, Serialize)]
pub struct PublicProjects {
    /// The rows, by level.
    pub rows: Vec<PublicProject>,
    /// The sentences by level.
    pub sums: Vec<String>,
    /// The latest acceptance counted, for 发布时间.
    pub updated: Option<DateTime<Utc>>,
}

/// The public projects of `year` with their accepted figures.
pub async fn public_projects(
    site: &PublicReader,
    conn: &mut Conn,
    dir: &crate::directory::Directory,
    year: i32,
    lang: Lang,
) -> AppResult<PublicProjects> {
    let projects = site.projects(conn).await?;
    let plans: HashMap<i64, i64> = luoshi_store::project::year_plans(conn, site.region, year)
        .await?
        .into_iter()
        .collect();
    let mut done: HashMap<i64, (Month, Wan)> = HashMap::new();
    let mut updated: Option<DateTime<Utc>> = None;
    for r in luoshi_store::project_report::year_rows(conn, site.region, year, 0).await? {
        if let (Some(m), Some(a)) = (Month::parse(&r.month), r.accepted) {
            let e = done.entry(r.project_id).or_insert((m, Wan(0)));
            e.0 = e.0.max(m);
            e.1 = e.1 + Wan(a);
            if projects.iter().any(|p| p.id == r.project_id) {
                updated = updated.max(r.reviewed_at);
            }
        }
    }
    // Each project's latest accepted 形象进度 (the rows come month by month).
    let progress: HashMap<i64, String> = luoshi_store::project_report::accepted_progress(conn, site.region, year)
        .await?
        .into_iter()
        .map(|(p, _, text)| (p, text))
        .collect();
    let mut rows = Vec::new();
    let mut sums = Vec::new();
    for level in Level::ALL {
        let of: Vec<&luoshi_store::project::Project> = projects
            .iter()
            .filter(|p| p.level == level.code() && plans.contains_key(&p.id))
            .collect();
        if of.is_empty() {
            continue;
        }
        let mut s = LevelSums {
            level: *level,
            count: of.len(),
            total: Wan(0),
            plan: Wan(0),
            done: Wan(0),
            to: Month { year, month: 1 },
        };
        for p in &of {
            let plan = Wan(plans.get(&p.id).copied().unwrap_or(0));
            let d = done.get(&p.id).copied();
            s.total = s.total + Wan(p.total);
            s.plan = s.plan + plan;
            s.done = s.done + d.map(|x| x.1).unwrap_or_default();
            s.to = s.to.max(d.map(|x| x.0).unwrap_or(s.to));
            rows.push(PublicProject {
                number: rows.len() + 1,
                name: p.name.clone(),
                level: level.name(lang).to_string(),
                stage: Stage::parse(&p.stage)
                    .map(|x| x.name(lang))
                    .unwrap_or_default()
                    .to_string(),
                unit: dir.unit_name(Some(p.unit_id)),
                total: Wan(p.total).wan_text(),
                plan: plan.wan_text(),
                done: d.map(|x| x.1.wan_text()).unwrap_or_default(),
                share: d
                    .and_then(|x| x.1.share_of(plan))
                    .map(|h| format!("{}%", percent_text(h)))
                    .unwrap_or_default(),
                to: d.map(|x| x.0.to_date_text(lang)).unwrap_or_default(),
                progress: progress.get(&p.id).cloned().unwrap_or_default(),
            });
        }
        if done.keys().any(|k| of.iter().any(|p| p.id == *k)) {
            sums.push(s.sentence(lang));
        }
    }
    Ok(PublicProjects { rows, sums, updated })
}
