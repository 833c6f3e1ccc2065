//! The one error type of the web layer, its stable codes, and how it answers: JSON under
//! `/api/`, an HTML page elsewhere. A 500 shows only the request id; the log has the cause.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use luoshi_domain::{Code, Lang, ValidationError, codes, fmt_date};
use luoshi_store::StoreError;
use serde::Serialize;

use crate::{ctx, pages::layout::ErrorPage};

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session: log in first.
    #[error("not logged in")]
    Unauthenticated,
    /// Logged in, but the role or unit may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such record, or not one this user may know exists.
    #[error("not found")]
    NotFound,
    /// The form or body has errors, each naming its field.
    #[error("validation failed")]
    Validation(Vec<ValidationError>),
    /// The form's CSRF token is missing or wrong.
    #[error("bad CSRF token")]
    Csrf,
    /// Wrong user name or password.
    #[error("login failed")]
    LoginFailed,
    /// The password was right and the account has a second factor: its code is needed too.
    #[error("the second factor's code is needed")]
    TotpRequired,
    /// The account's password was set by an administrator: its owner must set their own first.
    #[error("the password must be changed first")]
    PasswordChangeRequired,
    /// Too many failed logins.
    #[error("account locked until {0}")]
    AccountLocked(DateTime<Utc>),
    /// Someone else saved first; `current` is the record as now stored, for the API.
    #[error("conflict: {message}")]
    Conflict {
        /// What conflicted.
        message: String,
        /// The stored record, when the caller can be shown it.
        current: Option<serde_json::Value>,
    },
    /// A file's problems, placed by table, row and column (an import of the directory sheet).
    #[error("the file has {} problems", .0.len())]
    Sheet(Vec<luoshi_domain::directory::sheet::Problem>),
    /// The request body passed its route's limit (in bytes, when known).
    #[error("the request body is larger than allowed")]
    TooLarge(Option<usize>),
    /// Too many uploads are being read at once: try again shortly.
    #[error("too many uploads at once")]
    Busy,
    /// The request body could not be read.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A JSON body that is not JSON, or whose field is missing or of the wrong type.
    #[error("bad body: {0:?}")]
    BadBody(BodyError),
    /// Anything else; logged with its cause, shown as a request id.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { entity, id, current } => AppError::Conflict {
                message: format!("{entity} {id} is now at version {current}"),
                current: Some(serde_json::json!({ "entity": entity, "id": id, "version": current })),
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl AppError {
    /// The stable code a help desk can look up, from the registry (`luoshi_domain::codes`).
    pub fn code(&self) -> Code {
        match self {
            AppError::Unauthenticated => codes::UNAUTHENTICATED,
            AppError::Forbidden => codes::FORBIDDEN,
            AppError::NotFound => codes::NOT_FOUND,
            AppError::Validation(_) | AppError::Sheet(_) => codes::VALIDATION_FAILED,
            AppError::Csrf => codes::CSRF_TOKEN_INVALID,
            AppError::LoginFailed => codes::LOGIN_FAILED,
            AppError::PasswordChangeRequired => codes::PASSWORD_CHANGE_REQUIRED,
            AppError::TotpRequired => codes::TOTP_REQUIRED,
            AppError::AccountLocked(_) => codes::ACCOUNT_LOCKED,
            AppError::Conflict { .. } => codes::CONFLICT,
            AppError::BadRequest(_) | AppError::BadBody(_) => codes::BAD_REQUEST,
            AppError::TooLarge(_) => codes::BODY_TOO_LARGE,
            AppError::Busy => codes::UPLOADS_BUSY,
            AppError::Internal(_) => codes::INTERNAL_ERROR,
        }
    }

    /// The HTTP status, as the registry gives it for the code.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::AccountLocked(until) => {
                let local = until.with_timezone(&crate::clock::cst());
                format!(
                    "{} {} {}",
                    codes::ACCOUNT_LOCKED.meaning(lang),
                    fmt_date(local.date_naive(), lang),
                    local.format("%H:%M")
                )
            }
            AppError::TooLarge(Some(limit)) => format!(
                "{}{}",
                codes::BODY_TOO_LARGE.meaning(lang),
                lang.pick(
                    &format!("（上限{}MB）", limit.div_ceil(1024 * 1024)),
                    &format!(" (at most {} MB)", limit.div_ceil(1024 * 1024))
                )
            ),
            AppError::Validation(errors) if errors.len() == 1 => errors[0].message(lang).to_string(),
            AppError::BadBody(e) => format!("{}{}", codes::BAD_REQUEST.meaning(lang), e.message(lang)),
            other => other.code().meaning(lang).to_string(),
        }
    }
}

