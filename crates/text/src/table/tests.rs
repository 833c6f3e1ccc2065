//! The table reader on pasted tables, messy sheets, section columns and department lists.
use super::*;
use crate::{
    ItemKind,
    grid::{Cell, Grid},
};

fn due(x: &Extraction, i: usize) -> Option<String> {
    x.items[i].deadline.as_ref().map(crate::deadline::label)
}

#[test]
fn each_row_is_an_item_read_by_its_columns() {
    let text = "云州市2020年重点任务分解表\n\
        序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
        一\t稳定经济运行\t\t\t\n\
        1\t开工建设重大项目50个，完成投资300亿元\t市发改委\t市财政局、市自然资源局\t2020年12月底\n\
        2\t规模以上工业增加值增长6%左右\t市工信局\t市统计局\t年内持续推进\n\
        二\t改善生态环境\t市生态环境局\t\t\n\
        1\t完成燃煤锅炉淘汰改造\t\t\t10月底前\n";
    let x = from_text(text, 2020).unwrap();
    type Row<'a> = (&'a str, u8, Option<usize>, Vec<String>, Vec<String>);
    let view: Vec<Row<'_>> = x
        .items
        .iter()
        .map(|p| {
            (
                p.number.as_str(),
                p.level,
                p.parent,
                p.lead_units.clone(),
                p.co_units.clone(),
            )
        })
        .collect();
    assert_eq!(view.len(), 5, "{view:?}");
    assert_eq!(
        view[1],
        (
            "1",
            2,
            Some(0),
            vec!["市发改委".into()],
            vec!["市财政局".into(), "市自然资源局".into()]
        )
    );
    assert_eq!(due(&x, 1).as_deref(), Some("2020-12-31"));
    assert_eq!(x.items[2].kind, ItemKind::Indicator);
    assert_eq!(
        view[4].3,
        vec!["市生态环境局".to_string()],
        "an empty owner cell is the row above's"
    );
    assert!(view[0].3.is_empty(), "a heading does not take owners from nowhere");
    assert_eq!(due(&x, 4).as_deref(), Some("2020-10-31"));
    let rendered = x.text.as_deref().unwrap();
    let span: String = rendered
        .chars()
        .skip(x.items[1].span.0)
        .take(x.items[1].span.1 - x.items[1].span.0)
        .collect();
    assert!(span.starts_with("1\t开工建设重大项目50个"), "{span:?}");
    let t = x.table.as_ref().unwrap();
    let keys: Vec<&str> = t.facts.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["一", "一/1", "一/2", "二", "二/1"]);
    assert_eq!(t.facts[1].row, 4, "rows are counted as the sheet shows them");
}

#[test]
fn text_without_a_task_and_an_owner_column_is_not_a_table() {
    assert!(from_text("姓名\t单位\t电话\n张三\t市发改委\t123\n", 2020).is_none());
}

fn c(t: &str) -> Cell {
    Cell::text(t)
}

fn m() -> Cell {
    Cell::across()
}

fn v() -> Cell {
    Cell::below()
}

/// A sheet as offices make them: a title across the table, a 填报单位 line, a section row across
/// the table, a task spanning three measure rows, a unit cell spanning two rows, a row shorter
/// than the header, a footnote and a signature.
fn messy() -> Grid {
    Grid {
        rows: vec![
            vec![c("2020年市政府工作报告重点任务分解表"), m(), m(), m(), m(), m()],
            vec![c("填报单位：市政府督查室"), m(), m(), c("2020年3月1日"), m(), m()],
            vec![
                c("序号"),
                c("重点任务"),
                c("具体措施"),
                c("责任单位"),
                m(),
                c("完成时限"),
            ],
            vec![v(), v(), v(), c("牵头单位"), c("配合单位"), v()],
            vec![c("一、稳定经济增长"), m(), m(), m(), m(), m()],
            vec![
                c("1"),
                c("扩大有效投资"),
                c("开工建设重大项目50个"),
                c("市发改委"),
                c("市财政局、市自然资源局"),
                c("2020.12"),
            ],
            vec![v(), v(), c("谋划储备项目200个"), v(), v(), c("9月底")],
            vec![
                v(),
                v(),
                c("争取专项债券30亿元"),
                c("市财政局"),
                c("市发改委"),
                c("44012"),
            ],
            vec![
                c("2"),
                c("促进消费回暖"),
                c("发放消费券"),
                c("市商务局"),
                c(""),
                c("上半年"),
            ],
            vec![c("二、改善生态环境")],
            vec![
                c("3"),
                c("推进大气污染防治"),
                c(""),
                c("市生态环境局、市住建局分别牵头"),
                c("各县（市、区）"),
                c("长期坚持"),
            ],
            vec![c("注：责任单位列第一位的为牵头单位。"), m(), m(), m(), m(), m()],
            vec![c("填表人：张三"), c(""), c("联系电话：1234567")],
        ],
    }
}

