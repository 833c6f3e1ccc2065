//! The progress reports of a period as a workbook (报送情况, issue 18): every report sent on the
//! periods between two days — the task with its key, the plan, the unit, the period, the
//! percentage, the three texts, the status and the office's note — the office's and the
//! leaders' of the region, a unit's of its own.

use chrono::NaiveDate;
use luoshi_domain::{Lang, ReportStatus, ValidationError, codes, fmt_date};
use luoshi_office::export::Report;
use luoshi_store::report_period::{MAX_ROWS, of_period};

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    views::export::{stamp, write},
};

const HEADER: [&str; 13] = [
    "序号",
    "任务编号",
    "工作任务",
    "所属计划",
    "报送单位",
    "报送期（起始日）",
    "完成进度（%）",
    "进展情况",
    "存在问题",
    "下步计划",
    "状态",
    "报送时间",
    "审核意见",
];
const WIDTHS: [f64; 13] = [6.0, 9.0, 30.0, 20.0, 18.0, 14.0, 9.0, 40.0, 24.0, 24.0, 8.0, 16.0, 20.0];
const NUMERIC: [bool; 13] = [
    false, false, false, false, false, false, true, false, false, false, false, false, false,
];

/// The reports sent on periods from `from` to `to` the viewer may see, as a workbook; a span
/// backwards or longer than a year is refused.
pub async fn period_reports(
    state: &AppState,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<(String, Vec<u8>)> {
    let reader = viewer.reader()?;
    if to < from || (to - from).num_days() > 366 {
        return Err(AppError::Validation(vec![ValidationError::new(
            "to",
            codes::DATE_RANGE_INVALID,
            "请选择不超过一年的起止日期，结束日期不早于开始日期",
            "Choose a span of at most a year, ending on or after its start",
        )]));
    }
    let mut c = state.store.conn().await?;
    let dir = Directory::cached(&state.directories, &mut c, reader.region).await?;
    let found = of_period(&mut c, reader.region, from, to, reader.unit()).await?;
    drop(c);
    let rows: Vec<Vec<String>> = found
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                format!("T{}", r.task_id),
                r.task_title.clone(),
                r.plan_title.clone(),
                dir.unit_name(Some(r.unit_id)),
                fmt_date(r.period, Lang::Zh),
                r.progress.to_string(),
                r.content.clone(),
                r.problems.clone(),
                r.next_steps.clone(),
                ReportStatus::parse(&r.status)
                    .map(|s| s.names().0.to_string())
                    .unwrap_or_default(),
                r.submitted_at
                    .map(|t| {
                        t.with_timezone(&crate::clock::cst())
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default(),
                r.review_note.clone(),
            ]
        })
        .collect();
    let span = format!("{}至{}", fmt_date(from, Lang::Zh), fmt_date(to, Lang::Zh));
    let who = reader.unit().map(|u| dir.unit_name(Some(u))).unwrap_or_default();
    let title = format!("{who}工作任务报送情况（{span}）");
    let mut notes = vec!["注：“报送期”为报送所属周期的起始日；草稿不在其列。".to_string()];
    if found.len() as i64 >= MAX_ROWS {
        notes.push(format!("仅列出前{MAX_ROWS}份，请缩短起止日期后分次导出。"));
    }
    let report = Report {
        sheet: "报送情况".into(),
        title: title.clone(),
        subtitle: stamp(state, viewer, &dir),
        header: HEADER.iter().map(|h| h.to_string()).collect(),
        widths: WIDTHS.to_vec(),
        numeric: NUMERIC.to_vec(),
        rows,
        notes,
    };
    Ok((format!("{title}.xlsx"), write(&[report])?))
}
