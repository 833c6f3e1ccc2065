//! Supervision bulletins (督查通报): the facts of a period, the draft text written from them,
//! the light markup an editor may change (headings, paragraphs, tables), and the checks on a
//! bulletin before it is saved or published.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{ValidationError, fmt_date, lang::Lang};

/// Light counts of one plan, or of all plans together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCounts {
    /// The plan's title (`合计` for the total).
    pub plan: String,
    /// Tasks without sub-tasks that have started.
    pub tasks: usize,
    /// Done (blue).
    pub blue: usize,
    /// On track (green).
    pub green: usize,
    /// Lagging (yellow).
    pub yellow: usize,
    /// Badly lagging or overdue (red).
    pub red: usize,
}

/// A task named in a bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedTask {
    /// Outline number in its plan, e.g. `2.1.3`.
    pub number: String,
    /// Title.
    pub title: String,
    /// What is wrong, e.g. `超期15天` or `进度滞后30个百分点`.
    pub why: String,
}

/// One lead unit with its lagging, overdue and unreported tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    /// The unit's name (as it was called at the end of the period).
    pub unit: String,
    /// Tasks past their deadline and not done.
    pub overdue: Vec<NamedTask>,
    /// Tasks behind time.
    pub lagging: Vec<NamedTask>,
    /// Tasks whose latest report due was not sent.
    pub missing: usize,
}

/// Supervision orders in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderCounts {
    /// Issued in the period.
    pub issued: usize,
    /// Closed (办结销号) in the period.
    pub closed: usize,
    /// Not closed at the end of the period.
    pub open: usize,
    /// Of those, past their reply deadline.
    pub overdue: usize,
}

/// Everything a bulletin reports, as things stood at the end of its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinFacts {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Per plan.
    pub plans: Vec<PlanCounts>,
    /// All plans.
    pub total: PlanCounts,
    /// Units with overdue, lagging or unreported tasks, worst first.
    pub units: Vec<UnitLine>,
    /// Supervision orders.
    pub orders: OrderCounts,
}

/// A period in words: `2020年6月`, `2020年第二季度`, `2020年上半年`, `2020年`, or
/// `2020年5月1日至6月30日`.
pub fn period_name(from: NaiveDate, to: NaiveDate) -> String {
    let y = from.year();
    let month_end = |d: NaiveDate| (d + chrono::Duration::days(1)).day() == 1;
    if from.year() == to.year() && from.day() == 1 && month_end(to) {
        let (m0, m1) = (from.month(), to.month());
        if m0 == m1 {
            return format!("{y}年{m0}月");
        }
        if (m0, m1) == (1, 12) {
            return format!("{y}年");
        }
        if (m0, m1) == (1, 6) {
            return format!("{y}年上半年");
        }
        if (m0, m1) == (7, 12) {
            return format!("{y}年下半年");
        }
        if m1 == m0 + 2 && m0 % 3 == 1 {
            let q = ["一", "二", "三", "四"][(m0 / 3) as usize];
            return format!("{y}年第{q}季度");
        }
        if m0 == 1 {
            return format!("{y}年1—{m1}月");
        }
    }
    let to_text = if to.year() == y {
        format!("{}月{}日", to.month(), to.day())
    } else {
        fmt_date(to, Lang::Zh)
    };
    format!("{}至{}", fmt_date(from, Lang::Zh), to_text)
}

/// The draft a bulletin starts from: its title and body in the bulletin markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// 标题.
    pub title: String,
    /// 正文, in the markup `blocks` reads.
    pub body: String,
}

