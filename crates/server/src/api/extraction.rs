//! Tasks from text through the API: propose tasks from a document's text, then create the
//! confirmed rows in a new or an existing plan in one transaction.

use axum::{Json, extract::State, http::StatusCode};
use chrono::Datelike;
use luoshi_domain::PlanInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, plans::PlanBody, writer::Writer};
use crate::{
    AppState,
    directory::Directory,
    error::{AppError, AppResult},
    ops::{
        extraction::{self, Batch, Outcome, Proposed, Row, Target},
        invalid,
    },
};

/// A document's text.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TextBody {
    /// The text (a work report is about 30,000 characters; 300,000 at most).
    pub text: String,
    /// The year relative dates (6月底前) belong to; default: the first year the text names.
    pub year: Option<i32>,
}

fn checked_text(text: &str) -> AppResult<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(invalid(
            "text",
            luoshi_domain::codes::EXTRACTION_TEXT_EMPTY,
            "请提供文本",
            "The text is empty",
        ));
    }
    if text.chars().count() > extraction::MAX_TEXT_CHARS {
        return Err(invalid(
            "text",
            luoshi_domain::codes::EXTRACTION_TEXT_TOO_LONG,
            format!("文本过长（最多{}字）", extraction::MAX_TEXT_CHARS),
            format!(
                "The text is too long (at most {} characters)",
                extraction::MAX_TEXT_CHARS
            ),
        ));
    }
    Ok(text)
}

/// `POST /api/v1/extraction`
#[utoipa::path(post, path = "/api/v1/extraction", tag = "decomposition", security(("bearer" = [])), request_body = TextBody,
    responses((status = 200, body = Proposed, description = "the proposed tasks, with the units the text names matched to the region's"),
        (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<TextBody>,
) -> AppResult<Json<Proposed>> {
    let cap = viewer.supervisor()?;
    let text = checked_text(&b.text)?;
    let year = b
        .year
        .or_else(|| luoshi_text::year_of(&text))
        .unwrap_or_else(|| state.clock.today().year());
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::load(&mut c, cap.region).await?
    };
    Ok(Json(extraction::propose_apart(dir, text, year).await?))
}

/// A file sent in base64, decoded; not base64 is `TABLE_NOT_TABLE` on `data`.
pub(crate) fn file_data(data: &str) -> AppResult<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| {
            invalid(
                "data",
                luoshi_domain::codes::TABLE_NOT_TABLE,
                "文件内容不是有效的base64编码",
                "The file's data is not valid base64",
            )
        })
}

/// A table file to read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TableBody {
    /// The file's name (its ending tells a CSV file).
    pub file_name: String,
    /// The file, in base64: .xlsx, .xls, .ods, .docx or .csv, 10 MB at most.
    pub data: String,
    /// The sheet to read (default: the first with a task header).
    pub sheet: Option<String>,
    /// Columns read as another role than detected.
    #[serde(default)]
    pub columns: Vec<ColumnBody>,
    /// The year relative dates belong to (default: the year the title names, else this year).
    pub year: Option<i32>,
    /// The plan the rows are for: rows whose keys were imported into it before say which task
    /// they update.
    pub plan_id: Option<i64>,
}

/// A column and what to read it as.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ColumnBody {
    /// The column, 0 for A.
    pub index: usize,
    /// `number`, `section`, `task`, `measure`, `target`, `description`, `lead`, `co`,
    /// `responsible`, `leader`, `deadline`, `note`, `key` or `other`.
    pub role: String,
}

/// `POST /api/v1/extraction/table`
#[utoipa::path(post, path = "/api/v1/extraction/table", tag = "decomposition", security(("bearer" = [])), request_body = TableBody,
    responses((status = 200, body = Proposed, description = "the rows of the table as proposed tasks, with the column mapping, each row's sheet row and key, and the names matched"),
        (status = 422, body = crate::error::ErrorBody, description = "not a table file, encrypted, too large, or no header found"),
        (status = 403, body = crate::error::ErrorBody)))]
