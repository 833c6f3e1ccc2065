//! The JSON API under `/api/v1`: the same reads as the pages, through the same access layer
//! and view models. Errors are JSON with a stable code (see `error.rs`).

pub mod accountability;
pub mod admin;
pub mod assessment;
pub mod bulletins;
pub mod calendar;
pub mod channels;
pub mod directory;
pub mod dispatch;
pub mod evidence;
pub mod extraction;
pub mod home;
pub mod inbox;
pub mod indicators;
pub mod instructions;
pub mod ladders;
pub mod leaders;
pub mod likelihood;
pub mod lists;
pub mod notifications;
pub mod openapi;
pub mod plans;
pub mod project_import;
pub mod project_reports;
pub mod projects;
pub mod proposals;
pub mod reports;
pub mod requests;
pub mod reviews;
pub mod security;
pub mod session;
pub mod supervision;
pub mod task_forces;
pub mod tasks;
pub mod units;
pub mod writer;

use axum::{
    Router,
    extract::{FromRequest, Request},
    routing::{get, post, put},
};
use serde::de::DeserializeOwned;

use luoshi_domain::codes;

use crate::{
    AppState,
    error::{AppError, BodyError},
};

/// The API routes.
pub fn routes() -> Router<AppState> {
    use crate::uploads::{Upload, limited};
    Router::new()
        .route("/session", post(session::create).delete(session::delete))
        .route("/me", get(session::me))
        .route("/me/password", axum::routing::put(session::change_password))
        .route(
            "/me/feed",
            axum::routing::post(session::reset_feed).delete(session::feed_off),
        )
        .route("/home", get(home::home))
        .route("/plans", get(plans::list).post(plans::create_plan))
        .route("/plans/{id}", get(plans::plan).put(plans::update_plan))
        .route("/plans/{id}/tasks", get(plans::tree).post(tasks::create_task))
        .route("/tasks/{id}", get(tasks::task).put(tasks::update_task))
        .route("/supervisions", get(supervision::list).post(supervision::issue))
        .route("/plans/{id}/ladder", get(ladders::get_ladder).put(ladders::put_ladder))
        .route("/bulletins", get(bulletins::list).post(bulletins::create))
        .route("/bulletins/{id}", get(bulletins::read).put(bulletins::edit))
        .route("/bulletins/{id}/publish", post(bulletins::publish))
        .route("/bulletins/{id}/refresh", post(bulletins::refresh))
        .route("/bulletins/{id}/discard", post(bulletins::discard))
        .route("/bulletins/{id}/docx", get(bulletins::docx))
        .route("/proposals", get(proposals::proposals))
        .route("/proposals/{id}/decision", post(proposals::decide))
        .route("/notifications", get(notifications::notifications))
        .route("/channels", get(channels::list).post(channels::add))
        .route("/channels/{id}/active", post(channels::set_active))
        .route("/deliveries", get(channels::deliveries))
        .route(
            "/me/preferences",
            get(channels::get_preferences).put(channels::put_preferences),
        )
        .route("/notifications/read", post(notifications::read))
        .route("/instructions", get(instructions::list).post(instructions::write))
        .route("/instructions/{id}", get(instructions::read))
        .route("/instructions/{id}/answer", post(instructions::answer))
        .route("/instructions/{id}/due", put(instructions::set_due))
        .route("/instructions/{id}/order", post(instructions::make_order))
        .route("/supervisions/{id}", get(supervision::read))
        .route(
            "/supervisions/{id}/replies",
            limited(post(supervision::reply), Upload::Base64Files),
        )
        .route("/supervisions/{id}/review", post(supervision::review))
        .route("/extraction", post(extraction::propose))
        .route("/extraction/tasks", post(extraction::create))
        .route(
            "/extraction/table",
            limited(
                post(extraction::table),
                Upload::Base64Document(luoshi_office::tables::MAX_FILE),
            ),
        )
        .route("/tasks/{id}/subtasks", post(tasks::create_subtask))
        .route("/tasks/{id}/move", post(tasks::move_task))
        .route("/tasks/{id}/reorder", post(tasks::reorder))
        .route("/tasks/{id}/reports/{period}", put(reports::write))
        .route("/tasks/{id}/requests", post(requests::file_request))
        .route("/reports/{id}/evidence", limited(post(reports::attach), Upload::Files))
        .route("/reports/{id}/review", post(reports::review))
        .route("/reports/{id}/notes", post(reports::note))
        .route("/requests/{id}/decision", post(requests::decide))
        .route("/evidence/{id}", get(evidence::download))
        .route("/inbox", get(inbox::inbox))
        .route("/reviews", get(reviews::reviews))
        .route("/reviews/accept", post(reviews::accept))
        .route("/lists/tasks", get(lists::tasks))
        .route("/lists/{kind}", get(lists::list))
        .route("/units/overview", get(units::units_overview))
        .route("/units/{id}/tasks", get(units::unit_tasks))
        .route("/units/{id}/tasks.xlsx", get(crate::pages::export::unit_tasks))
        .route("/plans/{id}/tasks.xlsx", get(crate::pages::export::plan_tasks))
        .route("/projects.xlsx", get(crate::pages::export::projects))
        .route("/reports.xlsx", get(crate::pages::export::period_reports))
        .route("/indicators.xlsx", get(crate::pages::indicator::xlsx))
        .route("/units/{id}/activity", get(units::unit_activity))
        .route("/leaders/{id}/tasks", get(leaders::leader_tasks))
        .route(
            "/calendar/{year}",
            get(calendar::get_calendar).put(calendar::put_calendar),
        )
        .route("/units", get(admin::units).post(directory::add_unit))
        .route("/units/{id}", axum::routing::put(directory::edit_unit))
        .route("/units/{id}/merge", post(directory::merge_unit))
        .route("/leaders", get(admin::leaders).post(directory::add_leader))
        .route("/leaders/{id}", axum::routing::put(directory::edit_leader))
        .route("/users", get(admin::users).post(directory::add_user))
        .route("/users/{id}", axum::routing::put(directory::edit_user))
        .route("/users/{id}/password", post(directory::reset_password))
        .route(
            "/directory/import",
            limited(
                post(directory::import),
                Upload::Base64Document(crate::pages::admin_import::MAX_FILE),
            ),
        )
        .route("/directory.xlsx", get(directory::export))
        .route("/accountability", get(accountability::list).post(accountability::enter))
        .route(
            "/accountability/{id}",
            get(accountability::read).put(accountability::change),
        )
        .route("/accountability/{id}/remove", post(accountability::remove))
        .route("/tasks/{id}/likelihood", get(likelihood::read).post(likelihood::set))
        .route("/likelihood/accuracy", get(likelihood::accuracy))
        .route("/schemes", get(assessment::list).post(assessment::create))
        .route("/schemes/{id}", get(assessment::read).put(assessment::update))
        .route("/schemes/{id}/close", post(assessment::close))
        .route("/schemes/{id}/units/{unit}", get(assessment::breakdown))
        .route("/schemes/{id}/evaluations/{unit}", put(assessment::evaluate))
        .route("/projects", get(projects::ledger).post(projects::create))
        .route(
            "/projects/import",
            limited(
                post(project_import::import),
                Upload::Base64Document(luoshi_office::tables::MAX_FILE),
            ),
        )
        .route("/projects/{id}", get(projects::read).put(projects::edit))
        .route("/projects/{id}/nodes", post(projects::add_node))
        .route("/project-nodes/{id}", put(projects::set_node))
        .route("/leaders/{id}/projects", get(projects::liaison))
        .route(
            "/projects/{id}/reports",
            limited(post(project_reports::submit), Upload::Base64Files),
        )
        .route("/project-reports/{id}/review", post(project_reports::review))
        .route("/indicators", get(indicators::dashboard).post(indicators::create))
        .route("/indicators/half-way", get(indicators::half_way))
        .route("/indicators/{id}", get(indicators::read).put(indicators::edit))
        .route("/indicators/{id}/figures", post(indicators::enter))
        .route("/indicator-figures/{id}/review", post(indicators::review))
        .route("/task-forces", get(task_forces::list).post(task_forces::create))
        .route("/task-forces/{id}", get(task_forces::read).put(task_forces::edit))
        .route("/task-forces/{id}/holdings", post(task_forces::hold))
        .route(
            "/indicator-thresholds",
            get(indicators::thresholds).put(indicators::set_thresholds),
        )
        .route("/project-files/{id}", get(project_reports::file))
        .route("/projects/{id}/issues", post(project_reports::raise))
        .route("/project-issues", get(project_reports::list))
        .route("/project-issues/{id}/answer", post(project_reports::answer))
        .route("/project-issues/{id}/review", post(project_reports::decide))
        .route("/dispatch-meetings", get(dispatch::list).post(dispatch::prepare))
        .route("/dispatch-meetings/{id}", get(dispatch::read))
        .route("/dispatch-meetings/{id}/items", post(dispatch::add_item))
        .route("/dispatch-meetings/{id}/held", post(dispatch::hold))
        .route("/dispatch-meetings/{id}/minutes.docx", get(dispatch::minutes))
        .route("/dispatch-items/{id}", put(dispatch::edit_item))
        .route("/dispatch-items/{id}/decision", post(dispatch::decide))
        .route(
            "/project-thresholds",
            get(project_reports::thresholds).put(project_reports::set_thresholds),
        )
        .route(
            "/project-categories",
            get(projects::categories).post(projects::add_category),
        )
        .route("/sessions", get(admin::sessions))
        .route("/sessions/{id}", axum::routing::delete(security::end_session))
        .route("/locks", get(security::locks))
        .route("/audit/verify", post(security::verify_audit))
        .route(
            "/me/totp",
            post(security::totp_start)
                .put(security::totp_confirm)
                .delete(security::totp_off),
        )
        .route("/locks/{username}", axum::routing::delete(security::unlock))
        .route(
            "/me/sessions",
            get(security::my_sessions).delete(security::end_my_sessions),
        )
        .route("/audit", get(admin::audit))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::map_response(no_store))
}

