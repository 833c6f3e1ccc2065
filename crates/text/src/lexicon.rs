//! The vocabulary of directives in government texts, by grammatical role: adverbs that lead a
//! directive, verbs that set work (任务), verbs of stance (原则), verbs and markers that frame
//! rather than direct, and objects that are attitudes rather than work. General Chinese
//! officialese, not the words of any one document.

/// Words that open a directive clause before its verb (subjects and modal markers are cut
/// before these are tried).
pub const ADVERBS: &[&str] = &[
    "持续不断",
    "坚定不移",
    "全力以赴",
    "千方百计",
    "进一步",
    "创造性",
    "高质量",
    "全方位",
    "多渠道",
    "常态化",
    "有序",
    "稳步",
    "积极",
    "主动",
    "全力",
    "着力",
    "持续",
    "扎实",
    "全面",
    "切实",
    "认真",
    "大力",
    "坚决",
    "努力",
    "不断",
    "深入",
    "加快",
    "尽快",
    "抓紧",
    "科学",
    "精准",
    "严格",
    "始终",
    "统筹",
    "层层",
    "逐步",
    "依法",
    "集中",
    "重点",
    "同步",
    "协同",
    "务必",
    "必须",
    "确实",
    "及时",
    "圆满",
    "精心",
    "周密",
    "优先",
    "并",
    "还",
    "也",
    "再",
    "更",
];

/// Verbs that set a piece of work: the clause is a task.
pub const TASK_VERBS: &[&str] = &[
    "制定", "制订", "编制", "出台", "修订", "打造", "建设", "建成", "新建", "改建", "扩建", "改造", "推动", "推进",
    "加快", "加大", "组建", "成立", "设立", "建立", "健全", "完善", "优化", "开展", "实施", "整治", "抓好", "抓实",
    "谋划", "包装", "储备", "完成", "实现", "压实", "包联", "提升", "提高", "统筹", "创建", "培育", "引进", "招引",
    "争取", "启动", "筹建", "部署", "推行", "深化", "扩大", "治理", "整改", "清理", "排查", "举办", "承办", "申报",
    "构建", "发展", "壮大", "增加", "减少", "降低", "控制", "突破", "做好", "办好", "落实", "破除", "化解", "防范",
    "保障", "巩固", "探索", "试点", "推广", "规范", "盘活", "拓宽", "延伸", "打通", "补齐", "攻坚", "引导", "支持",
    "扶持", "开发", "开工", "投产", "达产", "签约", "招商", "淘汰", "关闭", "退出", "清退", "解决", "完工", "验收",
    // The everyday verbs of administrative work, which jieba's dictionary often tags as nouns.
    "绘制", "梳理", "通报", "印发", "下发", "跟踪", "督办", "督促", "兑现", "畅通", "紧盯", "盯紧", "疏浚", "修缮",
    "取缔", "查处", "核查", "摸排", "指导", "配备", "公示", "发布", "报送", "上报", "审核", "审批", "办理", "办结",
    "回复", "答复", "对接", "走访", "调研", "召开", "组织", "开通", "提供", "实行", "执行", "检查", "监测", "评估",
    "约谈", "拆除", "腾退", "收储", "出让", "复工", "投用", "运营", "铺设", "修复", "加固", "征收", "安置", "发放",
    "兑付", "压减", "削减", "稳住", "建好", "管好", "用好", "抓紧", "研究", "修改", "编印", "拓展", "整合", "集成",
    "纳入", "拨付", "用于", "做实", "做强", "做优", "做大", "做精", "做细", "开设", "加强",
];

/// Verbs of stance: the clause states a principle, not a piece of work.
pub const PRINCIPLE_VERBS: &[&str] = &[
    "坚持", "保持", "树立", "强化", "突出", "用好", "创优", "把握", "严守", "发挥", "弘扬", "秉持", "践行", "坚守",
    "增强", "牢记", "恪守", "聚焦", "锚定",
];

