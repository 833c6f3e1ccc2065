//! The system administrator's pages for the directory: units (`/admin/units`), leaders
//! (`/admin/leaders`) and accounts (`/admin/users`), each a list with its form; a record's
//! form at `/{id}`.

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{LeaderInput, Role, UnitCategory, UnitInput, UserInput};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FieldErrors, FormData, Id, Posted},
    ops::directory::{self as ops, LeaderEdit, UnitEdit},
    ops::directory_accounts::{self as accounts, AccountEdit},
    views::directory::{self as views, AccountRow, LeaderRow, UnitRow},
};

/// What the unit form shows.
#[derive(Debug, Clone, Default)]
struct UnitFields {
    name: String,
    short_name: String,
    category: String,
    sort: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin_units.html")]
struct UnitsPage {
    l: Layout,
    units: Vec<UnitRow>,
    editing: Option<UnitRow>,
    f: UnitFields,
    categories: Vec<(&'static str, String)>,
    today: String,
    e: FieldErrors,
    me: FieldErrors,
}

/// A form's problems: its fields' own, a conflict as a general message.
fn problems(err: AppError, lang: luoshi_domain::Lang, fields: &[&str]) -> AppResult<FieldErrors> {
    match err {
        AppError::Validation(errs) => Ok(FieldErrors::new(&errs, lang, fields)),
        e @ AppError::Conflict { .. } => Ok(FieldErrors::general(e.message(lang))),
        e => Err(e),
    }
}

const UNIT_FIELDS: [&str; 4] = ["name", "short_name", "category", "sort"];

async fn units_page(
    state: &AppState,
    viewer: &Viewer,
    editing: Option<i64>,
    posted: Option<UnitFields>,
    e: FieldErrors,
    me: FieldErrors,
) -> AppResult<Response> {
    viewer.administrator()?;
    let l = Layout::new(state, viewer, "/admin/units").await?;
    let lang = l.lang;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, viewer.region()).await?
    };
    let units = views::units(&dir, lang);
    let editing = match editing {
        Some(id) => Some(units.iter().find(|u| u.id == id).cloned().ok_or(AppError::NotFound)?),
        None => None,
    };
    let f = posted.unwrap_or_else(|| match &editing {
        Some(u) => UnitFields {
            name: u.name.clone(),
            short_name: u.short_name.clone(),
            category: u.category.clone(),
            sort: u.sort.to_string(),
            active: u.active,
        },
        None => UnitFields {
            category: UnitCategory::Department.code().into(),
            active: true,
            ..UnitFields::default()
        },
    });
    render(&UnitsPage {
        categories: UnitCategory::ALL
            .iter()
            .map(|c| (c.code(), lang.pick(c.names().0, c.names().1).to_string()))
            .collect(),
        today: state.clock.today().to_string(),
        l,
        units,
        editing,
        f,
        e,
        me,
    })
}

fn unit_form(form: &FormData) -> (UnitInput, UnitFields) {
    let f = UnitFields {
        name: form.get("name").to_string(),
        short_name: form.get("short_name").to_string(),
        category: form.get("category").to_string(),
        sort: form.get("sort").to_string(),
        active: form.checked("active"),
    };
    let input = UnitInput {
        name: f.name.clone(),
        short_name: f.short_name.clone(),
        category: f.category.clone(),
        sort: form.int("sort"),
    };
    (input, f)
}

/// `GET /admin/units`
pub async fn units(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    units_page(
        &state,
        &viewer,
        None,
        None,
        FieldErrors::default(),
        FieldErrors::default(),
    )
    .await
}

/// `GET /admin/units/{id}`
pub async fn unit(State(state): State<AppState>, Id(id): Id, viewer: Viewer) -> AppResult<Response> {
    units_page(
        &state,
        &viewer,
        Some(id),
        None,
        FieldErrors::default(),
        FieldErrors::default(),
    )
    .await
}

/// `POST /admin/units`: adds a unit.
pub async fn add_unit(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let (input, f) = unit_form(&form);
    match ops::add_unit(&state, cap, &viewer.actor(), &input).await {
        Ok(_) => Ok(Redirect::to("/admin/units?flash=flash.saved").into_response()),
        Err(err) => {
            let e = problems(err, viewer.lang(), &UNIT_FIELDS)?;
            units_page(&state, &viewer, None, Some(f), e, FieldErrors::default()).await
        }
    }
}

