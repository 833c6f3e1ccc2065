//! Key projects in the browser (issue 16), on a 360 px phone: a unit sends June's report on
//! its project, which leaves it behind 序时进度; the office accepts it from its review queue;
//! the project's warning turns yellow and says why with the numbers.

use fantoccini::Locator;

use super::start;

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_unit_reports_a_month_behind_time_progress_and_after_acceptance_the_warning_is_yellow() {
    let s = start().await;
    s.client.set_window_size(360, 740).await.unwrap();
    s.login("gxj").await;
    s.goto("/projects").await;
    s.client
        .find(Locator::LinkText("光机电产业园一期"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let project = s.client.current_url().await.unwrap().path().to_string();
    let before = s.body_text().await;
    assert!(!before.contains("1–6月完成投资"), "June is not in yet: {before}");
    s.click("#report-project").await;
    // The form opens on June (nothing owed before it); the unit types the month's figure.
    let month = s
        .client
        .find(Locator::Css("#project-report-form input[name=month]"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap();
    assert_eq!(month.as_deref(), Some("2020-06"));
    s.all_fit_pub(
        "unit-project",
        &[
            (project.clone(), "#report-project"),
            (format!("{project}/report"), "#send-project-report"),
        ],
    )
    .await;
    s.fill("#invested", "100").await;
    s.fill("#progress", "厂房主体封顶，设备基础施工中").await;
    s.click("#send-project-report").await;
    s.wait_flash("月报已报送").await;
    s.shot("phone-unit-project-report-sent").await;
    s.logout().await;

    // The office accepts it from its review queue, on the phone too.
    s.login("duchashi").await;
    s.goto("/reviews").await;
    s.client
        .find(Locator::XPath(
            "//section[@id='project-reports-to-review']//li[contains(., '光机电产业园一期') and contains(., '2020年6月')]//button[contains(., '采纳')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.wait_flash("已采纳该月报").await;
    s.goto(&project).await;
    let warning = s
        .client
        .find(Locator::Id("warning-text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        warning.starts_with("1–6月完成投资11,975万元，年度计划的39.9%，落后序时进度"),
        "{warning}"
    );
    s.client
        .find(Locator::Css("#warning .light-yellow"))
        .await
        .expect("the warning is yellow");
    s.shot("phone-office-project-yellow").await;
    s.client.set_window_size(1280, 900).await.unwrap();
    s.client.clone().close().await.unwrap();
}
