//! Changing an open scheme on a page (issue 19): `/assessment/{id}/edit` shows every setting —
//! the period, base and floor, the evaluation's share, who sees the ranking, the grades, the
//! groups ranked apart and each rule's points and cap — and saving judges the scores again. A
//! closed scheme is not changed: it is copied for the next period on `/assessment`.

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_domain::{
    Lang,
    assessment::{
        Grading, RuleKind, Scheme, points_text,
        scheme::{PeriodKind, Visibility},
    },
    task::UnitCategory,
};

use super::{layout::Layout, render};
use crate::{
    AppState,
    api::assessment::{GroupBody, RuleBody, SchemeBody, overlay, stored_scheme},
    auth::Viewer,
    error::{AppError, AppResult},
    forms::{FormData, Id, Posted},
    ops::assessment as ops,
};

/// A rule's row of the form.
pub struct RuleRow {
    code: &'static str,
    name: &'static str,
    on: bool,
    points: String,
    cap: String,
}

/// A group's row of the form: its name and a box per unit category.
pub struct GroupRow {
    index: usize,
    name: String,
    categories: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "assessment_edit.html")]
struct EditPage {
    l: Layout,
    id: i64,
    version: i64,
    scheme_name: String,
    name: String,
    kind: String,
    from: String,
    to: String,
    base: String,
    floor: String,
    evaluation_share: String,
    visibility: String,
    grading: &'static str,
    grades: [String; 3],
    groups: Vec<GroupRow>,
    rules: Vec<RuleRow>,
    kinds: Vec<(&'static str, &'static str)>,
    visibilities: Vec<(&'static str, &'static str)>,
    errors: Vec<String>,
}

fn group_row(index: usize, name: &str, on: &dyn Fn(UnitCategory) -> bool, lang: Lang) -> GroupRow {
    GroupRow {
        index,
        name: name.to_string(),
        categories: UnitCategory::ALL
            .iter()
            .map(|c| (c.code(), lang.pick(c.names().0, c.names().1), on(*c)))
            .collect(),
    }
}

impl EditPage {
    fn of_scheme(l: Layout, id: i64, version: i64, s: &Scheme) -> EditPage {
        let lang = l.lang;
        let p = |x: i64| points_text(x, false);
        let (grading, grades) = match s.grading {
            Grading::CutOffs { excellent, good, pass } => ("cut_offs", [p(excellent), p(good), p(pass)]),
            Grading::Shares { excellent, good, pass } => ("shares", [excellent.to_string(), good.to_string(), p(pass)]),
        };
        let mut groups: Vec<GroupRow> = s
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| group_row(i, &g.name, &|c| g.categories.contains(&c), lang))
            .collect();
        groups.push(group_row(groups.len(), "", &|_| false, lang));
        let rules = RuleKind::ALL
            .iter()
            .map(|k| {
                let r = s.rules.iter().find(|r| r.kind == *k);
                RuleRow {
                    code: k.code(),
                    name: k.name(lang),
                    on: r.is_some(),
                    points: r.map(|r| p(r.points)).unwrap_or_default(),
                    cap: r.and_then(|r| r.cap).map(p).unwrap_or_default(),
                }
            })
            .collect();
        EditPage {
            id,
            version,
            scheme_name: s.name.clone(),
            name: s.name.clone(),
            kind: s.kind.code().into(),
            from: s.from.to_string(),
            to: s.to.to_string(),
            base: p(s.base),
            floor: p(s.floor),
            evaluation_share: s.evaluation_share.to_string(),
            visibility: s.visibility.code().into(),
            grading,
            grades,
            groups,
            rules,
            kinds: PeriodKind::ALL.iter().map(|k| (k.code(), k.name(lang))).collect(),
            visibilities: Visibility::ALL.iter().map(|v| (v.code(), v.name(lang))).collect(),
            errors: Vec::new(),
            l,
        }
    }

    /// The page again with what was typed, and the errors.
    fn retyped(mut self, f: &FormData, errors: Vec<String>) -> EditPage {
        let lang = self.l.lang;
        self.name = f.get("name").into();
        self.kind = f.get("kind").into();
        self.from = f.get("from").into();
        self.to = f.get("to").into();
        self.base = f.get("base").into();
        self.floor = f.get("floor").into();
        self.evaluation_share = f.get("evaluation_share").into();
        self.visibility = f.get("visibility").into();
        self.grading = if f.get("grading") == "shares" {
            "shares"
        } else {
            "cut_offs"
        };
        self.grades = [
            f.get("grade_1").into(),
            f.get("grade_2").into(),
            f.get("grade_3").into(),
        ];
        self.groups = (0..group_count(f))
            .map(|i| {
                let cats = f.all(&format!("group_{i}_categories"));
                group_row(
                    i,
                    f.get(&format!("group_{i}_name")),
                    &|c| cats.contains(&c.code()),
                    lang,
                )
            })
            .collect();
        for r in &mut self.rules {
            r.on = f.checked(&format!("rule_{}", r.code));
            r.points = f.get(&format!("points_{}", r.code)).into();
            r.cap = f.get(&format!("cap_{}", r.code)).into();
        }
        self.errors = errors;
        self
    }
}

