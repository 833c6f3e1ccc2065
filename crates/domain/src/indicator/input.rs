//! An indicator and its figures as the office and the units type them, checked field by field:
//! a name and a unit of measure, a kind, a direction, an annual target (not zero for an amount),
//! a profile of time progress; a figure for a month of the indicator's year (a quarter's last
//! month for a quarterly one) that is a number, with last year's same-period figure where the
//! rate is computed from it. An accepted figure changed needs a reason.

use super::figure::FigureError;
use super::progress::ProfileError;
use super::{Direction, Figure, Frequency, Kind, Profile, Source};
use crate::project::Month;
use crate::{Lang, ValidationError, codes};

/// An indicator as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorInput {
    /// 指标名称.
    pub name: String,
    /// 计量单位: 亿元, 万吨, %.
    pub measure: String,
    /// `amount` or `rate` (or their names).
    pub kind: String,
    /// `higher` or `lower`.
    pub direction: String,
    /// `monthly` or `quarterly`.
    pub frequency: String,
    /// `statistics` or `unit`.
    pub source: String,
    /// The year, `2020`.
    pub year: String,
    /// 年度目标.
    pub target: String,
    /// 序时进度: `linear`, `days` or twelve percents.
    pub profile: String,
    /// Decimals shown, 0 to 4 (1 when empty).
    pub decimals: String,
    /// For a rate: computed from this year's and last year's amounts (`true`), not typed.
    pub computed: bool,
}

/// An indicator that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIndicator {
    /// 指标名称.
    pub name: String,
    /// 计量单位.
    pub measure: String,
    /// Amount or rate.
    pub kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// How often.
    pub frequency: Frequency,
    /// Where the figure comes from.
    pub source: Source,
    /// The year.
    pub year: i32,
    /// 年度目标.
    pub target: Figure,
    /// 序时进度.
    pub profile: Profile,
    /// Decimals shown.
    pub decimals: u32,
    /// A rate computed from amounts.
    pub computed: bool,
}

/// The longest name.
pub const MAX_NAME: usize = 50;

fn figure_error(field: &'static str, e: FigureError) -> ValidationError {
    match e {
        FigureError::NotANumber => ValidationError::of(field, codes::INDICATOR_FIGURE_NOT_A_NUMBER),
        FigureError::TooLarge => ValidationError::of(field, codes::INDICATOR_FIGURE_TOO_LARGE),
    }
}

/// Checks an indicator as typed.
pub fn check_indicator(i: &IndicatorInput) -> Result<ValidIndicator, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = i.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        errs.push(ValidationError::of("name", codes::INDICATOR_NAME_INVALID));
    }
    let measure = i.measure.trim();
    if measure.is_empty() || measure.chars().count() > 10 {
        errs.push(ValidationError::of("measure", codes::INDICATOR_MEASURE_INVALID));
    }
    let mut choice = |field: &'static str, ok: bool| {
        if !ok {
            errs.push(ValidationError::of(field, codes::INDICATOR_CHOICE_UNKNOWN));
        }
    };
    let kind = Kind::parse_words(&i.kind);
    choice("kind", kind.is_some());
    let direction = if i.direction.trim().is_empty() {
        Some(Direction::Higher)
    } else {
        Direction::parse_words(&i.direction)
    };
    choice("direction", direction.is_some());
    let frequency = if i.frequency.trim().is_empty() {
        Some(Frequency::Monthly)
    } else {
        Frequency::parse_words(&i.frequency)
    };
    choice("frequency", frequency.is_some());
    let source = if i.source.trim().is_empty() {
        Some(Source::Statistics)
    } else {
        Source::parse_words(&i.source)
    };
    choice("source", source.is_some());
    let year = i.year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errs.push(ValidationError::of("year", codes::INDICATOR_YEAR_INVALID));
    }
    let target = match Figure::parse(&i.target) {
        Err(e) => {
            errs.push(figure_error("target", e));
            None
        }
        Ok(t) if kind == Some(Kind::Amount) && t.0 <= 0 => {
            errs.push(ValidationError::of("target", codes::INDICATOR_TARGET_NOT_POSITIVE));
            None
        }
        Ok(t) => Some(t),
    };
    let profile = match Profile::parse(&i.profile) {
        Ok(p) => Some(p),
        Err(e) => {
            let code = match e {
                ProfileError::NotTwelve => codes::INDICATOR_PROFILE_NOT_TWELVE,
                ProfileError::NotRising | ProfileError::NotWhole => codes::INDICATOR_PROFILE_INVALID,
            };
            errs.push(ValidationError::of("profile", code));
            None
        }
    };
    let decimals = match i.decimals.trim() {
        "" => Some(1),
        d => d.parse::<u32>().ok().filter(|d| *d <= 4),
    };
    if decimals.is_none() {
        errs.push(ValidationError::of("decimals", codes::INDICATOR_DECIMALS_INVALID));
    }
    match (kind, direction, frequency, source, year, target, profile, decimals) {
        (
            Some(kind),
            Some(direction),
            Some(frequency),
            Some(source),
            Some(year),
            Some(target),
            Some(profile),
            Some(decimals),
        ) if errs.is_empty() => Ok(ValidIndicator {
            name: name.to_string(),
            measure: measure.to_string(),
            kind,
            direction,
            frequency,
            source,
            year,
            target,
            profile,
            decimals,
            computed: i.computed && kind == Kind::Rate,
        }),
        _ => Err(errs),
    }
}

