//! Validated values of plans, tasks and reports, and the small enums that classify them.

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// A task's title: trimmed, not empty, at most 500 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

impl TaskTitle {
    /// Longest title accepted, in characters.
    pub const MAX_CHARS: usize = 500;

    /// Validates a title.
    pub fn parse(s: &str) -> Result<TaskTitle, ValidationError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(ValidationError::new(
                "title",
                crate::codes::TASK_TITLE_EMPTY,
                "任务名称不能为空",
                "The task title is empty",
            ));
        }
        if crate::text::has_hidden(t) {
            return Err(crate::text::hidden_error("title", ("任务名称", "task title")));
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(
                "title",
                crate::codes::TASK_TITLE_TOO_LONG,
                format!("任务名称不能超过{}个字", Self::MAX_CHARS),
                format!("The task title is longer than {} characters", Self::MAX_CHARS),
            ));
        }
        Ok(TaskTitle(t.to_string()))
    }

    /// The title as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Percent complete as reported by a unit: 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Progress(u8);

impl Progress {
    /// Validates a percentage.
    pub fn parse(value: i64) -> Result<Progress, ValidationError> {
        if (0..=100).contains(&value) {
            Ok(Progress(value as u8))
        } else {
            Err(ValidationError::new(
                "progress",
                crate::codes::REPORT_PROGRESS_OUT_OF_RANGE,
                "完成进度应在0到100之间",
                "Progress must be between 0 and 100",
            ))
        }
    }

    /// The percentage.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// A task's weight among its siblings for rollup: 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight(u8);

impl Weight {
    /// Validates a weight.
    pub fn parse(value: i64) -> Result<Weight, ValidationError> {
        if (1..=100).contains(&value) {
            Ok(Weight(value as u8))
        } else {
            Err(ValidationError::new(
                "weight",
                crate::codes::TASK_WEIGHT_OUT_OF_RANGE,
                "权重应在1到100之间",
                "Weight must be between 1 and 100",
            ))
        }
    }

    /// The weight.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// Where a progress report is in its life: draft → submitted → accepted / returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 草稿: saved, not yet sent.
    Draft,
    /// 已报送: waiting for the supervision office.
    Submitted,
    /// 已采纳: accepted by the supervision office.
    Accepted,
    /// 已退回: returned with a reason; back in the unit's inbox.
    Returned,
}

impl ReportStatus {
    /// Every status.
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Draft,
        ReportStatus::Submitted,
        ReportStatus::Accepted,
        ReportStatus::Returned,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Accepted => "accepted",
            ReportStatus::Returned => "returned",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ReportStatus::Draft => ("草稿", "Draft"),
            ReportStatus::Submitted => ("已报送", "Submitted"),
            ReportStatus::Accepted => ("已采纳", "Accepted"),
            ReportStatus::Returned => ("已退回", "Returned"),
        }
    }

    /// Whether the report counts as sent for its period (the "missing report" rule).
    pub fn counts_as_sent(self) -> bool {
        matches!(self, ReportStatus::Submitted | ReportStatus::Accepted)
    }
}

/// Where a plan's tasks come from (DOMAIN.md, 来源/计划).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// 政府工作报告
    WorkReport,
    /// 会议纪要
    Meeting,
    /// 领导批示
    Instruction,
    /// 上级交办
    Assignment,
}

impl PlanKind {
    /// Every kind.
    pub const ALL: [PlanKind; 4] = [
        PlanKind::WorkReport,
        PlanKind::Meeting,
        PlanKind::Instruction,
        PlanKind::Assignment,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PlanKind::WorkReport => "work_report",
            PlanKind::Meeting => "meeting",
            PlanKind::Instruction => "instruction",
            PlanKind::Assignment => "assignment",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<PlanKind> {
        PlanKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            PlanKind::WorkReport => ("政府工作报告", "Government work report"),
            PlanKind::Meeting => ("会议纪要", "Meeting"),
            PlanKind::Instruction => ("领导批示", "Leader's instruction"),
            PlanKind::Assignment => ("上级交办", "Higher-level assignment"),
        }
    }
}

