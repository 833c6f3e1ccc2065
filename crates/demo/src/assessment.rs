//! The demo city's assessment: a half-year scheme with the defaults of common practice, its
//! rankings seen by the office and the leaders; its scores are judged from the demo's records
//! when first read.

use luoshi_domain::assessment::{
    DEFAULT_GRADING, default_groups, default_rules,
    scheme::{grading_code, groups_code},
};
use luoshi_store::{
    Result, Tx,
    assessment::{SchemeFields, insert_scheme},
};

use crate::{city::City, day};

/// Starts the demo's 2020年上半年 scheme; returns its id.
pub async fn build(tx: &mut Tx, city: &City, office: i64, now: chrono::DateTime<chrono::Utc>) -> Result<i64> {
    let groups = groups_code(&default_groups());
    let grading = grading_code(DEFAULT_GRADING);
    let rules: Vec<(String, i64, Option<i64>)> = default_rules()
        .iter()
        .map(|r| (r.kind.code().to_string(), r.points, r.cap))
        .collect();
    let f = SchemeFields {
        name: "2020年上半年市直部门和县（市、区）绩效考核",
        kind: "half_year",
        from: day(2020, 1, 1),
        to: day(2020, 6, 30),
        base: 10_000,
        floor: 6_000,
        evaluation_share: 0,
        groups: &groups,
        grading: &grading,
        visibility: "leaders",
    };
    insert_scheme(tx, city.region, f, &rules, None, office, now).await
}
