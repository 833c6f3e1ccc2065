//! The demo city: 云州市, a fictional prefecture-level city of 河东省 — its units, leaders and
//! user accounts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use luoshi_store::{
    Result, Tx,
    leader::{insert_leader, oversee},
    region::insert_region,
    unit::{NewUnit, insert_unit, merge_unit, rename_unit},
    user::{NewUser, insert_user},
};

use crate::day;

/// (key, full name, short name, category, leader key, login name)
pub const UNITS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("zfb", "市人民政府办公室", "市政府办", "office", "mishuzhang", "zfb"),
    ("dcs", "市政府督查室", "督查室", "office", "mishuzhang", "dcs"),
    ("fgw", "市发展和改革委员会", "市发改委", "department", "changwu", "fgw"),
    ("gxj", "市工业和信息化局", "市工信局", "department", "gongye", "gxj"),
    ("jyj", "市教育局", "市教育局", "department", "wenjiao", "jyj"),
    ("kjj", "市科学技术局", "市科技局", "department", "gongye", "kjj"),
    ("gaj", "市公安局", "市公安局", "department", "zhengfa", "gaj"),
    ("mzj", "市民政局", "市民政局", "department", "wenjiao", "mzj"),
    ("sfj", "市司法局", "市司法局", "department", "zhengfa", "sfj"),
    ("czj", "市财政局", "市财政局", "department", "changwu", "czj"),
    (
        "rsj",
        "市人力资源和社会保障局",
        "市人社局",
        "department",
        "wenjiao",
        "rsj",
    ),
    (
        "zrzyj",
        "市自然资源和规划局",
        "市自然资源局",
        "department",
        "chengjian",
        "zrzyj",
    ),
    ("sthjj", "市生态环境局", "市生态环境局", "department", "nongye", "sthjj"),
    (
        "zjj",
        "市住房和城乡建设局",
        "市住建局",
        "department",
        "chengjian",
        "zjj",
    ),
    ("jtj", "市交通运输局", "市交通局", "department", "chengjian", "jtj"),
    ("swj", "市水务局", "市水务局", "department", "chengjian", "swj"),
    ("nyj", "市农业农村局", "市农业农村局", "department", "nongye", "nyj"),
    ("swuj", "市商务局", "市商务局", "department", "gongye", "swuj"),
    ("wlj", "市文化和旅游局", "市文旅局", "department", "wenjiao", "wlj"),
    ("wjw", "市卫生健康委员会", "市卫健委", "department", "wenjiao", "wjw"),
    ("yjj", "市应急管理局", "市应急局", "department", "nongye", "yjj"),
    ("sjj", "市审计局", "市审计局", "department", "shizhang", "sjj"),
    (
        "gzw",
        "市人民政府国有资产监督管理委员会",
        "市国资委",
        "department",
        "changwu",
        "gzw",
    ),
    (
        "scjgj",
        "市市场监督管理局",
        "市市场监管局",
        "department",
        "zhengfa",
        "scjgj",
    ),
    ("tjj", "市统计局", "市统计局", "department", "changwu", "tjj"),
    ("lyj", "市林业局", "市林业局", "department", "nongye", "lyj"),
    ("nyuj", "市能源局", "市能源局", "department", "gongye", "nyuj"),
    ("cgj", "市城市管理局", "市城管局", "department", "chengjian", "cgj"),
    (
        "spj",
        "市行政审批服务管理局",
        "市审批局",
        "department",
        "changwu",
        "spj",
    ),
    ("tczx", "市投资促进中心", "市投促中心", "department", "gongye", "tczx"),
    ("ybj", "市医疗保障局", "市医保局", "department", "wenjiao", "ybj"),
    (
        "jrj",
        "市地方金融监督管理局",
        "市金融局",
        "department",
        "changwu",
        "jrj",
    ),
    ("lfw", "市旅游发展委员会", "市旅发委", "department", "wenjiao", "lfw"),
    (
        "kfq",
        "云州经济技术开发区管理委员会",
        "开发区管委会",
        "zone",
        "changwu",
        "kfq",
    ),
    ("dcq", "东城区人民政府", "东城区", "county", "changwu", "dcq"),
    ("xsq", "西山区人民政府", "西山区", "county", "changwu", "xsq"),
    ("hyx", "河阳县人民政府", "河阳县", "county", "changwu", "hyx"),
    ("qqx", "清泉县人民政府", "清泉县", "county", "changwu", "qqx"),
    ("smx", "石门县人民政府", "石门县", "county", "changwu", "smx"),
    ("lqs", "龙泉市人民政府", "龙泉市", "county", "changwu", "lqs"),
];