/// Verbs and markers that frame, explain or exhort: such a clause is not an item.
pub const FRAMING: &[&str] = &[
    "理解",
    "认识到",
    "认识",
    "瞄准",
    "立足",
    "找准",
    "作为",
    "形成",
    "结合",
    "按照",
    "围绕",
    "依据",
    "根据",
    "对照",
    "以",
    "在",
    "对",
    "为",
    "为了",
    "通过",
    "把",
    "是",
    "有",
    "没有",
    "不",
    "决不",
    "绝不",
    "理清",
    "明确",
    "拿出",
    "具备",
    "多想",
    "干",
    "做",
    "分析",
    "存在",
    "关键",
    "特别",
    "当前",
    "同时",
];

/// Objects that are the means of other work — people and forces drawn in to do it (抽调…骨干
/// 力量, 选派…人员): such a clause staffs the item before it and is not an item of its own.
pub const MEANS_OBJECTS: &[&str] = &["力量", "骨干", "人员", "干部", "精兵强将"];

/// Objects that are attitudes, capacities or abstractions: a verb over one of these sets no
/// work (提升…本领, 提高…能力, 树立…导向).
pub const ABSTRACT_OBJECTS: &[&str] = &[
    "方面",
    "本领",
    "勇气",
    "智慧",
    "意识",
    "思维",
    "精神",
    "导向",
    "理念",
    "定力",
    "信心",
    "站位",
    "作风",
    "纪律",
    "规矩",
    "格局",
    "定位",
    "实际",
    "思路",
    "问题",
    "意义",
    "能力",
    "作用",
    "使命",
    "重托",
    "条件",
    "决策部署",
    "高度一致",
    "实效",
    "实处",
    "功夫",
    "力",
];

/// Objects too general to be a task on their own (开展工作).
pub const GENERIC_OBJECTS: &[&str] = &["工作", "任务", "事情", "各项工作"];

/// Heads that make a task a task force.
pub const TASK_FORCE_NOUNS: &[&str] = &["专班", "工作组", "领导小组", "指挥部", "工作小组", "攻坚组"];

/// Words that mark an indicator.
pub const INDICATOR_MARKS: &[&str] = &["指标", "双过半", "增长率", "GDP", "生产总值", "增速"];

/// Domains and the words that show them.
pub const DOMAINS: &[(&str, &[&str])] = &[
    ("督查考核", &["督查", "考核", "问责", "压实责任", "政府工作报告确定"]),
    ("项目建设", &["项目", "重点工程", "包联"]),
    ("开发区", &["开发区"]),
    ("招商引资", &["招商", "引资", "外资"]),
    (
        "产业转型",
        &["产业", "集群", "转型", "制造", "数字经济", "科技", "创新"],
    ),
    (
        "城市管理",
        &["城管", "两违", "违法建筑", "精细化管理", "垃圾分类", "市容"],
    ),
    (
        "城市建设",
        &["城市", "规划", "空间布局", "老旧小区", "道路", "管廊", "海绵"],
    ),
    ("安全生产", &["安全生产", "安全", "危险化学品", "隐患"]),
    (
        "生态环保",
        &["环境", "环保", "生态", "大气", "水质", "污染", "排放", "PM2.5", "碳"],
    ),
    ("应急管理", &["森林防火", "防火", "应急", "防汛", "救灾"]),
    ("国资国企", &["国资", "国企", "混合所有制"]),
    ("能源", &["煤", "煤成气", "天然气", "能源", "电力", "光伏"]),
    ("社会治理", &["三零", "信访", "平安", "治理"]),
    ("经济运行", &["指标", "双过半", "生产总值", "增速", "经济运行"]),
    (
        "民生",
        &["就业", "教育", "医疗", "养老", "社保", "住房保障", "文化", "旅游"],
    ),
    ("乡村振兴", &["乡村", "农村", "农业", "脱贫", "粮食"]),
];

/// The domain `s` is about, by the first domain whose words it uses.
pub fn domain_of(s: &str) -> Option<&'static str> {
    DOMAINS
        .iter()
        .find(|(_, words)| words.iter().any(|w| s.contains(w)))
        .map(|(d, _)| *d)
}
