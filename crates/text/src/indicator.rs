//! Indicator targets: `增长6.2%左右`, `控制在4%以内`, `达到70%以上`, `下降5%`.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A target written as a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The words as written.
    pub text: String,
    /// The number.
    pub value: f64,
    /// Its unit as written (`%`, `万人`, `亿元`…), possibly empty.
    pub unit: String,
    /// `up` (增长/提高), `down` (下降/降低), `max` (控制在…以内), `min` (达到…以上), `about`.
    pub direction: String,
}

fn re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(增长|提高|提升|增加|下降|降低|减少|控制在|达到|不低于|不超过|保持在|保持)\s*(\d+(?:\.\d+)?)\s*(%|‰|微克/立方米|微克每立方米|毫克/升|个百分点|个工作日|个月|万人次|万人|万户|万吨|万亩|万千瓦|亿元|万元|平方公里|公里|小时|分钟|个|家|座|天|日|年|辆|项|条|所|张|套|户)?\s*(左右|以上|以内|以下|之内)?").ok()
    })
    .as_ref()
}

/// The first target written in `s`, with its byte range.
pub fn find(s: &str) -> Option<(Indicator, usize, usize)> {
    let c = re()?.captures(s)?;
    let m = c.get(0)?;
    let verb = c.get(1)?.as_str();
    let value: f64 = c.get(2)?.as_str().parse().ok()?;
    let unit = c.get(3).map(|u| u.as_str().to_string()).unwrap_or_default();
    let qual = c.get(4).map(|q| q.as_str()).unwrap_or("");
    // A count of things (引进项目60个) is a task's scope, not an indicator, unless it is a rate.
    if unit != "%"
        && unit != "个百分点"
        && !matches!(verb, "控制在" | "不低于" | "不超过" | "保持在" | "保持")
        && qual.is_empty()
    {
        return None;
    }
    let direction = match (verb, qual) {
        ("控制在" | "不超过", _) | (_, "以内" | "以下" | "之内") => "max",
        ("达到" | "不低于", _) | (_, "以上") => "min",
        ("下降" | "降低" | "减少", _) => "down",
        (_, "左右") => "about",
        _ => "up",
    };
    Some((
        Indicator {
            text: m.as_str().to_string(),
            value,
            unit,
            direction: direction.into(),
        },
        m.start(),
        m.end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_with_their_direction() {
        let t = |s: &str| find(s).map(|(i, _, _)| (i.value, i.unit, i.direction));
        assert_eq!(t("地区生产总值增长6.2%左右"), Some((6.2, "%".into(), "about".into())));
        assert_eq!(t("城镇登记失业率控制在4%以内"), Some((4.0, "%".into(), "max".into())));
        assert_eq!(t("优良天数比例达到70%以上"), Some((70.0, "%".into(), "min".into())));
        assert_eq!(t("PM2.5浓度下降5%"), Some((5.0, "%".into(), "down".into())));
        assert_eq!(t("全年引进亿元以上项目60个"), None);
    }
}
