//! Tasks from text on both databases: proposing through the API, creating all or none, adding
//! to an existing plan, the page with an uploaded Word file, and who may do it.

use std::io::Write;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const BRACKETS: &str = include_str!("../../../text/testdata/division-brackets.txt");
const SEED: &str = include_str!("../../../../seed/meeting-2020-05-07.txt");

async fn plan_count(app: &TestApp, token: &str) -> usize {
    app.api_get(token, "/api/v1/plans").await.1.as_array().unwrap().len()
}

/// The proposed rows with every name the region does not know taken out, so they can be created.
fn known_only(proposed: &Value) -> Vec<Value> {
    let unknown: Vec<&str> = proposed["names"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["unit_id"].is_null() && m["exact"] == false)
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    proposed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if unknown.contains(&r["lead"].as_str().unwrap_or("")) || r["lead"] == "" {
                r["lead"] = json!("市发展和改革委员会");
            }
            let co: Vec<Value> = r["co"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| !unknown.contains(&c.as_str().unwrap()))
                .cloned()
                .collect();
            r["co"] = json!(co);
            r
        })
        .collect()
}

#[tokio::test]
async fn a_division_text_becomes_a_plan_with_its_tree_all_or_nothing() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (s, p) = app
            .api_post(&sup, "/api/v1/extraction", json!({ "text": BRACKETS }))
            .await;
        assert_eq!(s, StatusCode::OK, "{}: {p}", app.backend);
        assert_eq!(p["doc_kind"], "division");
        assert_eq!(p["year"], 2022);
        let names = p["names"].as_array().unwrap();
        let fgw = names.iter().find(|m| m["name"] == "市发展和改革委员会").unwrap();
        assert_eq!(fgw["exact"], true, "{fgw}");
        let rows = known_only(&p);
        let before = plan_count(&app, &sup).await;

        // One unknown unit anywhere: nothing is created, and the error names the row.
        let mut bad = rows.clone();
        bad[1]["co"] = json!(["市气象局"]);
        let plan = json!({ "kind": "work_report", "title": "2022年重点工作分工", "issued_on": "2022-01-20" });
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan": plan, "text": BRACKETS, "rows": bad }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        let fields = e["error"]["fields"].as_array().unwrap();
        assert!(
            fields
                .iter()
                .any(|f| f["code"] == "EXTRACTION_UNIT_UNKNOWN" && f["message"].as_str().unwrap().starts_with("第2条")),
            "{e}"
        );
        assert_eq!(
            plan_count(&app, &sup).await,
            before,
            "{}: a failed import left a plan",
            app.backend
        );

        let (s, done) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan": plan, "text": BRACKETS, "rows": rows }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {done}", app.backend);
        let plan_id = done["plan_id"].as_i64().unwrap();
        let ids: Vec<i64> = done["task_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), rows.len());
        let (_, stored) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}")).await;
        assert_eq!(stored["source_text"], BRACKETS);
        // The outline is kept: each row with a parent sits under that row's task.
        for (i, r) in rows.iter().enumerate() {
            let (s, t) = app.api_get(&sup, &format!("/api/v1/tasks/{}", ids[i])).await;
            assert_eq!(s, StatusCode::OK);
            let want = r["parent"].as_u64().map(|p| ids[p as usize]);
            assert_eq!(t["task"]["parent_id"].as_i64(), want, "row {i}: {t}");
            // The task cites the words it came from.
            let (a, b) = (
                r["span"][0].as_u64().unwrap() as usize,
                r["span"][1].as_u64().unwrap() as usize,
            );
            let words: String = BRACKETS.chars().skip(a).take(b - a).collect();
            assert_eq!(t["source"]["marked"].as_str(), Some(words.as_str()), "row {i}");
            assert_eq!(t["task"]["title"], r["title"]);
        }
        // The responsible leader is the one who oversees the lead unit.
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{}", ids[1])).await;
        assert!(t["task"]["leader_id"].is_i64(), "{t}");
        let (_, audit) = app.api_get(&app.token("auditor").await, "/api/v1/audit").await;
        assert!(audit.to_string().contains("plan.tasks_extracted"), "{}", app.backend);
    }
}

