//! Task-division tables — 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 — as a Word table
//! (one line per row, cells separated by tabs) or as rows pasted from Excel: one item per row,
//! each cell read by the column its header names.

use crate::{
    ItemKind, Proposal,
    chars::{Text, trim_span},
    deadline, indicator,
    lexicon::domain_of,
    outline::{Style, marker},
    owners::{self, Field, Owners},
    units,
};

/// Headers of the column that holds the task itself.
const TASK_HEADERS: &[&str] = &[
    "重点任务",
    "工作任务",
    "主要任务",
    "具体任务",
    "任务内容",
    "工作内容",
    "主要内容",
    "目标任务",
    "工作措施",
    "具体措施",
    "重点工作",
    "工作事项",
    "任务事项",
    "事项",
    "任务",
];

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Task,
    Owner(Field),
    Other,
}

fn column(header: &str) -> Column {
    let h = header.trim().trim_end_matches([':', '：']);
    if ["序号", "编号", "序"].contains(&h) {
        Column::Number
    } else if TASK_HEADERS.contains(&h) {
        Column::Task
    } else if let Some(f) = owners::field(h) {
        Column::Owner(f)
    } else {
        Column::Other
    }
}

/// The header row: its line index and the columns, when the text is such a table.
fn header(t: &Text<'_>) -> Option<(usize, Vec<Column>)> {
    for (i, line) in t.s.lines().enumerate().take(40) {
        if !line.contains('\t') {
            continue;
        }
        let cols: Vec<Column> = line.split('\t').map(column).collect();
        let task = cols.contains(&Column::Task);
        let owner = cols
            .iter()
            .any(|c| matches!(c, Column::Owner(Field::Lead | Field::Responsible | Field::Co)));
        if task && owner {
            return Some((i, cols));
        }
    }
    None
}

/// Whether the text is a task-division table.
pub fn is_table(t: &Text<'_>) -> bool {
    header(t).is_some()
}

/// One item per row below the header. Outline numbers in the 序号 column (一 / (一) / 1) give
/// levels; an owner cell left empty under a merged cell takes the row above's.
pub fn parse(t: &Text<'_>, year: i32) -> Vec<Proposal> {
    let Some((head, cols)) = header(t) else {
        return Vec::new();
    };
    let mut out: Vec<Proposal> = Vec::new();
    let mut styles: Vec<Style> = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut above = Owners::default();
    let mut at = 0usize;
    for (i, line) in t.s.split('\n').enumerate() {
        let start = at;
        at += line.chars().count() + 1;
        if i <= head || !line.contains('\t') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let cell = |want: Column| -> String {
            cols.iter()
                .zip(&cells)
                .filter(|(c, _)| **c == want)
                .map(|(_, v)| *v)
                .collect::<Vec<_>>()
                .join("、")
        };
        let task = cell(Column::Task);
        if task.is_empty() {
            continue;
        }
        let number = cell(Column::Number);
        // The 序号 cell: 一 / （一） / 1 / (1) written as an outline marker would be.
        let style = [format!("{number}、"), number.clone(), format!("{number}.")]
            .iter()
            .find_map(|m| marker(m).map(|(s, n, _)| (s, n)));
        let rank = match &style {
            Some((s, _)) => {
                if !styles.contains(s) {
                    styles.push(*s);
                }
                styles.iter().position(|x| x == s).unwrap_or(0)
            }
            None => styles.len(),
        };
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            stack.pop();
        }
        let parent = stack.last().map(|(_, idx)| *idx);
        let mut owners = Owners::default();
        let mut helpers = Owners::default();
        let mut lead_named = false;
        let mut deadline_words = String::new();
        for (c, v) in cols.iter().zip(&cells) {
            match c {
                Column::Owner(Field::Deadline) => deadline_words = v.to_string(),
                Column::Owner(Field::Co) => helpers.merge(owners::from_field(Field::Co, v)),
                Column::Owner(f @ (Field::Lead | Field::Responsible)) => {
                    lead_named |= *f == Field::Lead && !v.is_empty();
                    owners.merge(owners::from_field(*f, v));
                }
                _ => {}
            }
        }
        let owners = owners::responsible_lead_when_helpers_named(owners, &helpers, &lead_named);
        let mut owners = owners.settle();
        owners.merge(Owners {
            lead: vec![],
            co: helpers.co,
        });
        let mut owners = owners.settle();
        if owners.is_empty() {
            owners = above.clone();
        }
        above = owners.clone();
        let title = task
            .split('。')
            .next()
            .unwrap_or(&task)
            .trim()
            .trim_end_matches(['；', ';', '，', ','])
            .to_string();
        let deadline = deadline::find(&deadline_words, year)
            .or_else(|| deadline::find(&task, year))
            .map(|(d, _, _)| d);
        let ind = indicator::find(&task).map(|(x, _, _)| x);
        let mut mentioned = owners.lead.clone();
        for u in owners.co.iter().cloned().chain(units::mentions(&task)) {
            if !mentioned.contains(&u) {
                mentioned.push(u);
            }
        }
        let kind = if ind.is_some() {
            ItemKind::Indicator
        } else {
            ItemKind::Task
        };
        let span = trim_span(t, start, start + line.chars().count(), &[]);
        stack.push((rank, out.len()));
        out.push(Proposal {
            kind,
            domain: domain_of(&title).map(str::to_string),
            title,
            span,
            level: u8::try_from(stack.len()).unwrap_or(u8::MAX),
            number: style.map(|(_, n)| n).unwrap_or(number),
            parent,
            lead_units: owners.lead,
            co_units: owners.co,
            units: mentioned,
            deadline,
            indicator: ind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_an_item_read_by_its_columns() {
        let text = "云州市2020年重点任务分解表\n\
            序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
            一\t稳定经济运行\t\t\t\n\
            1\t开工建设重大项目50个，完成投资300亿元\t市发改委\t市财政局、市自然资源局\t2020年12月底\n\
            2\t规模以上工业增加值增长6%左右\t市工信局\t市统计局\t年内持续推进\n\
            二\t改善生态环境\t市生态环境局\t\t\n\
            1\t完成燃煤锅炉淘汰改造\t\t\t10月底前\n";
        let t = Text::new(text);
        assert!(is_table(&t));
        let got = parse(&t, 2020);
        type Row<'a> = (&'a str, u8, Option<usize>, Vec<String>, Vec<String>);
        let view: Vec<Row<'_>> = got
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
        assert_eq!(
            got[1].deadline.as_ref().map(crate::deadline::label).as_deref(),
            Some("2020-12-31")
        );
        assert_eq!(got[2].kind, ItemKind::Indicator);
        assert_eq!(
            view[4].3,
            vec!["市生态环境局".to_string()],
            "an empty owner cell is the row above's"
        );
        assert_eq!(
            got[4].deadline.as_ref().map(crate::deadline::label).as_deref(),
            Some("2020-10-31")
        );
        let span: String = text
            .chars()
            .skip(got[1].span.0)
            .take(got[1].span.1 - got[1].span.0)
            .collect();
        assert!(span.starts_with("1\t开工建设重大项目50个"), "{span:?}");
    }

    #[test]
    fn text_without_a_task_and_an_owner_column_is_not_a_table() {
        assert!(!is_table(&Text::new("姓名\t单位\t电话\n张三\t市发改委\t123\n")));
    }
}
