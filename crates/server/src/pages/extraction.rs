//! Tasks from text (supervision office): paste or upload a document, see the proposed tasks
//! beside the highlighted text, edit them, check the units matched, and create them in a new
//! or an existing plan in one step.

use crate::pages::extraction_review::{Review, review_page};
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Datelike;
use luoshi_domain::PlanInput;
use luoshi_store::plan;

use super::{layout::Layout, render};
use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{FormData, Posted, PostedFiles, Q},
    ops::extraction::{self, Batch, Row, Target},
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
    fits: crate::uploads::Fits,
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
    let fits = crate::uploads::Fits::new(&state.config, crate::uploads::Upload::Document(MAX_UPLOAD), l.lang);
    let mut r = render(&StartPage {
        l,
        plans,
        chosen,
        text,
        year,
        error,
        fits,
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
    let uploaded = files
        .first()
        .filter(|f| f.bytes.len() <= MAX_UPLOAD)
        .map(|f| (f.name.as_str(), f.bytes.as_slice()));
    if let Some(file) = super::extraction_table::table_file(&form, uploaded) {
        return super::extraction_table::read_table(&state, &viewer, &cap, &form, file, back).await;
    }
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
        // Unzipping and reading a document is work for a blocking thread, not for the async
        // workers that answer everyone else (a hostile file slows only itself).
        Some(f) => match read_document(f.bytes.clone()).await? {
            Ok(t) => t,
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
    let mut proposed = extraction::propose_apart(dir, text.clone(), year).await?;
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
            table: None,
            aliases: Vec::new(),
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
                key: g("key").trim().to_string(),
                key_typed: form.checked(&format!("r{i}.key_typed")),
                sheet_row: num("row").and_then(|r| usize::try_from(r).ok()),
                leaders: extraction::split_names(&g("leaders")),
                updates: None,
            }
        })
        .collect()
}

/// The names the user mapped to units on the review form: `alias{j}.name` and the unit chosen
/// in `alias{j}.unit` (left empty: not mapped).
fn aliases_of(form: &FormData) -> Vec<(String, i64)> {
    let n = form.int("aliases").unwrap_or(0).clamp(0, 500) as usize;
    (0..n)
        .filter_map(|j| {
            let name = form.get(&format!("alias{j}.name")).trim().to_string();
            // (-1: forget a remembered mapping.)
            let unit = form.int(&format!("alias{j}.unit"))?;
            (!name.is_empty()).then_some((name, unit))
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
            basis: String::new(),
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
        aliases: aliases_of(&form),
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
        Ok(done) => {
            let flash = if batch.rows.iter().any(|r| r.sheet_row.is_some()) {
                "flash.tasks_imported"
            } else {
                "flash.tasks_extracted"
            };
            Ok(Redirect::to(&format!("/plans/{}?flash={flash}", done.plan_id)).into_response())
        }
        Err(problems) => {
            let Batch {
                target,
                text,
                rows,
                cycle,
                cycle_due_day,
                start,
                token,
                aliases,
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
                    table: None,
                    aliases,
                },
            )
            .await
        }
    }
}

/// The text of an uploaded document with its line ends made `\n`, read on a blocking thread.
async fn read_document(bytes: Vec<u8>) -> crate::error::AppResult<Result<String, luoshi_office::TextError>> {
    tokio::task::spawn_blocking(move || luoshi_office::document_text(&bytes).map(|t| normalize(&t)))
        .await
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))
}
