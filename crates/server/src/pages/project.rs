//! The key-project pages: the ledger (台账) with its filters and sums by level, and a project
//! with its year's plan beside the baseline, its changes with their reasons and its approval
//! nodes. What each reader sees is the access layer's (the office and leaders all, a unit its
//! own).

use askama::Template;
use axum::{extract::State, response::Response};
use luoshi_domain::project::{Level, Stage};
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    forms::{Id, Q},
    views::{
        project::{self as view, Filter, Ledger},
        project_detail::ProjectDetail,
    },
};

/// The ledger's filters as a form sends them.
#[derive(Debug, Default, Deserialize)]
pub struct LedgerForm {
    #[serde(default)]
    level: String,
    #[serde(default)]
    stage: String,
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    category: Option<i64>,
    /// A leader: only the projects they are liaison for (包联).
    #[serde(default)]
    mine: bool,
}

#[derive(Template)]
#[template(path = "projects.html")]
struct LedgerPage {
    l: Layout,
    ledger: Ledger,
    levels: Vec<(&'static str, &'static str)>,
    stages: Vec<(&'static str, &'static str)>,
    categories: Vec<(i64, String)>,
    level: String,
    stage: String,
    category: Option<i64>,
    /// The reader is a leader: offer 只看我包联的.
    leader: bool,
    /// The reader is the office: offer 新增.
    office: bool,
    mine: bool,
}

impl LedgerPage {
    fn chosen_category(&self, id: &i64) -> bool {
        self.category == Some(*id)
    }
}

/// `GET /projects`: the ledger.
pub async fn ledger(State(state): State<AppState>, viewer: Viewer, Q(q): Q<LedgerForm>) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let filter = Filter {
        level: q.level.clone(),
        stage: q.stage.clone(),
        category: q.category,
        leader: reader.leader_id.filter(|_| q.mine),
        ..Filter::default()
    };
    let ledger = view::ledger(&state, &reader, &filter, lang).await?;
    let categories = {
        let mut c = state.store.conn().await?;
        luoshi_store::project::categories(&mut c, reader.region)
            .await?
            .into_iter()
            .map(|k| (k.id, k.name))
            .collect()
    };
    let l = Layout::new(&state, &viewer, "/projects").await?;
    render(&LedgerPage {
        l,
        ledger,
        levels: Level::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
        stages: Stage::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
        categories,
        level: q.level,
        stage: q.stage,
        category: q.category,
        leader: reader.leader_id.is_some(),
        office: viewer.supervisor().is_ok(),
        mine: q.mine,
    })
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    l: Layout,
    d: ProjectDetail,
    office: bool,
}

/// `GET /projects/{id}`: a project.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let d = crate::views::project_detail::detail(&state, &reader, id, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/projects").await?;
    render(&ProjectPage {
        l,
        d,
        office: viewer.supervisor().is_ok(),
    })
}
