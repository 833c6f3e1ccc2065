//! Three 200 MB uploads at once to the demo server, through the binary: each is refused as soon
//! as its declared length or its bytes read pass the limit, and the server grows by less than
//! 50 MB (its peak resident memory, from /proc, against what it used before).
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{demo, free_port, get, token};
use serde_json::{Value, json};

const MB: usize = 1024 * 1024;

/// A line of the server's /proc status, in kB.
fn status_kb(pid: u32, key: &str) -> usize {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    s.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// `mb` megabytes as a stream of 1 MB chunks, starting like a PDF.
fn streamed(mb: usize) -> reqwest::Body {
    let it = (0..mb).map(|i| {
        let mut chunk = vec![b' '; MB];
        if i == 0 {
            chunk[..8].copy_from_slice(b"%PDF-1.4");
        }
        Ok::<_, std::io::Error>(chunk)
    });
    reqwest::Body::wrap_stream(futures_util::stream::iter(it))
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn three_uploads_of_200_mb_at_once_are_cut_off_and_grow_the_server_by_less_than_50_mb() {
    luoshi_server::install_tls();
    let dir = std::env::temp_dir().join(format!("luoshi-uploads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut demo = demo(&dir.join("demo.db"), port).await;
    let t = token(&base, "gxj", luoshi_demo::DEMO_PASSWORD).await;
    let c = reqwest::Client::new();
    let inbox = get(&base, &t, "/api/v1/inbox").await;
    let item = &inbox["items"][0];
    let (task, period) = (item["task_id"].as_i64().unwrap(), item["period"].as_str().unwrap());
    let r: Value = c
        .put(format!("{base}/api/v1/tasks/{task}/reports/{period}"))
        .bearer_auth(&t)
        .json(&json!({ "action": "draft", "progress": 30 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = format!("{base}/api/v1/reports/{}/evidence?name=big.pdf", r["id"]);

    let pid = demo.id();
    // Forget the peak of the start (the demo city's building), then measure from here.
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").unwrap();
    let before = status_kb(pid, "VmRSS:");
    let send = |declared: bool| {
        let (c, url, t) = (c.clone(), url.clone(), t.clone());
        async move {
            let mut rq = c.post(url).bearer_auth(t).body(streamed(200));
            if declared {
                rq = rq.header("content-length", (200 * MB).to_string());
            }
            match rq.send().await {
                Ok(r) => {
                    let s = r.status().as_u16();
                    let b: Value = r.json().await.unwrap_or(Value::Null);
                    (s, b["error"]["code"].as_str().unwrap_or_default().to_string())
                }
                Err(e) => (0, e.to_string()),
            }
        }
    };
    let answers = futures_util::future::join_all([send(true), send(false), send(false)]).await;
    let peak = status_kb(pid, "VmHWM:");
    let grown_mb = peak.saturating_sub(before) as f64 / 1024.0;
    eprintln!("answers {answers:?}; resident {before} kB before, peak {peak} kB: grew {grown_mb:.1} MB");
    // Each is refused with its 413 and message, though its client was still sending (the rest
    // of a refused body is read and thrown away, one chunk at a time).
    for (status, code) in &answers {
        assert_eq!((*status, code.as_str()), (413, "BODY_TOO_LARGE"));
    }
    assert!(grown_mb < 50.0, "the server grew by {grown_mb:.1} MB");
    // Still answering, and nothing of the refused bodies kept.
    let d = get(&base, &t, &format!("/api/v1/tasks/{task}")).await;
    let stored = d["reports"][0]["evidence"].as_array().map(Vec::len);
    assert_eq!(stored, Some(0), "{d}");
    demo.kill().unwrap();
    demo.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