/// A figure as the responsible unit types it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActualInput {
    /// The month, `2020-06`.
    pub month: String,
    /// The cumulative amount (an amount, or a computed rate's amount), or the rate in percent.
    pub value: String,
    /// Last year's same-period figure, in the same measure.
    pub last_year: String,
    /// A note, and why when an accepted figure is corrected.
    pub note: String,
}

/// A figure that passed every check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidActual {
    /// The month.
    pub month: Month,
    /// As typed: the amount or the rate.
    pub value: Figure,
    /// Last year's same period.
    pub last_year: Option<Figure>,
    /// The figure judged: the amount, or the rate (computed when the indicator says so).
    pub judged: Figure,
}

/// What the checks of a figure need to know of its indicator and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActualContext {
    /// The indicator's kind.
    pub kind: Kind,
    /// Its year.
    pub year: i32,
    /// How often.
    pub frequency: Frequency,
    /// A rate computed from amounts.
    pub computed: bool,
    /// The current month (no figure for a month not begun).
    pub now: Month,
    /// The figure accepted before for the month, when there is one.
    pub accepted: Option<Figure>,
}

/// Checks a figure as typed.
pub fn check_actual(a: &ActualInput, cx: ActualContext) -> Result<ValidActual, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let month = match Month::parse(&a.month) {
        None => {
            errs.push(ValidationError::of("month", codes::INDICATOR_MONTH_INVALID));
            None
        }
        Some(m) if m.year != cx.year => {
            errs.push(ValidationError::new(
                "month",
                codes::INDICATOR_MONTH_OUTSIDE_YEAR,
                format!("该指标为{}年度指标，{}不在其中", cx.year, m.text(Lang::Zh)),
                format!("The indicator is for {}; {} is not in it", cx.year, m.text(Lang::En)),
            ));
            None
        }
        Some(m) if m > cx.now => {
            errs.push(ValidationError::of("month", codes::INDICATOR_MONTH_IN_FUTURE));
            None
        }
        Some(m) if !cx.frequency.reports_in(m.month) => {
            errs.push(ValidationError::of("month", codes::INDICATOR_MONTH_NOT_QUARTER_END));
            None
        }
        Some(m) => Some(m),
    };
    let value = match a.value.trim() {
        "" => {
            errs.push(ValidationError::of("value", codes::INDICATOR_FIGURE_MISSING));
            None
        }
        v => match Figure::parse(v) {
            Ok(f) if f.0 < 0 && (cx.kind == Kind::Amount || cx.computed) => {
                errs.push(ValidationError::of("value", codes::INDICATOR_FIGURE_NEGATIVE));
                None
            }
            Ok(f) => Some(f),
            Err(e) => {
                errs.push(figure_error("value", e));
                None
            }
        },
    };
    let last_year = match a.last_year.trim() {
        "" => None,
        v => match Figure::parse(v) {
            Ok(f) => Some(f),
            Err(e) => {
                errs.push(figure_error("last_year", e));
                None
            }
        },
    };
    let judged = if cx.computed {
        match (a.last_year.trim().is_empty(), last_year) {
            (true, _) => {
                errs.push(ValidationError::of("last_year", codes::INDICATOR_LAST_YEAR_MISSING));
                None
            }
            (false, Some(ly)) if ly.0 <= 0 => {
                errs.push(ValidationError::of(
                    "last_year",
                    codes::INDICATOR_LAST_YEAR_NOT_POSITIVE,
                ));
                None
            }
            (false, ly) => ly.zip(value).and_then(|(ly, v)| v.growth_over(ly)),
        }
    } else {
        value
    };
    if a.note.chars().count() > 500 {
        errs.push(ValidationError::of("note", codes::INDICATOR_NOTE_TOO_LONG));
    }
    if cx.accepted.is_some_and(|acc| Some(acc) != judged) && judged.is_some() && a.note.trim().is_empty() {
        errs.push(ValidationError::of("note", codes::INDICATOR_CORRECTION_REASON_REQUIRED));
    }
    match (month, value, judged) {
        (Some(month), Some(value), Some(judged)) if errs.is_empty() => Ok(ValidActual {
            month,
            value,
            last_year,
            judged,
        }),
        _ => Err(errs),
    }
}
