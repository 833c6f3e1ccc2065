//! The message catalogue: every UI string in Simplified Chinese and English, by key.
//! A missing key shows as `⟦key⟧`, which the page tests look for.

use std::{collections::HashMap, sync::OnceLock};

use luoshi_domain::Lang;

/// (key, 中文, English)
const MESSAGES: &[(&str, &str, &str)] = &[
    ("app.name", "落实", "Luoshi"),
    (
        "app.tagline",
        "政府重点工作督查落实平台",
        "Putting government decisions into practice",
    ),
    ("nav.home", "首页", "Home"),
    ("nav.plans", "工作计划", "Plans"),
    ("nav.users", "用户", "Users"),
    ("nav.units", "单位", "Units"),
    ("nav.sessions", "会话与锁定", "Sessions & locks"),
    ("nav.audit", "审计日志", "Audit log"),
    ("nav.api", "接口文档", "API"),
    ("nav.logout", "退出", "Log out"),
    ("nav.menu", "菜单", "Menu"),
    ("lang.switch", "English", "中文"),
    ("lang.switch_title", "Switch to English", "切换到中文"),
    ("login.title", "登录", "Log in"),
    ("login.username", "用户名", "User name"),
    ("login.password", "密码", "Password"),
    ("login.submit", "登录", "Log in"),
    (
        "login.hint",
        "请使用本单位分配的账号登录。",
        "Log in with the account your unit was given.",
    ),
    ("login.logged_out", "您已安全退出。", "You have logged out."),
    ("footer.today", "今天", "Today"),
    ("footer.fixed_clock", "(演示时钟)", "(demo clock)"),
    ("light.red", "红灯", "Red"),
    ("light.yellow", "黄灯", "Yellow"),
    ("light.green", "绿灯", "Green"),
    ("light.blue", "已办结", "Done"),
    (
        "light.legend",
        "红灯:超期或严重滞后;黄灯:滞后或未按时报送;绿灯:正常推进;蓝灯:已办结",
        "Red: overdue or seriously behind; yellow: behind or report missing; green: on track; blue: done",
    ),
    ("home.title", "首页", "Home"),
    ("home.greeting", "您好,", "Hello, "),
    ("home.my_tasks", "本单位任务", "My unit's tasks"),
    ("home.attention", "需要关注", "Needs attention"),
    (
        "home.attention_none",
        "没有需要特别关注的任务。",
        "Nothing needs special attention.",
    ),
    ("home.due_reports", "待报送进展", "Reports due"),
    (
        "home.due_reports_none",
        "本期进展均已报送。",
        "Every report due has been sent.",
    ),
    ("home.returned", "被退回的报送", "Returned reports"),
    ("home.to_review", "待审核的报送", "Reports to review"),
    (
        "home.to_review_none",
        "没有待审核的报送。",
        "No reports are waiting for review.",
    ),
    ("home.red_tasks", "红灯任务", "Red tasks"),
    ("home.overview", "总体情况", "Overview"),
    ("home.plans", "工作计划进展", "Progress of plans"),
    ("home.my_portfolio", "分管领域任务", "Tasks in my portfolio"),
    ("home.overseen_units", "分管单位", "Units I oversee"),
    (
        "home.admin_intro",
        "系统管理员负责行政区、单位和用户,不处理业务数据。",
        "The system administrator manages regions, units and users, not business data.",
    ),
    (
        "home.security_intro",
        "安全管理员负责账号锁定、解锁和会话。",
        "The security officer handles account locks and sessions.",
    ),
    (
        "home.auditor_intro",
        "审计管理员查阅审计日志,并核验其完整性。",
        "The auditor reads the audit log and checks its integrity.",
    ),
    ("count.tasks", "项任务", "tasks"),
    ("count.total", "合计", "Total"),
    ("plans.title", "工作计划", "Plans"),
    ("plans.none", "暂无工作计划。", "No plans yet."),
    ("plan.kind", "类型", "Kind"),
    ("plan.title", "名称", "Title"),
    ("plan.doc_no", "文号", "Document no."),
    ("plan.issued_on", "日期", "Date"),
    ("plan.tasks", "任务数", "Tasks"),
    ("plan.lights", "红黄绿灯", "Lights"),
    ("plan.progress", "总体进度", "Overall progress"),
    ("plan.full_text", "查看原文", "Full text"),
    ("plan.source_text", "原文", "Source text"),
    ("plan.thresholds", "亮灯规则", "Light rules"),
    (
        "plan.thresholds_text",
        "滞后超过{y}个百分点亮黄灯,超过{r}个百分点亮红灯;节点目标逾期亮黄灯,逾期超过{m}天亮红灯;超过完成时限亮红灯。",
        "Yellow when more than {y} points behind, red when more than {r}; yellow when a milestone is late, red when more than {m} days late; red past the deadline.",
    ),
    ("plan.tree", "任务分解", "Task decomposition"),
    (
        "plan.only_mine",
        "仅显示本单位牵头或配合的任务。",
        "Only tasks your unit leads or helps with are shown.",
    ),
    ("task.title", "任务", "Task"),
    ("task.number", "序号", "No."),
    ("task.lead_unit", "牵头单位", "Lead unit"),
    ("task.co_units", "配合单位", "Co-units"),
    ("task.leader", "责任领导", "Responsible leader"),
    ("task.start", "开始日期", "Start"),
    ("task.due", "完成时限", "Deadline"),
    ("task.ongoing", "长期坚持", "Ongoing"),
    ("task.cycle", "报送周期", "Reporting cycle"),
    ("task.weight", "权重", "Weight"),
    ("task.domain", "领域", "Domain"),
    ("task.public", "政务公开", "Public"),
    ("task.public_yes", "公开", "Public"),
    ("task.public_no", "不公开", "Not public"),
    ("task.light", "状态", "Status"),
    ("task.progress", "进度", "Progress"),
    ("task.time_progress", "时间进度", "Time progress"),
    ("task.reported_progress", "报送进度", "Reported progress"),
    ("task.milestones", "节点目标", "Milestones"),
    ("task.milestone_done", "已完成", "Reached"),
    ("task.milestone_open", "未完成", "Open"),
    ("task.no_milestones", "未设节点目标。", "No milestones."),
    ("task.children", "下级任务", "Sub-tasks"),
    ("task.reports", "进展报送", "Progress reports"),
    ("task.no_reports", "尚无进展报送。", "No progress reports yet."),
    ("task.source", "来源原文", "From the plan"),
    (
        "task.no_source",
        "该任务未关联原文段落。",
        "This task cites no paragraph of the plan.",
    ),
    ("task.freshness", "最近报送", "Last report"),
    ("task.freshness_none", "从未报送", "never"),
    ("task.days_ago", "天前", "days ago"),
    ("task.plan", "所属计划", "Plan"),
    ("task.description", "工作要求", "Requirements"),
    ("report.period", "报送期", "Period"),
    ("report.status", "状态", "Status"),
    ("report.unit", "报送单位", "Reporting unit"),
    ("report.progress", "完成进度", "Progress"),
    ("report.content", "进展情况", "Progress made"),
    ("report.problems", "存在问题", "Problems"),
    ("report.next_steps", "下步计划", "Next steps"),
    ("report.submitted_at", "报送时间", "Submitted"),
    ("report.review_note", "审核意见", "Review note"),
    ("unit.name", "单位名称", "Unit"),
    ("unit.short_name", "简称", "Short name"),
    ("unit.category", "类别", "Category"),
    ("unit.history", "曾用名", "Former names"),
    ("unit.merged", "已并入", "Merged into"),
    ("user.username", "用户名", "User name"),
    ("user.display_name", "姓名", "Name"),
    ("user.role", "角色", "Role"),
    ("user.unit", "所属单位", "Unit"),
    ("user.last_login", "最近登录", "Last login"),
    ("user.locked", "已锁定", "Locked"),
    ("user.failed_logins", "失败次数", "Failed logins"),
    ("user.unlock", "解锁", "Unlock"),
    ("user.unlocked", "账号已解锁。", "The account was unlocked."),
    ("user.none_locked", "没有被锁定的账号。", "No accounts are locked."),
    ("session.title", "在线会话", "Active sessions"),
    ("session.created_at", "登录时间", "Logged in"),
    ("session.last_seen", "最近活动", "Last active"),
    ("session.ip", "地址", "Address"),
    ("audit.title", "审计日志", "Audit log"),
    ("audit.at", "时间", "Time"),
    ("audit.actor", "操作人", "Who"),
    ("audit.action", "操作", "Action"),
    ("audit.entity", "对象", "Record"),
    (
        "audit.verify_ok",
        "审计链完整:已核验{n}条记录,未发现篡改。",
        "The audit chain is intact: {n} lines checked, no tampering found.",
    ),
    (
        "audit.verify_broken",
        "审计链在第{n}条记录处断裂:",
        "The audit chain breaks at line {n}: ",
    ),
    ("audit.older", "更早的记录", "Older lines"),
    ("audit.newer", "更新的记录", "Newer lines"),
    ("common.none", "无", "None"),
    ("common.back", "返回", "Back"),
    ("common.yes", "是", "Yes"),
    ("common.no", "否", "No"),
    ("common.view", "查看", "View"),
    ("common.all", "全部", "All"),
    ("common.filter", "输入关键字筛选…", "Type to filter…"),
    ("error.title", "出错了", "Something went wrong"),
    ("error.request_id", "请求编号", "Request id"),
    ("error.home", "返回首页", "Back to home"),
    ("error.UNAUTHENTICATED", "请先登录。", "Please log in."),
    (
        "error.FORBIDDEN",
        "您没有权限进行此操作。",
        "You are not allowed to do this.",
    ),
    (
        "error.NOT_FOUND",
        "未找到该页面或记录。",
        "The page or record was not found.",
    ),
    (
        "error.VALIDATION_FAILED",
        "提交的内容有误,请按提示修改。",
        "Some fields need correcting.",
    ),
    (
        "error.CSRF_TOKEN_INVALID",
        "页面已过期,请刷新后重试。",
        "The page has expired; reload it and try again.",
    ),
    (
        "error.LOGIN_FAILED",
        "用户名或密码错误。",
        "Wrong user name or password.",
    ),
    (
        "error.ACCOUNT_LOCKED",
        "登录失败次数过多,账号已锁定至",
        "Too many failed logins; the account is locked until",
    ),
    (
        "error.CONFLICT",
        "该记录已被他人修改,请刷新后重试。",
        "Someone else changed this record; reload and try again.",
    ),
    ("error.BAD_REQUEST", "请求格式有误。", "The request could not be read."),
    (
        "error.INTERNAL_ERROR",
        "服务器内部错误,请将请求编号告知管理员。",
        "Internal error; quote the request id to your administrator.",
    ),
];

fn catalogue() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| MESSAGES.iter().map(|(k, zh, en)| (*k, (*zh, *en))).collect())
}

/// A translator for one language; templates call `t("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text of `key`, or `⟦key⟧` when the catalogue lacks it.
    pub fn t(&self, key: &str) -> String {
        match catalogue().get(key) {
            Some((zh, en)) => self.lang.pick(zh, en).to_string(),
            None => format!("⟦{key}⟧"),
        }
    }

    /// The text of `key` with `{name}` placeholders filled.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_keys_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, zh, en) in MESSAGES {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!zh.trim().is_empty(), "{k} has no Chinese");
            assert!(!en.trim().is_empty(), "{k} has no English");
        }
    }

    #[test]
    fn a_missing_key_is_visible() {
        assert_eq!(Tr::new(Lang::Zh).t("no.such"), "⟦no.such⟧");
        assert_eq!(Tr::new(Lang::En).t("nav.home"), "Home");
    }
}
