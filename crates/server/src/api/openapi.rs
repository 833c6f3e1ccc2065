//! The OpenAPI 3 document at `/api/v1/openapi.json`, generated from the handlers' annotations.

use axum::Json;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{
    accountability, admin, assessment, bulletins, calendar, channels, directory, dispatch, evidence, extraction, home,
    inbox, indicators, instructions, ladders, leaders, likelihood, lists, notifications, plans, project_import,
    project_reports, projects, proposals, reports, requests, reviews, security, session, supervision, task_forces,
    tasks, units,
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
        extraction::propose, extraction::create, extraction::table,
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
        projects::ledger, projects::read, projects::create, projects::edit, projects::categories, projects::add_category,
        projects::add_node, projects::set_node, projects::liaison, project_import::import, project_reports::submit, project_reports::review, project_reports::file,
        project_reports::raise, project_reports::list, project_reports::answer, project_reports::decide,
        project_reports::thresholds, project_reports::set_thresholds, dispatch::list, dispatch::prepare, dispatch::read,
        dispatch::add_item, dispatch::edit_item, dispatch::decide, dispatch::hold, dispatch::minutes,
        indicators::dashboard, indicators::create, indicators::read, indicators::edit, indicators::enter, indicators::review,
        indicators::half_way, indicators::thresholds, indicators::set_thresholds,
        task_forces::list, task_forces::create, task_forces::read, task_forces::edit, task_forces::hold,
        accountability::list, accountability::enter, accountability::read, accountability::change, accountability::remove,
        assessment::list, assessment::create, assessment::read, assessment::update, assessment::breakdown, assessment::close,
        assessment::evaluate, likelihood::read, likelihood::set, likelihood::accuracy,
    ),
    modifiers(&Bearer, &CommonAnswers),
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
        (name = "projects", description = "Key projects (重点项目): the ledger, a project with its baseline and history, categories, approval nodes, monthly reports, coordination issues"),
        (name = "indicators", description = "Indicators (指标) against time progress (序时进度): the dashboard, an indicator with its figures and light history, the half-way table (双过半), figures entered and reviewed, thresholds"),
        (name = "task_forces", description = "Task forces (专班): their members, and the tasks, key projects and indicators they own"),
        (name = "assessment", description = "Assessment (考核): schemes as data, scores with a line per record, rankings per group, the leaders' evaluation"),
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

/// The answers any operation of a kind may give, declared on each: 400 where there is anything
/// to read (a body, a query, a path), 401 and 403 where a login is needed, 404 where the path
/// names a record, 413 where there is a body. Each operation declares its own others.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{
            ContentBuilder, Ref, RefOr, ResponseBuilder,
            path::{Operation, ParameterIn},
        };
        let answer = |what: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(what)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let names_record = path.contains('{');
            let ops: [&mut Option<Operation>; 5] = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                let body = op.request_body.is_some();
                let query = op.parameters.iter().flatten().any(|p| match p {
                    RefOr::T(p) => matches!(p.parameter_in, ParameterIn::Query),
                    RefOr::Ref(_) => true,
                });
                let login = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let mut add = |status: &str, what: &str| {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| answer(what));
                };
                if body || query || names_record {
                    add(
                        "400",
                        "the request cannot be read: not JSON, a field missing or of the wrong type, a parameter out of range (`BAD_REQUEST`, `BODY_*`)",
                    );
                }
                if login {
                    add("401", "not logged in (`UNAUTHENTICATED`)");
                    add(
                        "403",
                        "not for this role or unit (`FORBIDDEN`), or the password must be changed first (`PASSWORD_CHANGE_REQUIRED`)",
                    );
                }
                if names_record {
                    add("404", "no such record, or none this user may see (`NOT_FOUND`)");
                }
                if body {
                    add("413", "the body passes its limit (`BODY_TOO_LARGE`)");
                }
            }
        }
    }
}

/// `GET /api/v1/openapi.json`
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
