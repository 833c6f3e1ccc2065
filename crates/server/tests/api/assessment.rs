//! Assessment scores on the demo city, both databases (issue 19, in progress): a half-year
//! scheme with the defaults of common practice started by the office scores every unit of its
//! groups from the records — every rule line naming a record of the region, the lines adding up
//! to the total — ranks each group, and judging again gives the same scores.

use luoshi_domain::assessment::{DEFAULT_GRADING, PeriodKind, Scheme, Visibility, default_groups, default_rules};
use luoshi_server::access::{Actor, SupervisorCap};

use crate::helpers::*;

#[tokio::test]
async fn a_half_year_scheme_scores_every_unit_from_its_records() {
    for app in spawn_apps().await {
        let be = app.backend;
        let state = state_on(&app, today());
        let office = app.account("duchashi").await;
        let cap = SupervisorCap {
            region: office.region_id,
            actor: Actor {
                id: office.id,
                name: office.username.clone(),
            },
        };
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
        let s = Scheme {
            name: "2020年上半年绩效考核".into(),
            kind: PeriodKind::HalfYear,
            from: day(1, 1),
            to: day(6, 30),
            base: 10_000,
            floor: 6_000,
            evaluation_share: 0,
            groups: default_groups(),
            rules: default_rules(),
            grading: DEFAULT_GRADING,
            visibility: Visibility::Office,
        };
        let id = luoshi_server::ops::assessment::create(&state, &cap, &s, None)
            .await
            .unwrap();
        let mut c = app.store.conn().await.unwrap();
        let scores = luoshi_store::assessment::scores(&mut c, cap.region, id).await.unwrap();
        let units = luoshi_store::unit::units(&mut c, cap.region).await.unwrap();
        let ranked = units
            .iter()
            .filter(|u| {
                u.active && u.merged_into.is_none() && ["department", "county", "zone"].contains(&u.category.as_str())
            })
            .count();
        assert_eq!(scores.len(), ranked, "{be}: every unit of the groups is scored");
        let mut deducted = 0;
        for s in &scores {
            let lines = luoshi_store::assessment::lines(&mut c, cap.region, id, s.unit_id)
                .await
                .unwrap();
            assert_eq!(
                lines.iter().map(|l| l.points).sum::<i64>(),
                s.total,
                "{be}: unit {}",
                s.unit_id
            );
            assert_eq!(lines[0].kind, "base");
            for l in lines.iter().filter(|l| l.kind == "rule") {
                let id = l.record_id.expect("a rule line names its record");
                let exists = match l.record_kind.as_str() {
                    "task" => luoshi_store::task::task(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    "report" => luoshi_store::report::report(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    "project" => luoshi_store::project::project(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    _ => true,
                };
                assert!(exists, "{be}: {} {id} is a record of the region", l.record_kind);
                deducted += i64::from(l.points < 0);
            }
            assert!(s.place >= 1 && s.place <= s.ranked);
        }
        assert!(
            deducted > 10,
            "{be}: the demo city's overdue tasks and late reports count: {deducted}"
        );
        let totals: Vec<i64> = scores.iter().map(|s| s.total).collect();
        assert!(
            totals.iter().any(|t| *t < 10_000) && totals.iter().any(|t| *t != totals[0]),
            "{be}: {totals:?}"
        );
        // Judged again, the same.
        let mut tx = app.store.begin().await.unwrap();
        assert!(
            luoshi_lights::judge_scheme(&mut tx, cap.region, id, today(), chrono::Utc::now())
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        let again = luoshi_store::assessment::scores(&mut c, cap.region, id).await.unwrap();
        assert_eq!(again, scores, "{be}");
    }
}

#[tokio::test]
async fn schemes_through_the_api_show_each_viewer_what_it_may_see() {
    use reqwest::StatusCode;
    use serde_json::json;
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let body = json!({ "name": "2020年上半年考核", "kind": "half_year", "from": "2020-01-01", "to": "2020-06-30",
            "evaluation_share": 20 });
        let (s, b) = app.api_post(&sup, "/api/v1/schemes", body.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{be}: {b}");
        let id = b["id"].as_i64().unwrap();
        let (s, e) = app.api_post(&sup, "/api/v1/schemes", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: the same name twice: {e}");
        // The office sees the rankings; by default nobody else does.
        let (_, d) = app.api_get(&sup, &format!("/api/v1/schemes/{id}")).await;
        assert_eq!(d["ranking_visible"], true);
        let groups = d["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 3, "{be}: {d}");
        assert_eq!(groups[0]["name"], "市直部门");
        let first = &groups[0]["rows"][0];
        assert_eq!(first["place"], 1);
        // The distribution counts every ranked unit of the group once.
        let counted: u64 = groups[0]["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b[1].as_u64().unwrap())
            .sum();
        assert_eq!(
            counted as usize,
            groups[0]["rows"].as_array().unwrap().len(),
            "{be}: {d}"
        );
        assert!(groups[0]["summary"].as_str().unwrap().starts_with("最高"), "{be}");
        let mayor = app.token("chenweiguo").await;
        let (_, m) = app.api_get(&mayor, &format!("/api/v1/schemes/{id}")).await;
        assert_eq!(
            (m["ranking_visible"].as_bool(), m["groups"].as_array().map(Vec::len)),
            (Some(false), Some(0))
        );
        // A unit opens its own breakdown, and not another's.
        let zjj = app.token("zjj").await;
        let me = app.account("zjj").await.unit_id.unwrap();
        let (s, mine) = app.api_get(&zjj, &format!("/api/v1/schemes/{id}/units/{me}")).await;
        assert_eq!(s, StatusCode::OK, "{be}: {mine}");
        let lines = mine["lines"].as_array().unwrap();
        assert_eq!(lines[0]["name"], "基础分");
        // Its history: this scheme and the demo's; the ranking is the office's, so no place.
        let history = mine["history"].as_array().unwrap();
        assert_eq!(history.len(), 2, "{be}: {mine}");
        assert_eq!(mine["ranking_visible"], false);
        assert!(history.iter().all(|h| h["place_text"] == ""), "{be}: {mine}");
        let sum: i64 = lines.iter().map(|l| l["points"].as_i64().unwrap()).sum();
        assert_eq!(sum, mine["total"].as_i64().unwrap());
        let overdue = lines
            .iter()
            .find(|l| l["rule"].as_str().unwrap().starts_with("task_overdue"))
            .unwrap_or_else(|| panic!("{be}: 市住建局 has an overdue task: {mine}"));
        assert!(overdue["link"].as_str().unwrap().starts_with("/tasks/"), "{overdue}");
        assert!(overdue["label"].as_str().unwrap().contains("超期"), "{overdue}");
        let other = first["unit_id"]
            .as_i64()
            .filter(|u| *u != me)
            .unwrap_or(groups[0]["rows"][1]["unit_id"].as_i64().unwrap());
        let (s, _) = app.api_get(&zjj, &format!("/api/v1/schemes/{id}/units/{other}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}: another unit's breakdown");
        // A write the rules count moves the score at the next read: an order issued to the unit.
        let (s, o) = app
            .api_post(
                &sup,
                "/api/v1/supervisions",
                json!({ "level": "key", "source": "task", "task_id": overdue["link"].as_str().unwrap().trim_start_matches("/tasks/").parse::<i64>().unwrap(),
                    "title": "国土空间规划编制滞后", "requirement": "请于7月10日前报送整改措施", "lead_unit_id": me,
                    "co_unit_ids": [], "reply_due": "2020-07-10", "mode": "once" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{be}: {o}");
        // Two readers find the scores stale at once: judged one after the other, both answered.
        let path = format!("/api/v1/schemes/{id}/units/{me}");
        let (a, b) = tokio::join!(app.api_get(&zjj, &path), app.api_get(&sup, &path));
        assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK), "{be}: {} {}", a.1, b.1);
        let (_, moved) = app.api_get(&zjj, &path).await;
        let orders = |b: &serde_json::Value| {
            b["lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["rule"] == "order_issued")
                .count()
        };
        assert_eq!(orders(&moved), orders(&mine) + 1, "{be}: {moved}");
        let mine = moved;
        // The evaluation weighs 20%: entered, the total moves and the unit is told.
        assert_eq!(
            mine["lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["kind"] == "evaluation")
                .count(),
            0
        );
        let (s, e) = app
            .api_put(
                &sup,
                &format!("/api/v1/schemes/{id}/evaluations/{me}"),
                json!({ "points": 101 }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        let (s, _) = app
            .api_put(
                &sup,
                &format!("/api/v1/schemes/{id}/evaluations/{me}"),
                json!({ "points": 80, "note": "评议" }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (_, after) = app.api_get(&zjj, &format!("/api/v1/schemes/{id}/units/{me}")).await;
        let performance = mine["total"].as_i64().unwrap();
        // total = performance × 0.8 + 80 × 0.2, rounded half up to the hundredth
        let want = (performance * 80 + 8_000 * 20 + 50).div_euclid(100);
        assert_eq!(after["total"].as_i64().unwrap(), want, "{be}");
        assert_eq!(after["lines"].as_array().unwrap().last().unwrap()["kind"], "evaluation");
        notice(&app, &zjj, "evaluation_entered").await;
        // Closed: frozen.
        let (_, list) = app.api_get(&sup, "/api/v1/schemes").await;
        let version = list[0]["version"].clone();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/schemes/{id}/close"),
                json!({ "version": version }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = app
            .api_put(
                &sup,
                &format!("/api/v1/schemes/{id}/evaluations/{me}"),
                json!({ "points": 90 }),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{be}: a closed scheme takes no evaluation"
        );
        let (_, closed) = app.api_get(&zjj, &format!("/api/v1/schemes/{id}/units/{me}")).await;
        assert_eq!(closed["total"], after["total"]);
        // Units may not start schemes.
        let (s, _) = app
            .api_post(
                &zjj,
                "/api/v1/schemes",
                json!({ "name": "x", "kind": "year", "from": "2020-01-01", "to": "2020-12-31" }),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_pages_start_a_scheme_and_a_unit_reads_its_breakdown() {
    use reqwest::StatusCode;
    for app in spawn_apps().await {
        let be = app.backend;
        let c = app.login_page("duchashi").await;
        let (s, html) = app.page(&c, "/assessment").await;
        assert_eq!(s, StatusCode::OK);
        let csrf = csrf_of(&html);
        let r = c
            .post(app.url("/assessment"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "2020年上半年考核"),
                ("kind", "half_year"),
                ("from", "2020-01-01"),
                ("to", "2020-06-30"),
                ("evaluation_share", "0"),
                ("visibility", "units"),
                ("copy_of", "0"),
            ])
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{be}: {}", r.status());
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, html) = app.page(&c, &to).await;
        assert!(
            html.contains("考核方案已创建") && html.contains("市直部门"),
            "{be}: {html}"
        );
        // A bad period is named and nothing is created.
        let r = c
            .post(app.url("/assessment"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "错"),
                ("kind", "quarter"),
                ("from", "2020-01-01"),
                ("to", "2020-12-31"),
            ])
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("scheme-errors") && html.contains("考核期应为季度以内"),
            "{be}: {html}"
        );
        // A unit: the ranking (visible to units in this scheme) and its own breakdown.
        let zjj = app.login_page("zjj").await;
        let me = app.account("zjj").await.unit_id.unwrap();
        let id: String = to
            .trim_start_matches("/assessment/")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (_, list) = app.page(&zjj, "/assessment").await;
        assert!(
            list.contains(&format!("/assessment/{id}/units/{me}")),
            "{be}: our score is one click away"
        );
        let (s, mine) = app.page(&zjj, &format!("/assessment/{id}/units/{me}")).await;
        assert_eq!(s, StatusCode::OK, "{be}");
        assert!(
            mine.contains("得分明细") && mine.contains("href=\"/tasks/"),
            "{be}: {mine}"
        );
        let (s, rank) = app.page(&zjj, &format!("/assessment/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(rank.contains("市住房和城乡建设局"), "{be}");
        assert!(
            rank.contains("<svg class=\"chart bars\"") && rank.contains("得分分布"),
            "{be}: the distribution is drawn"
        );
        assert!(mine.contains("id=\"score-history\""), "{be}: two schemes, a history");
        let (_, unit_page) = app.page(&zjj, &format!("/units/{me}")).await;
        assert!(
            unit_page.contains("id=\"unit-scores\"") && unit_page.contains(&format!("/assessment/{id}/units/{me}")),
            "{be}"
        );
        let other = if me == 1 { 2 } else { 1 };
        let (s, _) = app.page(&zjj, &format!("/assessment/{id}/units/{other}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{be}: another unit's breakdown");
    }
}

#[tokio::test]
async fn an_open_scheme_is_changed_and_a_closed_one_is_not() {
    use reqwest::StatusCode;
    use serde_json::json;
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let (_, list) = app.api_get(&sup, "/api/v1/schemes").await;
        let id = list[0]["id"].as_i64().unwrap();
        let version = list[0]["version"].as_i64().unwrap();
        let zjj = app.token("zjj").await;
        let me = app.account("zjj").await.unit_id.unwrap();
        let path = format!("/api/v1/schemes/{id}");
        let body = |version: i64| {
            json!({ "version": version, "name": "2020年上半年考核（修订）", "kind": "half_year",
                "from": "2020-01-01", "to": "2020-06-30",
                "rules": [{ "kind": "task_overdue_lead", "points": -2, "cap": null },
                    { "kind": "task_overdue_co", "points": -2, "cap": null }],
                "groups": [{ "name": "全体单位", "categories": ["department", "county", "zone"] }] })
        };
        // A unit may not change it.
        let (s, _) = app.api_put(&zjj, &path, body(version)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{be}");
        let (s, e) = app.api_put(&sup, &path, body(version)).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}: {e}");
        // Two rules left, one group: the unit's lines are its base and its overdue months at −2.
        let (_, d) = app.api_get(&sup, &path).await;
        assert_eq!(d["scheme"]["name"], "2020年上半年考核（修订）", "{be}: {d}");
        assert_eq!(d["groups"].as_array().unwrap().len(), 1, "{be}");
        assert_eq!(d["rules"].as_array().unwrap().len(), 2, "{be}");
        let (_, mine) = app.api_get(&zjj, &format!("{path}/units/{me}")).await;
        let lines = mine["lines"].as_array().unwrap();
        assert!(lines.len() > 1, "{be}: {mine}");
        for l in &lines[1..] {
            assert!(l["rule"].as_str().unwrap().starts_with("task_overdue_"), "{be}: {l}");
            assert_eq!(l["points"].as_i64().unwrap() % -200, 0, "{be}: {l}");
        }
        // The version read before the change is stale; a bad rule changes nothing.
        let (s, _) = app.api_put(&sup, &path, body(version)).await;
        assert_eq!(s, StatusCode::CONFLICT, "{be}");
        let mut bad = body(version + 1);
        bad["rules"] = json!([{ "kind": "report_late", "points": -1, "cap": -3 }]);
        let (s, e) = app.api_put(&sup, &path, bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}");
        assert_eq!(e["error"]["fields"][0]["code"], "SCHEME_INVALID", "{be}: {e}");
        // Closed: frozen, and said so.
        let (s, _) = app
            .api_post(&sup, &format!("{path}/close"), json!({ "version": version + 1 }))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}");
        let (s, e) = app.api_put(&sup, &path, body(version + 2)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}");
        assert_eq!(e["error"]["fields"][0]["code"], "SCHEME_CLOSED", "{be}: {e}");
    }
}

#[tokio::test]
async fn the_office_changes_a_scheme_on_its_page() {
    use reqwest::StatusCode;
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let (_, list) = app.api_get(&sup, "/api/v1/schemes").await;
        let id = list[0]["id"].as_i64().unwrap();
        let version = list[0]["version"].as_i64().unwrap().to_string();
        let c = app.login_page("duchashi").await;
        let edit = format!("/assessment/{id}/edit");
        let (s, html) = app.page(&c, &edit).await;
        assert_eq!(s, StatusCode::OK, "{be}");
        assert!(
            html.contains("计分规则") && html.contains("排名分组") && html.contains("进展漏报"),
            "{be}"
        );
        let csrf = csrf_of(&html);
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("version", version.clone()),
            ("name", "2020年上半年考核（修订）".into()),
            ("kind", "half_year".into()),
            ("from", "2020-01-01".into()),
            ("to", "2020-06-30".into()),
            ("base", "100".into()),
            ("floor", "60".into()),
            ("evaluation_share", "10".into()),
            ("visibility", "leaders".into()),
            ("grading", "cut_offs".into()),
            ("grade_1", "95".into()),
            ("grade_2", "85".into()),
            ("grade_3", "60".into()),
            ("groups", "2".into()),
            ("group_0_name", "市直部门".into()),
            ("group_0_categories", "department".into()),
            ("group_1_name", "县区和开发区".into()),
            ("group_1_categories", "county".into()),
            ("group_1_categories", "zone".into()),
            ("rule_report_missing", "1".into()),
            ("points_report_missing", "abc".into()),
            ("cap_report_missing", "".into()),
        ];
        // A number that is not one is named, what was typed is kept, nothing changes.
        let r = c.post(app.url(&edit)).form(&form).send().await.unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("scheme-errors") && html.contains("“进展漏报”的分值应为数字"),
            "{be}: {html}"
        );
        assert!(html.contains("value=\"县区和开发区\""), "{be}: what was typed stays");
        form.retain(|(k, _)| *k != "points_report_missing");
        form.push(("points_report_missing", "-1".into()));
        let r = c.post(app.url(&edit)).form(&form).send().await.unwrap();
        assert!(r.status().is_redirection(), "{be}: {}", r.status());
        let (_, d) = app.api_get(&sup, &format!("/api/v1/schemes/{id}")).await;
        let groups: Vec<&str> = d["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["name"].as_str().unwrap())
            .collect();
        assert_eq!(groups, ["市直部门", "县区和开发区"], "{be}: {d}");
        assert_eq!(d["rules"].as_array().unwrap().len(), 1, "{be}");
        assert_eq!(d["evaluation_share"], 10, "{be}");
        // Units do not see the form.
        let zjj = app.login_page("zjj").await;
        let (s, _) = app.page(&zjj, &edit).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{be}");
    }
}
