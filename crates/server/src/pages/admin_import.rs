//! The directory sheet on the system administrator's pages: the template and the region's
//! directory to download (`/admin/directory.xlsx`, `/admin/directory/{units|leaders|users}.csv`)
//! and the import (`/admin/import`): a file is checked first, its plan shown, and imported
//! whole only when the administrator confirms.

use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use base64::Engine;
use luoshi_domain::directory::{
    plan::{Action, Counts, ImportPlan},
    sheet::SheetKind,
};
use luoshi_office::sheet::{write_book, write_csv};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    forms::PostedFiles,
    ops::directory_import::{self as ops, GivenPassword},
    views::directory as views,
};

#[derive(Template)]
#[template(path = "admin_import.html")]
struct ImportPage {
    l: Layout,
    problems: Vec<(String, String)>,
    heading: String,
    summary: Option<Vec<(String, Counts)>>,
    rows: Vec<(String, String)>,
    done: bool,
    nothing: bool,
    file_name: String,
    data: String,
    given: Vec<GivenPassword>,
    fits: crate::uploads::Fits,
}

impl ImportPage {
    fn new(l: Layout) -> ImportPage {
        let mb = MAX_FILE >> 20;
        let fits = crate::uploads::Fits {
            max: MAX_FILE,
            message: match l.lang {
                luoshi_domain::Lang::Zh => format!("表格文件超过{mb}MB的上限，请删去不需要的工作表后重试。"),
                luoshi_domain::Lang::En => {
                    format!("The sheet weighs more than {mb} MB: remove the sheets not needed and try again.")
                }
            },
        };
        ImportPage {
            fits,
            l,
            problems: Vec::new(),
            heading: String::new(),
            summary: None,
            rows: Vec::new(),
            done: false,
            nothing: false,
            file_name: String::new(),
            data: String::new(),
            given: Vec::new(),
        }
    }
}

/// `GET /admin/import`
pub async fn page(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.administrator()?;
    let l = Layout::new(&state, &viewer, "/admin/import").await?;
    render(&ImportPage::new(l))
}

/// What each row of a plan does, in words, for the rows that change something.
fn plan_rows(plan: &ImportPlan, lang: luoshi_domain::Lang) -> Vec<(String, String)> {
    let verb = |a: Action| match a {
        Action::Add => lang.pick("新增", "Add"),
        Action::Change(_) => lang.pick("修改", "Change"),
        Action::Same(_) => "",
    };
    let place = |k: SheetKind, line: usize| match lang {
        luoshi_domain::Lang::Zh => format!("{}表第{line}行", k.title().0),
        luoshi_domain::Lang::En => format!("{}, row {line}", k.title().1),
    };
    let mut out = Vec::new();
    for s in plan.units.iter().filter(|s| !matches!(s.action, Action::Same(_))) {
        out.push((
            place(SheetKind::Units, s.line),
            format!("{} {}", verb(s.action), s.unit.name),
        ));
    }
    for s in plan.leaders.iter().filter(|s| !matches!(s.action, Action::Same(_))) {
        out.push((
            place(SheetKind::Leaders, s.line),
            format!("{} {}{}", verb(s.action), s.leader.title, s.leader.name),
        ));
    }
    for s in plan.users.iter().filter(|s| !matches!(s.action, Action::Same(_))) {
        out.push((
            place(SheetKind::Users, s.line),
            format!("{} {}（{}）", verb(s.action), s.user.display_name, s.user.username),
        ));
    }
    out
}

fn summary(plan: &ImportPlan, lang: luoshi_domain::Lang) -> Vec<(String, Counts)> {
    SheetKind::ALL
        .iter()
        .map(|k| (lang.pick(k.title().0, k.title().1).to_string(), plan.counts(*k)))
        .collect()
}

/// The largest directory sheet read (its check sends it back as base64 for the confirmation).
pub const MAX_FILE: usize = 6 * 1024 * 1024;

