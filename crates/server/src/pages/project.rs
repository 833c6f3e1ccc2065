//! The key-project pages: the ledger (台账) with its filters and sums by level, and a project
//! with its year's plan beside the baseline, its changes with their reasons and its approval
//! nodes. What each reader sees is the access layer's (the office and leaders all, a unit its
//! own).

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use luoshi_domain::project::{IssueKind, Level, Stage};
use serde::Deserialize;

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    forms::{FieldErrors, Id, Q},
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
    /// A warning light.
    #[serde(default)]
    light: String,
    /// Where it is built.
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    place: Option<i64>,
    /// A unit: the projects it answers for, serves or hosts.
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    unit: Option<i64>,
    /// The month whose figures an export shows (`2020-05`; default: last month).
    #[serde(default)]
    month: String,
}

impl LedgerForm {
    /// The ledger's filter for `reader`.
    pub fn filter(&self, reader: &crate::access::Reader) -> Filter {
        Filter {
            level: self.level.clone(),
            stage: self.stage.clone(),
            category: self.category,
            leader: reader.leader_id.filter(|_| self.mine),
            light: self.light.clone(),
            place: self.place,
            unit: self.unit,
        }
    }

    /// The month asked for, else the one before `today`'s.
    pub fn month(&self, today: chrono::NaiveDate) -> luoshi_domain::project::Month {
        luoshi_domain::project::Month::parse(&self.month).unwrap_or_else(|| {
            let last = today - chrono::Days::new(u64::from(chrono::Datelike::day(&today)));
            luoshi_domain::project::Month::of(last)
        })
    }
}

#[derive(Template)]
#[template(path = "projects.html")]
struct LedgerPage {
    l: Layout,
    ledger: Ledger,
    levels: Vec<(&'static str, &'static str)>,
    stages: Vec<(&'static str, &'static str)>,
    categories: Vec<(i64, String)>,
    places: Vec<(i64, String)>,
    units: Vec<(i64, String)>,
    unit: Option<i64>,
    lights: Vec<(&'static str, &'static str)>,
    light: String,
    place: Option<i64>,
    level: String,
    stage: String,
    category: Option<i64>,
    /// The reader is a leader: offer 只看我包联的.
    leader: bool,
    /// The table's page.
    pager: crate::views::paging::Pager,
    /// The reader is the office: offer 新增 and the thresholds.
    office: bool,
    /// The region's thresholds: yellow, red, months late.
    thresholds: (i64, i64, i64),
    mine: bool,
}

impl LedgerPage {
    fn chosen_category(&self, id: &i64) -> bool {
        self.category == Some(*id)
    }

    fn chosen_place(&self, id: &i64) -> bool {
        self.place == Some(*id)
    }

    fn chosen_unit(&self, id: &i64) -> bool {
        self.unit == Some(*id)
    }
}