#[test]
fn a_messy_sheet_reads_as_its_tasks() {
    let x = extract(&messy(), 2020, &[]).unwrap();
    let t = x.table.as_ref().unwrap();
    assert_eq!(t.mapping.above.len(), 2);
    let view: Vec<(u8, Option<usize>, &str, &str)> = x
        .items
        .iter()
        .map(|p| (p.level, p.parent, p.number.as_str(), p.title.as_str()))
        .collect();
    assert_eq!(
        view,
        [
            (1, None, "一", "稳定经济增长"),
            (2, Some(0), "1", "扩大有效投资"),
            (3, Some(1), "", "开工建设重大项目50个"),
            (3, Some(1), "", "谋划储备项目200个"),
            (3, Some(1), "", "争取专项债券30亿元"),
            (2, Some(0), "2", "促进消费回暖"),
            (1, None, "二", "改善生态环境"),
            (2, Some(6), "3", "推进大气污染防治"),
        ]
    );
    let lead = |i: usize| x.items[i].lead_units.clone();
    assert_eq!(lead(2), ["市发改委"]);
    assert_eq!(x.items[2].co_units, ["市财政局", "市自然资源局"]);
    assert_eq!(lead(3), ["市发改委"], "a merged unit cell covers the row below");
    assert_eq!(lead(4), ["市财政局"]);
    assert_eq!(lead(7), ["市生态环境局", "市住建局"], "分别牵头: each leads");
    assert_eq!(x.items[7].co_units, ["各县（市、区）"]);
    assert_eq!(due(&x, 2).as_deref(), Some("2020-12-31"));
    assert_eq!(due(&x, 3).as_deref(), Some("2020-09-30"));
    assert_eq!(due(&x, 4).as_deref(), Some("2020-06-30"), "a date number");
    assert_eq!(
        due(&x, 1).as_deref(),
        Some("2020-12-31"),
        "a task ends with its last measure"
    );
    assert_eq!(due(&x, 5).as_deref(), Some("2020-06-30"));
    assert!(x.items[7].deadline.as_ref().is_some_and(|d| d.ongoing));
    assert_eq!(x.items[5].co_units, Vec::<String>::new());
    assert_eq!(
        t.facts[5].description, "发放消费券",
        "a single measure is the task's words"
    );
    assert_eq!(t.notes.len(), 2, "{:?}", t.notes);
    let keys: Vec<&str> = t.facts.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys[1], "一/1");
    assert_eq!(keys[7], "二/3");
    let rows: Vec<usize> = t.facts.iter().map(|f| f.row).collect();
    assert_eq!(rows, [5, 6, 6, 7, 8, 9, 10, 11]);
}

