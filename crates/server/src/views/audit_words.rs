//! The audit log in the reader's words: each action's and entity's name (the log keeps codes,
//! `report.accepted`, `user`), and what is wrong with a broken line.

use luoshi_domain::Lang;
use luoshi_store::audit::Break;

/// Every action the log records, with its names.
const ACTIONS: &[(&str, &str, &str)] = &[
    ("report.saved", "保存进展草稿", "Saved a draft report"),
    ("report.submitted", "报送进展", "Submitted a report"),
    ("report.accepted", "采纳进展", "Accepted a report"),
    ("report.returned", "退回进展", "Returned a report"),
    ("report.noted", "配合单位补充说明", "Co-unit note"),
    ("evidence.attached", "上传佐证材料", "Attached a file"),
    ("evidence.deleted", "删除佐证材料", "Deleted a file"),
    ("request.filed", "提出申请", "Filed a request"),
    ("request.approved", "批准申请", "Approved a request"),
    ("request.rejected", "驳回申请", "Refused a request"),
    ("task.created", "新建任务", "Created a task"),
    ("task.updated", "修改任务", "Edited a task"),
    ("task.moved", "移动任务", "Moved a task"),
    ("task.reordered", "调整任务顺序", "Reordered tasks"),
    ("plan.tasks_extracted", "从文本导入任务", "Imported tasks from a text"),
    ("plan.created", "新建工作计划", "Created a plan"),
    ("plan.updated", "修改工作计划", "Edited a plan"),
    ("plan.ladder_set", "设置催办规则", "Set the escalation ladder"),
    ("calendar.replaced", "更新工作日历", "Replaced the calendar"),
    ("supervision.issued", "下发督办单", "Issued a supervision order"),
    ("supervision.replied", "答复督办单", "Replied to an order"),
    ("supervision.closed", "督办办结销号", "Closed an order"),
    ("supervision.continued", "继续督办", "Kept supervising"),
    ("supervision.returned", "退回督办答复", "Sent a reply back"),
    ("instruction.written", "领导批示", "Wrote an instruction"),
    ("instruction.answered", "反馈批示落实情况", "Answered an instruction"),
    (
        "instruction.due_set",
        "调整批示反馈时限",
        "Moved an instruction's deadline",
    ),
    (
        "instruction.ordered",
        "批示转为督办单",
        "Made an order of an instruction",
    ),
    ("accountability.recorded", "记录问责", "Recorded accountability"),
    ("proposal.dismissed", "不采纳催办建议", "Dismissed a proposal"),
    ("bulletin.drafted", "起草督查通报", "Drafted a bulletin"),
    ("bulletin.edited", "修改督查通报", "Edited a bulletin"),
    ("bulletin.refreshed", "更新通报数据", "Refreshed a bulletin"),
    ("bulletin.published", "印发督查通报", "Published a bulletin"),
    ("bulletin.discarded", "删除通报草稿", "Discarded a bulletin draft"),
    ("channel.added", "添加通知渠道", "Added a channel"),
    ("channel.switched", "启用或停用通知渠道", "Switched a channel"),
    ("user.lang", "切换界面语言", "Chose a language"),
    ("user.password", "修改密码", "Changed their password"),
    ("user.feed", "设置日程订阅", "Set their calendar feed"),
    ("user.unlock", "解除账号锁定", "Unlocked an account"),
    ("unit.added", "新增单位", "Added a unit"),
    ("unit.updated", "修改单位", "Changed a unit"),
    ("unit.renamed", "单位更名", "Renamed a unit"),
    ("unit.merged", "单位合并", "Merged a unit"),
    ("leader.added", "新增领导", "Added a leader"),
    ("leader.updated", "修改领导及分管单位", "Changed a leader"),
    ("user.added", "新增账号", "Added an account"),
    ("user.updated", "修改账号", "Changed an account"),
    ("user.password_reset", "重置密码", "Reset a password"),
    (
        "directory.imported",
        "导入单位、领导和用户",
        "Imported the directory sheet",
    ),
    ("session.ended", "结束他人会话", "Ended a session"),
    (
        "user.logout_everywhere",
        "退出其他所有登录",
        "Logged out everywhere else",
    ),
    (
        "user.totp",
        "开启或关闭两步验证",
        "Turned two-step verification on or off",
    ),
    ("project_category.added", "新增项目类别", "Added a project category"),
    ("project.added", "新增重点项目", "Added a key project"),
    ("project.changed", "修改重点项目", "Changed a key project"),
    ("project.node_set", "更新审批节点", "Updated an approval step"),
    (
        "project_report.submitted",
        "报送项目月报",
        "Sent a project's monthly report",
    ),
    (
        "project_report.accepted",
        "采纳项目月报",
        "Accepted a project's monthly report",
    ),
    (
        "project_report.returned",
        "退回项目月报",
        "Returned a project's monthly report",
    ),
    ("project_issue.raised", "提出协调事项", "Raised a coordination issue"),
    (
        "project_issue.answered",
        "答复协调事项",
        "Answered a coordination issue",
    ),
    ("project_issue.closed", "协调事项办结", "Closed a coordination issue"),
    (
        "project_issue.returned",
        "退回协调事项",
        "Returned a coordination issue",
    ),
    (
        "project.thresholds_set",
        "设置项目预警阈值",
        "Set the project-warning thresholds",
    ),
    ("likelihood.set", "调整交付研判", "Set a likelihood of delivery"),
    (
        "accountability.set",
        "登记、修改或撤销问责与表扬记录",
        "Entered, changed or removed an accountability or commendation record",
    ),
    (
        "scheme.set",
        "设置考核方案或评议得分",
        "Set an assessment scheme or an evaluation",
    ),
    ("dispatch.prepared", "筹备调度会", "Prepared a dispatch meeting"),
    (
        "dispatch.edited",
        "调整调度会议题",
        "Changed a dispatch meeting's agenda",
    ),
    (
        "dispatch.decided",
        "调度会议定事项",
        "A dispatch meeting decided an item",
    ),
    ("dispatch.held", "调度会已召开", "A dispatch meeting was held"),
    ("indicator.added", "新增指标", "Added an indicator"),
    ("indicator.changed", "修改指标", "Changed an indicator"),
    (
        "indicator_figure.entered",
        "填报指标数据",
        "Entered an indicator's figure",
    ),
    (
        "indicator_figure.accepted",
        "采纳指标数据",
        "Accepted an indicator's figure",
    ),
    (
        "indicator_figure.returned",
        "退回指标数据",
        "Returned an indicator's figure",
    ),
    (
        "indicator.thresholds_set",
        "设置指标亮灯阈值",
        "Set the indicator thresholds",
    ),
    ("task_force.added", "成立专班", "Set up a task force"),
    ("task_force.changed", "修改专班", "Changed a task force"),
    ("task_force.owns", "调整专班职责范围", "Changed what a task force owns"),
    ("login", "登录", "Logged in"),
    ("logout", "退出登录", "Logged out"),
    ("demo.seed", "生成演示数据", "Built the demo data"),
    ("login.failed", "登录失败", "Failed login"),
    ("login.locked", "登录失败，账号已锁定", "Failed login, account locked"),
];