/// Writes the draft of a bulletin from its facts: the overall picture with a table per plan,
/// the overdue and lagging tasks named by unit, the supervision orders, and what the units must
/// do next. `office` is the issuing office, `to` whom it addresses (see [`addressees`]),
/// `reply_by` the day rectification reports are due, `red_periods` the number of red periods in a
/// row after which the plans' ladders propose accountability (`None` when they differ; `Some(0)`
/// when none does).
pub fn draft(f: &BulletinFacts, office: &str, to: &str, reply_by: NaiveDate, red_periods: Option<u32>) -> Draft {
    let period = period_name(f.from, f.to);
    let t = &f.total;
    let mut b = String::new();
    let mut line = |s: &str| {
        b.push_str(s);
        b.push('\n');
    };
    line(to);
    line(&format!(
        "现将{period}全市重点工作推进情况通报如下。数据截至{}，以各单位报送的最新进展为准。",
        fmt_date(f.to, Lang::Zh)
    ));
    line("一、总体情况");
    line(&format!(
        "纳入督查的{}项任务中，已办结{}项，正常推进（绿灯）{}项，进度滞后（黄灯）{}项，严重滞后或超期（红灯）{}项。",
        t.tasks, t.blue, t.green, t.yellow, t.red
    ));
    line("| 工作计划 | 任务数 | 已办结 | 绿灯 | 黄灯 | 红灯 |");
    for p in f.plans.iter().chain(std::iter::once(t)) {
        line(&format!(
            "| {} | {} | {} | {} | {} | {} |",
            cell(&p.plan),
            p.tasks,
            p.blue,
            p.green,
            p.yellow,
            p.red
        ));
    }
    line("二、超期和滞后任务");
    let overdue: Vec<&UnitLine> = f.units.iter().filter(|u| !u.overdue.is_empty()).collect();
    let lagging: Vec<&UnitLine> = f.units.iter().filter(|u| !u.lagging.is_empty()).collect();
    line("（一）超期未完成的任务");
    if overdue.is_empty() {
        line("本期无超期未完成的任务。");
    }
    for u in &overdue {
        line(&format!("{}：{}。", u.unit, named(&u.overdue)));
    }
    line("（二）进度滞后的任务");
    if lagging.is_empty() {
        line("本期无进度滞后的任务。");
    }
    for u in &lagging {
        line(&format!("{}：{}。", u.unit, named(&u.lagging)));
    }
    if !f.units.is_empty() {
        line("| 牵头单位 | 超期 | 滞后 | 未按时报送 |");
        for u in &f.units {
            line(&format!(
                "| {} | {} | {} | {} |",
                cell(&u.unit),
                u.overdue.len(),
                u.lagging.len(),
                u.missing
            ));
        }
    }
    line("三、督办落实情况");
    line(&orders_sentence(&f.orders, f.to));
    line("四、下步工作要求");
    let accountability = match red_periods {
        Some(0) => String::new(),
        Some(n) => format!("对连续{n}期亮红灯的任务，将按规定启动问责程序。"),
        None => "对连续亮红灯的任务，将按各工作计划的催办规则启动问责程序。".to_string(),
    };
    line(&format!(
        "请通报中涉及的单位认真分析原因，制定整改措施，明确完成时限，于{}前将整改情况报{office}。{accountability}",
        fmt_date(reply_by, Lang::Zh)
    ));
    Draft {
        title: format!("关于{period}重点工作推进情况的通报"),
        body: b,
    }
}

/// The orders of the period in a sentence, leaving out what is zero.
fn orders_sentence(o: &OrderCounts, to: NaiveDate) -> String {
    let mut s = match (o.issued, o.closed) {
        (0, 0) => "本期未下发督办单，无办结销号的督办单".to_string(),
        (i, 0) => format!("本期共下发督办单{i}件"),
        (0, c) => format!("本期未下发新的督办单，办结销号{c}件"),
        (i, c) => format!("本期共下发督办单{i}件，办结销号{c}件"),
    };
    let day = fmt_date(to, Lang::Zh);
    match (o.open, o.overdue) {
        (0, _) => s.push_str(&format!("；截至{day}，督办单已全部办结。")),
        (n, 0) => s.push_str(&format!("；截至{day}，尚有{n}件未办结，均在回复时限内。")),
        (n, d) => s.push_str(&format!("；截至{day}，尚有{n}件未办结，其中{d}件已超过回复时限。")),
    }
    s
}

/// Tasks named in a sentence: “title”（why）; quotation marks inside a title become single
/// ones, as Chinese typesetting nests them.
fn named(tasks: &[NamedTask]) -> String {
    tasks
        .iter()
        .map(|t| format!("“{}”（{}）", t.title.replace('“', "‘").replace('”', "’"), t.why))
        .collect::<Vec<_>>()
        .join("；")
}

/// A table cell's text: the bar that separates cells cannot appear inside one.
fn cell(s: &str) -> String {
    s.replace('|', "／")
}

/// Where a bulletin is in its life: a draft the office edits, then published as 第N期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BulletinStatus {
    /// 草稿.
    Draft,
    /// 已印发.
    Published,
}

impl BulletinStatus {
    /// Every status.
    pub const ALL: [BulletinStatus; 2] = [BulletinStatus::Draft, BulletinStatus::Published];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            BulletinStatus::Draft => "draft",
            BulletinStatus::Published => "published",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<BulletinStatus> {
        BulletinStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A piece of a bulletin's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Block {
    /// A first-level heading (`一、…`), 黑体.
    Heading(String),
    /// A second-level heading (`（一）…`), 楷体.
    Subheading(String),
    /// A paragraph, indented two characters.
    Paragraph(String),
    /// A table; the first row is its header.
    Table(Vec<Vec<String>>),
}

/// Reads the bulletin markup: one block per line; `一、` starts a heading, `（一）` a
/// sub-heading, lines starting with `|` are table rows (consecutive rows make one table),
/// other non-blank lines are paragraphs. The first line of a body addressed to units
/// (ending in `：`) is kept as a paragraph without indent by the renderers.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for raw in body.lines() {
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(row) = l.strip_prefix('|') {
            let row = row.strip_suffix('|').unwrap_or(row);
            let cells: Vec<String> = row.split('|').map(|c| c.trim().to_string()).collect();
            if let Some(Block::Table(rows)) = out.last_mut() {
                rows.push(cells);
            } else {
                out.push(Block::Table(vec![cells]));
            }
        } else if is_heading(l) {
            out.push(Block::Heading(l.to_string()));
        } else if is_subheading(l) {
            out.push(Block::Subheading(l.to_string()));
        } else {
            out.push(Block::Paragraph(l.to_string()));
        }
    }
    out
}

