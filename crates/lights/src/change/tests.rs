//! What each kind of change means for the judged state, the public site and the history.

use super::*;

#[test]
fn a_units_own_reporting_never_shows_in_public_until_accepted() {
    assert!(!Change::ReportSubmitted { task: 1 }.shows_in_public());
    assert!(!Change::ReportReturned { task: 1 }.shows_in_public());
    assert!(Change::ReportAccepted { task: 1 }.shows_in_public());
    assert!(!Change::OrderIssued { task: Some(1) }.shows_in_public());
}

#[test]
fn a_change_keeps_the_action_name_its_history_always_had() {
    assert_eq!(
        Change::RequestDecided {
            task: 1,
            approved: false
        }
        .action(),
        "request.rejected"
    );
    assert_eq!(Change::TaskEdited { task: 1 }.action(), "task.updated");
    assert_eq!(
        Change::OrderDecided {
            task: None,
            decision: ReplyDecision::Continue
        }
        .action(),
        "supervision.continued"
    );
}

#[test]
fn every_change_to_a_task_judges_it_again_and_kinds_keep_their_own_names() {
    for c in Change::every_kind() {
        if c.task().is_some() {
            assert_ne!(c.effect(), Effect::None, "{c:?} changes a task but judges nothing");
        }
        assert!(c.action().contains('.'), "{c:?}");
    }
    let mut kinds = Change::every_kind();
    // Closing an order outright and deciding its reply as closed are one action in the
    // history, as they always were; no other two kinds share a name.
    kinds.push(Change::OrderDecided {
        task: Some(1),
        decision: ReplyDecision::Close,
    });
    let mut names: Vec<&str> = kinds.iter().map(Change::action).collect();
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n - 1, "two kinds of change share a name");
}

#[test]
fn thresholds_and_the_calendar_rejudge_wholes_and_a_bulletin_nothing() {
    assert_eq!(Change::PlanEdited { plan: 3 }.effect(), Effect::Plan(3));
    assert_eq!(Change::CalendarReplaced.effect(), Effect::Region);
    assert_eq!(Change::BulletinPublished.effect(), Effect::None);
    assert_eq!(
        Change::OrderIssued { task: Some(4) }.effect(),
        Effect::Task { task: 4, public: false }
    );
}
