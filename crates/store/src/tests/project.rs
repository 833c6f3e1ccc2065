//! Key projects on both databases: a project with its year's plan and baseline, a change kept
//! with its reason, a stale save refused, approval nodes done in order.

use super::*;
use crate::{
    leader::insert_leader,
    project::{
        NewChange, ProjectFields, categories, changes, insert_category, insert_node, insert_project, nodes, project,
        projects, record_change, set_node_done, set_year_plan, update_project, year_plan,
    },
    unit::{NewUnit, insert_unit},
    user::{NewUser, insert_user},
};

fn fields(category_id: i64, unit_id: i64, service: i64, liaison: i64) -> ProjectFields<'static> {
    ProjectFields {
        name: "晋城至济源高速公路",
        level: "province",
        category_id,
        nature: "continued",
        stage: "building",
        content: "全长38公里",
        total: 140_160_000,
        planned_start: "2019-03",
        planned_finish: "2021-12",
        actual_start: Some("2019-04"),
        actual_finish: None,
        unit_id,
        service_unit_id: Some(service),
        place_unit_id: None,
        liaison_id: Some(liaison),
        task_id: None,
        public: true,
    }
}

#[tokio::test]
async fn a_project_keeps_its_baseline_its_changes_and_its_nodes() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let unit = |name: &'static str| NewUnit {
            category: "department",
            name,
            short_name: name,
            sort: 0,
            created_on: day(1, 1),
        };
        let lead = insert_unit(&mut tx, region, &unit("市交通运输局")).await.unwrap();
        let service = insert_unit(&mut tx, region, &unit("市行政审批服务管理局"))
            .await
            .unwrap();
        let leader = insert_leader(&mut tx, region, "王建设", "副市长", "交通", 2)
            .await
            .unwrap();
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
        let roads = insert_category(&mut tx, region, "基础设施", 2).await.unwrap();
        insert_category(&mut tx, region, "产业", 1).await.unwrap();
        let f = fields(roads, lead, service, leader);
        let id = insert_project(&mut tx, region, &f, 2020, 19_000_000, by, now())
            .await
            .unwrap();
        insert_node(&mut tx, region, id, "施工许可", day(5, 31), Some(service), 2)
            .await
            .unwrap();
        let land = insert_node(&mut tx, region, id, "用地", day(3, 31), Some(service), 1)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let mut c = store.conn().await.unwrap();
        let names: Vec<String> = categories(&mut c, region)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["产业", "基础设施"]);
        let p = project(&mut c, region, id).await.unwrap().unwrap();
        assert_eq!(
            (p.total, p.actual_start.as_deref(), p.version),
            (140_160_000, Some("2019-04"), 1)
        );
        assert_eq!(projects(&mut c, region).await.unwrap().len(), 1);
        let y = year_plan(&mut c, region, id, 2020).await.unwrap().unwrap();
        assert_eq!(
            (y.plan, y.base_plan, y.base_total),
            (19_000_000, 19_000_000, 140_160_000)
        );
        drop(c);

        // The plan is raised with a reason: the baseline stays, the change is kept.
        let mut tx = store.begin().await.unwrap();
        set_year_plan(&mut tx, region, id, 2020, 21_000_000).await.unwrap();
        let change = NewChange {
            field: "plan",
            old_value: "190000",
            new_value: "210000",
            reason: "追加省级补助资金",
        };
        record_change(&mut tx, region, id, &change, by, now()).await.unwrap();
        let later = ProjectFields {
            total: 150_000_000,
            ..f
        };
        assert!(update_project(&mut tx, region, id, 1, &later).await.unwrap());
        // A second save from the version read before is refused.
        assert!(!update_project(&mut tx, region, id, 1, &f).await.unwrap());
        // A new year begins with the figures as they are now as its baseline.
        set_year_plan(&mut tx, region, id, 2021, 30_000_000).await.unwrap();
        assert!(
            set_node_done(&mut tx, region, land, 1, Some(day(3, 20)), "已取得用地批复")
                .await
                .unwrap()
        );
        assert!(!set_node_done(&mut tx, region, land, 1, None, "").await.unwrap());
        tx.commit().await.unwrap();

        let mut c = store.conn().await.unwrap();
        let y = year_plan(&mut c, region, id, 2020).await.unwrap().unwrap();
        assert_eq!((y.plan, y.base_plan), (21_000_000, 19_000_000));
        let next = year_plan(&mut c, region, id, 2021).await.unwrap().unwrap();
        assert_eq!((next.base_total, next.base_plan), (150_000_000, 30_000_000));
        let kept = changes(&mut c, region, id).await.unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            (kept[0].field.as_str(), kept[0].reason.as_str()),
            ("plan", "追加省级补助资金")
        );
        let n = nodes(&mut c, region, id).await.unwrap();
        assert_eq!(
            n.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
            ["用地", "施工许可"]
        );
        assert_eq!((n[0].done_on, n[0].version), (Some(day(3, 20)), 2));
        let p = project(&mut c, region, id).await.unwrap().unwrap();
        assert_eq!((p.total, p.version), (150_000_000, 2));
    }
}
