//! Who owns an item, as task-division texts write it: lines `牵头单位:…` / `责任单位:…` /
//! `配合单位:…`, a trailing bracket `[责任单位:A、B、C]`, or a trailing parenthesis
//! `(A、B牵头,C按职责分工负责)`. Where no unit is said to lead, the first one named does.

use serde::{Deserialize, Serialize};

/// The owners of one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owners {
    /// Units that lead, in the order named.
    pub lead: Vec<String>,
    /// Units that help.
    pub co: Vec<String>,
}

impl Owners {
    /// Whether no unit is named.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.co.is_empty()
    }

    /// Merges what another note says: leads and helpers, without repeats.
    pub fn merge(&mut self, o: Owners) {
        for u in o.lead {
            if !self.lead.contains(&u) {
                self.lead.push(u);
            }
        }
        for u in o.co {
            if !self.co.contains(&u) && !self.lead.contains(&u) {
                self.co.push(u);
            }
        }
    }

    /// Applies the rule that the first unit named leads when none is said to.
    pub fn settle(mut self) -> Owners {
        if self.lead.is_empty() && !self.co.is_empty() {
            self.lead.push(self.co.remove(0));
        }
        self.co.retain(|u| !self.lead.contains(u));
        self
    }
}

/// What an owner field is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 牵头单位 / 主办单位 / 主责单位.
    Lead,
    /// 责任单位: the first leads if no lead is named.
    Responsible,
    /// 配合单位 / 协办单位 / 参与单位.
    Co,
    /// 完成时限 / 时间节点.
    Deadline,
    /// 责任领导 / 分管领导.
    Leader,
}

/// The field a label names (`牵头单位`, `责任单位`…).
pub fn field(label: &str) -> Option<Field> {
    let l = label.trim();
    Some(match l {
        "牵头单位" | "主办单位" | "主责单位" | "牵头部门" => Field::Lead,
        "责任单位" | "责任部门" | "承办单位" => Field::Responsible,
        "配合单位" | "协办单位" | "参与单位" | "配合部门" | "协同单位" => Field::Co,
        "完成时限" | "完成时间" | "时间节点" | "时限要求" | "时限" => Field::Deadline,
        "责任领导" | "分管领导" | "牵头领导" | "包联领导" => Field::Leader,
        _ => return None,
    })
}

/// Splits a list of unit names at 、 , , ; ; and line breaks, but never inside brackets, so
/// `各县(市、区)` stays whole; drops a trailing 等.
pub fn split_units(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => {
                depth += 1;
                cur.push(c);
            }
            ')' | '）' | ']' | '】' => {
                depth -= 1;
                cur.push(c);
            }
            '、' | ',' | '，' | ';' | '；' | '\n' | '/' if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|u| {
            let u = u.trim().trim_end_matches(['。', '.']);
            // 文旅体、应急、水利等部门: the last of a list of departments without its 等部门.
            let u = [
                "等有关部门",
                "等相关部门",
                "等有关单位",
                "等相关单位",
                "等部门",
                "等单位",
            ]
            .iter()
            .find_map(|e| u.strip_suffix(e))
            .unwrap_or(u);
            u.trim_end_matches('等').trim().to_string()
        })
        .filter(|u| !u.is_empty())
        .collect()
}

/// Owners from one field's value.
pub fn from_field(f: Field, value: &str) -> Owners {
    let units = split_units(value);
    match f {
        Field::Lead => Owners {
            lead: units,
            co: vec![],
        },
        Field::Responsible => Owners {
            lead: vec![],
            co: units,
        },
        Field::Co => Owners {
            lead: vec![],
            co: units,
        },
        Field::Deadline | Field::Leader => Owners::default(),
    }
}

/// Words after a group of units that say what they do.
const LEAD_MARKS: &[&str] = &["牵头负责", "牵头落实", "牵头"];
const CO_MARKS: &[&str] = &[
    "按职责分工负责",
    "按照职责分工负责",
    "按职责负责",
    "分别负责",
    "具体负责",
    "具体落实",
    "共同负责",
    "配合",
    "参与",
    "协助",
    "协同",
    "负责",
    "落实",
];