/// (key, name, title, portfolio, login name)
pub const LEADERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "shizhang",
        "陈卫国",
        "市长",
        "主持市政府全面工作，分管审计工作",
        "chenweiguo",
    ),
    (
        "changwu",
        "李建平",
        "常务副市长",
        "发展改革、财政、国资国企、统计、金融、行政审批、开发区，联系各县（市、区）",
        "lijianping",
    ),
    (
        "gongye",
        "赵明华",
        "副市长",
        "工业和信息化、能源、商务、科技、招商引资",
        "zhaominghua",
    ),
    (
        "wenjiao",
        "孙丽娟",
        "副市长",
        "教育、卫生健康、医疗保障、民政、人社、文化旅游",
        "sunlijuan",
    ),
    (
        "chengjian",
        "周文斌",
        "副市长",
        "住房城乡建设、城市管理、自然资源和规划、交通、水务",
        "zhouwenbin",
    ),
    (
        "nongye",
        "吴志强",
        "副市长",
        "农业农村、林业、生态环境、应急管理和安全生产",
        "wuzhiqiang",
    ),
    (
        "zhengfa",
        "郑海涛",
        "副市长、市公安局局长",
        "公安、司法、市场监管",
        "zhenghaitao",
    ),
    (
        "mishuzhang",
        "王春生",
        "市政府秘书长",
        "协助市长处理市政府日常工作，负责督查工作",
        "wangchunsheng",
    ),
];

/// The demo password of every account. For the demo only: a real deployment creates its own
/// accounts (`luoshi user add`).
pub const DEMO_PASSWORD: &str = "Luoshi@2020";

/// Ids of what the city is made of, by key.
#[derive(Debug, Default)]
pub struct City {
    /// The city region.
    pub region: i64,
    /// Units by key.
    pub units: HashMap<&'static str, i64>,
    /// Leaders by key.
    pub leaders: HashMap<&'static str, i64>,
    /// The overseeing leader of each unit, by unit key.
    pub unit_leader: HashMap<&'static str, &'static str>,
    /// (role in words, login, password) of one account per role, for the demo banner.
    pub logins: Vec<(String, String, String)>,
}

impl City {
    /// A unit's id by key (0 if the key is unknown, which the tests rule out).
    pub fn unit(&self, key: &str) -> i64 {
        self.units.get(key).copied().unwrap_or(0)
    }

    /// The leader who oversees a unit.
    pub fn leader_of(&self, unit_key: &str) -> Option<i64> {
        self.unit_leader
            .get(unit_key)
            .and_then(|l| self.leaders.get(l))
            .copied()
    }
}

