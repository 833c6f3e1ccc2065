//! Lists as workbooks (issue 18), in the layout the table reader imports: a plan's tasks, a
//! unit's tasks and the cross-plan lists (overdue, lagging, missing reports) with 序号 giving
//! the outline, 任务编号 the key a re-import updates by, and the columns named as a 任务分解表
//! names them; the light and the latest report beside them for reading (not imported).

use std::collections::HashMap;

use luoshi_domain::{Lang, fmt_date};
use luoshi_office::export::Report;

use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::{AppError, AppResult},
    views::{
        TaskRow,
        lists::{ListKind, TreeFilter, list_rows, unit_tasks},
        paging::PageQuery,
        plan::tree_of,
    },
};

/// The most rows one export holds.
pub const MAX_ROWS: usize = 20_000;

/// The header of a task list, as the table reader maps it; the last two are for reading only.
pub const TASK_HEADER: [&str; 10] = [
    "序号",
    "任务编号",
    "重点任务",
    "工作要求",
    "牵头单位",
    "配合单位",
    "责任领导",
    "完成时限",
    "灯色",
    "最近报送",
];
const TASK_WIDTHS: [f64; 10] = [7.0, 10.0, 36.0, 40.0, 18.0, 24.0, 10.0, 12.0, 8.0, 30.0];

/// What the rows need beyond a [`TaskRow`]: each task's requirements and its key.
pub struct Extra {
    /// Requirements by task.
    pub description: HashMap<i64, String>,
    /// Keys a task was imported under.
    pub keys: HashMap<i64, String>,
}

impl Extra {
    /// The requirements and import keys of `ids`.
    pub async fn of(state: &AppState, region: i64, ids: &[i64]) -> AppResult<Extra> {
        let mut c = state.store.conn().await?;
        let tasks = luoshi_store::task::tasks_by_ids(&mut c, region, ids).await?;
        let keys: HashMap<i64, String> = luoshi_store::import::task_keys(&mut c, region)
            .await?
            .into_iter()
            .filter(|(t, _)| ids.contains(t))
            .collect();
        Ok(Extra {
            description: tasks.into_iter().map(|t| (t.id, t.description)).collect(),
            keys,
        })
    }
}

/// The key a task is exported under: the key it was imported under, else `T` and its id.
pub fn task_key(id: i64, keys: &HashMap<i64, String>) -> String {
    keys.get(&id).cloned().unwrap_or_else(|| format!("T{id}"))
}

/// The rows of a task list; with `outline`, 序号 is the task's place in the plan (一, (一),
/// 1, (1)) so the hierarchy imports back.
pub fn task_rows(rows: &[TaskRow], extra: &Extra, outline: bool) -> Vec<Vec<String>> {
    rows.iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, t)| {
            let number = if outline {
                let n = t
                    .number
                    .rsplit('.')
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .unwrap_or(1);
                luoshi_office::numbering::outline_number(t.depth, n)
            } else {
                (i + 1).to_string()
            };
            vec![
                number,
                task_key(t.id, &extra.keys),
                t.title.clone(),
                extra.description.get(&t.id).cloned().unwrap_or_default(),
                t.lead_unit.clone(),
                t.co_units.clone(),
                t.leader.clone(),
                match t.due {
                    Some(d) => d.to_string(),
                    None => "长期坚持".to_string(),
                },
                t.light_name.clone(),
                t.last_report_text.clone(),
            ]
        })
        .collect()
}

fn report(sheet: &str, title: String, subtitle: String, rows: Vec<Vec<String>>) -> Report {
    Report {
        sheet: sheet.to_string(),
        title,
        subtitle,
        header: TASK_HEADER.iter().map(|h| h.to_string()).collect(),
        widths: TASK_WIDTHS.to_vec(),
        numeric: Vec::new(),
        rows,
        notes: vec![
            "注：“任务编号”是系统中的编号，修改后重新导入同一计划时按编号更新任务，请勿改动；新增任务请留空。“灯色”“最近报送”两列仅供查看，导入时不读取。"
                .into(),
        ],
    }
}

/// Who exported it and when, for the line under the title.
pub(crate) fn stamp(state: &AppState, viewer: &Viewer, dir: &Directory) -> String {
    let by = viewer
        .user
        .unit_id
        .map(|u| dir.unit_name(Some(u)))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "市政府督查室".into());
    format!("导出：{by}　{}", fmt_date(state.clock.today(), Lang::Zh))
}

/// A plan's tasks (as the viewer may see them, with the tree page's filters).
pub async fn plan_tasks(state: &AppState, viewer: &Viewer, id: i64, f: &TreeFilter) -> AppResult<(String, Vec<u8>)> {
    let (t, _) = tree_of(state, viewer, id, f).await?;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::cached(&state.directories, &mut c, viewer.region()).await?
    };
    let ids: Vec<i64> = t.tasks.iter().map(|r| r.id).collect();
    let extra = Extra::of(state, viewer.region(), &ids).await?;
    let r = report(
        "任务分解表",
        format!("{}任务分解表", t.plan.title),
        stamp(state, viewer, &dir),
        task_rows(&t.tasks, &extra, true),
    );
    Ok((format!("{}任务分解表.xlsx", t.plan.title), write(&[r])?))
}

