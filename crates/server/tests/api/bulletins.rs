//! Bulletins and the public site on both databases: a draft written from live data, edited,
//! published with the next number, its .docx parsed back; who sees drafts; what the public
//! sees and never sees; open data equal to the page; two publications at once.

use std::io::Read;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn draft(app: &TestApp, sup: &str, from: &str, to: &str, public: bool) -> (i64, Value) {
    let (s, d) = app
        .api_post(
            sup,
            "/api/v1/bulletins",
            json!({ "period_from": from, "period_to": to, "public": public }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{}: {d}", app.backend);
    let id = d["id"].as_i64().unwrap();
    let (s, doc) = app.api_get(sup, &format!("/api/v1/bulletins/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    (id, doc)
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[tokio::test]
async fn a_bulletin_is_drafted_from_live_data_edited_published_and_exported() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        // Bad periods change nothing and name the field.
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/bulletins",
                json!({ "period_from": "2020-06-30", "period_to": "2020-06-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.to_string().contains("BULLETIN_PERIOD_REVERSED"), "{e}");
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/bulletins",
                json!({ "period_from": "2020-06-01", "period_to": "2020-07-31" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.to_string().contains("BULLETIN_TO_FUTURE"), "{e}");
        // An empty or malformed date names its field; it is not a malformed body.
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/bulletins",
                json!({ "period_from": "", "period_to": "2020-13-01" }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        let fields: Vec<(&str, &str)> = e["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
            .collect();
        assert_eq!(fields, [("period_to", "DATE_INVALID")], "{e}");
        let (s, e) = app
            .api_post(&sup, "/api/v1/bulletins", json!({ "period_from": "", "period_to": "" }))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.to_string().contains("BULLETIN_FROM_MISSING") && e.to_string().contains("BULLETIN_TO_MISSING"));

        let (id, doc) = draft(&app, &sup, "2020-06-01", "2020-06-30", true).await;
        assert_eq!(doc["row"]["number"], "（草稿）");
        assert_eq!(doc["row"]["title"], "关于2020年6月重点工作推进情况的通报");
        assert_eq!(doc["row"]["editor"], "刘敏");
        // The facts agree with the lists the office reads, and the text states them.
        let facts = &doc["facts"];
        let total = &facts["total"];
        let (_, overdue) = app.api_get(&sup, "/api/v1/lists/overdue").await;
        let overdue_n = overdue.as_array().unwrap().len();
        let named: usize = facts["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["overdue"].as_array().unwrap().len())
            .sum();
        assert_eq!(named, overdue_n, "every overdue task is named, once");
        let sum = ["blue", "green", "yellow", "red"]
            .iter()
            .map(|k| total[k].as_u64().unwrap())
            .sum::<u64>();
        assert_eq!(sum, total["tasks"].as_u64().unwrap());
        let body = doc["body"].as_str().unwrap();
        assert!(
            body.contains(&format!(
                "纳入督查的{}项任务中，已办结{}项",
                total["tasks"], total["blue"]
            )),
            "{body}"
        );
        let orders = &facts["orders"];
        assert!(
            orders["issued"].as_u64().unwrap() >= 1,
            "the demo's June orders count: {orders}"
        );
        assert!(body.contains(&format!("本期共下发督办单{}件", orders["issued"])));

        // A unit does not see the draft; the office edits it; a stale save is a conflict.
        let yjj = app.token("yjj").await;
        let (s, _) = app.api_get(&yjj, &format!("/api/v1/bulletins/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app
            .api_post(
                &yjj,
                "/api/v1/bulletins",
                json!({ "period_from": "2020-06-01", "period_to": "2020-06-30" }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let v = doc["row"]["version"].as_i64().unwrap();
        let edited = format!("{body}五、其他\n请各单位于7月5日前反馈。\n");
        let edit = |version: i64, title: &str| json!({ "title": title, "body": edited, "cc": "市委办公室。", "editor": "王芳", "public": true, "version": version });
        let (s, e) = app
            .api_put(&sup, &format!("/api/v1/bulletins/{id}"), edit(v, " "))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.to_string().contains("BULLETIN_TITLE_EMPTY"), "{e}");
        let title = "关于2020年6月全市重点工作推进情况的通报";
        let (s, _) = app
            .api_put(&sup, &format!("/api/v1/bulletins/{id}"), edit(v, title))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_put(&sup, &format!("/api/v1/bulletins/{id}"), edit(v, "覆盖"))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "a save over a newer edit is refused");

        // Published with the next number of the year (the demo published 第1期 in June).
        let (_, d) = app.api_get(&sup, &format!("/api/v1/bulletins/{id}")).await;
        assert_eq!(d["row"]["title"], title);
        let v = d["row"]["version"].as_i64().unwrap();
        let (s, p) = app
            .api_post(
                &sup,
                &format!("/api/v1/bulletins/{id}/publish"),
                json!({ "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{p}");
        let number = p["number"].as_str().unwrap().to_string();
        assert!(number.starts_with("2020年第") && number.ends_with('期'));
        let (s, e) = app
            .api_put(&sup, &format!("/api/v1/bulletins/{id}"), edit(v + 1, "改"))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.to_string().contains("BULLETIN_PUBLISHED"));
        // Now the unit reads it.
        let (s, d) = app.api_get(&yjj, &format!("/api/v1/bulletins/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(d["row"]["number"], number.as_str());

        // The .docx reads back with its number, title, headings and table, in GB/T 9704 layout.
        let r = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/bulletins/{id}/docx")))
            .bearer_auth(&sup)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("wordprocessingml")
        );
        let bytes = r.bytes().await.unwrap();
        let text = luoshi_office::docx_text(&bytes).unwrap();
        for want in [
            "督查通报",
            number.as_str(),
            title,
            "一、总体情况",
            "（一）超期未完成的任务",
            "五、其他",
            "合计",
            "抄送：市委办公室。",
            "云州市人民政府督查室",
            "2020年6月30日印发",
        ] {
            assert!(text.contains(want), "{want} missing from the .docx: {text}");
        }
        let xml = part(&bytes, "word/document.xml");
        assert!(xml.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
        assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#) && xml.contains(r#"w:eastAsia="黑体""#));
        assert!(xml.contains(r#"<w:sz w:val="44"/>"#), "title in 2号");
    }
}

#[tokio::test]
async fn the_public_sees_only_what_is_published_and_public() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let anon = reqwest::Client::new();
        let get = |path: String| {
            let anon = anon.clone();
            let url = app.url(&path);
            async move {
                let r = anon.get(url).send().await.unwrap();
                let s = r.status();
                (s, r.text().await.unwrap())
            }
        };
        // The index lists the demo's published bulletin, never the draft.
        let (_, list) = app.api_get(&sup, "/api/v1/bulletins").await;
        let list = list.as_array().unwrap();
        let published = list.iter().find(|b| b["status"] == "published").unwrap();
        let draft_row = list.iter().find(|b| b["status"] == "draft").unwrap();
        let (s, index) = get("/public".into()).await;
        assert_eq!(s, StatusCode::OK);
        assert!(index.contains(published["title"].as_str().unwrap()));
        assert!(!index.contains(&format!("/public/bulletins/{}\"", draft_row["id"])));
        for needed in [
            "发布时间",
            "信息来源",
            "字号",
            "打印",
            "扫一扫在手机打开当前页",
            "责任编辑",
            "lang=\"zh-CN\"",
        ] {
            assert!(index.contains(needed), "{needed} missing from /public");
        }
        let (s, _) = get(format!("/public/bulletins/{}", draft_row["id"])).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "a draft is not public");
        let (s, page) = get(format!("/public/bulletins/{}", published["id"])).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains(published["number"].as_str().unwrap()));
        assert!(page.contains(&format!(
            "<span id=\"editor\">{}</span>",
            published["editor"].as_str().unwrap()
        )));

        // Open data of a public bulletin is its published text, not the facts it was drafted
        // from: the office cut the unit lines out, and they stay out.
        let (id, doc) = draft(&app, &sup, "2020-06-01", "2020-06-20", true).await;
        let named_unit = doc["facts"]["units"][0]["unit"].as_str().unwrap().to_string();
        let edit = json!({ "title": "关于6月上旬工作推进情况的通报", "editor": "王芳", "public": true,
            "body": "各单位：\n一、总体情况\n| 指标 | 数值 |\n| 任务数 | 113 |\n",
            "version": doc["row"]["version"] });
        let (s, _) = app.api_put(&sup, &format!("/api/v1/bulletins/{id}"), edit).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, d) = app.api_get(&sup, &format!("/api/v1/bulletins/{id}")).await;
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/bulletins/{id}/publish"),
                json!({ "version": d["row"]["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        for format in ["json", "csv"] {
            let (s, text) = get(format!("/public/bulletins/{id}?format={format}")).await;
            assert_eq!(s, StatusCode::OK);
            assert!(text.contains("任务数") && text.contains("113"), "{text}");
            assert!(
                !text.contains(&named_unit) && !text.contains("facts"),
                "{format}: {text}"
            );
        }
        let (_, as_unit) = app
            .api_get(&app.token("yjj").await, &format!("/api/v1/bulletins/{id}"))
            .await;
        assert!(
            as_unit["facts"].is_null(),
            "a unit reads the text, not the office's data"
        );

        // An internal bulletin, once published, stays off the public site.
        let (id, doc) = draft(&app, &sup, "2020-06-01", "2020-06-15", false).await;
        let v = doc["row"]["version"].as_i64().unwrap();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/bulletins/{id}/publish"),
                json!({ "version": v }),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, _) = get(format!("/public/bulletins/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "an internal bulletin is not public");
        let (s, _) = get(format!("/public/bulletins/{id}?format=docx")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        // A plan page shows its public tasks, and no task that is not public.
        // The work report's plan: some of its tasks are public, some not.
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let plan = plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"].as_str().unwrap().contains("政府工作报告"))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        let tasks = tree["tasks"].as_array().unwrap();
        let (s, page) = get(format!("/public/plans/{plan}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("2020年度重点工作进展和完成情况"));
        let hidden: Vec<&Value> = tasks.iter().filter(|t| t["public"] == false).collect();
        assert!(!hidden.is_empty(), "the demo has tasks that are not public");
        for t in &hidden {
            let title = t["title"].as_str().unwrap();
            // A hidden title may be the prefix of a public one; check the cell exactly.
            assert!(
                !page.contains(&format!("<td>{title}</td>")),
                "{title} is not public but is on the page"
            );
        }
        let public_n = tasks.iter().filter(|t| t["public"] == true).count();

        // Open data: the same rows as the page.
        let (s, json_text) = get(format!("/public/plans/{plan}?format=json")).await;
        assert_eq!(s, StatusCode::OK);
        let data: Value = serde_json::from_str(&json_text).unwrap();
        assert_eq!(data["tasks"].as_array().unwrap().len(), public_n);
        let (s, csv) = get(format!("/public/plans/{plan}?format=csv")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(
            csv.trim_end().lines().count(),
            public_n + 1,
            "a header and a row per task"
        );
        let first = data["tasks"][0]["title"].as_str().unwrap();
        assert!(csv.contains(first) && page.contains(first));
        // A latest progress shown publicly is the text of an accepted report.
        let shown = data["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| !t["latest"].as_str().unwrap().is_empty())
            .unwrap();
        assert!(page.contains(shown["latest"].as_str().unwrap()));
        // The public's numbers come from what it sees: a parent's status rolls up its shown
        // sub-tasks only, the count is of tasks without sub-tasks, and a percentage is that of
        // the report the office accepted (a report merely submitted does not count).
        let rows = data["tasks"].as_array().unwrap();
        let severity = |l: &str| ["blue", "green", "yellow", "red"].iter().position(|x| *x == l).unwrap();
        for r in rows.iter().filter(|r| r["has_children"] == true) {
            let prefix = format!("{}.", r["number"].as_str().unwrap());
            let kids: Vec<&Value> = rows
                .iter()
                .filter(|k| {
                    let n = k["number"].as_str().unwrap();
                    n.starts_with(&prefix) && !n[prefix.len()..].contains('.')
                })
                .collect();
            assert!(!kids.is_empty(), "{r}");
            let worst = kids
                .iter()
                .map(|k| severity(k["light"].as_str().unwrap()))
                .max()
                .unwrap();
            assert_eq!(severity(r["light"].as_str().unwrap()), worst, "{r} rolls up {kids:?}");
        }
        let leaves = rows.iter().filter(|r| r["has_children"] == false).count();
        assert_eq!(
            data["counts"]["red"].as_u64().unwrap()
                + data["counts"]["yellow"].as_u64().unwrap()
                + data["counts"]["green"].as_u64().unwrap()
                + data["counts"]["blue"].as_u64().unwrap(),
            leaves as u64
        );
        assert!(page.contains(&format!("本页公开重点工作{leaves}项")));
        let mut checked = 0;
        for t in tasks
            .iter()
            .filter(|t| t["public"] == true && t["has_children"] == false)
            .take(25)
        {
            let (_, full) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["id"])).await;
            let accepted = full["reports"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["status"] == "accepted")
                .max_by_key(|r| r["period"].as_str().unwrap().to_string());
            let shown = rows.iter().find(|r| r["title"] == t["title"]).unwrap();
            match accepted {
                Some(a) => {
                    assert_eq!(shown["progress"], a["progress"], "{}: {shown}", t["title"]);
                    assert_eq!(shown["latest"], a["content"]);
                    checked += 1;
                }
                None => assert_eq!(shown["latest"], ""),
            }
        }
        assert!(checked > 5, "enough tasks with accepted reports were checked");
        let (s, _) = get(format!("/public/plans/{plan}?format=xml")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = get("/public/plans/999999".into()).await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        // The QR code encodes the page's own public address (base_url + path).
        assert!(page.contains(&format!(
            "aria-label=\"当前页二维码：{}/public/plans/{plan}\"",
            app.base
        )));
    }
}

#[tokio::test]
async fn two_bulletins_published_at_once_get_different_numbers() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (a, da) = draft(&app, &sup, "2020-06-01", "2020-06-10", true).await;
        let (b, db) = draft(&app, &sup, "2020-06-11", "2020-06-20", true).await;
        let (path_a, path_b) = (
            format!("/api/v1/bulletins/{a}/publish"),
            format!("/api/v1/bulletins/{b}/publish"),
        );
        let pa = app.api_post(&sup, &path_a, json!({ "version": da["row"]["version"] }));
        let pb = app.api_post(&sup, &path_b, json!({ "version": db["row"]["version"] }));
        let ((sa, na), (sb, nb)) = tokio::join!(pa, pb);
        assert_eq!((sa, sb), (StatusCode::OK, StatusCode::OK), "{na} {nb}");
        assert_ne!(na["number"], nb["number"], "{}", app.backend);
    }
}

#[tokio::test]
async fn the_office_drafts_edits_and_publishes_on_the_pages() {
    for app in spawn_apps().await {
        let c = app.login_page("duchashi").await;
        let (s, html) = app.page(&c, "/bulletins").await;
        assert_eq!(s, StatusCode::OK);
        let csrf = csrf_of(&html);
        // A bad period re-shows the form with the error, and writes nothing.
        let r = c
            .post(app.url("/bulletins"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("period_from", "2020-06-20"),
                ("period_to", "2020-06-10"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("起始日期不能晚于截止日期"));
        let r = c
            .post(app.url("/bulletins"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("period_from", "2020-04-01"),
                ("period_to", "2020-06-30"),
                ("public", "on"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let path = to.split('?').next().unwrap().to_string();
        let (_, html) = app.page(&c, &to).await;
        assert!(html.contains("关于2020年第二季度重点工作推进情况的通报"), "{html}");
        assert!(html.contains("id=\"bulletin-form\""));
        // Without the CSRF token nothing is published.
        let version = html
            .split("name=\"version\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let r = c
            .post(app.url(&format!("{path}/publish")))
            .form(&[("version", version.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = c
            .post(app.url(&format!("{path}/publish")))
            .form(&[("csrf", csrf.as_str()), ("version", version.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, html) = app.page(&c, &to).await;
        assert!(html.contains("通报已发布并编号"));
        assert!(
            !html.contains("id=\"bulletin-form\""),
            "a published bulletin has no editor"
        );
        let (s, _) = app.page(&c, &format!("{path}/docx")).await;
        assert_eq!(s, StatusCode::OK);
        // A unit reads published bulletins on its pages.
        let u = app.login_page("yjj").await;
        let (s, html) = app.page(&u, "/bulletins").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("关于2020年第二季度重点工作推进情况的通报"));
        assert!(!html.contains("（草稿）"), "a unit sees no drafts");
    }
}