/// No answer of the API is kept by a browser or a proxy (what a user may read is theirs, and
/// stale data would mislead): `Cache-Control: no-store` unless a handler said otherwise.
async fn no_store(mut r: axum::response::Response) -> axum::response::Response {
    r.headers_mut()
        .entry(axum::http::header::CACHE_CONTROL)
        .or_insert(axum::http::HeaderValue::from_static("no-store"));
    r
}

/// A JSON body; one that cannot be read is a `BAD_REQUEST` in the API's error format naming
/// the field that is missing or wrong (`BODY_FIELD_MISSING`, `BODY_FIELD_INVALID`), or saying
/// the body is not JSON (`BODY_NOT_JSON`).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let mime = v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            });
        if !is_json {
            return Err(AppError::BadRequest(
                "Expected request with `Content-Type: application/json`".into(),
            ));
        }
        let limit = req.extensions().get::<crate::uploads::BodyLimit>().map(|l| l.0);
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| crate::uploads::unreadable(e.status(), e.body_text(), limit))?;
        read_body(&bytes).map(ApiJson)
    }
}

/// Reads a JSON body into `T`, naming the field that is missing or wrong when it cannot.
pub fn read_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let read: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let e = match read {
        Ok(v) => match de.end() {
            Ok(()) => return Ok(v),
            Err(e) => {
                return Err(AppError::BadBody(BodyError {
                    field: String::new(),
                    code: codes::BODY_NOT_JSON,
                    detail: e.to_string(),
                }));
            }
        },
        Err(e) => e,
    };
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let inner = e.into_inner();
    let detail = inner.to_string();
    let body = match inner.classify() {
        serde_json::error::Category::Data => match missing_field(&detail) {
            Some(name) => BodyError {
                field: if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                },
                code: codes::BODY_FIELD_MISSING,
                detail,
            },
            None => BodyError {
                field: path,
                code: codes::BODY_FIELD_INVALID,
                detail,
            },
        },
        _ => BodyError {
            field: String::new(),
            code: codes::BODY_NOT_JSON,
            detail,
        },
    };
    Err(AppError::BadBody(body))
}

