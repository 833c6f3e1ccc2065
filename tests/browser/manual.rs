//! The user guide's pictures (docs/manual/images), taken from the pages themselves on the demo
//! city, so they show what the pages show today. Run by `.ci/run` with the other browser tests;
//! a changed page changes its picture.

use std::path::{Path, PathBuf};

use super::{Session, start};

fn images() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manual/images")
}

impl Session {
    /// A picture of the page at `path` for the guide, named `name`.png.
    async fn picture(&self, path: &str, name: &str) {
        self.goto(path).await;
        let png = self.client.screenshot().await.unwrap();
        assert!(png.len() > 5_000, "{path}: an empty picture");
        std::fs::write(images().join(format!("{name}.png")), png).unwrap();
    }

    /// The `href` of the first element matching `css` on the page at `path`.
    async fn href_on(&self, path: &str, css: &str) -> String {
        self.goto(path).await;
        let e = self
            .client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css} on {path}"));
        let href = e.attr("href").await.unwrap().unwrap();
        href.trim_start_matches(&self.base).to_string()
    }
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_user_guide_s_pictures_are_taken_from_the_pages() {
    std::fs::create_dir_all(images()).unwrap();
    let s = start().await;
    s.client.set_window_size(1280, 860).await.unwrap();

    s.login("duchashi").await;
    s.picture("/home", "office-home").await;
    s.picture("/plans/1", "office-plan").await;
    s.picture("/reviews", "office-reviews").await;
    let order = s.href_on("/supervisions", "#order-table a").await;
    s.picture(&format!("{order}/print"), "office-order-print").await;
    let instruction = s.href_on("/instructions", "#instruction-list .item-title a").await;
    s.picture(&instruction, "office-instruction").await;
    let bulletin = s.href_on("/bulletins", "main a[href^='/bulletins/']").await;
    s.picture(&bulletin, "office-bulletin").await;
    s.logout().await;

    s.login("chenweiguo").await;
    s.picture("/home", "leader-home").await;
    let task = s.href_on("/home", "#attention-table a").await;
    s.client.set_window_size(390, 844).await.unwrap();
    s.picture(
        &format!("/instructions/new?task={}", task.trim_start_matches("/tasks/")),
        "leader-instruction",
    )
    .await;
    s.client.set_window_size(1280, 860).await.unwrap();
    s.logout().await;

    s.login("zjj").await;
    s.client.set_window_size(390, 844).await.unwrap();
    s.picture("/inbox", "unit-inbox").await;
    let report = s.href_on("/inbox", "#inbox-list .item-act a").await;
    s.picture(&report, "unit-report").await;
    let order = s.href_on("/inbox", "#inbox-orders a").await;
    s.client.set_window_size(1280, 860).await.unwrap();
    s.picture(&order, "unit-order").await;
    s.logout().await;

    s.login("auditor").await;
    s.picture("/home", "auditor-home").await;
    s.logout().await;

    // Every picture the guide shows exists.
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manual");
    for doc in ["index.md", "office.md", "leader.md", "unit.md", "admin.md"] {
        let text = std::fs::read_to_string(guide.join(doc)).unwrap();
        for part in text.split("](images/").skip(1) {
            let name = &part[..part.find(')').unwrap()];
            assert!(guide.join("images").join(name).exists(), "{doc}: images/{name}");
        }
    }
    s.client.clone().close().await.unwrap();
}