#[tokio::test]
async fn meeting_tasks_are_added_to_an_existing_plan_and_cite_its_text() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        // The founding meeting's plan (the one with its text).
        let plan_id = plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"].as_str().unwrap().contains("全体（扩大）会议"))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (_, before) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}")).await;
        let old_text = before["source_text"].as_str().unwrap().to_string();
        let text = "会议要求，市应急管理局牵头，市交通运输局配合，7月15日前完成全市道路交通安全隐患排查。市住房和城乡建设局要会同开发区，9月底前疏浚城区排水管网。";
        let (_, p) = app
            .api_post(&sup, "/api/v1/extraction", json!({ "text": text, "year": 2020 }))
            .await;
        let rows = p["rows"].as_array().unwrap().clone();
        assert_eq!(rows.len(), 2, "{p}");
        assert_eq!(rows[0]["lead"], "市应急管理局");
        assert_eq!(rows[0]["due"], "2020-07-15");
        assert_eq!(rows[1]["lead"], "市住房和城乡建设局");
        // 开发区 is near the development zone's name, and offered as it.
        assert!(
            p["names"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["name"] == "开发区" && m["exact"] == false && m["unit_id"].is_i64()),
            "{p}"
        );
        let (s, done) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan_id": plan_id, "text": text, "rows": rows, "cycle": "weekly", "cycle_due_day": 5 }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {done}", app.backend);
        let (_, after) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}")).await;
        assert_eq!(after["source_text"].as_str().unwrap(), format!("{old_text}\n\n{text}"));
        let id = done["task_ids"][1].as_i64().unwrap();
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{id}")).await;
        assert!(
            t["source"]["marked"].as_str().unwrap().contains("疏浚城区排水管网"),
            "{t}"
        );
        assert_eq!(t["task"]["due"], "2020-09-30");
        // Reading the same text again does not add it twice.
        let (s, _) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan_id": plan_id, "text": text, "rows": [rows[0].clone()] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, again) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}")).await;
        assert_eq!(again["source_text"], after["source_text"]);
        // With an idempotency key, a retried call creates nothing twice and says where it went.
        let body = json!({ "plan_id": plan_id, "text": text, "rows": [rows[0].clone()], "idempotency_key": "retry-1" });
        let (s, _) = app.api_post(&sup, "/api/v1/extraction/tasks", body.clone()).await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, e) = app.api_post(&sup, "/api/v1/extraction/tasks", body).await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
        assert_eq!(e["error"]["current"]["plan_id"], plan_id, "{e}");
        // An unknown unit gets suggestions from the names that share its characters.
        let (_, p) = app
            .api_post(
                &sup,
                "/api/v1/extraction",
                json!({ "text": "会议要求，市环保局要加强工地扬尘监管。" }),
            )
            .await;
        let m = p["names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "市环保局")
            .unwrap()
            .clone();
        assert!(m["unit_id"].is_null() && m["suggestions"][0] == "市生态环境局", "{m}");
    }
}

#[tokio::test]
async fn only_the_supervision_office_reads_texts_into_tasks() {
    for app in spawn_apps().await {
        for role in ["admin", "security", "auditor", "chenweiguo", "yjj"] {
            let token = app.token(role).await;
            let (s, _) = app
                .api_post(&token, "/api/v1/extraction", json!({ "text": SEED }))
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{}: {role}", app.backend);
            let (s, _) = app
                .api_post(
                    &token,
                    "/api/v1/extraction/tasks",
                    json!({ "plan_id": 1, "text": SEED, "rows": [] }),
                )
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{}: {role}", app.backend);
            let browser = app.login_page(role).await;
            let (s, _) = app.page(&browser, "/plans/extract").await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{}: {role} page", app.backend);
        }
        let sup = app.token("duchashi").await;
        let (s, e) = app.api_post(&sup, "/api/v1/extraction", json!({ "text": "  " })).await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("EXTRACTION_TEXT_EMPTY"))
        );
        let (s, _) = app
            .api_post(&sup, "/api/v1/extraction/tasks", json!({ "plan_id": 999999, "text": SEED, "rows": [{"title": "x", "lead": "市发展和改革委员会", "due": "2020-12-31"}] }))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// The value of every named field of the review form, as a browser would post it.
pub fn review_form(html: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let attr = |tag: &str, name: &str| {
        let key = format!("{name}=\"");
        tag.find(&key)
            .map(|i| tag[i + key.len()..].split('"').next().unwrap_or("").to_string())
    };
    let mut out = Vec::new();
    let form = &html[html.find("id=\"extract-create\"").unwrap()..];
    for part in form.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        if tag.starts_with("input") {
            let (Some(name), kind) = (attr(tag, "name"), attr(tag, "type").unwrap_or_default()) else {
                continue;
            };
            if kind == "checkbox" && !tag.contains("checked") {
                continue;
            }
            out.push((name, unescape(&attr(tag, "value").unwrap_or_default())));
        } else if tag.starts_with("textarea") {
            let name = attr(tag, "name").unwrap();
            let body = part.split_once('>').unwrap().1;
            out.push((name, unescape(body)));
        } else if tag.starts_with("select") {
            let name = attr(tag, "name").unwrap();
            let rest = &form[form.find(&format!("name=\"{name}\"")).unwrap()..];
            let options = &rest[..rest.find("</select>").unwrap()];
            let chosen = options
                .split("<option")
                .skip(1)
                .find(|o| o.contains("selected"))
                .or(options.split("<option").nth(1))
                .unwrap();
            out.push((name, attr(chosen, "value").unwrap()));
        }
    }
    out
}

