//! The home page's tiles and its 需要关注 list lead to the lists they count: each light's tile
//! to the tasks of that light (the reader's own, or the region's), the attention list's first
//! rows to all of them, a page at a time.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn every_tile_links_to_the_list_it_counts() {
    for app in spawn_apps().await {
        for (login, of) in [
            ("zjj", ""),
            ("chenweiguo", ""),
            ("chenweiguo", "&of=all"),
            ("duchashi", "&of=all"),
        ] {
            let at = format!("{} {login}{of}", app.backend);
            let token = app.token(login).await;
            let (_, home) = app.api_get(&token, "/api/v1/home").await;
            let counts = if of.is_empty() {
                &home["counts"]
            } else if login == "chenweiguo" {
                &home["region_counts"]
            } else {
                &home["counts"]
            };
            for light in ["red", "yellow", "green", "blue"] {
                let (s, list) = app
                    .api_get(&token, &format!("/api/v1/lists/tasks?light={light}{of}"))
                    .await;
                assert_eq!(s, StatusCode::OK, "{at}: {list}");
                assert_eq!(list["pager"]["total"], counts[light], "{at}: {light}");
                assert!(
                    list["tasks"].as_array().unwrap().iter().all(|t| t["light"] == light),
                    "{at}: {light}"
                );
            }
            let (_, all) = app
                .api_get(&token, &format!("/api/v1/lists/tasks?per_page=1{of}"))
                .await;
            let total: i64 = ["red", "yellow", "green", "blue"]
                .iter()
                .map(|l| counts[*l].as_i64().unwrap())
                .sum();
            assert_eq!(all["pager"]["total"].as_i64().unwrap(), total, "{at}: all");

            // The attention list: the home page's first rows, then the rest a page at a time.
            if of.is_empty() || login == "duchashi" {
                let (_, list) = app
                    .api_get(&token, &format!("/api/v1/lists/tasks?light=attention&per_page=10{of}"))
                    .await;
                assert_eq!(list["pager"]["total"], home["attention_total"], "{at}");
                let ids = |v: &serde_json::Value| -> Vec<i64> {
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|t| t["id"].as_i64().unwrap())
                        .collect()
                };
                assert_eq!(ids(&list["tasks"]), ids(&home["attention"]), "{at}: first page");
            }
        }
        // A unit cannot ask for the region's list; an unknown light is not a list.
        let unit = app.token("zjj").await;
        assert_eq!(
            app.api_get(&unit, "/api/v1/lists/tasks?of=all").await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.api_get(&unit, "/api/v1/lists/tasks?light=pink").await.0,
            StatusCode::NOT_FOUND
        );

        // The page: the tiles are links, the attention list says how many there are.
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, "/home").await;
        assert!(
            html.contains(r#"<a class="stat red" href="/lists/tasks?of=all&#38;light=red">"#),
            "{}",
            app.backend
        );
        assert!(html.contains(r#"id="attention-all""#) && html.contains("查看全部需要关注的任务（"));
        let (s, page) = app.page(&browser, "/lists/tasks?light=red&of=all").await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("<h1>全部任务 · 红灯</h1>"), "{page}");
    }
}