pub async fn table(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<TableBody>,
) -> AppResult<Json<Proposed>> {
    let cap = viewer.supervisor()?;
    let bytes = file_data(&b.data)?;
    let mut roles = Vec::new();
    for c in &b.columns {
        let role = luoshi_text::table::Role::from_code(&c.role).ok_or_else(|| {
            invalid(
                "columns",
                luoshi_domain::codes::TABLE_ROLE_UNKNOWN,
                format!("第{}列的含义“{}”无效", c.index + 1, c.role),
                format!("Column {}: “{}” is not a column role", c.index + 1, c.role),
            )
        })?;
        roles.push((c.index, role));
    }
    let (dir, keys) = {
        let mut c = state.store.conn().await?;
        let keys = match b.plan_id {
            Some(id) => {
                luoshi_store::plan::plan(&mut c, cap.region, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                crate::ops::extraction::table::plan_keys(&mut c, cap.region, id).await?
            }
            None => Vec::new(),
        };
        (Directory::load(&mut c, cap.region).await?, keys)
    };
    let choice = extraction::table::Choice {
        sheet: b.sheet.clone(),
        roles,
    };
    let year = b.year.unwrap_or_else(|| state.clock.today().year());
    let read = |year: i32| {
        extraction::table::propose_table_apart(
            dir.clone(),
            bytes.clone(),
            b.file_name.clone(),
            choice.clone(),
            year,
            keys.clone(),
        )
    };
    let mut proposed = read(year).await?.map_err(|e| AppError::Validation(vec![e]))?;
    let named = proposed
        .table
        .as_ref()
        .and_then(|t| luoshi_text::year_of(&t.above.join(" ")));
    if b.year.is_none()
        && let Some(y) = named.filter(|y| *y != year)
    {
        proposed = read(y).await?.map_err(|e| AppError::Validation(vec![e]))?;
    }
    Ok(Json(proposed))
}

/// The confirmed rows and where they go.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateBody {
    /// An existing plan to add the tasks to…
    pub plan_id: Option<i64>,
    /// …or a new plan (its text is the document's).
    pub plan: Option<PlanBody>,
    /// The document's text, which the rows' spans point into.
    pub text: String,
    /// The rows, as proposed and edited; units by name (full, short or former).
    pub rows: Vec<Row>,
    /// Reporting cycle of every task (default monthly).
    pub cycle: Option<String>,
    /// Its due day (default 25).
    pub cycle_due_day: Option<i64>,
    /// The day supervision starts and reports are owed from (default today).
    pub start: Option<chrono::NaiveDate>,
    /// A key of the caller's choosing: a second call with the same key creates nothing and
    /// answers 409 `CONFLICT` with the plan the first call created.
    pub idempotency_key: Option<String>,
    /// Names mapped to units for this batch, remembered for the next import or text.
    #[serde(default)]
    pub aliases: Vec<AliasBody>,
}

/// A name as a sheet or text writes it, and the unit it stands for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AliasBody {
    /// The name as written (融媒体中心).
    pub name: String,
    /// The unit it stands for; `-1` forgets the unit it was remembered to stand for.
    pub unit_id: i64,
}

/// `POST /api/v1/extraction/tasks`
#[utoipa::path(post, path = "/api/v1/extraction/tasks", tag = "decomposition", security(("bearer" = [])), request_body = CreateBody,
    responses((status = 201, body = Outcome),
        (status = 422, body = crate::error::ErrorBody, description = "nothing created; every problem listed, each naming its row"),
        (status = 404, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Writer(viewer): Writer,
    ApiJson(b): ApiJson<CreateBody>,
) -> AppResult<(StatusCode, Json<Outcome>)> {
    let cap = viewer.supervisor()?;
    let text = checked_text(&b.text)?;
    let target = match (b.plan_id, &b.plan) {
        (Some(id), None) => Target::Existing(id),
        (None, Some(p)) => Target::New(PlanInput {
            source_text: String::new(),
            ..p.input()
        }),
        _ => {
            return Err(AppError::Validation(vec![luoshi_domain::ValidationError::new(
                "plan",
                luoshi_domain::codes::EXTRACTION_TARGET,
                "请给出plan_id（已有计划）或plan（新计划）中的一项",
                "Give either plan_id (an existing plan) or plan (a new one)",
            )]));
        }
    };
    let batch = Batch {
        target,
        text,
        rows: b.rows,
        cycle: b.cycle.unwrap_or_else(|| "monthly".into()),
        cycle_due_day: b.cycle_due_day.unwrap_or(25),
        start: b.start,
        token: b.idempotency_key.filter(|k| !k.trim().is_empty()),
        aliases: b
            .aliases
            .iter()
            .map(|a| (a.name.trim().to_string(), a.unit_id))
            .collect(),
    };
    let done = extraction::create(&state, &cap, &batch).await?;
    Ok((StatusCode::CREATED, Json(done)))
}
