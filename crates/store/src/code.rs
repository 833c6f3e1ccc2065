//! Reading the domain's stored codes: a column read as [`Code<T>`] decodes its text into `T`
//! once, when the row is read (`#[sqlx(try_from = "Code<T>")]` on a row's field), and a value
//! `T` does not know is a decoding error naming the column, what it should be and what was
//! found — never a silent default.

use luoshi_domain::{
    Basis, BulletinStatus, CycleKind, DayKind, EscalationStatus, Ids, InstructionStatus, InstructionTarget, Lang,
    Light, PlanKind, ReplyMode, ReplyStatus, ReportStatus, RequestKind, RequestStatus, Role, Rung, SupervisionLevel,
    SupervisionSource, SupervisionStatus, UnknownCode,
};
use sqlx::{Database, Decode, Type, error::BoxDynError};

/// A stored code, decoded into `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code<T>(pub T);

impl<'r, DB: Database, T> Decode<'r, DB> for Code<T>
where
    String: Decode<'r, DB>,
    T: TryFrom<String, Error = UnknownCode>,
{
    fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <String as Decode<'r, DB>>::decode(value)?;
        Ok(Code(T::try_from(text)?))
    }
}

impl<DB: Database, T> Type<DB> for Code<T>
where
    String: Type<DB>,
{
    fn type_info() -> <DB as Database>::TypeInfo {
        <String as Type<DB>>::type_info()
    }

    fn compatible(ty: &<DB as Database>::TypeInfo) -> bool {
        <String as Type<DB>>::compatible(ty)
    }
}

macro_rules! from_code {
    ($($t:ty),* $(,)?) => {
        $(
            impl From<Code<$t>> for $t {
                fn from(c: Code<$t>) -> $t {
                    c.0
                }
            }
        )*
    };
}

from_code!(
    Basis,
    BulletinStatus,
    CycleKind,
    DayKind,
    EscalationStatus,
    Ids,
    InstructionStatus,
    InstructionTarget,
    Lang,
    Light,
    PlanKind,
    ReplyMode,
    ReplyStatus,
    ReportStatus,
    RequestKind,
    RequestStatus,
    Role,
    Rung,
    SupervisionLevel,
    SupervisionSource,
    SupervisionStatus,
);
