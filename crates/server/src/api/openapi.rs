//! The OpenAPI 3 document at `/api/v1/openapi.json`, generated from the handlers' annotations.

use axum::Json;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{
    admin, bulletins, calendar, channels, directory, evidence, extraction, home, inbox, instructions, ladders, leaders,
    lists, notifications, plans, proposals, reports, requests, reviews, security, session, supervision, tasks, units,
};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Luoshi API", description = "落实 — plans, tasks, progress reports and status lights. Log in with POST /api/v1/session and send the token as `Authorization: Bearer <token>`. Errors are `{\"error\": {\"code\", \"message\", \"request_id\"}}` with a stable code."),
    paths(
        session::create, session::delete, session::me, session::change_password, session::reset_feed, session::feed_off,
        home::home, plans::list, plans::plan, plans::tree, tasks::task,
        admin::units, admin::leaders, admin::users, admin::sessions, admin::audit,
        directory::add_unit, directory::edit_unit, directory::merge_unit, directory::add_leader, directory::edit_leader,
        directory::add_user, directory::edit_user, directory::reset_password, directory::import, directory::export,
        security::locks, security::unlock, security::end_session, security::my_sessions, security::end_my_sessions, security::verify_audit,
        security::totp_start, security::totp_confirm, security::totp_off,
        plans::create_plan, plans::update_plan, tasks::create_task, tasks::create_subtask,
        tasks::update_task, tasks::move_task, tasks::reorder,
        extraction::propose, extraction::create,
        supervision::list, supervision::issue, supervision::read, supervision::reply, supervision::review,
        instructions::list, instructions::write, instructions::read, instructions::answer, instructions::set_due,
        instructions::make_order,
        ladders::get_ladder, ladders::put_ladder, proposals::proposals, proposals::decide,
        notifications::notifications, notifications::read,
        bulletins::list, bulletins::create, bulletins::read, bulletins::edit, bulletins::publish, bulletins::refresh,
        bulletins::discard, bulletins::docx,
        channels::list, channels::add, channels::set_active, channels::deliveries, channels::get_preferences, channels::put_preferences,
        reports::write, reports::attach, evidence::download, reports::review, reports::note,
        requests::file_request, requests::decide,
        inbox::inbox, reviews::reviews, reviews::accept, lists::list, lists::tasks, units::units_overview, units::unit_tasks, units::unit_activity,
        leaders::leader_tasks, calendar::get_calendar, calendar::put_calendar,
    ),
    modifiers(&Bearer),
    tags(
        (name = "session", description = "Logging in and out"),
        (name = "plans", description = "Plans, task trees, tasks and lights"),
        (name = "directory", description = "Units and leaders"),
        (name = "decomposition", description = "Plans and task trees (supervision office; lead units break their own tasks down)"),
        (name = "reporting", description = "Reports, files, reviews, co-unit notes, change requests and decisions"),
        (name = "views", description = "Lists, unit and leader views, the working-day calendar"),
        (name = "admin", description = "The three administrators: the directory (units, leaders, accounts, the directory sheet), locks and sessions, the audit log"),
        (name = "supervision", description = "Supervision orders (督办单): issue, reply, review, close"),
        (name = "instructions", description = "Leaders' instructions (批示): write, answer (落实情况), move the deadline, make an order of one"),
        (name = "bulletins", description = "Supervision bulletins (督查通报): drafts from live data, edit, publish as 第N期, .docx"),
    )
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// `GET /api/v1/openapi.json`
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