fn group_count(f: &FormData) -> usize {
    f.int("groups").unwrap_or(0).clamp(0, 10) as usize
}

/// A number as typed (`-0.5`, `95`), or the error naming its field.
fn number(f: &FormData, field: &str, zh: &str, en: &str) -> Result<f64, (String, String)> {
    let t = f.get(field).trim();
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| (format!("{zh}应为数字"), format!("{en} must be a number")))
}

/// The body the form asks for, or the first error in both languages.
fn body_of(f: &FormData) -> Result<SchemeBody, (String, String)> {
    let share = f.get("evaluation_share").trim();
    let evaluation_share = share.parse::<i64>().map_err(|_| {
        (
            "评议权重应为整数".to_string(),
            "The evaluation's share is a whole number".to_string(),
        )
    })?;
    let grades = [
        number(f, "grade_1", "等次分数线", "A grade's line")?,
        number(f, "grade_2", "等次分数线", "A grade's line")?,
        number(f, "grade_3", "等次分数线", "A grade's line")?,
    ];
    let h = |x: f64| (x * 100.0).round() as i64;
    let grading = if f.get("grading") == "shares" {
        format!(
            "shares:{},{},{}",
            grades[0].round() as i64,
            grades[1].round() as i64,
            h(grades[2])
        )
    } else {
        format!("cut_offs:{},{},{}", h(grades[0]), h(grades[1]), h(grades[2]))
    };
    let mut rules = Vec::new();
    for k in RuleKind::ALL {
        if !f.checked(&format!("rule_{}", k.code())) {
            continue;
        }
        let (zh, en) = k.names();
        let points = number(
            f,
            &format!("points_{}", k.code()),
            &format!("“{zh}”的分值"),
            &format!("“{en}” points"),
        )?;
        let cap_field = format!("cap_{}", k.code());
        let cap = if f.get(&cap_field).trim().is_empty() {
            None
        } else {
            Some(number(f, &cap_field, &format!("“{zh}”的上限"), &format!("“{en}” cap"))?)
        };
        rules.push(RuleBody {
            kind: k.code().into(),
            points,
            cap,
        });
    }
    let groups = (0..group_count(f))
        .filter(|i| !f.get(&format!("group_{i}_name")).trim().is_empty())
        .map(|i| GroupBody {
            name: f.get(&format!("group_{i}_name")).trim().into(),
            categories: f
                .all(&format!("group_{i}_categories"))
                .into_iter()
                .map(String::from)
                .collect(),
        })
        .collect();
    Ok(SchemeBody {
        name: f.get("name").into(),
        kind: f.get("kind").into(),
        from: f.get("from").into(),
        to: f.get("to").into(),
        copy_of: None,
        base: Some(number(f, "base", "基础分", "The base")?),
        floor: Some(number(f, "floor", "保底分", "The floor")?),
        evaluation_share: Some(evaluation_share),
        visibility: Some(f.get("visibility").into()),
        grading: Some(grading),
        rules: Some(rules),
        groups: Some(groups),
    })
}

async fn version_of(state: &AppState, region: i64, id: i64) -> AppResult<(i64, bool)> {
    let mut c = state.store.conn().await?;
    let s = luoshi_store::assessment::scheme(&mut c, region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((s.version, s.status == "open"))
}

/// `GET /assessment/{id}/edit` (the office; an open scheme).
pub async fn page(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let (version, open) = version_of(&state, cap.region, id).await?;
    if !open {
        return Ok(Redirect::to(&format!("/assessment/{id}")).into_response());
    }
    let s = stored_scheme(&state, cap.region, id).await?;
    let l = Layout::new(&state, &viewer, "/assessment").await?;
    render(&EditPage::of_scheme(l, id, version, &s))
}

/// `POST /assessment/{id}/edit`: saves and judges the scores again; errors keep what was typed.
pub async fn save(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let current = stored_scheme(&state, cap.region, id).await?;
    let saved = match body_of(&form) {
        Ok(b) => match overlay(current.clone(), &b) {
            Ok(s) => ops::update(&state, &cap, id, form.int("version").unwrap_or(0), &s).await,
            Err(e) => Err(e),
        },
        Err((zh, en)) => {
            let l = Layout::new(&state, &viewer, "/assessment").await?;
            let version = form.int("version").unwrap_or(0);
            let msg = lang.pick(&zh, &en).to_string();
            return render(&EditPage::of_scheme(l, id, version, &current).retyped(&form, vec![msg]));
        }
    };
    match saved {
        Ok(()) => Ok(Redirect::to(&format!("/assessment/{id}?flash=flash.scheme_saved")).into_response()),
        Err(AppError::Validation(errs)) => {
            let l = Layout::new(&state, &viewer, "/assessment").await?;
            let version = form.int("version").unwrap_or(0);
            let msgs = errs.iter().map(|e| e.message(lang).to_string()).collect();
            render(&EditPage::of_scheme(l, id, version, &current).retyped(&form, msgs))
        }
        Err(e) => Err(e),
    }
}
