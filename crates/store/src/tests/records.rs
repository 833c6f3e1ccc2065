use luoshi_domain::Thresholds;

use super::*;
use crate::{
    StoreError,
    plan::{NewPlan, insert_plan, plans_of_unit},
    report::{NewReport, insert_report, latest_sent_of_plan, reports_of_task},
    task::{NewTask, co_units_of_plan, insert_task, milestones_of_plan, tasks_of_plan, unit_role_in_task},
    unit::{NewUnit, insert_unit, rename_unit, unit, unit_names},
    user::{NewUser, insert_user, user_by_username},
};

async fn add_unit(tx: &mut Tx, region: i64, name: &str) -> i64 {
    insert_unit(
        tx,
        region,
        &NewUnit {
            category: "department",
            name,
            short_name: name,
            sort: 0,
            created_on: day(1, 1),
        },
    )
    .await
    .unwrap()
}

const MILESTONES: &[(&str, NaiveDate)] = &[(
    "完成方案",
    match NaiveDate::from_ymd_opt(2020, 3, 31) {
        Some(d) => d,
        None => NaiveDate::MIN,
    },
)];

fn new_task<'a>(plan_id: i64, lead: i64, co: &'a [i64], title: &'a str) -> NewTask<'a> {
    NewTask {
        plan_id,
        parent_id: None,
        seq: 0,
        title,
        description: "",
        lead_unit_id: Some(lead),
        co_unit_ids: co,
        leader_id: None,
        start: day(1, 1),
        due: Some(day(12, 31)),
        cycle: "monthly",
        cycle_due_day: 25,
        weight: 1,
        domain: "安全生产",
        public: false,
        source: Some((3, 9)),
        milestones: MILESTONES,
        owner: "",
        decomposed_by: None,
    }
}

/// A report the lead unit sent on task `t` for the period starting `period`.
fn new_report<'a>(
    t: i64,
    lead: i64,
    period: NaiveDate,
    status: &'a str,
    progress: i64,
    content: &'a str,
) -> NewReport<'a> {
    NewReport {
        task_id: t,
        unit_id: lead,
        period,
        status,
        progress,
        content,
        problems: "",
        next_steps: "",
        author_id: None,
        submitted_at: Some(now()),
        reviewer_id: None,
        reviewed_at: None,
        review_note: "",
    }
}

fn plan<'a>() -> NewPlan<'a> {
    NewPlan {
        kind: "meeting",
        title: "市政府全体（扩大）会议",
        doc_no: "",
        issued_on: day(5, 7),
        year: 2020,
        summary: "",
        source_text: "会议强调，要抓好安全生产。",
        thresholds: Thresholds::default(),
    }
}

#[tokio::test]
async fn a_renamed_unit_keeps_its_old_name_for_the_days_before() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let u = add_unit(&mut tx, region, "市商务粮食局").await;
        rename_unit(&mut tx, region, u, "市商务局", "商务局", day(4, 1))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        assert_eq!(unit(&mut c, region, u).await.unwrap().unwrap().name, "市商务局");
        let names = unit_names(&mut c, region).await.unwrap();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].name, "市商务粮食局");
        assert_eq!(names[0].valid_to, Some(day(4, 1)));
        assert_eq!(names[1].valid_to, None);
    }
}

#[tokio::test]
async fn a_taken_username_is_a_duplicate_not_a_crash() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let u = NewUser {
            username: "duchashi",
            display_name: "督查室",
            password_hash: "x",
            role: "supervisor",
            unit_id: None,
            leader_id: None,
            must_change: false,
            email: "",
        };
        insert_user(&mut tx, region, &u, now()).await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let err = insert_user(&mut tx, region, &u, now()).await.unwrap_err();
        assert!(matches!(err, StoreError::Duplicate("username")), "{err:?}");
        drop(tx);
        // The same login name in another region is another account: names are unique
        // within a region only.
        let mut tx = store.begin().await.unwrap();
        let other = crate::region::insert_region(&mut tx, None, "city", "990200", "另一市", now())
            .await
            .unwrap();
        let second = insert_user(&mut tx, other, &u, now()).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        let first = user_by_username(&mut c, region, "duchashi").await.unwrap().unwrap();
        assert_eq!(first.region_id, region);
        let found = user_by_username(&mut c, other, "duchashi").await.unwrap().unwrap();
        assert_eq!((found.id, found.region_id), (second, other));
        assert_ne!(first.id, second, "ids stay unique across regions");
    }
}