/// All the rows of a paged list, page after page.
async fn all_pages<F, Fut>(mut page: F) -> AppResult<(String, Vec<TaskRow>)>
where
    F: FnMut(PageQuery) -> Fut,
    Fut: std::future::Future<Output = AppResult<crate::views::lists::TaskList>>,
{
    let mut rows = Vec::new();
    let mut name = String::new();
    for n in 1.. {
        let list = page(PageQuery {
            page: Some(n),
            per_page: Some(500),
        })
        .await?;
        name = list.name;
        let got = list.rows.len();
        rows.extend(list.rows);
        if got < 500 || rows.len() >= MAX_ROWS {
            break;
        }
    }
    Ok((name, rows))
}

/// A unit's tasks.
pub async fn unit_list(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<(String, Vec<u8>)> {
    let (name, rows) = all_pages(|q| async move { unit_tasks(state, viewer, id, &q).await }).await?;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::cached(&state.directories, &mut c, viewer.region()).await?
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let extra = Extra::of(state, viewer.region(), &ids).await?;
    let r = report(
        "任务清单",
        format!("{name}任务清单"),
        stamp(state, viewer, &dir),
        task_rows(&rows, &extra, false),
    );
    Ok((format!("{name}任务清单.xlsx"), write(&[r])?))
}

/// A cross-plan list: overdue, lagging, missing reports.
pub async fn kind_list(state: &AppState, viewer: &Viewer, kind: ListKind) -> AppResult<(String, Vec<u8>)> {
    let (_, rows) = all_pages(|q| async move { list_rows(state, viewer, kind, &q).await }).await?;
    let dir = {
        let mut c = state.store.conn().await?;
        Directory::cached(&state.directories, &mut c, viewer.region()).await?
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let extra = Extra::of(state, viewer.region(), &ids).await?;
    let heading = crate::i18n::Tr::new(Lang::Zh).t(&format!("lists.{}", kind.code()));
    let r = report(
        &heading,
        format!("{heading}任务清单"),
        stamp(state, viewer, &dir),
        task_rows(&rows, &extra, false),
    );
    Ok((format!("{heading}任务清单.xlsx"), write(&[r])?))
}

/// Writes reports as a workbook.
pub fn write(reports: &[Report]) -> AppResult<Vec<u8>> {
    luoshi_office::export::write_reports(reports).map_err(|e| AppError::Internal(e.to_string()))
}

/// The blank 任务分解表: the header and two example rows, then a sheet of instructions.
pub fn template() -> Vec<Report> {
    let mut r = report(
        "任务分解表",
        "XX年XX工作任务分解表".into(),
        "填报单位：".into(),
        vec![
            vec![
                "一".into(),
                String::new(),
                "（示例）稳定经济增长".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            vec![
                "（一）".into(),
                String::new(),
                "（示例）开工建设重大项目50个".into(),
                "完成年度投资300亿元".into(),
                "市发展和改革委员会".into(),
                "市财政局、各县（市、区）人民政府".into(),
                "周文斌".into(),
                "9月底前".into(),
                String::new(),
                String::new(),
            ],
        ],
    );
    r.notes = Vec::new();
    let notes = Report {
        sheet: "填写说明".into(),
        title: "任务分解表填写说明".into(),
        subtitle: String::new(),
        header: vec!["列".into(), "怎么填".into()],
        widths: vec![14.0, 90.0],
        numeric: Vec::new(),
        rows: [
            ("序号", "写层级编号：一、（一）、1、（1）依次为一至四级；也可在整行写“一、XXXX”作为分组标题。"),
            ("任务编号", "新任务留空。从本系统导出的表格带有编号，修改后导入同一计划时按编号更新原任务，请勿改动。"),
            ("重点任务", "必填，一行一项任务；同一任务有多条具体措施时，可合并单元格，每条措施一行。"),
            ("工作要求", "任务的具体要求，可换行。"),
            ("牵头单位", "写单位全称或规范简称（如“市发改委”），一格一个单位；“分别牵头”时可写多个。"),
            ("配合单位", "多个单位用顿号、逗号或换行分隔；“各县（市、区）”表示全部县区。"),
            ("责任领导", "写姓名，或“姓+职务”（如“周副市长”）。"),
            ("完成时限", "写日期（2020-09-30、2020.9.30、2020年9月30日）、“9月底前”“三季度”“年底前”，或“长期坚持”。"),
            ("其他", "表头可以在第几行都行，列的顺序不限，也可以用“工作任务”“具体措施”“责任单位”“时间节点”等名称；导入时会显示各列的识别结果供核对。"),
        ]
        .iter()
        .map(|(a, b)| vec![a.to_string(), b.to_string()])
        .collect(),
        notes: Vec::new(),
    };
    vec![r, notes]
}
