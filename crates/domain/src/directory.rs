//! The directory the system administrator keeps — units, leaders and users — checked field by
//! field before anything is stored, and the template sheet it is imported from and exported to.
//! A field's name here is also its column's key in the sheet, so a problem found in a form and
//! one found in a row are the same problem.

pub mod plan;
pub mod sheet;

use crate::{Role, UnitCategory, ValidationError, codes};

/// Whether `s` holds a character a person cannot see ([`crate::text::has_hidden`]).
pub fn hidden_chars(s: &str) -> bool {
    crate::text::has_hidden(s)
}

/// A one-line text field: trimmed, not empty (unless `optional`), at most `max` characters, no
/// hidden characters. `what` names it in both languages.
fn one_line(
    errs: &mut Vec<ValidationError>,
    field: &'static str,
    value: &str,
    max: usize,
    empty: Option<codes::Code>,
    too_long: codes::Code,
    what: (&str, &str),
) -> String {
    let v = value.trim().to_string();
    if v.is_empty() {
        if let Some(code) = empty {
            errs.push(ValidationError::of(field, code));
        }
    } else if v.chars().count() > max {
        errs.push(ValidationError::new(
            field,
            too_long,
            format!("{}不能超过{max}个字", what.0),
            format!("The {} is longer than {max} characters", what.1),
        ));
    } else if hidden_chars(&v) {
        errs.push(ValidationError::new(
            field,
            codes::TEXT_HIDDEN_CHARS,
            format!("{}含有不可见的控制字符或方向字符，请删除后重新输入", what.0),
            format!(
                "The {} holds invisible control or direction characters; type it again",
                what.1
            ),
        ));
    }
    v
}

/// A unit as typed in the form or a row of the sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitInput {
    /// 单位全称.
    pub name: String,
    /// 简称; the full name when left empty.
    pub short_name: String,
    /// 类别: a code or its words.
    pub category: String,
    /// 排序, when given.
    pub sort: Option<i64>,
}

/// A unit that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUnit {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Category.
    pub category: UnitCategory,
    /// Place in lists, when given.
    pub sort: Option<i64>,
}

/// The largest place in lists a unit or leader may have.
pub const MAX_SORT: i64 = 99_999;

fn check_sort(errs: &mut Vec<ValidationError>, sort: Option<i64>) {
    if sort.is_some_and(|s| !(0..=MAX_SORT).contains(&s)) {
        errs.push(ValidationError::new(
            "sort",
            codes::SORT_OUT_OF_RANGE,
            format!("排序应为0到{MAX_SORT}之间的整数"),
            format!("The place in lists must be a whole number from 0 to {MAX_SORT}"),
        ));
    }
}

/// Checks a unit, every problem named.
pub fn check_unit(u: &UnitInput) -> Result<ValidUnit, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = one_line(
        &mut errs,
        "name",
        &u.name,
        60,
        Some(codes::UNIT_NAME_EMPTY),
        codes::UNIT_NAME_TOO_LONG,
        ("单位全称", "unit's full name"),
    );
    let short = one_line(
        &mut errs,
        "short_name",
        &u.short_name,
        20,
        None,
        codes::UNIT_SHORT_NAME_TOO_LONG,
        ("简称", "short name"),
    );
    let category = UnitCategory::parse_words(&u.category);
    if category.is_none() {
        errs.push(ValidationError::new(
            "category",
            codes::UNIT_CATEGORY_UNKNOWN,
            format!(
                "类别“{}”无法识别，应为：{}",
                u.category.trim(),
                UnitCategory::ALL.map(|c| c.names().0).join("、")
            ),
            format!(
                "The category “{}” is not one of: {}",
                u.category.trim(),
                UnitCategory::ALL.map(|c| c.names().1).join(", ")
            ),
        ));
    }
    check_sort(&mut errs, u.sort);
    match category {
        Some(category) if errs.is_empty() => Ok(ValidUnit {
            short_name: if short.is_empty() && name.chars().count() <= 20 {
                name.clone()
            } else if short.is_empty() {
                name.chars().take(20).collect()
            } else {
                short
            },
            name,
            category,
            sort: u.sort,
        }),
        _ => Err(errs),
    }
}

/// A leader as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeaderInput {
    /// 姓名.
    pub name: String,
    /// 职务, e.g. 副市长.
    pub title: String,
    /// 分管领域.
    pub portfolio: String,
    /// 排序, when given.
    pub sort: Option<i64>,
}

