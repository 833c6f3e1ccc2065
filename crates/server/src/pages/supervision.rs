//! Supervision orders (督办单) pages: the list, issuing one (from a task or free-standing), an
//! order with its replies, the unit's reply and the office's review.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{Lang, OrderInput, ReplyDecision, ReplyMode, SupervisionLevel, SupervisionSource};
use luoshi_store::task;

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted, Q},
    ops::supervision::{self, Addressees},
    views::supervision::{OrderDetail, OrderRow},
};

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
}

#[derive(Template)]
#[template(path = "supervisions.html")]
struct ListPage {
    l: Layout,
    rows: Vec<OrderRow>,
    status: String,
    can_issue: bool,
}

/// `GET /supervisions`: the orders the viewer may see, by status.
pub async fn list(State(state): State<AppState>, viewer: Viewer, Q(q): Q<ListQuery>) -> AppResult<Response> {
    let status = if ["open", "replied", "closed"].contains(&q.status.as_str()) {
        q.status
    } else {
        String::new()
    };
    let rows = crate::views::supervision::list(&state, &viewer, &status, 200, 0).await?;
    let l = Layout::new(&state, &viewer, "/supervisions").await?;
    render(&ListPage {
        l,
        rows,
        status,
        can_issue: viewer.supervisor().is_ok(),
    })
}

/// The order form's values, as typed.
#[derive(Debug, Clone, Default)]
pub struct OrderFields {
    task_id: Option<i64>,
    task_title: String,
    proposal: Option<i64>,
    level: String,
    source: String,
    title: String,
    requirement: String,
    source_text: String,
    lead_unit_id: Option<i64>,
    co_unit_ids: Vec<i64>,
    reply_due: String,
    mode: String,
}