/// A unit's category, used to rank like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitCategory {
    /// 市直部门
    Department,
    /// 县市区
    County,
    /// 开发区
    Zone,
    /// 督查室 and the government office
    Office,
    /// Any other unit (其他)
    Other,
}

impl UnitCategory {
    /// Every category.
    pub const ALL: [UnitCategory; 5] = [
        UnitCategory::Department,
        UnitCategory::County,
        UnitCategory::Zone,
        UnitCategory::Office,
        UnitCategory::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            UnitCategory::Department => "department",
            UnitCategory::County => "county",
            UnitCategory::Zone => "zone",
            UnitCategory::Office => "office",
            UnitCategory::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<UnitCategory> {
        UnitCategory::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The category in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            UnitCategory::Department => ("市直部门", "City department"),
            UnitCategory::County => ("县（市、区）", "County or district"),
            UnitCategory::Zone => ("开发区", "Development zone"),
            UnitCategory::Office => ("政府办公室", "Government office"),
            UnitCategory::Other => ("其他", "Other"),
        }
    }

    /// Parses a code, or a category's name as a person types it in a sheet (Chinese or English,
    /// `县(市、区)` and `县市区` alike).
    pub fn parse_words(words: &str) -> Option<UnitCategory> {
        let w: String = words
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）' | '、'))
            .collect();
        let w = w.to_lowercase();
        UnitCategory::ALL
            .into_iter()
            .find(|k| {
                let (zh, en) = k.names();
                w == k.code() || w == en.to_lowercase().replace(' ', "") || w == zh.replace(['（', '）', '、'], "")
            })
            .or(match w.as_str() {
                "县" | "县区" | "区" | "县市" | "县市区" => Some(UnitCategory::County),
                "部门" | "市直单位" | "市直" => Some(UnitCategory::Department),
                "督查室" | "办公室" | "政府办" => Some(UnitCategory::Office),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_title_is_rejected_with_a_stable_code() {
        assert_eq!(TaskTitle::parse("  ").unwrap_err().code, "TASK_TITLE_EMPTY");
        assert_eq!(TaskTitle::parse(" 抓好安全生产 ").unwrap().as_str(), "抓好安全生产");
    }

    #[test]
    fn a_title_of_501_characters_is_too_long() {
        let long = "字".repeat(501);
        assert_eq!(TaskTitle::parse(&long).unwrap_err().code, "TASK_TITLE_TOO_LONG");
        assert!(TaskTitle::parse(&"字".repeat(500)).is_ok());
    }

    #[test]
    fn progress_is_bounded_to_0_through_100() {
        assert!(Progress::parse(-1).is_err());
        assert!(Progress::parse(101).is_err());
        assert_eq!(Progress::parse(100).unwrap().get(), 100);
        assert_eq!(Progress::parse(0).unwrap().get(), 0);
    }

    #[test]
    fn weight_is_bounded_to_1_through_100() {
        assert!(Weight::parse(0).is_err());
        assert!(Weight::parse(1).is_ok());
        assert!(Weight::parse(101).is_err());
    }

    #[test]
    fn only_submitted_and_accepted_reports_count_as_sent() {
        let sent: Vec<_> = ReportStatus::ALL.into_iter().filter(|s| s.counts_as_sent()).collect();
        assert_eq!(sent, vec![ReportStatus::Submitted, ReportStatus::Accepted]);
    }

    #[test]
    fn stored_codes_round_trip() {
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(s.code()), Some(s));
        }
        for k in PlanKind::ALL {
            assert_eq!(PlanKind::parse(k.code()), Some(k));
        }
        for c in UnitCategory::ALL {
            assert_eq!(UnitCategory::parse(c.code()), Some(c));
        }
    }
}
