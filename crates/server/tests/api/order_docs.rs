//! Supervision orders as documents: the printable 督办通知单 and its .docx in the official
//! layout, replies carrying files, and the order list most urgent first.

use std::io::Read;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// A new order to `login`'s unit about one of its tasks: (order id, its doc number).
async fn new_order(app: &TestApp, login: &str) -> (i64, String) {
    let sup = app.token("duchashi").await;
    let token = app.token(login).await;
    let (_, me) = app.api_get(&token, "/api/v1/me").await;
    let unit = me["unit_id"].as_i64().unwrap();
    let (_, tasks) = app.api_get(&token, &format!("/api/v1/units/{unit}/tasks")).await;
    let task = tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["lead_unit_id"] == unit)
        .unwrap()["id"]
        .clone();
    let body = json!({ "level": "key", "source": "instruction", "task_id": task, "title": "老旧小区改造进度滞后",
        "requirement": "请于7月10日前报送整改措施和完成时间表", "source_text": "陈卫国市长批示：要加快进度。",
        "lead_unit_id": unit, "co_unit_ids": [], "reply_due": "2020-07-10", "mode": "once" });
    let (s, b) = app.api_post(&sup, "/api/v1/supervisions", body).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    (b["id"].as_i64().unwrap(), b["doc_no"].as_str().unwrap().to_string())
}

fn document_xml(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

#[tokio::test]
async fn an_order_prints_and_downloads_as_a_document_in_the_official_layout() {
    for app in spawn_apps().await {
        let (id, doc_no) = new_order(&app, "yjj").await;
        let office = app.login_page("duchashi").await;
        let (s, html) = app.page(&office, &format!("/supervisions/{id}/print")).await;
        assert_eq!(s, StatusCode::OK, "{}", app.backend);
        for want in [
            r#"id="order-doc""#,
            "督办通知单",
            doc_no.as_str(),
            "人民政府督查室",
            "一、督办事项",
            "二、督办依据",
            "陈卫国市长批示：要加快进度。",
            "三、办理要求",
            "2020年7月10日前",
        ] {
            assert!(html.contains(want), "{}: {want}", app.backend);
        }
        let (_, page) = app.page(&office, &format!("/supervisions/{id}")).await;
        assert!(page.contains(&format!(r#"href="/supervisions/{id}/docx""#)));

        let r = office
            .get(app.url(&format!("/supervisions/{id}/docx")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-disposition"].to_str().unwrap().contains("order-"));
        let xml = document_xml(&r.bytes().await.unwrap());
        assert!(xml.contains("督办通知单") && xml.contains(&doc_no));
        // Body paragraphs and headings two characters in, for Word and LibreOffice alike.
        let at = xml.find("一、督办事项").unwrap();
        let para = &xml[xml[..at].rfind("<w:p>").unwrap()..at];
        assert!(para.contains(r#"w:firstLine="640" w:firstLineChars="200""#), "{para}");

        // A unit the order does not name gets neither.
        let other = app.login_page("sthjj").await;
        let (s, _) = app.page(&other, &format!("/supervisions/{id}/print")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let r = other
            .get(app.url(&format!("/supervisions/{id}/docx")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_reply_carries_files_that_only_the_order_s_readers_may_download() {
    for app in spawn_apps().await {
        let (id, _) = new_order(&app, "yjj").await;
        let unit = app.login_page("yjj").await;
        let (_, page) = app.page(&unit, &format!("/supervisions/{id}")).await;
        assert!(page.contains(r#"enctype="multipart/form-data""#));
        let version = {
            let token = app.token("yjj").await;
            let (_, o) = app.api_get(&token, &format!("/api/v1/supervisions/{id}")).await;
            o["order"]["version"].as_i64().unwrap()
        };
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
        let send = |file: Vec<u8>, name: &'static str, content: &'static str| {
            reqwest::multipart::Form::new()
                .text("csrf", csrf_of(&page))
                .text("version", version.to_string())
                .text("content", content)
                .part("evidence", reqwest::multipart::Part::bytes(file).file_name(name))
        };
        // A file of a kind not accepted: refused, naming the file; nothing is written.
        let r = unit
            .post(app.url(&format!("/supervisions/{id}/reply")))
            .multipart(send(b"MZ\x90\x00".to_vec(), "整改.exe", "已完成整改"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        assert!(r.text().await.unwrap().contains("整改.exe"));
        let r = unit
            .post(app.url(&format!("/supervisions/{id}/reply")))
            .multipart(send(pdf.clone(), "整改台账.pdf", "已完成整改，附台账"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", app.backend);

        let office = app.login_page("duchashi").await;
        let (_, html) = app.page(&office, &format!("/supervisions/{id}")).await;
        let at = html.find("/supervisions/files/").expect("the reply lists its file");
        let fid: String = html[at + "/supervisions/files/".len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        assert!(html.contains("整改台账.pdf"));
        let r = office
            .get(app.url(&format!("/supervisions/files/{fid}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
        let other = app.login_page("sthjj").await;
        let r = other
            .get(app.url(&format!("/supervisions/files/{fid}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn orders_are_listed_most_urgent_first() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, list) = app.api_get(&sup, "/api/v1/supervisions").await;
        let rank = |o: &Value| match o["light"].as_str().unwrap() {
            "red" => 0,
            "yellow" => 1,
            "green" => 2,
            _ => 3,
        };
        let keys: Vec<(i32, String)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (rank(o), o["reply_due"].as_str().unwrap().to_string()))
            .collect();
        assert!(keys.len() > 3 && keys[0].0 == 0, "{}: {keys:?}", app.backend);
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    }
}

#[tokio::test]
async fn a_reply_through_the_api_carries_its_files_in_base64() {
    for app in spawn_apps().await {
        use base64::Engine;
        let (id, _) = new_order(&app, "yjj").await;
        let unit = app.token("yjj").await;
        let (_, o) = app.api_get(&unit, &format!("/api/v1/supervisions/{id}")).await;
        let version = o["order"]["version"].clone();
        let path = format!("/api/v1/supervisions/{id}/replies");
        let bad =
            json!({ "content": "已整改", "version": version, "files": [{ "name": "台账.pdf", "data": "不是base64" }] });
        let (s, b) = app.api_post(&unit, &path, bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}: {b}", app.backend);
        assert_eq!(b["error"]["fields"][0]["code"], "EVIDENCE_NOT_BASE64");
        let pdf = b"%PDF-1.4\n%%EOF\n";
        let data = base64::engine::general_purpose::STANDARD.encode(pdf);
        let body =
            json!({ "content": "已整改，附台账", "version": version, "files": [{ "name": "台账.pdf", "data": data }] });
        let (s, b) = app.api_post(&unit, &path, body).await;
        assert_eq!(s, StatusCode::CREATED, "{}: {b}", app.backend);
        let (_, d) = app.api_get(&unit, &format!("/api/v1/supervisions/{id}")).await;
        let files = d["replies"][0]["files"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{d}");
        assert_eq!(files[0][1], "台账.pdf");
    }
}
