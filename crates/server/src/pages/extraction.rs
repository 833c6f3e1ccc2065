//! Tasks from text (supervision office): paste or upload a document, see the proposed tasks
//! beside the highlighted text, edit them, check the units matched, and create them in a new
//! or an existing plan in one step.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Datelike;
use luoshi_domain::{Lang, PlanInput, PlanKind};
use luoshi_store::plan;

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FormData, Posted, PostedFiles, Q},
    ops::extraction::{self, Batch, NameMatch, Names, Problem, Row, Target},
};

/// The largest upload read, in bytes.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

#[derive(Debug, serde::Deserialize, Default)]
pub struct StartQuery {
    /// The plan to add to.
    #[serde(default, deserialize_with = "crate::forms::empty_as_none")]
    plan: Option<i64>,
}

#[derive(Template)]
#[template(path = "extraction_form.html")]
struct StartPage {
    l: Layout,
    plans: Vec<(i64, String)>,
    chosen: Option<i64>,
    text: String,
    year: String,
    error: String,
}

impl StartPage {
    fn is_chosen(&self, id: &i64) -> bool {
        self.chosen == Some(*id)
    }
}

async fn plans_of(state: &AppState, cap: &SupervisorCap) -> AppResult<Vec<(i64, String)>> {
    let mut c = state.store.conn().await?;
    Ok(plan::plans(&mut c, cap.region)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect())
}

