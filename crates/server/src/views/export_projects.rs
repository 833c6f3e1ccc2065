//! The project ledger (项目台账) as a workbook (issue 18), in the layout a ledger is kept and
//! imported in: 项目编号 (`P` and the id), name, nature, content, total, this year's plan, a
//! month's investment and the year's accepted investment through that month, planned start and
//! completion, liaison leader, units, category, stage, the month's progress and problems.

use std::collections::HashMap;

use luoshi_domain::{
    Lang,
    project::{Month, Wan},
};
use luoshi_office::export::Report;

use crate::{
    AppState,
    auth::Viewer,
    error::AppResult,
    views::project::{Filter, ledger, month_text},
};

/// The ledger's header.
pub const LEDGER_HEADER: [&str; 17] = [
    "项目编号",
    "项目名称",
    "建设性质",
    "建设内容及规模",
    "总投资（万元）",
    "年度计划投资（万元）",
    "本月完成投资（万元）",
    "累计完成投资（万元）",
    "计划开工",
    "计划竣工",
    "包联领导",
    "责任单位",
    "服务单位",
    "项目类型",
    "建设阶段",
    "本月进展",
    "存在问题",
];
const WIDTHS: [f64; 17] = [
    9.0, 28.0, 8.0, 36.0, 12.0, 12.0, 12.0, 12.0, 10.0, 10.0, 10.0, 18.0, 18.0, 12.0, 10.0, 30.0, 24.0,
];
const NUMERIC: [bool; 17] = [
    false, false, false, false, true, true, true, true, false, false, false, false, false, false, false, false, false,
];

/// Money for a cell: 万元 with up to two decimals, no thousands separator (a number to Excel).
fn wan(v: i64) -> String {
    Wan(v).wan_text().replace(',', "")
}

/// The ledger the viewer may see, filtered, with `month`'s figures: the month's report (as
/// sent, or as accepted once accepted) and the year's accepted investment through the month.
pub async fn project_ledger(
    state: &AppState,
    viewer: &Viewer,
    f: &Filter,
    month: Month,
) -> AppResult<(String, Vec<u8>)> {
    let reader = viewer.reader()?;
    let l = ledger(state, &reader, f, Lang::Zh).await?;
    let mut c = state.store.conn().await?;
    let region = reader.region;
    let projects: HashMap<i64, luoshi_store::project::Project> = luoshi_store::project::projects(&mut c, region)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let reports: HashMap<i64, luoshi_store::project_report::MonthlyReport> =
        luoshi_store::project_report::of_month(&mut c, region, &month.code())
            .await?
            .into_iter()
            .map(|r| (r.project_id, r))
            .collect();
    let through: HashMap<i64, i64> = luoshi_store::project_report::accepted_through(&mut c, region, &month.code())
        .await?
        .into_iter()
        .collect();
    drop(c);
    let rows = l
        .rows
        .iter()
        .map(|r| {
            let p = projects.get(&r.id);
            let rep = reports.get(&r.id);
            vec![
                format!("P{}", r.id),
                r.name.clone(),
                r.nature_name.clone(),
                p.map(|p| p.content.clone()).unwrap_or_default(),
                wan(r.total),
                wan(r.plan),
                rep.map(|x| wan(x.accepted.unwrap_or(x.invested))).unwrap_or_default(),
                wan(through.get(&r.id).copied().unwrap_or(0)),
                p.map(|p| p.planned_start.clone()).unwrap_or_default(),
                p.map(|p| p.planned_finish.clone()).unwrap_or_default(),
                r.liaison.clone(),
                r.unit.clone(),
                r.service_unit.clone(),
                r.category.clone(),
                r.stage_name.clone(),
                rep.map(|x| x.progress.clone()).unwrap_or_default(),
                rep.map(|x| x.problems.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    let title = format!(
        "{}年重点项目台账（{}）",
        month.year,
        month_text(&month.code(), Lang::Zh)
    );
    let report = Report {
        sheet: "项目台账".into(),
        title: title.clone(),
        subtitle: format!(
            "导出：{}　金额单位：万元　“累计完成投资”为{}年1月至本月经审核采纳的投资",
            luoshi_domain::fmt_date(state.clock.today(), Lang::Zh),
            month.year
        ),
        header: LEDGER_HEADER.iter().map(|h| h.to_string()).collect(),
        widths: WIDTHS.to_vec(),
        numeric: NUMERIC.to_vec(),
        rows,
        notes: vec![format!(
            "注：“项目编号”是系统中的编号，请勿改动；计划开工、计划竣工写年月（如2020-03）；“年度计划投资”为{}年计划；“本月完成投资”为该月报送数，经审核采纳后以采纳数为准。",
            l.year
        )],
    };
    Ok((format!("{title}.xlsx"), super::export::write(&[report])?))
}
