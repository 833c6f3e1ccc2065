//! Importing the project ledger (issue 18, item 5) on both databases: the ledger as exported
//! imports as nothing to do; an edited copy — a month's figures, a changed total, a new project
//! with a new category — previews exactly that, needs its reason, imports whole, tells the unit,
//! leaves the report for the office's review, and imports again as nothing to do; a preview
//! confirmed after the ledger changed is refused; a bad ledger is refused with every problem by
//! row and column, nothing written; the page previews and imports.

use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

use crate::{
    helpers::*,
    tables::{b64, xlsx},
};

/// A workbook of `rows` (every cell as text), as a user saves an edited ledger.
fn book(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("项目台账").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The ledger the office exports for `month`, as rows of text.
async fn exported(app: &TestApp, token: &str, month: &str) -> Vec<Vec<String>> {
    let found = xlsx(app, token, &format!("/api/v1/projects.xlsx?month={month}")).await;
    let g = &found[0].grid;
    let width = g.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..g.rows.len())
        .map(|r| (0..width).map(|c| g.text(r, c).to_string()).collect())
        .collect()
}

async fn send(app: &TestApp, token: &str, file: &[u8], body: Value) -> (StatusCode, Value) {
    let mut b = json!({ "file_name": "台账.xlsx", "data": b64(file) });
    for (k, v) in body.as_object().unwrap() {
        b[k] = v.clone();
    }
    app.api_post(token, "/api/v1/projects/import", b).await
}

fn col(rows: &[Vec<String>], header: &str) -> usize {
    rows[2]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no {header}"))
}

fn line<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no line {name}: {p}"))
}

