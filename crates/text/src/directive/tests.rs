//! Tests of `directive`.

use super::*;

fn kinds(s: &str) -> Vec<(String, ItemKind)> {
    let t = Text::new(s);
    extract(&t, 2020).into_iter().map(|p| (p.title, p.kind)).collect()
}

#[test]
fn a_modal_starts_the_directives_and_framing_clauses_are_not_items() {
    let got = kinds("会议要求,要以创建文明城市为抓手,按照总体布局,加快推进老旧小区改造,确保按期完成。");
    assert_eq!(
        got,
        vec![
            ("加快推进老旧小区改造".to_string(), ItemKind::Task),
            ("确保按期完成".to_string(), ItemKind::Principle)
        ]
    );
}

#[test]
fn attitudes_are_principles_and_work_is_tasks() {
    let got = kinds("各级干部要强化担当精神,提升能担当的本领,全面提升城市精细化管理水平。");
    assert_eq!(got[0].1, ItemKind::Principle);
    assert_eq!(got[1].1, ItemKind::Principle);
    assert_eq!(got[2], ("全面提升城市精细化管理水平".to_string(), ItemKind::Task));
}

#[test]
fn a_list_closed_by_deng_gong_zuo_is_one_item_per_entry() {
    let got = kinds("还要持续抓好防汛抗旱、秸秆禁烧和地区生产总值增长目标等各项工作。");
    let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, vec!["抓好防汛抗旱", "抓好秸秆禁烧", "抓好地区生产总值增长目标"]);
    assert_eq!(got[2].1, ItemKind::Indicator);
}

#[test]
fn setting_up_a_group_is_a_task_force() {
    let got = kinds("要成立由分管副市长牵头的营商环境攻坚组,抓紧谋划储备一批重大项目。");
    assert_eq!(got[0].1, ItemKind::TaskForce);
    assert_eq!(got[1].1, ItemKind::ProjectCall);
}

#[test]
fn verb_phrases_joined_by_dun_are_separate_items() {
    let got = kinds("要领导带头包联、加强协调调度、优化审批流程,全力加快项目建设。");
    let titles: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        vec!["领导带头包联", "加强协调调度", "优化审批流程", "全力加快项目建设"]
    );
}

#[test]
fn the_unit_before_the_modal_leads_and_helpers_are_read_from_their_clauses() {
    let t = Text::new("市人力资源和社会保障局要会同市财政局,9月底前出台稳就业十条措施。");
    let got = extract(&t, 2020);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].title, "9月底前出台稳就业十条措施");
    assert_eq!(got[0].lead_units, vec!["市人力资源和社会保障局"]);
    assert_eq!(got[0].co_units, vec!["市财政局"]);
    let t = Text::new("会议要求,市应急管理局牵头,市交通运输局配合,7月15日前完成道路隐患排查。");
    let got = extract(&t, 2020);
    assert_eq!(got[0].lead_units, vec!["市应急管理局"]);
    assert_eq!(got[0].co_units, vec!["市交通运输局"]);
    assert_eq!(
        got[0].deadline.as_ref().map(crate::deadline::label).as_deref(),
        Some("2020-07-15")
    );
}

#[test]
fn a_sentence_without_a_directive_gives_nothing() {
    assert!(kinds("近年来,我市经济社会发展取得长足进步,主要指标进入全省第一方阵。").is_empty());
}
