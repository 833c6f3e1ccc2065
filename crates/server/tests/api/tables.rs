//! Tables in (issue 18) on both databases: a messy sheet through the API — its mapping, rows,
//! keys; a name mapped to a unit once and remembered; the plan created all or nothing; the
//! edited sheet imported again updating its tasks instead of duplicating them, the units told;
//! bad files refused with their reason and nothing written; the page with an upload, a column
//! corrected and an unmatched unit fixed.

use base64::Engine;
use reqwest::StatusCode;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::{Value, json};

use crate::helpers::*;

/// A 任务分解表 as offices make them: a title across the table, a 填报单位 row, a header over two
/// rows, a section row, a task over two measure rows with a merged unit cell, a leader column,
/// a unit written without 市 and one the region does not know by that name, a footnote.
pub fn messy_sheet(second_title: &str, due: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("任务分解").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 6, "云州市2020年优化营商环境重点任务分解表", &f)
        .unwrap();
    ws.write_string(1, 0, "填报单位：市政府督查室").unwrap();
    ws.merge_range(2, 0, 3, 0, "序号", &f).unwrap();
    ws.merge_range(2, 1, 3, 1, "重点任务", &f).unwrap();
    ws.merge_range(2, 2, 3, 2, "具体措施", &f).unwrap();
    ws.merge_range(2, 3, 2, 4, "责任单位", &f).unwrap();
    ws.write_string(3, 3, "牵头单位").unwrap();
    ws.write_string(3, 4, "配合单位").unwrap();
    ws.merge_range(2, 5, 3, 5, "责任领导", &f).unwrap();
    ws.merge_range(2, 6, 3, 6, "完成时限", &f).unwrap();
    ws.merge_range(4, 0, 4, 6, "一、提升政务服务效能", &f).unwrap();
    ws.write_string(5, 0, "1").unwrap();
    ws.merge_range(5, 1, 6, 1, "推行“一件事一次办”", &f).unwrap();
    ws.write_string(5, 2, "梳理高频事项100个").unwrap();
    ws.merge_range(5, 3, 6, 3, "审批局", &f).unwrap();
    ws.write_string(5, 4, "市发改委、各县（市、区）").unwrap();
    ws.write_string(5, 5, "周副市长").unwrap();
    ws.write_string(5, 6, due).unwrap();
    ws.write_string(6, 2, second_title).unwrap();
    ws.write_string(6, 6, "年底前").unwrap();
    ws.write_string(7, 0, "2").unwrap();
    ws.write_string(7, 1, "开展涉企收费专项清理").unwrap();
    ws.write_string(7, 3, "营商办").unwrap();
    ws.write_string(7, 4, "市财政局").unwrap();
    ws.write_string(7, 6, "三季度").unwrap();
    ws.write_string(8, 0, "注：牵头单位列第一位的为牵头单位。").unwrap();
    book.save_to_buffer().unwrap()
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

async fn read(app: &TestApp, token: &str, file: &[u8], plan: Option<i64>) -> (StatusCode, Value) {
    app.api_post(
        token,
        "/api/v1/extraction/table",
        json!({ "file_name": "分解表.xlsx", "data": b64(file), "plan_id": plan }),
    )
    .await
}

