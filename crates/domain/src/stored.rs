//! The codes under which the domain's kinds and states are stored: each type reads its code
//! once, when a row is read (`TryFrom<String>`, an unknown code a clear error naming what it
//! is and the value found), and writes it with `code()`.

use serde::{Serialize, Serializer};

use crate::{
    Basis, BulletinStatus, CycleKind, DayKind, EscalationStatus, InstructionStatus, InstructionTarget, Lang, Light,
    PlanKind, ReplyMode, ReplyStatus, ReportStatus, RequestKind, RequestStatus, Role, Rung, SupervisionLevel,
    SupervisionSource, SupervisionStatus,
};

/// A stored code that is none of its type's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} in the database")]
pub struct UnknownCode {
    /// What it should have been, e.g. `report status`.
    pub what: &'static str,
    /// What was found.
    pub value: String,
}

macro_rules! stored_as_code {
    ($($t:ty => $what:literal),* $(,)?) => {
        $(
            impl TryFrom<String> for $t {
                type Error = UnknownCode;
                fn try_from(s: String) -> Result<Self, UnknownCode> {
                    <$t>::parse(&s).ok_or(UnknownCode { what: $what, value: s })
                }
            }
        )*
        /// Every stored type's codes, for the test that each reads back as itself.
        #[cfg(test)]
        fn round_trips() -> Vec<(&'static str, bool)> {
            let mut out = Vec::new();
            $(
                for v in <$t>::ALL {
                    out.push(($what, <$t>::try_from(v.code().to_string()) == Ok(v)));
                }
            )*
            out
        }
    };
}

stored_as_code! {
    ReportStatus => "report status",
    RequestKind => "request kind",
    RequestStatus => "request status",
    Role => "role",
    CycleKind => "reporting cycle",
    PlanKind => "plan kind",
    SupervisionLevel => "supervision level",
    SupervisionSource => "supervision source",
    ReplyMode => "reply mode",
    SupervisionStatus => "supervision status",
    BulletinStatus => "bulletin status",
    Light => "light",
    Basis => "light basis",
    Rung => "escalation rung",
    EscalationStatus => "escalation status",
    ReplyStatus => "reply status",
    DayKind => "calendar day kind",
    Lang => "language",
    InstructionStatus => "instruction status",
    InstructionTarget => "instruction target",
}

macro_rules! serialized_as_code {
    ($($t:ty),* $(,)?) => {
        $(
            impl Serialize for $t {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.code())
                }
            }
        )*
    };
}

serialized_as_code!(
    SupervisionLevel,
    SupervisionSource,
    ReplyMode,
    SupervisionStatus,
    Rung,
    InstructionStatus,
    InstructionTarget
);

/// Ids stored as a JSON array (`[3,7]`): a task's co-units beside its light, the milestones a
/// report reaches. Read once when the row is read; anything but an array of ids is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Ids(pub Vec<i64>);

impl TryFrom<String> for Ids {
    type Error = UnknownCode;
    fn try_from(s: String) -> Result<Ids, UnknownCode> {
        if s.trim().is_empty() {
            return Ok(Ids::default());
        }
        serde_json::from_str::<Vec<i64>>(&s).map(Ids).map_err(|_| UnknownCode {
            what: "list of ids",
            value: s,
        })
    }
}

impl Ids {
    /// As stored: a JSON array.
    pub fn code(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".into())
    }
}

impl std::ops::Deref for Ids {
    type Target = Vec<i64>;
    fn deref(&self) -> &Vec<i64> {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself_and_an_unknown_one_is_named() {
        for (what, ok) in round_trips() {
            assert!(ok, "{what}");
        }
        let e = ReportStatus::try_from("drafted".to_string()).unwrap_err();
        assert_eq!(e.to_string(), "unknown report status \"drafted\" in the database");
    }

    #[test]
    fn ids_are_a_json_array_and_junk_is_an_error() {
        assert_eq!(Ids::try_from("[3,7]".to_string()).unwrap().0, vec![3, 7]);
        assert_eq!(Ids::try_from(String::new()).unwrap().0, Vec::<i64>::new());
        assert_eq!(Ids(vec![1, 2]).code(), "[1,2]");
        assert!(Ids::try_from("3,7".to_string()).is_err());
    }
}
