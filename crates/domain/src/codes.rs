//! Every stable error code, registered once: its name, the HTTP status it answers with, and
//! what it means in Chinese and English. A field problem (`ValidationError`) and every error
//! the server answers with name a code from here, so a code means one thing; `docs/errors.md`
//! lists them all (a test keeps the two equal).

use std::fmt;

/// A stable error code a help desk can look up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// The code, e.g. `TASK_TITLE_EMPTY`.
    pub name: &'static str,
    /// The HTTP status it answers with (a field problem answers inside `VALIDATION_FAILED`, 422).
    pub status: u16,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

impl Code {
    /// What it means in `lang`.
    pub fn meaning(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Zh => self.zh,
            crate::Lang::En => self.en,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.name
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

macro_rules! codes {
    ($($name:ident $status:literal $zh:literal $en:literal;)*) => {
        $(
            #[doc = $en]
            pub const $name: Code = Code { name: stringify!($name), status: $status, zh: $zh, en: $en };
        )*
        /// Every registered code, in the order of the registry.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

codes! {
    UNAUTHENTICATED 401 "请先登录。" "Please log in.";
    FORBIDDEN 403 "您没有权限进行此操作。" "You are not allowed to do this.";
    NOT_FOUND 404 "未找到该页面或记录。" "The page or record was not found.";
    VALIDATION_FAILED 422 "提交的内容有误，请按提示修改。" "Some fields need correcting.";
    CSRF_TOKEN_INVALID 403 "页面已过期，请刷新后重试。" "The page has expired; reload it and try again.";
    LOGIN_FAILED 401 "用户名或密码错误。" "Wrong user name or password.";
    TOTP_REQUIRED 401 "请输入手机验证器上的6位动态验证码。" "Enter the six-digit code from your authenticator app.";
    PASSWORD_CHANGE_REQUIRED 403 "首次登录或密码被重置后，请先修改密码。" "Set your own password first (it was set by an administrator).";
    ACCOUNT_LOCKED 423 "登录失败次数过多，账号已锁定至" "Too many failed logins; the account is locked until";
    CONFLICT 409 "该记录已被他人修改，请刷新后重试。" "Someone else changed this record; reload and try again.";
    VERSION_MISSING 422 "缺少记录的版本号，请先读取该记录" "The version of the record as read is missing";
    BAD_REQUEST 400 "请求格式有误。" "The request could not be read.";
    BODY_TOO_LARGE 413 "提交的内容超过大小上限" "The request is larger than allowed";
    UPLOADS_BUSY 503 "同时上传的文件过多，请稍后再试。" "Too many uploads at once; try again shortly.";
    INTERNAL_ERROR 500 "服务器内部错误，请将请求编号告知管理员。" "Internal error; quote the request id to your administrator.";
    EXTRACTION_ALREADY_DONE 409 "这份文本已建为任务" "The tasks of this text were already created";
    BODY_NOT_JSON 400 "请求内容不是有效的JSON" "The request body is not valid JSON";
    BODY_FIELD_MISSING 400 "请求缺少必填字段" "A required field is missing from the request body";
    BODY_FIELD_INVALID 400 "请求中的字段类型或取值有误" "A field of the request body has the wrong type or value";
    ACCOUNTABILITY_INVALID 422 "问责或表扬记录的填写有误" "The accountability or commendation record is not valid";
    ACCOUNTABILITY_KIND_UNKNOWN 422 "请选择问责方式" "Choose the kind of accountability";
    ANSWER_EMPTY 422 "请填写落实情况" "Write what was done";
    ANSWER_TOO_LONG 422 "落实情况不能超过5000字" "The answer is longer than 5,000 characters";
    AS_OF_INVALID 422 "历史日期应形如2020-03-31" "The day must look like 2020-03-31";
    BULLETIN_BODY_EMPTY 422 "请填写正文" "The body is empty";
    BULLETIN_BODY_TOO_LONG 422 "正文不能超过50000字" "The body is longer than 50,000 characters";
    BULLETIN_CC_TOO_LONG 422 "抄送不能超过500字" "The copy-to line is longer than 500 characters";
    BULLETIN_EDITOR_EMPTY 422 "请填写责任编辑" "Name the responsible editor";
    BULLETIN_EDITOR_TOO_LONG 422 "责任编辑不能超过50字" "The editor's name is longer than 50 characters";
    BULLETIN_FROM_MISSING 422 "请填写通报期间的起始日期" "Give the first day of the period";
    BULLETIN_PERIOD_REVERSED 422 "起始日期不能晚于截止日期" "The first day is after the last";
    BULLETIN_PERIOD_TOO_LONG 422 "通报期间不能超过一年" "A bulletin covers a year at most";
    BULLETIN_PUBLISHED 422 "通报已发布，不能再修改" "The bulletin is published and can no longer change";
    BULLETIN_TITLE_EMPTY 422 "请填写标题" "Give the bulletin a title";
    BULLETIN_TITLE_TOO_LONG 422 "标题不能超过100字" "The title is longer than 100 characters";
    BULLETIN_TO_FUTURE 422 "通报截止日期不能晚于今天" "A bulletin cannot end after today";
    BULLETIN_TO_MISSING 422 "请填写通报期间的截止日期" "Give the last day of the period";
    CALENDAR_LINE_INVALID 422 "日历某行格式有误" "A line of the calendar cannot be read";
    CALENDAR_WRONG_YEAR 422 "日期不属于该年度" "A date is not in the calendar's year";
    CHANNEL_HOST_NOT_ALLOWED 422 "该主机不在允许发送通知的范围内" "Notifications may not go to this host";
    CHANNEL_KIND_UNKNOWN 422 "请选择渠道类型" "Choose the kind of channel";
    CHANNEL_NAME 422 "请填写名称（100字以内）" "Give a name (100 characters at most)";
    CHANNEL_SECRET 422 "签名密钥过长" "The secret is too long";
    CHANNEL_UNIT_UNKNOWN 422 "单位不存在" "No such unit";
    CHANNEL_URL 422 "请填写以http://或https://开头的Webhook地址" "Give the webhook address, starting with http:// or https://";
    CYCLE_DUE_DAY_OUT_OF_RANGE 422 "报送日超出该周期的范围" "The due day is out of the cycle's range";
    CYCLE_UNKNOWN 422 "请选择报送周期" "Choose a reporting cycle";
    DATE_INVALID 422 "日期格式应为2020-06-30" "A date is written like 2020-06-30";
    DATE_RANGE_INVALID 422 "起止日期不正确：结束日期不早于开始日期，跨度不超过一年" "The dates are not a span: the end on or after the start, at most a year";
    DECISION_NOTE_EMPTY 422 "驳回时请填写审批意见" "Give the reason for rejecting";
    DISPATCH_DAY_MISSING 422 "请填写会议日期" "Give the meeting's day";
    DISPATCH_DECIDED 422 "该议题已形成决定" "This item was decided already";
    DISPATCH_DECISION_MISSING 422 "请填写议定事项（500字以内）" "Write the decision (up to 500 characters)";
    DISPATCH_DUE_INVALID 422 "请填写不早于会议日期的完成时限" "Give a deadline on or after the meeting's day";
    DISPATCH_NO_ISSUE 422 "该议题不是协调事项，不能按办结处理" "This item is not a coordination issue";
    DISPATCH_TITLE_INVALID 422 "请填写会议名称（100字以内）" "Give the meeting a title (up to 100 characters)";
    DISPATCH_TOPIC_INVALID 422 "请填写议题（200字以内）" "Write the item (up to 200 characters)";
    DISPATCH_UNIT_MISSING 422 "请选择责任单位" "Choose the responsible unit";
    EMAIL_INVALID 422 "电子邮箱地址格式不正确" "Not an e-mail address";
    EVIDENCE_EMPTY 422 "文件是空的" "A file is empty";
    EVIDENCE_NOT_BASE64 422 "文件内容不是有效的 base64 编码" "A file's bytes are not valid base64";
    EVIDENCE_TOO_LARGE 422 "文件超过大小限制" "A file is too large";
    EVIDENCE_TOO_MANY 422 "每期报送附件数量超过上限" "Too many files for one report";
    EVIDENCE_TYPE_NOT_ALLOWED 422 "文件类型不受支持，仅接受 PDF、图片、Word、Excel" "This type of file is not accepted (PDF, images, Word, Excel only)";
    EXTRACTION_ALIAS_INVALID 422 "名称对应的单位无效" "The unit a name is mapped to is not valid";
    EXTRACTION_KIND_UNKNOWN 422 "条目类型无效" "Unknown kind of item";
    EXTRACTION_KEY_REPEATED 422 "同一任务编号出现了两次" "The same task key appears twice";
    EXTRACTION_LEAD_COLLECTIVE 422 "牵头单位须是一个单位" "The lead unit must be a single unit";
    EXTRACTION_LEADER_UNKNOWN 422 "责任领导不在领导名录中" "The leader is not in the directory";
    EXTRACTION_NOTHING_CHOSEN 422 "没有勾选任何任务" "No task is ticked";
    EXTRACTION_ROW_INVALID 422 "任务的原文位置或上级任务无效" "The row's place in the text or its parent is not valid";
    EXTRACTION_TARGET 422 "请给出plan_id（已有计划）或plan（新计划）中的一项" "Give either plan_id (an existing plan) or plan (a new one)";
    EXTRACTION_TEXT_EMPTY 422 "请提供文本" "The text is empty";
    EXTRACTION_TEXT_TOO_LONG 422 "文本过长" "The text is too long";
    EXTRACTION_UNIT_UNKNOWN 422 "单位名称无法识别" "A unit's name was not recognised";
    IMPORT_COLUMN_MISSING 422 "表格缺少必填的列" "A required column is missing";
    IMPORT_FILE_EMPTY 422 "文件中没有单位、领导或用户表" "The file holds no units, leaders or users table";
    IMPORT_FILE_UNREADABLE 422 "文件无法读取，请使用模板的.xlsx或.csv格式" "The file cannot be read; use the template as .xlsx or .csv";
    IMPORT_ID_UNKNOWN 422 "编号没有对应的记录" "No record has this id";
    IMPORT_ROW_DUPLICATE 422 "与前面的行重复" "Repeats an earlier row";
    IMPORT_STATUS_UNKNOWN 422 "状态应为“在用”或“停用”" "The status is neither 在用 nor 停用";
    IMPORT_TOO_MANY_ROWS 422 "表格行数过多" "The table has too many rows";
    INDICATOR_CHOICE_UNKNOWN 422 "请从列表中选择" "Choose from the list";
    INDICATOR_CORRECTION_REASON_REQUIRED 422 "更正已采纳的数据，须在说明中写明理由" "Correcting an accepted figure needs the reason in the note";
    INDICATOR_DECIMALS_INVALID 422 "小数位数应为0至4" "Decimals must be 0 to 4";
    INDICATOR_FIGURE_MISSING 422 "请填写数值" "Enter the figure";
    INDICATOR_FIGURE_NEGATIVE 422 "累计值不能为负数" "A cumulative amount cannot be negative";
    INDICATOR_FIGURE_NOT_A_NUMBER 422 "应填写数字（最多4位小数），如45.3" "Enter a number (at most four decimals), such as 45.3";
    INDICATOR_FIGURE_TOO_LARGE 422 "数值超过上限" "The number is too large";
    INDICATOR_LAST_YEAR_MISSING 422 "该指标增速由本年与上年同期数据计算，请填写上年同期数" "The rate is computed from last year's figure: enter last year's same-period figure";
    INDICATOR_LAST_YEAR_NOT_POSITIVE 422 "上年同期数应大于0" "Last year's figure must be above zero";
    INDICATOR_MEASURE_INVALID 422 "请填写计量单位（10字以内），如亿元、万吨、%" "Give the unit of measure (up to 10 characters), such as 亿元, 万吨, %";
    INDICATOR_MONTH_INVALID 422 "月份格式有误，如2020-06" "A month must look like 2020-06";
    INDICATOR_MONTH_IN_FUTURE 422 "月份不能晚于本月" "A month cannot be after this one";
    INDICATOR_MONTH_NOT_QUARTER_END 422 "季度指标只报3、6、9、12月的数据" "A quarterly indicator reports for March, June, September and December only";
    INDICATOR_MONTH_OUTSIDE_YEAR 422 "月份不在该指标的年度内" "The month is not in the indicator's year";
    INDICATOR_NAME_INVALID 422 "请填写指标名称（50字以内）" "Give the indicator a name (up to 50 characters)";
    INDICATOR_NOTE_TOO_LONG 422 "说明不能超过500字" "The note is longer than 500 characters";
    INDICATOR_NOT_WAITING 422 "该数据不在待审核状态" "This figure is not waiting for review";
    INDICATOR_PROFILE_INVALID 422 "序时进度分解应为12个逐月不减的累计百分比，12月为100" "A profile is twelve cumulative percents, never falling, 100 in December";
    INDICATOR_PROFILE_NOT_TWELVE 422 "序时进度分解应填写1至12月共12个数" "A profile has twelve numbers, January to December";
    INDICATOR_RETURN_NOTE_REQUIRED 422 "退回须写明意见" "Returning needs a note";
    INDICATOR_TARGET_NOT_POSITIVE 422 "累计值指标的年度目标应大于0" "An amount's annual target must be above zero";
    INDICATOR_THRESHOLDS_INVALID 422 "黄灯阈值应小于红灯阈值，均在0至50个百分点之间" "Yellow must be below red, both 0 to 50 points";
    INDICATOR_UNIT_MISSING 422 "请选择责任单位" "Choose the responsible unit";
    INDICATOR_YEAR_INVALID 422 "年度应为2000至2100之间的年份" "The year must be 2000 to 2100";
    INSTRUCTION_DUE_MISSING 422 "请填写反馈时限" "Give the answer deadline";
    INSTRUCTION_DUE_PAST 422 "反馈时限不能早于今天" "The answer deadline is in the past";
    INSTRUCTION_DUE_TOO_FAR 422 "反馈时限不能超过一年" "The answer deadline is more than a year away";
    INSTRUCTION_EMPTY 422 "请填写批示内容" "Write the instruction";
    INSTRUCTION_NOT_OPEN 422 "该批示已反馈或已转督办" "This instruction was already answered or made an order";
    INSTRUCTION_NOT_OVERSEEN 422 "您不分管该事项，不能作出批示" "You do not oversee this matter";
    INSTRUCTION_STATUS_UNKNOWN 422 "状态无效" "Unknown status";
    INSTRUCTION_TARGET_UNKNOWN 422 "请指明批示的任务、报送或督办单" "Name the task, report or order the instruction is on";
    INSTRUCTION_TOO_LONG 422 "批示内容不能超过5000字" "The instruction is longer than 5,000 characters";
    LADDER_INVALID 422 "督办升级规则有误" "The escalation ladder is invalid";
    LADDER_ORDER_RANGE 422 "建议督办的超期天数应在0到180之间" "Propose an order after 0 to 180 days overdue";
    LADDER_RED_RANGE 422 "连续红灯期数应在0到12之间" "Consecutive red periods must be from 0 to 12";
    LADDER_REMIND_RANGE 422 "提前提醒的工作日数应在0到15之间" "Remind from 0 to 15 working days before";
    LEADER_NAME_EMPTY 422 "请填写领导姓名" "Give the leader's name";
    LEADER_NAME_TOO_LONG 422 "领导姓名不能超过30字" "The leader's name is longer than 30 characters";
    LEADER_PORTFOLIO_TOO_LONG 422 "分管领域不能超过200字" "The portfolio is longer than 200 characters";
    LEADER_TITLE_EMPTY 422 "请填写职务" "Give the leader's title";
    LEADER_TITLE_TOO_LONG 422 "职务不能超过30字" "The title is longer than 30 characters";
    LEADER_UNIT_UNKNOWN 422 "分管单位不存在或已停用" "An overseen unit does not exist or is not in use";
    LEDGER_CATEGORY_INVALID 422 "项目类型名称须为1至20字" "A category's name must be 1 to 20 characters";
    LEDGER_KEY_UNKNOWN 422 "项目编号在本地区的项目中不存在" "No project of this region has this key";
    LEDGER_LEADER_UNKNOWN 422 "包联领导不在领导名录中" "The liaison leader is not in the directory";
    LEDGER_LEVEL_MISSING 422 "无法确定项目级别：请加“项目级别”列，或按“一、省级重点项目”分节" "The level is missing: add a 项目级别 column or section rows such as 一、省级重点项目";
    LEDGER_MONTH_INVALID 422 "请选择台账所报的月份（不晚于本月）" "Choose the month the ledger reports (not after this month)";
    LEDGER_NOTHING 422 "台账中没有项目行" "The ledger has no project rows";
    LEDGER_NO_HEADER 422 "未找到项目台账的表头：须有“项目名称”列和投资或责任单位列" "No ledger header found: it needs a 项目名称 column and an investment or responsible-unit column";
    LEDGER_REPORT_PENDING 422 "该月月报单位已更正，尚待审核" "The unit's correction of this month waits for review";
    LEDGER_ROW_REPEATED 422 "同一项目在台账中出现了两次" "The same project appears twice in the ledger";
    LEDGER_SEVERAL 422 "每个项目只能填写一个责任单位、一个服务单位和一位包联领导" "A project has one responsible unit, one service unit and one liaison leader";
    LEDGER_UNIT_UNKNOWN 422 "单位名称未能对应到本地区的单位" "A unit's name matches none of the region's units";
    LIKELIHOOD_INVALID 422 "请选择交付研判：很可能、较可能、存在风险或难以完成" "Choose a judgement: likely, probable, at risk or unlikely";
    LIKELIHOOD_REASON_MISSING 422 "请简要说明研判理由（200字以内）" "Give a short reason for the judgement (up to 200 characters)";
    LIST_REPEATED 422 "同一项不能重复选择" "An item is chosen twice";
    LOGIN_REGION_REQUIRED 422 "请选择所在地区" "Choose your region";
    LOGIN_REGION_UNKNOWN 422 "没有这个地区代码" "No region has this code";
    MILESTONE_DATE_MISSING 422 "节点目标缺少日期" "A milestone has no date";
    MILESTONE_OUTSIDE_TASK 422 "节点目标的日期应在开始日期和完成时限之间" "A milestone's date must fall between the task's start and deadline";
    MILESTONE_TITLE_EMPTY 422 "节点目标缺少内容" "A milestone has no title";
    NOTE_EMPTY 422 "请填写补充说明" "Write the note";
    NOTE_ON_DRAFT 422 "牵头单位尚未报送该期进展" "The lead unit has not submitted this report yet";
    NOTE_TOO_LONG 422 "补充说明不能超过2000字" "The note is longer than 2000 characters";
    ORDER_ACTION_UNKNOWN 422 "操作无效" "Unknown action";
    ORDER_DUE_MISSING 422 "请填写答复时限" "Give the reply deadline";
    ORDER_DUE_PAST 422 "答复时限不能早于今天" "The reply deadline is in the past";
    ORDER_DUE_TOO_FAR 422 "答复时限过远" "The reply deadline is too far away";
    ORDER_LEAD_ALSO_CO 422 "责任单位不能同时作为配合单位" "The unit the order goes to cannot also be a co-unit";
    ORDER_LEAD_MISSING 422 "请选择责任单位" "Choose the unit the order goes to";
    ORDER_LEVEL_UNKNOWN 422 "请选择督办级别" "Choose the level";
    ORDER_MODE_UNKNOWN 422 "请选择答复方式" "Choose how the unit replies";
    ORDER_NOT_OPEN 422 "该督办单不在待答复状态" "This order is not waiting for a reply";
    ORDER_NO_REPLY 422 "该督办单没有待审核的答复" "This order has no reply waiting for review";
    ORDER_ONCE_NO_CONTINUE 422 "一次性答复的督办单请办结销号或退回" "An order replied to once is closed or sent back";
    ORDER_REQUIREMENT_EMPTY 422 "请填写督办要求" "Say what the unit must do";
    ORDER_REQUIREMENT_TOO_LONG 422 "督办要求不能超过5000字" "The requirement is longer than 5000 characters";
    ORDER_SOURCE_TOO_LONG 422 "来源原文不能超过20000字" "The quoted source is longer than 20,000 characters";
    ORDER_SOURCE_UNKNOWN 422 "请选择督办来源" "Choose the source";
    ORDER_STATUS_UNKNOWN 422 "状态无效" "Unknown status";
    ORDER_TASK_MISSING 422 "来源为重点任务的督办单须针对一项任务" "An order about a task must name the task";
    ORDER_TITLE_EMPTY 422 "请填写督办事项" "Say what the order is about";
    ORDER_TITLE_TOO_LONG 422 "督办事项不能超过200字" "The matter is longer than 200 characters";
    ORDER_UNIT_UNKNOWN 422 "单位不存在或已撤并" "The unit does not exist or was merged";
    PASSWORD_MISMATCH 422 "两次输入的新密码不一致" "The new passwords do not match";
    PASSWORD_OLD_WRONG 422 "原密码不正确" "The current password is wrong";
    PASSWORD_REUSED 422 "新密码不能与最近使用过的密码相同" "The new password is one of the account's recent passwords";
    PASSWORD_TOO_WEAK 422 "密码不符合密码策略（长度和字符种类）" "The password does not meet the password policy (length and kinds of character)";
    PLAN_BASIS_UNKNOWN 422 "请选择灯色依据" "Choose which reports the lights read";
    PLAN_DATE_MISSING 422 "请填写印发或会议日期" "Give the date it was issued or held";
    PLAN_KIND_UNKNOWN 422 "请选择计划类型" "Choose the kind of plan";
    PLAN_TEXT_TOO_LONG 422 "原文不能超过50万字" "The text is longer than 500,000 characters";
    PLAN_TITLE_EMPTY 422 "请填写计划名称" "Give the plan a title";
    PLAN_TITLE_TOO_LONG 422 "计划名称不能超过200字" "The title is longer than 200 characters";
    PROJECT_CATEGORY_INVALID 422 "类别名称应为1至20字，且不与已有类别重复" "A category's name is 1 to 20 characters and not one already there";
    PROJECT_CHOICE_UNKNOWN 422 "请从列表中选择" "Choose from the list";
    PROJECT_CONTENT_TOO_LONG 422 "建设内容过长" "The content is too long";
    PROJECT_CORRECTION_REASON_REQUIRED 422 "更正已报送或已采纳的数字，须说明理由" "Correcting a figure already reported needs a reason";
    PROJECT_CUMULATIVE_MISMATCH 422 "累计完成投资与本月完成投资不符" "The cumulative figure does not match the month's";
    PROJECT_FINISH_BEFORE_START 422 "竣工不能早于开工" "The completion is before the start";
    PROJECT_ISSUE_ANSWER_MISSING 422 "请填写答复内容" "Write the answer";
    PROJECT_ISSUE_DUE_INVALID 422 "办结时限应为今天或以后的日期" "The deadline must be today or later";
    PROJECT_ISSUE_KIND_UNKNOWN 422 "请选择协调事项类别" "Choose the kind of issue";
    PROJECT_ISSUE_NOT_OPEN 422 "该协调事项不在可办理的状态" "This issue is not in a state for that";
    PROJECT_ISSUE_TITLE_INVALID 422 "请填写协调事项（100字以内）" "Describe the issue (up to 100 characters)";
    PROJECT_MONEY_NEGATIVE 422 "金额不能为负数" "An amount cannot be negative";
    PROJECT_MONEY_NOT_A_NUMBER 422 "金额应为以万元计的数字" "An amount must be a number of 万元";
    PROJECT_MONEY_TOO_LARGE 422 "金额超过上限" "An amount is too large";
    PROJECT_MONTH_INVALID 422 "年月格式有误，如2020-06" "A month must look like 2020-06";
    PROJECT_MONTH_INVESTMENT_MISSING 422 "请填写本月完成投资或累计完成投资" "Enter the month's investment or the cumulative figure";
    PROJECT_MONTH_IN_FUTURE 422 "年月不能晚于本月" "A month cannot be after this one";
    PROJECT_MONTH_MISSING 422 "请填写年月" "Enter the month";
    PROJECT_NAME_MISSING 422 "请填写项目名称" "Enter the project's name";
    PROJECT_NAME_TOO_LONG 422 "项目名称过长" "The project's name is too long";
    PROJECT_NODE_INVALID 422 "请填写审批节点名称（50字以内）和计划完成日期" "Give the approval step a name (up to 50 characters) and a planned date";
    PROJECT_NOT_REPORTING 422 "该项目当前阶段无需报送月报" "This project does not report at its stage";
    PROJECT_PLAN_OVER_TOTAL 422 "年度计划投资不能超过总投资" "The year's plan cannot exceed the total investment";
    PROJECT_PROGRESS_MISSING 422 "请填写形象进度" "Describe the progress on site";
    PROJECT_REASON_REQUIRED 422 "调整总投资、年度计划或计划开竣工时间，须说明理由" "Changing the total, the year's plan or the planned months needs a reason";
    PROJECT_REPORT_NOT_WAITING 422 "该月报不在待审核状态" "This monthly report is not waiting for review";
    PROJECT_RETURN_NOTE_REQUIRED 422 "退回须写明意见" "Returning needs a note";
    PROJECT_STAGE_NEEDS_START 422 "项目阶段与开工情况不符" "The stage does not match the start";
    PROJECT_THRESHOLDS_INVALID 422 "黄灯阈值应小于红灯阈值，均在1至100之间；推迟月数在1至24之间" "Yellow must be below red, both 1 to 100; months late 1 to 24";
    PROPOSAL_ACTION_UNKNOWN 422 "操作无效" "Unknown action";
    PROPOSAL_CONFIRM_ORDER 422 "督办建议请通过下发督办单采纳" "Accept an order proposal by issuing the order";
    PROPOSAL_INVALID 422 "督办建议的处理有误" "The proposal cannot be acted on so";
    REASON_EMPTY 422 "请填写理由" "Give a reason";
    REASON_TOO_LONG 422 "理由不能超过2000字" "The reason is longer than 2000 characters";
    REPLY_EMPTY 422 "请填写答复内容" "Write the reply";
    REPLY_TOO_LONG 422 "答复内容不能超过10000字" "The reply is longer than 10,000 characters";
    REPORT_ALREADY_ACCEPTED 422 "该期进展已采纳，不能再修改" "This report has been accepted and can no longer be changed";
    REPORT_ALREADY_SUBMITTED 422 "该期进展已报送，正在等待审核" "This period's report is already submitted and awaits review";
    REPORT_CONTENT_EMPTY 422 "请填写进展情况" "Describe the progress made";
    REPORT_MILESTONE_UNKNOWN 422 "所选节点目标不属于该任务" "A chosen milestone is not one of this task's";
    REPORT_NOT_SUBMITTED 422 "只能审核已报送的进展" "Only a submitted report can be reviewed";
    REPORT_PERIOD_INVALID 422 "报送期不正确" "That is not a reporting period of this task";
    REPORT_PROGRESS_OUT_OF_RANGE 422 "完成进度应在0到100之间" "Progress must be between 0 and 100";
    REPORT_TEXT_TOO_LONG 422 "报送内容超过字数上限" "The report's text is too long";
    REQUEST_ADJUSTMENT_EMPTY 422 "请填写需要调整的任务名称或工作要求" "Say what should change: the title or the requirements";
    REQUEST_ALREADY_PENDING 422 "已有同类申请正在审批" "A request of this kind is already waiting for a decision";
    REQUEST_EXTENSION_ONGOING 422 "长期坚持的任务没有完成时限，无需延期" "An ongoing task has no deadline to extend";
    REQUEST_EXTENSION_TOO_LATE 422 "延期申请须在完成时限前提出" "An extension must be requested before the deadline";
    REQUEST_NEW_DUE_MISSING 422 "请填写申请延期至的日期" "Give the new deadline";
    REQUEST_NEW_DUE_NOT_LATER 422 "申请的新时限应晚于原完成时限" "The new deadline must be later than the current one";
    REQUEST_PROGRESS_MISSING 422 "请填写目前完成进度" "Give the progress so far";
    REVIEW_BATCH_REFUSED 422 "所选报送中有不能采纳的，本次均未采纳" "One of the chosen reports cannot be accepted; none was";
    REVIEW_NOTE_EMPTY 422 "退回时请填写审核意见，说明需要补充或修改的内容" "Say in the review note what must be added or corrected";
    REVIEW_NOTHING_CHOSEN 422 "请至少选择一条报送" "Choose at least one report";
    SCHEME_CLOSED 422 "考核方案已关闭，得分已冻结，不能再修改；可复制后用于下一考核期" "The scheme is closed and its scores frozen: copy it for the next period instead";
    SCHEME_INVALID 422 "考核方案的设置有误" "The assessment scheme is not valid";
    SORT_OUT_OF_RANGE 422 "排序应为0到99999之间的整数" "The place in lists must be a whole number from 0 to 99999";
    SUBTASK_OUTSIDE_PARENT 422 "下级任务的开始日期和完成时限应在上级任务的时间范围内" "A sub-task must start and end within its parent's dates";
    TABLE_DAMAGED 422 "文件已损坏，无法读取" "The file is damaged and cannot be read";
    TABLE_ENCRYPTED 422 "文件设有打开密码，请取消密码后另存再上传" "The file is protected by a password: remove it, save and upload again";
    TABLE_NO_HEADER 422 "未找到表头：表格须有任务列（如“重点任务”“工作任务”）和责任单位或完成时限列" "No header found: the table needs a task column (重点任务, 工作任务) and an owner or deadline column";
    TABLE_NOT_TABLE 422 "不是可读取的表格文件（.xlsx、.xls、.ods、.docx、.csv）" "Not a table file that can be read (.xlsx, .xls, .ods, .docx, .csv)";
    TABLE_OLD_WORD 422 "不能读取旧版Word（.doc）文件，请另存为.docx后上传" "Old Word (.doc) files cannot be read: save it as .docx";
    TABLE_ROLE_UNKNOWN 422 "列的含义无效" "Not a column role";
    TABLE_TOO_LARGE 422 "文件超过10MB或解压后超过64MB的上限" "The file is larger than 10 MB, or unpacks to more than 64 MB";
    TABLE_TOO_MANY_ROWS 422 "工作表超过10万行的上限" "A sheet has more than 100,000 rows";
    TASK_ALREADY_DONE 422 "该任务已办结" "This task is already done";
    TASK_DEADLINE_BEFORE_START 422 "完成时限不能早于开始日期" "The deadline is before the start";
    TASK_DESCRIPTION_TOO_LONG 422 "工作要求不能超过5000字" "The requirements are longer than 5000 characters";
    TASK_DOMAIN_TOO_LONG 422 "领域不能超过50字" "The domain is longer than 50 characters";
    TASK_DUE_MISSING 422 "请填写完成时限，或选择“长期坚持”" "Give the deadline, or mark the task ongoing";
    TASK_FORCE_CHOICE_UNKNOWN 422 "请从列表中选择" "Choose from the list";
    TASK_FORCE_DATE_INVALID 422 "日期格式有误，如2020-05-07" "A date must look like 2020-05-07";
    TASK_FORCE_NAME_INVALID 422 "请填写专班名称（50字以内），且不与已有专班重复" "Give the task force a name (up to 50 characters) not already used";
    TASK_FORCE_PURPOSE_TOO_LONG 422 "工作职责不能超过2000字" "The purpose is longer than 2,000 characters";
    TASK_FORCE_TERM_BEFORE_START 422 "工作期限不能早于成立日期" "The term cannot end before the task force was set up";
    TASK_FORCE_UNIT_MISSING 422 "请选择牵头单位" "Choose the leading unit";
    TASK_LEADER_UNKNOWN 422 "责任领导不存在" "The responsible leader does not exist";
    TASK_LEAD_ALSO_CO_UNIT 422 "牵头单位不能同时作为配合单位" "The lead unit cannot also be a co-unit";
    TASK_LEAD_UNIT_MISSING 422 "请选择牵头单位" "Choose the lead unit";
    TASK_MOVE_INTO_ITSELF 422 "不能把任务移到它自己或它的下级任务之下" "A task cannot move under itself or its own sub-tasks";
    TASK_OWNER_TOO_LONG 422 "责任人不能超过100字" "The owner is longer than 100 characters";
    TASK_PARENT_OTHER_PLAN 422 "上级任务不属于该计划" "The parent task is in another plan";
    TASK_START_MISSING 422 "请填写开始日期" "Give the start date";
    TASK_TITLE_EMPTY 422 "任务名称不能为空" "The task title is empty";
    TASK_TITLE_TOO_LONG 422 "任务名称过长" "The task title is too long";
    TASK_UNIT_UNKNOWN 422 "单位不存在或已撤并" "The unit does not exist or was merged";
    TASK_WEIGHT_OUT_OF_RANGE 422 "权重应在1到100之间" "Weight must be between 1 and 100";
    TEXT_HIDDEN_CHARS 422 "含有不可见的控制字符或方向字符" "Holds invisible control or direction characters";
    THRESHOLDS_ORDER 422 "红灯阈值应大于黄灯阈值" "The red threshold must be above the yellow one";
    THRESHOLD_OUT_OF_RANGE 422 "亮灯阈值超出范围" "A light threshold is out of range";
    TOTP_CODE_WRONG 422 "动态验证码不正确或已过期" "The code is wrong or has expired";
    UNIT_CATEGORY_UNKNOWN 422 "单位类别无法识别" "The unit's category is not known";
    UNIT_MERGED 422 "该单位已撤并，不能再修改" "The unit was merged and can no longer change";
    UNIT_MERGE_TARGET_INVALID 422 "请选择另一个在用的单位作为并入单位" "Choose another unit in use to merge into";
    UNIT_NAME_EMPTY 422 "请填写单位全称" "Give the unit's full name";
    UNIT_NAME_TAKEN 422 "本地区已有同名单位" "The region already has a unit of this name";
    UNIT_NAME_TOO_LONG 422 "单位全称不能超过60字" "The unit's full name is longer than 60 characters";
    UNIT_SHORT_NAME_TOO_LONG 422 "简称不能超过20字" "The short name is longer than 20 characters";
    USERNAME_INVALID 422 "登录名应为2到32位小写字母、数字、下划线、点或连字符，以字母或数字开头" "A login name is 2 to 32 lower-case letters, digits, _ . or -, beginning with a letter or digit";
    USERNAME_TAKEN 422 "登录名已被其他账号使用" "The login name belongs to another account";
    USER_EMAIL_INVALID 422 "电子邮箱格式不正确" "The e-mail address is not valid";
    USER_LEADER_MISSING 422 "领导账号须选择对应的领导" "A leader's account belongs to a leader: choose them";
    USER_LEADER_UNKNOWN 422 "对应领导不存在或已离任" "The leader does not exist or is no longer in office";
    USER_NAME_EMPTY 422 "请填写姓名" "Give the person's name";
    USER_NAME_TOO_LONG 422 "姓名不能超过30字" "The name is longer than 30 characters";
    USER_ROLE_NOT_ASSIGNABLE 422 "三员账号只能用命令行管理" "The three administrators' accounts are managed only with the command line";
    USER_ROLE_UNKNOWN 422 "角色无法识别" "The role is not known";
    USER_UNIT_MISSING 422 "单位联络员须选择所属单位" "A unit liaison belongs to a unit: choose it";
    USER_UNIT_UNKNOWN 422 "所属单位不存在或已停用" "The unit does not exist or is not in use";
}

/// The code named `name`, if it is registered.
pub fn find(name: &str) -> Option<Code> {
    ALL.iter().copied().find(|c| c.name == name)
}

/// `docs/errors.md`: every code with its status and meanings, as a Markdown table.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Error codes · 错误代码\n\n\
         Every code Luoshi answers with, registered once in `crates/domain/src/codes.rs` (a test \
         keeps this page equal to the registry). An API error is JSON: `{\"error\": {\"code\", \
         \"message\", \"request_id\", \"fields\": [{\"field\", \"code\", \"message\"}]}}`; a field \
         problem's code is listed under `fields` of a `VALIDATION_FAILED` (422), or of a \
         `BAD_REQUEST` (400) for a body that cannot be read. A field's message may say more than \
         the meaning below (the row, the limit, the name it did not recognise).\n\n\
         | code | HTTP | 含义 | meaning |\n|---|---|---|---|\n",
    );
    for c in ALL {
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", c.name, c.status, c.zh, c.en));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_registered_once() {
        let mut names: Vec<&str> = ALL.iter().map(|c| c.name).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a code is registered twice");
        assert!(ALL.iter().all(|c| !c.zh.is_empty() && !c.en.is_empty()));
    }

    #[test]
    fn docs_errors_md_lists_every_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/errors.md");
        if std::env::var_os("LUOSHI_WRITE_ERRORS_MD").is_some() {
            std::fs::write(path, markdown()).unwrap();
        }
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            doc == markdown(),
            "docs/errors.md differs from the registry: run `LUOSHI_WRITE_ERRORS_MD=1 cargo test -p luoshi-domain docs_errors_md` and commit it"
        );
    }
}
