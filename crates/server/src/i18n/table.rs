//! Tables in and out (issue 18): the column mapping of a table file on the “tasks from text”
//! page, the names mapped to units, the templates and the exports.

/// (key, 中文, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("tbl.heading", "表格与列对应", "The table and its columns"),
    ("tbl.sheet", "工作表", "Sheet"),
    ("tbl.column", "列", "Column"),
    ("tbl.header", "表头", "Header"),
    ("tbl.read_as", "读作", "Read as"),
    (
        "tbl.mapping_hint",
        "请核对每一列读作什么；如有误，改选后点“按所选重新识别”。选“不导入”的列不读取。",
        "Check what each column is read as; if one is wrong, choose another and read again. Columns marked “not imported” are not read.",
    ),
    ("tbl.reread", "按所选重新识别", "Read again as chosen"),
    ("tbl.notes", "表格下方的说明", "Notes below the table"),
    (
        "tbl.updates",
        "将更新此前导入的任务",
        "Updates the task imported before",
    ),
    ("tbl.updating", "将更新", "Updating"),
    ("tbl.map_to", "对应单位（将记住）", "Stands for (remembered)"),
    ("tbl.map_none", "（不对应）", "(not mapped)"),
    ("tbl.map_keep", "（保持已记住的对应）", "(keep the remembered unit)"),
    ("tbl.map_forget", "（不再记住此对应）", "(forget this mapping)"),
    ("tbl.remembered", "已记住", "Remembered"),
    ("tbl.templates", "空白模板", "Blank templates"),
    (
        "tbl.reports_export",
        "导出报送情况表",
        "Export the reports sent (Excel)",
    ),
    ("tbl.from", "开始日期", "From"),
    ("tbl.to", "结束日期", "To"),
    (
        "tbl.reports_hint",
        "列出报送期在起止日期之间的全部报送（不含草稿）；留空为本月1日至今天。",
        "Every report sent on a period between the two days (not drafts); empty: this month so far.",
    ),
    ("tbl.download", "下载", "Download"),
    ("tbl.template_tasks", "任务分解表模板", "Task division template"),
    ("tbl.template_projects", "项目台账模板", "Project ledger template"),
    ("tbl.export", "导出Excel", "Export to Excel"),
    (
        "flash.tasks_imported",
        "已按表格导入：新行已生成任务，已导入过的行已更新原任务。",
        "Imported from the table: new rows became tasks, rows imported before updated their tasks.",
    ),
];
