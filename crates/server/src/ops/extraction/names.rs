//! Unit names as a text writes them, matched to the region's units: by full, short or former
//! name (a merged unit's names lead to the unit that carries on), nearly (市发改委 ≈
//! 市发展和改革委员会), or as every county and district at once (各县(市、区)).

use luoshi_text::units::{UnitMatch, match_units, suggest_units};
use serde::Serialize;
use utoipa::ToSchema;

use crate::directory::Directory;

/// How a unit name in the text matched the region's units.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct NameMatch {
    /// The name as written.
    pub name: String,
    /// The unit it is taken to be, if any.
    pub unit_id: Option<i64>,
    /// That unit's current name.
    pub unit_name: String,
    /// Whether it is the unit's own name (full, short or former) rather than a near one.
    pub exact: bool,
    /// Near units, best first, when it is not exact.
    pub suggestions: Vec<String>,
    /// How the name relates to the unit, when it is a former name or the unit was merged.
    pub note: String,
    /// The same in English.
    pub note_en: String,
    /// Whether a user mapped this name to the unit before (remembered; it can be changed).
    pub remembered: bool,
}

/// The names the region's units go by: current full and short names, and former names (which
/// lead to the unit that carries on, after renames and merges).
pub struct Names {
    list: Vec<(i64, String, String)>,
    counties: Vec<i64>,
}

/// Names for all counties and districts at once (各县(市、区)).
pub fn all_counties(name: &str) -> bool {
    let n = name.replace(['（', '）', '(', ')', '、', ' '], "");
    n.starts_with("各县市区") || n.starts_with("各县区") || n.starts_with("各区县")
}

/// Splits a list of unit names at 、,;，； and line breaks, but not inside brackets
/// (各县（市、区）人民政府 is one name).
pub fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, '、' | ',' | '，' | ';' | '；' | '\n') {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

impl Names {
    /// The names of the directory's units.
    pub fn of(dir: &Directory) -> Names {
        let mut list = Vec::new();
        let counties = dir
            .unit_order
            .iter()
            .filter_map(|id| dir.unit(*id))
            .filter(|u| u.category == "county" && u.merged_into.is_none())
            .map(|u| u.id)
            .collect();
        for &id in &dir.unit_order {
            let Some(u) = dir.unit(id) else { continue };
            // A merged unit's names lead to the unit it was merged into.
            let mut target = u.id;
            let mut hops = 0;
            while let Some(next) = dir.unit(target).and_then(|u| u.merged_into) {
                target = next;
                hops += 1;
                if hops > 10 {
                    break;
                }
            }
            list.push((target, u.name.clone(), u.short_name.clone()));
            for n in dir.former_names(id) {
                list.push((target, n.name.clone(), n.short_name.clone()));
            }
        }
        // Names a user mapped once, as good as the unit's own.
        for (name, unit) in &dir.aliases {
            list.push((*unit, name.clone(), name.clone()));
        }
        Names { list, counties }
    }

    /// The units a name stands for: one, or every county and district for 各县(市、区).
    pub fn resolve_all(&self, name: &str) -> Result<Vec<i64>, Vec<UnitMatch>> {
        if all_counties(name) && !self.counties.is_empty() {
            return Ok(self.counties.clone());
        }
        self.resolve(name).map(|id| vec![id])
    }

    /// The unit `name` means: `Ok` for a unit's own name, `Err` with near units otherwise.
    pub fn resolve(&self, name: &str) -> Result<i64, Vec<UnitMatch>> {
        let found = match_units(name, &self.list, 6);
        match found.first() {
            Some(best) if best.score >= 0.95 => Ok(best.id),
            // Nothing near: units sharing most characters, as suggestions only (score < 0.5).
            None => Err(suggest_units(name, &self.list, 3)),
            _ => {
                let mut seen = Vec::new();
                Err(found
                    .into_iter()
                    .filter(|m| {
                        !seen.contains(&m.id) && {
                            seen.push(m.id);
                            true
                        }
                    })
                    .take(3)
                    .collect())
            }
        }
    }

    pub fn matched(&self, dir: &Directory, name: &str) -> NameMatch {
        if all_counties(name) && !self.counties.is_empty() {
            return NameMatch {
                name: name.to_string(),
                unit_id: None,
                unit_name: self
                    .counties
                    .iter()
                    .map(|id| dir.unit_name(Some(*id)))
                    .collect::<Vec<_>>()
                    .join("、"),
                exact: true,
                suggestions: Vec::new(),
                note: String::new(),
                note_en: String::new(),
                remembered: false,
            };
        }
        match self.resolve(name) {
            Ok(id) => {
                let remembered = dir.aliases.iter().any(|(n, u)| n == name.trim() && *u == id);
                let unit = dir.unit(id);
                let current = unit.is_some_and(|u| {
                    let bare = |s: &str| s.trim_start_matches('市').replace("人民", "");
                    [&u.name, &u.short_name].iter().any(|n| bare(n) == bare(name))
                });
                NameMatch {
                    name: name.to_string(),
                    unit_id: Some(id),
                    unit_name: dir.unit_name(Some(id)),
                    exact: true,
                    suggestions: Vec::new(),
                    // 市旅发委 → 市文化和旅游局: say that it is a former name or a merged unit.
                    remembered,
                    note: if current || remembered {
                        String::new()
                    } else {
                        format!("“{name}”为原名称或已并入的单位，现为{}", dir.unit_name(Some(id)))
                    },
                    note_en: if current || remembered {
                        String::new()
                    } else {
                        format!(
                            "“{name}” is a former name or a merged unit, now {}",
                            dir.unit_name(Some(id))
                        )
                    },
                }
            }
            Err(near) => {
                // A near name is taken (and flagged); a mere suggestion is not.
                let taken = near.first().filter(|m| m.score > 0.5);
                NameMatch {
                    name: name.to_string(),
                    unit_id: taken.map(|m| m.id),
                    unit_name: taken.map(|m| dir.unit_name(Some(m.id))).unwrap_or_default(),
                    exact: false,
                    suggestions: near.iter().map(|m| dir.unit_name(Some(m.id))).collect(),
                    note: String::new(),
                    note_en: String::new(),
                    remembered: false,
                }
            }
        }
    }
}
