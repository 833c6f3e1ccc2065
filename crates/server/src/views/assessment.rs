//! Assessment as the pages and the API show it (issue 19): the schemes, a scheme with its rules
//! and — when its visibility lets the viewer see them — its rankings per group, and a unit's
//! breakdown, every line with its rule and a link to the record it came from. A unit sees its
//! own breakdown, a leader the units of their portfolio, the office all of them.

use luoshi_domain::{
    Lang, Role,
    assessment::{
        Grade, RecordKind, RuleKind, points_text,
        scheme::{PeriodKind, Visibility},
    },
    fmt_date,
};
use luoshi_store::assessment::{self as store, StoredScheme};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    access::Reader,
    directory::Directory,
    error::{AppError, AppResult},
};

/// A scheme in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SchemeRow {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Its period's length, in words.
    pub kind_name: String,
    /// Its period, in words.
    pub period_text: String,
    /// `open` or `closed`.
    pub status: String,
    /// The status in words.
    pub status_name: String,
    /// Who sees the ranking, in words.
    pub visibility_name: String,
    /// Version, for closing it.
    pub version: i64,
}

pub(super) fn row(s: &StoredScheme, lang: Lang) -> SchemeRow {
    SchemeRow {
        id: s.id,
        name: s.name.clone(),
        kind_name: PeriodKind::parse(&s.kind)
            .map(|k| k.name(lang))
            .unwrap_or_default()
            .to_string(),
        period_text: format!(
            "{}{}{}",
            fmt_date(s.period_from, lang),
            lang.pick("至", " to "),
            fmt_date(s.period_to, lang)
        ),
        status: s.status.clone(),
        status_name: match (s.status.as_str(), lang) {
            ("closed", Lang::Zh) => "已结束（得分已固定）",
            ("closed", Lang::En) => "Closed (scores fixed)",
            (_, Lang::Zh) => "进行中",
            (_, Lang::En) => "Open",
        }
        .to_string(),
        visibility_name: Visibility::parse(&s.visibility)
            .map(|v| v.name(lang))
            .unwrap_or_default()
            .to_string(),
        version: s.version,
    }
}

/// The region's schemes, the latest first.
pub async fn schemes(state: &AppState, reader: &Reader, lang: Lang) -> AppResult<Vec<SchemeRow>> {
    let mut c = state.store.conn().await?;
    Ok(store::schemes(&mut c, reader.region)
        .await?
        .iter()
        .map(|s| row(s, lang))
        .collect())
}

/// A place in a ranking.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankRow {
    /// The unit.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// Its place in its group, from 1.
    pub place: i64,
    /// Its total (hundredths).
    pub total: i64,
    /// The total in words (`96.24`).
    pub total_text: String,
    /// Grade code.
    pub grade: String,
    /// The grade in words.
    pub grade_name: String,
    /// The change of place since the previous period: `↑2`, `↓1`, `—`, or empty when it was
    /// not ranked then.
    pub change_text: String,
    /// The evaluation is weighed but not entered yet.
    pub evaluation_pending: bool,
    /// Whether the viewer may open its breakdown.
    pub may_open: bool,
}

/// A group's ranking.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupRanking {
    /// The group's name.
    pub name: String,
    /// Its places.
    pub rows: Vec<RankRow>,
    /// How many units scored in each band (`<60`, `60–70`, … `≥100`).
    pub distribution: Vec<(String, usize)>,
    /// Highest, lowest and mean, in words.
    pub summary: String,
    /// The distribution drawn (SVG).
    #[serde(skip)]
    pub chart: String,
}

/// A rule of a scheme, in words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleOut {
    /// Kind code.
    pub kind: String,
    /// What it counts.
    pub name: String,
    /// Points a record (`-0.5`).
    pub points_text: String,
    /// The most it moves the score, or empty.
    pub cap_text: String,
}

/// A scheme with its rules and, when visible to the viewer, its rankings.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SchemeDetail {
    /// The scheme.
    pub scheme: SchemeRow,
    /// Base score in words.
    pub base_text: String,
    /// Floor in words.
    pub floor_text: String,
    /// The evaluation's share, percent.
    pub evaluation_share: i64,
    /// The rules.
    pub rules: Vec<RuleOut>,
    /// Whether the viewer sees the rankings.
    pub ranking_visible: bool,
    /// The rankings per group (empty when not visible).
    pub groups: Vec<GroupRanking>,
}