/// Builds the regions, units (with a rename and a merge on record), leaders and accounts.
pub async fn build(tx: &mut Tx, password_hash: &str, now: DateTime<Utc>) -> Result<City> {
    let province = insert_region(tx, None, "province", "990000", "河东省", now).await?;
    let region = insert_region(tx, Some(province), "city", crate::CITY_CODE, "云州市", now).await?;
    for (code, name) in [
        ("990102", "东城区"),
        ("990103", "西山区"),
        ("990121", "河阳县"),
        ("990122", "清泉县"),
        ("990123", "石门县"),
        ("990181", "龙泉市"),
    ] {
        insert_region(tx, Some(region), "county", code, name, now).await?;
    }
    let mut city = City {
        region,
        ..City::default()
    };

    for (sort, (key, name, short, category, leader, _)) in UNITS.iter().enumerate() {
        // 市商务局 was 市商务粮食局 until 1 April 2020; old reports keep the old name.
        let first_name = if *key == "swuj" {
            ("市商务粮食局", "市商务粮食局")
        } else {
            (*name, *short)
        };
        let id = insert_unit(
            tx,
            region,
            &NewUnit {
                category,
                name: first_name.0,
                short_name: first_name.1,
                sort: sort as i64,
                created_on: day(2015, 1, 1),
            },
        )
        .await?;
        if *key == "swuj" {
            rename_unit(tx, region, id, name, short, day(2020, 4, 1)).await?;
        }
        city.units.insert(key, id);
        city.unit_leader.insert(key, leader);
    }
    // 市旅游发展委员会 was merged into 市文化和旅游局 on 1 March 2020.
    merge_unit(tx, region, city.unit("lfw"), city.unit("wlj"), day(2020, 3, 1)).await?;

    for (sort, (key, name, title, portfolio, _)) in LEADERS.iter().enumerate() {
        let id = insert_leader(tx, region, name, title, portfolio, sort as i64).await?;
        city.leaders.insert(key, id);
    }
    for (key, _, _, _, leader, _) in UNITS {
        if let Some(l) = city.leaders.get(leader) {
            oversee(tx, region, *l, city.unit(key)).await?;
        }
    }

    let user = |username: &'static str, display: &'static str, role: &'static str| NewUser {
        username,
        display_name: display,
        password_hash,
        role,
        unit_id: None,
        leader_id: None,
        must_change: false,
        email: "",
    };
    insert_user(tx, region, &user("admin", "系统管理员", "admin"), now).await?;
    insert_user(tx, region, &user("security", "安全管理员", "security_officer"), now).await?;
    insert_user(tx, region, &user("auditor", "审计管理员", "auditor"), now).await?;
    insert_user(
        tx,
        region,
        &NewUser {
            unit_id: Some(city.unit("dcs")),
            ..user("duchashi", "刘敏（督查室）", "supervisor")
        },
        now,
    )
    .await?;
    for (key, name, _, _, login) in LEADERS {
        insert_user(
            tx,
            region,
            &NewUser {
                leader_id: city.leaders.get(key).copied(),
                ..user(login, name, "leader")
            },
            now,
        )
        .await?;
    }
    for (key, _, short, _, _, login) in UNITS {
        if *key == "lfw" {
            continue; // merged: no active liaison
        }
        let display = format!("{short}联络员");
        let u = NewUser {
            display_name: &display,
            unit_id: Some(city.unit(key)),
            ..user(login, "", "unit_user")
        };
        insert_user(tx, region, &u, now).await?;
    }

    let pw = DEMO_PASSWORD.to_string();
    city.logins = vec![
        ("督查室 supervisor".into(), "duchashi".into(), pw.clone()),
        ("市长 leader".into(), "chenweiguo".into(), pw.clone()),
        ("副市长 leader".into(), "wuzhiqiang".into(), pw.clone()),
        ("单位联络员 unit user（市工信局）".into(), "gxj".into(), pw.clone()),
        ("单位联络员 unit user（市应急局）".into(), "yjj".into(), pw.clone()),
        ("单位联络员 unit user（市住建局）".into(), "zjj".into(), pw.clone()),
        ("系统管理员 admin".into(), "admin".into(), pw.clone()),
        ("安全管理员 security officer".into(), "security".into(), pw.clone()),
        ("审计管理员 auditor".into(), "auditor".into(), pw),
    ];
    Ok(city)
}
