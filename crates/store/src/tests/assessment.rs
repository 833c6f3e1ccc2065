//! Assessment schemes and scores on both databases: a scheme with its rules read back, changed
//! while open and refused once closed or stale; an evaluation entered and entered again; no
//! scores before the scheme is judged.

use super::*;
use crate::{
    assessment::{
        SchemeFields, close_scheme, evaluations, insert_scheme, lines, rules, scheme, schemes, set_evaluation,
        update_scheme,
    },
    unit::{NewUnit, insert_unit},
    user::{NewUser, insert_user},
};

fn fields(name: &str) -> SchemeFields<'_> {
    SchemeFields {
        name,
        kind: "half_year",
        from: day(1, 1),
        to: day(6, 30),
        base: 10_000,
        floor: 6_000,
        evaluation_share: 20,
        groups: r#"[{"name":"市直部门","categories":["department"]}]"#,
        grading: "cut_offs:9500,8500,6000",
        visibility: "office",
    }
}

#[tokio::test]
async fn a_scheme_keeps_its_rules_and_its_scores_with_their_lines() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let unit = |name: &'static str| NewUnit {
            category: "department",
            name,
            short_name: name,
            sort: 0,
            created_on: day(1, 1),
        };
        let a = insert_unit(&mut tx, region, &unit("市交通运输局")).await.unwrap();
        let b = insert_unit(&mut tx, region, &unit("市住房和城乡建设局")).await.unwrap();
        let by = insert_user(
            &mut tx,
            region,
            &NewUser {
                username: "duchashi",
                display_name: "督查室",
                password_hash: "x",
                role: "supervisor",
                unit_id: None,
                leader_id: None,
                must_change: false,
                email: "",
            },
            now(),
        )
        .await
        .unwrap();
        let rules_in = vec![
            ("task_overdue_lead".to_string(), -100, Some(300)),
            ("report_late".to_string(), -10, None),
        ];
        let id = insert_scheme(&mut tx, region, fields("2020年上半年考核"), &rules_in, None, by, now())
            .await
            .unwrap();
        let s = scheme(&mut tx, region, id).await.unwrap().unwrap();
        assert_eq!((s.status.as_str(), s.base_points, s.version), ("open", 10_000, 1));
        let mut got = rules(&mut tx, region, id).await.unwrap();
        got.sort();
        assert_eq!(got, vec![rules_in[1].clone(), rules_in[0].clone()]);
        // Changed while open; a stale version is refused.
        let fewer = vec![("report_late".to_string(), -20, Some(200))];
        assert!(
            update_scheme(&mut tx, region, id, 1, fields("2020年上半年考核"), &fewer)
                .await
                .unwrap()
        );
        assert!(
            !update_scheme(&mut tx, region, id, 1, fields("x"), &fewer)
                .await
                .unwrap()
        );
        assert_eq!(rules(&mut tx, region, id).await.unwrap(), fewer);
        // An evaluation entered twice keeps the last.
        set_evaluation(&mut tx, region, id, a, 9_000, "", by, now())
            .await
            .unwrap();
        set_evaluation(&mut tx, region, id, a, 8_800, "复核", by, now())
            .await
            .unwrap();
        assert_eq!(evaluations(&mut tx, region, id).await.unwrap(), vec![(a, 8_800)]);
        // No scores until judged (by luoshi_lights, the only writer of judged rows).
        assert!(crate::assessment::scores(&mut tx, region, id).await.unwrap().is_empty());
        assert!(lines(&mut tx, region, id, b).await.unwrap().is_empty());
        // Closed: frozen.
        assert!(close_scheme(&mut tx, region, id, 2, by, now()).await.unwrap());
        assert!(
            !update_scheme(&mut tx, region, id, 3, fields("x"), &fewer)
                .await
                .unwrap()
        );
        assert_eq!(schemes(&mut tx, region).await.unwrap()[0].status, "closed");
    }
}