/// `GET /projects`: the ledger.
pub async fn ledger(
    State(state): State<AppState>,
    viewer: Viewer,
    Q(q): Q<LedgerForm>,
    Q(paging): Q<crate::views::paging::PageQuery>,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let filter = q.filter(&reader);
    // The sums and the pipeline count every project chosen; the table shows a page of them.
    let per = usize::try_from(paging.per_page()).unwrap_or(50);
    let skip = usize::try_from(paging.offset()).unwrap_or(0);
    let (ledger, total) = view::ledger_window(&state, &reader, &filter, lang, skip, per).await?;
    let total = total as i64;
    let mut path = String::from("/projects?");
    for (k, v) in [
        ("level", q.level.clone()),
        ("stage", q.stage.clone()),
        ("category", q.category.map(|c| c.to_string()).unwrap_or_default()),
        ("light", q.light.clone()),
        ("place", q.place.map(|c| c.to_string()).unwrap_or_default()),
        ("unit", q.unit.map(|c| c.to_string()).unwrap_or_default()),
        ("mine", if q.mine { "true".into() } else { String::new() }),
    ] {
        if !v.is_empty() {
            let v: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
            path.push_str(&format!("{k}={v}&"));
        }
    }
    let path = path.trim_end_matches(['&', '?']).to_string();
    let pager = paging.pager(total, &path);
    let (categories, places, units, thresholds) = {
        let mut c = state.store.conn().await?;
        let categories = luoshi_store::project::categories(&mut c, reader.region)
            .await?
            .into_iter()
            .map(|k| (k.id, k.name))
            .collect();
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        // Counties and zones, where projects are built.
        // Every unit in use, for the office's and leaders' unit filter.
        let units: Vec<(i64, String)> = if reader.unit().is_none() {
            dir.unit_order
                .iter()
                .filter_map(|u| dir.unit(*u))
                .filter(|u| u.active)
                .map(|u| (u.id, u.name.clone()))
                .collect()
        } else {
            Vec::new()
        };
        let places = dir
            .unit_order
            .iter()
            .filter_map(|u| dir.unit(*u))
            .filter(|u| u.active && (u.category == "county" || u.category == "zone"))
            .map(|u| (u.id, u.name.clone()))
            .collect();
        let t = luoshi_store::project_state::thresholds(&mut c, reader.region).await?;
        (
            categories,
            places,
            units,
            (t.project_yellow_lag, t.project_red_lag, t.project_red_months),
        )
    };
    let l = Layout::new(&state, &viewer, "/projects").await?;
    render(&LedgerPage {
        l,
        ledger,
        levels: Level::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
        stages: Stage::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
        categories,
        places,
        units,
        unit: q.unit,
        lights: luoshi_domain::Light::ALL
            .iter()
            .map(|v| (v.code(), v.name(lang)))
            .collect(),
        light: q.light,
        place: q.place,
        level: q.level,
        stage: q.stage,
        category: q.category,
        leader: reader.leader_id.is_some(),
        office: viewer.supervisor().is_ok(),
        thresholds,
        mine: q.mine,
        pager,
    })
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    l: Layout,
    d: ProjectDetail,
    office: bool,
    /// Problems of the last action, said in words.
    e: FieldErrors,
    /// The issue form's choices: kinds, units and leaders (code, words).
    kinds: Vec<(&'static str, &'static str)>,
    units: Vec<(i64, String)>,
    leaders: Vec<(i64, String)>,
    /// Today, the earliest deadline and the latest day a node is done.
    today: chrono::NaiveDate,
}

/// `GET /projects/{id}`: a project.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    page_with(&state, &viewer, id, FieldErrors::default(), StatusCode::OK).await
}

/// Project `id`'s page with the problems `e` of an action, answered with `status`.
pub async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    e: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let lang = viewer.lang();
    let d = crate::views::project_detail::detail(state, &reader, id, lang).await?;
    let (units, leaders) = if d.may.raise_issue {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        (dir.unit_choices(), dir.leader_choices())
    } else {
        (Vec::new(), Vec::new())
    };
    let l = Layout::new(state, viewer, "/projects").await?;
    let mut r = render(&ProjectPage {
        l,
        d,
        office: viewer.supervisor().is_ok(),
        e,
        kinds: IssueKind::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
        units,
        leaders,
        today: state.clock.today(),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

#[derive(Template)]
#[template(path = "project_liaison.html")]
struct LiaisonPage {
    l: Layout,
    v: crate::views::project_liaison::Liaison,
    leaders: Vec<(i64, String)>,
}

/// Which leader's 包联 page.
#[derive(Debug, Default, Deserialize)]
pub struct LiaisonQuery {
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    leader: Option<i64>,
}

/// `GET /projects/liaison`: a leader's own 包联 page, or (`?leader=`) another's.
pub async fn liaison(State(state): State<AppState>, viewer: Viewer, Q(q): Q<LiaisonQuery>) -> AppResult<Response> {
    let reader = viewer.reader()?;
    let leaders: Vec<(i64, String)> = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        dir.leader_choices()
    };
    let leader = q
        .leader
        .or(reader.leader_id)
        .or_else(|| leaders.first().map(|l| l.0))
        .ok_or(crate::error::AppError::NotFound)?;
    let v = crate::views::project_liaison::liaison(&state, &reader, leader, viewer.lang()).await?;
    let l = Layout::new(&state, &viewer, "/projects").await?;
    render(&LiaisonPage { l, v, leaders })
}
