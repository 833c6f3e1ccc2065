//! Names of units and leaders for display, including the name a unit had on a past day.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use luoshi_store::{
    Conn, RegionId,
    leader::{self, Leader},
    unit::{self, Unit, UnitName},
};

use luoshi_lights::Kept;

use crate::error::AppResult;

/// The units and leaders of one region, loaded once per request.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    units: HashMap<i64, Unit>,
    history: HashMap<i64, Vec<UnitName>>,
    leaders: HashMap<i64, Leader>,
    /// Units in list order.
    pub unit_order: Vec<i64>,
    /// Leaders in rank order.
    pub leader_order: Vec<i64>,
    /// (leader, unit) oversight pairs.
    pub oversight: Vec<(i64, i64)>,
    /// Names the region's users mapped to units once (融媒体中心 → 市融媒体中心).
    pub aliases: Vec<(String, i64)>,
}

/// Each region's directory as last loaded by this server, kept with the region's directory
/// revision it was loaded at; loaded again when the revision moves (every write to units, their
/// names, leaders or oversight counts one, in its own transaction).
#[derive(Debug, Clone, Default)]
pub struct DirectoryCache(Arc<Kept<RegionId, i64, Directory>>);

impl Directory {
    /// The region's directory: from `cache` when the region's directory revision has not moved
    /// since it was loaded (one small query), loaded otherwise.
    pub async fn cached(cache: &DirectoryCache, conn: &mut Conn, region: RegionId) -> AppResult<Arc<Directory>> {
        let rev = luoshi_store::region::directory_rev(conn, region).await?;
        if let Some(d) = cache.0.current(&region, rev) {
            return Ok(d);
        }
        let d = Arc::new(Directory::load(conn, region).await?);
        cache.0.put(region, rev, d.clone());
        Ok(d)
    }

    /// Loads the region's units, their name history and its leaders (four queries).
    pub async fn load(conn: &mut Conn, region: RegionId) -> AppResult<Directory> {
        let units = unit::units(conn, region).await?;
        let names = unit::unit_names(conn, region).await?;
        let leaders = leader::leaders(conn, region).await?;
        let oversight = leader::oversight(conn, region).await?;
        let aliases = luoshi_store::import::aliases(conn, region).await?;
        let mut history: HashMap<i64, Vec<UnitName>> = HashMap::new();
        for n in names {
            history.entry(n.unit_id).or_default().push(n);
        }
        Ok(Directory {
            unit_order: units.iter().map(|u| u.id).collect(),
            leader_order: leaders.iter().map(|l| l.id).collect(),
            units: units.into_iter().map(|u| (u.id, u)).collect(),
            history,
            leaders: leaders.into_iter().map(|l| (l.id, l)).collect(),
            oversight,
            aliases,
        })
    }

    /// A unit.
    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.units.get(&id)
    }

    /// A unit's current name, or an empty string for an unknown id.
    pub fn unit_name(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.units.get(&id))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }

    /// The name a unit had on `day` (its first name for days before it existed).
    pub fn unit_name_on(&self, id: i64, day: NaiveDate) -> String {
        let Some(names) = self.history.get(&id) else {
            return self.unit_name(Some(id));
        };
        names
            .iter()
            .find(|n| n.valid_from <= day && n.valid_to.is_none_or(|to| day < to))
            .or_else(|| names.first())
            .map(|n| n.name.clone())
            .unwrap_or_default()
    }

    /// A unit's earlier names, oldest first.
    pub fn former_names(&self, id: i64) -> Vec<&UnitName> {
        self.history
            .get(&id)
            .map(|ns| ns.iter().filter(|n| n.valid_to.is_some()).collect())
            .unwrap_or_default()
    }

    /// Names of several units, joined with 、.
    pub fn unit_names(&self, ids: &[i64]) -> String {
        ids.iter()
            .map(|id| self.unit_name(Some(*id)))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// A leader.
    pub fn leader(&self, id: i64) -> Option<&Leader> {
        self.leaders.get(&id)
    }

    /// The leader a table's leader cell names: by name (陈伟国, 陈伟国市长), or by surname and
    /// title (陈市长, 王副市长); in office first.
    pub fn leader_named(&self, written: &str) -> Option<i64> {
        let w: String = written.chars().filter(|c| !c.is_whitespace()).collect();
        if w.is_empty() {
            return None;
        }
        let mut order: Vec<&Leader> = self.leader_order.iter().filter_map(|id| self.leaders.get(id)).collect();
        order.sort_by_key(|l| !l.active);
        order
            .iter()
            .find(|l| !l.name.is_empty() && (w == l.name || w.starts_with(&l.name)))
            .or_else(|| {
                order.iter().find(|l| {
                    let surname: String = l.name.chars().take(1).collect();
                    !surname.is_empty() && w == format!("{surname}{}", l.title)
                })
            })
            .map(|l| l.id)
    }

    /// A leader's name and title, e.g. `王震(市长)`.
    pub fn leader_name(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.leaders.get(&id))
            .map(|l| l.name.clone())
            .unwrap_or_default()
    }

    /// The units a leader oversees.
    pub fn overseen_by(&self, leader_id: i64) -> Vec<i64> {
        self.oversight
            .iter()
            .filter(|(l, _)| *l == leader_id)
            .map(|(_, u)| *u)
            .collect()
    }
}

impl Directory {
    /// The units in use, in the directory's order: `(id, full name)`, for a form's list.
    pub fn unit_choices(&self) -> Vec<(i64, String)> {
        self.unit_order
            .iter()
            .filter_map(|u| self.unit(*u).filter(|u| u.active).map(|x| (x.id, x.name.clone())))
            .collect()
    }

    /// The leaders in office, in order: `(id, "title name")`, for a form's list.
    pub fn leader_choices(&self) -> Vec<(i64, String)> {
        self.leader_order
            .iter()
            .filter_map(|l| {
                self.leader(*l)
                    .filter(|l| l.active)
                    .map(|x| (x.id, format!("{} {}", x.title, x.name)))
            })
            .collect()
    }
}
