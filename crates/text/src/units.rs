//! Unit names: recognising them in text, and matching what a text calls a unit to the
//! region's units — exactly, or nearly (市发改委 ≈ 市发展和改革委员会: the short name's
//! characters appear in order in the full name, ending with the same kind of body).

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// The endings that make a name a unit's.
const ENDINGS: &[&str] = &[
    "管理委员会",
    "委员会",
    "管委会",
    "人民政府",
    "政府",
    "办公室",
    "督查室",
    "研究室",
    "参事室",
    "领导小组",
    "指挥部",
    "中心",
    "集团",
    "公司",
    "局",
    "委",
    "办",
    "厅",
    "院",
    "署",
    // Not a bare 会: 社会, 机会 and 大会 end in it too.
    "联合会",
    "红十字会",
    "协会",
    "商会",
    "队",
    "站",
    "所",
];

/// Collective owners texts use: 各县(市、区), 市直各有关单位, 开发区.
const COLLECTIVES: &[&str] = &[
    "各县(市、区)",
    "各县（市、区）",
    "各县市区",
    "各县(市、区)政府",
    "各县（市、区）政府",
    "市直各有关单位",
    "市直有关单位",
    "各有关单位",
    "开发区",
    "各开发区",
];

/// Verbs ending in 办 (交办, 督办): a name ending in one is not an office (市政府交办).
const HANDLING: &[&str] = &[
    "交办",
    "督办",
    "承办",
    "举办",
    "主办",
    "协办",
    "创办",
    "开办",
    "代办",
    "查办",
    "包办",
    "快办",
    "速办",
    "马上办",
    "就办",
];

/// Whether `s` reads like a unit's name.
pub fn looks_like_unit(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    (2..=30).contains(&n) && (COLLECTIVES.iter().any(|c| s.starts_with(c)) || ENDINGS.iter().any(|e| s.ends_with(e)))
}

fn mention_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        let endings = ENDINGS.join("|");
        Regex::new(&format!(r"(?:各县[(（]市、区[)）](?:人民)?(?:政府)?|市直各有关单位|(?:[市县区省]|经济技术|高新)?开发区(?:管委会)?|[市县区省][\p{{Han}}]{{1,12}}?(?:{endings})|[市县区省](?:人民)?政府|[\p{{Han}}]{{1,3}}[区县](?:人民)?政府|(?:国网|国家电网|中国)[\p{{Han}}]{{1,12}}?(?:分公司|公司|集团)|[\p{{Han}}]{{2,4}}(?:水务|城投|交投|供电|燃气|热力|供水|国投)(?:集团|公司))")).ok()
    })
    .as_ref()
}

/// Every unit named in `s`, in order, without repeats.
pub fn mentions(s: &str) -> Vec<String> {
    let Some(re) = mention_re() else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for m in re.find_iter(s) {
        let name = m.as_str().to_string();
        // 市政府交办 assigns; 办 after a verb of handling is not an office.
        if name.ends_with('办') && HANDLING.iter().any(|v| name.ends_with(v)) {
            continue;
        }
        // 市委、市政府 in "市委、市政府交办" are the bodies that assign, but still named.
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// How a name matched a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitMatch {
    /// The unit's id.
    pub id: i64,
    /// The unit's name.
    pub name: String,
    /// 1.0 for the same name or short name; less for a near name.
    pub score: f64,
}

/// The kind of body a name ends with, for comparing 委 with 委员会 and 办 with 办公室.
fn body(s: &str) -> &'static str {
    for (ending, kind) in [
        ("管理委员会", "管委会"),
        ("管委会", "管委会"),
        ("委员会", "委"),
        ("委", "委"),
        ("人民政府", "政府"),
        ("政府", "政府"),
        ("办公室", "办"),
        ("办", "办"),
        ("中心", "中心"),
        ("局", "局"),
        ("厅", "厅"),
    ] {
        if s.ends_with(ending) {
            return kind;
        }
    }
    ""
}

/// Whether every character of `short` appears in `long`, in order.
fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|d| d == c))
}

/// How well `name` fits a unit called `full` (or `short`): 1.0 for the same name, a share for a
/// near one, 0.0 for none.
pub fn similarity(name: &str, full: &str, short: &str) -> f64 {
    let strip = |s: &str| s.trim().replace(['(', ')', '（', '）', ' '], "");
    let (n, f, s) = (strip(name), strip(full), strip(short));
    if n.is_empty() {
        return 0.0;
    }
    if n == f || n == s {
        return 1.0;
    }
    // The same name with or without the leading 市 / the word 人民.
    let bare = |x: &str| x.trim_start_matches('市').replace("人民", "");
    if bare(&n) == bare(&f) || bare(&n) == bare(&s) {
        return 0.95;
    }
    // 开发区 for 开发区管委会: the start of a unit's name, long enough to mean it — or a bare
    // stem as a list of departments writes it (应急、水利等部门: 应急 for 市应急管理局).
    let (nb, fb) = (body(&n), body(&f));
    let long_enough = bare(&n).chars().count() >= 3 || (nb.is_empty() && n.chars().count() >= 2);
    if long_enough && (s.starts_with(n.as_str()) || bare(&f).starts_with(bare(&n).as_str())) {
        return 0.8;
    }
    // 文旅体 for 市文化旅游体育局: a stem's characters in order.
    if nb.is_empty()
        && n.chars().count() >= 2
        && !fb.is_empty()
        && subsequence(&n, &bare(&f))
        && n.chars().next() == bare(&f).chars().next()
    {
        let ratio = n.chars().count() as f64 / bare(&f).chars().count().max(1) as f64;
        return 0.5 + 0.4 * ratio.min(1.0);
    }
    if nb.is_empty() || nb != fb {
        return 0.0;
    }
    for target in [&f, &s] {
        if subsequence(&bare(&n), &bare(target)) {
            // Shorter gaps are likelier: 市发改委 in 市发展和改革委员会 beats it in a longer name.
            let ratio = n.chars().count() as f64 / target.chars().count().max(1) as f64;
            return 0.5 + 0.4 * ratio.min(1.0);
        }
    }
    0.0
}