/// `POST /admin/units/{id}`: changes a unit.
pub async fn edit_unit(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let (input, f) = unit_form(&form);
    let edit = UnitEdit {
        input,
        active: f.active,
        renamed_on: form.date("renamed_on"),
        version: form.int("version").unwrap_or(0),
    };
    match ops::edit_unit(&state, cap, &viewer.actor(), id, &edit).await {
        Ok(()) => Ok(Redirect::to("/admin/units?flash=flash.saved").into_response()),
        Err(err) => {
            let e = problems(err, viewer.lang(), &UNIT_FIELDS)?;
            units_page(&state, &viewer, Some(id), Some(f), e, FieldErrors::default()).await
        }
    }
}

/// `POST /admin/units/{id}/merge`
pub async fn merge_unit(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let into = form.int("into").unwrap_or(0);
    let version = form.int("version").unwrap_or(0);
    match ops::merge_unit(&state, cap, &viewer.actor(), id, version, into, form.date("on")).await {
        Ok(()) => Ok(Redirect::to("/admin/units?flash=flash.saved").into_response()),
        Err(err) => {
            let me = problems(err, viewer.lang(), &[])?;
            units_page(&state, &viewer, Some(id), None, FieldErrors::default(), me).await
        }
    }
}

#[derive(Template)]
#[template(path = "admin_leaders.html")]
struct LeadersPage {
    l: Layout,
    leaders: Vec<LeaderRow>,
    editing: Option<i64>,
    f: LeaderEdit,
    units: Vec<(i64, String)>,
    e: FieldErrors,
}

async fn leaders_page(
    state: &AppState,
    viewer: &Viewer,
    editing: Option<i64>,
    posted: Option<LeaderEdit>,
    e: FieldErrors,
) -> AppResult<Response> {
    viewer.administrator()?;
    let l = Layout::new(state, viewer, "/admin/leaders").await?;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, viewer.region()).await?
    };
    let leaders = views::leaders(&dir);
    let f = match (posted, editing) {
        (Some(f), _) => f,
        (None, Some(id)) => {
            let r = leaders.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
            LeaderEdit {
                input: LeaderInput {
                    name: r.name.clone(),
                    title: r.title.clone(),
                    portfolio: r.portfolio.clone(),
                    sort: Some(r.sort),
                },
                units: r.unit_ids.clone(),
                active: r.active,
                version: r.version,
            }
        }
        (None, None) => LeaderEdit {
            active: true,
            ..LeaderEdit::default()
        },
    };
    let units = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.active || f.units.contains(&u.id))
        .map(|u| (u.id, u.short_name.clone()))
        .collect();
    render(&LeadersPage {
        l,
        leaders,
        editing,
        f,
        units,
        e,
    })
}

fn leader_form(form: &FormData) -> LeaderEdit {
    LeaderEdit {
        input: LeaderInput {
            name: form.get("name").to_string(),
            title: form.get("title").to_string(),
            portfolio: form.get("portfolio").to_string(),
            sort: form.int("sort"),
        },
        units: form.ints("units"),
        active: form.checked("active"),
        version: form.int("version").unwrap_or(0),
    }
}

const LEADER_FIELDS: [&str; 5] = ["name", "title", "portfolio", "sort", "units"];

/// `GET /admin/leaders`
pub async fn leaders(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    leaders_page(&state, &viewer, None, None, FieldErrors::default()).await
}

/// `GET /admin/leaders/{id}`
pub async fn leader(State(state): State<AppState>, Id(id): Id, viewer: Viewer) -> AppResult<Response> {
    leaders_page(&state, &viewer, Some(id), None, FieldErrors::default()).await
}

async fn save_leader(state: &AppState, viewer: &Viewer, id: Option<i64>, form: &FormData) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let f = leader_form(form);
    match ops::save_leader(state, cap, &viewer.actor(), id, &f).await {
        Ok(_) => Ok(Redirect::to("/admin/leaders?flash=flash.saved").into_response()),
        Err(err) => {
            let e = problems(err, viewer.lang(), &LEADER_FIELDS)?;
            leaders_page(state, viewer, id, Some(f), e).await
        }
    }
}

/// `POST /admin/leaders`: adds a leader.
pub async fn add_leader(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    save_leader(&state, &viewer, None, &form).await
}