/// Whether `reader` sees the rankings of a scheme of `visibility`.
pub fn sees_ranking(reader: &Reader, visibility: &str) -> bool {
    let v = Visibility::parse(visibility).unwrap_or(Visibility::Office);
    match reader.role {
        Role::Supervisor => true,
        Role::Leader => v >= Visibility::Leaders,
        _ => v >= Visibility::Units,
    }
}

/// Whether `reader` may open `unit`'s breakdown: its own unit, a leader's portfolio, the office.
pub fn sees_unit(reader: &Reader, dir: &Directory, unit: i64) -> bool {
    match reader.role {
        Role::Supervisor => true,
        Role::Leader => reader.leader_id.is_some_and(|l| dir.overseen_by(l).contains(&unit)),
        _ => reader.unit() == Some(unit),
    }
}

fn change_text(change: Option<i64>) -> String {
    match change {
        None => String::new(),
        Some(0) => "—".into(),
        Some(n) if n > 0 => format!("↑{n}"),
        Some(n) => format!("↓{}", -n),
    }
}

/// Scheme `id` as `reader` may see it.
pub async fn scheme(state: &AppState, reader: &Reader, id: i64, lang: Lang) -> AppResult<SchemeDetail> {
    luoshi_lights::refresh_stale_schemes(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let s = store::scheme(&mut c, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let mut rules: Vec<(RuleKind, RuleOut)> = store::rules(&mut c, reader.region, id)
        .await?
        .into_iter()
        .filter_map(|(kind, points, cap)| {
            let k = RuleKind::parse(&kind)?;
            let out = RuleOut {
                kind,
                name: k.name(lang).to_string(),
                points_text: points_text(points, true),
                cap_text: cap.map(|c| points_text(c, false)).unwrap_or_default(),
            };
            Some((k, out))
        })
        .collect();
    // In the kinds' own order, as the scheme lists them.
    rules.sort_by_key(|(k, _)| *k);
    let rules: Vec<RuleOut> = rules.into_iter().map(|(_, r)| r).collect();
    let visible = sees_ranking(reader, &s.visibility);
    let mut groups = Vec::new();
    if visible {
        let names = luoshi_domain::assessment::scheme::parse_groups(&s.unit_groups).unwrap_or_default();
        let scores = store::scores(&mut c, reader.region, id).await?;
        for (i, g) in names.iter().enumerate() {
            let rows: Vec<RankRow> = scores
                .iter()
                .filter(|x| x.group_index == i as i64)
                .map(|x| RankRow {
                    unit_id: x.unit_id,
                    unit: dir.unit_name(Some(x.unit_id)),
                    place: x.place,
                    total: x.total,
                    total_text: points_text(x.total, false),
                    grade: x.grade.clone(),
                    grade_name: Grade::parse(&x.grade)
                        .map(|g| g.name(lang))
                        .unwrap_or_default()
                        .to_string(),
                    change_text: change_text(x.place_change),
                    evaluation_pending: x.evaluation_pending,
                    may_open: sees_unit(reader, &dir, x.unit_id),
                })
                .collect();
            let totals: Vec<i64> = rows.iter().map(|r: &RankRow| r.total).collect();
            let (distribution, summary, chart) = super::assessment_history::distribution(&totals, &g.name, lang);
            groups.push(GroupRanking {
                name: g.name.clone(),
                rows,
                distribution,
                summary,
                chart,
            });
        }
    }
    Ok(SchemeDetail {
        scheme: row(&s, lang),
        base_text: points_text(s.base_points, false),
        floor_text: points_text(s.floor_points, false),
        evaluation_share: s.evaluation_share,
        rules,
        ranking_visible: visible,
        groups,
    })
}

/// A line of a unit's score.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineOut {
    /// `base`, `rule`, `floor` or `evaluation`.
    pub kind: String,
    /// The rule's kind, for rule lines.
    pub rule: String,
    /// What the line is, in words (the rule's name, 基础分, 保底, 领导评议).
    pub name: String,
    /// Points (hundredths).
    pub points: i64,
    /// Points in words, signed (`-0.5`).
    pub points_text: String,
    /// What the rule would have counted without its cap, when the cap cut it.
    pub capped_from: String,
    /// The record in words.
    pub label: String,
    /// Times counted (months, for the per-month rules).
    pub times: i64,
    /// The record's kind in words.
    pub record_name: String,
    /// Where the record is.
    pub link: Option<String>,
}

/// A unit's score under a scheme, line by line.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Breakdown {
    /// The scheme.
    pub scheme: SchemeRow,
    /// The unit.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// Total in words.
    pub total_text: String,
    /// Total (hundredths).
    pub total: i64,
    /// Place in its group.
    pub place: i64,
    /// How many its group ranks.
    pub ranked: i64,
    /// The grade in words.
    pub grade_name: String,
    /// The change of place.
    pub change_text: String,
    /// Whether the viewer sees the ranking (else the place is not shown).
    pub ranking_visible: bool,
    /// Every line, adding up to the total.
    pub lines: Vec<LineOut>,
    /// The unit's scores under every scheme, the latest first.
    pub history: Vec<super::assessment_history::HistoryRow>,
    /// The history drawn (SVG), oldest first.
    #[serde(skip)]
    pub history_chart: String,
}