/// The region's units that `name` may mean, best first (at most `limit`, score above 0.5).
pub fn match_units(name: &str, units: &[(i64, String, String)], limit: usize) -> Vec<UnitMatch> {
    let mut out: Vec<UnitMatch> = units
        .iter()
        .map(|(id, full, short)| UnitMatch {
            id: *id,
            name: full.clone(),
            score: similarity(name, full, short),
        })
        .filter(|m| m.score > 0.5)
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.len().cmp(&b.name.len())));
    out.truncate(limit);
    out
}

/// Units whose names share most of their characters with `name` (市水利局 → 市水务局,
/// 市环保局 → 市生态环境局): suggestions when nothing matches, never taken as a match.
pub fn suggest_units(name: &str, units: &[(i64, String, String)], limit: usize) -> Vec<UnitMatch> {
    // The stem: the name without 市 and without the kind of body (局, 委员会, 中心…).
    let stem = |s: &str| -> Vec<char> {
        let s = s.trim().trim_start_matches('市');
        let s = ENDINGS
            .iter()
            .find(|e| s.ends_with(*e))
            .map_or(s, |e| &s[..s.len() - e.len()]);
        s.chars()
            .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | ' '))
            .collect()
    };
    let n = stem(name);
    if n.is_empty() {
        return Vec::new();
    }
    // Shared characters, and most of all the first: 环保 is about 环境 before it is about 保.
    let dice = |other: &str| {
        let o = stem(other);
        let shared = n.iter().filter(|c| o.contains(c)).count();
        let first = if o.contains(&n[0]) { 0.3 } else { 0.0 };
        (2.0 * shared as f64 / (n.len() + o.len()).max(1) as f64 + first).min(1.0)
    };
    let mut out: Vec<UnitMatch> = units
        .iter()
        .map(|(id, full, short)| UnitMatch {
            id: *id,
            name: full.clone(),
            score: dice(full).max(dice(short)) * 0.5,
        })
        .filter(|m| m.score >= 0.2)
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.len().cmp(&b.name.len())));
    let mut seen = Vec::new();
    out.retain(|m| {
        let new = !seen.contains(&m.id);
        seen.push(m.id);
        new
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Vec<(i64, String, String)> {
        [
            (1, "市发展和改革委员会", "市发改委"),
            (2, "市工业和信息化局", "市工信局"),
            (3, "市住房和城乡建设局", "市住建局"),
            (4, "市人力资源和社会保障局", "市人社局"),
            (5, "市生态环境局", "市生态环境局"),
            (6, "云州经济技术开发区管理委员会", "开发区管委会"),
        ]
        .iter()
        .map(|(i, f, s)| (*i, f.to_string(), s.to_string()))
        .collect()
    }

    #[test]
    fn short_names_find_their_units() {
        for (name, want) in [
            ("市发改委", 1),
            ("市工信局", 2),
            ("市住建局", 3),
            ("人社局", 4),
            ("市发展改革委", 1),
            ("开发区管委会", 6),
            ("开发区", 6),
            ("生态环境局", 5),
            ("住建", 3),
            ("工信", 2),
            ("人社", 4),
        ] {
            let m = match_units(name, &units(), 3);
            assert_eq!(m.first().map(|m| m.id), Some(want), "{name}: {m:?}");
        }
    }

    #[test]
    fn a_name_that_matches_nothing_still_gets_suggestions() {
        let first = |n: &str| suggest_units(n, &units(), 3).first().map(|m| m.id);
        assert_eq!(first("市环保局"), Some(5));
        assert_eq!(first("市人力社保局"), Some(4));
        assert!(suggest_units("市气象局", &units(), 3).iter().all(|m| m.score < 0.5));
    }

    #[test]
    fn an_unknown_name_matches_nothing() {
        assert!(match_units("市气象局", &units(), 3).is_empty());
        assert!(match_units("市发改局", &units(), 3).is_empty(), "a 局 is not a 委");
    }

    #[test]
    fn names_are_found_in_text() {
        let m = mentions("由市发改委牵头,市财政局、各县(市、区)人民政府配合,把开发区打造成主战场");
        assert_eq!(m, vec!["市发改委", "市财政局", "各县(市、区)人民政府", "开发区"]);
        assert!(mentions("对市政府交办的事项").is_empty(), "交办 is not an office");
        assert_eq!(
            mentions("市政府成立专班,市政府督查室跟踪督办"),
            vec!["市政府", "市政府督查室"]
        );
        assert_eq!(
            mentions("国网澜江供电公司负责电力保障,澜江水务集团配合"),
            vec!["国网澜江供电公司", "澜江水务集团"]
        );
    }
}
