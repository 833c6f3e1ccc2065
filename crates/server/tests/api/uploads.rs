//! Upload bodies: cut off at their route's limit (by the declared length before a byte is read,
//! by the bytes read when there is no length), read only for a logged-in user, nothing stored
//! from a refused one; and a document that takes long to read holds up no one else.

use std::{
    io::Write,
    time::{Duration, Instant},
};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

const MB: usize = 1024 * 1024;

/// A body of `chunks` megabytes sent as a stream, without a declared length.
fn streamed(chunks: usize) -> reqwest::Body {
    let it = (0..chunks).map(|i| {
        let mut chunk = vec![b'%'; MB];
        if i == 0 {
            chunk[..5].copy_from_slice(b"%PDF-");
        }
        Ok::<_, std::io::Error>(chunk)
    });
    reqwest::Body::wrap_stream(futures_util::stream::iter(it))
}

/// A PDF-looking body of `n` bytes.
fn pdf(n: usize) -> Vec<u8> {
    let mut b = vec![b' '; n];
    b[..8].copy_from_slice(b"%PDF-1.4");
    b
}

async fn answer(r: Result<reqwest::Response, reqwest::Error>) -> (StatusCode, Value) {
    let r = r.expect("the server answers (it does not just drop the connection)");
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn uploads_are_cut_off_at_their_limit_and_read_only_for_a_logged_in_user() {
    for app in spawn_apps().await {
        let (unit, task, period) = owing(&app).await;
        let (_, b) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "draft", "progress": 30 }),
            )
            .await;
        let rid = b["id"].as_i64().unwrap();
        let url = app.url(&format!("/api/v1/reports/{rid}/evidence?name=a.pdf"));
        let c = Client::new();

        // Declared too long: refused before the body is read, with the limit named.
        let (s, b) = answer(c.post(&url).bearer_auth(&unit).body(pdf(30 * MB)).send().await).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        assert_eq!(b["error"]["code"], "BODY_TOO_LARGE");
        assert!(b["error"]["message"].as_str().unwrap().contains("上限21MB"), "{b}");
        // No length declared: cut off once the bytes read pass the limit.
        let (s, b) = answer(c.post(&url).bearer_auth(&unit).body(streamed(200)).send().await).await;
        assert_eq!(
            (s, &b["error"]["code"]),
            (StatusCode::PAYLOAD_TOO_LARGE, &json!("BODY_TOO_LARGE"))
        );
        // Not logged in: refused before the body is read.
        let (s, b) = answer(c.post(&url).body(pdf(MB)).send().await).await;
        assert_eq!(
            (s, &b["error"]["code"]),
            (StatusCode::UNAUTHORIZED, &json!("UNAUTHENTICATED"))
        );
        // A file of the largest size allowed, sent without a length, is taken.
        let (s, b) = answer(c.post(&url).bearer_auth(&unit).body(pdf(20 * MB)).send().await).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");

        // The report page: the whole form is cut off, the message in Chinese.
        let (_, me) = app.api_get(&unit, "/api/v1/me").await;
        let browser = app.login_page(me["username"].as_str().unwrap()).await;
        let (_, html) = app
            .page(&browser, &format!("/tasks/{task}/report?period={period}"))
            .await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf_of(&html))
            .text("period", period.clone())
            .text("action", "draft")
            .text("progress", "30")
            .part(
                "evidence",
                reqwest::multipart::Part::bytes(pdf(25 * MB)).file_name("大.pdf"),
            );
        let r = browser
            .post(app.url(&format!("/tasks/{task}/report")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let page = r.text().await.unwrap();
        assert!(page.contains("提交的内容超过大小上限"), "{page}");

        // Only the one file taken is stored.
        let (_, d) = app.api_get(&unit, &format!("/api/v1/tasks/{task}")).await;
        let files = d["reports"][0]["evidence"]
            .as_array()
            .map(|a| a.len())
            .unwrap_or_default();
        assert_eq!(files, 1, "{}: {d}", app.backend);
    }
}

/// A .docx whose text unpacks to `mb` megabytes from a small file.
fn word_bomb(mb: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#).unwrap();
        let para = "<w:p><w:r><w:t>推进重点任务落实</w:t></w:r></w:p>".repeat(MB / 64);
        for _ in 0..mb {
            z.write_all(para.as_bytes()).unwrap();
        }
        write!(z, "</w:body></w:document>").unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[tokio::test]
async fn a_word_bomb_holds_up_no_one_else() {
    let bomb = word_bomb(48);
    assert!(bomb.len() < 2 * MB, "the bomb is small: {}", bomb.len());
    // The server runs on this test's one thread: work done on it would stop every answer.
    let app = spawn_app(&luoshi_store::testing::sqlite_url()).await;
    let browser = app.login_page("duchashi").await;
    let (_, html) = app.page(&browser, "/plans/extract").await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_of(&html))
        .text("plan", "")
        .text("text", "")
        .text("year", "")
        .part("file", reqwest::multipart::Part::bytes(bomb).file_name("炸弹.docx"));
    let (b, url) = (browser.clone(), app.url("/plans/extract"));
    let started = Instant::now();
    let reading = tokio::spawn(async move { b.post(url).multipart(form).send().await.unwrap() });
    tokio::time::sleep(Duration::from_millis(200)).await;
    // How long each /ping takes while the document is read: the wall clock runs on while the
    // thread is busy, so work done on it shows as a ping as slow as the reading.
    let mut slowest = Duration::ZERO;
    let mut answered = 0;
    while !reading.is_finished() {
        let asked = Instant::now();
        let ping = Client::new().get(app.url("/ping")).send().await.unwrap();
        assert_eq!(ping.status(), StatusCode::OK);
        slowest = slowest.max(asked.elapsed());
        answered += 1;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let r = reading.await.unwrap();
    let took = started.elapsed();
    eprintln!("the bomb took {took:?}; /ping answered {answered} times meanwhile, the slowest in {slowest:?}");
    assert!(answered >= 3, "the document was read too soon to prove anything");
    assert!(
        slowest * 4 < took,
        "/ping waited for the document: {slowest:?} of {took:?}"
    );
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("文本过长"), "the reader refuses the text, politely");
}
