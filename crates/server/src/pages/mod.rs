//! The HTML pages: one small file per page or action. Forms post and redirect (303); every
//! handler reaches data only through the access layer.

mod accountability;
pub mod admin;
pub mod admin_import;
mod assessment;
mod assessment_edit;
pub mod bulletin;
pub mod calendar;
pub mod channels;
mod dispatch;
pub mod export;
pub mod extraction;
pub mod extraction_review;
pub mod extraction_table;
pub mod feed;
pub mod help;
pub mod home;
pub mod inbox;
pub mod indicator;
pub mod indicator_form;
pub mod instruction;
pub mod lang;
pub mod layout;
mod likelihood;
pub mod lists;
pub mod login;
pub mod notifications;
pub mod order_doc;
pub mod plan_edit;
pub mod plans;
mod project;
mod project_actions;
mod project_form;
mod project_import;
mod project_report;
pub mod public;
mod public_projects;
pub mod report;
pub mod requests;
pub mod reviews;
pub mod security;
pub mod supervision;
pub mod task;
pub mod task_edit;
pub mod task_force;
pub mod task_update;

use askama::Template;
use axum::{
    Router,
    extract::{FromRequestParts, Request},
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};

use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
};

/// The page routes.
pub fn routes() -> Router<AppState> {
    use crate::uploads::{Upload, limited};
    Router::new()
        .route("/", get(root))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/lang", post(lang::switch))
        .route("/home", get(home::home))
        .route("/plans", get(plans::list))
        .route("/plans/new", get(plan_edit::new_form).post(plan_edit::create))
        .route(
            "/plans/extract",
            get(extraction::start).merge(limited(
                post(extraction::read),
                Upload::Base64Document(extraction::MAX_UPLOAD + 1024 * 1024),
            )),
        )
        .route(
            "/plans/extract/create",
            post(extraction::create).layer(axum::extract::DefaultBodyLimit::max(8 * 1024 * 1024)),
        )
        .route("/plans/{id}", get(plans::tree))
        .route("/plans/{id}/tasks.xlsx", get(export::plan_tasks))
        .route("/plans/extract/template.xlsx", get(export::template))
        .route("/units/{id}/tasks.xlsx", get(export::unit_tasks))
        .route("/plans/{id}/edit", get(plan_edit::edit_form).post(plan_edit::update))
        .route("/plans/{id}/ladder", post(plan_edit::set_ladder))
        .route("/plans/{id}/text", get(plans::text))
        .route(
            "/plans/{id}/tasks/new",
            get(task_edit::new_form).post(task_edit::create),
        )
        .route("/tasks/{id}", get(task::page))
        .route("/tasks/{id}/likelihood", post(task::set_likelihood))
        .route(
            "/tasks/{id}/edit",
            get(task_update::edit_form).post(task_update::update),
        )
        .route(
            "/tasks/{id}/subtasks/new",
            get(task_edit::sub_form).post(task_edit::create_sub),
        )
        .route("/tasks/{id}/move", post(task_update::move_task))
        .route("/tasks/{id}/reorder", post(task_update::reorder))
        .route(
            "/tasks/{id}/report",
            get(report::form).merge(limited(post(report::submit), Upload::Files)),
        )
        .route("/tasks/{id}/requests", post(requests::file))
        .route("/reports/{id}/review", post(report::review))
        .route("/reports/{id}/notes", post(report::note))
        .route("/requests/{id}/decide", post(requests::decide))
        .route("/evidence/{id}", get(report::download))
        .route("/evidence/{id}/delete", post(report::delete_evidence))
        .route("/instructions", get(instruction::list))
        .route("/instructions/new", get(instruction::new_form).post(instruction::write))
        .route("/instructions/{id}", get(instruction::page))
        .route("/instructions/{id}/answer", post(instruction::answer))
        .route("/instructions/{id}/due", post(instruction::set_due))
        .route("/instructions/{id}/order", post(instruction::make_order))
        .route("/supervisions", get(supervision::list))
        .route("/supervisions/new", get(supervision::new_form).post(supervision::issue))
        .route("/supervisions/{id}", get(supervision::page))
        .route(
            "/supervisions/{id}/reply",
            limited(post(supervision::reply), Upload::Files),
        )
        .route("/supervisions/files/{id}", get(supervision::reply_file))
        .route("/supervisions/{id}/print", get(order_doc::print))
        .route("/supervisions/{id}/docx", get(order_doc::docx))
        .route("/supervisions/{id}/review", post(supervision::review))
        .route("/indicators", get(indicator::dashboard))
        .route("/indicators.xlsx", get(indicator::xlsx))
        .route(
            "/indicators/new",
            get(indicator_form::new_form).post(indicator_form::create),
        )
        .route("/indicators/half-way", get(indicator::half_way))
        .route("/indicators/thresholds", post(indicator::set_thresholds))
        .route("/indicators/{id}", get(indicator::page))
        .route(
            "/indicators/{id}/edit",
            get(indicator_form::edit_form).post(indicator_form::update),
        )
        .route("/indicators/{id}/figures", post(indicator::enter))
        .route("/indicator-figures/{id}/review", post(indicator::review))
        .route("/task-forces", get(task_force::list))
        .route("/task-forces/new", get(task_force::new_form).post(task_force::create))
        .route("/task-forces/{id}", get(task_force::page))
        .route(
            "/task-forces/{id}/edit",
            get(task_force::edit_form).post(task_force::update),
        )
        .route("/task-forces/{id}/holdings", post(task_force::hold))
        .route("/public", get(public::index))
        .route("/feeds/{secret}/luoshi.ics", get(feed::calendar))
        .route("/public/plans/{id}", get(public::plan))
        .route("/public/bulletins/{id}", get(public::bulletin))
        .route("/public/projects/{year}", get(public_projects::projects))
        .route("/public/accountability", get(accountability::public))
        .route("/bulletins", get(bulletin::list).post(bulletin::create))
        .route("/bulletins/{id}", get(bulletin::page).post(bulletin::save))
        .route("/bulletins/{id}/docx", get(bulletin::docx))
        .route("/bulletins/{id}/{action}", post(bulletin::act))
        .route("/notifications", get(notifications::list))
        .route("/channels", get(channels::page).post(channels::add))
        .route("/channels/{id}/active", post(channels::toggle))
        .route("/me", get(channels::me).post(channels::save_me))
        .route("/me/password", axum::routing::post(channels::change_password))
        .route("/me/feed", axum::routing::post(channels::reset_feed))
        .route("/help", get(help::index))
        .route("/help/{doc}", get(help::doc))
        .route("/help/images/{name}", get(help::image))
        .route("/me/feed/off", axum::routing::post(channels::feed_off))
        .route("/notifications/read", post(notifications::read_all))
        .route("/notifications/{id}/open", get(notifications::open))
        .route("/inbox", get(inbox::inbox))
        .route("/reviews", get(reviews::reviews))
        .route("/reviews/accept", post(reviews::accept_chosen))
        .route("/proposals/{id}/decide", post(reviews::decide))
        .route("/calendar", get(calendar::page).post(calendar::save))
        .route("/lists/tasks", get(lists::tasks))
        .route("/lists/{kind}", get(lists::list))
        .route("/units", get(lists::units))
        .route("/units/{id}", get(lists::unit))
        .route("/leaders/{id}", get(lists::leader))
        .route("/security/users/{id}/unlock", post(security::unlock))
        .route("/security/unlock", post(security::unlock_name))
        .route("/audit/verify", post(security::verify_audit))
        .route("/audit/checkpoint", get(security::checkpoint))
        .route("/security/sessions/end", post(security::end_session))
        .route("/me/sessions/end", post(channels::end_sessions))
        .route("/me/totp/start", post(channels::totp_start))
        .route("/me/totp/confirm", post(channels::totp_confirm))
        .route("/me/totp/off", post(channels::totp_off))
        .route("/admin/units", get(admin::units).post(admin::add_unit))
        .route("/admin/units/{id}", get(admin::unit).post(admin::edit_unit))
        .route("/admin/units/{id}/merge", post(admin::merge_unit))
        .route("/admin/leaders", get(admin::leaders).post(admin::add_leader))
        .route("/admin/leaders/{id}", get(admin::leader).post(admin::edit_leader))
        .route("/admin/users", get(admin::users).post(admin::add_user))
        .route("/admin/users/{id}", get(admin::user).post(admin::edit_user))
        .route("/admin/users/{id}/password", post(admin::reset_password))
        .route(
            "/admin/import",
            get(admin_import::page).merge(limited(
                post(admin_import::import),
                Upload::Base64Document(admin_import::MAX_FILE),
            )),
        )
        .route("/admin/directory.xlsx", get(admin_import::xlsx))
        .route("/accountability", get(accountability::list).post(accountability::enter))
        .route(
            "/accountability/{id}",
            get(accountability::page).post(accountability::change),
        )
        .route("/accountability/{id}/remove", post(accountability::remove))
        .route("/likelihood/accuracy", get(likelihood::accuracy))
        .route("/assessment", get(assessment::list).post(assessment::create))
        .route("/assessment/{id}", get(assessment::page))
        .route("/assessment/{id}/close", post(assessment::close))
        .route(
            "/assessment/{id}/edit",
            get(assessment_edit::page).post(assessment_edit::save),
        )
        .route("/assessment/{id}/units/{unit}", get(assessment::unit))
        .route("/assessment/{id}/units/{unit}/evaluation", post(assessment::evaluate))
        .route("/projects", get(project::ledger))
        .route("/projects.xlsx", get(export::projects))
        .route("/reports.xlsx", get(export::period_reports))
        .route(
            "/projects/import",
            get(project_import::page).merge(limited(
                post(project_import::import),
                Upload::Base64Document(project_import::MAX_FILE),
            )),
        )
        .route("/projects/import/template.xlsx", get(project_import::template))
        .route("/projects/new", get(project_form::new_form).post(project_form::create))
        .route("/projects/thresholds", post(project_actions::thresholds))
        .route("/projects/liaison", get(project::liaison))
        .route("/dispatch", get(dispatch::list).post(dispatch::prepare))
        .route("/dispatch/{id}", get(dispatch::page))
        .route("/dispatch/{id}/items", post(dispatch::add_item))
        .route("/dispatch/{id}/held", post(dispatch::hold))
        .route("/dispatch/{id}/minutes.docx", get(dispatch::minutes))
        .route("/dispatch-items/{id}", post(dispatch::edit_item))
        .route("/dispatch-items/{id}/decision", post(dispatch::decide))
        .route(
            "/projects/{id}/edit",
            get(project_form::edit_form).post(project_form::update),
        )
        .route("/projects/{id}", get(project::page))
        .route(
            "/projects/{id}/report",
            get(project_report::form).merge(limited(post(project_report::submit), Upload::Files)),
        )
        .route("/project-reports/{id}/review", post(project_actions::review))
        .route("/projects/{id}/issues", post(project_actions::raise))
        .route("/projects/{id}/nodes", post(project_actions::add_node))
        .route("/project-issues/{id}/answer", post(project_actions::answer))
        .route("/project-issues/{id}/review", post(project_actions::decide))
        .route("/project-nodes/{id}", post(project_actions::node))
        .route("/project-files/{id}", get(project_actions::file))
        .route("/admin/directory/{file}", get(admin_import::csv))
}

