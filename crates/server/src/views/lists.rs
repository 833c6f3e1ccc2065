//! Cross-plan lists: overdue, lagging and missing-report tasks; units with their lights; a
//! unit's and a leader's tasks; and the tree filters.

use crate::{
    AppState, access::Scope, auth::Viewer, directory::Directory, error::AppError, error::AppResult, i18n::Tr,
    views::TaskRow, views::paging::PageQuery, views::paging::Pager,
};
use chrono::NaiveDate;
use luoshi_domain::{Lang, Light, UnitCategory};
use luoshi_lights::{BoardTask, LightCounts};
use luoshi_store::{state::By, state::Filter, state::Order, state::Tally};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Past the deadline and not done (超期).
    Overdue,
    /// Behind time by more than the plan's yellow threshold (滞后).
    Lagging,
    /// The latest report due was not sent (未按时报送).
    Missing,
}

impl ListKind {
    /// Every list.
    pub const ALL: [ListKind; 3] = [ListKind::Overdue, ListKind::Lagging, ListKind::Missing];

    /// The code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            ListKind::Overdue => "overdue",
            ListKind::Lagging => "lagging",
            ListKind::Missing => "missing",
        }
    }

    /// Parses a URL code.
    pub fn parse(s: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The rule that puts a task on this list (`Reason`'s tag, as stored).
    pub fn rule(self) -> &'static str {
        match self {
            ListKind::Overdue => "overdue",
            ListKind::Lagging => "lagging",
            ListKind::Missing => "report_missing",
        }
    }
}

/// Light counts from stored tallies.
pub fn counts_of(tallies: &[Tally]) -> LightCounts {
    let mut c = LightCounts::default();
    for t in tallies {
        if let Some(light) = Light::parse(&t.light) {
            c.add_many(light, usize::try_from(t.n).unwrap_or(0));
        }
    }
    c
}

/// The filters of the task tree.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreeFilter {
    /// Lead or co-unit (empty: any).
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    pub unit: Option<i64>,
    /// Responsible leader (empty: any).
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    pub leader: Option<i64>,
    /// Light code.
    pub light: Option<String>,
    /// Domain tag.
    pub domain: Option<String>,
    /// Show the lights as recorded on this day (YYYY-MM-DD).
    pub as_of: Option<String>,
}

impl TreeFilter {
    /// Whether any filter (other than the day) is set.
    pub fn narrows(&self) -> bool {
        self.unit.is_some()
            || self.leader.is_some()
            || self.light.as_deref().is_some_and(|s| !s.is_empty())
            || self.domain.as_deref().is_some_and(|s| !s.is_empty())
    }

    /// Whether a task passes the filters.
    pub fn keeps(&self, t: &BoardTask) -> bool {
        self.unit.is_none_or(|u| t.involves(u))
            && self.leader.is_none_or(|l| t.task.leader_id == Some(l))
            && self
                .light
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|l| Light::parse(l) == Some(t.verdict.light))
            && self
                .domain
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|d| t.task.domain == d)
    }
}

/// A unit in the units list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitSummary {
    /// Unit id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Category in words.
    pub category: String,
    /// Lights of the tasks it leads (without sub-tasks).
    pub counts: LightCounts,
    /// Tasks it leads whose latest report due is missing.
    pub missing: usize,
    /// Its latest report, in words.
    pub last_report: String,
}

/// Every active unit with the lights of the tasks it leads (from tallies of tasks without
/// sub-tasks per lead unit).
pub fn unit_summaries(tallies: &[Tally], dir: &Directory, lang: Lang) -> Vec<UnitSummary> {
    let tr = Tr::new(lang);
    dir.unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| {
            let mine: Vec<Tally> = tallies.iter().filter(|t| t.group_id == u.id).cloned().collect();
            let last = mine.iter().filter_map(|t| t.last_accepted).max();
            UnitSummary {
                id: u.id,
                name: u.name.clone(),
                category: UnitCategory::parse(&u.category)
                    .map(|c| lang.pick(c.names().0, c.names().1).to_string())
                    .unwrap_or_default(),
                counts: counts_of(&mine),
                missing: mine.iter().map(|t| t.missing.max(0) as usize).sum(),
                last_report: last
                    .map(|t| super::instant_text(Some(t), lang))
                    .unwrap_or_else(|| tr.t("task.freshness_none")),
            }
        })
        .collect()
}

/// Rows of tasks, with light counts over those without sub-tasks.
pub fn rows(tasks: &[&BoardTask], dir: &Directory, lang: Lang, today: NaiveDate) -> (Vec<TaskRow>, LightCounts) {
    let mut counts = LightCounts::default();
    for t in tasks.iter().filter(|t| !t.has_children) {
        counts.add(t.verdict.light);
    }
    (
        tasks.iter().map(|t| TaskRow::new(t, dir, lang, today)).collect(),
        counts,
    )
}

/// One page of a list of tasks, with the counts over all its pages.
pub struct TaskList {
    /// The unit's or leader's name (empty for the cross-plan lists).
    pub name: String,
    /// The rows of this page.
    pub rows: Vec<TaskRow>,
    /// Light counts of every task on the list without sub-tasks.
    pub counts: LightCounts,
    /// Where this page is.
    pub pager: Pager,
}

