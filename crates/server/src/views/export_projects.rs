//! The project ledger (项目台账) as a workbook (issue 18), in the layout a ledger is kept and
//! imported in: 项目编号 (`P` and the id), name, level, nature, content, total, this year's plan, a
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
pub const LEDGER_HEADER: [&str; 18] = [
    "项目编号",
    "项目名称",
    "项目级别",
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
const WIDTHS: [f64; 18] = [
    9.0, 28.0, 8.0, 8.0, 36.0, 12.0, 12.0, 12.0, 12.0, 10.0, 10.0, 10.0, 18.0, 18.0, 12.0, 10.0, 30.0, 24.0,
];
const NUMERIC: [bool; 18] = [
    false, false, false, false, false, true, true, true, true, false, false, false, false, false, false, false, false,
    false,
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
                r.level_name.clone(),
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

/// The blank ledger to fill in: the header, then a sheet of instructions (no example rows in
/// the ledger itself, so nothing is imported by mistake).
pub fn ledger_template() -> AppResult<Vec<u8>> {
    let ledger = Report {
        sheet: "项目台账".into(),
        title: "XX年重点项目台账（XX年X月）".into(),
        subtitle: "金额单位：万元".into(),
        header: LEDGER_HEADER.iter().map(|h| h.to_string()).collect(),
        widths: WIDTHS.to_vec(),
        numeric: NUMERIC.to_vec(),
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let how: [(&str, &str); 20] = [
        (
            "项目编号",
            "系统中的编号（如P12），从本系统导出的台账已带有，请勿改动；新项目留空。没有编号时按项目名称对应已有项目。",
        ),
        ("项目名称", "必填，不超过100字。"),
        (
            "项目级别",
            "省级、市级或县级；也可不设此列，改为用“一、省级重点项目”这样的分节行分组。",
        ),
        ("建设性质", "新建、续建或改扩建。"),
        ("建设内容及规模", "不超过2000字。"),
        (
            "总投资（万元）",
            "数字，以万元计，最多两位小数。调整已有项目的总投资须在导入页填写调整理由。",
        ),
        ("年度计划投资（万元）", "本年度计划投资，不超过总投资；调整须说明理由。"),
        (
            "本月完成投资（万元）",
            "台账所报月份的完成投资；填写后作为该月月报报送，由督查室审核。无投资请填0。",
        ),
        (
            "累计完成投资（万元）",
            "本年1月至本月累计；只填累计时，本月数按累计减去此前各月计算。两列都填时以本月数为准。",
        ),
        ("计划开工", "年月，如2020-03、2020年3月或日期。"),
        ("计划竣工", "年月，不早于计划开工。"),
        ("包联领导", "领导姓名，如周文斌。"),
        ("责任单位", "报送月报的单位，全称或简称（如市发改委）。"),
        ("服务单位", "负责审批手续的单位，可空。"),
        ("项目类型", "如产业项目、基础设施；系统中没有的类型会在导入时新增。"),
        (
            "建设阶段",
            "谋划、储备、前期、新开工、在建、竣工或投产；已开工而未填实际开工的，按计划开工记。",
        ),
        ("本月进展", "本月形象进度；报送月报时必填。"),
        ("存在问题", "可空。"),
        (
            "导入方法",
            "在“重点项目”页点“导入台账”，选择文件和月份，先检查预览，确认后一次导入；有任何问题时不导入任何内容。",
        ),
        (
            "注意",
            "合计、小计、分节和“填表人”等行会被识别并跳过；不要合并项目行的单元格。",
        ),
    ];
    let notes = Report {
        sheet: "填写说明".into(),
        title: "项目台账填写说明".into(),
        subtitle: String::new(),
        header: vec!["列".into(), "怎么填".into()],
        widths: vec![22.0, 90.0],
        numeric: Vec::new(),
        rows: how.iter().map(|(a, b)| vec![a.to_string(), b.to_string()]).collect(),
        notes: Vec::new(),
    };
    super::export::write(&[ledger, notes])
}