const NUMERALS: &str = "一二三四五六七八九十";

fn is_heading(l: &str) -> bool {
    let head: String = l.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    !head.is_empty() && head.chars().count() <= 3 && l[head.len()..].starts_with('、')
}

fn is_subheading(l: &str) -> bool {
    let Some(rest) = l.strip_prefix('（') else {
        return false;
    };
    let head: String = rest.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    !head.is_empty() && head.chars().count() <= 3 && rest[head.len()..].starts_with('）')
}

/// A bulletin as typed by its editor.
#[derive(Debug, Clone, Default)]
pub struct BulletinInput {
    /// 标题.
    pub title: String,
    /// 正文 in the bulletin markup.
    pub body: String,
    /// 抄送.
    pub cc: String,
    /// 责任编辑.
    pub editor: String,
}

impl BulletinInput {
    /// The input without control characters (a pasted text may carry them; Word cannot hold
    /// them): lines stay lines in the body, the other fields become one trimmed line each.
    pub fn cleaned(&self) -> BulletinInput {
        let line = |s: &str| {
            s.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .to_string()
        };
        BulletinInput {
            title: line(&self.title),
            body: self
                .body
                .lines()
                .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n"),
            cc: line(&self.cc),
            editor: line(&self.editor),
        }
    }
}

/// Checks a bulletin's period before its facts are gathered.
pub fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>, today: NaiveDate) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    if from.is_none() {
        errs.push(ValidationError::new(
            "period_from",
            crate::codes::BULLETIN_FROM_MISSING,
            "请填写通报期间的起始日期",
            "Give the first day of the period",
        ));
    }
    match to {
        None => errs.push(ValidationError::new(
            "period_to",
            crate::codes::BULLETIN_TO_MISSING,
            "请填写通报期间的截止日期",
            "Give the last day of the period",
        )),
        Some(t) if t > today => errs.push(ValidationError::new(
            "period_to",
            crate::codes::BULLETIN_TO_FUTURE,
            format!("截止日期不能晚于今天（{}）", fmt_date(today, Lang::Zh)),
            format!("The period cannot end after today ({})", fmt_date(today, Lang::En)),
        )),
        Some(t) => match from {
            Some(f) if f > t => errs.push(ValidationError::new(
                "period_from",
                crate::codes::BULLETIN_PERIOD_REVERSED,
                "起始日期不能晚于截止日期",
                "The first day is after the last",
            )),
            Some(f) if (t - f).num_days() > 365 => errs.push(ValidationError::new(
                "period_from",
                crate::codes::BULLETIN_PERIOD_TOO_LONG,
                "通报期间不能超过一年",
                "A bulletin covers a year at most",
            )),
            _ => {}
        },
    }
    errs
}

/// Checks a bulletin's text; every problem is listed.
pub fn check_bulletin(b: &BulletinInput) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    let title = b.title.trim();
    if title.is_empty() {
        errs.push(ValidationError::new(
            "title",
            crate::codes::BULLETIN_TITLE_EMPTY,
            "请填写标题",
            "Give the bulletin a title",
        ));
    } else if title.chars().count() > 100 {
        errs.push(ValidationError::new(
            "title",
            crate::codes::BULLETIN_TITLE_TOO_LONG,
            "标题不能超过100字",
            "The title is longer than 100 characters",
        ));
    } else if crate::text::has_hidden(title) {
        errs.push(crate::text::hidden_error("title", ("标题", "title")));
    }
    if b.body.trim().is_empty() {
        errs.push(ValidationError::new(
            "body",
            crate::codes::BULLETIN_BODY_EMPTY,
            "请填写正文",
            "The body is empty",
        ));
    } else if b.body.chars().count() > 50_000 {
        errs.push(ValidationError::new(
            "body",
            crate::codes::BULLETIN_BODY_TOO_LONG,
            "正文不能超过50000字",
            "The body is longer than 50,000 characters",
        ));
    }
    if b.cc.chars().count() > 500 {
        errs.push(ValidationError::new(
            "cc",
            crate::codes::BULLETIN_CC_TOO_LONG,
            "抄送不能超过500字",
            "The copy-to line is longer than 500 characters",
        ));
    }
    if b.editor.trim().is_empty() {
        errs.push(ValidationError::new(
            "editor",
            crate::codes::BULLETIN_EDITOR_EMPTY,
            "请填写责任编辑",
            "Name the responsible editor",
        ));
    } else if b.editor.chars().count() > 50 {
        errs.push(ValidationError::new(
            "editor",
            crate::codes::BULLETIN_EDITOR_TOO_LONG,
            "责任编辑不能超过50字",
            "The editor's name is longer than 50 characters",
        ));
    }
    errs
}

/// A bulletin's number in its series: `2020年第3期`.
pub fn issue_name(year: i64, seq: i64) -> String {
    format!("{year}年第{seq}期")
}

mod addressees;
pub use addressees::addressees;

#[cfg(test)]
mod tests;