/// Owners from a parenthesis such as `A、B牵头,C按职责分工负责` or `市应急局负责`. `None` when
/// the parenthesis names no unit (e.g. `(PM2.5)`).
pub fn from_parenthesis(inner: &str) -> Option<Owners> {
    let mut lead_named = Vec::new();
    let mut others = Vec::new();
    let mut any_mark = false;
    for seg in inner.split([',', '，', ';', '；']) {
        let seg = seg.trim();
        // (市医保局负责，三季度末完成): a time limit beside the owners is not a unit.
        if seg.is_empty() || crate::deadline::find(seg, 2000).is_some() || seg.ends_with("完成") {
            continue;
        }
        if let Some(m) = LEAD_MARKS.iter().find(|m| seg.ends_with(*m)) {
            any_mark = true;
            lead_named.extend(split_units(seg.trim_end_matches(m)));
        } else if let Some(m) = CO_MARKS.iter().find(|m| seg.ends_with(*m)) {
            any_mark = true;
            others.extend(split_units(seg.trim_end_matches(m)));
        } else {
            others.extend(split_units(seg));
        }
    }
    let all: Vec<&String> = lead_named.iter().chain(others.iter()).collect();
    if all.is_empty() || !(any_mark || all.iter().all(|u| crate::units::looks_like_unit(u))) {
        return None;
    }
    if !all.iter().any(|u| crate::units::looks_like_unit(u)) {
        return None;
    }
    Some(
        Owners {
            lead: lead_named,
            co: others,
        }
        .settle(),
    )
}

/// Owners from a bracket such as `责任单位:A、B、C` or `牵头单位:A;配合单位:B;完成时限:6月底前`;
/// also returns the deadline words it carries.
pub fn from_bracket(inner: &str) -> Option<(Owners, Option<String>)> {
    let mut owners = Owners::default();
    let mut helpers = Owners::default();
    let mut deadline = None;
    let mut any = false;
    for part in split_fields(inner) {
        let Some((label, value)) = part.split_once([':', '：']) else {
            continue;
        };
        let Some(f) = field(label) else { continue };
        any = true;
        match f {
            Field::Deadline => deadline = Some(value.trim().to_string()),
            Field::Co => helpers.merge(from_field(f, value)),
            _ => owners.merge(from_field(f, value)),
        }
    }
    if !any {
        return None;
    }
    let owners = responsible_lead_when_helpers_named(owners, &helpers, &inner_has_lead(inner));
    let mut o = owners.settle();
    o.merge(Owners {
        lead: vec![],
        co: helpers.co,
    });
    Some((o, deadline))
}

fn inner_has_lead(s: &str) -> bool {
    split_fields(s)
        .iter()
        .filter_map(|p| p.split_once([':', '：']))
        .any(|(l, _)| field(l) == Some(Field::Lead))
}

/// 责任单位 with helpers named apart (`责任单位:A、B,配合单位:C`): every 责任单位 is
/// accountable, so all lead; without helpers named, the first leads and the rest help.
pub fn responsible_lead_when_helpers_named(mut owners: Owners, helpers: &Owners, lead_named: &bool) -> Owners {
    if !*lead_named && owners.lead.is_empty() && !helpers.co.is_empty() {
        owners.lead = std::mem::take(&mut owners.co);
    }
    owners
}

/// Owner fields written on an item's own line after its words, without brackets
/// (`…。责任单位:A,配合单位:B;完成时限:2023年6月底`): where they start (in bytes), the owners and
/// the deadline words.
pub fn inline_fields(line: &str) -> Option<(usize, Owners, Option<String>)> {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '（' | '[' | '【' | '［' => depth += 1,
            ')' | '）' | ']' | '】' | '］' => depth -= 1,
            _ => {}
        }
        if depth != 0 || i == 0 {
            continue;
        }
        let rest = &line[i..];
        let labelled = LABELS
            .iter()
            .any(|l| rest.starts_with(*l) && rest[l.len()..].starts_with([':', '：']));
        if labelled {
            let (o, d) = from_bracket(rest)?;
            return Some((i, o, d));
        }
    }
    None
}