/// Posts the review form's `fields` to create the tasks; the plan it opens and where it goes.
pub async fn create_from_review(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(String, String)],
) -> (i64, String) {
    let r = browser
        .post(app.url("/plans/extract/create"))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}: {}",
        app.backend,
        r.text().await.unwrap()
    );
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let plan_id: i64 = to
        .trim_start_matches("/plans/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (plan_id, to)
}

#[tokio::test]
async fn the_page_reads_an_uploaded_word_file_and_creates_the_ticked_tasks() {
    for app in spawn_apps().await {
        let browser = app.login_page("duchashi").await;
        let (s, html) = app.page(&browser, "/plans/extract").await;
        assert_eq!(s, StatusCode::OK);
        let csrf = csrf_of(&html);
        let file = docx(&[
            "云州市2020年优化营商环境重点任务分工",
            "一、提升政务服务效能",
            "1．推行“一件事一次办”，2020年9月底前实现100个高频事项“一网通办”。",
            "牵头单位：市行政审批服务管理局",
            "配合单位：市发展改革委、各县（市、区）人民政府",
            "2．开展涉企收费专项清理。［责任单位：市商务局、市发改委；完成时限：年内持续推进］",
            "3．建立营商环境投诉“十二小时”响应机制。（市行政审批服务管理局牵头，市气象局按职责分工负责）",
        ]);
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("plan", "")
            .text("text", "")
            .text("year", "")
            .part("file", reqwest::multipart::Part::bytes(file).file_name("分工方案.docx"));
        let r = browser
            .post(app.url("/plans/extract"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.backend);
        let html = r.text().await.unwrap();
        assert!(html.contains("任务分工方案"), "{html}");
        assert_eq!(
            html.matches("class=\"x-row").count(),
            4 + 3,
            "four items and three empty cards: {html}"
        );
        assert!(
            html.contains("<mark class=\"x-task\" id=\"src-1\">"),
            "the text is marked"
        );
        assert!(html.contains("近似匹配为市发展和改革委员会"), "a near name is flagged");
        assert!(html.contains("“市气象局”"), "an unknown unit is flagged");
        assert!(html.contains("name=\"batch\""), "the form carries its batch token");
        assert!(html.contains("“一件事一次办”") && !html.contains("<script>"));

        // As proposed, 市气象局 is unknown: nothing is created and the row says why.
        let fields = review_form(&html);
        let r = browser
            .post(app.url("/plans/extract/create"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        let again = r.text().await.unwrap();
        assert!(
            again.contains("市气象局") && again.contains("不是本行政区的单位"),
            "{again}"
        );
        let sup = app.token("duchashi").await;
        let before = plan_count(&app, &sup).await;

        // Untick that row: the other three are created under one new plan.
        let fields: Vec<(String, String)> = review_form(&again)
            .into_iter()
            .filter(|(k, _)| k != "r3.include")
            .collect();
        let (plan_id, to) = create_from_review(&app, &browser, &fields).await;
        assert!(to.contains("flash=flash.tasks_extracted"), "{to}");
        assert_eq!(plan_count(&app, &sup).await, before + 1);
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}/tasks")).await;
        let tasks = tree["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 3, "{tree}");
        let first = tasks
            .iter()
            .find(|t| t["title"].as_str().unwrap().contains("一件事一次办"))
            .unwrap();
        assert_eq!(first["due"], "2020-09-30");
        assert!(
            first["co_unit_ids"].as_array().unwrap().len() >= 3,
            "各县（市、区） are all the counties: {first}"
        );
        // Supervision starts today, not on the plan's date: no report is owed for the past.
        let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{}", first["id"])).await;
        assert!(t["start_text"].as_str().unwrap().contains("2020年6月30日"), "{t}");

        // The same form submitted again (a double click, the Back button) creates nothing more.
        let r = browser
            .post(app.url("/plans/extract/create"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert!(
            to.contains("flash=flash.tasks_already_extracted") && to.starts_with(&format!("/plans/{plan_id}")),
            "{to}"
        );
        assert_eq!(plan_count(&app, &sup).await, before + 1);
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}/tasks")).await;
        assert_eq!(tree["tasks"].as_array().unwrap().len(), 3);

        // Without the CSRF token nothing is read.
        let form = reqwest::multipart::Form::new().text("text", SEED);
        let r = browser
            .post(app.url("/plans/extract"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}
