//! `/help`: the user guide (docs/manual, in Chinese) inside the product, with its pictures; and
//! which section of it each page's 帮助 link opens, by the reader's role and the page.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use luoshi_domain::Role;

use super::{layout::Layout, render};
use crate::{AppState, auth::Viewer, error::AppError, error::AppResult};

/// The guide's documents: (name in the address, Markdown).
const DOCS: [(&str, &str); 5] = [
    ("", include_str!("../../../../docs/manual/index.md")),
    ("office", include_str!("../../../../docs/manual/office.md")),
    ("leader", include_str!("../../../../docs/manual/leader.md")),
    ("unit", include_str!("../../../../docs/manual/unit.md")),
    ("admin", include_str!("../../../../docs/manual/admin.md")),
];

/// The guide's pictures, taken by the browser tests.
const IMAGES: [(&str, &[u8]); 14] = [
    (
        "office-home.png",
        include_bytes!("../../../../docs/manual/images/office-home.png"),
    ),
    (
        "office-plan.png",
        include_bytes!("../../../../docs/manual/images/office-plan.png"),
    ),
    (
        "office-reviews.png",
        include_bytes!("../../../../docs/manual/images/office-reviews.png"),
    ),
    (
        "office-order-print.png",
        include_bytes!("../../../../docs/manual/images/office-order-print.png"),
    ),
    (
        "office-instruction.png",
        include_bytes!("../../../../docs/manual/images/office-instruction.png"),
    ),
    (
        "office-bulletin.png",
        include_bytes!("../../../../docs/manual/images/office-bulletin.png"),
    ),
    (
        "leader-home.png",
        include_bytes!("../../../../docs/manual/images/leader-home.png"),
    ),
    (
        "leader-instruction.png",
        include_bytes!("../../../../docs/manual/images/leader-instruction.png"),
    ),
    (
        "unit-inbox.png",
        include_bytes!("../../../../docs/manual/images/unit-inbox.png"),
    ),
    (
        "unit-report.png",
        include_bytes!("../../../../docs/manual/images/unit-report.png"),
    ),
    (
        "unit-order.png",
        include_bytes!("../../../../docs/manual/images/unit-order.png"),
    ),
    (
        "auditor-home.png",
        include_bytes!("../../../../docs/manual/images/auditor-home.png"),
    ),
    (
        "admin-import-checked.png",
        include_bytes!("../../../../docs/manual/images/admin-import-checked.png"),
    ),
    (
        "admin-import-done.png",
        include_bytes!("../../../../docs/manual/images/admin-import-done.png"),
    ),
];

/// The section of the guide that explains the page at `path` to someone in `role`.
pub fn link(role: Role, path: &str) -> String {
    let under = |p: &str| path == p || path.starts_with(&format!("{p}/")) || path.starts_with(&format!("{p}?"));
    let (doc, section) = match role {
        Role::Supervisor => (
            "office",
            if under("/reviews") {
                "reviews"
            } else if under("/plans") || under("/tasks") {
                "plans"
            } else if under("/supervisions") {
                "orders"
            } else if under("/instructions") {
                "instructions"
            } else if under("/bulletins") {
                "bulletins"
            } else if under("/lists") || under("/units") || under("/leaders") {
                "lists"
            } else if under("/calendar") || under("/channels") {
                "settings"
            } else if under("/indicators") {
                "indicators"
            } else if under("/task-forces") {
                "task-forces"
            } else if under("/me") {
                return "/help#common".into();
            } else {
                "home"
            },
        ),
        Role::Leader => (
            "leader",
            if under("/instructions") {
                if path.starts_with("/instructions/new") {
                    "instruct"
                } else {
                    "follow"
                }
            } else if under("/tasks") || under("/plans") || under("/supervisions") || under("/lists") {
                "tasks"
            } else if under("/indicators") || under("/task-forces") {
                "indicators"
            } else if under("/me") {
                "feed"
            } else {
                "home"
            },
        ),
        Role::UnitUser => (
            "unit",
            if path.contains("/report") {
                "report"
            } else if under("/supervisions") {
                "order-reply"
            } else if under("/instructions") {
                "instruction-answer"
            } else if path.contains("/subtasks") {
                "decompose"
            } else if under("/tasks") {
                "report"
            } else if under("/indicators") || under("/task-forces") {
                "indicators"
            } else if under("/me") {
                "me"
            } else {
                "inbox"
            },
        ),
        Role::Admin => ("admin", "admin"),
        Role::SecurityOfficer => ("admin", "security"),
        Role::Auditor => ("admin", "auditor"),
    };
    format!("/help/{doc}#{section}")
}

