//! Writing a task's progress reports in the demo, as of the demo's day.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use luoshi_store::{
    Result, Tx,
    report::{NewReport, insert_report},
};

use crate::{prose, rng::Rng};

/// One report to write.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The period's first day.
    pub period: NaiveDate,
    /// The day the report is due.
    pub due: NaiveDate,
    /// Percent complete.
    pub progress: i64,
    /// `accepted`, `submitted`, `returned` or `draft`.
    pub status: &'static str,
}

/// 10:00 China time on `d`.
fn morning(d: NaiveDate, minute: u32) -> DateTime<Utc> {
    let naive = d.and_hms_opt(2, minute % 60, 0).unwrap_or_default();
    Utc.from_utc_datetime(&naive)
}

/// Why the supervision office returns a demo report.
const RETURN_NOTES: &[&str] = &[
    "进展情况表述笼统，请补充具体数据和佐证材料后重新报送。",
    "完成进度与实际不符，请核实后重新报送。",
];

/// Writes the steps that fall on or before `today`; returns how many were written.
#[allow(clippy::too_many_arguments)]
pub async fn write(
    tx: &mut Tx,
    region: i64,
    task_id: i64,
    unit_for: impl Fn(NaiveDate) -> i64,
    title: &str,
    steps: &[Step],
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<usize> {
    let mut n = 0;
    for (i, s) in steps.iter().enumerate() {
        let submitted_on = s.due.checked_sub_days(Days::new(rng.below(4))).unwrap_or(s.due);
        if submitted_on > today {
            continue;
        }
        let reviewed_on = submitted_on.checked_add_days(Days::new(2)).unwrap_or(submitted_on);
        // A review that would fall after today has not happened yet.
        let status = match s.status {
            "accepted" | "returned" if reviewed_on > today => "submitted",
            other => other,
        };
        let (content, problems, next) = prose::report_text(rng, title, s.progress, i == 0);
        let submitted_at = (status != "draft").then(|| morning(submitted_on, rng.below(50) as u32));
        let reviewed = matches!(status, "accepted" | "returned");
        let note = if status == "returned" {
            rng.pick(RETURN_NOTES).copied().unwrap_or("")
        } else {
            ""
        };
        insert_report(
            tx,
            region,
            &NewReport {
                task_id,
                unit_id: unit_for(submitted_on),
                period: s.period,
                status,
                progress: s.progress,
                content: &content,
                problems: &problems,
                next_steps: &next,
                author_id: None,
                submitted_at,
                reviewer_id: None,
                reviewed_at: reviewed.then(|| morning(reviewed_on, 30)),
                review_note: note,
            },
            submitted_at.unwrap_or_else(|| morning(submitted_on, 0)),
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
