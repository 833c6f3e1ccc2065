//! The escalation ladder over a simulated month with a fixed clock, on both databases: the
//! expected reminders and proposals, each once — across a restart and with two scans at once.

use chrono::{NaiveDate, TimeZone, Utc};
use luoshi_store::{escalation, notification};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, day).unwrap()
}

fn config() -> luoshi_server::Config {
    luoshi_server::Config::with_database("unused.db").unwrap()
}

fn noon(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(4, 0, 0).unwrap())
}

/// A plan of two tasks starting on July 1: a weekly one (reports due Fridays) due July 20,
/// led by 市应急局 under the mayor, and a monthly one due July 10 led by 市住建局.
async fn plan(app: &TestApp) -> (i64, i64, i64) {
    let sup = app.token("duchashi").await;
    let unit = |login: &'static str| async move {
        app.api_get(&app.token(login).await, "/api/v1/me").await.1["unit_id"]
            .as_i64()
            .unwrap()
    };
    let (yjj, zjj) = (unit("yjj").await, unit("zjj").await);
    let (_, mayor) = app.api_get(&app.token("chenweiguo").await, "/api/v1/me").await;
    let (s, p) = app
        .api_post(
            &sup,
            "/api/v1/plans",
            json!({ "kind": "meeting", "title": "七月专项督查", "issued_on": "2020-06-30" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let plan = p["id"].as_i64().unwrap();
    let task = |title: &str, unit: i64, leader: Option<i64>, due: &str, cycle: &str, day: i64| {
        json!({ "title": title, "lead_unit_id": unit, "leader_id": leader, "start": "2020-07-01", "due": due,
            "cycle": cycle, "cycle_due_day": day })
    };
    let (s, a) = app
        .api_post(
            &sup,
            &format!("/api/v1/plans/{plan}/tasks"),
            task(
                "汛期隐患排查",
                yjj,
                mayor["leader_id"].as_i64(),
                "2020-07-20",
                "weekly",
                5,
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let (_, b) = app
        .api_post(
            &sup,
            &format!("/api/v1/plans/{plan}/tasks"),
            task("雨污管网清淤", zjj, None, "2020-07-10", "monthly", 25),
        )
        .await;
    (
        region_of(app).await,
        a["id"].as_i64().unwrap(),
        b["id"].as_i64().unwrap(),
    )
}

/// The demo city's region: the supervision office's.
async fn region_of(app: &TestApp) -> i64 {
    app.account("duchashi").await.region_id
}

/// Records the lights and runs the scan for every day of July.
async fn month(app: &TestApp, region: i64) {
    for day in 1..=31 {
        let today = d(7, day);
        luoshi_lights::record_region(&app.store, region, today, None)
            .await
            .unwrap();
        luoshi_server::ops::escalation::scan(&app.store, region, today, noon(today), &config())
            .await
            .unwrap();
    }
}

async fn user(app: &TestApp, name: &str) -> i64 {
    app.account(name).await.id
}

/// The kinds of the notifications a user got about the two tasks of [`plan`].
async fn kinds(app: &TestApp, region: i64, user: i64) -> Vec<String> {
    let mut c = app.store.conn().await.unwrap();
    notification::of_user(&mut c, region, user, 1000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.title.contains("汛期隐患排查") || n.title.contains("雨污管网清淤"))
        .map(|n| n.kind)
        .collect()
}

#[tokio::test]
async fn a_month_of_escalation_fires_each_rung_once_and_tells_the_right_people() {
    for app in spawn_apps().await {
        let (region, weekly, monthly) = plan(&app).await;
        month(&app, region).await;
        let mut c = app.store.conn().await.unwrap();
        let fired = escalation::all(&mut c, region).await.unwrap();
        let of = |task: i64, rung: &str| -> Vec<(NaiveDate, NaiveDate)> {
            fired
                .iter()
                .filter(|e| e.task_id == task && e.rung.code() == rung)
                .map(|e| (e.fire_key, e.fired_at.date_naive()))
                .collect()
        };
        // Reports due Fridays July 3, 10, 17: reminded three working days before (July 1 is
        // the task's first day), missed the day after; July 24 is past the task's deadline.
        assert_eq!(
            of(weekly, "report_soon"),
            vec![(d(7, 3), d(7, 1)), (d(7, 10), d(7, 7)), (d(7, 17), d(7, 14))],
            "{}",
            app.backend
        );
        assert_eq!(
            of(weekly, "report_missing"),
            vec![(d(7, 3), d(7, 4)), (d(7, 10), d(7, 11)), (d(7, 17), d(7, 18))]
        );
        // Seven days past July 20: a supervision order is proposed.
        assert_eq!(of(weekly, "order_proposed"), vec![(d(7, 20), d(7, 27))]);
        assert_eq!(of(monthly, "order_proposed"), vec![(d(7, 10), d(7, 17))]);
        // Red week after week: one accountability proposal per run of red periods' end.
        let acc = of(weekly, "accountability_proposed");
        assert!(
            !acc.is_empty(),
            "{}: the weekly task was red two weeks running",
            app.backend
        );
        assert!(acc.iter().all(|(k, at)| k < at), "{acc:?}");
        // The unit heard of its reports, the mayor of the missed ones, the office of the proposals.
        let (yjj, mayor, office) = (
            user(&app, "yjj").await,
            user(&app, "chenweiguo").await,
            user(&app, "duchashi").await,
        );
        let count = |v: &[String], k: &str| v.iter().filter(|x| *x == k).count();
        let to_unit = kinds(&app, region, yjj).await;
        assert_eq!(
            (count(&to_unit, "report_soon"), count(&to_unit, "report_missing")),
            (3, 3),
            "{to_unit:?}"
        );
        assert_eq!(count(&to_unit, "order_proposed"), 0, "proposals go to the office");
        let to_mayor = kinds(&app, region, mayor).await;
        assert_eq!(
            (count(&to_mayor, "report_soon"), count(&to_mayor, "report_missing")),
            (0, 3),
            "{to_mayor:?}"
        );
        let to_office = kinds(&app, region, office).await;
        assert_eq!(count(&to_office, "order_proposed"), 2, "{to_office:?}");
        assert!(count(&to_office, "accountability_proposed") >= 1);

        // A restart runs the month again: nothing new fires and nobody hears twice.
        let before = (
            escalation::all(&mut c, region).await.unwrap().len(),
            kinds(&app, region, yjj).await.len(),
        );
        drop(c);
        month(&app, region).await;
        let mut c = app.store.conn().await.unwrap();
        assert_eq!(
            (
                escalation::all(&mut c, region).await.unwrap().len(),
                kinds(&app, region, yjj).await.len()
            ),
            before,
            "{}",
            app.backend
        );

        // Two instances scanning the same day at the same time: still once.
        let day = d(8, 7);
        let cfg = config();
        let (a, b) = tokio::join!(
            luoshi_server::ops::escalation::scan(&app.store, region, day, noon(day), &cfg),
            luoshi_server::ops::escalation::scan(&app.store, region, day, noon(day), &cfg)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let firings_today: Vec<_> = escalation::all(&mut c, region)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.fired_at.date_naive() == day)
            .collect();
        assert_eq!(
            a.fired + b.fired,
            firings_today.len(),
            "{}: each rung fired by one instance only",
            app.backend
        );
    }
}

#[tokio::test]
async fn the_office_acts_on_proposals_and_users_read_their_notifications() {
    for app in spawn_apps().await {
        let (region, weekly, monthly) = plan(&app).await;
        month(&app, region).await;
        let sup = app.token("duchashi").await;
        let (s, props) = app.api_get(&sup, "/api/v1/proposals").await;
        assert_eq!(s, StatusCode::OK);
        let find = |task: i64, rung: &str| {
            props
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["task_id"] == task && p["rung"] == rung)
                .cloned()
                .unwrap()
        };
        let order_w = find(weekly, "order_proposed");
        let order_m = find(monthly, "order_proposed");
        let acc = find(weekly, "accountability_proposed");
        let (s, _) = app.api_get(&app.token("yjj").await, "/api/v1/proposals").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "proposals are the office's");

        // Issuing the proposed order accepts the proposal.
        let (_, me) = app.api_get(&app.token("yjj").await, "/api/v1/me").await;
        let (s, o) = app
            .api_post(&sup, "/api/v1/supervisions", json!({ "level": "key", "source": "task", "task_id": weekly, "title": "汛期隐患排查超期",
                "requirement": "说明原因并限期完成", "lead_unit_id": me["unit_id"], "reply_due": "2020-07-03", "mode": "once",
                "proposal_id": order_w["id"] }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{o}");
        // An accountability proposal is recorded as one kind; the other order proposal dismissed.
        let (s, e) = app
            .api_post(
                &sup,
                &format!("/api/v1/proposals/{}/decision", acc["id"]),
                json!({ "action": "confirm", "kind": "shout", "note": "x", "version": acc["version"] }),
            )
            .await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("ACCOUNTABILITY_KIND_UNKNOWN"))
        );
        let (s, _) = app
            .api_post(&sup, &format!("/api/v1/proposals/{}/decision", acc["id"]), json!({ "action": "confirm", "kind": "interview", "note": "连续三周未报送，约谈主要负责人", "version": acc["version"] }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/proposals/{}/decision", order_m["id"]),
                json!({ "action": "dismiss", "note": "已于7月20日完成，不再督办", "version": order_m["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/proposals/{}/decision", order_m["id"]),
                json!({ "action": "dismiss", "note": "again", "version": order_m["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "decided already");
        let (_, props) = app.api_get(&sup, "/api/v1/proposals").await;
        assert!(
            !props.as_array().unwrap().iter().any(|p| [
                order_w["id"].clone(),
                order_m["id"].clone(),
                acc["id"].clone()
            ]
            .contains(&p["id"]))
        );
        let mut c = app.store.conn().await.unwrap();
        let records = luoshi_store::accountability::list(&mut c, region, me["unit_id"].as_i64(), false)
            .await
            .unwrap();
        assert!(records.iter().any(|r| r.kind == "interview"
            && r.task_id == Some(weekly)
            && r.records == format!("task:{weekly}")
            && r.escalation_id.is_some()));

        // The unit reads its notifications.
        let yjj = app.token("yjj").await;
        let (_, n) = app.api_get(&yjj, "/api/v1/notifications").await;
        assert!(n["unread"].as_i64().unwrap() >= 6, "{n}");
        let unit_browser = app.login_page("yjj").await;
        let (_, html) = app.page(&unit_browser, "/notifications").await;
        assert!(html.contains("报送提醒：《汛期隐患排查》") && html.contains("class=\"count\""));
        let (_, html) = app.page(&unit_browser, &format!("/tasks/{weekly}")).await;
        assert!(
            html.contains("id=\"ladder-log\"") && html.contains("报送提醒") && !html.contains("建议问责"),
            "a unit sees its reminders, not proposals"
        );
        // The unit's supervision record: the office sees every firing and the accountability
        // record; the unit sees its reminders and the record; another unit sees nothing.
        let unit_id = me["unit_id"].as_i64().unwrap();
        let path = format!("/api/v1/units/{unit_id}/activity");
        let (_, office_view) = app.api_get(&sup, &path).await;
        let rungs = |v: &serde_json::Value| -> Vec<String> {
            v["escalations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["rung"].as_str().unwrap().to_string())
                .collect()
        };
        let office_rungs = rungs(&office_view);
        assert!(office_rungs.iter().any(|r| r == "report_soon"), "{office_view}");
        assert!(office_rungs.iter().any(|r| r == "accountability_proposed"));
        assert!(
            office_view["accountability"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["kind_name"] == "约谈" && a["records"][0]["link"] == format!("/tasks/{weekly}"))
        );
        let (_, unit_view) = app.api_get(&yjj, &path).await;
        assert!(
            rungs(&unit_view)
                .iter()
                .all(|r| r == "report_soon" || r == "report_missing"),
            "{unit_view}"
        );
        assert!(!rungs(&unit_view).is_empty());
        let other = outsider(&app, weekly).await;
        let (s, _) = app.api_get(&other, &path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "another unit's record is not found");
        let (_, html) = app.page(&unit_browser, &format!("/units/{unit_id}")).await;
        assert!(html.contains("id=\"unit-escalations\"") && html.contains("报送提醒") && html.contains("约谈"));
        assert!(!html.contains("建议问责"), "a unit sees no proposals about it");
        let (s, _) = app.api_post(&yjj, "/api/v1/notifications/read", json!({})).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, n) = app.api_get(&yjj, "/api/v1/notifications").await;
        assert_eq!(n["unread"], 0);

        // The ladder of a plan, read and set.
        let plan_id = {
            let (_, t) = app.api_get(&sup, &format!("/api/v1/tasks/{weekly}")).await;
            t["task"]["plan_id"].as_i64().unwrap()
        };
        let (_, l) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}/ladder")).await;
        assert_eq!(
            (
                l["remind_before"].as_i64(),
                l["order_after"].as_i64(),
                l["red_periods"].as_i64()
            ),
            (Some(3), Some(7), Some(2))
        );
        let mut bad = l.clone();
        bad["remind_before"] = json!(99);
        let (s, e) = app.api_put(&sup, &format!("/api/v1/plans/{plan_id}/ladder"), bad).await;
        assert_eq!(
            (s, e["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("LADDER_REMIND_RANGE"))
        );
        let mut off = l.clone();
        off["order_after"] = json!(0);
        let (s, _) = app
            .api_put(&sup, &format!("/api/v1/plans/{plan_id}/ladder"), off.clone())
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app.api_put(&sup, &format!("/api/v1/plans/{plan_id}/ladder"), off).await;
        assert_eq!(s, StatusCode::CONFLICT, "a stale version is a conflict");
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, &format!("/plans/{plan_id}/edit")).await;
        assert!(
            html.contains("id=\"ladder\"") && html.contains("name=\"order_after\" min=\"0\" max=\"180\" value=\"0\"")
        );
        let (_, html) = app.page(&browser, "/reviews").await;
        assert!(html.contains("id=\"proposals\""));
    }
}