/// A guide document as HTML: links between the documents and to the pictures point inside
/// `/help`; headings carry the ids the 帮助 links name (`## 审核报送 {#reviews}`).
fn html(markdown: &str) -> String {
    let text = markdown
        .replace("](index.md", "](/help")
        .replace("](office.md", "](/help/office")
        .replace("](leader.md", "](/help/leader")
        .replace("](unit.md", "](/help/unit")
        .replace("](admin.md", "](/help/admin")
        .replace("](images/", "](/help/images/");
    let opts = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new_ext(&text, opts));
    out
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    l: Layout,
    title: String,
    /// The document, rendered from our own Markdown (no user text).
    body: String,
    docs: Vec<(&'static str, &'static str, bool)>,
}

/// `GET /help`: the guide's first page.
pub async fn index(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    show(&state, &viewer, "").await
}

/// `GET /help/{doc}`: one role's guide.
pub async fn doc(State(state): State<AppState>, viewer: Viewer, Path(doc): Path<String>) -> AppResult<Response> {
    show(&state, &viewer, &doc).await
}

async fn show(state: &AppState, viewer: &Viewer, name: &str) -> AppResult<Response> {
    let (_, markdown) = DOCS.iter().find(|(n, _)| *n == name).ok_or(AppError::NotFound)?;
    let title = markdown
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("# ")
        .split(" {#")
        .next()
        .unwrap_or_default()
        .to_string();
    let l = Layout::new(state, viewer, "/help").await?;
    let docs = [
        ("", "使用手册"),
        ("office", "督查室"),
        ("leader", "领导"),
        ("unit", "单位联络员"),
        ("admin", "管理员"),
    ]
    .into_iter()
    .map(|(n, label)| (n, label, n == name))
    .collect();
    render(&HelpPage {
        l,
        title,
        body: html(markdown),
        docs,
    })
}

/// `GET /help/images/{name}`: a picture of the guide.
pub async fn image(Path(name): Path<String>) -> AppResult<Response> {
    let (_, bytes) = IMAGES.iter().find(|(n, _)| *n == name).ok_or(AppError::NotFound)?;
    let mut r = bytes.to_vec().into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_link_names_a_section_the_guide_has() {
        let paths = [
            "/home",
            "/plans/1",
            "/tasks/3",
            "/tasks/3/report",
            "/tasks/3/subtasks/new",
            "/reviews",
            "/supervisions/2",
            "/instructions",
            "/instructions/new",
            "/bulletins/1",
            "/lists/overdue",
            "/units/4",
            "/calendar",
            "/channels",
            "/me",
            "/inbox",
        ];
        for role in Role::ALL {
            for p in paths {
                let href = link(role, p);
                let (doc, section) = href.trim_start_matches("/help").split_once('#').unwrap();
                let doc = doc.trim_start_matches('/');
                let (_, md) = DOCS.iter().find(|(n, _)| *n == doc).unwrap();
                assert!(html(md).contains(&format!("id=\"{section}\"")), "{role:?} {p}: {href}");
            }
        }
    }

    #[test]
    fn every_picture_the_guide_shows_is_served() {
        for (_, md) in DOCS {
            for part in md.split("](images/").skip(1) {
                let name = &part[..part.find(')').unwrap()];
                assert!(IMAGES.iter().any(|(n, _)| *n == name), "images/{name}");
            }
        }
    }
}
