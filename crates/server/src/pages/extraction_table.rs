//! A table file on the “tasks from text” page (issue 18): a workbook, CSV file or Word table
//! read as rows, the column mapping shown above the rows with a select per column and the
//! sheet to read, and the whole read again when the user corrects them — the file carried in
//! the page, so nothing is stored until the tasks are created.

use axum::response::Response;
use base64::Engine;
use chrono::Datelike;
use luoshi_domain::PlanInput;
use luoshi_text::table::Role;

use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::FormData,
    ops::extraction::{
        Row, Target,
        table::{Choice, propose_table_apart},
    },
    pages::extraction_review::{Review, review_page},
};

/// The file to read as a table: the one uploaded, or the one the mapping form carries back.
pub fn table_file(form: &FormData, uploaded: Option<(&str, &[u8])>) -> Option<(String, Vec<u8>)> {
    if let Some((name, bytes)) = uploaded {
        return crate::ops::extraction::table::is_table_file(bytes, name).then(|| (name.to_string(), bytes.to_vec()));
    }
    let data = form.get("data");
    if data.is_empty() {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(data.trim()).ok()?;
    Some((form.get("file_name").to_string(), bytes))
}

/// The sheet and column roles chosen on the mapping form.
fn choice_of(form: &FormData) -> Choice {
    let n = form.int("columns").unwrap_or(0).clamp(0, 500) as usize;
    Choice {
        sheet: Some(form.get("sheet").to_string()).filter(|s| !s.is_empty()),
        roles: (0..n)
            .filter_map(|i| Role::from_code(form.get(&format!("col{i}"))).map(|r| (i, r)))
            .collect(),
    }
}

/// Reads a table file and shows its rows for checking, or the start page with the reason it
/// could not be read (`back`).
pub async fn read_table<F, Fut>(
    state: &AppState,
    viewer: &Viewer,
    cap: &SupervisorCap,
    form: &FormData,
    file: (String, Vec<u8>),
    back: F,
) -> AppResult<Response>
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = AppResult<Response>>,
{
    let chosen = form.int("plan");
    let year_typed = form
        .get("year")
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1990..=2100).contains(y));
    let (file_name, bytes) = file;
    let (dir, keys) = {
        let mut c = state.store.conn().await?;
        let keys = match chosen {
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
    let choice = choice_of(form);
    let today = state.clock.today();
    let year = year_typed.unwrap_or(today.year());
    let read = |year: i32| {
        propose_table_apart(
            dir.clone(),
            bytes.clone(),
            file_name.clone(),
            choice.clone(),
            year,
            keys.clone(),
        )
    };
    let mut proposed = match read(year).await? {
        Ok(p) => p,
        Err(e) => return back(format!("{file_name}：{}", e.message(viewer.lang()))).await,
    };
    // Without a year typed, dates such as 6月底前 belong to the year the title names.
    let title = proposed
        .table
        .as_ref()
        .and_then(|t| t.above.first().cloned())
        .unwrap_or_else(|| {
            file_name
                .rsplit_once('.')
                .map_or(file_name.clone(), |(n, _)| n.to_string())
        });
    let named = proposed
        .table
        .as_ref()
        .and_then(|t| luoshi_text::year_of(&t.above.join(" ")));
    if year_typed.is_none()
        && let Some(y) = named.filter(|y| *y != year)
        && let Ok(p) = read(y).await?
    {
        proposed = p;
    }
    let year = proposed.year;
    for _ in 0..3 {
        proposed.rows.push(Row {
            include: false,
            kind: "task".into(),
            due: chrono::NaiveDate::from_ymd_opt(year, 12, 31),
            ..Row::default()
        });
    }
    let token = crate::ctx::secure_token().map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let target = match chosen {
        Some(id) => Target::Existing(id),
        None => Target::New(PlanInput::default()),
    };
    review_page(
        state,
        viewer,
        cap,
        Review {
            target,
            plan_fields: (
                "work_report".into(),
                title.chars().take(80).collect(),
                String::new(),
                today.to_string(),
            ),
            doc_kind: proposed.doc_kind,
            year,
            text: proposed.text,
            rows: proposed.rows,
            names: proposed.names,
            cycle: "monthly".into(),
            cycle_due_day: 25,
            start: today.to_string(),
            token,
            problems: Vec::new(),
            table: proposed
                .table
                .map(|t| (t, base64::engine::general_purpose::STANDARD.encode(&bytes))),
            aliases: Vec::new(),
        },
    )
    .await
}