/// `POST /admin/import`: checks a file (nothing written) or, with `confirm`, imports it whole.
pub async fn import(
    State(state): State<AppState>,
    PostedFiles(viewer, form, files): PostedFiles,
) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let l = Layout::new(&state, &viewer, "/admin/import").await?;
    let lang = l.lang;
    let confirm = !form.get("confirm").is_empty();
    let (file_name, bytes) = match files.into_iter().next() {
        Some(f) => (f.name, f.bytes),
        None if confirm => (
            form.get("file_name").to_string(),
            base64::engine::general_purpose::STANDARD
                .decode(form.get("data"))
                .map_err(|_| AppError::BadRequest("the file's data is not base64".into()))?,
        ),
        None => return Err(AppError::BadRequest("no file".into())),
    };
    let mut p = ImportPage::new(l);
    let outcome = async {
        let tables = ops::read_tables(bytes.clone(), file_name.clone()).await?;
        if confirm {
            let (plan, given) = ops::import(&state, cap, &viewer.actor(), &tables).await?;
            Ok((plan, given))
        } else {
            Ok((ops::plan(&state, cap, &tables).await?.0, Vec::new()))
        }
    }
    .await;
    let tr = crate::i18n::Tr::new(lang);
    match outcome {
        Ok((plan, given)) => {
            p.summary = Some(summary(&plan, lang));
            p.rows = plan_rows(&plan, lang);
            p.nothing = plan.is_empty();
            p.done = confirm;
            p.given = given;
            if !confirm {
                p.file_name = file_name;
                p.data = base64::engine::general_purpose::STANDARD.encode(&bytes);
            }
        }
        Err(AppError::Sheet(problems)) => {
            p.problems = problems
                .iter()
                .map(|x| (x.place(lang), x.message(lang).to_string()))
                .collect();
            p.heading = tr.t_with("dir.problems", &[("n", problems.len().to_string())]);
        }
        Err(e @ AppError::Conflict { .. }) => {
            p.problems = vec![(String::new(), e.message(lang))];
            p.heading = tr.t_with("dir.problems", &[("n", "1".to_string())]);
        }
        Err(e) => return Err(e),
    }
    render(&p)
}

/// `?blank=1` for the empty template.
#[derive(Debug, serde::Deserialize)]
pub struct Blank {
    #[serde(default)]
    blank: Option<String>,
}

fn download(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    let disposition = format!(
        "attachment; filename=\"directory\"; filename*=UTF-8''{}",
        crate::error::urlencode(name)
    );
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The template, blank or with the region's directory, as an .xlsx workbook.
pub async fn workbook(state: &AppState, viewer: &Viewer, blank: bool) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let tables = if blank {
        SheetKind::ALL.iter().map(|k| views::table(*k, Vec::new())).collect()
    } else {
        let mut c = state.store.conn().await?;
        let dir = Directory::load(&mut c, cap.region).await?;
        views::export_rows(&mut c, cap.region, &dir)
            .await?
            .into_iter()
            .map(|(k, rows)| views::table(k, rows))
            .collect::<Vec<_>>()
    };
    let bytes = write_book(&tables, "填写说明", &views::notes()).map_err(|e| AppError::Internal(e.to_string()))?;
    let name = if blank {
        "组织机构导入模板.xlsx".to_string()
    } else {
        format!("组织机构{}.xlsx", state.clock.today().format("%Y%m%d"))
    };
    Ok(download(bytes, XLSX, &name))
}

/// `GET /admin/directory.xlsx[?blank=1]`
pub async fn xlsx(State(state): State<AppState>, Query(q): Query<Blank>, viewer: Viewer) -> AppResult<Response> {
    workbook(&state, &viewer, q.blank.is_some_and(|b| !b.is_empty() && b != "0")).await
}

/// `GET /admin/directory/{units|leaders|users}.csv`
pub async fn csv(State(state): State<AppState>, Path(file): Path<String>, viewer: Viewer) -> AppResult<Response> {
    let cap = viewer.administrator()?;
    let kind = file
        .strip_suffix(".csv")
        .and_then(SheetKind::parse)
        .ok_or(AppError::NotFound)?;
    let mut c = state.store.conn().await?;
    let dir = Directory::load(&mut c, cap.region).await?;
    let rows = views::export_rows(&mut c, cap.region, &dir)
        .await?
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, r)| r)
        .unwrap_or_default();
    let bytes = write_csv(&kind.header(), &rows).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("{}{}.csv", kind.title().0, state.clock.today().format("%Y%m%d")),
    ))
}
