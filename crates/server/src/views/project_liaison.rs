//! A leader's 包联 page: the key projects the leader personally answers for (领导带头包联) — their
//! sums by level, how many are at each warning, the red and yellow ones first with why, the
//! open coordination issues on them, and the dispatch meetings the leader chairs.

use luoshi_domain::{Lang, Light};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    dispatch::MeetingRow,
    project::{Filter, LevelSum, ProjectRow, ledger},
    project_detail::{IssueOut, issue_out},
};
use crate::{
    AppState,
    access::{Reader, Scope},
    directory::Directory,
    error::{AppError, AppResult},
};

/// How many of the leader's projects are at one warning.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LightCount {
    /// Light code.
    pub light: String,
    /// In words.
    pub name: String,
    /// How many.
    pub count: usize,
}

/// The page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Liaison {
    /// The leader's id.
    pub leader_id: i64,
    /// `常务副市长 王建华`.
    pub leader: String,
    /// Sums by level, in the published form.
    pub sums: Vec<LevelSum>,
    /// How many at each warning, red first.
    pub counts: Vec<LightCount>,
    /// The red and yellow projects, red first.
    pub attention: Vec<ProjectRow>,
    /// The others.
    pub others: Vec<ProjectRow>,
    /// Open coordination issues on them, the earliest deadline first.
    pub issues: Vec<IssueOut>,
    /// The dispatch meetings the leader chairs, the latest first.
    pub meetings: Vec<MeetingRow>,
}

/// Leader `leader`'s 包联 page, for the office or a leader.
pub async fn liaison(state: &AppState, reader: &Reader, leader: i64, lang: Lang) -> AppResult<Liaison> {
    if reader.scope != Scope::Region {
        return Err(AppError::Forbidden);
    }
    let name = {
        let mut c = state.store.conn().await?;
        let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
        let l = dir.leader(leader).ok_or(AppError::NotFound)?;
        format!("{} {}", l.title, l.name)
    };
    let filter = Filter {
        leader: Some(leader),
        ..Filter::default()
    };
    let l = ledger(state, reader, &filter, lang).await?;
    let counts = Light::ALL
        .iter()
        .map(|light| LightCount {
            light: light.code().into(),
            name: light.name(lang).into(),
            count: l.rows.iter().filter(|r| r.light == light.code()).count(),
        })
        .collect();
    let rank = |r: &ProjectRow| match r.light.as_str() {
        "red" => 0,
        "yellow" => 1,
        _ => 2,
    };
    let mut rows = l.rows;
    rows.sort_by_key(|r| (rank(r), r.id));
    let (attention, others): (Vec<ProjectRow>, Vec<ProjectRow>) = rows.into_iter().partition(|r| rank(r) < 2);
    let ids: std::collections::HashSet<i64> = attention.iter().chain(others.iter()).map(|r| r.id).collect();
    let today = state.clock.today();
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let issues = luoshi_store::project_issue::unclosed(&mut c, reader.region)
        .await?
        .iter()
        .filter(|i| ids.contains(&i.project_id))
        .map(|i| issue_out(i, &dir, reader, today, lang))
        .collect();
    drop(c);
    let meetings = super::dispatch::list(state, reader, lang)
        .await?
        .into_iter()
        .filter(|m| m.leader_id == leader)
        .collect();
    Ok(Liaison {
        leader_id: leader,
        leader: name,
        sums: l.sums,
        counts,
        attention,
        others,
        issues,
        meetings,
    })
}
