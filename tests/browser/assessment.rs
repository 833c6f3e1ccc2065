//! Assessment in the browser (issue 19), on a 360 px phone: a unit opens its own score under the
//! demo's half-year scheme, reads it line by line, and follows a deduction to the overdue task
//! that caused it.

use fantoccini::Locator;

use super::start;

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_unit_follows_a_deduction_to_the_overdue_task_that_caused_it() {
    let s = start().await;
    s.client.set_window_size(360, 800).await.unwrap();
    s.login("zjj").await;
    s.goto("/assessment").await;
    s.click("#schemes a.btn").await;
    s.client.wait().for_element(Locator::Id("score-lines")).await.unwrap();
    let body = s.body_text().await;
    assert!(
        body.contains("市住房和城乡建设局 · 得分明细") && body.contains("基础分"),
        "{body}"
    );
    let over: i64 = s
        .client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(over <= 0, "the breakdown scrolls sideways on a phone: {over}px");
    s.shot("phone-unit-score").await;
    let link = s
        .client
        .find(Locator::XPath("//table[@id='score-lines']//a[contains(., '超期')]"))
        .await
        .expect("a deduction for an overdue task");
    let words = link.text().await.unwrap();
    let title = words.split('（').next().unwrap().to_string();
    link.click().await.unwrap();
    s.client.wait().for_element(Locator::Css("h1")).await.unwrap();
    let path = s.client.current_url().await.unwrap().path().to_string();
    assert!(path.starts_with("/tasks/"), "{path}");
    let page = s.body_text().await;
    assert!(page.contains(&title), "the task of the deduction: {title} in {page}");
    s.client.clone().close().await.unwrap();
}
