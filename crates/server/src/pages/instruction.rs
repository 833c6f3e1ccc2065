//! Leaders' instructions (批示) pages: the list (a leader's own, a unit's to answer, the
//! office's all), writing one from a task, report or order, and one instruction with the unit's
//! answer form and the office's deadline and make-an-order forms.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{InstructionStatus, Lang, ReplyMode, Role, SupervisionLevel, instruction::default_answer_due};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, Id, Posted, Q},
    ops::instruction::{self, On, OrderOf},
    views::{
        instruction::{InstructionRow, ListOf},
        paging::{PageQuery, Pager},
    },
};

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    all: bool,
    #[serde(default)]
    overdue: bool,
    #[serde(default, deserialize_with = "crate::forms::page_number")]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "instructions.html")]
struct ListPage {
    l: Layout,
    title: String,
    intro: String,
    tabs: Vec<(String, String, bool)>,
    rows: Vec<InstructionRow>,
    pager: Pager,
}

/// `GET /instructions`: a leader's own (or `?all=true` everyone's), a unit's to answer, the
/// office's all; tabs by status and for the lagging ones.
pub async fn list(State(state): State<AppState>, viewer: Viewer, Q(q): Q<ListQuery>) -> AppResult<Response> {
    let status = crate::api::instructions::status_of(&q.status).unwrap_or(None);
    let leader = viewer.role == Role::Leader;
    let mine = leader && !q.all;
    let of = ListOf {
        status,
        overdue: q.overdue,
        mine,
    };
    let page = PageQuery {
        page: q.page,
        per_page: None,
    };
    let (rows, total) = crate::views::instruction::list(&state, &viewer, of, &page).await?;
    let l = Layout::new(&state, &viewer, "/instructions").await?;
    let lang = l.lang;
    let base = if leader && q.all {
        "/instructions?all=true"
    } else {
        "/instructions?"
    };
    let join = if base.ends_with('?') { "" } else { "&" };
    let mut tabs = vec![(
        base.trim_end_matches('?').to_string(),
        lang.pick("全部", "All").to_string(),
        status.is_none() && !q.overdue,
    )];
    for s in InstructionStatus::ALL {
        let (zh, en) = s.names();
        tabs.push((
            format!("{base}{join}status={}", s.code()),
            lang.pick(zh, en).to_string(),
            status == Some(s) && !q.overdue,
        ));
    }
    tabs.push((
        format!("{base}{join}overdue=true"),
        lang.pick("逾期未反馈", "Late").to_string(),
        q.overdue,
    ));
    if leader {
        tabs.push((
            if q.all {
                "/instructions"
            } else {
                "/instructions?all=true"
            }
            .to_string(),
            if q.all {
                lang.pick("只看我的批示", "Only mine")
            } else {
                lang.pick("全部领导批示", "All leaders'")
            }
            .to_string(),
            false,
        ));
    }
    let (title, intro) = match viewer.role {
        Role::Leader if mine => (
            lang.pick("我的批示", "My instructions"),
            lang.pick(
                "您作出的批示及各单位的落实情况。在任务、进展报送或督办单页面点“写批示”作出新的批示。",
                "The instructions you wrote and how each was answered. Write a new one from a task, a report or an order (写批示).",
            ),
        ),
        Role::UnitUser => (
            lang.pick("领导批示", "Leaders' instructions"),
            lang.pick(
                "领导对本单位工作的批示。请在反馈时限前报告落实情况。",
                "Leaders' instructions to your unit. Answer each (落实情况) by its deadline.",
            ),
        ),
        _ => (
            lang.pick("领导批示", "Leaders' instructions"),
            lang.pick(
                "领导的批示及各单位的落实情况；督查室可调整反馈时限或转为督办单。",
                "Leaders' instructions and the units' answers; the office may move a deadline or make an order of one.",
            ),
        ),
    };
    let path = base.trim_end_matches('?');
    let mut pager = page.pager(total, "/instructions");
    if path != "/instructions" || status.is_some() || q.overdue {
        // Keep the filter in the pager's links.
        let keep = format!(
            "{}{}{}",
            if q.all { "all=true&" } else { "" },
            status.map(|s| format!("status={}&", s.code())).unwrap_or_default(),
            if q.overdue { "overdue=true&" } else { "" }
        );
        pager.prev = pager.prev.map(|h| h.replacen('?', &format!("?{keep}"), 1));
        pager.next = pager.next.map(|h| h.replacen('?', &format!("?{keep}"), 1));
    }
    render(&ListPage {
        l,
        title: title.to_string(),
        intro: intro.to_string(),
        tabs,
        rows,
        pager,
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NewQuery {
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    task: Option<i64>,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    report: Option<i64>,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    order: Option<i64>,
}

#[derive(Template)]
#[template(path = "instruction_form.html")]
struct FormPage {
    l: Layout,
    e: FieldErrors,
    target_field: &'static str,
    target_id: i64,
    target_name: String,
    about: String,
    back: String,
    unit: String,
    due_text: String,
    content: String,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    on: On,
    content: String,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let cap = viewer.leader()?;
    let (s, dir) = {
        let mut c = state.store.conn().await?;
        (
            instruction::subject(&mut c, cap.region, on).await?,
            Directory::cached(&state.directories, &mut c, cap.region).await?,
        )
    };
    let l = Layout::new(state, viewer, "/instructions").await?;
    let lang = l.lang;
    let (target_field, target_id, back) = match on {
        On::Task(t) => ("task_id", t, format!("/tasks/{t}")),
        On::Report(r) => (
            "report_id",
            r,
            format!("/tasks/{}#report-{r}", s.task_id.unwrap_or_default()),
        ),
        On::Order(o) => ("supervision_id", o, format!("/supervisions/{o}")),
    };
    let (zh, en) = s.target.names();
    let mut r = render(&FormPage {
        target_field,
        target_id,
        target_name: lang.pick(zh, en).to_string(),
        about: s.title.clone(),
        back,
        unit: dir.unit_name(Some(s.unit_id)),
        due_text: luoshi_domain::fmt_date(default_answer_due(state.clock.today()), lang),
        content,
        e,
        l,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /instructions/new?task=|report=|order=`: a leader writes an instruction.
pub async fn new_form(State(state): State<AppState>, viewer: Viewer, Q(q): Q<NewQuery>) -> AppResult<Response> {
    let on = On::from_ids(q.task, q.report, q.order).map_err(|_| AppError::NotFound)?;
    form_page(
        &state,
        &viewer,
        on,
        String::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /instructions/new`
pub async fn write(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.leader()?;
    let on = On::from_ids(form.int("task_id"), form.int("report_id"), form.int("supervision_id"))?;
    let content = form.get("content").to_string();
    match instruction::write(&state, &cap, on, &content).await {
        Ok(id) => Ok(Redirect::to(&format!("/instructions/{id}?flash=flash.instruction_written")).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), &["content"]);
            form_page(&state, &viewer, on, content, e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "instruction.html")]
struct DetailPage {
    l: Layout,
    i: InstructionRow,
    e: FieldErrors,
    can_answer: bool,
    can_manage: bool,
    content: String,
    levels: Vec<(&'static str, String)>,
    modes: Vec<(&'static str, String)>,
    requirement: String,
    reply_due: String,
    order_open: bool,
}

/// What a refused form posted from the instruction page brings back to it.
#[derive(Debug, Default)]
struct Typed {
    content: String,
    requirement: String,
    reply_due: String,
    order_open: bool,
}

async fn detail_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    e: FieldErrors,
    typed: Typed,
    status: StatusCode,
) -> AppResult<Response> {
    let (access, dir) = {
        let mut c = state.store.conn().await?;
        let a = viewer.instruction(&mut c, id).await?;
        let dir = Directory::cached(&state.directories, &mut c, a.region).await?;
        (a, dir)
    };
    let today = state.clock.today();
    let open = access.instruction.status == InstructionStatus::Open;
    let i = InstructionRow::new(&access.instruction, &dir, today, viewer.lang());
    let l = Layout::new(state, viewer, "/instructions").await?;
    let lang = l.lang;
    let names = |n: (&'static str, &'static str)| lang.pick(n.0, n.1).to_string();
    let mut r = render(&DetailPage {
        can_answer: open && access.answers(),
        can_manage: open && viewer.supervisor().is_ok(),
        levels: SupervisionLevel::ALL
            .iter()
            .map(|x| (x.code(), names(x.names())))
            .collect(),
        modes: ReplyMode::ALL.iter().map(|x| (x.code(), names(x.names()))).collect(),
        requirement: if typed.requirement.is_empty() {
            lang.pick(
                "请认真落实领导批示要求，按时限报告落实情况。",
                "Carry out the leader's instruction and report by the deadline.",
            )
            .to_string()
        } else {
            typed.requirement
        },
        reply_due: if typed.reply_due.is_empty() {
            (today + chrono::Days::new(7)).to_string()
        } else {
            typed.reply_due
        },
        order_open: typed.order_open,
        content: typed.content,
        i,
        e,
        l,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /instructions/{id}`
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    detail_page(
        &state,
        &viewer,
        id,
        FieldErrors::default(),
        Typed::default(),
        StatusCode::OK,
    )
    .await
}

fn conflict_text(lang: Lang) -> String {
    lang.pick(
        "该批示已被他人更新，请查看最新内容后再操作。",
        "Someone else changed this instruction meanwhile: check it and try again.",
    )
    .to_string()
}

/// Shows the outcome of a form posted from the instruction page.
async fn after(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    done: AppResult<String>,
    typed: Typed,
    fields: &[&'static str],
) -> AppResult<Response> {
    match done {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Validation(errs)) => {
            let e = FieldErrors::new(&errs, viewer.lang(), fields);
            detail_page(state, viewer, id, e, typed, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let e = FieldErrors::general(conflict_text(viewer.lang()));
            detail_page(state, viewer, id, e, typed, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /instructions/{id}/answer`: the unit answers.
pub async fn answer(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let version = form.int("version").unwrap_or(0);
    let content = form.get("content").to_string();
    let done = instruction::answer(&state, &viewer, id, version, &content)
        .await
        .map(|()| format!("/instructions/{id}?flash=flash.instruction_answered"));
    let typed = Typed {
        content,
        ..Typed::default()
    };
    after(&state, &viewer, id, done, typed, &["content"]).await
}

/// `POST /instructions/{id}/due`: the office moves the deadline.
pub async fn set_due(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let version = form.int("version").unwrap_or(0);
    let due = crate::forms::parse_date(form.get("answer_due"));
    let done = instruction::set_due(&state, &cap, id, version, due)
        .await
        .map(|()| format!("/instructions/{id}?flash=flash.instruction_due_set"));
    after(&state, &viewer, id, done, Typed::default(), &["answer_due"]).await
}

/// `POST /instructions/{id}/order`: the office makes an order of it.
pub async fn make_order(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let o = OrderOf {
        level: form.get("level").to_string(),
        requirement: form.get("requirement").to_string(),
        reply_due: crate::forms::parse_date(form.get("reply_due")),
        mode: form.get("mode").to_string(),
        version: form.int("version").unwrap_or(0),
    };
    let done = instruction::make_order(&state, &cap, id, &o)
        .await
        .map(|(order, _)| format!("/supervisions/{order}?flash=flash.order_issued"));
    let typed = Typed {
        requirement: o.requirement.clone(),
        reply_due: form.get("reply_due").to_string(),
        order_open: true,
        ..Typed::default()
    };
    after(
        &state,
        &viewer,
        id,
        done,
        typed,
        &["requirement", "reply_due", "level", "mode"],
    )
    .await
}
