//! The public site (政务公开), no login: the index, a plan's "年度重点工作进展和完成情况"
//! page, and published bulletins. Every page carries 发布时间, 信息来源, the 字号 switch, 打印,
//! a QR code of its own address and 责任编辑, and offers what it shows as CSV and JSON
//! (`?format=csv`, `?format=json`; a bulletin also `?format=docx`).

use askama::Template;
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Response},
};
use luoshi_domain::{Lang, fmt_date};
use serde::Deserialize;
use serde_json::json;

use crate::{
    AppState,
    access::public::PublicReader,
    directory::Directory,
    error::{AppError, AppResult},
    forms::{Id, Q},
    i18n::Tr,
    ops::bulletin,
    views::{
        bulletin::{BulletinDoc, BulletinRow},
        public::{PublicTask, csv, plan_page_title, plan_updated, public_tasks, qr_svg},
    },
};
use luoshi_lights::LightCounts;

/// `?format=` and `?lang=` of a public page.
#[derive(Debug, Default, Deserialize)]
pub struct Format {
    #[serde(default)]
    pub(super) format: String,
    #[serde(default)]
    lang: String,
}

impl Format {
    /// The public site is in Chinese, whatever the browser prefers, unless `?lang=en` asks
    /// for English.
    pub(super) fn lang(&self) -> Lang {
        if self.lang == "en" { Lang::En } else { Lang::Zh }
    }
}

/// What every public page carries around its content.
pub struct Chrome {
    /// The reader's language.
    pub lang: Lang,
    tr: Tr,
    /// The region's name.
    pub region_name: String,
    /// The page's title.
    pub title: String,
    /// 发布时间.
    pub published: String,
    /// 信息来源.
    pub source: String,
    /// 责任编辑.
    pub editor: String,
    /// The page's own public address.
    pub url: String,
    /// Its QR code, inline SVG.
    pub qr: String,
    /// The page's path, for its data links.
    pub path: String,
    /// For cache-busting asset URLs.
    pub asset_version: &'static str,
    /// What links within the site append to keep the language: `""` or `?lang=en`.
    pub q: &'static str,
    /// The link to this page in the other language.
    pub other_lang: String,
}

impl Chrome {
    pub(super) fn new(
        state: &AppState,
        site: &PublicReader,
        lang: Lang,
        path: &str,
        title: String,
        published: String,
        editor: String,
    ) -> Chrome {
        let url = format!("{}{}", state.config.base_url, path);
        Chrome {
            lang,
            tr: Tr::new(lang),
            source: bulletin::office_of(&site.region_name),
            region_name: site.region_name.clone(),
            title,
            published,
            editor,
            qr: qr_svg(&url),
            url,
            path: path.to_string(),
            asset_version: crate::assets::VERSION,
            q: if lang == Lang::En { "?lang=en" } else { "" },
            other_lang: if lang == Lang::En {
                path.to_string()
            } else {
                format!("{path}?lang=en")
            },
        }
    }

    /// A catalogue text in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
}

/// A public page: cacheable for a minute, never personal.
pub(super) fn public_page(t: &impl Template) -> AppResult<Response> {
    let mut r = Html(t.render()?).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    Ok(r)
}