#[test]
fn a_section_column_groups_and_a_key_column_keys() {
    let g = Grid::of(
        [
            "类别|任务编号|工作任务|责任单位|责任领导|完成时限|备注",
            "产业转型|T-7|培育新兴产业集群|市工信局|王市长|年底前|",
            "产业转型|T-8|推进企业上云|市工信局、市大数据局|王市长|三季度|重点",
            "城市建设|T-9|改造老旧小区30个|市住建局|李副市长|2020年11月|",
        ]
        .iter()
        .map(|l| l.split('|').map(str::to_string).collect())
        .collect(),
    );
    let x = extract(&g, 2020, &[]).unwrap();
    let t = x.table.as_ref().unwrap();
    let view: Vec<(u8, &str)> = x.items.iter().map(|p| (p.level, p.title.as_str())).collect();
    assert_eq!(
        view,
        [
            (1, "产业转型"),
            (2, "培育新兴产业集群"),
            (2, "推进企业上云"),
            (1, "城市建设"),
            (2, "改造老旧小区30个")
        ]
    );
    let keys: Vec<&str> = t.facts.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["产业转型", "T-7", "T-8", "城市建设", "T-9"]);
    assert_eq!(t.facts[1].leaders, ["王市长"]);
    assert_eq!(t.facts[2].description, "备注：重点");
    assert_eq!(x.items[2].lead_units, ["市工信局"]);
    assert_eq!(x.items[2].co_units, ["市大数据局"]);
    // The user says the 备注 column is not to be read.
    let x = extract(&g, 2020, &[(6, Role::Other)]).unwrap();
    assert_eq!(x.table.unwrap().facts[2].description, "");
}

#[test]
fn a_pipe_table_pasted_reads_like_a_sheet() {
    let text = "| 序号 | 工作任务 | 责任单位 | 时间节点 |\n|---|---|---|---|\n| 1 | 建设智慧城市平台 | 市大数据局 | 2020年10月 |\n| 2 | 完善应急预案 | 市应急局 | |\n";
    let x = from_text(text, 2020).unwrap();
    assert_eq!(x.items.len(), 2);
    assert_eq!(due(&x, 0).as_deref(), Some("2020-10-31"));
    assert_eq!(x.items[1].lead_units, ["市应急局"]);
    assert_eq!(x.items[1].deadline, None);
}

#[test]
fn a_list_of_departments_by_their_stems_is_each_of_them() {
    let o = super::cells::units("文旅体、应急、水利等部门", false);
    assert_eq!(o.co, ["文旅体", "应急", "水利"]);
    let units: Vec<(i64, String, String)> = [
        (1, "市文化旅游体育局", "市文旅体局"),
        (2, "市应急管理局", "市应急局"),
        (3, "市水利局", "市水利局"),
        (4, "市融媒体中心", ""),
    ]
    .iter()
    .map(|(i, f, s)| (*i, f.to_string(), s.to_string()))
    .collect();
    for (name, want) in [("文旅体", 1), ("应急", 2), ("水利", 3), ("融媒体中心", 4)] {
        let m = crate::units::match_units(name, &units, 3);
        assert_eq!(m.first().map(|m| m.id), Some(want), "{name}: {m:?}");
    }
}

#[test]
fn a_row_with_only_its_task_under_merged_owner_cells_keeps_them() {
    // No 序号 column: the second and third tasks have only their task cell, the unit and the
    // deadline merged over all three rows.
    let g = Grid {
        rows: vec![
            vec![c("重点任务"), c("牵头单位"), c("完成时限")],
            vec![c("建设智慧城市平台"), c("市大数据局"), c("年底前")],
            vec![c("完善政务数据共享"), v(), v()],
            vec![c("推进一网通办"), v(), v()],
            vec![c("二、安全生产"), m(), m()],
            vec![c("开展隐患排查"), c("市应急局"), c("9月底前")],
        ],
    };
    let x = extract(&g, 2020, &[]).unwrap();
    let view: Vec<(u8, &str, Vec<String>, Option<String>)> = x
        .items
        .iter()
        .map(|p| {
            (
                p.level,
                p.title.as_str(),
                p.lead_units.clone(),
                p.deadline.as_ref().map(crate::deadline::label),
            )
        })
        .collect();
    let d = |s: &str| Some(s.to_string());
    assert_eq!(
        view,
        [
            (1, "建设智慧城市平台", vec!["市大数据局".to_string()], d("2020-12-31")),
            (1, "完善政务数据共享", vec!["市大数据局".to_string()], d("2020-12-31")),
            (1, "推进一网通办", vec!["市大数据局".to_string()], d("2020-12-31")),
            (1, "安全生产", vec![], d("2020-09-30")),
            (2, "开展隐患排查", vec!["市应急局".to_string()], d("2020-09-30")),
        ]
    );
}
