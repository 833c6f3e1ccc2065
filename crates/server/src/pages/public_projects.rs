//! The public page 重点项目建设进展 of a year (`/public/projects/{year}`): the public key projects
//! with the figures the office accepted, in the chrome of every public page (发布时间, 信息来源,
//! 字号, 打印, QR, 责任编辑), and as CSV and JSON.

use askama::Template;
use axum::{
    Json,
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use luoshi_domain::{Lang, fmt_date};
use serde_json::json;

use super::public::{Chrome, Format, download, editor_of_site, public_page, site};
use crate::{
    AppState,
    directory::Directory,
    error::{AppError, AppResult},
    forms::Q,
    views::{
        public::csv,
        public_projects::{PublicProject, public_projects},
    },
};

#[derive(Template)]
#[template(path = "public_projects.html")]
struct ProjectsPage {
    c: Chrome,
    rows: Vec<PublicProject>,
    sums: Vec<String>,
}

/// `GET /public/projects/{year}`.
pub async fn projects(State(state): State<AppState>, Path(year): Path<String>, Q(f): Q<Format>) -> AppResult<Response> {
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    crate::forms::year_in_range(year).map_err(|_| AppError::NotFound)?;
    let (site, mut conn) = site(&state).await?;
    let lang = f.lang();
    let dir = Directory::cached(&state.directories, &mut conn, site.region).await?;
    let data = public_projects(&site, &mut conn, &dir, year, lang).await?;
    let title = match lang {
        Lang::Zh => format!("{year}年重点项目建设进展"),
        Lang::En => format!("Key projects in {year}: progress"),
    };
    let updated = data
        .updated
        .map(|t| fmt_date(t.with_timezone(&crate::clock::cst()).date_naive(), lang))
        .unwrap_or_default();
    match f.format.as_str() {
        "json" => {
            return Ok(Json(json!({
                "title": title, "region": site.region_name, "published": updated, "year": year,
                "sums": data.sums, "projects": data.rows,
            }))
            .into_response());
        }
        "csv" => {
            let out: Vec<Vec<String>> = data
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.number.to_string(),
                        r.name.clone(),
                        r.level.clone(),
                        r.stage.clone(),
                        r.unit.clone(),
                        r.total.clone(),
                        r.plan.clone(),
                        r.to.clone(),
                        r.done.clone(),
                        r.share.clone(),
                        r.progress.clone(),
                    ]
                })
                .collect();
            let body = csv(
                &[
                    "序号",
                    "项目名称",
                    "级别",
                    "项目阶段",
                    "责任单位",
                    "总投资（万元）",
                    "年度计划投资（万元）",
                    "统计月份",
                    "完成投资（万元）",
                    "投资完成率",
                    "形象进度",
                ],
                &out,
            );
            return Ok(download(
                body,
                "text/csv; charset=utf-8",
                &format!("projects-{year}.csv"),
            ));
        }
        "" => {}
        _ => return Err(AppError::NotFound),
    }
    let c = Chrome::new(
        &state,
        &site,
        lang,
        &format!("/public/projects/{year}"),
        title,
        updated,
        editor_of_site(&state, &site),
    );
    public_page(&ProjectsPage {
        c,
        rows: data.rows,
        sums: data.sums,
    })
}