pub(super) fn download(body: String, content_type: &'static str, name: &str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

pub(super) async fn site(state: &AppState) -> AppResult<(PublicReader, luoshi_store::Conn)> {
    let mut conn = state.store.conn().await?;
    let site = PublicReader::for_site(&mut conn, &state.config, &state.public_cache).await?;
    Ok((site, conn))
}

/// 责任编辑 of the site's own pages: the `public_editor` setting, or the supervision office.
pub(super) fn editor_of_site(state: &AppState, site: &PublicReader) -> String {
    if state.config.public_editor.is_empty() {
        bulletin::office_of(&site.region_name)
    } else {
        state.config.public_editor.clone()
    }
}

/// A plan in the index.
pub struct PlanLink {
    /// Its id.
    pub id: i64,
    /// The page's title.
    pub title: String,
    /// The plan's own title.
    pub plan: String,
    /// Lights of its public tasks.
    pub counts: LightCounts,
    /// 发布时间 of its page.
    pub updated: String,
}

#[derive(Template)]
#[template(path = "public_index.html")]
struct IndexPage {
    c: Chrome,
    /// This year, for the key projects' page.
    year: i32,
    plans: Vec<PlanLink>,
    bulletins: Vec<BulletinRow>,
}

/// `GET /public`: the plans with public tasks and the published public bulletins.
pub async fn index(State(state): State<AppState>, Q(f): Q<Format>) -> AppResult<Response> {
    let (site, mut conn) = site(&state).await?;
    let today = state.clock.today();
    let lang = f.lang();
    let mut plans = Vec::new();
    let mut latest = None;
    let dir = Directory::cached(&state.directories, &mut conn, site.region).await?;
    for p in site.plans(&mut conn, today).await? {
        let (_, counts) = public_tasks(&p, &dir, lang);
        let updated = plan_updated(&p);
        latest = latest.max(Some(updated));
        plans.push(PlanLink {
            id: p.board.plan.id,
            title: plan_page_title(p.board.plan.year, lang),
            plan: p.board.plan.title.clone(),
            counts,
            updated: fmt_date(updated, lang),
        });
    }
    let bulletins = site.bulletins(&mut conn).await?;
    latest = latest.max(bulletins.iter().filter_map(|b| b.published_on).max());
    let rows: Vec<BulletinRow> = bulletins.iter().map(|b| BulletinRow::new(b, lang)).collect();
    let base = &state.config.base_url;
    match f.format.as_str() {
        "json" => {
            return Ok(Json(json!({
                "region": site.region_name,
                "plans": plans.iter().map(|p| json!({
                    "title": p.title, "plan": p.plan, "url": format!("{base}/public/plans/{}", p.id),
                    "counts": p.counts, "updated": p.updated,
                })).collect::<Vec<_>>(),
                "bulletins": rows.iter().map(|b| json!({
                    "number": b.number, "title": b.title, "published_on": b.published_text,
                    "url": format!("{base}/public/bulletins/{}", b.id),
                })).collect::<Vec<_>>(),
            }))
            .into_response());
        }
        "csv" => {
            let mut out: Vec<Vec<String>> = plans
                .iter()
                .map(|p| {
                    vec![
                        "重点工作".into(),
                        p.title.clone(),
                        p.plan.clone(),
                        p.updated.clone(),
                        format!("{base}/public/plans/{}", p.id),
                    ]
                })
                .collect();
            out.extend(rows.iter().map(|b| {
                vec![
                    "督查通报".into(),
                    b.title.clone(),
                    b.number.clone(),
                    b.published_text.clone(),
                    format!("{base}/public/bulletins/{}", b.id),
                ]
            }));
            let body = csv(&["类别", "标题", "说明", "发布时间", "链接"], &out);
            return Ok(download(body, "text/csv; charset=utf-8", "public-index.csv"));
        }
        "" => {}
        _ => return Err(AppError::NotFound),
    }
    let title = Tr::new(lang).t("public.index_title");
    let c = Chrome::new(
        &state,
        &site,
        lang,
        "/public",
        title,
        latest.map(|d| fmt_date(d, lang)).unwrap_or_default(),
        editor_of_site(&state, &site),
    );
    public_page(&IndexPage {
        c,
        year: chrono::Datelike::year(&today),
        plans,
        bulletins: rows,
    })
}

#[derive(Template)]
#[template(path = "public_plan.html")]
struct PlanPage {
    c: Chrome,
    plan: String,
    rows: Vec<PublicTask>,
    counts: LightCounts,
}

/// `GET /public/plans/{id}`: the plan's public tasks with their status and latest progress.
pub async fn plan(State(state): State<AppState>, Id(id): Id, Q(f): Q<Format>) -> AppResult<Response> {
    let (site, mut conn) = site(&state).await?;
    let lang = f.lang();
    let p = site.plan(&mut conn, id, state.clock.today()).await?;
    let dir = Directory::cached(&state.directories, &mut conn, site.region).await?;
    let (rows, counts) = public_tasks(&p, &dir, lang);
    let title = plan_page_title(p.board.plan.year, lang);
    let updated = fmt_date(plan_updated(&p), lang);
    match f.format.as_str() {
        "json" => {
            return Ok(Json(json!({
                "title": title, "plan": p.board.plan.title, "region": site.region_name,
                "published": updated, "counts": counts, "tasks": rows,
            }))
            .into_response());
        }
        "csv" => {
            let out: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.number.clone(),
                        r.title.clone(),
                        r.lead_unit.clone(),
                        r.due.clone(),
                        r.status.clone(),
                        r.progress.to_string(),
                        r.latest.clone(),
                        r.latest_on.clone(),
                    ]
                })
                .collect();
            let body = csv(
                &[
                    "序号",
                    "重点工作",
                    "牵头单位",
                    "完成时限",
                    "推进状态",
                    "完成进度（%）",
                    "最新进展",
                    "进展日期",
                ],
                &out,
            );
            return Ok(download(body, "text/csv; charset=utf-8", &format!("plan-{id}.csv")));
        }
        "" => {}
        _ => return Err(AppError::NotFound),
    }
    let c = Chrome::new(
        &state,
        &site,
        lang,
        &format!("/public/plans/{id}"),
        title,
        updated,
        editor_of_site(&state, &site),
    );
    public_page(&PlanPage {
        c,
        plan: p.board.plan.title.clone(),
        rows,
        counts,
    })
}