/// A leader that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLeader {
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Portfolio.
    pub portfolio: String,
    /// Place in lists, when given.
    pub sort: Option<i64>,
}

/// Checks a leader, every problem named.
pub fn check_leader(l: &LeaderInput) -> Result<ValidLeader, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let name = one_line(
        &mut errs,
        "name",
        &l.name,
        30,
        Some(codes::LEADER_NAME_EMPTY),
        codes::LEADER_NAME_TOO_LONG,
        ("姓名", "name"),
    );
    let title = one_line(
        &mut errs,
        "title",
        &l.title,
        30,
        Some(codes::LEADER_TITLE_EMPTY),
        codes::LEADER_TITLE_TOO_LONG,
        ("职务", "title"),
    );
    let portfolio = one_line(
        &mut errs,
        "portfolio",
        &l.portfolio,
        200,
        None,
        codes::LEADER_PORTFOLIO_TOO_LONG,
        ("分管领域", "portfolio"),
    );
    check_sort(&mut errs, l.sort);
    if errs.is_empty() {
        Ok(ValidLeader {
            name,
            title,
            portfolio,
            sort: l.sort,
        })
    } else {
        Err(errs)
    }
}

/// A user as typed (the unit or leader they belong to is checked against the directory by
/// [`check_link`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserInput {
    /// 登录名.
    pub username: String,
    /// 姓名.
    pub display_name: String,
    /// 角色: a code or its words.
    pub role: String,
    /// 电子邮箱, may be empty.
    pub email: String,
}

/// A user that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUser {
    /// Login name, in lower case.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// E-mail address, may be empty.
    pub email: String,
}

/// A login name as people type it: trimmed and in lower case (logging in ignores case).
pub fn login_name(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// Checks a user, every problem named. The role may be any role's code or words; whether the
/// person saving may give it is [`Role::assignable`]'s question, asked by the caller.
pub fn check_user(u: &UserInput) -> Result<ValidUser, Vec<ValidationError>> {
    let mut errs = Vec::new();
    let username = login_name(&u.username);
    let n = username.chars().count();
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'));
    if !(2..=32).contains(&n) || !ok_chars || !username.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        errs.push(ValidationError::of("username", codes::USERNAME_INVALID));
    }
    let display_name = one_line(
        &mut errs,
        "display_name",
        &u.display_name,
        30,
        Some(codes::USER_NAME_EMPTY),
        codes::USER_NAME_TOO_LONG,
        ("姓名", "name"),
    );
    let role = Role::parse_words(&u.role);
    if role.is_none() {
        errs.push(ValidationError::new(
            "role",
            codes::USER_ROLE_UNKNOWN,
            format!(
                "角色“{}”无法识别，应为：{}",
                u.role.trim(),
                Role::ASSIGNABLE.map(|r| r.names().0).join("、")
            ),
            format!(
                "The role “{}” is not one of: {}",
                u.role.trim(),
                Role::ASSIGNABLE.map(|r| r.names().1).join(", ")
            ),
        ));
    }
    let email = u.email.trim().to_string();
    let email_ok = email.is_empty()
        || (email.chars().count() <= 100
            && email.matches('@').count() == 1
            && !email.starts_with('@')
            && email
                .split('@')
                .nth(1)
                .is_some_and(|d| d.contains('.') && !d.ends_with('.'))
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';')));
    if !email_ok {
        errs.push(ValidationError::of("email", codes::USER_EMAIL_INVALID));
    }
    match role {
        Some(role) if errs.is_empty() => Ok(ValidUser {
            username,
            display_name,
            role,
            email,
        }),
        _ => Err(errs),
    }
}

/// What a role asks of the account's unit and leader: a unit liaison belongs to a unit and a
/// leader's account to a leader record; the office may name its unit; no one else has either.
pub fn check_link(role: Role, unit: Option<i64>, leader: Option<i64>) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    match role {
        Role::UnitUser if unit.is_none() => errs.push(ValidationError::of("unit", codes::USER_UNIT_MISSING)),
        Role::Leader if leader.is_none() => errs.push(ValidationError::of("leader", codes::USER_LEADER_MISSING)),
        _ => {}
    }
    errs
}

/// The unit and leader an account of `role` keeps: only those its role uses.
pub fn linked(role: Role, unit: Option<i64>, leader: Option<i64>) -> (Option<i64>, Option<i64>) {
    match role {
        Role::UnitUser | Role::Supervisor => (unit, None),
        Role::Leader => (None, leader),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests;