/// The field serde names in ``missing field `x` at line 1 column 2``.
fn missing_field(detail: &str) -> Option<&str> {
    detail.strip_prefix("missing field `")?.split('`').next()
}

/// A day sent as text: empty or absent is `None`; anything but `YYYY-MM-DD` is a validation
/// error naming `field` (`DATE_INVALID`), not a malformed body.
pub fn day(field: &'static str, v: Option<&str>) -> Result<Option<chrono::NaiveDate>, luoshi_domain::ValidationError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| {
            luoshi_domain::ValidationError::new(
                field,
                luoshi_domain::codes::DATE_INVALID,
                format!("日期格式应为2020-06-30，收到“{s}”"),
                format!("A date is written like 2020-06-30, got {s:?}"),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        title: String,
        milestones: Vec<Milestone>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Milestone {
        due: chrono::NaiveDate,
    }

    fn problem(json: &str) -> BodyError {
        match read_body::<Body>(json.as_bytes()) {
            Err(AppError::BadBody(e)) => e,
            other => panic!("expected a body error, got {other:?}"),
        }
    }

    #[test]
    fn a_body_names_its_missing_or_wrong_field() {
        let e = problem(r#"{"milestones": []}"#);
        assert_eq!((e.field.as_str(), e.code), ("title", codes::BODY_FIELD_MISSING));
        let e = problem(r#"{"title": 3, "milestones": []}"#);
        assert_eq!((e.field.as_str(), e.code), ("title", codes::BODY_FIELD_INVALID));
        let e = problem(r#"{"title": "t", "milestones": [{"due": "2020-01-01"}, {"due": "soon"}]}"#);
        assert_eq!(
            (e.field.as_str(), e.code),
            ("milestones[1].due", codes::BODY_FIELD_INVALID)
        );
        assert!(e.message(luoshi_domain::Lang::Zh).contains("milestones[1].due"));
        let e = problem(r#"{"title": "#);
        assert_eq!((e.field.as_str(), e.code), ("", codes::BODY_NOT_JSON));
    }
}
