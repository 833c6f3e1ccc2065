//! A supervision order as the document the office sends (督办通知单): its body as blocks, the same
//! for the .docx in the official layout (GB/T 9704) and the printable page.

use luoshi_domain::Block;

use super::supervision::OrderDetail;

/// Chinese numerals for first-level headings.
const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// The 督办通知单 of an order, as the office words it.
#[derive(Debug, Clone)]
pub struct OrderDoc {
    /// 发文机关标志.
    pub masthead: &'static str,
    /// The order's number, e.g. `云督〔2020〕5号`.
    pub number: String,
    /// The issuing office.
    pub office: String,
    /// The day it was issued, in words.
    pub date: String,
    /// The title.
    pub title: String,
    /// The body.
    pub body: Vec<Block>,
}

impl OrderDoc {
    /// The document of `d`, issued by `office` on `date` (in words).
    pub fn new(d: &OrderDetail, office: &str, date: String) -> OrderDoc {
        let o = &d.order;
        let mut body = vec![Block::Paragraph(format!("{}：", o.lead_unit))];
        let basis = if d.source_text.trim().is_empty() {
            String::new()
        } else {
            format!("根据{}，", o.source_name)
        };
        body.push(Block::Paragraph(format!(
            "{basis}现将“{}”列为{}事项，请认真抓好落实。",
            o.title, o.level_name
        )));
        let mut n = 0;
        let mut heading = |body: &mut Vec<Block>, text: &str| {
            body.push(Block::Heading(format!(
                "{}、{text}",
                NUMERALS[n.min(NUMERALS.len() - 1)]
            )));
            n += 1;
        };
        heading(&mut body, "督办事项");
        if !d.task_title.is_empty() {
            body.push(Block::Paragraph(format!(
                "督办任务：{}。",
                d.task_title.trim_end_matches('。')
            )));
        }
        for line in d.requirement.lines().filter(|l| !l.trim().is_empty()) {
            body.push(Block::Paragraph(line.trim().to_string()));
        }
        if !d.source_text.trim().is_empty() {
            heading(&mut body, "督办依据");
            for line in d.source_text.lines().filter(|l| !l.trim().is_empty()) {
                body.push(Block::Paragraph(line.trim().to_string()));
            }
        }
        heading(&mut body, "办理要求");
        let with = if o.co_units.is_empty() {
            String::new()
        } else {
            format!("，{}配合", o.co_units)
        };
        body.push(Block::Paragraph(format!(
            "请{}牵头{with}，于{}前将办理情况以{}形式报送{office}。逾期未报送或办理不力的，将按有关规定予以通报。",
            o.lead_unit, o.reply_due_text, o.mode_name
        )));
        body.push(Block::Table(vec![
            vec![
                "督办等级".into(),
                "牵头单位".into(),
                "配合单位".into(),
                "答复时限".into(),
            ],
            vec![
                o.level_name.clone(),
                o.lead_unit.clone(),
                if o.co_units.is_empty() {
                    "—".into()
                } else {
                    o.co_units.clone()
                },
                o.reply_due_text.clone(),
            ],
        ]));
        OrderDoc {
            masthead: "督办通知单",
            number: o.doc_no.clone(),
            office: office.to_string(),
            date,
            title: o.title.clone(),
            body,
        }
    }

    /// The .docx in the official layout.
    pub fn docx(&self) -> Result<Vec<u8>, luoshi_office::DocxError> {
        luoshi_office::official_docx(&luoshi_office::OfficialDoc {
            masthead: self.masthead,
            number: &self.number,
            issuer: &self.office,
            date: &self.date,
            title: &self.title,
            body: &self.body,
            cc: "",
            printed_by: &self.office,
            printed_on: &self.date,
        })
    }

    /// The body as the printable page shows it.
    pub fn blocks(&self) -> Vec<super::bulletin::BlockView> {
        super::bulletin::block_views(self.body.clone())
    }
}
