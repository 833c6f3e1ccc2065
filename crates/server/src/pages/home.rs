//! `/home`: what needs this person's attention, by role.

use crate::forms::Q;
use askama::Template;
use axum::{extract::State, response::Response};
use luoshi_domain::Role;
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    views::{
        HomeView,
        admin::{self, AuditOut, SessionOut},
    },
};

#[derive(Template)]
#[template(path = "home_business.html")]
struct BusinessHome {
    l: Layout,
    v: HomeView,
    unit_name: String,
}

#[derive(Template)]
#[template(path = "home_admin.html")]
struct AdminHome {
    l: Layout,
    s: crate::views::directory::Setup,
}

#[derive(Template)]
#[template(path = "home_security.html")]
struct SecurityHome {
    l: Layout,
    locked: Vec<crate::views::admin::LockOut>,
    sessions: Vec<SessionOut>,
    policy: Vec<String>,
}

#[derive(Template)]
#[template(path = "home_auditor.html")]
struct AuditorHome {
    l: Layout,
    lines: Vec<AuditOut>,
    verified: String,
    broken: Option<String>,
    page: i64,
    more: bool,
}

/// Query of the home page.
#[derive(Debug, Deserialize)]
pub struct HomeQuery {
    #[serde(default, deserialize_with = "crate::forms::page_from_zero")]
    page: i64,
}

/// `GET /home`.
pub async fn home(State(state): State<AppState>, viewer: Viewer, Q(q): Q<HomeQuery>) -> AppResult<Response> {
    let l = Layout::new(&state, &viewer, "/home").await?;
    let lang = l.lang;
    let now = state.clock.now();
    if matches!(viewer.role, Role::Supervisor | Role::Leader | Role::UnitUser) {
        luoshi_lights::ensure_current(&state.store, viewer.region(), state.clock.today()).await?;
    }
    let mut conn = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut conn, viewer.region()).await?;
    match viewer.role {
        Role::Supervisor | Role::Leader | Role::UnitUser => {
            let reader = viewer.reader()?;
            let mut v = HomeView::build(&reader, &state.boards, &mut conn, &dir, lang, state.clock.today()).await?;
            v.instructions =
                crate::views::instruction::InstructionTally::of(&mut conn, &viewer, state.clock.today()).await?;
            let unit_name = dir.unit_name(reader.unit());
            render(&BusinessHome { l, v, unit_name })
        }
        Role::Admin => {
            let cap = viewer.administrator()?;
            let s = crate::views::directory::Setup::of(&mut conn, cap.region, &dir).await?;
            render(&AdminHome { l, s })
        }
        Role::SecurityOfficer => {
            let cap = viewer.security_officer()?;
            let locked = admin::locks(cap, &mut conn, lang, now).await?;
            let sessions = admin::sessions(cap, &mut conn, lang, now).await?;
            let policy = admin::policy_lines(&state.config, lang);
            render(&SecurityHome {
                l,
                locked,
                sessions,
                policy,
            })
        }
        Role::Auditor => {
            let cap = viewer.auditor()?;
            let (lines, more) = admin::audit_page(cap, &mut conn, lang, q.page, 50).await?;
            let (verified, broken) = admin::verification(cap, &mut conn, lang).await?;
            render(&AuditorHome {
                l,
                lines,
                verified,
                broken,
                page: q.page.max(0),
                more,
            })
        }
    }
}
