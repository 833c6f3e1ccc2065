//! The words of the demo's progress reports, by stage of the work.

use crate::rng::Rng;

const EARLY: &[&str] = &[
    "已制定《{t}工作方案》，明确责任分工、时间节点和保障措施，召开专题部署会议。",
    "成立工作专班，完成摸底调查，建立工作台账，细化分解年度任务。",
    "组织相关单位召开推进会，制定任务清单和责任清单，各项准备工作已就绪。",
];
const MIDDLE: &[&str] = &[
    "按照工作方案扎实推进“{t}”，累计完成年度目标任务的{p}%。",
    "{t}各项工作稳步推进，已完成阶段性任务，累计完成年度目标的{p}%。",
    "强化调度督导，每周召开碰头会协调解决问题，{t}累计完成{p}%。",
    "坚持挂图作战、倒排工期，{t}完成年度任务的{p}%，重点环节取得积极进展。",
];
const DONE: &[&str] = &[
    "{t}已全部完成，经验收符合要求，相关资料已归档。",
    "{t}年度任务已完成，形成工作总结报市政府。",
];
const PROBLEMS: &[&str] = &[
    "受新冠肺炎疫情影响，部分现场工作延后开展。",
    "项目资金尚未完全到位，影响实施进度。",
    "用地、环评等前期手续办理周期较长。",
    "涉及部门较多，协调推进难度较大。",
    "部分县（市、区）工作进展不平衡。",
    "",
    "",
];
const NEXT: &[&str] = &[
    "加快推进实施，确保按期完成年度任务。",
    "加强与配合单位沟通协调，及时解决存在问题。",
    "倒排工期、挂图作战，确保节点目标按时完成。",
    "加大督导检查力度，对进度滞后的县（市、区）进行专项调度。",
];

/// A report's 进展情况, 存在问题 and 下步计划 for a task at `progress` percent.
pub fn report_text(rng: &mut Rng, title: &str, progress: i64, first: bool) -> (String, String, String) {
    let short: String = title.split([',', '，', '。']).next().unwrap_or(title).to_string();
    let pool = if progress >= 100 {
        DONE
    } else if first {
        EARLY
    } else {
        MIDDLE
    };
    let content = rng
        .pick(pool)
        .unwrap_or(&"")
        .replace("{t}", &short)
        .replace("{p}", &progress.to_string());
    let problems = if progress >= 100 {
        ""
    } else {
        rng.pick(PROBLEMS).unwrap_or(&"")
    };
    let next = if progress >= 100 {
        ""
    } else {
        rng.pick(NEXT).unwrap_or(&"")
    };
    (content, problems.to_string(), next.to_string())
}
