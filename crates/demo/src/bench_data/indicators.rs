//! A generated city's indicators: forty for the year — amounts in 亿元 judged by time progress
//! and growth rates judged against their targets, spread over the units and vice-mayors — each
//! with its figures accepted month by month up to last month at paces that give every light,
//! and this month's waiting for the office for some.

use chrono::NaiveDate;
use luoshi_domain::indicator::{Figure, Profile};
use luoshi_store::{Result, Tx};

use super::{GenSummary, Ids, Rows};
use crate::{day, rng::Rng};

/// Indicators per city.
pub(super) const PER_CITY: usize = 40;

const NAMES: &[&str] = &[
    "地区生产总值",
    "规模以上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
    "外贸进出口总额",
    "招商引资到位资金",
    "城镇居民人均可支配收入",
    "农村居民人均可支配收入",
    "金融机构各项贷款余额",
];

/// Writes the city's indicators and their figures up to `today`.
pub(super) async fn indicators(
    tx: &mut Tx,
    ids: &mut Ids,
    rng: &mut Rng,
    summary: &mut GenSummary,
    (region, units, leaders, office_user): (i64, &[i64], &[i64], i64),
    today: NaiveDate,
) -> Result<()> {
    let mut rows = Rows::new(
        "indicator",
        &[
            "id",
            "region_id",
            "name",
            "measure",
            "kind",
            "direction",
            "frequency",
            "source",
            "year",
            "target",
            "profile",
            "decimals",
            "unit_id",
            "leader_id",
            "sort",
            "created_by",
            "created_at",
        ],
    );
    let mut figures = Rows::new(
        "indicator_actual",
        &[
            "id",
            "region_id",
            "indicator_id",
            "month",
            "value",
            "judged",
            "accepted",
            "status",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
        ],
    );
    let since = day(2020, 1, 2).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let linear = serde_json::to_string(&Profile::Linear).unwrap_or_default();
    let this = today.format("%m").to_string().parse::<u32>().unwrap_or(12);
    for n in 0..PER_CITY {
        let id = Ids::take(&mut ids.indicator);
        let rate = n % 3 == 2;
        let name = format!(
            "{}{}（{}）",
            NAMES[n % NAMES.len()],
            if rate { "增速" } else { "" },
            n / NAMES.len() + 1
        );
        // An amount of 20 to 500 亿元; a rate of 5 to 9 %.
        let target = if rate {
            Figure::whole(5 + rng.below(5) as i64)
        } else {
            Figure::whole(20 + rng.below(49) as i64 * 10)
        };
        let unit = units[n % units.len().max(1)];
        rows.push(vec![
            id.into(),
            region.into(),
            name.into(),
            if rate { "%" } else { "亿元" }.into(),
            if rate { "rate" } else { "amount" }.into(),
            "higher".into(),
            "monthly".into(),
            "statistics".into(),
            2020i64.into(),
            target.0.into(),
            linear.clone().into(),
            1i64.into(),
            unit.into(),
            leaders.get(n % leaders.len().max(1)).copied().into(),
            (n as i64).into(),
            office_user.into(),
            since.into(),
        ]);
        // A pace from 85% to 110% of the target's.
        let pace = [85, 92, 97, 100, 104, 110][rng.below(6) as usize];
        for m in 1..=this {
            let value = if rate {
                Figure(target.0 * pace / 100)
            } else {
                Figure((target.0 as i128 * pace as i128 * m as i128 / 1200) as i64)
            };
            let current = m == this;
            // This month's is entered for a third of them and waits for the office.
            if current && n % 3 != 0 {
                continue;
            }
            let sent = day(2020, m.min(11) + 1, 12)
                .and_hms_opt(2, 0, 0)
                .unwrap_or_default()
                .and_utc();
            let sent = if current {
                today.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc()
            } else {
                sent
            };
            figures.push(vec![
                Ids::take(&mut ids.indicator_actual).into(),
                region.into(),
                id.into(),
                format!("2020-{m:02}").into(),
                value.0.into(),
                value.0.into(),
                (!current).then_some(value.0).into(),
                if current { "submitted" } else { "accepted" }.into(),
                office_user.into(),
                sent.into(),
                (!current).then_some(office_user).into(),
                (!current).then_some(sent).into(),
            ]);
        }
    }
    summary.indicators += rows.flush(tx).await?;
    summary.indicator_figures += figures.flush(tx).await?;
    Ok(())
}
