//! The message catalogue: every UI string in Simplified Chinese and English, by key.
//! A missing key shows as `⟦key⟧`, which the page tests look for.

use std::{collections::HashMap, sync::OnceLock};

use luoshi_domain::Lang;

/// (key, 中文, English)
const MESSAGES: &[(&str, &str, &str)] = &[
    ("app.name", "落实", "Luoshi"),
    ("sep.colon", "：", ": "),
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
    ("nav.inbox", "待办", "Inbox"),
    ("nav.reviews", "审核", "Reviews"),
    ("nav.lists", "超期滞后", "Overdue & lagging"),
    ("nav.calendar", "工作日历", "Calendar"),
    ("action.add_child", "添加下级任务", "Add sub-task"),
    ("action.cancel", "取消", "Cancel"),
    ("action.choose", "选择", "Choose"),
    ("action.clear", "清除", "Clear"),
    ("action.decompose", "分解任务", "Break down"),
    ("action.delete", "删除", "Delete"),
    ("action.down", "下移", "Down"),
    ("action.edit", "编辑", "Edit"),
    ("action.filter", "筛选", "Filter"),
    ("action.move", "移动", "Move"),
    ("action.move_under", "移到以下任务之下", "Move under"),
    ("action.report", "报送进展", "Report progress"),
    ("action.save", "保存", "Save"),
    ("action.up", "上移", "Up"),
    ("calendar.title", "工作日历", "Working-day calendar"),
    (
        "calendar.intro",
        "周一至周五为工作日，周六、周日休息；下面录入当年的法定节假日（休）和调休上班日（班）。报送日遇休息日顺延至下一个工作日。",
        "Monday to Friday are working days; enter the year's official holidays (休) and make-up working days (班) below. A report due on a day off is due on the next working day.",
    ),
    (
        "calendar.days",
        "节假日与调休（每行一天）",
        "Holidays and make-up days (one per line)",
    ),
    (
        "calendar.hint",
        "格式：2020-10-01 休 国庆节；2020-09-27 班 国庆节调休。以 # 开头的行为注释。",
        "Format: 2020-10-01 休 National Day; 2020-09-27 班 make-up day. Lines starting with # are comments.",
    ),
    ("calendar.list", "已录入", "Entered"),
    (
        "calendar.none",
        "该年尚未录入节假日，按周一至周五工作计算。",
        "No holidays entered for this year; Monday to Friday count as working days.",
    ),
    ("calendar.holiday", "休", "Off"),
    ("calendar.workday", "班", "Work"),
    ("conflict.title", "保存冲突", "Conflicting edit"),
    (
        "conflict.explain",
        "在您编辑期间，他人已保存了该记录。下表左列是您填写的内容，右列是当前保存的内容（有差异的行已标出）。请核对后再次保存；再次保存将以您填写的内容为准。",
        "Someone else saved this record while you were editing. The left column is what you typed, the right what is saved now (differences are marked). Check, then save again to keep yours.",
    ),
    ("conflict.mine", "您的修改", "Yours"),
    ("conflict.theirs", "当前保存的版本", "Saved now"),
    ("filter.unit", "单位", "Unit"),
    ("filter.as_of", "查看历史日期", "As of"),
    (
        "filter.as_of_note",
        "以下为历史记录中的红黄绿灯，截至",
        "Lights as recorded on",
    ),
    ("flash.saved", "已保存。", "Saved."),
    (
        "flash.tasks_extracted",
        "已按文本生成任务。",
        "Tasks created from the text.",
    ),
    ("extract.title", "从文本生成任务", "Tasks from text"),
    ("nav.orders", "督办", "Supervision"),
    ("flash.order_issued", "督办单已下发。", "Supervision order issued."),
    ("flash.order_replied", "答复已报送。", "Reply sent."),
    ("flash.order_closed", "督办单已办结销号。", "Supervision order closed."),
    (
        "flash.order_continued",
        "已采纳答复，继续督办。",
        "Reply accepted; supervision goes on.",
    ),
    ("flash.order_returned", "答复已退回。", "Reply sent back."),
    ("order.list", "督办单", "Supervision orders"),
    ("order.new", "下发督办单", "Issue a supervision order"),
    ("order.sheet", "督办单", "Supervision order"),
    ("order.all", "全部", "All"),
    ("order.s_open", "待答复", "Awaiting reply"),
    ("order.s_replied", "待审核", "To review"),
    ("order.s_closed", "已办结", "Closed"),
    ("order.none", "没有督办单。", "No supervision orders."),
    ("order.doc_no", "编号", "No."),
    ("order.title", "督办事项", "Matter"),
    ("order.level", "督办级别", "Level"),
    ("order.light", "亮灯", "Light"),
    ("order.source", "督办来源", "Source"),
    ("order.mode", "答复方式", "Replies"),
    ("order.requirement", "督办要求", "Requirement"),
    (
        "order.source_text",
        "批示或会议原文",
        "Instruction or decision (quoted)",
    ),
    (
        "order.source_text_hint",
        "领导批示、会议议定事项等原文，可选。",
        "The leader's instruction or the meeting's decision, word for word; optional.",
    ),
    ("order.lead_unit", "责任单位", "Unit"),
    ("order.reply_due", "答复时限", "Reply by"),
    ("order.status", "状态", "Status"),
    ("order.issued", "下发时间", "Issued"),
    ("order.closed_on", "办结日期", "Closed on"),
    ("order.about_task", "督办任务", "About the task"),
    ("order.issue", "下发", "Issue"),
    ("order.replies", "答复情况", "Replies"),
    ("order.no_replies", "尚未答复。", "No reply yet."),
    ("order.for_due", "对应时限：", "for the deadline "),
    ("order.reply", "答复内容", "Reply"),
    (
        "order.reply_hint",
        "落实情况、采取的措施、下步安排……",
        "What was done, the measures taken, what comes next…",
    ),
    ("order.send_reply", "报送答复", "Send the reply"),
    ("order.review_note", "审核意见", "Review note"),
    ("order.review_hint", "退回时必填", "Needed to send it back"),
    ("order.do_close", "办结销号", "Close"),
    ("order.do_continue", "采纳，继续督办", "Accept, supervise on"),
    ("order.do_return", "退回", "Send back"),
    ("order.close_without_reply", "未答复直接办结", "Close without a reply"),
    ("order.close_reason", "办结理由", "Why it is closed"),
    ("order.of_task", "督办单", "Supervision orders"),
    ("order.inbox", "待答复的督办单", "Supervision orders to reply to"),
    (
        "flash.tasks_already_extracted",
        "这批任务已经生成过，未重复生成。",
        "These tasks were created already; nothing was created twice.",
    ),
    ("extract.start", "开始日期", "Start"),
    (
        "extract.start_hint",
        "从这一天起督办、按周期报送，默认今天。",
        "Supervision and reporting start on this day; today by default.",
    ),
    ("extract.added", "补充任务", "Added task"),
    ("extract.maybe", "是否指：", "Did you mean: "),
    (
        "extract.intro",
        "粘贴或上传任务分工方案、会议纪要、领导讲话等文本，系统识别其中的任务、牵头和配合单位、完成时限和指标，经您核对修改后一次生成任务。",
        "Paste or upload a task-division plan, meeting summary or speech: Luoshi proposes its tasks, lead and co-units, deadlines and targets; you check and edit them, then create them in one step.",
    ),
    ("extract.target", "生成到", "Create in"),
    ("extract.target_new", "新建计划", "A new plan"),
    ("extract.text", "文本", "Text"),
    ("extract.text_hint", "在此粘贴文本……", "Paste the text here…"),
    ("extract.file", "或上传文件", "Or upload a file"),
    (
        "extract.file_hint",
        "支持.txt（UTF-8或GBK编码）和Word（.docx），最大10MB；上传文件时以文件为准。",
        "Text (.txt, UTF-8 or GBK) or Word (.docx), 10 MB at most; a file takes the place of pasted text.",
    ),
    ("extract.year", "年度", "Year"),
    ("extract.year_auto", "自动", "Automatic"),
    (
        "extract.year_hint",
        "“6月底前”等时限所属的年份，默认取文中第一个年份。",
        "The year of deadlines such as 6月底前; by default the first year the text names.",
    ),
    ("extract.read", "识别任务", "Read the tasks"),
    ("extract.review", "核对识别结果", "Check the proposed tasks"),
    ("extract.doc_kind", "文本类型", "Kind of text"),
    ("extract.kind_division", "任务分工方案", "Task-division plan"),
    (
        "extract.kind_narrative",
        "会议纪要、讲话等叙述性文本",
        "Meeting report, speech or other narrative",
    ),
    ("extract.proposed", "识别出的任务", "Tasks proposed"),
    (
        "extract.fix",
        "未生成任何任务，请修改以下问题后重新提交：",
        "Nothing was created. Correct the following and submit again:",
    ),
    ("extract.into_plan", "生成到计划", "Into the plan"),
    ("extract.new_plan", "新计划", "New plan"),
    ("extract.cycle", "报送周期", "Reporting cycle"),
    ("extract.weekly", "每周", "Weekly"),
    ("extract.monthly", "每月", "Monthly"),
    ("extract.quarterly", "每季度", "Quarterly"),
    ("extract.due_day", "报送日", "Reporting day"),
    (
        "extract.leader_hint",
        "责任领导自动取分管牵头单位的领导，生成后可在任务页修改。文中漏掉的任务可在最后的空白卡片中补充。",
        "The responsible leader is the leader who oversees the lead unit; it can be changed on the task afterwards. Add anything the reader missed in the empty cards at the end.",
    ),
    ("extract.source", "原文", "The text"),
    ("extract.k_task", "任务", "Task"),
    ("extract.k_task_force", "工作专班", "Task force"),
    ("extract.k_project_call", "项目谋划", "Project call"),
    ("extract.k_indicator", "指标", "Indicator"),
    ("extract.names", "文中提到的单位", "Units named in the text"),
    ("extract.name_written", "原文写法", "As written"),
    ("extract.name_unit", "对应单位", "Unit"),
    ("extract.match_exact", "匹配", "Matched"),
    ("extract.match_near", "近似，请核对", "Near: check"),
    ("extract.match_none", "未找到", "Not found"),
    ("extract.description", "工作要求（原文）", "Requirements (the text)"),
    ("extract.none", "文中未识别出任务。", "No task was found in the text."),
    ("extract.ticked", "已勾选", "Ticked"),
    ("extract.create", "生成任务", "Create the tasks"),
    ("plan.extract", "从文本生成任务", "Tasks from text"),
    ("flash.draft_saved", "草稿已保存。", "Draft saved."),
    (
        "flash.report_submitted",
        "进展已报送，等待督查室审核。",
        "Report submitted; it waits for the supervision office.",
    ),
    ("flash.report_accepted", "已采纳该期进展。", "Report accepted."),
    ("flash.report_returned", "已退回该期进展。", "Report returned."),
    (
        "flash.request_filed",
        "申请已提交，等待督查室审批。",
        "Request filed; it waits for a decision.",
    ),
    ("flash.request_approved", "已批准该申请。", "Request approved."),
    ("flash.request_rejected", "已驳回该申请。", "Request rejected."),
    (
        "form.multi_hint",
        "按住 Ctrl(Mac 为 ⌘）可多选。",
        "Hold Ctrl (⌘ on a Mac) to choose several.",
    ),
    ("inbox.title", "待办事项", "Inbox"),
    ("inbox.reports", "应报送的进展", "Reports to send"),
    ("inbox.overdue", "已逾期", "Overdue"),
    ("inbox.overdue_by", "已逾期", "overdue by"),
    ("inbox.days", "天", "days"),
    ("inbox.empty", "目前没有需要报送的进展。", "No reports are due."),
    ("inbox.requests", "本单位的申请", "Our requests"),
    ("lists.title", "超期与滞后任务", "Overdue and lagging tasks"),
    ("lists.overdue", "超期未完成", "Overdue"),
    ("lists.lagging", "进度滞后", "Lagging"),
    ("lists.missing", "未按时报送", "Report missing"),
    (
        "lists.overdue_intro",
        "已超过完成时限仍未办结的任务，按超期天数排列。",
        "Tasks past their deadline and not done, most overdue first.",
    ),
    (
        "lists.lagging_intro",
        "报送进度落后于时间进度超过黄灯阈值的任务，按落后幅度排列。",
        "Tasks whose reported progress trails time progress by more than the yellow threshold, furthest behind first.",
    ),
    (
        "lists.missing_intro",
        "最近一期应报送而未报送进展的任务。",
        "Tasks whose latest report due was not sent.",
    ),
    ("lists.empty", "没有符合条件的任务。", "No tasks match."),
    ("note.add", "配合单位补充说明", "Co-unit note"),
    ("note.submit", "提交说明", "Add note"),
    ("period.due", "应报日期", "Due"),
    ("period.due_soon", "即将到期", "Due soon"),
    ("period.late", "逾期报送", "Late"),
    ("period.missing", "未报送", "Missing"),
    ("period.open", "待报送", "Not yet due"),
    ("plan.new", "新建计划", "New plan"),
    ("plan.edit", "编辑计划", "Edit plan"),
    ("plan.new_task", "新建任务", "New task"),
    ("plan.summary", "摘要", "Summary"),
    (
        "plan.yellow_lag",
        "黄灯：滞后超过（百分点）",
        "Yellow: behind by more than (points)",
    ),
    (
        "plan.red_lag",
        "红灯：滞后超过（百分点）",
        "Red: behind by more than (points)",
    ),
    (
        "plan.milestone_red_days",
        "红灯：节点逾期超过（天）",
        "Red: milestone late by more than (days)",
    ),
    ("report.evidence", "佐证材料", "Evidence"),
    (
        "report.evidence_hint",
        "可上传 PDF、JPG/PNG 图片、Word、Excel、OFD 文件，每个不超过{mb}MB，每期最多{n}个。",
        "PDF, JPG/PNG, Word, Excel and OFD files, each up to {mb} MB, at most {n} per report.",
    ),
    ("report.attached", "已上传的材料", "Files attached"),
    (
        "report.period_invalid",
        "所选报送期不是该任务的报送期（早于任务开始或尚未到来），已改为当前应报送的一期。",
        "That is not a reporting period of this task (before it began or still to come); the period due now is shown instead.",
    ),
    (
        "report.locked",
        "该期进展已报送，审核期间不能修改；如被退回，可修改后重新报送。",
        "This report has been submitted and cannot change while it is reviewed; if it is returned you can edit and resubmit it.",
    ),
    (
        "report.milestones_reached",
        "本期完成的节点目标",
        "Milestones reached this period",
    ),
    ("report.returned_because", "退回理由", "Returned because"),
    ("report.save_draft", "保存草稿", "Save draft"),
    ("report.submit", "提交报送", "Submit"),
    (
        "request.title",
        "延期、办结与调整申请",
        "Extension, completion and adjustment requests",
    ),
    ("request.none", "暂无申请。", "No requests."),
    ("request.kind", "申请类型", "Kind"),
    ("request.asks", "申请事项", "Asks for"),
    ("request.reason", "理由", "Reason"),
    ("request.extension", "申请延期", "Request an extension"),
    ("request.completion", "申请办结", "Request completion"),
    ("request.adjustment", "申请调整任务", "Request an adjustment"),
    ("request.completion_reason", "完成情况说明", "What was done"),
    ("request.new_due", "申请延期至", "New deadline"),
    ("request.progress", "目前完成进度（%）", "Progress so far (%)"),
    ("request.new_title", "调整后的任务名称", "New title"),
    ("request.new_description", "调整后的工作要求", "New requirements"),
    ("request.submit", "提交申请", "File request"),
    (
        "request.decision_note",
        "审批意见（驳回时必填）",
        "Decision note (required to reject)",
    ),
    ("request.approve", "批准", "Approve"),
    ("request.reject", "驳回", "Reject"),
    (
        "review.note",
        "审核意见（退回时必填）",
        "Review note (required to return)",
    ),
    (
        "review.note_hint",
        "例如：请补充具体数据和佐证材料",
        "e.g. add figures and evidence",
    ),
    ("review.accept", "采纳", "Accept"),
    ("review.return", "退回", "Return"),
    ("reviews.title", "审核与审批", "Reviews and decisions"),
    ("reviews.requests", "待审批的申请", "Requests to decide"),
    ("task.owner", "责任人", "Person responsible"),
    ("task.periods", "报送情况", "Reporting periods"),
    (
        "task.no_periods",
        "尚未到第一个报送期。",
        "No reporting period has begun.",
    ),
    ("task.events", "任务动态", "History"),
    ("task.history_chart", "历次红黄绿灯", "Lights over time"),
    ("task.structure", "调整位置", "Position in the tree"),
    ("task.top_level", "（顶层任务）", "(top level)"),
    (
        "task.decomposed",
        "由牵头单位分解的下级任务",
        "A sub-task made by the lead unit",
    ),
    ("task.public_flag", "在政务公开页面公开", "Show on the public site"),
    ("task.cycle_due_day", "报送日", "Reporting day"),
    (
        "task.cycle_due_day_hint",
        "每周：1–7（周一至周日）；每月、每季度：日期。",
        "Weekly: 1–7 (Monday to Sunday); monthly and quarterly: day of the month.",
    ),
    ("task.milestone_title", "节点目标", "Milestone"),
    ("task.milestone_due", "节点日期", "Date"),
    ("units.title", "单位红黄绿灯", "Units and their lights"),
    ("units.led", "牵头任务", "Tasks led"),
    ("units.missing", "未按时报送", "Reports missing"),
    (
        "units.page_intro",
        "本单位牵头或配合的全部任务。",
        "Every task this unit leads or helps with.",
    ),
    (
        "leaders.page_intro",
        "该领导担任责任领导的任务，以及其分管单位牵头的任务。",
        "Tasks this leader is responsible for, and those led by units they oversee.",
    ),
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
    ("footer.fixed_clock", "（演示时钟）", "(demo clock)"),
    ("light.red", "红灯", "Red"),
    ("light.yellow", "黄灯", "Yellow"),
    ("light.green", "绿灯", "Green"),
    ("light.blue", "已办结", "Done"),
    (
        "light.legend",
        "红灯：超期或严重滞后；黄灯：滞后或未按时报送；绿灯：正常推进；蓝灯：已办结",
        "Red: overdue or seriously behind; yellow: behind or report missing; green: on track; blue: done",
    ),
    ("home.title", "首页", "Home"),
    ("home.greeting", "您好，", "Hello, "),
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
    (
        "home.all_reviews",
        "查看全部待审核事项",
        "All reports and requests to review",
    ),
    ("home.region", "全市总体情况", "The whole region"),
    ("home.my_portfolio", "分管领域任务", "Tasks in my portfolio"),
    ("home.overseen_units", "分管单位", "Units I oversee"),
    (
        "home.admin_intro",
        "系统管理员负责行政区、单位和用户，不处理业务数据。",
        "The system administrator manages regions, units and users, not business data.",
    ),
    (
        "home.security_intro",
        "安全管理员负责账号锁定、解锁和会话。",
        "The security officer handles account locks and sessions.",
    ),
    (
        "home.auditor_intro",
        "审计管理员查阅审计日志，并核验其完整性。",
        "The auditor reads the audit log and checks its integrity.",
    ),
    ("count.tasks", "项任务", "tasks"),
    ("count.total", "末级任务合计", "Tasks (lowest level)"),
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
        "滞后超过{y}个百分点亮黄灯，超过{r}个百分点亮红灯；节点目标逾期亮黄灯，逾期超过{m}天亮红灯；超过完成时限亮红灯。",
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
    ("task.freshness", "最近采纳", "Last accepted report"),
    ("task.freshness_none", "尚无采纳", "none yet"),
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
        "审计链完整：已核验{n}条记录，未发现篡改。",
        "The audit chain is intact: {n} lines checked, no tampering found.",
    ),
    (
        "audit.verify_broken",
        "审计链在第{n}条记录处断裂：",
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
        "提交的内容有误，请按提示修改。",
        "Some fields need correcting.",
    ),
    (
        "error.CSRF_TOKEN_INVALID",
        "页面已过期，请刷新后重试。",
        "The page has expired; reload it and try again.",
    ),
    (
        "error.LOGIN_FAILED",
        "用户名或密码错误。",
        "Wrong user name or password.",
    ),
    (
        "error.ACCOUNT_LOCKED",
        "登录失败次数过多，账号已锁定至",
        "Too many failed logins; the account is locked until",
    ),
    (
        "error.CONFLICT",
        "该记录已被他人修改，请刷新后重试。",
        "Someone else changed this record; reload and try again.",
    ),
    ("error.BAD_REQUEST", "请求格式有误。", "The request could not be read."),
    (
        "error.INTERNAL_ERROR",
        "服务器内部错误，请将请求编号告知管理员。",
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
    fn every_key_the_templates_use_is_in_the_catalogue() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split("t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                if key.contains('.') && !catalogue().contains_key(key) {
                    missing.push(key.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "missing keys: {missing:?}");
    }

    #[test]
    fn a_missing_key_is_visible() {
        assert_eq!(Tr::new(Lang::Zh).t("no.such"), "⟦no.such⟧");
        assert_eq!(Tr::new(Lang::En).t("nav.home"), "Home");
    }
}
