//! Correctness under load, bounded in time (not a timing assertion): fifty reports submitted at
//! once — each twice, through two server instances on the same database — while the office
//! saves the same tasks twice at once; then two workers draining one job queue. No 5xx, no
//! duplicate report, no lost update, every job run exactly once.

use luoshi_demo::bench_data::{Shape, default_today, generate};
use luoshi_store::{Store, job, migrate, testing};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn fifty_units_report_while_the_office_edits_and_nothing_is_lost() {
    for url in testing::database_urls().await.unwrap() {
        // Generated data on the deadline day (December's reports due), served by two
        // instances on the same database.
        let store = Store::connect(&url, 8).await.unwrap();
        migrate::run(&store).await.unwrap();
        let shape = Shape {
            cities: 1,
            plans: 3,
            top: 4,
            middle: 3,
            leaves: 3,
        };
        generate(&store, password_hash(), shape, 11, default_today())
            .await
            .unwrap();
        let app = serve_store(store.clone(), &url, default_today()).await;
        let second = serve_store(store, &url, default_today()).await;
        let sup = app.token("duchashi").await;

        // Reports due: (token, task, period), fifty of them across the units.
        let mut due: Vec<(String, i64, String)> = Vec::new();
        for n in 3..=94 {
            if due.len() >= 50 {
                break;
            }
            let token = app.token(&format!("u{n:03}")).await;
            let (_, inbox) = app.api_get(&token, "/api/v1/inbox").await;
            for item in inbox["items"].as_array().unwrap() {
                if (item["state"] == "missing" || item["state"] == "open") && due.len() < 50 {
                    due.push((
                        token.clone(),
                        item["task_id"].as_i64().unwrap(),
                        item["period"].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
        assert_eq!(due.len(), 50, "fifty reports are due");

        // The office saves ten tasks twice at the same moment, from the same version.
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let (_, tree) = app
            .api_get(&sup, &format!("/api/v1/plans/{}/tasks", plans[0]["id"]))
            .await;
        let leaves: Vec<i64> = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["has_children"] == false)
            .map(|t| t["id"].as_i64().unwrap())
            .take(10)
            .collect();
        let mut edits = Vec::new();
        for t in leaves {
            let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{t}")).await;
            edits.push((t, d));
        }
        let body = |d: &Value, title: &str| {
            json!({ "title": title, "lead_unit_id": d["task"]["lead_unit_id"], "leader_id": d["task"]["leader_id"],
                    "start": d["task"]["start"], "due": d["task"]["due"], "cycle": "monthly", "cycle_due_day": 25,
                    "weight": 1, "version": d["version"] })
        };

        type Call<'a> =
            std::pin::Pin<Box<dyn std::future::Future<Output = (&'static str, usize, (StatusCode, Value))> + 'a>>;
        let mut calls: Vec<Call> = Vec::new();
        for (i, (token, task, period)) in due.iter().enumerate() {
            for (n, target) in [&app, &second].into_iter().enumerate() {
                let path = format!("/api/v1/tasks/{task}/reports/{period}");
                let b = json!({ "action": "submit", "progress": 60 + n, "content": format!("第{i}份报送，实例{n}") });
                calls.push(Box::pin(
                    async move { ("report", i, target.api_put(token, &path, b).await) },
                ));
            }
        }
        for (i, (t, d)) in edits.iter().enumerate() {
            for (n, target) in [&app, &second].into_iter().enumerate() {
                let path = format!("/api/v1/tasks/{t}");
                let b = body(d, &format!("并发修改{i}-{n}"));
                let sup = sup.clone();
                calls.push(Box::pin(
                    async move { ("edit", i, target.api_put(&sup, &path, b).await) },
                ));
            }
        }
        let results = join_all(calls).await;
        for (kind, i, (s, b)) in &results {
            assert!(s.as_u16() < 500, "{}: {kind} {i}: {s} {b}", app.backend);
        }
        // Each report: exactly one of the two submissions went in.
        for (i, (_, task, period)) in due.iter().enumerate() {
            let ok = results
                .iter()
                .filter(|(k, j, (s, _))| *k == "report" && *j == i && s.is_success())
                .count();
            assert_eq!(ok, 1, "{}: report {i} accepted {ok} times", app.backend);
            let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
            let n = d["reports"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["period"] == period.as_str())
                .count();
            assert_eq!(n, 1, "one report for task {task} period {period}");
        }
        // Each task: one save won, the other was told of the conflict; the winner's title stands.
        for (i, (t, d)) in edits.iter().enumerate() {
            let mine: Vec<&(StatusCode, Value)> = results
                .iter()
                .filter(|(k, j, _)| *k == "edit" && *j == i)
                .map(|(_, _, r)| r)
                .collect();
            let won: Vec<_> = mine.iter().filter(|(s, _)| s.is_success()).collect();
            let lost: Vec<_> = mine.iter().filter(|(s, _)| *s == StatusCode::CONFLICT).collect();
            assert_eq!((won.len(), lost.len()), (1, 1), "{}: task {t}: {mine:?}", app.backend);
            let (_, now) = app.api_get(&sup, &format!("/api/v1/tasks/{t}")).await;
            assert_eq!(now["version"], d["version"].as_i64().unwrap() + 1, "saved once");
            assert!(
                now["task"]["title"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("并发修改{i}-"))
            );
            assert_eq!(lost[0].1["error"]["current"]["title"], now["task"]["title"]);
        }

        // Two workers on one queue: every job runs once.
        let (state_a, state_b) = (state_on(&app, default_today()), state_on(&second, default_today()));
        let now = luoshi_server::Clock::Fixed(default_today()).now();
        let mut ids = Vec::new();
        let region = app.account("duchashi").await.region_id;
        {
            let mut tx = app.store.begin().await.unwrap();
            for n in 0..20 {
                let id = job::enqueue(
                    &mut tx,
                    Some(region),
                    "session.purge",
                    "{}",
                    Some(&format!("load-{n}")),
                    now,
                    now,
                )
                .await
                .unwrap()
                .unwrap();
                ids.push(id);
            }
            tx.commit().await.unwrap();
        }
        let (a, b) = tokio::join!(
            luoshi_server::jobs::run_pending(&state_a, "worker-a"),
            luoshi_server::jobs::run_pending(&state_b, "worker-b")
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut c = app.store.conn().await.unwrap();
        for id in &ids {
            let j = job::job(&mut c, *id).await.unwrap().unwrap();
            assert_eq!(
                (j.status.as_str(), j.attempts),
                ("done", 1),
                "{}: job {id}",
                app.backend
            );
        }
        assert!(a + b >= ids.len(), "the workers ran {a} + {b} jobs");
    }
}
