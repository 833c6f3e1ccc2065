//! A table in the browser (issue 18): the office uploads a messy 任务分解表 saved by
//! LibreOffice — title and 填报单位 rows, a header over two rows, section rows, a task merged
//! over two measures, a footnote and a signature — checks the column mapping, maps the one unit
//! the city does not know by that name (营商办) to 市发展和改革委员会 in the preview, and creates
//! the plan; the mapping is remembered, and the plan's tasks download as a workbook.

use fantoccini::Locator;

use super::start;

const MESSY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/office/tests/fixtures/messy.xlsx");

/// Chooses the messy sheet on the page's upload field and reads it.
async fn upload_messy(s: &super::Session) {
    s.client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(MESSY)
        .await
        .unwrap();
    s.click("#extract-form button.primary").await;
    s.client.wait().for_element(Locator::Id("table-mapping")).await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_office_uploads_a_messy_sheet_maps_an_unknown_unit_and_creates_the_plan() {
    let s = start().await;
    s.login("duchashi").await;
    s.goto("/plans/extract").await;
    assert!(
        s.client.find(Locator::Id("template-tasks")).await.is_ok(),
        "the blank template is offered"
    );
    upload_messy(&s).await;
    let body = s.body_text().await;
    assert!(body.contains("表头在第3行"), "{body}");
    assert!(
        body.contains("云州市2020年营商环境提升行动任务分解表"),
        "the title row is shown"
    );
    assert!(
        body.contains("填表人：张三"),
        "the signature row is set aside and shown"
    );
    assert!(body.contains("第6行"), "a card says where it came from");
    let rows = s.client.find_all(Locator::Css("fieldset.x-row")).await.unwrap();
    assert_eq!(rows.len(), 7 + 3, "seven rows and three empty cards");
    s.shot("table-review").await;

    // 营商办 is nobody the city knows: mapped to 市发展和改革委员会 in the names list.
    let select = s
        .client
        .find(Locator::XPath("//tr[td[text()='营商办']]//select"))
        .await
        .expect("营商办 can be mapped");
    select.select_by_label("市发展和改革委员会").await.unwrap();
    s.click("#extract-submit").await;
    s.wait_flash("已按表格导入").await;
    let body = s.body_text().await;
    assert!(
        body.contains("云州市2020年营商环境提升行动任务分解表") && body.contains("开展涉企收费专项清理"),
        "{body}"
    );
    let tree = s.client.find_all(Locator::Css("#tree-table tbody tr")).await.unwrap();
    assert_eq!(tree.len(), 7);
    let row = s
        .client
        .find(Locator::XPath("//tr[.//a[contains(text(), '开展涉企收费专项清理')]]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(row.contains("市发展和改革委员会"), "the mapped unit leads: {row}");
    let export = s
        .client
        .find(Locator::Css("a[href$='/tasks.xlsx']"))
        .await
        .expect("the plan offers its export")
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let plan = s.client.current_url().await.unwrap().path().to_string();
    assert!(export.starts_with(&plan), "{export} is this plan's");

    // The next upload knows 营商办 — on a phone this time.
    s.client.set_window_size(360, 800).await.unwrap();
    s.goto("/plans/extract").await;
    upload_messy(&s).await;
    let names = s
        .client
        .find(Locator::XPath("//tr[td[text()='营商办']]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(names.contains("市发展和改革委员会"), "remembered: {names}");
    let (over, right): (i64, i64) = {
        let v = s
            .client
            .execute(
                "return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                         Math.ceil(document.getElementById('extract-submit').getBoundingClientRect().right)];",
                vec![],
            )
            .await
            .unwrap();
        (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
    };
    assert!(
        over <= 0,
        "the table's review page scrolls sideways on a phone: {over}px"
    );
    assert!(right <= 360, "the create button is inside the window: {right}");
    s.shot("table-review-phone").await;
    s.client.clone().close().await.unwrap();
}

const LEDGER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/office/tests/fixtures/ledger.xlsx");

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_office_imports_a_project_ledger_on_a_phone_and_the_month_waits_for_review() {
    let s = start().await;
    s.client.set_window_size(360, 800).await.unwrap();
    s.login("duchashi").await;
    s.goto("/projects").await;
    s.click("#ledger-import").await;
    s.client.wait().for_element(Locator::Id("ledger-form")).await.unwrap();
    s.client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(LEDGER)
        .await
        .unwrap();
    s.click("#ledger-check").await;
    s.client.wait().for_element(Locator::Id("ledger-plan")).await.unwrap();
    let body = s.body_text().await;
    assert!(body.contains("预览：2020年6月"), "the month the title names: {body}");
    assert!(
        body.contains("新增1个项目，调整0个") && body.contains("报送月报1份"),
        "{body}"
    );
    assert!(body.contains("将新增的项目类型：新材料"), "{body}");
    assert!(body.contains("报送1,200万元"), "{body}");
    assert!(body.contains("实际开工：2020年3月（按计划开工记）"), "{body}");
    let (over, right): (i64, i64) = {
        let v = s
            .client
            .execute(
                "return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                         Math.ceil(document.querySelector('#ledger-confirm button').getBoundingClientRect().right)];",
                vec![],
            )
            .await
            .unwrap();
        (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
    };
    assert!(over <= 0, "the preview scrolls sideways on a phone: {over}px");
    assert!(right <= 360, "the import button is inside the window: {right}");
    s.shot("phone-ledger-preview").await;
    s.click("#ledger-confirm button").await;
    s.client
        .wait()
        .for_element(Locator::Css("#ledger-plan h2"))
        .await
        .unwrap();
    let body = s.body_text().await;
    assert!(body.contains("已导入：2020年6月"), "{body}");
    s.goto("/reviews").await;
    let queue = s.body_text().await;
    assert!(
        queue.contains("光机电产业园一期") && queue.contains("二期厂房主体封顶"),
        "June's figures wait for review: {queue}"
    );
    s.goto("/projects").await;
    assert!(s.body_text().await.contains("云州新材料产业园"));
    s.client.clone().close().await.unwrap();
}