/// What is wrong with a JSON body: not JSON at all, or a field missing or of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    /// The field, as a path (`milestones[1].due`); empty when the body is not JSON.
    pub field: String,
    /// `BODY_NOT_JSON`, `BODY_FIELD_MISSING` or `BODY_FIELD_INVALID`.
    pub code: Code,
    /// What the JSON reader said (English, for the API's developer; shown in English only).
    pub detail: String,
}

impl BodyError {
    /// The problem in the user's language, naming the field.
    pub fn message(&self, lang: Lang) -> String {
        let what = self.code.meaning(lang);
        match (lang, self.field.is_empty()) {
            (Lang::Zh, true) => what.to_string(),
            (Lang::Zh, false) => format!("{what}：{}", self.field),
            (Lang::En, true) => format!("{what} ({})", self.detail),
            (Lang::En, false) => format!("{what}: {} ({})", self.field, self.detail),
        }
    }
}

/// A field's problem, as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field.
    pub field: String,
    /// Its stable code.
    pub code: String,
    /// The message.
    pub message: String,
}

/// The body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An API error's detail.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable code, e.g. `NOT_FOUND`.
    pub code: String,
    /// Message in the request's language.
    pub message: String,
    /// The request id to quote to the help desk.
    pub request_id: String,
    /// Per-field problems of a `VALIDATION_FAILED`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For a `CONFLICT`: the record as now stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let rc = ctx::current();
        if let AppError::Internal(cause) = &self {
            tracing::error!(request_id = %rc.id, cause = %cause, "request failed");
        }
        if rc.api {
            let fields = match &self {
                AppError::Validation(errs) => errs
                    .iter()
                    .map(|e| FieldError {
                        field: e.field.to_string(),
                        code: e.code.to_string(),
                        message: e.message(rc.lang).to_string(),
                    })
                    .collect(),
                AppError::Sheet(problems) => problems
                    .iter()
                    .map(|p| FieldError {
                        field: problem_cell(p),
                        code: p.code.to_string(),
                        message: format!("{}{}{}", p.place(rc.lang), rc.lang.pick("：", ": "), p.message(rc.lang)),
                    })
                    .collect(),
                AppError::BadBody(e) => vec![FieldError {
                    field: e.field.clone(),
                    code: e.code.to_string(),
                    message: e.message(rc.lang),
                }],
                _ => Vec::new(),
            };
            let body = ErrorBody {
                error: ErrorDetail {
                    code: self.code().to_string(),
                    message: self.message(rc.lang),
                    request_id: rc.id.clone(),
                    fields,
                    current: match &self {
                        AppError::Conflict { current, .. } => current.clone(),
                        _ => None,
                    },
                },
            };
            return (self.status(), Json(body)).into_response();
        }
        if matches!(self, AppError::PasswordChangeRequired) {
            return Redirect::to("/me?flash=flash.must_change#password").into_response();
        }
        if matches!(self, AppError::Unauthenticated) {
            let next = urlencode(&rc.path);
            return Redirect::to(&format!("/login?next={next}")).into_response();
        }
        let page = ErrorPage::new(
            rc.lang,
            self.status().as_u16(),
            self.code().name,
            self.message(rc.lang),
            rc.id,
        );
        let mut resp = match askama::Template::render(&page) {
            Ok(html) => (self.status(), Html(html)).into_response(),
            Err(_) => (self.status(), self.code().name).into_response(),
        };
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        resp
    }
}

/// Where a file's problem is, as an API field: `users!D3` (table, column and row), `users!3` (a
/// whole row), `users` (the table), `file`.
pub fn problem_cell(p: &luoshi_domain::directory::sheet::Problem) -> String {
    let Some(sheet) = p.sheet else {
        return "file".into();
    };
    let col = p
        .col
        .map(luoshi_domain::directory::sheet::column_letter)
        .unwrap_or_default();
    match (p.row, col.is_empty(), p.key) {
        (0, _, _) => sheet.code().to_string(),
        (row, false, _) => format!("{}!{col}{row}", sheet.code()),
        (row, true, Some(key)) => format!("{}!{row}.{key}", sheet.code()),
        (row, true, None) => format!("{}!{row}", sheet.code()),
    }
}

/// Percent-encodes a string for a query parameter.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)])
        .map(|q| q.trim_start_matches("v=").to_string())
        .unwrap_or_default()
}

/// The result type of handlers.
pub type AppResult<T> = Result<T, AppError>;