#[tokio::test]
async fn a_plans_tasks_co_units_milestones_and_latest_reports_load_together() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let lead = add_unit(&mut tx, region, "市应急管理局").await;
        let co = add_unit(&mut tx, region, "市林业局").await;
        let other = add_unit(&mut tx, region, "市财政局").await;
        let p = insert_plan(&mut tx, region, &plan(), now()).await.unwrap();
        let t = insert_task(&mut tx, region, &new_task(p, lead, &[co], "抓好安全生产"), now())
            .await
            .unwrap();
        for (m, status, progress) in [(4, "accepted", 30), (5, "submitted", 45), (6, "draft", 60)] {
            let r = new_report(t, lead, day(m, 1), status, progress, "推进中");
            insert_report(&mut tx, region, &r, now()).await.unwrap();
        }
        tx.commit().await.unwrap();

        let mut c = store.conn().await.unwrap();
        let tasks = tasks_of_plan(&mut c, region, p).await.unwrap();
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].source_start, Some(3));
        assert_eq!(co_units_of_plan(&mut c, region, p).await.unwrap(), vec![(t, co)]);
        assert_eq!(
            milestones_of_plan(&mut c, region, p).await.unwrap()[0].title,
            "完成方案"
        );
        let latest = latest_sent_of_plan(&mut c, region, p).await.unwrap();
        assert_eq!(latest.len(), 1);
        assert_eq!(
            (latest[0].period, latest[0].progress),
            (day(5, 1), 45),
            "drafts do not count"
        );
        assert_eq!(reports_of_task(&mut c, region, t).await.unwrap().len(), 3);
        assert_eq!(unit_role_in_task(&mut c, region, t, lead).await.unwrap(), Some(true));
        assert_eq!(unit_role_in_task(&mut c, region, t, co).await.unwrap(), Some(false));
        assert_eq!(unit_role_in_task(&mut c, region, t, other).await.unwrap(), None);
        assert_eq!(plans_of_unit(&mut c, region, co).await.unwrap().len(), 1);
        assert!(plans_of_unit(&mut c, region, other).await.unwrap().is_empty());
        // Another region sees none of it.
        assert!(tasks_of_plan(&mut c, region + 1000, p).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_second_report_for_the_same_period_is_refused_and_the_first_kept() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let lead = add_unit(&mut tx, region, "市应急管理局").await;
        let p = insert_plan(&mut tx, region, &plan(), now()).await.unwrap();
        let t = insert_task(&mut tx, region, &new_task(p, lead, &[], "抓好安全生产"), now())
            .await
            .unwrap();
        let r = new_report(t, lead, day(6, 1), "submitted", 50, "第一次");
        insert_report(&mut tx, region, &r, now()).await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let err = insert_report(
            &mut tx,
            region,
            &NewReport {
                content: "第二次", ..r
            },
            now(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
        drop(tx);
        let mut c = store.conn().await.unwrap();
        let all = reports_of_task(&mut c, region, t).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].content, "第一次");
    }
}

#[tokio::test]
async fn a_status_is_read_once_as_its_type_and_an_unknown_one_is_a_clear_error() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let lead = add_unit(&mut tx, region, "市应急管理局").await;
        let p = insert_plan(&mut tx, region, &plan(), now()).await.unwrap();
        let t = insert_task(&mut tx, region, &new_task(p, lead, &[], "抓好安全生产"), now())
            .await
            .unwrap();
        let r = new_report(t, lead, day(5, 1), "submitted", 40, "推进中");
        let id = insert_report(&mut tx, region, &r, now()).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        let read = reports_of_task(&mut c, region, t).await.unwrap();
        assert_eq!(read[0].status, luoshi_domain::ReportStatus::Submitted);
        assert!(read[0].milestones_reached.is_empty());
        assert_eq!(
            tasks_of_plan(&mut c, region, p).await.unwrap()[0].cycle,
            luoshi_domain::CycleKind::Monthly
        );
        // A code this version does not know (written by hand, or by a newer version) is an
        // error naming the column and the value, never a silent default.
        execute!(
            c,
            "UPDATE report SET status = 'drafted' WHERE region_id = $1 AND id = $2",
            region,
            id
        )
        .unwrap();
        let e = reports_of_task(&mut c, region, t).await.unwrap_err().to_string();
        assert!(
            e.contains("unknown report status \"drafted\""),
            "{}: {e}",
            store.backend().name()
        );
        execute!(
            c,
            "UPDATE report SET status = 'submitted', milestones_reached = '1,2' WHERE region_id = $1 AND id = $2",
            region,
            id
        )
        .unwrap();
        let e = reports_of_task(&mut c, region, t).await.unwrap_err().to_string();
        assert!(e.contains("list of ids"), "{}: {e}", store.backend().name());
    }
}
