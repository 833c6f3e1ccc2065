//! The demo city's assessment: a half-year scheme with the defaults of common practice, its
//! rankings seen by the office and the leaders; its scores are judged from the demo's records
//! when first read. Accountability and commendation records of every kind, some public, each
//! resting on a task of the unit's, so that scores, unit pages and the public site show them.

use luoshi_domain::assessment::{
    DEFAULT_GRADING, default_groups, default_rules,
    scheme::{grading_code, groups_code},
};
use luoshi_store::{
    Result, Tx,
    assessment::{SchemeFields, insert_scheme},
};

use crate::{city::City, day};

/// (unit key, kind, person, reason, document number, day in June, public, a word of the task's title)
type DemoRecord = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    bool,
    &'static str,
);

const RECORDS: [DemoRecord; 5] = [
    (
        "gxj",
        "praise",
        "",
        "5G基站建设提前完成年度任务，予以通报表扬",
        "督查通报〔2020〕6号",
        28,
        true,
        "5G",
    ),
    (
        "spj",
        "merit",
        "",
        "工程建设项目审批时限压缩提前办结，记功一次",
        "市政府督查室〔2020〕12号",
        29,
        false,
        "审批",
    ),
    (
        "zrzyj",
        "criticism",
        "",
        "国土空间总体规划编制超期未完成，予以通报批评",
        "督查通报〔2020〕7号",
        29,
        true,
        "国土空间",
    ),
    (
        "mzj",
        "interview",
        "王某（副局长）",
        "社区养老服务中心建设超期，约谈分管负责同志",
        "",
        26,
        false,
        "养老",
    ),
    (
        "sthjj",
        "accountability",
        "李某（科长）",
        "燃煤锅炉淘汰改造节点逾期且未如实报送，予以问责",
        "市纪委监委〔2020〕3号",
        30,
        false,
        "环境保护",
    ),
];

/// The demo's accountability and commendation records.
pub async fn records(tx: &mut Tx, city: &City, office: i64, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    for (unit, kind, person, reason, doc_no, d, public, word) in RECORDS {
        let unit_id = city.unit(unit);
        let tasks = luoshi_store::task::tasks_of_unit(&mut *tx, city.region, unit_id).await?;
        let task = tasks.iter().find(|t| t.title.contains(word)).map(|t| t.id);
        let records = task.map(|t| format!("task:{t}")).unwrap_or_default();
        let f = luoshi_store::accountability::Fields {
            unit_id,
            task_id: task,
            kind,
            reason,
            person,
            doc_no,
            records: &records,
            public,
            decided_on: day(2020, 6, d),
        };
        luoshi_store::accountability::insert(tx, city.region, f, None, office, now).await?;
    }
    Ok(())
}

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
