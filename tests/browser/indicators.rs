//! Indicators in the browser (issue 17), on a 360 px phone: the commerce bureau enters June's
//! 社会消费品零售总额, behind 序时进度 until then; the office accepts it from its review queue;
//! the dashboard shows the new figure ahead of 序时进度, in green. The mayor's indicator pages,
//! the half-way table and a task force fit the phone too.

use fantoccini::Locator;

use super::start;

const CARD: &str = "//li[contains(@class, 'ind-card') and .//a[text()='社会消费品零售总额']]";

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_unit_enters_junes_figure_and_after_acceptance_the_dashboard_shows_it_ahead_in_green() {
    let s = start().await;
    s.client.set_window_size(360, 740).await.unwrap();
    s.login("swuj").await;
    s.goto("/indicators").await;
    let card = s
        .client
        .find(Locator::XPath(CARD))
        .await
        .expect("the card of 社会消费品零售总额");
    let before = card.text().await.unwrap();
    // 232 / 620 = 37.4%, May's time progress 41.7: 4.3 points behind, yellow.
    assert!(
        before.contains("1–5月完成232.0亿元，占年度目标的37.4%，落后序时进度4.3个百分点"),
        "{before}"
    );
    assert_eq!(card.attr("data-light").await.unwrap().as_deref(), Some("yellow"));
    s.client
        .find(Locator::LinkText("社会消费品零售总额"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = s.client.current_url().await.unwrap().path().to_string();
    // The form opens on June, the first month not entered.
    let month = s
        .client
        .find(Locator::Css("#fig-month option[selected]"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap();
    assert_eq!(month.as_deref(), Some("2020-06"));
    s.all_fit_pub(
        "unit-indicator",
        &[
            ("/indicators".to_string(), "#indicators"),
            (page.clone(), "#send-figure"),
        ],
    )
    .await;
    s.fill("#fig-value", "316.2").await;
    s.fill("#fig-last-year", "301.5").await;
    s.click("#send-figure").await;
    s.wait_flash("数据已报送").await;
    s.shot("phone-unit-indicator-sent").await;
    s.logout().await;

    // The office accepts it from its review queue, on the phone too.
    s.login("duchashi").await;
    s.goto("/reviews").await;
    s.client
        .find(Locator::XPath(
            "//section[@id='indicator-figures-to-review']//li[contains(., '社会消费品零售总额') and contains(., '2020年6月')]//button[contains(., '采纳')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.wait_flash("已采纳该数据").await;
    s.goto("/indicators").await;
    let card = s.client.find(Locator::XPath(CARD)).await.unwrap();
    let after = card.text().await.unwrap();
    // 316.2 / 620 = 51.0%, June's 50.0: 1.0 point ahead, green.
    assert!(
        after.contains("1–6月完成316.2亿元，占年度目标的51.0%，超序时进度1.0个百分点"),
        "{after}"
    );
    assert_eq!(card.attr("data-light").await.unwrap().as_deref(), Some("green"));
    s.shot("phone-office-indicators").await;
    s.logout().await;

    // The mayor reads the dashboard, the half-way table and a task force on the phone.
    s.login("chenweiguo").await;
    s.goto("/task-forces").await;
    let force = s
        .client
        .find(Locator::Css("#task-forces h3 a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    s.all_fit_pub(
        "leader-indicators",
        &[
            ("/indicators".to_string(), "#half-way-link"),
            ("/indicators/half-way".to_string(), "#half-way-text"),
            (page, "#chart"),
            (force, "#owned-indicators"),
        ],
    )
    .await;
    s.goto("/indicators/half-way").await;
    let text = s
        .client
        .find(Locator::Id("half-way-text"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains("社会消费品零售总额：1–6月完成316.2亿元"), "{text}");
    s.shot("phone-leader-half-way").await;
    s.client.set_window_size(1280, 900).await.unwrap();
    s.client.clone().close().await.unwrap();
}
