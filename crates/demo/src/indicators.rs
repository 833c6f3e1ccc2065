//! The demo city's main indicators for 2020 (主要经济指标), with their figures January–June as
//! the responsible units entered them and the office accepted them — some ahead of time
//! progress (序时进度), some behind, one a ceiling (能源消费总量), one judged by days (空气质量优良
//! 天数), one back-loaded (固定资产投资), two quarterly; June's figures partly accepted, one
//! waiting, one returned, one not yet entered (社会消费品零售总额, the browser test's), so the
//! half-way table (双过半) has both answers.

use luoshi_domain::indicator::{Figure, Profile};
use luoshi_store::{
    Result, Tx,
    indicator::{self, IndicatorFields},
    indicator_actual::{self, Entered},
};

use crate::{at, city::City, day};

/// One indicator of the demo.
struct Spec {
    name: &'static str,
    measure: &'static str,
    kind: &'static str,
    direction: &'static str,
    frequency: &'static str,
    source: &'static str,
    target: &'static str,
    profile: &'static str,
    unit: &'static str,
    leader: &'static str,
    computed: bool,
    /// Figures by month (1 = January), as entered: the value and last year's same period.
    figures: &'static [(u32, &'static str, &'static str)],
    /// What became of June's: accepted, waiting, returned (or June not entered at all).
    june: June,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum June {
    Accepted,
    Waiting,
    Returned,
}

const SPECS: &[Spec] = &[
    Spec {
        name: "地区生产总值增速",
        measure: "%",
        kind: "rate",
        direction: "higher",
        frequency: "quarterly",
        source: "statistics",
        target: "6.5",
        profile: "linear",
        unit: "tjj",
        leader: "changwu",
        computed: false,
        figures: &[(3, "-5.1", "6.4"), (6, "-1.3", "6.3")],
        june: June::Accepted,
    },
    Spec {
        name: "规模以上工业增加值增速",
        measure: "%",
        kind: "rate",
        direction: "higher",
        frequency: "monthly",
        source: "statistics",
        target: "7",
        profile: "linear",
        unit: "gxj",
        leader: "gongye",
        computed: false,
        figures: &[
            (1, "-9", "6.1"),
            (2, "-8.5", "6.2"),
            (3, "-4.2", "6.5"),
            (4, "-1.5", "6.6"),
            (5, "0.8", "6.8"),
            (6, "2.1", "6.9"),
        ],
        june: June::Accepted,
    },
    Spec {
        name: "固定资产投资",
        measure: "亿元",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "statistics",
        target: "520",
        profile: "5,10,18,26,35,45,54,63,72,81,90,100",
        unit: "fgw",
        leader: "changwu",
        computed: false,
        figures: &[
            (1, "20", "22.5"),
            (2, "45", "51"),
            (3, "88", "95.2"),
            (4, "130", "138.6"),
            (5, "176", "181.3"),
            (6, "240", "229.8"),
        ],
        june: June::Waiting,
    },
    Spec {
        name: "社会消费品零售总额",
        measure: "亿元",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "statistics",
        target: "620",
        profile: "linear",
        unit: "swuj",
        leader: "gongye",
        computed: false,
        figures: &[
            (1, "48", "50.1"),
            (2, "85", "97.3"),
            (3, "132", "149"),
            (4, "180", "198.2"),
            (5, "232", "247.5"),
        ],
        june: June::Accepted,
    },
    Spec {
        name: "一般公共预算收入",
        measure: "亿元",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "unit",
        target: "96",
        profile: "linear",
        unit: "czj",
        leader: "changwu",
        computed: false,
        figures: &[
            (1, "9.8", "9.1"),
            (2, "17.2", "16.4"),
            (3, "24.6", "24.9"),
            (4, "33.1", "32.6"),
            (5, "41.5", "40.2"),
            (6, "50.3", "48.7"),
        ],
        june: June::Accepted,
    },
    Spec {
        name: "城镇居民人均可支配收入增速",
        measure: "%",
        kind: "rate",
        direction: "higher",
        frequency: "quarterly",
        source: "statistics",
        target: "7.5",
        profile: "linear",
        unit: "tjj",
        leader: "changwu",
        computed: true,
        figures: &[(3, "10125", "9918"), (6, "18960", "18320")],
        june: June::Accepted,
    },
    Spec {
        name: "招商引资到位资金",
        measure: "亿元",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "unit",
        target: "150",
        profile: "linear",
        unit: "tczx",
        leader: "gongye",
        computed: false,
        figures: &[
            (1, "10.2", ""),
            (2, "21.5", ""),
            (3, "36.8", ""),
            (4, "52.4", ""),
            (5, "66.9", ""),
            (6, "82", ""),
        ],
        june: June::Returned,
    },
    Spec {
        name: "外贸进出口总额",
        measure: "亿元",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "statistics",
        target: "45",
        profile: "linear",
        unit: "swuj",
        leader: "gongye",
        computed: false,
        figures: &[
            (1, "2.9", "3.4"),
            (2, "5.1", "6.9"),
            (3, "8.6", "10.8"),
            (4, "12.1", "14.5"),
            (5, "15.8", "18.2"),
            (6, "19.2", "21.9"),
        ],
        june: June::Accepted,
    },
    Spec {
        name: "能源消费总量",
        measure: "万吨标准煤",
        kind: "amount",
        direction: "lower",
        frequency: "monthly",
        source: "statistics",
        target: "1280",
        profile: "linear",
        unit: "nyuj",
        leader: "gongye",
        computed: false,
        figures: &[
            (1, "101", "108"),
            (2, "199", "214"),
            (3, "305", "322"),
            (4, "402", "426"),
            (5, "499", "531"),
            (6, "598", "637"),
        ],
        june: June::Accepted,
    },
    Spec {
        name: "空气质量优良天数",
        measure: "天",
        kind: "amount",
        direction: "higher",
        frequency: "monthly",
        source: "unit",
        target: "260",
        profile: "days",
        unit: "sthjj",
        leader: "nongye",
        computed: false,
        figures: &[
            (1, "19", "17"),
            (2, "41", "36"),
            (3, "63", "58"),
            (4, "87", "80"),
            (5, "108", "101"),
            (6, "131", "124"),
        ],
        june: June::Accepted,
    },
];

/// The indicators the demo's task forces own, by name.
pub const OF_CLUSTERS: &[&str] = &["规模以上工业增加值增速", "招商引资到位资金"];
/// The indicators the project-planning task force owns.
pub const OF_PROJECTS: &[&str] = &["固定资产投资"];

/// Writes the indicators and their figures; returns their ids by name.
pub async fn build(tx: &mut Tx, city: &City, office: i64) -> Result<Vec<(&'static str, i64)>> {
    let region = city.region;
    let mut out = Vec::new();
    for (sort, s) in SPECS.iter().enumerate() {
        let figure = |v: &str| Figure::parse(v).map(|f| f.0).unwrap_or(0);
        let profile = serde_json::to_string(&Profile::parse(s.profile).unwrap_or_default()).unwrap_or_default();
        let fields = IndicatorFields {
            name: s.name,
            measure: s.measure,
            kind: s.kind,
            direction: s.direction,
            frequency: s.frequency,
            source: s.source,
            year: 2020,
            target: figure(s.target),
            profile: &profile,
            decimals: if s.measure == "天" { 0 } else { 1 },
            computed: s.computed,
            unit_id: city.unit(s.unit),
            leader_id: city.leaders.get(s.leader).copied(),
            task_id: None,
            task_force_id: None,
            public: s.kind == "amount" && s.direction == "higher",
            sort: sort as i64,
        };
        let id = indicator::insert(tx, region, fields, office, at(day(2020, 1, 10), 9)).await?;
        let unit_user = luoshi_store::user::user_by_username(tx, region, s.unit)
            .await?
            .map(|u| u.id)
            .unwrap_or(office);
        for (m, value, last_year) in s.figures {
            let value = figure(value);
            let last_year = (!last_year.is_empty()).then(|| figure(last_year));
            let judged = if s.computed {
                last_year
                    .and_then(|ly| Figure(value).growth_over(Figure(ly)))
                    .map(|f| f.0)
                    .unwrap_or(0)
            } else {
                value
            };
            // A month's figure comes by the 12th of the next (June's: on the 29th, early).
            let sent = if *m == 6 {
                at(day(2020, 6, 29), 10)
            } else {
                at(day(2020, m + 1, 12), 10)
            };
            let e = Entered {
                value,
                last_year,
                judged,
                note: "",
            };
            let month = format!("2020-{m:02}");
            let fid = indicator_actual::insert(tx, region, id, &month, e, unit_user, sent).await?;
            let decided = if *m == 6 {
                at(day(2020, 6, 30), 9)
            } else {
                at(day(2020, m + 1, 14), 15)
            };
            match (*m == 6, s.june) {
                (true, June::Waiting) => {}
                (true, June::Returned) => {
                    let note = "与省商务厅通报口径不一致，请核实后重报";
                    indicator_actual::review(tx, region, fid, 1, false, note, office, decided).await?;
                }
                _ => {
                    indicator_actual::review(tx, region, fid, 1, true, "", office, decided).await?;
                }
            }
        }
        out.push((s.name, id));
    }
    Ok(out)
}
