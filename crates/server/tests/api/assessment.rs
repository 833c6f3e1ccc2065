//! Assessment scores on the demo city, both databases (issue 19, in progress): a half-year
//! scheme with the defaults of common practice started by the office scores every unit of its
//! groups from the records — every rule line naming a record of the region, the lines adding up
//! to the total — ranks each group, and judging again gives the same scores.

use luoshi_domain::assessment::{DEFAULT_GRADING, PeriodKind, Scheme, Visibility, default_groups, default_rules};
use luoshi_server::access::{Actor, SupervisorCap};

use crate::helpers::*;

#[tokio::test]
async fn a_half_year_scheme_scores_every_unit_from_its_records() {
    for app in spawn_apps().await {
        let be = app.backend;
        let state = state_on(&app, today());
        let office = app.account("duchashi").await;
        let cap = SupervisorCap {
            region: office.region_id,
            actor: Actor {
                id: office.id,
                name: office.username.clone(),
            },
        };
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
        let s = Scheme {
            name: "2020年上半年绩效考核".into(),
            kind: PeriodKind::HalfYear,
            from: day(1, 1),
            to: day(6, 30),
            base: 10_000,
            floor: 6_000,
            evaluation_share: 0,
            groups: default_groups(),
            rules: default_rules(),
            grading: DEFAULT_GRADING,
            visibility: Visibility::Office,
        };
        let id = luoshi_server::ops::assessment::create(&state, &cap, &s, None)
            .await
            .unwrap();
        let mut c = app.store.conn().await.unwrap();
        let scores = luoshi_store::assessment::scores(&mut c, cap.region, id).await.unwrap();
        let units = luoshi_store::unit::units(&mut c, cap.region).await.unwrap();
        let ranked = units
            .iter()
            .filter(|u| {
                u.active && u.merged_into.is_none() && ["department", "county", "zone"].contains(&u.category.as_str())
            })
            .count();
        assert_eq!(scores.len(), ranked, "{be}: every unit of the groups is scored");
        let mut deducted = 0;
        for s in &scores {
            let lines = luoshi_store::assessment::lines(&mut c, cap.region, id, s.unit_id)
                .await
                .unwrap();
            assert_eq!(
                lines.iter().map(|l| l.points).sum::<i64>(),
                s.total,
                "{be}: unit {}",
                s.unit_id
            );
            assert_eq!(lines[0].kind, "base");
            for l in lines.iter().filter(|l| l.kind == "rule") {
                let id = l.record_id.expect("a rule line names its record");
                let exists = match l.record_kind.as_str() {
                    "task" => luoshi_store::task::task(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    "report" => luoshi_store::report::report(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    "project" => luoshi_store::project::project(&mut c, cap.region, id)
                        .await
                        .unwrap()
                        .is_some(),
                    _ => true,
                };
                assert!(exists, "{be}: {} {id} is a record of the region", l.record_kind);
                deducted += i64::from(l.points < 0);
            }
            assert!(s.place >= 1 && s.place <= s.ranked);
        }
        assert!(
            deducted > 10,
            "{be}: the demo city's overdue tasks and late reports count: {deducted}"
        );
        let totals: Vec<i64> = scores.iter().map(|s| s.total).collect();
        assert!(
            totals.iter().any(|t| *t < 10_000) && totals.iter().any(|t| *t != totals[0]),
            "{be}: {totals:?}"
        );
        // Judged again, the same.
        let mut tx = app.store.begin().await.unwrap();
        assert!(
            luoshi_lights::judge_scheme(&mut tx, cap.region, id, today(), chrono::Utc::now())
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        let again = luoshi_store::assessment::scores(&mut c, cap.region, id).await.unwrap();
        assert_eq!(again, scores, "{be}");
    }
}
