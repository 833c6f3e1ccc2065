//! The system administrator in the browser: a sheet chosen in the file field, checked, then
//! imported on confirmation with the first passwords shown once; the directory pages fit a
//! phone. Two of the pictures are the user guide's.

use std::time::Duration;

use fantoccini::Locator;
use luoshi_office::sheet::{TableOut, write_book};

use super::{Session, start};

fn table(name: &str, rows: &[&[&str]]) -> TableOut {
    TableOut {
        name: name.into(),
        header: rows[0].iter().map(|s| s.to_string()).collect(),
        rows: rows[1..]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
        ..TableOut::default()
    }
}

impl Session {
    /// Waits until the page's text holds `want`.
    async fn wait_text(&self, want: &str) -> String {
        let mut text = String::new();
        for _ in 0..150 {
            // The page may be changing under us: a stale body is read again.
            if let Ok(body) = self.client.find(Locator::Css("body")).await
                && let Ok(t) = body.text().await
            {
                text = t;
                if text.contains(want) {
                    return text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {want:?} on the page: {text}");
    }

    /// The guide's picture `name` of the page as it is now.
    async fn guide_picture(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manual/images");
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_administrator_imports_the_directory_sheet_in_the_browser() {
    let s = start().await;
    s.client.set_window_size(1280, 900).await.unwrap();
    let book = write_book(
        &[
            table(
                "单位",
                &[&["单位全称", "简称", "类别"], &["市数据局", "市数据局", "市直部门"]],
            ),
            table(
                "用户",
                &[
                    &["登录名", "姓名", "角色", "所属单位"],
                    &["sjju", "王数据", "单位联络员", "市数据局"],
                    &["sjju2", "李数据", "单位联络员", "市数据局"],
                ],
            ),
        ],
        "填写说明",
        &[],
    )
    .unwrap();
    let file = std::env::temp_dir().join(format!("luoshi-directory-{}.xlsx", std::process::id()));
    std::fs::write(&file, book).unwrap();

    s.login("admin").await;
    let home = s.body_text().await;
    assert!(home.contains("本地区设置") && home.contains("个在用"), "{home}");
    s.goto("/admin/import").await;
    s.client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    s.click("#import-form button[type=submit]").await;
    let text = s.wait_text("检查通过，尚未导入").await;
    assert!(
        text.contains("新增 市数据局") && text.contains("新增 王数据（sjju）"),
        "{text}"
    );
    s.guide_picture("admin-import-checked").await;
    s.click("#confirm-form button[type=submit]").await;
    let text = s.wait_text("新账号的初始密码").await;
    assert!(text.contains("sjju2"), "{text}");
    s.guide_picture("admin-import-done").await;
    let _ = std::fs::remove_file(&file);

    // The directory's pages on a phone.
    s.client.set_window_size(360, 740).await.unwrap();
    s.all_fit_pub(
        "admin",
        &[
            ("/home".into(), ""),
            ("/admin/units".into(), ""),
            ("/admin/units/3".into(), "#unit-form button[type=submit]"),
            ("/admin/leaders".into(), "#leader-form button[type=submit]"),
            ("/admin/users".into(), "#user-form button[type=submit]"),
            ("/admin/import".into(), "#import-form button[type=submit]"),
        ],
    )
    .await;
    s.client.set_window_size(1280, 900).await.unwrap();
    s.logout().await;
    s.client.clone().close().await.unwrap();
}
