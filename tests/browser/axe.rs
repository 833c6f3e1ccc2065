//! Accessibility: axe-core (from the npm registry, `tests/browser/package.json`; `.ci/run`
//! installs it with `npm ci`) run in the browser over the pages each role uses — the office,
//! a leader, a unit, the three administrators, and the public — for WCAG 2.0 and 2.1, levels A
//! and AA. Every violation is listed with the page, the rule and the elements; none may remain.

use std::path::Path;

use super::{Session, start};
use fantoccini::Locator;

/// axe-core's script, installed by `npm ci --prefix tests/browser`.
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}); install it with `npm ci --prefix tests/browser`",
            path.display()
        )
    })
}

impl Session {
    /// The WCAG 2 A and AA violations axe finds on the page at `path`, one line each:
    /// `path: rule (impact): help — elements`.
    async fn axe(&self, axe: &str, path: &str) -> Vec<String> {
        self.goto(path).await;
        self.client
            .execute(&format!("{axe}\nreturn true;"), vec![])
            .await
            .unwrap();
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                     resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                       v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        let mut out: Vec<String> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{path}: {}", v.as_str().unwrap_or_default()))
            .collect();
        // Words right: a Chinese page shows no English words (but for names of formats and
        // the product), no raw codes, and one bracket style.
        let words: serde_json::Value = self
            .client
            .execute(
                "if (document.documentElement.lang !== 'zh-CN') return [];
                 // Login names and other data not to be translated are marked so.
                 const body = document.body.cloneNode(true);
                 body.querySelectorAll('[translate=no], code, kbd, script, style, [hidden]').forEach(e => e.remove());
                 const t = body.textContent;
                 const allowed = /^(Luoshi|Excel|Word|WPS|CSV|JSON|PDF|OFD|PNG|JPG|JPEG|Ctrl|Mac|API|URL|docx|xlsx|xls|doc|ics|Bearer|OpenAPI|Swagger|SM3|HTTPS?|English|GB|Luoshi@2020|Webhook)$/;
                 const out = [];
                 for (const w of t.match(/[A-Za-z][A-Za-z_.#]{3,}/g) || []) if (!allowed.test(w)) out.push('English or a code: ' + w);
                 for (const m of t.match(/（[^（）()]*\\)|\\([^（）()]*）/g) || []) out.push('mixed brackets: ' + m);
                 return [...new Set(out)].slice(0, 8);",
                vec![],
            )
            .await
            .unwrap();
        out.extend(
            words
                .as_array()
                .unwrap()
                .iter()
                .map(|w| format!("{path}: {}", w.as_str().unwrap_or_default())),
        );
        out
    }

    /// The violations on every page of `pages`.
    async fn axe_all(&self, axe: &str, pages: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for p in pages {
            out.extend(self.axe(axe, p).await);
        }
        out
    }

    /// The `href` of the first element matching `css` on the page at `path`, if any.
    async fn link_on(&self, path: &str, css: &str) -> Option<String> {
        self.goto(path).await;
        let e = self.client.find(Locator::Css(css)).await.ok()?;
        let href = e.attr("href").await.ok()??;
        Some(href.trim_start_matches(&self.base).to_string())
    }
}

#[tokio::test]
#[ignore = "needs chromium, chromium-driver and axe-core from npm; run by .ci/run"]
async fn every_page_a_user_sees_passes_wcag_2_a_and_aa() {
    let axe = axe_source();
    let s = start().await;
    let mut bad = Vec::new();

    // The public, before logging in.
    let plan = s.link_on("/public", "main a[href^='/public/plans/']").await;
    let bulletin = s.link_on("/public", "main a[href^='/public/bulletins/']").await;
    let mut public = vec![
        "/login".to_string(),
        "/public".to_string(),
        "/public/projects/2020".to_string(),
    ];
    public.extend(plan);
    public.extend(bulletin);
    bad.extend(s.axe_all(&axe, &public).await);

    // The office.
    s.login("duchashi").await;
    let task = s.link_on("/reviews", "#review-list a[href^='/tasks/']").await;
    let order = s.link_on("/supervisions", "#order-table a").await;
    let instruction = s.link_on("/instructions", "#instruction-list .item-title a").await;
    let bulletin = s.link_on("/bulletins", "main a[href^='/bulletins/']").await;
    let unit = s.link_on("/units", "main a[href^='/units/']").await;
    let project = s.link_on("/projects", "#projects-table a").await;
    let mut office: Vec<String> = [
        "/home",
        "/plans",
        "/plans/1",
        "/plans/new",
        "/plans/1/edit",
        "/plans/extract",
        "/reviews",
        "/supervisions",
        "/supervisions/new",
        "/instructions",
        "/bulletins",
        "/units",
        "/projects",
        "/projects/new",
        "/projects/import",
        "/assessment",
        "/assessment/1",
        "/assessment/1/edit",
        "/accountability",
        "/accountability/1",
        "/likelihood/accuracy",
        "/lists/overdue",
        "/lists/tasks?light=attention&of=all",
        "/notifications",
        "/calendar",
        "/channels",
        "/me",
        "/help",
        "/help/office",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for p in [&task, &order, &instruction, &bulletin, &unit, &project]
        .into_iter()
        .flatten()
    {
        office.push(p.clone());
    }
    if let Some(o) = &order {
        office.push(format!("{o}/print"));
    }
    if let Some(p) = &project {
        office.push(format!("{p}/edit"));
    }
    office.push("/projects/liaison".to_string());
    office.push("/dispatch".to_string());
    office.extend(s.link_on("/dispatch", "#meeting-list a").await);
    for p in [
        "/indicators",
        "/indicators/new",
        "/indicators/half-way",
        "/task-forces",
        "/task-forces/new",
    ] {
        office.push(p.to_string());
    }
    if let Some(i) = s.link_on("/indicators", "#indicators h3 a").await {
        office.push(format!("{i}/edit"));
        office.push(i);
    }
    if let Some(f) = s.link_on("/task-forces", "#task-forces h3 a").await {
        office.push(format!("{f}/edit"));
        office.push(f);
    }
    bad.extend(s.axe_all(&axe, &office).await);
    s.logout().await;

    // A leader (the mayor).
    s.login("chenweiguo").await;
    let mut leader: Vec<String> = ["/home", "/instructions", "/lists/tasks?light=red", "/supervisions"]
        .iter()
        .map(|p| p.to_string())
        .collect();
    if let Some(t) = &task {
        leader.push(t.clone());
        leader.push(format!("/instructions/new?task={}", t.trim_start_matches("/tasks/")));
    }
    bad.extend(s.axe_all(&axe, &leader).await);
    s.logout().await;

    // A unit with a report owed, an order and an instruction to answer.
    s.login("zjj").await;
    let mut unit_pages: Vec<String> = [
        "/home",
        "/inbox",
        "/supervisions",
        "/instructions",
        "/notifications",
        "/me",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for css in [
        "#inbox-list .item-title a",
        "#inbox-list .item-act a",
        "#inbox-orders a",
        "#inbox-instructions .item-title a",
    ] {
        unit_pages.extend(s.link_on("/inbox", css).await);
    }
    bad.extend(s.axe_all(&axe, &unit_pages).await);
    s.logout().await;

    // A unit's key project: its page with the forms it may use, and the monthly report form;
    // its indicators, one with the form to enter a figure.
    s.login("gxj").await;
    let mut project_pages = vec![
        "/projects".to_string(),
        "/indicators".to_string(),
        "/task-forces".to_string(),
    ];
    project_pages.extend(s.link_on("/indicators", "#indicators h3 a").await);
    if let Some(p) = s.link_on("/projects", "#projects-table a").await {
        project_pages.extend(s.link_on(&p, "#report-project").await);
        project_pages.push(p);
    }
    bad.extend(s.axe_all(&axe, &project_pages).await);
    s.logout().await;

    // The three administrators.
    for who in ["admin", "security", "auditor"] {
        s.login(who).await;
        let mut pages = vec!["/home".to_string(), "/me".to_string()];
        if who == "admin" {
            for p in [
                "/admin/units",
                "/admin/units/3",
                "/admin/leaders",
                "/admin/leaders/2",
                "/admin/users",
                "/admin/import",
            ] {
                pages.push(p.to_string());
            }
            pages.push(
                s.link_on("/admin/users", "#user-table a")
                    .await
                    .into_iter()
                    .next()
                    .unwrap(),
            );
        }
        bad.extend(s.axe_all(&axe, &pages).await);
        s.logout().await;
    }

    assert!(
        bad.is_empty(),
        "WCAG 2 A/AA violations ({}):\n{}",
        bad.len(),
        bad.join("\n")
    );
    s.client.clone().close().await.unwrap();
}