/// Every kind of thing the log names, with its names.
const ENTITIES: &[(&str, &str, &str)] = &[
    ("report", "进展报送", "Report"),
    ("task", "任务", "Task"),
    ("task_request", "申请", "Request"),
    ("plan", "工作计划", "Plan"),
    ("supervision", "督办单", "Supervision order"),
    ("instruction", "领导批示", "Instruction"),
    ("escalation", "催办建议", "Proposal"),
    ("bulletin", "督查通报", "Bulletin"),
    ("channel", "通知渠道", "Channel"),
    ("user", "账号", "Account"),
    ("unit", "单位", "Unit"),
    ("leader", "领导", "Leader"),
    ("directory", "组织机构", "Directory"),
    ("evidence", "佐证材料", "File"),
    ("session", "会话", "Session"),
    ("project", "重点项目", "Key project"),
    ("project_category", "项目类别", "Project category"),
    ("project_node", "审批节点", "Approval step"),
    ("project_report", "项目月报", "Monthly project report"),
    ("project_issue", "协调事项", "Coordination issue"),
    ("dispatch_meeting", "调度会", "Dispatch meeting"),
    ("indicator", "指标", "Indicator"),
    ("indicator_figure", "指标数据", "Indicator figure"),
    ("task_force", "专班", "Task force"),
    ("region", "行政区", "Region"),
];

fn name_of(
    table: &'static [(&'static str, &'static str, &'static str)],
    code: &str,
    lang: Lang,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| lang.pick(zh, en))
}

/// An action's name, e.g. `采纳进展` for `report.accepted`; one the table lacks is named
/// as an operation of its kind (`其他操作`), never by its code.
pub fn action(code: &str, lang: Lang) -> String {
    name_of(ACTIONS, code, lang)
        .map(str::to_string)
        .unwrap_or_else(|| lang.pick("其他操作", "Other action").to_string())
}

/// What a line is about, e.g. `任务 第195号`.
pub fn entity(code: &str, id: Option<i64>, lang: Lang) -> String {
    let name = name_of(ENTITIES, code, lang).unwrap_or_else(|| lang.pick("其他", "Other"));
    match (id, lang) {
        (Some(id), Lang::Zh) => format!("{name} 第{id}号"),
        (Some(id), Lang::En) => format!("{name} no. {id}"),
        (None, _) => name.to_string(),
    }
}

/// What is wrong with a broken line, in the reader's words.
pub fn broken(b: Break, lang: Lang) -> &'static str {
    match b {
        Break::Missing => lang.pick("此行之前缺少记录", "a line is missing before this one"),
        Break::Link => lang.pick("与上一行的链接不符", "the link to the previous line does not match"),
        Break::Hash => lang.pick(
            "此行内容与其哈希值不符（内容被改动）",
            "the line's content does not match its hash",
        ),
        Break::Tail => lang.pick("链尾的记录缺失", "lines at the end of the chain are missing"),
        Break::Anchor => lang.pick(
            "此行与保存在数据库之外的校验点不符或已不存在（整条链被重写）",
            "the line differs from a checkpoint kept outside the database, or is gone (the chain was rewritten)",
        ),
        Break::Unkeyed => lang.pick(
            "审计链未加密钥保护，可能被人重写",
            "the chain is not keyed: it could have been rewritten",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_a_change_records_has_a_chinese_name() {
        for c in luoshi_lights::Change::every_kind() {
            let zh = action(c.action(), Lang::Zh);
            assert_ne!(zh, "其他操作", "{}", c.action());
            assert!(!zh.is_ascii(), "{zh}");
        }
        assert_eq!(entity("user", Some(3), Lang::Zh), "账号 第3号");
    }
}
