//! Editing a task from its page: the edit form, a conflict shown field by field, moving and reordering.

use super::task_edit::{FIELDS, Frame, TaskFields, show};
use crate::{
    AppState, access::task::Editor, auth::Viewer, directory::Directory, error::AppError, error::AppResult,
    forms::FieldErrors, forms::Id, forms::Posted, forms::parse_date, i18n::Tr, ops, ops::tree::Direction,
    pages::plan_edit::ConflictRow,
};
use axum::{extract::State, http::StatusCode, response::IntoResponse, response::Redirect, response::Response};
use luoshi_domain::CycleKind;
use luoshi_store::{task, task::Task};

pub(crate) fn edit_frame(viewer: &Viewer, editor: &Editor, t: &Task, version: i64) -> Frame {
    let tr = Tr::new(viewer.lang());
    Frame {
        heading: format!("{}:{}", tr.t("action.edit"), t.title),
        context: t.title.clone(),
        action_url: format!("/tasks/{}/edit", t.id),
        cancel_url: format!("/tasks/{}", t.id),
        office: matches!(editor, Editor::Office(_)),
        version,
    }
}

/// `GET /tasks/{id}/edit`.
pub async fn edit_form(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let (editor, t) = {
        let mut c = state.store.conn().await?;
        viewer.task_editor(&mut c, id).await?
    };
    let f = TaskFields::from_task(&state, viewer.region(), &t).await?;
    show(
        &state,
        &viewer,
        edit_frame(&viewer, &editor, &t, t.version),
        f,
        FieldErrors::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// A typed cycle in words (`每月25日报送`), or as typed when it is not valid.
pub(crate) fn cycle_text(f: &TaskFields, lang: luoshi_domain::Lang) -> String {
    let day = f.cycle_due_day.trim().parse().unwrap_or(0);
    CycleKind::parse(&f.cycle)
        .and_then(|k| luoshi_domain::Cycle::new(k, day).ok())
        .map(|c| c.describe(lang))
        .unwrap_or_else(|| format!("{} {}", f.cycle, f.cycle_due_day))
}

/// A typed date in words, or as typed when it is not a date.
pub(crate) fn date_text(s: &str, lang: luoshi_domain::Lang) -> String {
    parse_date(s)
        .map(|d| luoshi_domain::fmt_date(d, lang))
        .unwrap_or_else(|| s.to_string())
}

/// The "yours / stored" rows of a task conflict.
pub(crate) async fn conflict_rows(
    state: &AppState,
    viewer: &Viewer,
    mine: &TaskFields,
    theirs: &TaskFields,
) -> AppResult<Vec<ConflictRow>> {
    let tr = Tr::new(viewer.lang());
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, viewer.region()).await?
    };
    let lang = viewer.lang();
    let due = |f: &TaskFields| {
        if f.ongoing {
            tr.t("task.ongoing")
        } else {
            date_text(&f.due, lang)
        }
    };
    let ms = |f: &TaskFields| {
        f.milestones
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, d)| format!("{d} {t}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let flag = |b: bool| tr.t(if b { "common.yes" } else { "common.no" });
    Ok(vec![
        ConflictRow::new(tr.t("task.title"), &mine.title, &theirs.title),
        ConflictRow::new(tr.t("task.description"), &mine.description, &theirs.description),
        ConflictRow::new(
            tr.t("task.lead_unit"),
            dir.unit_name(mine.lead_unit_id),
            dir.unit_name(theirs.lead_unit_id),
        ),
        ConflictRow::new(
            tr.t("task.co_units"),
            dir.unit_names(&mine.co_unit_ids),
            dir.unit_names(&theirs.co_unit_ids),
        ),
        ConflictRow::new(
            tr.t("task.leader"),
            dir.leader_name(mine.leader_id),
            dir.leader_name(theirs.leader_id),
        ),
        ConflictRow::new(
            tr.t("task.start"),
            date_text(&mine.start, lang),
            date_text(&theirs.start, lang),
        ),
        ConflictRow::new(tr.t("task.due"), due(mine), due(theirs)),
        ConflictRow::new(
            tr.t("task.cycle"),
            cycle_text(mine, viewer.lang()),
            cycle_text(theirs, viewer.lang()),
        ),
        ConflictRow::new(tr.t("task.weight"), &mine.weight, &theirs.weight),
        ConflictRow::new(tr.t("task.domain"), &mine.domain, &theirs.domain),
        ConflictRow::new(tr.t("task.owner"), &mine.owner, &theirs.owner),
        ConflictRow::new(tr.t("task.public"), flag(mine.public), flag(theirs.public)),
        ConflictRow::new(tr.t("task.milestones"), ms(mine), ms(theirs)),
    ])
}

/// `POST /tasks/{id}/edit`.
pub async fn update(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let (editor, t) = {
        let mut c = state.store.conn().await?;
        viewer.task_editor(&mut c, id).await?
    };
    let f = TaskFields::from_form(&form);
    let version = form.int("version").unwrap_or(0);
    match ops::task::update(&state, &editor, &t, version, &f.form()).await {
        Ok(()) => Ok(Redirect::to(&format!("/tasks/{id}?flash=flash.saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let fr = edit_frame(&viewer, &editor, &t, version);
            show(
                &state,
                &viewer,
                fr,
                f,
                FieldErrors::new(&errs, viewer.lang(), FIELDS),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            let stored = {
                let mut c = state.store.conn().await?;
                task::task(&mut c, viewer.region(), id)
                    .await?
                    .ok_or(AppError::NotFound)?
            };
            let theirs = TaskFields::from_task(&state, viewer.region(), &stored).await?;
            let rows = conflict_rows(&state, &viewer, &f, &theirs).await?;
            let e = FieldErrors::default();
            // The form now carries the stored version: saving again overwrites knowingly.
            let fr = edit_frame(&viewer, &editor, &stored, stored.version);
            show(&state, &viewer, fr, f, e, rows, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /tasks/{id}/move`.
pub async fn move_task(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    ops::tree::move_to(
        &state,
        &cap,
        id,
        form.int("version").unwrap_or(0),
        form.int("parent_id"),
    )
    .await?;
    Ok(Redirect::to(&format!("/tasks/{id}?flash=flash.saved")).into_response())
}

/// `POST /tasks/{id}/reorder`.
pub async fn reorder(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let dir = if form.get("direction") == "up" {
        Direction::Up
    } else {
        Direction::Down
    };
    ops::tree::reorder(&state, &cap, id, dir).await?;
    Ok(Redirect::to(&format!("/tasks/{id}?flash=flash.saved")).into_response())
}
