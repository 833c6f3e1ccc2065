//! The work report's goals, tasks and measures with their lead and co-units, as data.

pub(super) struct Measure {
    pub(super) title: &'static str,
    pub(super) lead: &'static str,
    pub(super) co: &'static [&'static str],
}

pub(super) struct TaskDef {
    pub(super) title: &'static str,
    pub(super) lead: &'static str,
    pub(super) measures: &'static [Measure],
}

pub(super) struct Goal {
    pub(super) title: &'static str,
    pub(super) domain: &'static str,
    pub(super) lead: &'static str,
    pub(super) tasks: &'static [TaskDef],
}

const fn m(title: &'static str, lead: &'static str, co: &'static [&'static str]) -> Measure {
    Measure { title, lead, co }
}

const fn t(title: &'static str, lead: &'static str, measures: &'static [Measure]) -> TaskDef {
    TaskDef { title, lead, measures }
}

const ALL_COUNTIES: &[&str] = &["dcq", "xsq", "hyx", "qqx", "smx", "lqs"];

pub(super) const GOALS: &[Goal] = &[
    Goal {
        title: "坚定不移推动产业转型",
        domain: "产业转型",
        lead: "gxj",
        tasks: &[
            t(
                "推进煤炭产业绿色高效发展",
                "nyuj",
                &[
                    m(
                        "推进智能化煤矿建设，年内建成智能化采掘工作面20个",
                        "nyuj",
                        &["gxj", "yjj"],
                    ),
                    m(
                        "加快煤矿兼并重组整合，关闭退出落后产能煤矿3座",
                        "nyuj",
                        &["zrzyj", "yjj"],
                    ),
                    m("推动煤炭洗选加工转化，原煤入洗率达到85%以上", "nyuj", &["gxj", "sthjj"]),
                ],
            ),
            t(
                "培育壮大新兴产业集群",
                "gxj",
                &[
                    m("实施光机电产业集群培育行动，产值增长15%以上", "gxj", &["kfq", "kjj"]),
                    m("推进新材料产业园建设，引进重点项目5个", "kfq", &["gxj", "tczx"]),
                    m("发展数字经济，年内建成5G基站1500个", "gxj", &["zjj", "zrzyj"]),
                ],
            ),
            t(
                "提升科技创新能力",
                "kjj",
                &[
                    m("新培育高新技术企业50家", "kjj", &["czj", "scjgj"]),
                    m("建设省级以上研发平台10个", "kjj", &["gxj", "jyj"]),
                    m("全社会研发投入强度提高到1.5%", "kjj", &["tjj", "czj"]),
                ],
            ),
            t(
                "加大招商引资力度",
                "tczx",
                &[
                    m("全年引进亿元以上项目60个", "tczx", &["swuj", "kfq"]),
                    m("举办产业链精准招商活动12场", "tczx", &["swuj", "gxj"]),
                    m("实际利用外资增长10%", "swuj", &["tczx"]),
                ],
            ),
        ],
    },
    Goal {
        title: "全力以赴抓好项目建设",
        domain: "项目建设",
        lead: "fgw",
        tasks: &[
            t(
                "推进省市县三级重点工程",
                "fgw",
                &[
                    m(
                        "实施市级重点工程200项，年度完成投资500亿元",
                        "fgw",
                        &["zjj", "jtj", "dcq", "xsq", "hyx", "qqx", "smx", "lqs"],
                    ),
                    m("重点工程开工率6月底前达到80%", "fgw", &["spj", "zrzyj"]),
                    m("建立重点工程领导包联制度，每月调度一次", "zfb", &["fgw"]),
                ],
            ),
            t(
                "加强项目谋划储备",
                "fgw",
                &[
                    m(
                        "谋划储备重大项目300个，总投资3000亿元",
                        "fgw",
                        &["zjj", "jtj", "sthjj", "nyj", "wjw"],
                    ),
                    m("争取中央预算内投资和地方政府专项债券资金50亿元", "fgw", &["czj"]),
                    m("建立项目前期工作经费保障机制", "czj", &["fgw"]),
                ],
            ),
            t(
                "优化项目审批服务",
                "spj",
                &[
                    m("工程建设项目审批时限压缩至80个工作日以内", "spj", &["zjj", "zrzyj"]),
                    m("推行“承诺制+标准地”改革", "spj", &["kfq", "zrzyj"]),
                    m("实现政务服务事项“一网通办”全覆盖", "spj", &["gxj"]),
                ],
            ),
            t(
                "强化项目要素保障",
                "zrzyj",
                &[
                    m("保障重点项目用地1.5万亩", "zrzyj", &["fgw"]),
                    m("推进银企对接，新增贷款200亿元", "jrj", &["czj"]),
                    m("加快政府和社会资本合作项目落地", "czj", &["fgw"]),
                ],
            ),
        ],
    },
    Goal {
        title: "加快推进城市建设和管理",
        domain: "城市建设",
        lead: "zjj",
        tasks: &[
            t(
                "完善城市规划体系",
                "zrzyj",
                &[
                    m("完成国土空间总体规划编制", "zrzyj", &["fgw", "zjj"]),
                    m("编制中心城区控制性详细规划", "zrzyj", &["zjj"]),
                    m("开展城市设计和特色风貌规划", "zrzyj", &["wlj"]),
                ],
            ),
            t(
                "提升城市功能品质",
                "zjj",
                &[
                    m("改造老旧小区120个", "zjj", &["dcq", "xsq"]),
                    m("新建改造城市道路30公里", "zjj", &["jtj"]),
                    m("推进海绵城市和地下综合管廊建设", "zjj", &["swj"]),
                ],
            ),
            t(
                "加强城市精细化管理",
                "cgj",
                &[
                    m("实现数字城管平台市县全覆盖", "cgj", &["gxj"]),
                    m("开展“两违”专项整治，拆除违法建筑50万平方米", "cgj", &["zrzyj", "gaj"]),
                    m("推进生活垃圾分类，城区覆盖率达到60%", "cgj", &["sthjj"]),
                ],
            ),
            t(
                "完善交通基础设施",
                "jtj",
                &[
                    m("推进高速公路建设，新增通车里程40公里", "jtj", &["fgw"]),
                    m("新改建农村公路300公里", "jtj", &["nyj"]),
                    m("优化城市公交线网，新增新能源公交车100辆", "jtj", &["gxj"]),
                ],
            ),
        ],
    },
    Goal {
        title: "坚决打好污染防治攻坚战",
        domain: "生态环保",
        lead: "sthjj",
        tasks: &[
            t(
                "打赢蓝天保卫战",
                "sthjj",
                &[
                    m("环境空气质量优良天数比例达到70%以上", "sthjj", &["gxj", "zjj", "jtj"]),
                    m("细颗粒物（PM2.5）平均浓度下降5%", "sthjj", &["gxj"]),
                    m("完成钢铁、焦化行业超低排放改造", "gxj", &["sthjj"]),
                ],
            ),
            t(
                "打好碧水保卫战",
                "swj",
                &[
                    m("国考、省考断面水质全部达标", "sthjj", &["swj"]),
                    m("完成县城污水处理厂提标改造6座", "swj", &["zjj"]),
                    m("全面落实河湖长制，清理整治河道“四乱”问题", "swj", &["sthjj"]),
                ],
            ),
            t(
                "推进生态保护修复",
                "lyj",
                &[
                    m("完成营造林30万亩", "lyj", &["nyj"]),
                    m("治理废弃矿山生态环境1万亩", "zrzyj", &["lyj"]),
                    m("创建国家森林城市", "lyj", &["zjj"]),
                ],
            ),
        ],
    },
    Goal {
        title: "统筹抓好安全生产和应急管理",
        domain: "安全生产",
        lead: "yjj",
        tasks: &[
            t(
                "压紧压实安全生产责任",
                "yjj",
                &[
                    m("开展安全生产专项整治三年行动", "yjj", &["gaj", "jtj", "zjj", "nyuj"]),
                    m(
                        "健全安全生产责任体系，与各县（市、区）签订目标责任书",
                        "yjj",
                        ALL_COUNTIES,
                    ),
                    m("生产安全事故起数和死亡人数实现“双下降”", "yjj", &["gaj"]),
                ],
            ),
            t(
                "加强重点行业领域安全监管",
                "yjj",
                &[
                    m("开展煤矿安全生产大检查", "nyuj", &["yjj"]),
                    m("加强危险化学品安全管理", "yjj", &["gxj"]),
                    m("深化道路交通安全隐患整治", "gaj", &["jtj"]),
                ],
            ),
            t(
                "提升应急处置能力",
                "yjj",
                &[
                    m("修订完善森林防火应急预案", "lyj", &["yjj"]),
                    m("建设市级应急物资储备库", "yjj", &["czj"]),
                    m("开展各类应急演练50次", "yjj", &[]),
                ],
            ),
        ],
    },
    Goal {
        title: "持续保障和改善民生",
        domain: "民生",
        lead: "rsj",
        tasks: &[
            t(
                "稳定和扩大就业",
                "rsj",
                &[
                    m("城镇新增就业3.5万人", "rsj", &[]),
                    m("城镇登记失业率控制在4%以内", "rsj", &[]),
                    m("开展职业技能培训5万人次", "rsj", &["jyj"]),
                ],
            ),
            t(
                "优先发展教育事业",
                "jyj",
                &[
                    m("新建改扩建中小学、幼儿园20所", "jyj", &["zjj", "zrzyj"]),
                    m("推进义务教育优质均衡发展", "jyj", &[]),
                    m("办好人民满意的职业教育", "jyj", &["rsj"]),
                ],
            ),
            t(
                "推进健康云州建设",
                "wjw",
                &[
                    m("推进紧密型县域医疗卫生共同体建设", "wjw", &["ybj"]),
                    m("提升疫情防控和公共卫生应急能力", "wjw", &["yjj"]),
                    m("实现城乡居民基本医疗保险市级统筹", "ybj", &["czj"]),
                ],
            ),
            t(
                "完善社会保障体系",
                "mzj",
                &[
                    m("提高城乡居民最低生活保障标准", "mzj", &["czj"]),
                    m("新建社区养老服务中心30个", "mzj", &["zjj"]),
                    m("深入实施全民参保计划", "rsj", &["ybj"]),
                ],
            ),
            t(
                "繁荣发展文化旅游",
                "wlj",
                &[
                    m("创建国家全域旅游示范区", "wlj", &["fgw"]),
                    m("全年接待游客人次增长12%", "wlj", &[]),
                    m("建设城市书房20个", "wlj", &["jyj"]),
                ],
            ),
        ],
    },
    Goal {
        title: "纵深推进改革开放",
        domain: "改革开放",
        lead: "fgw",
        tasks: &[
            t(
                "深化国资国企改革",
                "gzw",
                &[
                    m("完成市属国有企业混合所有制改革10户", "gzw", &["czj"]),
                    m("推进国有资本投资运营公司改建", "gzw", &[]),
                    m("完成厂办大集体改革", "gzw", &["rsj"]),
                ],
            ),
            t(
                "持续优化营商环境",
                "spj",
                &[
                    m("开展营商环境评价并抓好问题整改", "fgw", &["spj"]),
                    m("企业开办时间压缩至1个工作日以内", "spj", &["scjgj"]),
                    m("全面落实减税降费政策", "czj", &["scjgj"]),
                ],
            ),
            t(
                "推进开发区改革创新",
                "kfq",
                &[
                    m("全面完成开发区“三化三制”改革", "kfq", &["rsj"]),
                    m("开发区主要经济指标增长20%以上", "kfq", &[]),
                    m("推进开发区扩区调规", "kfq", &["zrzyj"]),
                ],
            ),
        ],
    },
    Goal {
        title: "扎实推进乡村振兴",
        domain: "乡村振兴",
        lead: "nyj",
        tasks: &[
            t(
                "巩固拓展脱贫攻坚成果",
                "nyj",
                &[
                    m("剩余贫困人口全部稳定脱贫", "nyj", &["mzj", "rsj"]),
                    m("开展脱贫攻坚“回头看”", "nyj", &[]),
                    m("建立防止返贫监测和帮扶机制", "nyj", &["mzj"]),
                ],
            ),
            t(
                "发展现代特色农业",
                "nyj",
                &[
                    m("粮食播种面积稳定在200万亩以上", "nyj", &[]),
                    m("建设高标准农田10万亩", "nyj", &["zrzyj"]),
                    m("发展特色农产品精深加工", "nyj", &["gxj"]),
                ],
            ),
            t(
                "建设美丽宜居乡村",
                "nyj",
                &[
                    m("农村生活垃圾收运处置体系覆盖率达到95%", "nyj", &["cgj"]),
                    m("完成农村户用厕所改造3万户", "nyj", &["wjw"]),
                    m("创建美丽乡村示范村50个", "nyj", ALL_COUNTIES),
                ],
            ),
        ],
    },
];
