//! The likelihood of delivery (交付研判): beside a task's or project's light, which reports the
//! past, the lead unit's judgement — asked for in each report, overridable by the office with a
//! reason — of whether it will be delivered on time. Where the judgement and the light disagree
//! the page says so, and for closed tasks each judgement is later put against the outcome.

use crate::{Light, ValidationError, codes, named::named_codes};

named_codes! {
    /// Whether it will be delivered on time.
    Likelihood {
        /// 很可能.
        Likely => "likely", "很可能", "Likely";
        /// 较可能.
        Probable => "probable", "较可能", "Probable";
        /// 存在风险.
        AtRisk => "at_risk", "存在风险", "At risk";
        /// 难以完成.
        Unlikely => "unlikely", "难以完成", "Unlikely";
    }
}

impl Likelihood {
    /// Whether the judgement says it will be delivered on time.
    pub fn says_on_time(self) -> bool {
        matches!(self, Likelihood::Likely | Likelihood::Probable)
    }

    /// The light's colour that goes with it, for badges.
    pub fn class(self) -> &'static str {
        match self {
            Likelihood::Likely => "green",
            Likelihood::Probable => "blue",
            Likelihood::AtRisk => "yellow",
            Likelihood::Unlikely => "red",
        }
    }
}

/// What the page says where the judgement and the light disagree: a green (or yellow) task
/// judged 难以完成, or a red one judged 很可能.
pub fn mismatch(light: Light, l: Likelihood) -> Option<(&'static str, &'static str)> {
    match (light, l) {
        (Light::Green | Light::Yellow, Likelihood::Unlikely) => Some((
            "进度灯号正常，但研判为难以完成：请关注原因",
            "The light is not red, but delivery is judged unlikely: look into why",
        )),
        (Light::Red, Likelihood::Likely) => Some((
            "已亮红灯，但研判为很可能按期完成：请核实依据",
            "The light is red, but delivery is judged likely: check the grounds",
        )),
        _ => None,
    }
}

/// Checks a judgement's reason: required for 存在风险 and 难以完成 (and for the office's
/// override), at most 200 characters.
pub fn check_reason(l: Likelihood, reason: &str, required: bool) -> Result<(), ValidationError> {
    let r = reason.trim();
    if r.is_empty() && (required || !l.says_on_time()) {
        return Err(ValidationError::new(
            "likelihood_reason",
            codes::LIKELIHOOD_REASON_MISSING,
            "请简要说明研判理由",
            "Give a short reason for the judgement",
        ));
    }
    if r.chars().count() > 200 || crate::text::has_hidden(r) {
        return Err(ValidationError::new(
            "likelihood_reason",
            codes::LIKELIHOOD_REASON_MISSING,
            "研判理由不超过200字",
            "The reason is at most 200 characters",
        ));
    }
    Ok(())
}

/// How often each judgement came true: for each kind, (kind, judged, came true).
pub fn accuracy(judged: &[(Likelihood, bool)]) -> Vec<(Likelihood, usize, usize)> {
    Likelihood::ALL
        .iter()
        .map(|k| {
            let of: Vec<bool> = judged
                .iter()
                .filter(|(l, _)| l == k)
                .map(|(_, on_time)| *on_time)
                .collect();
            let right = of.iter().filter(|on_time| **on_time == k.says_on_time()).count();
            (*k, of.len(), right)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_green_task_judged_unlikely_and_a_red_one_likely_are_said() {
        assert!(mismatch(Light::Green, Likelihood::Unlikely).is_some());
        assert!(mismatch(Light::Red, Likelihood::Likely).is_some());
        assert!(mismatch(Light::Red, Likelihood::Unlikely).is_none());
        assert!(mismatch(Light::Green, Likelihood::Likely).is_none());
        assert!(mismatch(Light::Blue, Likelihood::Unlikely).is_none());
    }

    #[test]
    fn risk_needs_a_reason_and_confidence_does_not() {
        assert!(check_reason(Likelihood::Likely, "", false).is_ok());
        assert!(check_reason(Likelihood::Likely, "", true).is_err());
        assert!(check_reason(Likelihood::AtRisk, " ", false).is_err());
        assert!(check_reason(Likelihood::Unlikely, &"长".repeat(201), false).is_err());
    }

    #[test]
    fn accuracy_counts_each_judgement_against_the_outcome() {
        use Likelihood::*;
        let a = accuracy(&[(Likely, true), (Likely, false), (Unlikely, false), (AtRisk, true)]);
        assert_eq!(a[0], (Likely, 2, 1));
        assert_eq!(a[1], (Probable, 0, 0));
        assert_eq!(a[2], (AtRisk, 1, 0));
        assert_eq!(a[3], (Unlikely, 1, 1));
    }
}