fn titles(p: &Value) -> Vec<String> {
    p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_messy_sheet_becomes_tasks_and_its_edited_copy_updates_them() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (s, p) = read(&app, &sup, &messy_sheet("建立事项清单动态调整机制", "9月底前"), None).await;
        assert_eq!(s, StatusCode::OK, "{}: {p}", app.backend);
        assert_eq!(p["year"], 2020, "the year the title names");
        let t = &p["table"];
        assert_eq!(t["sheet"], "任务分解");
        assert_eq!(t["header_row"], 3);
        let roles: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["number", "task", "measure", "lead", "co", "leader", "deadline"]);
        assert_eq!(t["notes"].as_array().unwrap().len(), 1);
        assert_eq!(
            titles(&p),
            [
                "提升政务服务效能",
                "推行“一件事一次办”",
                "梳理高频事项100个",
                "建立事项清单动态调整机制",
                "开展涉企收费专项清理"
            ]
        );
        let rows = p["rows"].as_array().unwrap();
        assert_eq!(
            rows[2]["lead"], "市行政审批服务管理局",
            "审批局 is the unit's short name without 市"
        );
        assert_eq!(
            rows[3]["lead"], "市行政审批服务管理局",
            "the merged unit cell covers the row below"
        );
        assert_eq!(rows[2]["due"], "2020-09-30");
        assert_eq!(rows[2]["sheet_row"], 6);
        assert_eq!(rows[2]["leaders"], json!(["周副市长"]));
        assert_eq!(rows[4]["key"], "一/2");
        assert!(rows[2]["co"].as_array().unwrap().len() >= 2, "{}", rows[2]);
        // 营商办 is nobody the region knows: listed for the user to map.
        let unknown = p["names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "营商办")
            .unwrap();
        assert!(unknown["unit_id"].is_null(), "{unknown}");

        // Created as proposed: 营商办 is refused, nothing is written.
        let plan = json!({ "kind": "work_report", "title": "2020年优化营商环境重点任务", "issued_on": "2020-06-01" });
        let before = app.api_get(&sup, "/api/v1/plans").await.1.as_array().unwrap().len();
        let body = |aliases: Value| json!({ "plan": plan, "text": p["text"], "rows": p["rows"], "aliases": aliases });
        let (s, e) = app.api_post(&sup, "/api/v1/extraction/tasks", body(json!([]))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(e.to_string().contains("营商办"), "{e}");
        assert_eq!(
            app.api_get(&sup, "/api/v1/plans").await.1.as_array().unwrap().len(),
            before
        );

        // The user says 营商办 is 市发改委: created, and remembered.
        let (_, units) = app.api_get(&sup, "/api/v1/units").await;
        let fgw = units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == "市发展和改革委员会")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (s, done) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                body(json!([{ "name": "营商办", "unit_id": fgw }])),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {done}", app.backend);
        let plan_id = done["plan_id"].as_i64().unwrap();
        assert_eq!(done["task_ids"].as_array().unwrap().len(), 5);
        let (_, t) = app
            .api_get(&sup, &format!("/api/v1/tasks/{}", done["task_ids"][4]))
            .await;
        assert_eq!(t["task"]["lead_unit_id"], fgw);
        let (_, t) = app
            .api_get(&sup, &format!("/api/v1/tasks/{}", done["task_ids"][2]))
            .await;
        assert!(t["task"]["leader_id"].is_i64(), "周副市长 is the leader: {t}");
        let (_, again) = read(
            &app,
            &sup,
            &messy_sheet("建立事项清单动态调整机制", "9月底前"),
            Some(plan_id),
        )
        .await;
        let remembered = again["names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "营商办")
            .unwrap();
        assert_eq!(remembered["unit_id"], fgw, "the mapping is remembered: {remembered}");
        assert_eq!(remembered["remembered"], true);
        // The lead unit is told it has new tasks.
        let (_, notes) = app.api_get(&app.token("fgw").await, "/api/v1/notifications").await;
        assert!(notes.to_string().contains("新分解任务"), "{}: {notes}", app.backend);

        // The edited sheet into the same plan: the rows it created are updated, none doubled.
        let (_, edited) = read(
            &app,
            &sup,
            &messy_sheet("建立事项清单季度调整机制", "10月底前"),
            Some(plan_id),
        )
        .await;
        let marked: Vec<bool> = edited["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["updates"].is_i64())
            .collect();
        assert_eq!(
            marked,
            [true, true, true, false, true],
            "the measure whose title changed is a new row"
        );
        let (s, done2) = app
            .api_post(
                &sup,
                "/api/v1/extraction/tasks",
                json!({ "plan_id": plan_id, "text": edited["text"], "rows": edited["rows"],
                    "aliases": [{ "name": "营商办", "unit_id": -1 }] }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{}: {done2}", app.backend);
        // Of the four rows it knows, one changed (its deadline): only that task is written.
        assert_eq!(done2["updated_ids"], json!([done["task_ids"][2]]), "{done2}");
        assert_eq!(done2["task_ids"].as_array().unwrap().len(), 1);
        let (_, t) = app
            .api_get(&sup, &format!("/api/v1/tasks/{}", done["task_ids"][2]))
            .await;
        assert_eq!(t["task"]["due"], "2020-10-31", "the deadline changed in the sheet");
        let (_, tree) = app.api_get(&sup, &format!("/api/v1/plans/{plan_id}/tasks")).await;
        assert_eq!(tree["tasks"].as_array().unwrap().len(), 6, "{tree}");
        // The mapping was forgotten with that import: 营商办 is unknown again.
        let (_, again) = read(&app, &sup, &messy_sheet("x", "9月底"), None).await;
        let forgotten = again["names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "营商办")
            .unwrap();
        assert!(forgotten["unit_id"].is_null(), "{forgotten}");
    }
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason_and_nothing_written() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(vec![0u8; 504]);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let mut no_header = Workbook::new();
        no_header.add_worksheet().write_string(0, 0, "姓名").unwrap();
        for (file, name, code) in [
            (ole, "加密.xlsx", "TABLE_ENCRYPTED"),
            (b"%PDF-1.7".to_vec(), "a.pdf", "TABLE_NOT_TABLE"),
            (no_header.save_to_buffer().unwrap(), "通讯录.xlsx", "TABLE_NO_HEADER"),
        ] {
            let (s, e) = app
                .api_post(
                    &sup,
                    "/api/v1/extraction/table",
                    json!({ "file_name": name, "data": b64(&file) }),
                )
                .await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {e}");
            assert_eq!(e["error"]["fields"][0]["code"], code, "{name}: {e}");
        }
        let (s, e) = app
            .api_post(
                &sup,
                "/api/v1/extraction/table",
                json!({ "file_name": "a.xlsx", "data": b64(&messy_sheet("x", "9月底")), "columns": [{ "index": 1, "role": "boss" }] }),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["error"]["fields"][0]["code"], "TABLE_ROLE_UNKNOWN");
        // A unit may not read tables into tasks.
        let (s, _) = read(&app, &app.token("zjj").await, &messy_sheet("x", "9月底"), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

/// The value of `name="…" value="…"` in `html`.
fn value_of(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let at = html.find(&key).unwrap_or_else(|| panic!("{name} not in the page")) + key.len();
    html[at..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_page_reads_a_sheet_takes_a_corrected_column_and_a_mapped_unit() {
    for app in spawn_apps().await {
        let browser = app.login_page("duchashi").await;
        let (_, html) = app.page(&browser, "/plans/extract").await;
        let csrf = csrf_of(&html);
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("plan", "")
            .text("text", "")
            .text("year", "")
            .part(
                "file",
                reqwest::multipart::Part::bytes(messy_sheet("建立事项清单动态调整机制", "9月底前"))
                    .file_name("分解表.xlsx"),
            );
        let r = browser
            .post(app.url("/plans/extract"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.backend);
        let html = r.text().await.unwrap();
        assert!(html.contains("id=\"table-columns\""), "the mapping is shown");
        assert!(html.contains("表头在第3行"), "{html}");
        assert!(html.contains("第6行 · 编号"), "rows say where they came from");
        assert!(
            html.contains("注：牵头单位列第一位的为牵头单位。"),
            "the footnote is shown"
        );

        // The 责任领导 column read as 不导入: read again, the rows carry no leader.
        let mut remap = vec![
            ("csrf".to_string(), csrf.clone()),
            ("file_name".into(), value_of(&html, "file_name")),
            ("data".into(), value_of(&html, "data")),
            ("year".into(), "2020".into()),
            ("sheet".into(), "任务分解".into()),
            ("columns".into(), "7".into()),
        ];
        for (i, role) in ["number", "task", "measure", "lead", "co", "other", "deadline"]
            .iter()
            .enumerate()
        {
            remap.push((format!("col{i}"), role.to_string()));
        }
        let r = browser
            .post(app.url("/plans/extract"))
            .form(&remap)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.backend);
        let html = r.text().await.unwrap();
        assert!(
            !html.contains("name=\"r2.leaders\""),
            "the leader column is no longer read"
        );
        assert!(html.contains("<option value=\"other\" selected>"), "the choice is kept");

        // 营商办 mapped to 市财政局 on the form: created, all five rows.
        let mut fields = crate::extraction::review_form(&html);
        let j = fields
            .iter()
            .find(|(_, v)| v == "营商办")
            .map(|(k, _)| k.trim_end_matches(".name").to_string())
            .expect("营商办 can be mapped");
        let (_, units) = app.api_get(&app.token("duchashi").await, "/api/v1/units").await;
        let czj = units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == "市财政局")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        for (k, v) in fields.iter_mut() {
            if *k == format!("{j}.unit") {
                *v = czj.to_string();
            }
        }
        // First with an empty card ticked: refused, and the page keeps the unit chosen.
        let mut bad = fields.clone();
        bad.push(("r7.include".into(), "1".into()));
        let r = browser
            .post(app.url("/plans/extract/create"))
            .form(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        let again = r.text().await.unwrap();
        assert!(
            again.contains(&format!("<option value=\"{czj}\" selected>")),
            "the mapping is kept"
        );
        let (plan_id, _) = crate::extraction::create_from_review(&app, &browser, &fields).await;
        let (_, tree) = app
            .api_get(&app.token("duchashi").await, &format!("/api/v1/plans/{plan_id}/tasks"))
            .await;
        let tasks = tree["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 5, "{tree}");
        let fee = tasks.iter().find(|t| t["title"] == "开展涉企收费专项清理").unwrap();
        assert_eq!(fee["lead_unit_id"], czj);
    }
}

/// What a round trip must keep of a task, as the plan's tree shows it (its requirements too:
/// `updated_ids` stays empty only when no row differs from its task in anything it holds).
fn fields(t: &Value) -> Value {
    json!([t["title"], t["lead_unit_id"], t["leader_id"], t["due"], t["parent_id"]])
}

#[tokio::test]
async fn a_plan_exported_and_imported_again_is_the_same_plan() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let (_, plans) = app.api_get(&sup, "/api/v1/plans").await;
        for plan in plans.as_array().unwrap() {
            let id = plan["id"].as_i64().unwrap();
            let r = app
                .browser()
                .get(app.url(&format!("/api/v1/plans/{id}/tasks.xlsx")))
                .bearer_auth(&sup)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{}", app.backend);
            assert!(r.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
            let file = r.bytes().await.unwrap().to_vec();
            let (_, before) = app.api_get(&sup, &format!("/api/v1/plans/{id}/tasks")).await;
            let before_tasks = before["tasks"].as_array().unwrap().clone();
            let (s, p) = read(&app, &sup, &file, Some(id)).await;
            assert_eq!(s, StatusCode::OK, "{}: {p}", app.backend);
            let rows = p["rows"].as_array().unwrap();
            assert_eq!(rows.len(), before_tasks.len(), "plan {id}: every task is a row");
            assert!(
                rows.iter().all(|r| r["updates"].is_i64()),
                "plan {id}: every row updates its task"
            );
            let (s, done) = app
                .api_post(
                    &sup,
                    "/api/v1/extraction/tasks",
                    json!({ "plan_id": id, "text": p["text"], "rows": p["rows"] }),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{} plan {id}: {done}", app.backend);
            assert_eq!(done["task_ids"].as_array().unwrap().len(), 0, "nothing doubled");
            let (_, after) = app.api_get(&sup, &format!("/api/v1/plans/{id}/tasks")).await;
            let after_tasks = after["tasks"].as_array().unwrap();
            for (a, b) in before_tasks.iter().zip(after_tasks) {
                assert_eq!(fields(a), fields(b), "{} plan {id}", app.backend);
                let co = |t: &Value| {
                    let mut v: Vec<i64> = t["co_unit_ids"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_i64().unwrap())
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(co(a), co(b), "{} plan {id}: {}", app.backend, a["title"]);
            }
            assert_eq!(done["updated_ids"], json!([]), "nothing changed, nothing written");
        }
    }
}

pub async fn xlsx(app: &TestApp, token: &str, path: &str) -> Vec<luoshi_office::tables::Found> {
    let r = app
        .browser()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let bytes = r.bytes().await.unwrap().to_vec();
    assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&bytes));
    luoshi_office::tables::read_tables(&bytes, "x.xlsx").unwrap()
}

#[tokio::test]
async fn the_project_ledger_and_the_lists_export_what_the_viewer_may_see() {
    for app in spawn_apps().await {
        for who in ["duchashi", "zjj"] {
            let token = app.token(who).await;
            let (_, ledger) = app.api_get(&token, "/api/v1/projects").await;
            let projects = ledger["rows"].as_array().unwrap();
            let found = xlsx(&app, &token, "/api/v1/projects.xlsx?month=2020-05").await;
            let g = &found[0].grid;
            assert_eq!(g.text(2, 0), "项目编号", "{who}: the header under the title");
            assert_eq!(g.text(2, 2), "项目级别");
            assert_eq!(g.text(2, 7), "本月完成投资（万元）");
            let keys: Vec<String> = (3..g.rows.len())
                .map(|r| g.text(r, 0).to_string())
                .filter(|k| k.starts_with('P'))
                .collect();
            let want: Vec<String> = projects.iter().map(|p| format!("P{}", p["id"])).collect();
            assert_eq!(
                keys, want,
                "{} {who}: the rows the ledger shows, in its order",
                app.backend
            );
            assert!(g.text(0, 0).contains("2020年5月"), "{}", g.text(0, 0));
            // The ledger reader reads it back: every column has its role, every project its row.
            let l = luoshi_text::table::ledger::read_ledger(g).expect("the export reads as a ledger");
            assert!(
                l.columns
                    .iter()
                    .all(|(_, r)| *r != luoshi_text::table::ledger::LedgerRole::Other),
                "{:?}",
                l.columns
            );
            let back: Vec<&str> = l
                .rows
                .iter()
                .map(|r| r.get(luoshi_text::table::ledger::LedgerRole::Key))
                .collect();
            assert_eq!(back, want, "{} {who}", app.backend);
        }
        // The indicators as the dashboard shows them.
        let sup = app.token("duchashi").await;
        let (_, dash) = app.api_get(&sup, "/api/v1/indicators?year=2020").await;
        let found = xlsx(&app, &sup, "/api/v1/indicators.xlsx?year=2020").await;
        let g = &found[0].grid;
        assert_eq!(g.text(2, 1), "指标名称");
        let names: Vec<&str> = (3..g.rows.len())
            .map(|r| g.text(r, 1))
            .filter(|n| !n.is_empty())
            .collect();
        let want: Vec<&str> = dash
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, want, "{}", app.backend);
        // A unit's list exports only the unit's tasks; the office's lists too.
        let zjj = app.token("zjj").await;
        let (_, units) = app.api_get(&app.token("duchashi").await, "/api/v1/units").await;
        let id = |name: &str| {
            units.as_array().unwrap().iter().find(|u| u["name"] == name).unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let found = xlsx(
            &app,
            &zjj,
            &format!("/api/v1/units/{}/tasks.xlsx", id("市住房和城乡建设局")),
        )
        .await;
        assert!(found[0].grid.rows.len() > 3, "the unit's tasks are listed");
        let r = app
            .browser()
            .get(app.url(&format!("/api/v1/units/{}/tasks.xlsx", id("市财政局"))))
            .bearer_auth(&zjj)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::NOT_FOUND,
            "another unit's tasks are not exported"
        );
    }
}

#[tokio::test]
async fn the_reports_of_a_period_export_for_the_office_and_a_unit_its_own() {
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let (_, queue) = app.api_get(&sup, "/api/v1/reviews").await;
        let waiting = &queue["reports"][0];
        let found = xlsx(&app, &sup, "/api/v1/reports.xlsx?from=2020-01-01&to=2020-06-30").await;
        let g = &found[0].grid;
        assert!(g.text(0, 0).contains("2020年1月1日至2020年6月30日"), "{}", g.text(0, 0));
        assert_eq!(g.text(2, 2), "工作任务");
        let body: Vec<usize> = (3..g.rows.len()).filter(|r| g.text(*r, 1).starts_with('T')).collect();
        assert!(body.len() > 10, "{be}: {} reports", body.len());
        let content = waiting["content"].as_str().unwrap();
        let row = body
            .iter()
            .find(|r| g.text(**r, 7) == content)
            .unwrap_or_else(|| panic!("{be}: the waiting report {content} is listed"));
        assert_eq!(g.text(*row, 10), "已报送");
        let units: std::collections::BTreeSet<&str> = body.iter().map(|r| g.text(*r, 4)).collect();
        assert!(units.len() > 3, "{be}: the region's units: {units:?}");
        // A unit gets its own reports only.
        let zjj = app.token("zjj").await;
        let mine = xlsx(&app, &zjj, "/api/v1/reports.xlsx?from=2020-01-01&to=2020-06-30").await;
        let m = &mine[0].grid;
        let own: Vec<&str> = (3..m.rows.len())
            .filter(|r| m.text(*r, 1).starts_with('T'))
            .map(|r| m.text(r, 4))
            .collect();
        assert!(!own.is_empty() && own.len() < body.len(), "{be}: {}", own.len());
        assert!(own.iter().all(|u| *u == "市住房和城乡建设局"), "{be}: {own:?}");
        assert_eq!(
            own.len(),
            body.iter().filter(|r| g.text(**r, 4) == "市住房和城乡建设局").count(),
            "{be}: every report of the unit"
        );
        // A span backwards, or a day that is none, is refused.
        for (q, code) in [
            ("from=2020-06-30&to=2020-01-01", "DATE_RANGE_INVALID"),
            ("from=2019-01-01&to=2020-06-30", "DATE_RANGE_INVALID"),
            ("from=2020-13-01", "DATE_INVALID"),
        ] {
            let (s, e) = app.api_get(&sup, &format!("/api/v1/reports.xlsx?{q}")).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
            assert!(e.to_string().contains(code), "{q}: {e}");
        }
    }
}
