//! Stored lights and what is built from them: a new day judges the plans again before anyone
//! reads them, the public site's cached pages follow every change that may show there, and each
//! server's copy of a plan's board follows every write, made by it or by another server.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn public_json(app: &TestApp, plan: i64) -> Value {
    let r = reqwest::Client::new()
        .get(app.url(&format!("/public/plans/{plan}?format=json")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_public_site_shows_an_edit_at_once_and_a_report_only_once_accepted() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        let plan = plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == "work_report")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let before = public_json(&app, plan).await;
        let first = &before["tasks"][0];
        // Served twice from the cache, the same.
        assert_eq!(public_json(&app, plan).await, before);

        // The office renames a public task: the next public read shows the new title.
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan}/tasks")).await;
        let t = tree["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"] == first["title"] && t["public"] == true)
            .expect("the public task is in the tree")
            .clone();
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{}", t["id"])).await;
        let body = json!({ "title": "公开页面随修改即时更新", "lead_unit_id": d["task"]["lead_unit_id"],
            "leader_id": d["task"]["leader_id"], "start": d["task"]["start"], "due": d["task"]["due"],
            "cycle": d["task"]["cycle"], "cycle_due_day": d["task"]["cycle_due_day"], "weight": d["task"]["weight"],
            "domain": d["task"]["domain"], "public": true, "version": d["version"] });
        let (s, b) = app.api_put(&sup, &format!("/api/v1/tasks/{}", t["id"]), body).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let after = public_json(&app, plan).await;
        assert!(
            after["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["title"] == "公开页面随修改即时更新"),
            "{}: the renamed task shows at once",
            app.backend
        );

        // A unit submits a report on a public task: nothing shows until the office accepts it.
        let (unit, task, period) = owing(&app).await;
        let (_, td) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let make_public = json!({ "title": td["task"]["title"], "lead_unit_id": td["task"]["lead_unit_id"],
            "leader_id": td["task"]["leader_id"], "start": td["task"]["start"], "due": td["task"]["due"],
            "cycle": td["task"]["cycle"], "cycle_due_day": td["task"]["cycle_due_day"], "weight": td["task"]["weight"],
            "domain": td["task"]["domain"], "public": true, "version": td["version"] });
        let (s, b) = app.api_put(&sup, &format!("/api/v1/tasks/{task}"), make_public).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        let (pid, title) = (td["task"]["plan_id"].as_i64().unwrap(), td["task"]["title"].clone());
        let row = |v: &Value| {
            v["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["title"] == title)
                .cloned()
                .expect("the task is public now")
        };
        let shown = row(&public_json(&app, pid).await);
        let words = "本期公开进展：已完成项目现场核查";
        let report = json!({ "action": "submit", "progress": 77, "content": words,
            "problems": "无", "next_steps": "继续推进" });
        let (s, b) = app
            .api_put(&unit, &format!("/api/v1/tasks/{task}/reports/{period}"), report)
            .await;
        assert!(s.is_success(), "{s} {b}");
        assert_eq!(
            row(&public_json(&app, pid).await),
            shown,
            "a submitted report is not public"
        );
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let r = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["period"] == period.as_str())
            .unwrap()
            .clone();
        let (s, b) = app
            .api_post(
                &sup,
                &format!("/api/v1/reports/{}/review", r["id"]),
                json!({ "action": "accept", "note": "", "version": r["version"] }),
            )
            .await;
        assert!(s.is_success(), "{s} {b}");
        let now = row(&public_json(&app, pid).await);
        assert_ne!(now, shown, "{}: the accepted report shows at once", app.backend);
        assert!(now.to_string().contains(words), "{now}");
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_new_day_judges_the_plans_again_before_they_are_read() {
    for app in spawn_apps().await {
        // The demo stored its lights for its day; a server a month later finds them stale.
        let later = today() + chrono::Duration::days(31);
        let mut c = app.store.conn().await.unwrap();
        let region = luoshi_store::region::regions(&mut c)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.level == "city")
            .unwrap()
            .id;
        assert!(
            !luoshi_store::state::plans_not_judged_on(&mut c, region, later)
                .await
                .unwrap()
                .is_empty()
        );
        drop(c);
        luoshi_lights::ensure_current(&app.store, region, later).await.unwrap();
        let mut c = app.store.conn().await.unwrap();
        assert!(
            luoshi_store::state::plans_not_judged_on(&mut c, region, later)
                .await
                .unwrap()
                .is_empty(),
            "{}: every plan judged for the new day",
            app.backend
        );
        for p in luoshi_store::plan::plans(&mut c, region).await.unwrap() {
            let stored = luoshi_lights::PlanBoard::load(&mut c, region, p.clone(), later)
                .await
                .unwrap();
            let judged = luoshi_lights::PlanBoard::judge(&mut c, region, p, later).await.unwrap();
            let lights = |b: &luoshi_lights::PlanBoard| {
                b.tasks
                    .iter()
                    .map(|t| (t.task.id, t.verdict.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(lights(&stored), lights(&judged), "{}", app.backend);
        }
    }
}

#[tokio::test]
async fn a_unit_renamed_elsewhere_shows_its_new_name_at_once() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, units) = app.api_get(&sup, "/api/v1/units/overview").await;
        let first = units[0].clone();
        // Another instance (or the command line) renames it, writing to the database directly.
        let region = {
            let mut c = app.store.conn().await.unwrap();
            luoshi_store::region::regions(&mut c)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.level == "city")
                .unwrap()
                .id
        };
        let mut tx = app.store.begin().await.unwrap();
        luoshi_store::unit::rename_unit(
            &mut tx,
            region,
            first["id"].as_i64().unwrap(),
            "市改名后的单位",
            "改名单位",
            today(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let (_, units) = app.api_get(&sup, "/api/v1/units/overview").await;
        assert_eq!(units[0]["name"], "市改名后的单位", "{}", app.backend);
    }
}

/// Two more servers on `app`'s database: one keeping copies of the boards (as every server
/// does), one keeping none (reading the stored rows whole on every request).
async fn cached_and_uncached(app: &TestApp) -> (TestApp, TestApp) {
    let cached = serve_store(app.store.clone(), "luoshi.db", today()).await;
    let uncached = serve_store_with(
        app.store.clone(),
        "luoshi.db",
        today(),
        &[("board_cache_tasks", "0".to_string())],
    )
    .await;
    (cached, uncached)
}

/// The tree of `plan` as `token` sees it from `app`.
async fn tree(app: &TestApp, token: &str, plan: i64) -> Value {
    let (s, t) = app.api_get(token, &format!("/api/v1/plans/{plan}/tasks")).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    t
}

#[tokio::test]
async fn a_server_s_copy_of_a_tree_follows_writes_made_by_any_server() {
    for app in spawn_apps().await {
        let (b, fresh) = cached_and_uncached(&app).await;
        let sup = app.token("duchashi").await;
        let (unit, task, period) = owing(&app).await;
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let plan = d["task"]["plan_id"].as_i64().unwrap();
        let same = |what: &str, a: &Value, b: &Value| {
            assert!(
                a == b,
                "{}: {what}: the kept tree differs from the stored rows",
                app.backend
            );
        };
        // Both the writing server and another one, each with its own copy.
        for server in [&app, &b] {
            same(
                "at first",
                &tree(server, &sup, plan).await,
                &tree(&fresh, &sup, plan).await,
            );
        }

        // A report submitted through the first server: the task's latest progress moves.
        let (s, r) = app
            .api_put(
                &unit,
                &format!("/api/v1/tasks/{task}/reports/{period}"),
                json!({ "action": "submit", "progress": 77, "content": "按计划推进，完成77%。" }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{r}");
        for server in [&app, &b] {
            let kept = tree(server, &sup, plan).await;
            same("after a report", &kept, &tree(&fresh, &sup, plan).await);
            let row = kept["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == task)
                .unwrap()
                .clone();
            assert_eq!(row["progress"], 77, "{}: {row}", app.backend);
        }

        // The task renamed through the second server.
        let (_, d) = b.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let edit = json!({ "title": "副本随改名更新", "lead_unit_id": d["task"]["lead_unit_id"],
            "leader_id": d["task"]["leader_id"], "start": d["task"]["start"], "due": d["task"]["due"],
            "cycle": d["task"]["cycle"], "cycle_due_day": d["task"]["cycle_due_day"], "weight": d["task"]["weight"],
            "domain": d["task"]["domain"], "public": d["task"]["public"], "version": d["version"] });
        let (s, r) = b.api_put(&sup, &format!("/api/v1/tasks/{task}"), edit).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{r}");
        for server in [&app, &b] {
            let kept = tree(server, &sup, plan).await;
            same("after a rename", &kept, &tree(&fresh, &sup, plan).await);
            assert!(kept.to_string().contains("副本随改名更新"), "{}", app.backend);
        }

        // A sub-task added, then moved to the top level: new rows, new outline numbers.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let sub = json!({ "title": "副本中的新下级任务", "start": d["task"]["start"], "due": d["task"]["due"] });
        let (s, r) = app
            .api_post(&unit, &format!("/api/v1/tasks/{task}/subtasks"), sub)
            .await;
        assert_eq!(s, StatusCode::CREATED, "{r}");
        let sid = r["id"].as_i64().unwrap();
        for server in [&app, &b] {
            same(
                "after a new sub-task",
                &tree(server, &sup, plan).await,
                &tree(&fresh, &sup, plan).await,
            );
        }
        let (_, sd) = b.api_get(&sup, &format!("/api/v1/tasks/{sid}")).await;
        let (s, r) = b
            .api_post(
                &sup,
                &format!("/api/v1/tasks/{sid}/move"),
                json!({ "parent_id": null, "version": sd["version"] }),
            )
            .await;
        assert!(s.is_success(), "{s} {r}");
        let (s, r) = app
            .api_post(
                &sup,
                &format!("/api/v1/tasks/{sid}/reorder"),
                json!({ "direction": "up" }),
            )
            .await;
        assert!(s.is_success(), "{s} {r}");
        for server in [&app, &b] {
            same(
                "after a move and a reorder",
                &tree(server, &sup, plan).await,
                &tree(&fresh, &sup, plan).await,
            );
        }
        // Places numbered with gaps (two of five sub-tasks moved out), then the last one moved
        // up: a sibling whose number changes but whose outline does not must not keep its old
        // number in a kept copy.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/tasks/{task}")).await;
        let mut subs = Vec::new();
        for n in 1..=5 {
            let sub =
                json!({ "title": format!("排序用下级任务{n}"), "start": d["task"]["start"], "due": d["task"]["due"] });
            let (s, r) = app
                .api_post(&unit, &format!("/api/v1/tasks/{task}/subtasks"), sub)
                .await;
            assert_eq!(s, StatusCode::CREATED, "{r}");
            subs.push(r["id"].as_i64().unwrap());
        }
        for id in &subs[..2] {
            let (_, sd) = app.api_get(&sup, &format!("/api/v1/tasks/{id}")).await;
            let (s, r) = app
                .api_post(
                    &sup,
                    &format!("/api/v1/tasks/{id}/move"),
                    json!({ "parent_id": null, "version": sd["version"] }),
                )
                .await;
            assert!(s.is_success(), "{s} {r}");
        }
        for server in [&app, &b] {
            same(
                "after two moves",
                &tree(server, &sup, plan).await,
                &tree(&fresh, &sup, plan).await,
            );
        }
        let (s, r) = app
            .api_post(
                &sup,
                &format!("/api/v1/tasks/{}/reorder", subs[4]),
                json!({ "direction": "up" }),
            )
            .await;
        assert!(s.is_success(), "{s} {r}");
        for server in [&app, &b] {
            same(
                "after a reorder among gaps",
                &tree(server, &sup, plan).await,
                &tree(&fresh, &sup, plan).await,
            );
        }
        // A unit sees only its own part of the kept tree.
        same(
            "as the unit sees it",
            &tree(&b, &unit, plan).await,
            &tree(&fresh, &unit, plan).await,
        );
        assert_lights_stored(&app).await;
    }
}

const LIGHTS: [&str; 4] = ["red", "yellow", "green", "blue"];

/// Light counts summed from tallies, red to blue.
fn lights(tallies: Vec<luoshi_store::state::Tally>) -> [i64; 4] {
    let mut n = [0i64; 4];
    for t in tallies {
        n[LIGHTS.iter().position(|l| *l == t.light).unwrap()] += t.n;
    }
    n
}

/// Light counts in a JSON answer, red to blue.
fn json_lights(v: &Value) -> [i64; 4] {
    LIGHTS.map(|l| v[l].as_i64().unwrap())
}

/// Ids of a list of task rows in a JSON answer.
fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_leader_s_home_from_the_kept_boards_equals_the_stored_light_queries() {
    use luoshi_store::state::{self, By, Filter, Order};
    for app in spawn_apps().await {
        // A write first, so the kept boards have something to catch up with.
        let (unit, task, period) = owing(&app).await;
        for (round, login) in luoshi_demo::LEADERS.iter().map(|l| l.4).enumerate() {
            let token = app.token(login).await;
            let (s, home) = app.api_get(&token, "/api/v1/home").await;
            assert_eq!(s, StatusCode::OK, "{home}");
            if round == 1 {
                let (s, r) = app
                    .api_put(
                        &unit,
                        &format!("/api/v1/tasks/{task}/reports/{period}"),
                        json!({ "action": "submit", "progress": 40, "content": "推进中。" }),
                    )
                    .await;
                assert_eq!(s, StatusCode::OK, "{r}");
                let (_, again) = app.api_get(&token, "/api/v1/home").await;
                assert_ne!(again, Value::Null);
            }
            let (_, home) = app.api_get(&token, "/api/v1/home").await;
            let user = app.account(login).await;
            let mut c = app.store.conn().await.unwrap();
            let (region, leader) = (user.region_id, user.leader_id.unwrap());
            let portfolio = state::portfolio(&mut c, region, leader).await.unwrap();
            let mine = Filter {
                task_ids: Some(portfolio),
                leaf_only: true,
                ..Filter::default()
            };
            let at = format!("{} {login}", app.backend);
            let counts = lights(state::tally(&mut c, region, &mine, By::All).await.unwrap());
            assert_eq!(json_lights(&home["counts"]), counts, "{at}: counts");
            let worst = state::tasks(
                &mut c,
                region,
                &Filter {
                    red_or_yellow: true,
                    ..mine.clone()
                },
                Order::Worst,
                10,
                0,
            )
            .await
            .unwrap();
            let want: Vec<i64> = worst.rows.iter().map(|(t, _)| t.id).collect();
            assert_eq!(ids(&home["attention"]), want, "{at}: attention list");
            assert_eq!(
                home["attention_total"].as_i64().unwrap(),
                worst.total,
                "{at}: attention in all"
            );
            let first = state::tasks(&mut c, region, &mine, Order::Tree, 100, 0).await.unwrap();
            assert_eq!(home["tasks_total"].as_i64().unwrap(), first.total, "{at}: tasks in all");
            let want: Vec<i64> = first.rows.iter().map(|(t, _)| t.id).collect();
            assert_eq!(ids(&home["tasks"]), want, "{at}: first tasks");
            let all = Filter {
                leaf_only: true,
                ..Filter::default()
            };
            let region_counts = lights(state::tally(&mut c, region, &all, By::All).await.unwrap());
            assert_eq!(
                json_lights(&home["region_counts"]),
                region_counts,
                "{at}: region counts"
            );
        }
    }
}