/// A page of tasks passing `f` and the light counts of them all, read from the stored lights.
pub async fn task_list(
    state: &AppState,
    viewer: &Viewer,
    f: Filter,
    order: Order,
    q: &PageQuery,
    path: &str,
) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    let today = state.clock.today();
    luoshi_lights::ensure_current(&state.store, reader.region, today).await?;
    let mut c = state.store.conn().await?;
    let (tasks, total) = reader
        .stored_tasks(&mut c, f.clone(), order, q.per_page(), q.offset())
        .await?;
    let tallies = reader.tally(&mut c, Filter { leaf_only: true, ..f }, By::All).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(TaskList {
        name: String::new(),
        rows: tasks
            .iter()
            .map(|t| TaskRow::new(t, &dir, viewer.lang(), today))
            .collect(),
        counts: counts_of(&tallies),
        pager: q.pager(total, path),
    })
}

/// A page of a list (shared with the API): tasks without sub-tasks on it, worst first.
pub async fn list_rows(state: &AppState, viewer: &Viewer, kind: ListKind, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    let f = Filter {
        rule: Some(kind.rule()),
        leaf_only: true,
        ..reader.filter()
    };
    task_list(state, viewer, f, Order::Rank, q, &format!("/lists/{}", kind.code())).await
}

/// Every active unit with the lights of the tasks it leads (shared with the API).
pub async fn unit_overview(state: &AppState, viewer: &Viewer) -> AppResult<Vec<UnitSummary>> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    luoshi_lights::ensure_current(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let f = Filter {
        leaf_only: true,
        ..reader.filter()
    };
    let tallies = reader.tally(&mut c, f, By::LeadUnit).await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    Ok(unit_summaries(&tallies, &dir, viewer.lang()))
}

/// A page of the tasks a unit leads or helps with (shared with the API); a unit user only sees
/// its own.
pub async fn unit_tasks(state: &AppState, viewer: &Viewer, id: i64, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    if let Scope::Unit(u) = reader.scope
        && u != id
    {
        return Err(AppError::NotFound);
    }
    let name = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        dir.unit(id).ok_or(AppError::NotFound)?.name.clone()
    };
    let f = Filter {
        involves_unit: Some(id),
        ..reader.filter()
    };
    let list = task_list(state, viewer, f, Order::Tree, q, &format!("/units/{id}")).await?;
    Ok(TaskList { name, ..list })
}

/// A page of a leader's tasks: those they are responsible for, or led by a unit they oversee.
pub async fn leader_tasks(state: &AppState, viewer: &Viewer, id: i64, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    let name = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        let leader = dir.leader(id).ok_or(AppError::NotFound)?;
        format!("{}（{}）", leader.name, leader.title)
    };
    let f = Filter {
        leader_or_overseen: Some(id),
        ..reader.filter()
    };
    let list = task_list(state, viewer, f, Order::Tree, q, &format!("/leaders/{id}")).await?;
    Ok(TaskList { name, ..list })
}

/// Which tasks a list of lights shows (`/lists/tasks?light=&of=`): those of one light, or the
/// red and yellow ones (需要关注, worst first); of the reader's own (a unit's tasks, a leader's
/// portfolio: what their home page counts) or the whole region's.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LightQuery {
    /// `red`, `yellow`, `green`, `blue`, or `attention` (red and yellow); every light if absent.
    #[serde(default)]
    pub light: Option<String>,
    /// `all` for the whole region (office and leaders); the reader's own tasks otherwise.
    #[serde(default)]
    pub of: Option<String>,
}

impl LightQuery {
    /// The light asked for (`None` for every light; an empty value is none).
    pub fn light(&self) -> Option<&str> {
        self.light.as_deref().filter(|l| !l.is_empty())
    }

    /// Whether the list is of the whole region.
    pub fn all(&self) -> bool {
        self.of.as_deref() == Some("all")
    }

    /// The list's own link, with its query.
    pub fn path(&self) -> String {
        let mut q = Vec::new();
        if let Some(l) = self.light() {
            q.push(format!("light={l}"));
        }
        if self.all() {
            q.push("of=all".to_string());
        }
        if q.is_empty() {
            "/lists/tasks".to_string()
        } else {
            format!("/lists/tasks?{}", q.join("&"))
        }
    }
}

/// A page of the tasks without sub-tasks of a light (shared with the API): what a home page's
/// tile counts. An unknown light is a 404; the region's list is the office's and leaders'.
pub async fn light_rows(state: &AppState, viewer: &Viewer, lq: &LightQuery, q: &PageQuery) -> AppResult<TaskList> {
    let reader = viewer.reader()?;
    let mut f = Filter {
        leaf_only: true,
        ..reader.filter()
    };
    if lq.all() && reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    if !lq.all()
        && let (luoshi_domain::Role::Leader, Some(leader)) = (reader.role, reader.leader_id)
    {
        let mut c = state.store.conn().await?;
        f.task_ids = Some(luoshi_store::state::portfolio(&mut c, reader.region, leader).await?);
    }
    let order = match lq.light() {
        None => Order::Tree,
        Some("attention") => {
            f.red_or_yellow = true;
            Order::Worst
        }
        Some(code) => {
            f.light = Some(Light::parse(code).ok_or(AppError::NotFound)?);
            Order::Tree
        }
    };
    task_list(state, viewer, f, order, q, &lq.path()).await
}
