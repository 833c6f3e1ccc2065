//! The OpenAPI 3 document at `/api/v1/openapi.json`, generated from the handlers' annotations.

use axum::Json;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{
    admin, bulletins, channels, decompose, escalation, extraction, plans, queues, reporting, session, supervision,
};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Luoshi API", description = "落实 — plans, tasks, progress reports and status lights. Log in with POST /api/v1/session and send the token as `Authorization: Bearer <token>`. Errors are `{\"error\": {\"code\", \"message\", \"request_id\"}}` with a stable code."),
    paths(
        session::create, session::delete, session::me,
        plans::home, plans::list, plans::plan, plans::tree, plans::task,
        admin::units, admin::leaders, admin::users, admin::sessions, admin::audit,
        decompose::create_plan, decompose::update_plan, decompose::create_task, decompose::create_subtask,
        decompose::update_task, decompose::move_task, decompose::reorder,
        extraction::propose, extraction::create,
        supervision::list, supervision::issue, supervision::read, supervision::reply, supervision::review,
        escalation::get_ladder, escalation::put_ladder, escalation::proposals, escalation::decide,
        escalation::notifications, escalation::read,
        bulletins::list, bulletins::create, bulletins::read, bulletins::edit, bulletins::publish, bulletins::refresh,
        bulletins::discard, bulletins::docx,
        channels::list, channels::add, channels::set_active, channels::deliveries, channels::get_preferences, channels::put_preferences,
        reporting::write, reporting::attach, reporting::download, reporting::review, reporting::note,
        reporting::file_request, reporting::decide,
        queues::inbox, queues::reviews, queues::list, queues::units_overview, queues::unit_tasks, queues::unit_activity,
        queues::leader_tasks, queues::get_calendar, queues::put_calendar,
    ),
    modifiers(&Bearer),
    tags(
        (name = "session", description = "Logging in and out"),
        (name = "plans", description = "Plans, task trees, tasks and lights"),
        (name = "directory", description = "Units and leaders"),
        (name = "decomposition", description = "Plans and task trees (supervision office; lead units break their own tasks down)"),
        (name = "reporting", description = "Reports, files, reviews, co-unit notes, change requests and decisions"),
        (name = "views", description = "Lists, unit and leader views, the working-day calendar"),
        (name = "admin", description = "The three administrators' reads"),
        (name = "supervision", description = "Supervision orders (督办单): issue, reply, review, close"),
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