async fn start_page(
    state: &AppState,
    viewer: &Viewer,
    cap: &SupervisorCap,
    chosen: Option<i64>,
    text: String,
    year: String,
    error: String,
) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/plans").await?;
    let plans = plans_of(state, cap).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut r = render(&StartPage {
        l,
        plans,
        chosen,
        text,
        year,
        error,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /plans/extract`: the text to read and where its tasks go.
pub async fn start(State(state): State<AppState>, viewer: Viewer, Q(q): Q<StartQuery>) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    start_page(
        &state,
        &viewer,
        &cap,
        q.plan,
        String::new(),
        String::new(),
        String::new(),
    )
    .await
}

/// One piece of the source text: plain, or the words of proposed task `mark`.
pub struct Segment {
    /// The words.
    pub text: String,
    /// The row whose words these are.
    pub mark: Option<usize>,
    /// That row's kind.
    pub kind: String,
}

/// A row as the page shows it.
pub struct RowView {
    /// Its index.
    pub i: usize,
    /// The row.
    pub row: Row,
    /// Co-units, joined with 、.
    pub co_text: String,
    /// Deadline as `YYYY-MM-DD`.
    pub due: String,
    /// Its kind, in words.
    pub kind_name: String,
    /// Indent for its level.
    pub indent: usize,
    /// What is wrong with it.
    pub errors: Vec<String>,
    /// What to check: names matched nearly, names not found.
    pub flags: Vec<String>,
}

#[derive(Template)]
#[template(path = "extraction_review.html")]
struct ReviewPage {
    l: Layout,
    target: Option<(i64, String)>,
    plan_kind: String,
    plan_title: String,
    plan_doc_no: String,
    plan_issued_on: String,
    kinds: Vec<(&'static str, String)>,
    doc_kind: String,
    doc_code: String,
    year: i32,
    text: String,
    segments: Vec<Segment>,
    rows: Vec<RowView>,
    names: Vec<NameMatch>,
    units: Vec<String>,
    cycle: String,
    cycle_due_day: i64,
    start: String,
    token: String,
    general: Vec<(Option<usize>, String)>,
}

impl ReviewPage {
    fn is_kind(&self, code: &str) -> bool {
        self.plan_kind == code
    }
    fn has_errors(&self) -> bool {
        !self.general.is_empty()
    }
    fn included(&self) -> usize {
        self.rows.iter().filter(|r| r.row.include).count()
    }
}

/// The text split at the rows' spans (overlaps are shown once, for the first row).
fn segments(text: &str, rows: &[Row]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.span.map(|(a, b)| (a.min(chars.len()), b.min(chars.len()), i)))
        .filter(|(a, b, _)| a < b)
        .collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b, i) in spans {
        if a < at {
            continue;
        }
        if a > at {
            out.push(Segment {
                text: chars[at..a].iter().collect(),
                mark: None,
                kind: String::new(),
            });
        }
        out.push(Segment {
            text: chars[a..b].iter().collect(),
            mark: Some(i),
            kind: rows[i].kind.clone(),
        });
        at = b;
    }
    if at < chars.len() {
        out.push(Segment {
            text: chars[at..].iter().collect(),
            mark: None,
            kind: String::new(),
        });
    }
    out
}

fn kind_name(code: &str, lang: Lang) -> String {
    let (zh, en) = match code {
        "task_force" => luoshi_text::ItemKind::TaskForce.names(),
        "project_call" => luoshi_text::ItemKind::ProjectCall.names(),
        "indicator" => luoshi_text::ItemKind::Indicator.names(),
        _ => luoshi_text::ItemKind::Task.names(),
    };
    lang.pick(zh, en).to_string()
}

/// Names to check in a row: written names matched only nearly, and names that match no unit.
fn flags(names: &Names, first: &[NameMatch], row: &Row, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for w in &row.written {
        if let Some(m) = first.iter().find(|m| &m.name == w && !m.exact && m.unit_id.is_some()) {
            out.push(match lang {
                Lang::Zh => format!("原文“{}”近似匹配为{}，请核对", m.name, m.unit_name),
                Lang::En => format!("“{}” in the text was taken to be {}: please check", m.name, m.unit_name),
            });
        }
    }
    if row.due_assumed && !row.ongoing {
        out.push(
            lang.pick(
                "原文未写完成时限，暂按年底，请核对",
                "The text gives no deadline: the year's end is proposed, please check",
            )
            .to_string(),
        );
    }
    let lead = std::iter::once(&row.lead)
        .filter(|n| !n.trim().is_empty())
        .map(|n| (n, names.resolve(n).map(|id| vec![id])));
    let co = row
        .co
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| (n, names.resolve_all(n)));
    for (n, found) in lead.chain(co) {
        if let Err(near) = found {
            let hint = near.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join("、");
            out.push(match (lang, hint.is_empty()) {
                (Lang::Zh, true) => format!("“{n}”不是本行政区的单位，请改选"),
                (Lang::Zh, false) => format!("“{n}”未找到，是否指：{hint}"),
                (Lang::En, true) => format!("“{n}” is not a unit of this region: choose another"),
                (Lang::En, false) => format!("“{n}” not found; did you mean {hint}"),
            });
        }
    }
    out
}

struct Review {
    target: Target,
    plan_fields: (String, String, String, String),
    doc_kind: String,
    year: i32,
    text: String,
    rows: Vec<Row>,
    names: Vec<NameMatch>,
    cycle: String,
    cycle_due_day: i64,
    start: String,
    token: String,
    problems: Vec<Problem>,
}

async fn review_page(state: &AppState, viewer: &Viewer, cap: &SupervisorCap, r: Review) -> AppResult<Response> {
    let l = Layout::new(state, viewer, "/plans").await?;
    let lang = l.lang;
    let (dir, target) = {
        let mut c = state.store.conn().await?;
        let dir = Directory::load(&mut c, cap.region).await?;
        let target = match r.target {
            Target::Existing(id) => {
                let p = plan::plan(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?;
                Some((p.id, p.title))
            }
            Target::New(_) => None,
        };
        (dir, target)
    };
    let names = Names::of(&dir);
    let segments = segments(&r.text, &r.rows);
    // Every problem in the box at the top, those of a card linking to it.
    let general: Vec<(Option<usize>, String)> = r
        .problems
        .iter()
        .map(|p| match p.row {
            None => (None, p.error.message(lang).to_string()),
            Some(i) => (
                Some(i),
                match lang {
                    Lang::Zh => format!("第{}条：{}", i + 1, p.error.message(lang)),
                    Lang::En => format!("Item {}: {}", i + 1, p.error.message(lang)),
                },
            ),
        })
        .collect();
    // After a failed submit the names are those the cards now carry.
    let names_shown = if r.names.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for row in r.rows.iter().filter(|r| r.include) {
            for n in std::iter::once(&row.lead).chain(&row.co) {
                if !n.trim().is_empty() && !seen.contains(n) {
                    seen.push(n.clone());
                }
            }
        }
        seen.iter().map(|n| names.matched(&dir, n)).collect()
    } else {
        r.names.clone()
    };
    let rows: Vec<RowView> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowView {
            i,
            co_text: row.co.join("、"),
            due: row.due.map(|d| d.to_string()).unwrap_or_default(),
            kind_name: kind_name(&row.kind, lang),
            indent: usize::from(row.level.saturating_sub(1)).min(4),
            errors: r
                .problems
                .iter()
                .filter(|p| p.row == Some(i))
                .map(|p| p.error.message(lang).to_string())
                .collect(),
            flags: flags(&names, &r.names, row, lang),
            row: row.clone(),
        })
        .collect();
    let units: Vec<String> = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| u.name.clone())
        .collect();
    let kinds = PlanKind::ALL
        .iter()
        .map(|k| (k.code(), lang.pick(k.names().0, k.names().1).to_string()))
        .collect();
    let (plan_kind, plan_title, plan_doc_no, plan_issued_on) = r.plan_fields;
    let doc_code = r.doc_kind.clone();
    let doc_kind = match r.doc_kind.as_str() {
        "division" => l.t("extract.kind_division"),
        _ => l.t("extract.kind_narrative"),
    };
    let status = if r.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut resp = render(&ReviewPage {
        l,
        target,
        plan_kind,
        plan_title,
        plan_doc_no,
        plan_issued_on,
        kinds,
        doc_kind,
        doc_code,
        year: r.year,
        text: r.text,
        segments,
        rows,
        names: names_shown,
        units,
        cycle: r.cycle,
        cycle_due_day: r.cycle_due_day,
        start: r.start,
        token: r.token,
        general,
    })?;
    *resp.status_mut() = status;
    Ok(resp)
}

/// Line ends as `\n`: a browser sends a textarea's lines as CRLF, and spans count characters.
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// `POST /plans/extract`: reads the pasted or uploaded text and shows what it proposes.
pub async fn read(State(state): State<AppState>, PostedFiles(viewer, form, files): PostedFiles) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let lang = viewer.lang();
    let chosen = form.int("plan");
    let year_typed = form.get("year").trim().to_string();
    let pasted = normalize(form.get("text"));
    let back = |error: String| start_page(&state, &viewer, &cap, chosen, pasted.clone(), year_typed.clone(), error);
    let text = match files.first() {
        Some(f) if f.name.to_lowercase().ends_with(".docx") && !f.bytes.starts_with(b"PK") => {
            return back(format!(
                "{}：{}",
                f.name,
                lang.pick(
                    "不是有效的Word（.docx）文档，可能已损坏",
                    "not a valid Word (.docx) document; it may be damaged"
                )
            ))
            .await;
        }
        Some(f) if f.bytes.len() > MAX_UPLOAD => {
            return back(
                lang.pick("文件过大（最大10MB）", "The file is too large (10 MB at most)")
                    .into(),
            )
            .await;
        }
        Some(f) => match luoshi_office::document_text(&f.bytes) {
            Ok(t) => normalize(&t),
            Err(e) => {
                let msg = match e {
                    luoshi_office::TextError::OldWord => lang.pick(
                        "不能读取旧版Word（.doc）文件，请另存为.docx后上传",
                        "Old Word (.doc) files cannot be read: save it as .docx",
                    ),
                    luoshi_office::TextError::NotText => lang.pick(
                        "文件不是文本或Word文档（.txt、.docx）",
                        "The file is neither text nor a Word document (.txt, .docx)",
                    ),
                    luoshi_office::TextError::Docx(_) => lang.pick(
                        "Word文档已损坏，无法读取",
                        "The Word document is damaged and cannot be read",
                    ),
                };
                return back(format!("{}：{msg}", f.name)).await;
            }
        },
        None => pasted.clone(),
    };
    if text.trim().is_empty() {
        return back(
            lang.pick("请粘贴文本或上传文件", "Paste the text or upload a file")
                .into(),
        )
        .await;
    }
    if text.chars().count() > extraction::MAX_TEXT_CHARS {
        return back(format!(
            "{}{}",
            lang.pick(
                "文本过长，最多可读字数：",
                "The text is too long; characters read at most: "
            ),
            extraction::MAX_TEXT_CHARS
        ))
        .await;
    }
    let year = match year_typed.parse::<i32>() {
        Ok(y) if (1990..=2100).contains(&y) => y,
        Ok(_) | Err(_) if !year_typed.is_empty() => {
            return back(
                lang.pick(
                    "年份应为1990至2100之间的数字",
                    "The year must be a number from 1990 to 2100",
                )
                .into(),
            )
            .await;
        }
        _ => luoshi_text::year_of(&text).unwrap_or_else(|| state.clock.today().year()),
    };
    let dir = {
        let mut c = state.store.conn().await?;
        if let Some(id) = chosen {
            plan::plan(&mut c, cap.region, id).await?.ok_or(AppError::NotFound)?;
        }
        Directory::load(&mut c, cap.region).await?
    };
    let mut proposed = extraction::propose(&dir, &text, year);
    // Three empty cards for items the reader missed.
    for _ in 0..3 {
        proposed.rows.push(Row {
            include: false,
            kind: "task".into(),
            due: chrono::NaiveDate::from_ymd_opt(year, 12, 31),
            ..Row::default()
        });
    }
    let title: String = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .chars()
        .take(80)
        .collect();
    let kind = if text.contains("批示") {
        "instruction"
    } else if proposed.doc_kind == "division" {
        "work_report"
    } else {
        "meeting"
    };
    let token = crate::ctx::secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let issued = luoshi_text::date_of(&text).unwrap_or_else(|| state.clock.today());
    let target = match chosen {
        Some(id) => Target::Existing(id),
        None => Target::New(PlanInput::default()),
    };
    review_page(
        &state,
        &viewer,
        &cap,
        Review {
            target,
            plan_fields: (kind.into(), title, String::new(), issued.to_string()),
            doc_kind: proposed.doc_kind,
            year,
            text,
            rows: proposed.rows,
            names: proposed.names,
            cycle: "monthly".into(),
            cycle_due_day: 25,
            start: state.clock.today().to_string(),
            token,
            problems: Vec::new(),
        },
    )
    .await
}

/// The rows as posted back from the review form.
fn rows_of(form: &FormData) -> Vec<Row> {
    let n = form.int("rows").unwrap_or(0).clamp(0, 5000) as usize;
    (0..n)
        .map(|i| {
            let g = |k: &str| form.get(&format!("r{i}.{k}")).to_string();
            let num = |k: &str| form.int(&format!("r{i}.{k}"));
            Row {
                include: form.checked(&format!("r{i}.include")),
                number: g("number"),
                level: num("level").and_then(|l| u8::try_from(l).ok()).unwrap_or(1),
                parent: num("parent").and_then(|p| usize::try_from(p).ok()),
                kind: g("kind"),
                title: g("title").trim().to_string(),
                description: normalize(&g("description")).trim().to_string(),
                lead: g("lead").trim().to_string(),
                co: extraction::split_names(&g("co")),
                due: form.date(&format!("r{i}.due")),
                ongoing: form.checked(&format!("r{i}.ongoing")),
                domain: g("domain").trim().to_string(),
                span: match (num("a"), num("b")) {
                    (Some(a), Some(b)) => usize::try_from(a).ok().zip(usize::try_from(b).ok()),
                    _ => None,
                },
                written: Vec::new(),
                due_assumed: form.checked(&format!("r{i}.assumed")),
            }
        })
        .collect()
}

/// `POST /plans/extract/create`: creates the ticked rows as tasks, all or none.
pub async fn create(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let plan_fields = (
        form.get("plan_kind").to_string(),
        form.get("plan_title").trim().to_string(),
        form.get("plan_doc_no").trim().to_string(),
        form.get("plan_issued_on").to_string(),
    );
    let target = match form.int("plan_id") {
        Some(id) => Target::Existing(id),
        None => Target::New(PlanInput {
            kind: plan_fields.0.clone(),
            title: plan_fields.1.clone(),
            doc_no: plan_fields.2.clone(),
            issued_on: crate::forms::parse_date(&plan_fields.3),
            summary: String::new(),
            source_text: String::new(),
            yellow_lag: 20,
            red_lag: 40,
            milestone_red_days: 15,
        }),
    };
    let batch = Batch {
        target,
        text: normalize(form.get("text")),
        rows: rows_of(&form),
        cycle: form.get("cycle").to_string(),
        cycle_due_day: form.int("cycle_due_day").unwrap_or(25),
        start: form.date("start"),
        token: Some(form.get("batch").to_string()).filter(|t| !t.is_empty()),
    };
    let outcome = match extraction::try_create(&state, &cap, &batch).await {
        // The same form submitted again: show what the first submit created.
        Err(AppError::Conflict { current: Some(c), .. })
            if c["code"] == luoshi_domain::codes::EXTRACTION_ALREADY_DONE.name =>
        {
            let to = match c["plan_id"].as_i64() {
                Some(id) => format!("/plans/{id}?flash=flash.tasks_already_extracted"),
                None => "/plans?flash=flash.tasks_already_extracted".into(),
            };
            return Ok(Redirect::to(&to).into_response());
        }
        other => other?,
    };
    match outcome {
        Ok(done) => Ok(Redirect::to(&format!("/plans/{}?flash=flash.tasks_extracted", done.plan_id)).into_response()),
        Err(problems) => {
            let Batch {
                target,
                text,
                rows,
                cycle,
                cycle_due_day,
                start,
                token,
            } = batch;
            review_page(
                &state,
                &viewer,
                &cap,
                Review {
                    target,
                    plan_fields,
                    doc_kind: form.get("doc_kind").to_string(),
                    year: form.int("year").and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
                    text,
                    rows,
                    names: Vec::new(),
                    cycle,
                    cycle_due_day,
                    start: start.map(|d| d.to_string()).unwrap_or_default(),
                    token: token.unwrap_or_default(),
                    problems,
                },
            )
            .await
        }
    }
}