#[tokio::test]
async fn the_exported_ledger_imports_as_it_is_and_an_edited_one_updates_it() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let be = app.backend;
        // As exported: the month from its title, every project matched, nothing to do.
        let rows = exported(&app, &sup, "2020-05").await;
        let (s, p) = send(&app, &sup, &book(&rows), json!({})).await;
        assert_eq!(s, StatusCode::OK, "{be}: {p}");
        assert_eq!(p["month"], "2020-05", "the month the title names");
        assert_eq!(p["problems"], json!([]), "{be}");
        let (_, ledger) = app.api_get(&sup, "/api/v1/projects").await;
        let projects = ledger["rows"].as_array().unwrap().clone();
        assert_eq!(p["counts"]["same"], projects.len(), "{be}: {}", p["counts"]);
        assert_eq!(p["counts"]["added"], 0);
        assert_eq!(p["counts"]["changed"], 0);
        assert_eq!(p["counts"]["reports"], 0, "{be}: the month's reports are as sent");

        // June, edited: a month's figure for one project, a total for another, a new project.
        let mut rows = exported(&app, &sup, "2020-06").await;
        let reporting: Vec<&Value> = projects
            .iter()
            .filter(|p| ["building", "new_start"].contains(&p["stage"].as_str().unwrap()))
            .collect();
        let row_of = |rows: &[Vec<String>], id: &Value| rows.iter().position(|r| r[0] == format!("P{id}")).unwrap();
        let (inv, prog) = (col(&rows, "本月完成投资（万元）"), col(&rows, "本月进展"));
        // One that has not reported June yet, and another.
        let a = *reporting
            .iter()
            .find(|p| rows[row_of(&rows, &p["id"])][inv].is_empty())
            .unwrap();
        let b = *reporting.iter().find(|p| p["id"] != a["id"]).unwrap();
        let (ra, rb) = (row_of(&rows, &a["id"]), row_of(&rows, &b["id"]));
        rows[ra][inv] = "512.5".into();
        rows[ra][prog] = "主体结构封顶".into();
        let total = col(&rows, "总投资（万元）");
        let new_total = b["total"].as_i64().unwrap() / 100 + 1000;
        rows[rb][total] = new_total.to_string();
        let mut fresh = vec![String::new(); rows[2].len()];
        for (h, v) in [
            ("项目名称", "云州新材料产业园"),
            ("项目级别", "市级"),
            ("建设性质", "新建"),
            ("建设内容及规模", "新建厂房12万平方米"),
            ("总投资（万元）", "30000"),
            ("年度计划投资（万元）", "5000"),
            ("计划开工", "2020年3月"),
            ("计划竣工", "2022.12"),
            ("包联领导", "周文斌"),
            ("责任单位", "市发改委"),
            ("项目类型", "新材料"),
            ("建设阶段", "在建"),
        ] {
            fresh[col(&rows, h)] = v.into();
        }
        rows.insert(rows.len() - 1, fresh);
        let file = book(&rows);
        let (s, p) = send(&app, &sup, &file, json!({ "month": "2020-06" })).await;
        assert_eq!(s, StatusCode::OK, "{be}: {p}");
        let problems = p["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{be}: {problems:?}");
        assert_eq!(problems[0]["code"], "PROJECT_REASON_REQUIRED");
        assert_eq!(problems[0]["row"], rb + 1, "the row, as the sheet counts it");
        assert!(
            problems[0]["message"].as_str().unwrap().contains("总投资"),
            "{problems:?}"
        );
        // Not imported while a problem stands.
        let (s, e) = send(&app, &sup, &file, json!({ "month": "2020-06", "dry_run": false })).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: {e}");

        let why = json!({ "month": "2020-06", "reason": "省发改委调整批复" });
        let (s, p) = send(&app, &sup, &file, why.clone()).await;
        assert_eq!(s, StatusCode::OK, "{be}: {p}");
        assert_eq!(p["problems"], json!([]), "{be}");
        assert_eq!(p["counts"]["added"], 1);
        assert_eq!(p["counts"]["changed"], 1);
        assert_eq!(p["counts"]["reports"], 1);
        assert_eq!(p["new_categories"], json!(["新材料"]));
        let la = line(&p, a["name"].as_str().unwrap());
        assert_eq!(
            (la["action"].as_str(), la["report"].as_str()),
            (Some("same"), Some("new"))
        );
        assert_eq!(la["invested"], "512.5");
        let lb = line(&p, b["name"].as_str().unwrap());
        assert_eq!(lb["action"], "change");
        assert_eq!(lb["changes"][0]["field"], "total", "{lb}");
        let ln = line(&p, "云州新材料产业园");
        assert_eq!(ln["action"], "add");
        assert_eq!(ln["unit"], "市发展和改革委员会", "the short name matched");
        assert!(
            ln["changes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["field"] == "actual_start"),
            "a project under construction starts as planned, and the preview says so: {ln}"
        );

        let mut confirm = why.clone();
        confirm["dry_run"] = json!(false);
        confirm["expect"] = p["fingerprint"].clone();
        let (s, done) = send(&app, &sup, &file, confirm).await;
        assert_eq!(s, StatusCode::OK, "{be}: {done}");
        let imported = &done["imported"];
        assert_eq!(imported["added"].as_array().unwrap().len(), 1);
        assert_eq!(imported["changed"], json!([b["id"]]));
        assert_eq!(imported["categories"].as_array().unwrap().len(), 1);
        let report = imported["reports"][0].as_i64().unwrap();

        // The total changed with its reason in the history.
        let (_, pb) = app.api_get(&sup, &format!("/api/v1/projects/{}", b["id"])).await;
        assert_eq!(pb["project"]["total"], new_total * 100);
        assert!(
            pb["changes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["field"] == "total" && c["reason"] == "省发改委调整批复"),
            "{be}: {}",
            pb["changes"]
        );
        // The new project, started as planned.
        let id = imported["added"][0].as_i64().unwrap();
        let (_, pn) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(pn["project"]["name"], "云州新材料产业园");
        assert_eq!(pn["project"]["category"], "新材料");
        assert_eq!(pn["actual_start"], "2020年3月");
        assert_eq!(pn["planned_finish"], "2022-12");
        // The month's report waits for the office; the unit was told and the office reviews it.
        let (_, pa) = app.api_get(&sup, &format!("/api/v1/projects/{}", a["id"])).await;
        let june = pa["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["month"] == "2020-06")
            .unwrap()
            .clone();
        assert_eq!(
            (june["id"].as_i64(), june["status"].as_str()),
            (Some(report), Some("submitted"))
        );
        assert_eq!(june["progress"], "主体结构封顶");
        let unit = app.api_get(&sup, &format!("/api/v1/projects/{}", a["id"])).await.1["project"]["unit"].clone();
        let login = match unit.as_str().unwrap() {
            "市工业和信息化局" => "gxj",
            "市住房和城乡建设局" => "zjj",
            "市发展和改革委员会" => "fgw",
            other => panic!("a unit login for {other}"),
        };
        let n = notice(&app, &app.token(login).await, "project_ledger_imported").await;
        assert!(n["title"].as_str().unwrap().contains("代录月报"), "{n}");
        let (s, r) = app
            .api_post(
                &sup,
                &format!("/api/v1/project-reports/{report}/review"),
                json!({ "action": "accept", "version": june["version"] }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{be}: {r}");

        // The same file again: nothing to do (the new project found by its name).
        let (s, again) = send(&app, &sup, &file, why.clone()).await;
        assert_eq!(s, StatusCode::OK, "{be}: {again}");
        assert_eq!(again["problems"], json!([]), "{be}");
        assert_eq!(
            (
                again["counts"]["added"].as_u64(),
                again["counts"]["changed"].as_u64(),
                again["counts"]["reports"].as_u64()
            ),
            (Some(0), Some(0), Some(0)),
            "{be}: {}",
            again["lines"]
        );
        assert_lights_stored(&app).await;
    }
}

#[tokio::test]
async fn a_stale_preview_and_a_bad_ledger_write_nothing() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let be = app.backend;
        let mut rows = exported(&app, &sup, "2020-06").await;
        let total = col(&rows, "总投资（万元）");
        let first = rows.iter().position(|r| r[0].starts_with('P')).unwrap();
        rows[first][total] = "999999".into();
        let file = book(&rows);
        let why = json!({ "month": "2020-06", "reason": "调整" });
        let (_, p) = send(&app, &sup, &file, why.clone()).await;
        assert_eq!(p["counts"]["changed"], 1, "{be}: {p}");
        // Someone imports another change in between: the preview no longer holds.
        let mut other = rows.clone();
        other[first][total] = "888888".into();
        let mut go = why.clone();
        go["dry_run"] = json!(false);
        let (s, _) = send(&app, &sup, &book(&other), go.clone()).await;
        assert_eq!(s, StatusCode::OK);
        go["expect"] = p["fingerprint"].clone();
        let (s, e) = send(&app, &sup, &file, go).await;
        assert_eq!(s, StatusCode::CONFLICT, "{be}: {e}");
        let id = rows[first][0].trim_start_matches('P').to_string();
        let (_, now) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(now["project"]["total"], 88_888_800, "the other import stands");

        // A bad ledger: every problem by row and column, nothing written.
        let (_, before) = app.api_get(&sup, "/api/v1/projects").await;
        let mut bad = exported(&app, &sup, "2020-06").await;
        let unit = col(&bad, "责任单位");
        let name = col(&bad, "项目名称");
        let stage = col(&bad, "建设阶段");
        let inv = col(&bad, "本月完成投资（万元）");
        let prog = col(&bad, "本月进展");
        let body: Vec<usize> = (0..bad.len()).filter(|r| bad[*r][0].starts_with('P')).collect();
        bad[body[0]][unit] = "市不存在局".into();
        bad[body[1]][total] = "十万".into();
        bad[body[2]][0] = "P999999".into();
        bad[body[3]][stage] = "谋划".into();
        bad[body[3]][inv] = "10".into();
        bad[body[3]][prog] = "开展前期".into();
        let twice = bad[body[4]].clone();
        bad.insert(body[4] + 1, twice);
        let mut go = json!({ "month": "2020-06", "reason": "x", "dry_run": false });
        let (s, e) = send(&app, &sup, &book(&bad), go.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{be}: {e}");
        let text = e.to_string();
        for (r, c, code) in [
            (body[0], unit, "LEDGER_UNIT_UNKNOWN"),
            (body[1], total, "PROJECT_MONEY_NOT_A_NUMBER"),
            (body[2], 0, "LEDGER_KEY_UNKNOWN"),
            (body[3], stage, "PROJECT_NOT_REPORTING"),
            (body[4] + 1, name, "LEDGER_ROW_REPEATED"),
        ] {
            let letter = (b'A' + c as u8) as char;
            let place = format!("第{}行 {letter}列", r + 1);
            assert!(text.contains(&place), "{be}: {place} {code} in {text}");
            assert!(text.contains(code), "{be}: {code} in {text}");
        }
        let (_, after) = app.api_get(&sup, "/api/v1/projects").await;
        assert_eq!(before, after, "{be}: nothing written");
        // A future month, a file that is no ledger.
        go["month"] = json!("2020-07");
        let (s, e) = send(&app, &sup, &book(&bad), go).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(e.to_string().contains("LEDGER_MONTH_INVALID"), "{e}");
        let (s, e) = send(&app, &sup, &book(&[vec!["姓名".into(), "电话".into()]]), json!({})).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(e.to_string().contains("LEDGER_NO_HEADER"), "{e}");
    }
}

#[tokio::test]
async fn the_page_previews_a_ledger_and_imports_it() {
    for app in spawn_apps().await {
        let sup = app.token("duchashi").await;
        let mut rows = exported(&app, &sup, "2020-06").await;
        let name = col(&rows, "项目名称");
        let first = rows.iter().position(|r| r[0].starts_with('P')).unwrap();
        let (inv, prog) = (col(&rows, "本月完成投资（万元）"), col(&rows, "本月进展"));
        let stage = col(&rows, "建设阶段");
        let row = (first..rows.len())
            .find(|r| ["在建", "新开工"].contains(&rows[*r][stage].as_str()))
            .unwrap();
        rows[row][inv] = "88".into();
        rows[row][prog] = "设备安装".into();
        let project = rows[row][name].clone();
        let c = app.login_page("duchashi").await;
        let (s, html) = app.page(&c, "/projects/import").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("/projects/import/template.xlsx"));
        let csrf = csrf_of(&html);
        let part = reqwest::multipart::Part::bytes(book(&rows)).file_name("台账.xlsx");
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("month", "2020-06")
            .text("reason", "")
            .part("file", part);
        let r = c
            .post(app.url("/projects/import"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("预览：2020年6月"), "{html}");
        assert!(html.contains("报送88万元") && html.contains(&project), "{html}");
        assert!(html.contains("id=\"ledger-confirm\""), "{html}");
        let hidden = |name: &str| {
            let at = html.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
            html[at..at + html[at..].find('"').unwrap()].to_string()
        };
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf)
            .text("confirm", "1")
            .text("file_name", hidden("file_name"))
            .text("data", hidden("data"))
            .text("month", "2020-06")
            .text("reason", "")
            .text("expect", hidden("expect"));
        let r = c
            .post(app.url("/projects/import"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(html.contains("已导入：2020年6月"), "{html}");
        let (_, reviews) = app.api_get(&sup, "/api/v1/reviews").await;
        assert!(
            reviews.to_string().contains(&project),
            "{}: the report waits for review: {reviews}",
            app.backend
        );
        // The blank template reads as a ledger header with no rows.
        let found = xlsx(&app, &sup, "/projects/import/template.xlsx").await;
        let l = luoshi_text::table::ledger::read_ledger(&found[0].grid).expect("a ledger header");
        assert!(l.rows.is_empty());
        assert_eq!(found[1].name, "填写说明");
    }
}

#[tokio::test]
async fn a_units_pending_correction_and_a_second_confirm_are_not_overwritten() {
    for app in spawn_apps().await {
        let be = app.backend;
        let sup = app.token("duchashi").await;
        let gxj = app.token("gxj").await;
        // A project of gxj's not yet reported for June: sent, accepted, then corrected by the unit.
        let mut rows = exported(&app, &sup, "2020-06").await;
        let (inv, prog, unit) = (
            col(&rows, "本月完成投资（万元）"),
            col(&rows, "本月进展"),
            col(&rows, "责任单位"),
        );
        let stage = col(&rows, "建设阶段");
        let r = (3..rows.len())
            .find(|r| rows[*r][unit] == "市工业和信息化局" && rows[*r][inv].is_empty() && rows[*r][stage] == "在建")
            .unwrap_or_else(|| panic!("{be}: a project of gxj's to report"));
        let id = rows[r][0].trim_start_matches('P').to_string();
        let path = format!("/api/v1/projects/{id}/reports");
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "invested": "2300", "progress": "主体施工" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{be}: {b}");
        let report = b["id"].as_i64().unwrap();
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        let version = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == report)
            .unwrap()["version"]
            .clone();
        let (s, _) = app
            .api_post(
                &sup,
                &format!("/api/v1/project-reports/{report}/review"),
                json!({ "action": "accept", "version": version }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        // The office's ledger is exported now, showing the accepted 2,300.
        rows = exported(&app, &sup, "2020-06").await;
        let (_, d) = app.api_get(&sup, &format!("/api/v1/projects/{id}")).await;
        let version = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == report)
            .unwrap()["version"]
            .clone();
        let (s, b) = app
            .api_post(
                &gxj,
                &path,
                json!({ "month": "2020-06", "invested": "2000", "progress": "主体施工", "version": version,
                    "correction_reason": "决算核减" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{be}: {b}");
        // The office's copy, with the old figure and new words, must not undo the correction.
        assert_eq!(rows[r][inv], "2300");
        rows[r][prog] = "主体施工，设备进场".into();
        let (s, p) = send(&app, &sup, &book(&rows), json!({ "month": "2020-06", "reason": "x" })).await;
        assert_eq!(s, StatusCode::OK, "{be}: {p}");
        let problems = p["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{be}: {problems:?}");
        assert_eq!(problems[0]["code"], "LEDGER_REPORT_PENDING");
        assert_eq!(
            (problems[0]["row"].as_u64(), problems[0]["column"].as_str()),
            (Some(r as u64 + 1), Some("H"))
        );

        // Two confirms of the same preview at once (a double click, two people): one imports,
        // the other is refused as stale; the new project exists once.
        let mut rows = exported(&app, &sup, "2020-06").await;
        let mut fresh = vec![String::new(); rows[2].len()];
        for (h, v) in [
            ("项目名称", "云州氢能装备产业园"),
            ("项目级别", "市级"),
            ("建设性质", "新建"),
            ("总投资（万元）", "80000"),
            ("年度计划投资（万元）", "6000"),
            ("计划开工", "2020-09"),
            ("计划竣工", "2023-06"),
            ("责任单位", "市工信局"),
            ("项目类型", rows[3][col(&rows, "项目类型")].as_str()),
            ("建设阶段", "前期"),
        ] {
            fresh[col(&rows, h)] = v.to_string();
        }
        rows.insert(rows.len() - 1, fresh);
        let file = book(&rows);
        let (_, p) = send(&app, &sup, &file, json!({ "month": "2020-06" })).await;
        assert_eq!(p["problems"], json!([]), "{be}: {p}");
        assert_eq!(p["counts"]["added"], 1);
        let go = json!({ "month": "2020-06", "dry_run": false, "expect": p["fingerprint"] });
        let (a, b) = tokio::join!(send(&app, &sup, &file, go.clone()), send(&app, &sup, &file, go.clone()));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{be}: {} {}",
            a.1,
            b.1
        );
        let (_, ledger) = app.api_get(&sup, "/api/v1/projects").await;
        let same = ledger["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["name"] == "云州氢能装备产业园")
            .count();
        assert_eq!(same, 1, "{be}: added once");
    }
}
