//! Browser tests: the real `luoshi demo` binary driven in headless Chromium through
//! ChromeDriver. Run by `.ci/run` (`cargo test --test browser -- --ignored`); they need Debian's
//! `chromium` and `chromium-driver`, so the plain `cargo test` lists them as ignored.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator};

mod admin;
mod assessment;
mod axe;
mod indicators;
mod manual;
mod projects;
mod tables;
use serde_json::json;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process killed when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for(url: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Ok(mut s) = std::net::TcpStream::connect(url) {
            use std::io::{Read, Write};
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            if buf.starts_with("HTTP/1.0 200") || buf.starts_with("HTTP/1.1 200") || buf.contains("\"status\"") {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{url} did not come up");
}

/// A directory removed when dropped (after the processes using it, declared before it, end).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Session {
    _demo: Proc,
    _driver: Proc,
    base: String,
    client: Client,
    shots: PathBuf,
    _temp: TempDir,
}

/// The server asked Linux for no transparent huge pages (its memory under load depends on it).
#[cfg(target_os = "linux")]
fn no_huge_pages(pid: u32) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    assert!(
        status.contains("THP_enabled:\t0"),
        "transparent huge pages are still enabled for the server:\n{status}"
    );
}

async fn start() -> Session {
    let temp = std::env::temp_dir().join(format!("luoshi-browser-{}-{}", std::process::id(), free_port()));
    std::fs::create_dir_all(&temp).unwrap();
    let port = free_port();
    let demo = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["demo", "--port", &port.to_string(), "--database"])
        .arg(temp.join("demo.db"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start luoshi demo");
    let demo = Proc(demo);
    wait_for(&format!("127.0.0.1:{port}"));
    #[cfg(target_os = "linux")]
    no_huge_pages(demo.0.id());

    let driver_bin = std::env::var("LUOSHI_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let dport = free_port();
    let driver = Command::new(&driver_bin)
        .arg(format!("--port={dport}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver_bin} (install chromium-driver): {e}"));
    let driver = Proc(driver);
    std::thread::sleep(Duration::from_millis(500));

    let profile = temp.join("chrome-profile");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": std::env::var("LUOSHI_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--lang=zh-CN", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let mut client = None;
    for _ in 0..50 {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{dport}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let client = client.expect("connect to chromedriver");
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    Session {
        _demo: demo,
        _driver: driver,
        base: format!("http://127.0.0.1:{port}"),
        client,
        shots,
        _temp: TempDir(temp),
    }
}

impl Session {
    async fn login(&self, user: &str) {
        let c = &self.client;
        c.goto(&format!("{}/login", self.base)).await.unwrap();
        c.find(Locator::Id("username"))
            .await
            .unwrap()
            .send_keys(user)
            .await
            .unwrap();
        c.find(Locator::Id("password"))
            .await
            .unwrap()
            .send_keys(luoshi_demo::DEMO_PASSWORD)
            .await
            .unwrap();
        c.find(Locator::Css("button.primary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait().for_url(&url(&format!("{}/home", self.base))).await.unwrap();
    }

    async fn logout(&self) {
        self.client
            .find(Locator::Css(".userbox form[action='/logout'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.client.wait().for_element(Locator::Id("username")).await.unwrap();
    }

    async fn goto(&self, path: &str) {
        self.client.goto(&format!("{}{}", self.base, path)).await.unwrap();
    }

    async fn fill(&self, css: &str, text: &str) {
        let e = self.client.find(Locator::Css(css)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Waits until the page's flash message says `want` (the page before may show another).
    async fn wait_flash(&self, want: &str) {
        let mut last = String::new();
        for _ in 0..150 {
            if let Ok(e) = self.client.find(Locator::Css(".flash")).await
                && let Ok(t) = e.text().await
            {
                if t.contains(want) {
                    return;
                }
                last = t;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no flash {want:?}; last seen {last:?}");
    }

    async fn shot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
    }

    async fn body_text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}

fn url(s: &str) -> url::Url {
    url::Url::parse(s).unwrap()
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_unit_user_logs_in_and_sees_that_units_tasks_with_lights() {
    let s = start().await;
    s.login("yjj").await;
    let text = s.body_text().await;
    assert!(text.contains("市应急管理局"), "the unit is named");
    assert!(text.contains("开展安全生产专项整治三年行动"), "a task the unit leads");
    assert!(!text.contains("改造老旧小区120个"), "no task of another unit");
    let lights = s.client.find_all(Locator::Css("#my-task-table .light")).await.unwrap();
    assert!(lights.len() >= 5, "every task row has its light");
    let mut seen = std::collections::BTreeSet::new();
    for l in &lights {
        let class = l.attr("class").await.unwrap().unwrap_or_default();
        seen.insert(class.replace("light ", ""));
    }
    assert!(seen.len() >= 2, "more than one colour: {seen:?}");
    // Each light carries its rule in words, beside it and in its tooltip.
    let why = s
        .client
        .find(Locator::Css("#my-task-table .why"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(why.contains('%') || why.contains("报送"), "{why}");
    let title = s
        .client
        .find(Locator::Css("#my-task-table .light"))
        .await
        .unwrap()
        .attr("title")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        title.starts_with("绿灯")
            || title.starts_with("黄灯")
            || title.starts_with("红灯")
            || title.starts_with("蓝灯"),
        "{title}"
    );
    s.shot("unit-home-laptop").await;

    // The task page opens from the list, with the light's reason and the unit as lead.
    s.client
        .find(Locator::Css("#my-task-table tbody tr a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.client
        .wait()
        .for_element(Locator::Id("light-explanation"))
        .await
        .unwrap();
    assert!(
        !s.client
            .find(Locator::Id("light-explanation"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .is_empty()
    );
    s.shot("task-laptop").await;

    // On a 360 px phone nothing runs off the side of the page.
    s.client.set_window_size(360, 740).await.unwrap();
    s.client.goto(&format!("{}/home", s.base)).await.unwrap();
    let overflow = s
        .client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "page wider than the phone by {overflow}px"
    );
    s.shot("unit-home-phone").await;

    // My settings on the phone: the password form fits, its button on screen, all in Chinese.
    s.client.goto(&format!("{}/me", s.base)).await.unwrap();
    let fit = s
        .client
        .execute(
            "const b = document.querySelector('#password-form button[type=submit]').getBoundingClientRect();
             return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                     Math.ceil(b.right), window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let fit: Vec<i64> = fit.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    assert!(
        fit[0] <= 0 && fit[1] <= fit[2],
        "/me at 360 px (overflow, button right, width): {fit:?}"
    );
    let text = s.body_text().await;
    assert!(text.contains("修改密码") && text.contains("原密码"), "{text}");
    assert!(
        !text.to_lowercase().contains("password"),
        "English on a Chinese page: {text}"
    );
    s.shot("unit-me-phone").await;
    s.client.goto(&format!("{}/home", s.base)).await.unwrap();

    // The English switch turns the whole page English.
    s.client.set_window_size(1280, 900).await.unwrap();
    s.client
        .find(Locator::Css(".userbox form[action='/lang'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.client
        .wait()
        .for_element(Locator::Css("html[lang='en']"))
        .await
        .unwrap();
    let text = s.body_text().await;
    assert!(text.contains("Home") && text.contains("Log out"), "English menu");
    assert!(text.contains("My unit's tasks"));
    s.shot("unit-home-english").await;
    s.client.clone().close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_supervisor_sees_the_whole_tree_with_every_light() {
    let s = start().await;
    s.login("duchashi").await;
    s.client.goto(&format!("{}/plans/1", s.base)).await.unwrap();
    let rows = s.client.find_all(Locator::Css("#tree-table tbody tr")).await.unwrap();
    assert!(rows.len() >= 100, "{} rows", rows.len());
    for light in ["red", "yellow", "green", "blue"] {
        let n = s
            .client
            .find_all(Locator::Css(&format!("#tree-table .light-{light}")))
            .await
            .unwrap()
            .len();
        assert!(n > 0, "no {light} light in the tree");
    }
    s.shot("supervisor-tree").await;
    s.client.goto(&format!("{}/home", s.base)).await.unwrap();
    s.shot("supervisor-home").await;
    s.client.clone().close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_full_loop_submit_return_resubmit_accept_complete_turns_the_light_blue() {
    let s = start().await;
    // The supervisor finds a task whose report is missing, and its lead unit.
    s.login("duchashi").await;
    s.goto("/lists/missing").await;
    let link = s.client.find(Locator::Css("#list-table tbody tr a")).await.unwrap();
    let href = link.attr("href").await.unwrap().unwrap();
    let task: i64 = href.trim_start_matches("/tasks/").parse().unwrap();
    let lead = s
        .client
        .find(Locator::Css("#list-table tbody tr td:nth-child(4)"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let login = luoshi_demo::UNITS
        .iter()
        .find(|u| u.1 == lead.trim())
        .unwrap_or_else(|| panic!("no login for {lead}"))
        .5;
    s.logout().await;

    // The unit sees it in its inbox, overdue first, and submits.
    s.login(login).await;
    s.goto("/inbox").await;
    let first = s.client.find(Locator::Css("#inbox-list li")).await.unwrap();
    assert_eq!(
        first.attr("data-state").await.unwrap().as_deref(),
        Some("missing"),
        "overdue first"
    );
    s.goto(&format!("/tasks/{task}/report")).await;
    s.fill("#progress", "60").await;
    s.fill("#content", "完成全市排查，整改问题42项。").await;
    s.click("#submit-report").await;
    s.wait_flash("已报送").await;
    s.shot("loop-1-submitted").await;
    s.logout().await;

    // The supervisor returns it with a reason.
    s.login("duchashi").await;
    s.goto(&format!("/tasks/{task}")).await;
    s.fill(".review-form textarea", "请补充整改完成率和佐证材料").await;
    s.click(".review-form button[value='return']").await;
    s.wait_flash("退回").await;
    s.logout().await;

    // Back in the unit's inbox with the reason; resubmitted.
    s.login(login).await;
    s.goto("/inbox").await;
    let body = s.body_text().await;
    assert!(body.contains("请补充整改完成率和佐证材料"), "the reason is shown");
    s.goto(&format!("/tasks/{task}/report")).await;
    s.fill("#progress", "100").await;
    s.fill("#content", "完成全市排查，整改问题42项，整改完成率100%。").await;
    s.click("#submit-report").await;
    s.wait_flash("已报送").await;
    s.logout().await;

    // Accepted.
    s.login("duchashi").await;
    s.goto(&format!("/tasks/{task}")).await;
    s.click(".review-form button[value='accept']").await;
    s.wait_flash("采纳").await;
    s.logout().await;

    // The unit asks to close the task.
    s.login(login).await;
    s.goto(&format!("/tasks/{task}")).await;
    s.click("#requests details:nth-of-type(2) summary").await;
    s.fill("#done_reason", "各项整改已全部完成，经复查合格。").await;
    s.click("#request-completion").await;
    s.wait_flash("申请已提交").await;
    s.logout().await;

    // The supervisor approves from the review queue; the light turns blue.
    s.login("duchashi").await;
    s.goto("/reviews").await;
    s.click("#requests-to-decide tbody tr a").await;
    s.client
        .wait()
        .for_element(Locator::Css("#requests form[action$='/decide']"))
        .await
        .unwrap();
    s.click("#requests form[action$='/decide'] button[value='approve']")
        .await;
    s.wait_flash("批准").await;
    let light = s
        .client
        .find(Locator::Css("#status .light"))
        .await
        .unwrap()
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(light.contains("light-blue"), "{light}");
    s.shot("loop-2-blue").await;
    s.client.clone().close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_supervisor_reads_a_division_text_checks_it_and_creates_its_tasks() {
    let s = start().await;
    s.login("duchashi").await;
    s.goto("/plans").await;
    s.click("#extract-plan").await;
    s.client.wait().for_element(Locator::Id("extract-form")).await.unwrap();
    let text = "云州市2020年安全生产重点任务分工\n\
        一、强化风险隐患排查\n\
        1．开展危险化学品企业安全隐患排查整治，2020年9月底前完成。（市应急管理局牵头，市生态环境局、各县（市、区）人民政府按职责分工负责）\n\
        2．推进城镇燃气安全专项整治。[责任单位：市住建局、市市场监管局]\n\
        二、提升应急救援能力\n\
        3．修订完善防汛应急预案，6月底前完成。\n\
        牵头单位：市应急管理局\n\
        配合单位：市水务局\n\
        4．建设城市运行监测平台。（市气象局负责）";
    // Paste, as a user would: the value is set at once rather than typed key by key.
    s.client
        .execute(
            "document.getElementById('text').value = arguments[0];",
            vec![json!(text)],
        )
        .await
        .unwrap();
    s.click("#extract-form button.primary").await;
    s.client
        .wait()
        .for_element(Locator::Id("extract-create"))
        .await
        .unwrap();
    let rows = s.client.find_all(Locator::Css("fieldset.x-row")).await.unwrap();
    assert_eq!(rows.len(), 6 + 3, "two headings, four items and three empty cards");
    let marks = s.client.find_all(Locator::Css(".extract-source mark")).await.unwrap();
    assert_eq!(marks.len(), 6);
    let body = s.body_text().await;
    assert!(body.contains("任务分工方案"), "{body}");
    assert!(body.contains("“市气象局”"), "the unknown unit is flagged: {body}");
    let lead = s.client.find(Locator::Id("r1-lead")).await.unwrap();
    assert_eq!(lead.prop("value").await.unwrap().as_deref(), Some("市应急管理局"));
    let short = s.client.find(Locator::Id("r2-lead")).await.unwrap();
    assert_eq!(
        short.prop("value").await.unwrap().as_deref(),
        Some("市住房和城乡建设局"),
        "市住建局 is the short name"
    );
    s.shot("extract-review").await;
    // Creating with the unknown unit fails as a whole and says so on the item.
    s.click("#extract-submit").await;
    s.client
        .wait()
        .for_element(Locator::Id("extract-errors"))
        .await
        .unwrap();
    let body = s.body_text().await;
    assert!(body.contains("不是本行政区的单位"), "{body}");
    // Pointing the item at a real unit lets all six through.
    s.fill("#r5-lead", "市应急管理局").await;
    s.click("#extract-submit").await;
    s.wait_flash("已按文本生成任务").await;
    let tree = s.client.find_all(Locator::Css("#tree-table tbody tr")).await.unwrap();
    assert_eq!(tree.len(), 6);
    let body = s.body_text().await;
    assert!(body.contains("开展危险化学品企业安全隐患排查整治") && body.contains("云州市2020年安全生产重点任务分工"));
    // The review page on a phone.
    s.client.set_window_size(360, 800).await.unwrap();
    s.goto("/plans/extract").await;
    s.client
        .execute(
            "document.getElementById('text').value = arguments[0];",
            vec![json!(text)],
        )
        .await
        .unwrap();
    s.click("#extract-form button.primary").await;
    s.client
        .wait()
        .for_element(Locator::Id("extract-create"))
        .await
        .unwrap();
    let width: i64 = s
        .client
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(width <= 360, "the review page scrolls sideways on a phone: {width}px");
    s.shot("extract-review-phone").await;
    s.client.clone().close().await.unwrap();
}

/// Every visible piece of text whose contrast with its background is below WCAG 2.1 AA
/// (4.5:1, or 3:1 for large text), as "text ratio".
const LOW_CONTRAST: &str = r#"
function lum(c) {
  const m = c.match(/[\d.]+/g).map(Number);
  const [r, g, b] = m.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function bg(el) {
  while (el) {
    const m = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
    if (m && (m.length < 4 || Number(m[3]) > 0.5)) return getComputedStyle(el).backgroundColor;
    el = el.parentElement;
  }
  return 'rgb(255, 255, 255)';
}
const bad = [];
const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (w.nextNode()) {
  const t = w.currentNode;
  if (!t.textContent.trim()) continue;
  const el = t.parentElement;
  const st = getComputedStyle(el);
  if (st.visibility === 'hidden' || st.display === 'none' || el.getClientRects().length === 0) continue;
  const a = lum(st.color), b = lum(bg(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(st.fontSize);
  const large = size >= 24 || (Number(st.fontWeight) >= 700 && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) bad.push(t.textContent.trim().slice(0, 20) + ' ' + ratio.toFixed(2));
}
return bad;
"#;

/// A Chrome DevTools command sent through ChromeDriver, e.g. to emulate print media.
#[derive(Debug)]
struct Cdp(serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// Reads the QR codes in a PNG screenshot.
fn decode_qr(png_bytes: &[u8]) -> Vec<String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * channels;
        if channels >= 3 {
            ((u32::from(buf[i]) * 299 + u32::from(buf[i + 1]) * 587 + u32::from(buf[i + 2]) * 114) / 1000) as u8
        } else {
            buf[i]
        }
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, luma);
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_public_page_on_a_phone_has_a_qr_code_of_itself_and_a_working_font_switch() {
    let s = start().await;
    s.client.set_window_size(360, 800).await.unwrap();
    let path = "/public/plans/1";
    s.goto(path).await;
    let title = s.client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "2020年度重点工作进展和完成情况");
    let text = s.body_text().await;
    for needed in [
        "发布时间",
        "信息来源",
        "字号",
        "打印",
        "扫一扫在手机打开当前页",
        "责任编辑",
    ] {
        assert!(text.contains(needed), "{needed} missing on the phone page");
    }
    let lang: serde_json::Value = s
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .unwrap();
    assert_eq!(lang, "zh-CN");
    // The check itself finds pale text.
    let pale: serde_json::Value = s
        .client
        .execute(
            &format!(
                "const p = document.createElement('p'); p.textContent = '浅色文字'; p.style.color = '#bbbbbb'; document.querySelector('main').appendChild(p); {LOW_CONTRAST}"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(pale.as_array().map(Vec::len), Some(1), "{pale}");
    for page in ["/public", "/public/bulletins/1", path] {
        s.goto(page).await;
        let low: serde_json::Value = s.client.execute(LOW_CONTRAST, vec![]).await.unwrap();
        assert_eq!(low, json!([]), "text below WCAG AA contrast on {page}");
    }

    // The page fits a 360 px screen: no sideways scrolling.
    let width: serde_json::Value = s
        .client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth]",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        width[0].as_i64().unwrap() <= width[1].as_i64().unwrap(),
        "the page scrolls sideways at 360 px: {width}"
    );

    // The QR code, as the phone shows it, decodes to this page's own address.
    let qr = s.client.find(Locator::Css("#qr .qr-img")).await.unwrap();
    qr.clone()
        .client()
        .execute(
            "arguments[0].scrollIntoView()",
            vec![serde_json::to_value(&qr).unwrap()],
        )
        .await
        .unwrap();
    let png_bytes = qr.screenshot().await.unwrap();
    let found = decode_qr(&png_bytes);
    assert_eq!(
        found,
        vec![format!("{}{path}", s.base)],
        "the QR code decodes to the page URL"
    );

    // 字号 大/中/小 changes the reading size, and is remembered.
    let size = || async {
        let v: serde_json::Value = s
            .client
            .execute(
                "return parseFloat(getComputedStyle(document.getElementById('article-body')).fontSize)",
                vec![],
            )
            .await
            .unwrap();
        v.as_f64().unwrap()
    };
    let medium = size().await;
    s.click("button[data-font='large']").await;
    let large = size().await;
    s.click("button[data-font='small']").await;
    let small = size().await;
    assert!(
        large > medium && medium > small,
        "large {large}, medium {medium}, small {small}"
    );
    let pressed = s
        .client
        .find(Locator::Css("button[data-font='small']"))
        .await
        .unwrap()
        .attr("aria-pressed")
        .await
        .unwrap();
    assert_eq!(pressed.as_deref(), Some("true"));
    s.click("button[data-font='large']").await;
    s.goto(path).await;
    // The page's script applies the remembered size once it has run: wait for it (at most 3 s).
    let mut after = size().await;
    for _ in 0..30 {
        if after == large {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        after = size().await;
    }
    assert_eq!(after, large, "the chosen size is remembered on this device");
    s.shot("public-plan-phone").await;

    // The open data link downloads what the page shows.
    let href = s
        .client
        .find(Locator::Id("data-json"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(href, format!("{path}?format=json"));
    s.goto("/public/bulletins/1").await;
    let text = s.body_text().await;
    assert!(text.contains("督查通报") && text.contains("2020年第1期"), "{text}");
    s.shot("public-bulletin-phone").await;

    // 打印: the print stylesheet keeps the content and the page's address, and drops the
    // controls, the QR code and the links.
    s.client.set_window_size(900, 1200).await.unwrap();
    s.goto(path).await;
    s.client
        .issue_cmd(Cdp(
            json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": "print" } }),
        ))
        .await
        .unwrap();
    let shown: serde_json::Value = s
        .client
        .execute(
            "const d = s => getComputedStyle(document.querySelector(s)).display;
             return [d('#qr'), d('.font-switch'), d('#print'), d('#data-csv'), d('.print-only'), d('#public-tasks'),
                     getComputedStyle(document.body).backgroundColor];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        shown,
        json!(["none", "none", "none", "inline", "block", "table", "rgb(255, 255, 255)"]),
        "what prints"
    );
    let data_line: serde_json::Value = s
        .client
        .execute(
            "return getComputedStyle(document.getElementById('data-csv').parentElement).display",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(data_line, "none", "the open-data line does not print");
    s.shot("public-plan-print").await;
    s.client.clone().close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_office_writes_a_bulletin_from_live_data_edits_and_publishes_it() {
    let s = start().await;
    s.login("duchashi").await;
    s.goto("/bulletins").await;
    // The form proposes the month so far: 2020-06-01 to today (2020-06-30).
    let from = s
        .client
        .find(Locator::Id("period_from"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(from.as_deref(), Some("2020-06-01"));
    s.click("#bulletin-new button[type=submit]").await;
    s.wait_flash("已按最新数据生成通报草稿").await;
    let body = s.body_text().await;
    assert!(body.contains("关于2020年6月重点工作推进情况的通报"), "{body}");
    assert!(body.contains("一、总体情况") && body.contains("（草稿）"));
    s.shot("bulletin-draft").await;
    // The editor adds a paragraph; the document shows it.
    let area = s.client.find(Locator::Id("body")).await.unwrap();
    area.send_keys("五、其他\n请各单位于7月10日前报送整改情况。")
        .await
        .unwrap();
    s.click("#bulletin-form button[type=submit]").await;
    s.wait_flash("通报草稿已保存").await;
    let doc = s
        .client
        .find(Locator::Id("bulletin-doc"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        doc.contains("五、其他") && doc.contains("请各单位于7月10日前报送整改情况。"),
        "{doc}"
    );
    s.click("#publish-form button").await;
    s.wait_flash("通报已发布并编号").await;
    let doc = s
        .client
        .find(Locator::Id("bulletin-doc"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(doc.contains("2020年第2期"), "{doc}");
    assert!(
        s.client.find(Locator::Id("bulletin-form")).await.is_err(),
        "no editor once published"
    );
    s.shot("bulletin-published").await;
    // It is on the public site at once.
    s.click("a[href^='/public/bulletins/']").await;
    let text = s.body_text().await;
    assert!(text.contains("2020年第2期") && text.contains("五、其他"), "{text}");
    s.client.clone().close().await.unwrap();
}

impl Session {
    /// How the page at `path` sits on the current window: (sideways overflow in px, the main
    /// element's left and right edges, the window's width); the main element is `main` (`""`
    /// for a page without one).
    async fn fit(&self, path: &str, main: &str) -> (i64, i64, i64, i64) {
        self.goto(path).await;
        let v = self
            .client
            .execute(
                "const m = arguments[0] ? document.querySelector(arguments[0]) : null;
                 const r = m ? m.getBoundingClientRect() : null;
                 return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                         r ? Math.floor(r.left) : (arguments[0] ? -9999 : 0),
                         r ? Math.ceil(r.right) : 0, window.innerWidth];",
                vec![json!(main)],
            )
            .await
            .unwrap();
        let v: Vec<i64> = v.as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect();
        (v[0], v[1], v[2], v[3])
    }

    /// Asserts that every page of `pages` (path, main element) fits the window: no sideways
    /// scrolling, the main element inside the window; takes a screenshot of each.
    async fn all_fit(&self, who: &str, pages: &[(String, &str)]) {
        let mut bad = Vec::new();
        for (i, (path, main)) in pages.iter().enumerate() {
            let (over, left, right, width) = self.fit(path, main).await;
            if over > 0 || left < 0 || right > width {
                bad.push(format!(
                    "{path} (main {main:?}): overflow {over}px, main at {left}..{right} of {width}"
                ));
            }
            let text = self.body_text().await;
            assert!(!text.contains('⟦'), "{path}: a missing message key");
            self.shot(&format!("phone-{who}-{i:02}")).await;
        }
        assert!(
            bad.is_empty(),
            "pages that do not fit a 360 px phone for {who}:\n{}",
            bad.join("\n")
        );
    }

    /// [`Session::all_fit`] for the other modules of these tests.
    pub(crate) async fn all_fit_pub(&self, who: &str, pages: &[(String, &str)]) {
        self.all_fit(who, pages).await
    }

    /// The `href` of the first element matching `css` on the page at `path`.
    async fn first_link(&self, path: &str, css: &str) -> String {
        self.goto(path).await;
        let href = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css} on {path}"))
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        href.trim_start_matches(&self.base).to_string()
    }
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn every_page_a_unit_or_a_leader_uses_fits_a_360_px_phone() {
    let s = start().await;
    s.client.set_window_size(360, 740).await.unwrap();

    // A unit with a report owed and an order to reply to (the demo's 住建局).
    s.login("zjj").await;
    let task = s.first_link("/inbox", "#inbox-list .item-title a").await;
    let report = s.first_link("/inbox", "#inbox-list .item-act a").await;
    let order = s.first_link("/inbox", "#inbox-orders a").await;
    let order_path = order.clone();
    s.logout().await;

    // The mayor: home, their instructions, a task and an order to instruct on, the form.
    s.login("chenweiguo").await;
    let any_order = s.first_link("/supervisions", "#order-table a").await;
    let mine = s.first_link("/instructions", "#instruction-list .item-title a").await;
    let project = s.first_link("/projects", "#projects-table a").await;
    let meeting = s.first_link("/dispatch", "#meeting-list a").await;
    let task_id = task.trim_start_matches("/tasks/").to_string();
    s.all_fit(
        "leader",
        &[
            ("/home".into(), ""),
            ("/instructions".into(), ""),
            (mine, ""),
            (task.clone(), "#instruct-link"),
            (
                format!("/instructions/new?task={task_id}"),
                "#instruction-form button[type=submit]",
            ),
            (any_order, "#instruct-link"),
            ("/projects".into(), "form.filters button[type=submit]"),
            (project, ""),
            ("/projects/liaison".into(), "form.filters button[type=submit]"),
            ("/assessment".into(), ""),
            ("/assessment/1".into(), ""),
            ("/accountability".into(), "form.filters button[type=submit]"),
            ("/likelihood/accuracy".into(), ""),
            ("/dispatch".into(), ""),
            (meeting, "#minutes-docx"),
            ("/notifications".into(), ""),
            ("/lists/overdue".into(), ""),
            ("/lists/tasks?light=red".into(), ""),
            ("/lists/tasks?light=attention&of=all".into(), ""),
            ("/me".into(), "#calendar-feed button[type=submit]"),
            ("/help/leader".into(), "#help-link"),
        ],
    )
    .await;
    // The mayor writes an instruction on the phone; it reaches the unit.
    s.goto(&format!("/instructions/new?task={task_id}")).await;
    s.fill("#content", "请抓紧推进，下周报告进展。").await;
    s.click("#instruction-form button[type=submit]").await;
    s.wait_flash("批示已送达").await;
    s.shot("phone-leader-instruction-sent").await;
    s.logout().await;

    // The unit's pages, the instruction to answer among them.
    s.login("zjj").await;
    let instruction = s.first_link("/inbox", "#inbox-instructions .item-title a").await;
    let project = s.first_link("/projects", "#projects-table a").await;
    let score = s.first_link("/assessment", "#schemes a.btn").await;
    s.all_fit(
        "unit",
        &[
            ("/home".into(), ""),
            ("/assessment".into(), ""),
            (score, ""),
            ("/accountability".into(), ""),
            ("/inbox".into(), "#inbox-list .item-act .btn"),
            (task.clone(), "#report-link"),
            (report, "#submit-report"),
            (task.clone(), "#requests details.request-form summary"),
            (order, "#reply-form button[type=submit]"),
            ("/notifications".into(), ""),
            ("/instructions".into(), ""),
            (instruction, "#answer-form button[type=submit]"),
            ("/supervisions".into(), ""),
            ("/projects".into(), "form.filters button[type=submit]"),
            (project, ""),
            (format!("{order_path}/print"), "#download-docx"),
            ("/lists/tasks?light=attention".into(), ""),
            ("/me".into(), "#password-form button[type=submit]"),
            ("/me".into(), "#calendar-feed button[type=submit]"),
            ("/help/unit".into(), "#help-link"),
        ],
    )
    .await;
    s.logout().await;
    s.client.set_window_size(1280, 900).await.unwrap();
    s.client.clone().close().await.unwrap();
}