impl OrderFields {
    fn from_form(f: &FormData) -> OrderFields {
        OrderFields {
            task_id: f.int("task_id"),
            task_title: f.get("task_title").to_string(),
            proposal: f.int("proposal"),
            level: f.get("level").to_string(),
            source: f.get("source").to_string(),
            title: f.get("title").to_string(),
            requirement: f.get("requirement").to_string(),
            source_text: f.get("source_text").to_string(),
            lead_unit_id: f.int("lead_unit_id"),
            co_unit_ids: f.ints("co_unit_ids"),
            reply_due: f.get("reply_due").to_string(),
            mode: f.get("mode").to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "supervision_form.html")]
struct FormPage {
    l: Layout,
    f: OrderFields,
    e: FieldErrors,
    levels: Vec<(&'static str, String)>,
    sources: Vec<(&'static str, String)>,
    modes: Vec<(&'static str, String)>,
    units: Vec<(i64, String, bool, bool)>,
}

const FIELDS: &[&str] = &[
    "level",
    "source",
    "title",
    "requirement",
    "source_text",
    "lead_unit_id",
    "co_unit_ids",
    "reply_due",
    "mode",
];

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    cap: &SupervisorCap,
    f: OrderFields,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/supervisions").await?;
    let lang = l.lang;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, cap.region).await?
    };
    let names = |n: (&'static str, &'static str)| lang.pick(n.0, n.1).to_string();
    let units = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| {
            (
                u.id,
                u.name.clone(),
                f.lead_unit_id == Some(u.id),
                f.co_unit_ids.contains(&u.id),
            )
        })
        .collect();
    let mut r = render(&FormPage {
        l,
        levels: SupervisionLevel::ALL
            .iter()
            .map(|x| (x.code(), names(x.names())))
            .collect(),
        sources: SupervisionSource::ALL
            .iter()
            .map(|x| (x.code(), names(x.names())))
            .collect(),
        modes: ReplyMode::ALL.iter().map(|x| (x.code(), names(x.names()))).collect(),
        units,
        f,
        e,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NewQuery {
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    task: Option<i64>,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    proposal: Option<i64>,
}

/// `GET /supervisions/new?task=`: a new order, about a task (its units filled in) or not.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer, Q(q): Q<NewQuery>) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let today = state.clock.today();
    let mut f = OrderFields {
        level: "general".into(),
        source: "other".into(),
        mode: "once".into(),
        reply_due: (today + chrono::Days::new(7)).to_string(),
        proposal: q.proposal,
        ..OrderFields::default()
    };
    if let Some(id) = q.task {
        let mut c = state.store.conn().await?;
        let t = task::task(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?;
        let co = task::co_units(&mut c, cap.region, id).await?;
        f.task_id = Some(t.id);
        f.task_title = t.title.clone();
        f.source = "task".into();
        f.title = t.title.clone();
        f.lead_unit_id = t.lead_unit_id;
        f.co_unit_ids = co;
    }
    form_page(&state, &viewer, &cap, f, FieldErrors::default(), StatusCode::OK).await
}

/// `POST /supervisions/new`
pub async fn issue(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let f = OrderFields::from_form(&form);
    let input = OrderInput {
        level: f.level.clone(),
        source: f.source.clone(),
        title: f.title.clone(),
        requirement: f.requirement.clone(),
        source_text: f.source_text.clone(),
        reply_due: crate::forms::parse_date(&f.reply_due),
        mode: f.mode.clone(),
    };
    let to = Addressees {
        task_id: f.task_id,
        lead_unit_id: f.lead_unit_id,
        co_unit_ids: f.co_unit_ids.clone(),
        proposal: f.proposal,
        instruction: None,
        dispatch: None,
    };
    match supervision::issue(&state, &cap, &input, &to).await {
        Ok((id, _)) => Ok(Redirect::to(&format!("/supervisions/{id}?flash=flash.order_issued")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), FIELDS);
            form_page(&state, &viewer, &cap, f, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "supervision.html")]
struct DetailPage {
    l: Layout,
    d: OrderDetail,
    can_reply: bool,
    can_review: bool,
    can_close: bool,
    e: FieldErrors,
    content: String,
    instructions: Vec<crate::views::instruction::InstructionRow>,
    can_instruct: bool,
    /// The file types a reply may carry (the file input's `accept`).
    accepted: &'static str,
    fits: crate::uploads::Fits,
}

async fn detail_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    e: FieldErrors,
    content: String,
    status: StatusCode,
) -> AppResult<Response> {
    let (access, d) = crate::views::supervision::detail(state, viewer, id).await?;
    let office = viewer.supervisor().is_ok();
    let open = access.order.status == luoshi_domain::SupervisionStatus::Open;
    let instructions = crate::views::instruction::of_order(state, viewer, id).await?;
    let can_instruct = match viewer.leader() {
        Ok(cap) => {
            let mut c = state.store.conn().await?;
            let s =
                crate::ops::instruction::subject(&mut c, cap.region, crate::ops::instruction::On::Order(id)).await?;
            let dir = Directory::cached(&state.directories, &mut c, cap.region).await?;
            cap.oversees(&dir, s.task_leader, Some(s.unit_id))
        }
        Err(_) => false,
    };
    let l = Layout::new(state, viewer, "/supervisions").await?;
    let mut r = render(&DetailPage {
        instructions,
        can_instruct,
        l,
        can_reply: open && access.leads(),
        can_review: office && access.order.status == luoshi_domain::SupervisionStatus::Replied,
        can_close: office && open,
        d,
        e,
        content,
        accepted: luoshi_domain::evidence::ACCEPTED,
        fits: crate::uploads::Fits::new(&state.config, crate::uploads::Upload::Files, viewer.lang()),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /supervisions/files/{id}`: a reply's file, to whoever may read the order.
pub async fn reply_file(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    crate::files::reply_file(&state, &viewer, id).await
}

/// `GET /supervisions/{id}`
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    detail_page(
        &state,
        &viewer,
        id,
        FieldErrors::default(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /supervisions/{id}/reply`: the lead unit replies.
pub async fn reply(
    State(state): State<AppState>,
    Id(id): Id,
    crate::forms::PostedFiles(viewer, form, files): crate::forms::PostedFiles,
) -> AppResult<Response> {
    let version = form.int("version").unwrap_or(0);
    let content = form.get("content").to_string();
    match supervision::reply(&state, &viewer, id, version, &content, &files).await {
        Ok(_) => Ok(Redirect::to(&format!("/supervisions/{id}?flash=flash.order_replied")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &["content", "evidence"]);
            detail_page(&state, &viewer, id, e, content, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(conflict_text(viewer.lang()));
            detail_page(&state, &viewer, id, e, content, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

fn conflict_text(lang: Lang) -> String {
    lang.pick(
        "督办单已被他人更新，请查看最新内容后再操作。",
        "Someone else changed this order meanwhile: check it and try again.",
    )
    .to_string()
}

/// `POST /supervisions/{id}/review`: close, continue or return; close without a reply.
pub async fn review(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let version = form.int("version").unwrap_or(0);
    let note = form.get("note").to_string();
    let decision = ReplyDecision::parse(form.get("action")).ok_or(AppError::BadRequest("unknown action".into()))?;
    let status = {
        let mut c = state.store.conn().await?;
        luoshi_store::supervision::order(&mut c, cap.region, id)
            .await?
            .ok_or(AppError::NotFound)?
            .status
    };
    let done = if decision == ReplyDecision::Close && status == luoshi_domain::SupervisionStatus::Open {
        supervision::close(&state, &cap, id, version, &note).await
    } else {
        supervision::review(&state, &cap, id, version, decision, &note).await
    };
    match done {
        Ok(()) => {
            let flash = match decision {
                ReplyDecision::Close => "flash.order_closed",
                ReplyDecision::Continue => "flash.order_continued",
                ReplyDecision::Return => "flash.order_returned",
            };
            Ok(Redirect::to(&format!("/supervisions/{id}?flash={flash}")).into_response())
        }
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &[]);
            detail_page(&state, &viewer, id, e, String::new(), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(conflict_text(viewer.lang()));
            detail_page(&state, &viewer, id, e, String::new(), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}