#[derive(Template)]
#[template(path = "public_bulletin.html")]
struct BulletinPage {
    c: Chrome,
    d: BulletinDoc,
}

/// `GET /public/bulletins/{id}`: a published public bulletin.
pub async fn bulletin(State(state): State<AppState>, Id(id): Id, Q(f): Q<Format>) -> AppResult<Response> {
    let (site, mut conn) = site(&state).await?;
    let lang = f.lang();
    let b = site.bulletin(&mut conn, id).await?;
    let issuer = bulletin::office_name(&mut conn, site.region).await?;
    drop(conn);
    let d = BulletinDoc::new(&b, &issuer, state.clock.today(), lang);
    match f.format.as_str() {
        "json" => {
            // What the page shows: the published text, never the facts it was drafted from.
            return Ok(Json(json!({
                "number": d.row.number, "title": d.row.title, "issuer": d.issuer, "date": d.date,
                "editor": d.row.editor, "blocks": d.blocks,
            }))
            .into_response());
        }
        "csv" => {
            // The tables of the published text, each row led by its table's number.
            let tables: Vec<&crate::views::bulletin::BlockView> =
                d.blocks.iter().filter(|b| b.kind == "table").collect();
            let width = tables
                .iter()
                .flat_map(|t| std::iter::once(&t.head).chain(t.rows.iter()))
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            let mut out: Vec<Vec<String>> = Vec::new();
            for (n, t) in tables.iter().enumerate() {
                for (i, r) in std::iter::once(&t.head).chain(t.rows.iter()).enumerate() {
                    let mut row = vec![(n + 1).to_string(), if i == 0 { "表头" } else { "数据" }.to_string()];
                    row.extend(r.iter().cloned());
                    row.resize(width + 2, String::new());
                    out.push(row);
                }
            }
            let mut header = vec!["表".to_string(), "行".to_string()];
            header.extend((1..=width).map(|c| format!("第{c}列")));
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let body = csv(&header, &out);
            return Ok(download(body, "text/csv; charset=utf-8", &format!("bulletin-{id}.csv")));
        }
        "docx" => return crate::files::bulletin_docx(&state, site.region, &b).await,
        "" => {}
        _ => return Err(AppError::NotFound),
    }
    let c = Chrome::new(
        &state,
        &site,
        lang,
        &format!("/public/bulletins/{id}"),
        d.row.title.clone(),
        d.row.published_text.clone(),
        d.row.editor.clone(),
    );
    public_page(&BulletinPage { c, d })
}