/// `/`: home when logged in, the login page otherwise.
async fn root(state: axum::extract::State<AppState>, req: Request) -> Response {
    let (mut parts, _) = req.into_parts();
    match Viewer::from_request_parts(&mut parts, &state).await {
        Ok(_) => Redirect::to("/home").into_response(),
        Err(_) => Redirect::to("/login").into_response(),
    }
}

/// Any unknown path.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Renders a page; pages with personal data are never cached.
pub fn render<T: Template>(t: &T) -> AppResult<Response> {
    render_with_room(t, 0)
}

/// [`render`] into a buffer of at least `room` bytes: for a page whose size is known from its
/// rows (a plan's tree), built once instead of grown by doubling and copying.
pub fn render_with_room<T: Template>(t: &T, room: usize) -> AppResult<Response> {
    // Room for a usual page at once.
    let mut body = String::with_capacity(T::SIZE_HINT.max(32 * 1024).max(room));
    t.render_into(&mut body)?;
    let mut r = Html(body).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// A local path to return to; anything else becomes `/home`: other hosts (`https://x`, `//x`),
/// backslashes (`/\x`, which browsers read as `//x`), tabs, newlines and other control
/// characters (browsers drop them, so `/\t/x` is `//x`), and the same tricks percent-encoded
/// (`/%2F%2Fx`, `%5C`, `%09`).
pub fn safe_next(next: &str) -> &str {
    let bad =
        |s: &str| !s.starts_with('/') || s.starts_with("//") || s.contains('\\') || s.chars().any(|c| c.is_control());
    let decoded: String = form_urlencoded::parse(format!("x={}", next.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    // Decoded once more, for doubly encoded tricks.
    let twice: String = form_urlencoded::parse(format!("x={}", decoded.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if bad(next) || bad(&decoded) || bad(&twice) {
        "/home"
    } else {
        next
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_next("/plans/1"), "/plans/1");
        assert_eq!(safe_next("//evil.example"), "/home");
        assert_eq!(safe_next("https://evil.example"), "/home");
        assert_eq!(safe_next("/\\evil.example"), "/home");
        assert_eq!(safe_next(""), "/home");
        for trick in [
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%09/evil.example",
            "/%252F%252Fevil.example",
            "javascript:alert(1)",
            "/plans\\..\\..\\evil",
        ] {
            assert_eq!(safe_next(trick), "/home", "{trick:?}");
        }
        assert_eq!(safe_next("/tasks/3?period=2020-06-01"), "/tasks/3?period=2020-06-01");
        assert_eq!(
            safe_next("/lists/tasks?light=red&of=all"),
            "/lists/tasks?light=red&of=all"
        );
    }
}