/// The labels a bracket or line may carry.
pub const LABELS: &[&str] = &[
    "牵头单位",
    "主办单位",
    "主责单位",
    "牵头部门",
    "责任单位",
    "责任部门",
    "承办单位",
    "配合单位",
    "协办单位",
    "参与单位",
    "配合部门",
    "协同单位",
    "完成时限",
    "完成时间",
    "时间节点",
    "时限要求",
    "时限",
    "责任领导",
    "分管领导",
    "牵头领导",
    "包联领导",
];

/// Splits `牵头单位:A、B,配合单位:C;完成时限:…` into its fields: a field runs from its label
/// to the next label, whatever separates them.
fn split_fields(s: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    for (i, _) in s.char_indices() {
        let rest = &s[i..];
        if let Some(l) = LABELS.iter().filter(|l| rest.starts_with(*l)).max_by_key(|l| l.len())
            && rest[l.len()..].starts_with([':', '：'])
        {
            cuts.push(i);
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    cuts.push(s.len());
    cuts.windows(2)
        .map(|w| {
            s[w[0]..w[1]]
                .trim()
                .trim_end_matches([';', '；', ',', '，', '。'])
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn owners_written_after_the_words_on_the_same_line() {
        let (at, o, d) =
            inline_fields("开工建设滨江大道北延工程。责任单位：市交通运输局，配合单位：市财政局、市自然资源和规划局；完成时限：2023年底前")
                .unwrap();
        assert_eq!(at, "开工建设滨江大道北延工程。".len());
        assert_eq!(o.lead, v(&["市交通运输局"]));
        assert_eq!(o.co, v(&["市财政局", "市自然资源和规划局"]));
        assert_eq!(d.as_deref(), Some("2023年底前"));
        let (_, o, _) = inline_fields("建设平台。责任单位：市城市管理局、市大数据管理局，配合单位：市财政局").unwrap();
        assert_eq!(
            o.lead,
            v(&["市城市管理局", "市大数据管理局"]),
            "with helpers named apart, every 责任单位 leads"
        );
        assert!(
            inline_fields("推进（牵头单位：市水务局）建设").is_none(),
            "in brackets it is not inline"
        );
    }

    #[test]
    fn units_split_at_every_separator_but_not_inside_brackets() {
        assert_eq!(
            split_units("市财政局、市发展和改革委员会,各县(市、区)人民政府;市林业局等"),
            v(&["市财政局", "市发展和改革委员会", "各县(市、区)人民政府", "市林业局"])
        );
    }

    #[test]
    fn a_parenthesis_with_lead_and_helpers() {
        let o = from_parenthesis("市发改委、市工信局牵头,市财政局、各县(市、区)政府按职责分工负责").unwrap();
        assert_eq!(o.lead, v(&["市发改委", "市工信局"]));
        assert_eq!(o.co, v(&["市财政局", "各县(市、区)政府"]));
    }

    #[test]
    fn without_a_lead_the_first_unit_named_leads() {
        let o = from_parenthesis("市应急局、市公安局负责").unwrap();
        assert_eq!(o.lead, v(&["市应急局"]));
        assert_eq!(o.co, v(&["市公安局"]));
        let (o, _) = from_bracket("责任单位:市住建局、市城管局、各县(市、区)政府").unwrap();
        assert_eq!(o.lead, v(&["市住建局"]));
        assert_eq!(o.co, v(&["市城管局", "各县(市、区)政府"]));
    }

    #[test]
    fn a_bracket_may_carry_lead_helpers_and_a_deadline() {
        let (o, d) = from_bracket("牵头单位:市生态环境局;配合单位:市工信局、市交通局;完成时限:2020年10月底前").unwrap();
        assert_eq!(o.lead, v(&["市生态环境局"]));
        assert_eq!(o.co, v(&["市工信局", "市交通局"]));
        assert_eq!(d.as_deref(), Some("2020年10月底前"));
    }

    #[test]
    fn a_parenthesis_that_names_no_unit_is_not_an_owner_note() {
        assert_eq!(from_parenthesis("PM2.5"), None);
        assert_eq!(from_parenthesis("含开发区"), None);
    }
}