/// `POST /admin/leaders/{id}`: changes a leader.
pub async fn edit_leader(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, form): Posted,
) -> AppResult<Response> {
    save_leader(&state, &viewer, Some(id), &form).await
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    l: Layout,
    accounts: Vec<AccountRow>,
    editing: Option<i64>,
    f: AccountEdit,
    roles: Vec<(&'static str, String)>,
    units: Vec<(i64, String)>,
    leaders: Vec<(i64, String)>,
    given: Option<(String, String)>,
    e: FieldErrors,
}

async fn users_page(
    state: &AppState,
    viewer: &Viewer,
    editing: Option<i64>,
    posted: Option<AccountEdit>,
    given: Option<(String, String)>,
    e: FieldErrors,
) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let l = Layout::new(state, viewer, "/admin/users").await?;
    let lang = l.lang;
    let (dir, accounts) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::load(&mut c, cap.region).await?;
        let accounts = views::accounts(&mut c, cap.region, &dir, lang).await?;
        (dir, accounts)
    };
    let f = match (posted, editing) {
        (Some(f), _) => f,
        (None, Some(id)) => {
            let a = accounts
                .iter()
                .find(|a| a.user.id == id && a.editable)
                .ok_or(AppError::NotFound)?;
            AccountEdit {
                input: UserInput {
                    username: a.user.username.clone(),
                    display_name: a.user.display_name.clone(),
                    role: a.user.role.code().into(),
                    email: a.user.email.clone(),
                },
                unit: a.user.unit_id,
                leader: a.user.leader_id,
                active: a.user.active,
                version: a.user.version,
            }
        }
        (None, None) => AccountEdit {
            input: UserInput {
                role: Role::UnitUser.code().into(),
                ..UserInput::default()
            },
            active: true,
            ..AccountEdit::default()
        },
    };
    let units = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.active || f.unit == Some(u.id))
        .map(|u| (u.id, u.name.clone()))
        .collect();
    let leaders = dir
        .leader_order
        .iter()
        .filter_map(|id| dir.leader(*id))
        .filter(|x| x.active || f.leader == Some(x.id))
        .map(|x| (x.id, format!("{}{}", x.title, x.name)))
        .collect();
    render(&UsersPage {
        roles: Role::ASSIGNABLE
            .iter()
            .map(|r| (r.code(), lang.pick(r.names().0, r.names().1).to_string()))
            .collect(),
        l,
        accounts,
        editing,
        f,
        units,
        leaders,
        given,
        e,
    })
}

fn account_form(form: &FormData) -> AccountEdit {
    AccountEdit {
        input: UserInput {
            username: form.get("username").to_string(),
            display_name: form.get("display_name").to_string(),
            role: form.get("role").to_string(),
            email: form.get("email").to_string(),
        },
        unit: form.int("unit"),
        leader: form.int("leader"),
        active: form.checked("active"),
        version: form.int("version").unwrap_or(0),
    }
}

const USER_FIELDS: [&str; 6] = ["username", "display_name", "role", "email", "unit", "leader"];

/// `GET /admin/users`
pub async fn users(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    users_page(&state, &viewer, None, None, None, FieldErrors::default()).await
}

/// `GET /admin/users/{id}`
pub async fn user(State(state): State<AppState>, Id(id): Id, viewer: Viewer) -> AppResult<Response> {
    users_page(&state, &viewer, Some(id), None, None, FieldErrors::default()).await
}

/// `POST /admin/users`: adds an account; the page shows its password once.
pub async fn add_user(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let f = account_form(&form);
    match accounts::add_account(&state, cap, &viewer.actor(), &f).await {
        Ok((_, pw)) => {
            let who = luoshi_domain::directory::login_name(&f.input.username);
            users_page(&state, &viewer, None, None, Some((who, pw)), FieldErrors::default()).await
        }
        Err(err) => {
            let e = problems(err, viewer.lang(), &USER_FIELDS)?;
            users_page(&state, &viewer, None, Some(f), None, e).await
        }
    }
}

/// `POST /admin/users/{id}`: changes an account.
pub async fn edit_user(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let f = account_form(&form);
    match accounts::edit_account(&state, cap, &viewer.actor(), id, &f).await {
        Ok(()) => Ok(Redirect::to("/admin/users?flash=flash.saved").into_response()),
        Err(err) => {
            let e = problems(err, viewer.lang(), &USER_FIELDS)?;
            users_page(&state, &viewer, Some(id), Some(f), None, e).await
        }
    }
}

/// `POST /admin/users/{id}/password`: a new password, shown once.
pub async fn reset_password(
    State(state): State<AppState>,
    Id(id): Id,
    Posted(viewer, _form): Posted,
) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let pw = accounts::reset_password(&state, cap, &viewer.actor(), id).await?;
    let who = {
        let mut c = state.store.conn().await?;
        luoshi_store::user::user(&mut c, cap.region, id)
            .await?
            .map(|u| u.username)
            .unwrap_or_default()
    };
    users_page(&state, &viewer, Some(id), None, Some((who, pw)), FieldErrors::default()).await
}
