//! A row the reader marked as an indicator (指标) becomes an indicator beside its task: its
//! target read from the words (`增长6.5%` → a growth rate of 6.5; `控制在1280万吨以内` → a ceiling
//! of 1,280 万吨; `下降3%` → a rate of −3, lower better), the task's lead unit reporting it, the
//! task driving it, in the plan's year. A row whose words give no target, or whose name the
//! year already has, stays a task only.

use luoshi_domain::indicator::{IndicatorInput, check_indicator};
use luoshi_lights::Change;
use luoshi_store::indicator::IndicatorFields;
use serde_json::json;

use super::Row;
use crate::{
    access::SupervisorCap,
    error::AppResult,
    ops::{Record, record},
};

/// The indicator `row` describes, in `year`, if its words give a target.
pub fn input_of(row: &Row, year: i32) -> Option<IndicatorInput> {
    if row.kind != "indicator" {
        return None;
    }
    let (t, _, _) =
        luoshi_text::indicator::find(&row.description).or_else(|| luoshi_text::indicator::find(&row.title))?;
    let rate = t.unit == "%" || t.unit == "个百分点";
    let lower = matches!(t.direction.as_str(), "max" | "down");
    // A fall is a negative growth rate, better the lower it goes.
    let value = if rate && t.direction == "down" {
        -t.value
    } else {
        t.value
    };
    let name: String = row.title.trim().chars().take(50).collect();
    Some(IndicatorInput {
        name,
        measure: if rate { "%".into() } else { t.unit.clone() },
        kind: if rate { "rate" } else { "amount" }.into(),
        direction: if lower { "lower" } else { "higher" }.into(),
        frequency: String::new(),
        source: String::new(),
        year: year.to_string(),
        target: format!("{value}"),
        profile: String::new(),
        decimals: String::new(),
        computed: false,
    })
}

/// Adds the indicator of `row` (driven by task `task`, reported by `unit`) inside `tx`;
/// returns its id, or `None` when the row gives none or the year has one of that name.
pub async fn add(
    tx: &mut luoshi_store::Tx,
    cap: &SupervisorCap,
    row: &Row,
    year: i32,
    task: i64,
    unit: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Option<i64>> {
    let (Some(input), Some(unit)) = (input_of(row, year), unit) else {
        return Ok(None);
    };
    let Ok(v) = check_indicator(&input) else {
        return Ok(None);
    };
    let taken = luoshi_store::indicator::indicators(tx, cap.region, year)
        .await?
        .iter()
        .any(|i| i.name == v.name);
    if taken {
        return Ok(None);
    }
    let profile = serde_json::to_string(&v.profile).unwrap_or_default();
    let fields = IndicatorFields {
        name: &v.name,
        measure: &v.measure,
        kind: v.kind.code(),
        direction: v.direction.code(),
        frequency: v.frequency.code(),
        source: v.source.code(),
        year: v.year,
        target: v.target.0,
        profile: &profile,
        decimals: v.decimals as i32,
        computed: false,
        unit_id: unit,
        leader_id: None,
        task_id: Some(task),
        task_force_id: None,
        public: false,
        sort: 0,
    };
    let id = luoshi_store::indicator::insert(tx, cap.region, fields, cap.actor.id, now).await?;
    record(
        tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::IndicatorAdded { indicator: id },
            entity: "indicator",
            entity_id: id,
            before: None,
            after: json!({ "name": v.name, "year": v.year, "target": v.target.0, "unit_id": unit, "task_id": task,
                "kind": v.kind.code(), "from_text": true }),
        },
        now,
    )
    .await?;
    Ok(Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, description: &str) -> Row {
        Row {
            kind: "indicator".into(),
            title: title.into(),
            description: description.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_rows_words_give_its_indicators_kind_direction_and_target() {
        let i = input_of(&row("地区生产总值增长6.5%左右", ""), 2020).unwrap();
        assert_eq!(
            (
                i.kind.as_str(),
                i.direction.as_str(),
                i.target.as_str(),
                i.measure.as_str()
            ),
            ("rate", "higher", "6.5", "%")
        );
        let i = input_of(&row("能源消费总量", "指标目标：控制在1280万吨以内"), 2020).unwrap();
        assert_eq!(
            (
                i.kind.as_str(),
                i.direction.as_str(),
                i.target.as_str(),
                i.measure.as_str()
            ),
            ("amount", "lower", "1280", "万吨")
        );
        let i = input_of(&row("单位GDP能耗下降3%", ""), 2020).unwrap();
        assert_eq!(
            (i.kind.as_str(), i.direction.as_str(), i.target.as_str()),
            ("rate", "lower", "-3")
        );
        assert!(input_of(&row("全年引进项目60个", ""), 2020).is_none());
        let i = input_of(&row("城镇登记失业率", "登记失业率控制在4.5%以内"), 2020).unwrap();
        assert!(check_indicator(&i).is_ok(), "{i:?}: {:?}", check_indicator(&i));
        assert!(
            input_of(
                &Row {
                    kind: "task".into(),
                    ..row("增长6.5%", "")
                },
                2020
            )
            .is_none()
        );
    }
}
