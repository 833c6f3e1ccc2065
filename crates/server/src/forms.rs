//! Reading HTML forms: fields by name (repeated names for multi-selects and milestone rows),
//! the session's CSRF check before anything else, uploaded files, and the per-field messages a
//! form shows when it is sent back.

use std::collections::HashMap;

use axum::{
    extract::{FromRequest, FromRequestParts, Multipart, Request},
    http::header,
};
use chrono::NaiveDate;
use luoshi_domain::{Lang, ValidationError};

use crate::{AppState, auth::Viewer, error::AppError, ops::report::Upload};

/// The fields of a submitted form, in order.
#[derive(Debug, Clone, Default)]
pub struct FormData {
    pairs: Vec<(String, String)>,
}

impl FormData {
    /// A form with these fields, as a record's edit form starts.
    pub fn of(pairs: Vec<(String, String)>) -> FormData {
        FormData { pairs }
    }

    /// Whether every name and value of an `application/x-www-form-urlencoded` body decodes to
    /// UTF-8 (a browser never sends anything else; the lenient decoder would turn the rest into
    /// `�` and store that).
    pub fn is_utf8(bytes: &[u8]) -> bool {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        bytes.split(|b| *b == b'&' || *b == b'=').all(|part| {
            let mut out = Vec::with_capacity(part.len());
            let mut i = 0;
            while i < part.len() {
                match (part[i], hex(part.get(i + 1)), hex(part.get(i + 2))) {
                    (b'%', Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    (b'+', _, _) => out.push(b' '),
                    (b, _, _) => out.push(b),
                }
                i += 1;
            }
            std::str::from_utf8(&out).is_ok()
        })
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse(bytes: &[u8]) -> FormData {
        FormData {
            pairs: form_urlencoded::parse(bytes).into_owned().collect(),
        }
    }

    /// The first value of `name`, or `""`.
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a checkbox `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), "on" | "true" | "1" | "yes")
    }

    /// `name` as a date, `None` when empty or malformed.
    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        parse_date(self.get(name))
    }

    /// `name` as a whole number, `None` when empty or malformed.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).trim().parse().ok()
    }

    /// Every value of `name` that is a whole number.
    pub fn ints(&self, name: &str) -> Vec<i64> {
        self.all(name).iter().filter_map(|v| v.trim().parse().ok()).collect()
    }

    pub fn push(&mut self, k: String, v: String) {
        self.pairs.push((k, v));
    }
}

/// A number field of a GET form: empty means "not given".
pub fn empty_as_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// The most pages a list is read to: a page number past it is a bad request, not a wrapped
/// offset.
pub const MAX_PAGE: i64 = 1_000_000;

/// A page number from 1 (empty: none); one below 1 or past [`MAX_PAGE`] is refused.
pub fn page_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match empty_as_none(d)? {
        Some(p) if !(1..=MAX_PAGE).contains(&p) => Err(serde::de::Error::custom(format!(
            "a page is a number from 1 to {MAX_PAGE}"
        ))),
        p => Ok(p),
    }
}

/// A page number counted from 0 (the audit log's; empty: 0); out of range is refused.
pub fn page_from_zero<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match empty_as_none(d)? {
        None => Ok(0),
        Some(p) if (0..MAX_PAGE).contains(&p) => Ok(p),
        Some(_) => Err(serde::de::Error::custom(format!(
            "a page is a number from 0 to {}",
            MAX_PAGE - 1
        ))),
    }
}

/// Rows per page (empty: none); outside 1 to `views::paging::MAX_PER_PAGE` is refused.
pub fn per_page<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let max = crate::views::paging::MAX_PER_PAGE;
    match empty_as_none(d)? {
        Some(p) if !(1..=max).contains(&p) => Err(serde::de::Error::custom(format!(
            "rows per page is a number from 1 to {max}"
        ))),
        p => Ok(p),
    }
}

/// The years a calendar or a list may ask for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// `year` if it is one of [`YEARS`], else a bad request.
pub fn year_in_range(year: i32) -> crate::error::AppResult<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(crate::error::AppError::BadRequest(format!(
            "the year must be from {} to {}",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// A date typed as `2020-06-30`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The largest form without files, in bytes.
pub const FORM_LIMIT: usize = 2 << 20;

/// A form posted by a logged-in user, accepted only with the session's CSRF token.
#[derive(Debug)]
pub struct Posted(pub Viewer, pub FormData);

impl FromRequest<AppState> for Posted {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|e| {
            if crate::uploads::is_length_limit(&e) {
                AppError::TooLarge(Some(FORM_LIMIT))
            } else {
                AppError::BadRequest(e.to_string())
            }
        })?;
        if !FormData::is_utf8(&bytes) {
            return Err(AppError::BadRequest("the form is not UTF-8".into()));
        }
        let form = FormData::parse(&bytes);
        viewer.check_csrf(Some(form.get("csrf")))?;
        Ok(Posted(viewer, form))
    }
}

/// A multipart form with files, accepted only with the session's CSRF token.
#[derive(Debug)]
pub struct PostedFiles(pub Viewer, pub FormData, pub Vec<Upload>);

impl FromRequest<AppState> for PostedFiles {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let is_multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !is_multipart {
            let Posted(viewer, form) = Posted::from_request(req, state).await?;
            return Ok(PostedFiles(viewer, form, Vec::new()));
        }
        let (mut parts, body) = req.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let limit = parts.extensions.get::<crate::uploads::BodyLimit>().map(|l| l.0);
        let unreadable =
            |e: axum::extract::multipart::MultipartError| crate::uploads::unreadable(e.status(), e.body_text(), limit);
        let req = Request::from_parts(parts, body);
        let mut mp = Multipart::from_request(req, state)
            .await
            .map_err(|e| crate::uploads::unreadable(e.status(), e.body_text(), limit))?;
        let mut form = FormData::default();
        let mut files = Vec::new();
        while let Some(field) = mp.next_field().await.map_err(unreadable)? {
            let name = field.name().unwrap_or("").to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(unreadable)?;
                    if !file_name.is_empty() && !bytes.is_empty() {
                        files.push(Upload {
                            name: file_name,
                            bytes: bytes.to_vec(),
                        });
                    }
                }
                None => {
                    let text = field.text().await.map_err(unreadable)?;
                    form.push(name, text);
                }
            }
        }
        viewer.check_csrf(Some(form.get("csrf")))?;
        Ok(PostedFiles(viewer, form, files))
    }
}

/// Messages by field, for sending a form back with what is wrong next to each field.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors {
    by_field: HashMap<String, Vec<String>>,
    /// Problems not tied to a field shown in the form.
    pub general: Vec<String>,
}

impl FieldErrors {
    /// The messages of `errors` in `lang`; those whose field is not in `fields` go to `general`.
    pub fn new(errors: &[ValidationError], lang: Lang, fields: &[&str]) -> FieldErrors {
        let mut out = FieldErrors::default();
        for e in errors {
            let msg = e.message(lang).to_string();
            if fields.contains(&e.field) {
                out.by_field.entry(e.field.to_string()).or_default().push(msg);
            } else {
                out.general.push(msg);
            }
        }
        out
    }

    /// A general message (e.g. a conflict).
    pub fn general(msg: String) -> FieldErrors {
        FieldErrors {
            general: vec![msg],
            ..FieldErrors::default()
        }
    }

    /// The messages for `field`, joined; empty when it is fine.
    pub fn of(&self, field: &str) -> String {
        self.by_field.get(field).map(|v| v.join(";")).unwrap_or_default()
    }

    /// Whether there is anything to show.
    pub fn any(&self) -> bool {
        !self.general.is_empty() || !self.by_field.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_that_is_not_utf8_is_found() {
        assert!(FormData::is_utf8(b"title=%E4%BB%BB%E5%8A%A1&note=a+b&pct=100%25&odd=%"));
        assert!(FormData::is_utf8(b"x=%zz%4"));
        assert!(!FormData::is_utf8(b"title=%FF%FE"));
        assert!(!FormData::is_utf8(b"%C3=1"));
        assert!(!FormData::is_utf8(&[b't', b'=', 0xFF]));
    }

    #[test]
    fn repeated_fields_keep_every_value_in_order() {
        let f = FormData::parse("co=3&title=%E4%BB%BB%E5%8A%A1&co=5&ms_title=&ms_title=b".as_bytes());
        assert_eq!(f.ints("co"), vec![3, 5]);
        assert_eq!(f.get("title"), "任务");
        assert_eq!(f.all("ms_title"), vec!["", "b"]);
        assert_eq!(f.get("missing"), "");
    }

    #[test]
    fn errors_are_grouped_by_field_and_the_rest_is_general() {
        let errs = vec![
            ValidationError::new("title", luoshi_domain::codes::TASK_TITLE_EMPTY, "标题", "title"),
            ValidationError::new("status", luoshi_domain::codes::REPORT_NOT_SUBMITTED, "状态", "status"),
        ];
        let f = FieldErrors::new(&errs, Lang::Zh, &["title"]);
        assert_eq!(f.of("title"), "标题");
        assert_eq!(f.general, vec!["状态".to_string()]);
    }
}

/// A numeric id in the path; anything else is `NOT_FOUND` (not axum's plain-text 400).
#[derive(Debug, Clone, Copy)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<i64>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(id)| Id(id))
            .map_err(|_| AppError::NotFound)
    }
}

/// A query string; a malformed one is `BAD_REQUEST` in the page's or the API's format.
#[derive(Debug, Clone)]
pub struct Q<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Q(v))
            .map_err(|e| AppError::BadRequest(e.body_text()))
    }
}