/// `unit`'s breakdown under scheme `id`, for a reader who may see it.
pub async fn breakdown(state: &AppState, reader: &Reader, id: i64, unit: i64, lang: Lang) -> AppResult<Breakdown> {
    luoshi_lights::refresh_stale_schemes(&state.store, reader.region, state.clock.today()).await?;
    let mut c = state.store.conn().await?;
    let s = store::scheme(&mut c, reader.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    if !sees_unit(reader, &dir, unit) {
        return Err(AppError::NotFound);
    }
    let score = store::scores(&mut c, reader.region, id)
        .await?
        .into_iter()
        .find(|x| x.unit_id == unit)
        .ok_or(AppError::NotFound)?;
    let history = super::assessment_history::history(&mut c, reader, unit, lang).await?;
    let mut lines = Vec::new();
    for l in store::lines(&mut c, reader.region, id, unit).await? {
        let kind = RecordKind::parse(&l.record_kind);
        let link = match (kind, l.record_id) {
            (Some(RecordKind::Task), Some(t)) => Some(format!("/tasks/{t}")),
            (Some(RecordKind::Report), Some(r)) => luoshi_store::report::report(&mut c, reader.region, r)
                .await?
                .map(|r| format!("/tasks/{}", r.task_id)),
            (Some(RecordKind::Order), Some(o)) => Some(format!("/supervisions/{o}")),
            (Some(RecordKind::Project), Some(p)) => Some(format!("/projects/{p}")),
            (Some(RecordKind::Indicator), Some(i)) => Some(format!("/indicators/{i}")),
            (Some(RecordKind::Accountability), Some(a)) => Some(format!("/accountability/{a}")),
            _ => None,
        };
        let name = match l.kind.as_str() {
            "base" => lang.pick("基础分", "Base score").to_string(),
            "floor" => lang.pick("保底分调整", "Raised to the floor").to_string(),
            "evaluation" => lang.pick("领导评议折算", "Leaders' evaluation weighed in").to_string(),
            _ => RuleKind::parse(&l.rule)
                .map(|k| k.name(lang))
                .unwrap_or_default()
                .to_string(),
        };
        lines.push(LineOut {
            name,
            points_text: points_text(l.points, l.kind != "base"),
            capped_from: if l.uncapped != l.points {
                points_text(l.uncapped, true)
            } else {
                String::new()
            },
            record_name: kind.map(|k| k.name(lang)).unwrap_or_default().to_string(),
            link,
            kind: l.kind,
            rule: l.rule,
            points: l.points,
            label: l.label,
            times: l.times,
        });
    }
    Ok(Breakdown {
        scheme: row(&s, lang),
        unit_id: unit,
        unit: dir.unit_name(Some(unit)),
        total_text: points_text(score.total, false),
        total: score.total,
        place: score.place,
        ranked: score.ranked,
        grade_name: Grade::parse(&score.grade)
            .map(|g| g.name(lang))
            .unwrap_or_default()
            .to_string(),
        change_text: change_text(score.place_change),
        ranking_visible: sees_ranking(reader, &s.visibility),
        lines,
        history_chart: super::chart::bars(
            &format!(
                "{}{}",
                dir.unit_name(Some(unit)),
                lang.pick("历次考核得分", ": scores by period")
            ),
            &history
                .iter()
                .rev()
                .map(|h| super::chart::Bar {
                    label: h.period_short.clone(),
                    value: h.total as f64 / 100.0,
                    text: h.total_text.clone(),
                    class: "",
                    href: Some(format!("/assessment/{}/units/{unit}", h.scheme_id)),
                })
                .collect::<Vec<_>>(),
        ),
        history,
    })
}
